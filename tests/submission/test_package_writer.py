"""What export runs beside its main work: the package's file work on a thread of its
own (``ZipWriter(background=True)``, what ``PackageBuilder`` uses) gives the same bytes
as written in line, and a failed write (a full disk) stops the work, reaches the caller
and leaves nothing behind; the signing key opened on a thread (``keys.unlocking``)."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gwgk_desktop.cli import main
from gwgk_desktop.cli.submission_cmds import KEY_ENV
from gwgk_desktop.services import export, keys
from gwgk_desktop.store.database import open_database
from gwgk_desktop.submission.build import Header, PackageBuilder
from gwgk_desktop.submission.errors import WrongPassphrase
from gwgk_desktop.submission.format import attachment_path
from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.zipfmt import DEFLATE, STORE, Expected, NotAsExpected, ZipWriter
from tests.conftest import actors_of, is_mountpoint, small_tmpfs
from tests.submission.conftest import PASSPHRASE, Exported

#: Entries as (name, method, the pieces written): pieces small (JSON lines, gathered
#: before they are compressed) and large (attachment chunks, handed on as they are).
_entries = st.lists(
    st.tuples(
        st.sampled_from([STORE, DEFLATE]),
        st.lists(
            st.one_of(
                st.binary(max_size=300),
                st.integers(1 << 17, 3 << 18).map(lambda n: bytes(range(256)) * (n // 256)),
            ),
            max_size=6,
        ),
    ),
    max_size=5,
)


def _write(entries: list[tuple[int, list[bytes]]], background: bool) -> bytes:
    handle = io.BytesIO()
    with ZipWriter(handle, background=background) as writer:
        for number, (method, pieces) in enumerate(entries):
            with writer.entry(f"data/{number}.bin", method) as entry:
                for piece in pieces:
                    entry.write(piece)
        writer.finish()
    return handle.getvalue()


@settings(max_examples=40, deadline=None)
@given(_entries)
def test_written_on_a_thread_the_bytes_are_those_written_in_line(
    entries: list[tuple[int, list[bytes]]],
) -> None:
    assert _write(entries, background=True) == _write(entries, background=False)


def _built(entries: list[tuple[int, list[bytes]]]) -> tuple[bytes, dict[str, Any]]:
    """The entries through ``PackageBuilder`` (each ended without waiting for the
    writer's thread), as attachments and JSON Lines files, up to the zip directory."""
    handle = io.BytesIO()
    with PackageBuilder(handle) as builder:
        for number, (method, pieces) in enumerate(entries):
            if method == STORE:
                builder.add_stream(attachment_path(f"{number:064x}"), iter(pieces))
            else:
                writer, _lines = builder.open_lines(f"data/n{number}.jsonl")
                for piece in pieces:
                    writer.write(piece)
                builder.close_lines(f"data/n{number}.jsonl", writer)
        files = builder.manifest(_HEADER, KeyPair.generate(), {}, [])["files"]
        builder._zip.finish()
    return handle.getvalue(), files


def _names(entries: list[tuple[int, list[bytes]]]) -> list[str]:
    return [
        attachment_path(f"{n:064x}") if method == STORE else f"data/n{n}.jsonl"
        for n, (method, _) in enumerate(entries)
    ]


@settings(max_examples=40, deadline=None)
@given(_entries)
def test_the_builder_not_waiting_between_entries_writes_the_same_bytes_and_digests(
    entries: list[tuple[int, list[bytes]]],
) -> None:
    """Against each entry closed in line, one after another, as the builder did before."""
    handle = io.BytesIO()
    digests = {}
    with ZipWriter(handle) as writer:
        for name, (method, pieces) in zip(_names(entries), entries, strict=True):
            with writer.entry(name, method) as entry:
                for piece in pieces:
                    entry.write(piece)
            assert entry.digest is not None
            digests[name] = entry.digest
        writer.finish()
    built, files = _built(entries)
    assert built == handle.getvalue()
    assert files == {
        name: {
            "size": d.size,
            "sha256": d.sha256,
            "method": "store" if name.startswith("attachments/") else "deflate",
            "zip_size": d.zip_size,
            "zip_sha256": d.zip_sha256,
        }
        for name, d in digests.items()
    }


_HEADER = Header("id", {}, 1, "", "", "", None, None, None, {})


class _FullAfter(io.BytesIO):
    """A file whose writes fail with ENOSPC once ``room`` bytes are in it; counts the
    writes tried after the first failure."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room
        self.failed = 0

    def write(self, data: Any) -> int:
        if self.failed or self.tell() + len(data) > self.room:
            self.failed += 1
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(data)


def test_a_failed_write_reaches_the_caller_and_stops_the_work() -> None:
    handle = _FullAfter(room=100_000)
    chunk = bytes(range(256)) * 4096  # 1 MiB
    with pytest.raises(OSError) as raised, ZipWriter(handle, background=True) as writer:
        with writer.entry("attachments/a", STORE) as entry:
            for _ in range(20):
                entry.write(chunk)
        writer.finish()
    assert raised.value.errno == errno.ENOSPC
    assert handle.failed == 1  # nothing was tried after the disk was full
    assert handle.tell() <= 100_000


@pytest.fixture
def small_stick(tmp_path: Path, exported: Exported) -> Iterator[Path]:
    """A tmpfs (mounted here, size-limited) with room for half the package; skipped
    where mounting is not allowed."""
    room = max(4096, exported.package.stat().st_size // 2 // 4096 * 4096)
    with small_tmpfs(tmp_path / "stick", room) as mount:
        yield mount


def _sequences(db_path: Path) -> list[tuple[int, str]]:
    connection = sqlite3.connect(db_path)
    rows = connection.execute("SELECT sequence, state FROM package_exports ORDER BY sequence")
    found = [(int(n), str(s)) for n, s in rows]
    connection.close()
    return found


def test_export_onto_a_full_stick_says_so_and_leaves_nothing(
    exported: Exported,
    small_stick: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = _sequences(exported.db_path)
    monkeypatch.setenv(KEY_ENV, PASSPHRASE)
    target = small_stick / "station.gwgk"
    # The package is written only onto the tmpfs mounted above, never the real disk.
    assert is_mountpoint(small_stick)
    code = main(["--db", str(exported.db_path), "export", "--out", str(target)])
    err = capsys.readouterr().err
    assert code != 0
    assert "磁盘空间不足" in err and "Traceback" not in err
    assert list(small_stick.iterdir()) == []  # no package, no temporary file
    # The full disk was found before signing: the number was given back.
    assert _sequences(exported.db_path) == before


def test_the_key_opened_beside_the_check_is_the_key_and_a_wrong_passphrase_is_refused(
    exported: Exported, tmp_path: Path
) -> None:
    """The export opens its key on a thread (``keys.unlocking``) and waits for it after
    taking its number: a wrong passphrase still refuses the export, gives the number
    back and leaves no file."""
    before = _sequences(exported.db_path)
    with open_database(exported.db_path) as db:
        assert keys.unlocking(db, PASSPHRASE)().key_id == keys.unlock(db, PASSPHRASE).key_id
        waiting = keys.unlocking(db, "not the passphrase")
        with pytest.raises(WrongPassphrase):
            waiting()
        with pytest.raises(WrongPassphrase):
            export.export_package(
                db, actors_of(db).admin, tmp_path / "wrong.gwgk", passphrase="nope!"
            )
    assert _sequences(exported.db_path) == before
    assert not [p for p in tmp_path.iterdir() if "wrong.gwgk" in p.name]


def _expected(pieces: list[bytes]) -> Expected:
    data = b"".join(pieces)
    return Expected(len(data), zlib.crc32(data), hashlib.sha256(data).hexdigest())


def _stored(entries: list[list[bytes]], expected: list[Expected | None]) -> tuple[bytes, list[Any]]:
    handle = io.BytesIO()
    with ZipWriter(handle, background=True) as writer:
        ended = []
        for number, (pieces, known) in enumerate(zip(entries, expected, strict=True)):
            entry = writer.entry(f"attachments/{number}", STORE, known)
            for piece in pieces:
                entry.write(piece)
            entry.end()
            ended.append(entry)
        writer.finish()
    return handle.getvalue(), [entry.digest for entry in ended]


@settings(max_examples=40, deadline=None)
@given(_entries.map(lambda entries: [pieces for _method, pieces in entries]))
def test_bytes_digested_before_are_written_as_they_would_be_hashed_there(
    entries: list[list[bytes]],
) -> None:
    """An attachment's bytes digested ahead (``Expected``) give the same file and the
    same digests as when the writer hashes them itself."""
    assert _stored(entries, [_expected(p) for p in entries]) == _stored(
        entries, [None] * len(entries)
    )


@pytest.mark.parametrize("wrong", ["crc", "size"])
def test_bytes_other_than_those_digested_before_are_refused(wrong: str) -> None:
    pieces = [b"attachment " * 1000, bytes(range(256)) * 1024]
    known = _expected(pieces)
    other = (
        Expected(known.size, known.crc ^ 1, known.sha256)
        if wrong == "crc"
        else Expected(known.size + 1, known.crc, known.sha256)
    )
    with pytest.raises(NotAsExpected) as raised:
        _stored([pieces, [b"later"]], [other, None])
    assert raised.value.name == "attachments/0"
    with pytest.raises(ValueError):  # a compressed entry's zip bytes are not its bytes
        ZipWriter(io.BytesIO()).entry("data/x.jsonl", DEFLATE, known)
