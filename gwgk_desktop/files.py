"""Writing a file so that it is either complete under its final name or not there at all
(the .colpkg way): a temporary file in the target folder, fsync, rename, fsync the folder.

Every file the application writes goes through here: packages, key files, registries and
state files, PDFs, editor drafts, database backups and new databases. Failures a user can
act on (full disk, read-only or protected folder, a USB stick pulled out mid-write) become
one ``WriteFailed`` with a clear Chinese message; the temporary file is removed on any
failure and the final name is never touched.

- ``write_bytes_atomic(target, data)``: bytes at hand;
- ``atomic_write(target)``: a context manager over an open handle (streamed writers);
- ``write_via_temp(target, write)``: a writer that needs a path (reportlab, SQLite);
- ``AtomicFile``: the parts, for a commit that must go with a database transaction;
- ``sweep(folder)``: remove what writers killed mid-write left behind.

And reading what a user hands us: ``open_regular`` / ``read_input`` open regular files
only (a named pipe would block forever, a device never end), with one clear message.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from gwgk_desktop import hashing
from gwgk_desktop.beside import Beside
from gwgk_desktop.errors import ReadFailed, WriteFailed
from gwgk_desktop.filelock import in_use, lock_while_open

#: How much of a file is read at once when hashing or copying it.
CHUNK = 1 << 20

_NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}
_DEVICE_GONE = {errno.EIO, errno.ENXIO, errno.ENODEV, errno.ENOENT, errno.ESTALE}


def write_error(error: OSError, target: Path) -> WriteFailed:
    """The message for an OSError met while writing ``target``."""
    code = error.errno
    if code in _NO_SPACE:
        text = (
            f"目标磁盘空间不足，“{target.name}”没有写成（未留下不完整的文件）。"
            "请换一个有足够空间的位置"
        )
        english = f"no space left writing {target}"
    elif code in _READ_ONLY:
        text = (
            f"目标位置只读或没有写入权限，无法写入“{target.name}”。"
            "请检查U盘的写保护开关或换一个文件夹"
        )
        english = f"target is read-only or not writable: {target}"
    elif code in _DEVICE_GONE:
        text = f"写入“{target.name}”时设备出错（U盘可能被拔出），文件没有写成。请重新插好后再试"
        english = f"device error writing {target} (removed?)"
    else:
        text = f"写入“{target.name}”失败（{error.strerror or error}），文件没有写成"
        english = f"cannot write {target}: {error}"
    return WriteFailed(text, english)


def fsync_directory(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no directory handles to sync."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def file_sha256(handle: BinaryIO) -> str:
    """The SHA-256 of everything in an open binary file, read from its start."""
    handle.seek(0)
    digest = hashing.sha256()
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def sha256_beside(handle: BinaryIO) -> Beside[str]:
    """``file_sha256`` of ``handle`` begun on a thread of its own, without moving the
    handle's position: the caller goes on reading the same handle meanwhile, on the other
    core. The thread reads by position (``os.pread``) or, where there is none (Windows),
    through a second handle of the same file opened by its name. Its ``wait`` (or
    ``result``) must be called before the handle is closed. A stream that can be read
    neither way (no file descriptor, or no name to open again) is hashed here, before
    this returns, and its position is then moved."""
    try:
        fd = handle.fileno()
    except (OSError, AttributeError, ValueError):
        return _hashed_here(handle)
    pread = getattr(os, "pread", None)
    if pread is not None:

        def by_position() -> str:
            found = hashing.sha256()
            offset = 0
            while chunk := pread(fd, CHUNK, offset):
                found.update(chunk)
                offset += len(chunk)
            return found.hexdigest()

        return Beside(by_position, "file-sha256")
    name = getattr(handle, "name", None)
    if not isinstance(name, str):
        return _hashed_here(handle)
    try:
        other = Path(name).open("rb")  # noqa: SIM115 (closed by the thread)
    except OSError:
        return _hashed_here(handle)
    if not os.path.sameopenfile(fd, other.fileno()):  # renamed or replaced meanwhile
        other.close()
        return _hashed_here(handle)

    def by_name() -> str:
        with other:
            return file_sha256(other)

    return Beside(by_name, "file-sha256")


def _hashed_here(handle: BinaryIO) -> Beside[str]:
    digest = file_sha256(handle)
    return Beside(lambda: digest, "file-sha256")


#: A temporary file of ``AtomicFile`` (``.<name>.<8 hex>.part``), with SQLite's files of
#: a database being built in one; ``.old`` is what versions before 0.6 kept of an
#: overwritten package. What a crashed writer leaves behind, ``sweep`` removes.
_LEFTOVER = re.compile(r"^\..+\.[0-9a-f]{8}\.(part|old)(-journal|-wal|-shm)?$")


def sweep(folder: Path) -> list[Path]:
    """Remove the temporary files crashed writers left in ``folder`` (hidden ``.part``
    and ``.old`` files and the journals of databases built in them); a file a live
    process is still writing is left alone (``filelock.in_use``). Returns what was
    removed; a folder that cannot be read or changed is left as it is."""
    removed: list[Path] = []
    try:
        names = sorted(entry.name for entry in os.scandir(folder))
    except OSError:
        return removed
    for name in names:
        match = _LEFTOVER.match(name)
        if match is None:
            continue
        path = folder / name
        owner = folder / name.removesuffix(match[2]) if match[2] else path
        if match[1] == "part" and in_use(owner):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


class AtomicFile:
    """A temporary file beside ``target``; ``commit()`` makes it ``target``.

    Write through ``open()``'s handle, or let another writer fill the path ``temp``
    (then ``commit()`` syncs it from disk). The temporary file is marked in use while
    it is open (``filelock.lock_while_open``), so that ``sweep`` in another process
    leaves it alone; whatever a killed writer leaves is swept by the next write into
    the same folder.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        token = secrets.token_hex(4)
        self.temp = target.with_name(f".{target.name}.{token}.part")
        self.handle: BinaryIO | None = None
        self.committed = False

    def check_folder(self) -> None:
        if not self.target.parent.is_dir():
            raise WriteFailed(
                f"目标文件夹不存在：{self.target.parent}", f"no such folder: {self.target.parent}"
            )

    def open(self) -> BinaryIO:
        """Create the temporary file (after sweeping the folder) and return its handle."""
        self.check_folder()
        sweep(self.target.parent)
        try:
            self.handle = self.temp.open("x+b")
        except OSError as error:
            raise write_error(error, self.target) from error
        lock_while_open(self.handle)
        return self.handle

    def sync(self) -> None:
        """Flush the written bytes to the disk (the open handle's, or the file at
        ``temp`` when another writer filled it)."""
        try:
            if self.handle is not None and not self.handle.closed:
                self.handle.flush()
                os.fsync(self.handle.fileno())
            else:
                with self.temp.open("rb") as handle:
                    os.fsync(handle.fileno())
        except OSError as error:
            raise write_error(error, self.target) from error

    def commit(self) -> None:
        """fsync, close, rename into place (replacing a file of that name), fsync the
        folder."""
        self.sync()
        self.close()  # Windows renames no open file
        try:
            self.temp.replace(self.target)
        except OSError as error:
            raise write_error(error, self.target) from error
        self.committed = True
        with contextlib.suppress(OSError):
            fsync_directory(self.target.parent)

    def close(self) -> None:
        if self.handle is not None and not self.handle.closed:
            with contextlib.suppress(OSError):
                self.handle.close()

    def discard(self) -> None:
        """Remove the temporary file unless it was committed."""
        self.close()
        if not self.committed:
            with contextlib.suppress(OSError):
                self.temp.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_write(target: Path) -> Iterator[AtomicFile]:
    """``with atomic_write(path) as f: f.handle.write(...)``; committed when the block
    ends without an exception, discarded otherwise. OSErrors become WriteFailed."""
    file = AtomicFile(target)
    file.open()
    try:
        yield file
        if not file.committed:
            file.commit()
    except OSError as error:
        raise write_error(error, target) from error
    finally:
        file.discard()


def write_bytes_atomic(target: Path, data: bytes) -> None:
    with atomic_write(target) as file:
        assert file.handle is not None
        file.handle.write(data)


def write_via_temp(target: Path, write: Callable[[Path], object]) -> None:
    """Call ``write`` with a temporary path beside ``target`` (for writers that open the
    file themselves), then commit it. On any failure, ``write``'s own exceptions included,
    the temporary file is removed and ``target`` is untouched; OSErrors become
    WriteFailed, anything else goes through unchanged."""
    file = AtomicFile(target)
    # The writer opens the temporary file by its name; an open handle of ours marks it
    # in use meanwhile (see ``sweep``).
    file.open()
    try:
        write(file.temp)
        file.commit()
    except OSError as error:
        raise write_error(error, target) from error
    finally:
        file.discard()


def open_regular(path: Path, what: str = "文件") -> BinaryIO:
    """Open ``path`` for reading if it is a regular file; ReadFailed saying why not
    otherwise (missing, no permission, a folder, a named pipe or a device). The file is
    opened without blocking, so a pipe nobody writes to is refused, not waited on."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as error:
        raise ReadFailed(f"找不到{what}：{path}", f"no such file: {path}") from error
    except PermissionError as error:
        raise ReadFailed(f"没有权限读取{what}：{path}", f"permission denied: {path}") from error
    except OSError as error:
        raise ReadFailed(
            f"无法打开{what}：{path}（{error.strerror or error}）", f"cannot open {path}: {error}"
        ) from error
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ReadFailed(
                f"{path} 不是普通文件（是文件夹、管道或设备），只能读取普通文件",
                f"{path} is not a regular file",
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_input(path: Path, limit: int, what: str = "文件") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (see ``open_regular``)."""
    with open_regular(path, what) as handle:
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            raise ReadFailed(
                f"读取{what}出错：{path}（{error.strerror or error}）", f"cannot read {path}"
            ) from error
    if len(data) > limit:
        raise ReadFailed(
            f"{what}太大（超过{limit // (1 << 20) or 1} MB）：{path}", f"{path} is too large"
        )
    return data
