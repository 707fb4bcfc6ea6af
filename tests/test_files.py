"""gwgk_desktop.files: every way of writing a file leaves either the complete new file under
its name or the old state (no file, or the earlier file), and says why in Chinese."""

from __future__ import annotations

import errno
import hashlib
import io
import os
from pathlib import Path

import pytest

from gwgk_desktop import files
from gwgk_desktop.errors import WriteFailed


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_write_via_temp_renames_a_complete_file_and_syncs_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[Path] = []
    monkeypatch.setattr(files, "fsync_directory", synced.append)
    target = tmp_path / "公开栏.pdf"

    def write(temp: Path) -> None:
        assert temp.parent == tmp_path and temp != target
        temp.write_bytes(b"%PDF-1.4 complete")

    files.write_via_temp(target, write)
    assert target.read_bytes() == b"%PDF-1.4 complete"
    assert synced == [tmp_path]
    assert leftovers(tmp_path) == []


def test_a_failing_writer_leaves_the_earlier_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "backup.sqlite"
    target.write_bytes(b"earlier")

    def write(temp: Path) -> None:
        temp.write_bytes(b"half")
        raise RuntimeError("writer broke")

    with pytest.raises(RuntimeError, match="writer broke"):
        files.write_via_temp(target, write)
    assert target.read_bytes() == b"earlier"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.ENOSPC, "空间不足"),
        (errno.EROFS, "只读"),
        (errno.EIO, "U盘可能被拔出"),
        (errno.EINVAL, "失败"),
    ],
)
def test_os_errors_become_one_clear_message(tmp_path: Path, code: int, message: str) -> None:
    target = tmp_path / "草稿.json"

    def write(temp: Path) -> None:
        temp.write_bytes(b"x")
        raise OSError(code, os.strerror(code))

    with pytest.raises(WriteFailed, match=message) as raised:
        files.write_via_temp(target, write)
    assert "草稿.json" in raised.value.message
    assert not target.exists() and leftovers(tmp_path) == []


def test_a_missing_folder_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(WriteFailed, match="文件夹不存在"):
        files.write_bytes_atomic(tmp_path / "gone" / "key.json", b"{}")
    with pytest.raises(WriteFailed, match="文件夹不存在"):
        files.write_via_temp(tmp_path / "gone" / "a.pdf", lambda temp: temp.write_bytes(b""))


def test_write_bytes_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "registry.json"
    files.write_bytes_atomic(target, b"one")
    files.write_bytes_atomic(target, b"two")
    assert target.read_bytes() == b"two" and leftovers(tmp_path) == []


def test_file_sha256_reads_from_the_start(tmp_path: Path) -> None:
    path = tmp_path / "blob"
    path.write_bytes(b"abc" * 1000)
    with path.open("rb") as handle:
        handle.seek(10)
        digest = files.file_sha256(handle)
    assert digest == hashlib.sha256(b"abc" * 1000).hexdigest()


def test_sweep_removes_what_killed_writers_left_and_spares_live_ones(tmp_path: Path) -> None:
    """Before, hidden .part/.old files and the journals of databases built in a .part
    stayed beside the target for good after a crash."""
    live = files.AtomicFile(tmp_path / "live.pdf")
    live.open()
    journal = tmp_path / f"{live.temp.name}-journal"
    journal.write_bytes(b"journal of a live writer")
    dead = [
        ".报送.gwgk.0a1b2c3d.part",
        ".报送.gwgk.0a1b2c3d.old",
        ".station.sqlite.deadbeef.part",
        ".station.sqlite.deadbeef.part-journal",
        ".backup.sqlite.12345678.part-wal",
    ]
    for name in dead:
        (tmp_path / name).write_bytes(b"left by a crash")
    kept = ["报送.gwgk", ".station.sqlite.gui-lock", ".notes.part", "a.0a1b2c3d.part"]
    for name in kept:
        (tmp_path / name).write_bytes(b"not ours to remove")

    removed = files.sweep(tmp_path)
    assert sorted(p.name for p in removed) == sorted(dead)
    assert live.temp.exists() and journal.exists()
    assert all((tmp_path / name).exists() for name in kept)
    live.discard()
    files.sweep(tmp_path)
    assert not journal.exists()


def test_the_next_write_into_a_folder_sweeps_it(tmp_path: Path) -> None:
    leftover = tmp_path / ".回执.pdf.0a1b2c3d.part"
    leftover.write_bytes(b"half a PDF")
    files.write_bytes_atomic(tmp_path / "other.json", b"{}")
    assert not leftover.exists()


@pytest.mark.parametrize("by_position", [True, False], ids=["pread", "by name (Windows)"])
def test_sha256_beside_leaves_the_handle_where_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, by_position: bool
) -> None:
    if not by_position:
        monkeypatch.delattr(os, "pread", raising=False)
    elif not hasattr(os, "pread"):
        pytest.skip("reading by position is POSIX")
    target = tmp_path / "f.bin"
    target.write_bytes(os.urandom(3 * files.CHUNK + 17))
    with target.open("rb") as handle:
        handle.seek(1000)
        hashed = files.sha256_beside(handle)
        assert handle.read(5) == target.read_bytes()[1000:1005]
        assert hashed.result() == hashlib.sha256(target.read_bytes()).hexdigest()
    # A stream with no file descriptor is hashed at once, by the caller.
    assert files.sha256_beside(io.BytesIO(b"abc")).result() == hashlib.sha256(b"abc").hexdigest()
