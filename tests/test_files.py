"""gwgk_desktop.files: every way of writing a file leaves either the complete new file under
its name or the old state (no file, or the earlier file), and says why in Chinese."""

from __future__ import annotations

import errno
import hashlib
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
