"""The package's zip container, written and read byte-exactly.

Packages are ordinary zip files (any unzip tool opens them), but of one fixed shape, so
that every byte of the file is either checked against a constant, checked against another
copy of itself, or covered by a hash or the signature: local headers back to back from
offset 0, then the central directory in the same order, then the end record, and nothing
else. No extra fields, comments, data descriptors, encryption or Zip64; fixed times and
attributes. The reader here refuses anything else, before a single byte is decompressed,
and reads entries with hard limits so a zip bomb cannot exhaust memory or disk.
"""

from __future__ import annotations

import queue
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from gwgk_desktop import hashing
from gwgk_desktop.submission.errors import Failure, PackageError

LOCAL_SIG = 0x04034B50
CENTRAL_SIG = 0x02014B50
END_SIG = 0x06054B50
LOCAL = struct.Struct("<IHHHHHIIIHH")  # 30 bytes
CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")  # 46 bytes
END = struct.Struct("<IHHHHIIH")  # 22 bytes

VERSION = 20  # "version made by" and "needed to extract": 2.0, MS-DOS host
DOS_TIME = 0
DOS_DATE = (1 << 5) | 1  # 1980-01-01, the earliest a zip can say
STORE = 0
DEFLATE = 8
METHOD_NAMES = {STORE: "store", DEFLATE: "deflate"}
MAX_U32 = 0xFFFFFFFF
MAX_ENTRIES = 0xFFFF
CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    """What a reader accepts before it starts decompressing anything."""

    package_size: int
    entry_size: int
    total_size: int
    entries: int
    ratio: int
    ratio_floor: int


@dataclass(frozen=True)
class Entry:
    """One entry as the central directory (and the matching local header) describes it."""

    name: str
    method: int
    crc: int
    zip_size: int
    size: int
    header_offset: int

    @property
    def data_offset(self) -> int:
        return self.header_offset + LOCAL.size + len(self.name.encode("ascii"))


@dataclass(frozen=True)
class Digest:
    """What reading an entry's bytes found: uncompressed size and SHA-256, and the SHA-256
    of the bytes as they are stored in the zip."""

    size: int
    sha256: str
    zip_size: int
    zip_sha256: str


@dataclass(frozen=True)
class Expected:
    """A stored entry's bytes as they were digested before they are written (an export
    digests its attachments ahead, ``services.blob_digests``): the writer then computes
    only their CRC-32, and refuses them (``NotAsExpected``) when it or the size differs."""

    size: int
    crc: int
    sha256: str


class NotAsExpected(ValueError):
    """An entry's bytes were not those digested before (``Expected``)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name}: the bytes written differ from the bytes digested before")
        self.name = name


# ------------------------------------------------------------------ writing


def local_header(method: int, crc: int, zip_size: int, size: int, name: bytes) -> bytes:
    """The one valid local header (with its name) for these values."""
    fields = (LOCAL_SIG, VERSION, 0, method, DOS_TIME, DOS_DATE, crc, zip_size, size, len(name), 0)
    return LOCAL.pack(*fields) + name


class _Inline:
    """Runs a ``ZipWriter``'s file work where it is asked for."""

    def run(self, task: Callable[[], None]) -> None:
        task()

    def drain(self) -> None:
        pass

    def close(self, abandon: bool = False) -> None:
        pass


class _Worker:
    """Runs a ``ZipWriter``'s file work (CRC, SHA-256, deflate, writes: all of which let
    go of the GIL for large buffers) on one thread, in the order it was asked for, while
    the caller builds the next records. At most ``depth`` tasks wait, so memory stays
    bounded. The first error stops the work: every later call raises it, so the caller
    sees it at its next write, close or ``drain`` and nothing after it is written."""

    def __init__(self, depth: int = 8) -> None:
        self._tasks: queue.Queue[Callable[[], None] | None] = queue.Queue(depth)
        self._error: BaseException | None = None
        self._abandoned = False
        self._thread = threading.Thread(target=self._serve, name="package-writer", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while (task := self._tasks.get()) is not None:
            if self._error is None and not self._abandoned:
                try:
                    task()
                except BaseException as error:  # handed to the caller by _raise
                    self._error = error
            self._tasks.task_done()
        self._tasks.task_done()

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def run(self, task: Callable[[], None]) -> None:
        self._raise()
        self._tasks.put(task)

    def drain(self) -> None:
        """Wait until everything asked for is done; raise the first error of it."""
        self._tasks.join()
        self._raise()

    def close(self, abandon: bool = False) -> None:
        """Stop the thread after what is queued (``abandon``: without doing it; nothing
        is written after an error either)."""
        self._abandoned = self._abandoned or abandon
        if self._thread.is_alive():
            self._tasks.put(None)
            self._thread.join()


#: Small writes (one JSON line each) are gathered into buffers of this size before the
#: CRC, the hashes and the compressor see them: fewer calls, each long enough to run
#: without the GIL.
_BUFFER = 1 << 18


class EntryWriter:
    """Streams one entry's bytes into the zip (compressing and hashing on the way)."""

    def __init__(
        self, zip_writer: ZipWriter, name: str, method: int, expected: Expected | None = None
    ) -> None:
        if expected is not None and method != STORE:
            raise ValueError("only a stored entry's bytes can be digested before")
        self._zip = zip_writer
        self._expected = expected
        self.name = name
        self.method = method
        self._raw = zip_writer.handle
        self.offset = 0
        self._name_bytes = name.encode("ascii")
        self._crc = 0
        self._size = 0
        self._zip_size = 0
        # Bytes digested before are not hashed again (their CRC is checked instead).
        self._sha: hashing.Sha256 | None = hashing.sha256() if expected is None else None
        # A stored entry's bytes in the zip are its bytes: one hash serves both digests
        # (hashing 100 MB of attachments twice was a fifth of an export).
        self._zip_sha = hashing.sha256() if method == DEFLATE else None
        self._compressor = zlib.compressobj(6, zlib.DEFLATED, -15) if method == DEFLATE else None
        self._pending: list[bytes] = []
        self._pending_size = 0
        self.digest: Digest | None = None
        self._ended = False
        self._zip.work.run(self._start)

    def _start(self) -> None:
        self.offset = self._raw.tell()
        # Sizes and CRC are unknown yet: written as zeros, patched in close().
        self._raw.write(local_header(self.method, 0, 0, 0, self._name_bytes))

    def _emit(self, data: bytes) -> None:
        if data:
            self._raw.write(data)
            if self._zip_sha is not None:
                self._zip_sha.update(data)
            self._zip_size += len(data)

    def _take(self, data: bytes) -> None:
        self._crc = zlib.crc32(data, self._crc)
        if self._sha is not None:
            self._sha.update(data)
        self._size += len(data)
        if self._compressor is not None:
            self._emit(self._compressor.compress(data))
        else:
            self._emit(data)

    def write(self, data: bytes) -> None:
        if not data:
            return
        if len(data) >= _BUFFER and not self._pending:
            chunk = bytes(data)  # taken later: a buffer the caller reuses must not change
            self._zip.work.run(lambda: self._take(chunk))
            return
        self._pending.append(bytes(data))
        self._pending_size += len(data)
        if self._pending_size >= _BUFFER:
            self._hand_on()

    def _hand_on(self) -> None:
        if self._pending:
            gathered = b"".join(self._pending)
            self._pending, self._pending_size = [], 0
            self._zip.work.run(lambda: self._take(gathered))

    def _finish(self) -> None:
        if self._compressor is not None:
            self._emit(self._compressor.flush())
        if max(self._size, self._zip_size, self._raw.tell()) > MAX_U32:
            raise ValueError("entry or package beyond 4 GiB (Zip64 is not used)")
        end = self._raw.tell()
        self._raw.seek(self.offset)
        self._raw.write(
            local_header(self.method, self._crc, self._zip_size, self._size, self._name_bytes)
        )
        self._raw.seek(end)
        if self._sha is not None:
            sha = self._sha.hexdigest()
        else:
            assert self._expected is not None
            if (self._size, self._crc) != (self._expected.size, self._expected.crc):
                raise NotAsExpected(self.name)
            sha = self._expected.sha256
        zip_sha = self._zip_sha.hexdigest() if self._zip_sha is not None else sha
        self.digest = Digest(self._size, sha, self._zip_size, zip_sha)
        self._zip.entries.append(
            Entry(self.name, self.method, self._crc, self._zip_size, self._size, self.offset)
        )

    def end(self) -> None:
        """No more bytes: the entry is finished in turn with the rest of the file work,
        without waiting for it (``digest`` is set once ``ZipWriter.drain`` returns)."""
        if not self._ended:
            self._ended = True
            self._hand_on()
            self._zip.work.run(self._finish)

    def close(self) -> Digest:
        self.end()
        self._zip.work.drain()
        assert self.digest is not None
        return self.digest

    def __enter__(self) -> EntryWriter:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        if exc_type is None:
            self.close()


class ZipWriter:
    """Writes a package-shaped zip to a seekable binary file, entry by entry. With
    ``background``, the file work runs on a thread of its own (``_Worker``); ``close``
    stops it, and must be called (``with ZipWriter(...)``) however the writing ends."""

    def __init__(self, handle: BinaryIO, *, background: bool = False) -> None:
        self.handle = handle
        self.entries: list[Entry] = []
        self.work: _Inline | _Worker = _Worker() if background else _Inline()

    def entry(self, name: str, method: int, expected: Expected | None = None) -> EntryWriter:
        if len(self.entries) >= MAX_ENTRIES:
            raise ValueError("too many entries for a zip without Zip64")
        return EntryWriter(self, name, method, expected)

    def add_bytes(self, name: str, data: bytes, method: int) -> Digest:
        with self.entry(name, method) as writer:
            writer.write(data)
        assert writer.digest is not None
        return writer.digest

    def drain(self) -> None:
        """Wait for the file work asked for so far (every entry ended is then finished)."""
        self.work.drain()

    def close(self, abandon: bool = False) -> None:
        """Stop the background work (``abandon``: what is still queued is not written)."""
        self.work.close(abandon)

    def __enter__(self) -> ZipWriter:
        return self

    def __exit__(self, exc_type: object, *_: object) -> None:
        self.close(abandon=exc_type is not None)

    def finish(self) -> None:
        self.work.drain()
        start = self.handle.tell()
        for entry in self.entries:
            name = entry.name.encode("ascii")
            self.handle.write(
                CENTRAL.pack(
                    CENTRAL_SIG,
                    VERSION,
                    VERSION,
                    0,
                    entry.method,
                    DOS_TIME,
                    DOS_DATE,
                    entry.crc,
                    entry.zip_size,
                    entry.size,
                    len(name),
                    0,
                    0,
                    0,
                    0,
                    0,
                    entry.header_offset,
                )
            )
            self.handle.write(name)
        size = self.handle.tell() - start
        count = len(self.entries)
        if self.handle.tell() + END.size > MAX_U32:
            raise ValueError("package beyond 4 GiB (Zip64 is not used)")
        self.handle.write(END.pack(END_SIG, 0, 0, count, count, size, start, 0))


# ------------------------------------------------------------------ reading


def _structure(detail: str, english: str) -> PackageError:
    return PackageError(
        Failure.ZIP_STRUCTURE,
        f"报送包的文件结构不符合规范（{detail}），文件可能被改动或损坏",
        f"zip structure: {english}",
    )


def _read_exact(handle: BinaryIO, offset: int, length: int) -> bytes:
    handle.seek(offset)
    data = handle.read(length)
    if len(data) != length:
        raise PackageError(
            Failure.TRUNCATED,
            "报送包文件不完整（可能在复制时被截断）",
            "file is truncated",
        )
    return data


def name_problem(raw: bytes) -> str | None:
    """Why an entry name is unsafe (absolute, ``..``, backslash, drive letter, control or
    non-ASCII characters, empty parts), or None."""
    if not raw:
        return "空的文件名"
    if any(b < 0x21 or b > 0x7E for b in raw):
        return "含有空格、控制字符或非ASCII字符"
    text = raw.decode("ascii")
    if "\\" in text:
        return "含有反斜杠"
    if text.startswith("/"):
        return "是绝对路径"
    if len(text) >= 2 and text[1] == ":":
        return "含有盘符"
    if ":" in text:
        return "含有冒号"
    parts = text.split("/")
    if any(part in {"..", "."} for part in parts):
        return "含有“..”或“.”路径"
    if any(not part for part in parts):
        return "含有空的路径段（或是文件夹）"
    return None


def read_directory(handle: BinaryIO, file_size: int, limits: Limits) -> list[Entry]:
    """Check the whole container structure and return its entries in order."""
    if file_size > limits.package_size:
        raise PackageError(
            Failure.TOO_LARGE,
            f"报送包文件太大（{file_size} 字节，上限 {limits.package_size} 字节）",
            "package file too large",
        )
    head = _read_exact(handle, 0, min(4, file_size)) if file_size else b""
    if head != struct.pack("<I", LOCAL_SIG):
        raise PackageError(
            Failure.NOT_A_PACKAGE,
            "这不是报送包文件（不是zip格式）",
            "not a zip file",
        )
    if file_size < LOCAL.size + END.size:
        raise PackageError(Failure.TRUNCATED, "报送包文件不完整（可能在复制时被截断）", "truncated")
    end = END.unpack(_read_exact(handle, file_size - END.size, END.size))
    sig, disk, cd_disk, on_disk, total, cd_size, cd_offset, comment = end
    if sig != END_SIG:
        raise PackageError(
            Failure.TRUNCATED,
            "报送包文件不完整（找不到zip结束记录，可能在复制时被截断）",
            "no end-of-central-directory record at the end: truncated or not a package",
        )
    if (disk, cd_disk, comment) != (0, 0, 0) or on_disk != total:
        raise _structure("结束记录", "end record fields")
    if total > limits.entries:
        raise PackageError(
            Failure.TOO_LARGE,
            f"报送包内文件太多（{total} 个，上限 {limits.entries} 个）",
            "too many entries",
        )
    if cd_offset + cd_size != file_size - END.size:
        raise _structure("中央目录位置", "central directory does not end at the end record")
    directory = _read_exact(handle, cd_offset, cd_size)
    entries: list[Entry] = []
    seen: set[str] = set()
    position = 0
    for _ in range(total):
        if position + CENTRAL.size > len(directory):
            raise _structure("中央目录", "central directory too short")
        fields = CENTRAL.unpack_from(directory, position)
        (sig, made_by, needed, flags, method, time, date, crc, zip_size, size, name_len) = fields[
            :11
        ]
        extra_len, comment_len, disk_start, internal, external, offset = fields[11:]
        raw = directory[position + CENTRAL.size : position + CENTRAL.size + name_len]
        position += CENTRAL.size + name_len
        if sig != CENTRAL_SIG or len(raw) != name_len:
            raise _structure("中央目录", "central directory entry")
        problem = name_problem(raw)
        shown = raw.decode("ascii", "replace")
        if problem is None:
            # Names are compared case-insensitively too: unpacked on Windows they collide.
            folded = shown.lower()
            if folded in seen:
                problem = "与另一个文件重名"
            seen.add(folded)
        if problem is not None:
            raise PackageError(
                Failure.BAD_ENTRY_NAME,
                f"报送包中的文件名“{shown}”不安全：{problem}",
                f"unsafe entry name {shown!r}",
            )
        if (made_by, needed, flags, time, date) != (VERSION, VERSION, 0, DOS_TIME, DOS_DATE):
            raise _structure(f"“{shown}”的目录项", f"central header fields of {shown}")
        if (extra_len, comment_len, disk_start, internal, external) != (0, 0, 0, 0, 0):
            raise _structure(f"“{shown}”的目录项", f"central header extras of {shown}")
        if method not in METHOD_NAMES or (method == STORE and size != zip_size):
            raise _structure(f"“{shown}”的压缩方式", f"compression method of {shown}")
        entries.append(Entry(shown, method, crc, zip_size, size, offset))
    if position != len(directory):
        raise _structure("中央目录长度", "central directory length")
    _check_sizes(entries, limits)
    expected = 0
    for entry in entries:
        if entry.header_offset != expected:
            raise _structure(f"“{entry.name}”的位置", f"local header offset of {entry.name}")
        name = entry.name.encode("ascii")
        local = _read_exact(handle, expected, LOCAL.size + len(name))
        wanted = local_header(entry.method, entry.crc, entry.zip_size, entry.size, name)
        if local != wanted:
            raise _structure(f"“{entry.name}”的文件头与目录不一致", f"local header of {entry.name}")
        expected = entry.data_offset + entry.zip_size
    if expected != cd_offset:
        raise _structure("文件之间有多余的数据", "bytes between entries and directory")
    return entries


def _check_sizes(entries: list[Entry], limits: Limits) -> None:
    total = 0
    for entry in entries:
        if entry.size > limits.entry_size:
            raise PackageError(
                Failure.TOO_LARGE,
                f"报送包中的“{entry.name}”太大（{entry.size} 字节，上限 {limits.entry_size} 字节）",
                f"entry {entry.name} too large",
            )
        if (
            entry.method == DEFLATE
            and entry.size > limits.ratio_floor
            and entry.size > limits.ratio * max(entry.zip_size, 1)
        ):
            raise PackageError(
                Failure.ZIP_BOMB,
                f"报送包中的“{entry.name}”压缩比异常（{entry.size // max(entry.zip_size, 1)}:1），"
                "疑似压缩炸弹",
                f"compression ratio of {entry.name} looks like a zip bomb",
            )
        total += entry.size
    if total > limits.total_size:
        raise PackageError(
            Failure.TOO_LARGE,
            f"报送包解压后总大小超过上限（{total} 字节，上限 {limits.total_size} 字节）",
            "total uncompressed size too large",
        )


def _raw_chunks(handle: BinaryIO, entry: Entry) -> Iterator[bytes]:
    handle.seek(entry.data_offset)
    left = entry.zip_size
    while left:
        chunk = handle.read(min(CHUNK, left))
        if not chunk:
            raise PackageError(
                Failure.TRUNCATED, "报送包文件不完整（可能在复制时被截断）", "truncated"
            )
        left -= len(chunk)
        yield chunk


def _altered(entry: Entry, detail: str) -> PackageError:
    return PackageError(
        Failure.ALTERED_FILE,
        f"报送包中的“{entry.name}”已被改动或损坏（{detail}）",
        f"{entry.name} altered: {detail}",
    )


class EntryStream:
    """An entry's uncompressed bytes, in chunks. The output never exceeds the declared
    size (the zip-bomb guard); when iteration ends, the CRC, the size and the end of the
    compressed stream have been checked and ``digest`` is set."""

    def __init__(self, handle: BinaryIO, entry: Entry) -> None:
        self.handle = handle
        self.entry = entry
        self.digest: Digest | None = None
        self._sha = hashing.sha256()
        self._crc = 0
        self._size = 0

    def _take(self, data: bytes) -> bytes:
        self._size += len(data)
        if self._size > self.entry.size:
            raise PackageError(
                Failure.ZIP_BOMB,
                f"报送包中的“{self.entry.name}”解压后超过声明的大小，疑似压缩炸弹",
                f"{self.entry.name} inflates beyond its declared size",
            )
        self._crc = zlib.crc32(data, self._crc)
        if self._sha is not None:
            self._sha.update(data)
        return data

    def __iter__(self) -> Iterator[bytes]:
        entry = self.entry
        if entry.method == STORE:
            # The stored bytes are the entry's bytes: one hash for both digests.
            zip_sha = self._sha
            for chunk in _raw_chunks(self.handle, entry):
                yield self._take(chunk)
        else:
            zip_sha = hashing.sha256()
            yield from self._inflate(zip_sha)
        if self._size != entry.size:
            raise _altered(entry, "大小不符")
        if self._crc != entry.crc:
            raise _altered(entry, "CRC校验不符")
        self.digest = Digest(self._size, self._sha.hexdigest(), entry.zip_size, zip_sha.hexdigest())

    def _inflate(self, zip_sha: Any) -> Iterator[bytes]:
        entry = self.entry
        inflater = zlib.decompressobj(-15)
        try:
            for chunk in _raw_chunks(self.handle, entry):
                zip_sha.update(chunk)
                pending = chunk
                while pending and not inflater.eof:
                    out = inflater.decompress(pending, CHUNK)
                    if out:
                        yield self._take(out)
                    pending = inflater.unconsumed_tail
                if inflater.eof and (pending or inflater.unused_data):
                    raise _altered(entry, "压缩数据后有多余字节")
            while not inflater.eof:
                out = inflater.decompress(inflater.unconsumed_tail, CHUNK)
                if not out:
                    break
                yield self._take(out)
        except zlib.error as error:
            raise _altered(entry, "压缩数据损坏") from error
        if not inflater.eof:
            raise _altered(entry, "压缩数据不完整")


def read_entry(
    handle: BinaryIO, entry: Entry, sink: Callable[[bytes], None] | None = None
) -> Digest:
    """Read and check one entry; ``sink`` gets the uncompressed bytes in chunks."""
    stream = EntryStream(handle, entry)
    for chunk in stream:
        if sink is not None:
            sink(chunk)
    assert stream.digest is not None
    return stream.digest
