"""Export: the check that blocks, warnings in the manifest, history and sequence, cancel,
progress, and the atomic write under simulated failures (full disk, read-only target, a
USB stick pulled mid-write, a failed database commit)."""

from __future__ import annotations

import errno
import os
import pathlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from gwgk_desktop.errors import Conflict, WriteFailed
from gwgk_desktop.files import AtomicFile
from gwgk_desktop.services import export, keys
from gwgk_desktop.services.keys import NoStationKey
from gwgk_desktop.store.database import Database, open_database
from gwgk_desktop.store.models import ChannelRow
from gwgk_desktop.submission.errors import WrongPassphrase
from gwgk_desktop.submission.reader import open_package
from tests.conftest import actors_of
from tests.factories import RecordingProgress
from tests.submission.conftest import PASSPHRASE, Exported


@pytest.fixture
def db(exported: Exported) -> Iterator[Database]:
    """The station that made ``exported`` (export number 1 is in its history)."""
    with open_database(exported.db_path) as database:
        yield database


def _export(db: Database, out: Path, **options: Any) -> export.ExportResult:
    return export.export_package(db, actors_of(db).admin, out, passphrase=PASSPHRASE, **options)


def _nothing_left(folder: Path, name: str) -> None:
    assert not (folder / name).exists()
    _no_temporary_files(folder)


def _no_temporary_files(folder: Path) -> None:
    assert not [p for p in folder.iterdir() if p.name.endswith((".part", ".old"))]


def test_sequence_history_and_chain(db: Database, tmp_path: Path) -> None:
    first = export.history(db)[0]
    second = _export(db, tmp_path / "2.gwgk")
    assert second.record.sequence == 2
    assert second.record.previous_sha256 == first.sha256
    assert [r.sequence for r in export.history(db)] == [2, 1]
    with open_package(second.path) as contents:
        manifest = contents.manifest
    assert manifest["sequence"] == 2
    assert manifest["previous_package_sha256"] == first.sha256


def test_warnings_are_listed_in_the_manifest(db: Database, tmp_path: Path) -> None:
    result = _export(db, tmp_path / "w.gwgk")
    assert any("未纳入本次报送" in w.message for w in result.warnings)
    with open_package(result.path) as contents:
        listed = contents.manifest["warnings"]
    assert [w["message"] for w in listed] == [w.message for w in result.warnings]
    assert result.record.counts["warnings"] == len(listed)


def test_errors_block_the_export_with_a_report(db: Database, tmp_path: Path) -> None:
    # The bureau's new template dropped a channel that approved items still use.
    with db.write() as session:
        session.execute(update(ChannelRow).where(ChannelRow.code == "website").values(active=False))
    check = export.check_export(db)
    assert not check.ok
    with pytest.raises(export.ExportBlocked) as caught:
        _export(db, tmp_path / "blocked.gwgk")
    assert "未知的公开渠道：website" in caught.value.message
    assert caught.value.check.errors
    _nothing_left(tmp_path, "blocked.gwgk")
    assert [r.sequence for r in export.history(db)] == [1]


def test_nothing_approved_blocks(station_db: Database, tmp_path: Path) -> None:
    keys.create_key(station_db, actors_of(station_db).admin, PASSPHRASE)
    with pytest.raises(export.ExportBlocked, match="没有已审核或已公开的事项"):
        _export(station_db, tmp_path / "empty.gwgk")
    _nothing_left(tmp_path, "empty.gwgk")


def test_wrong_passphrase_or_no_key(db: Database, station_db: Database, tmp_path: Path) -> None:
    with pytest.raises(WrongPassphrase):
        export.export_package(db, actors_of(db).admin, tmp_path / "x.gwgk", passphrase="nope!")
    with pytest.raises(NoStationKey):
        _export(station_db, tmp_path / "x.gwgk")
    _nothing_left(tmp_path, "x.gwgk")


def test_existing_file_needs_overwrite(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "exists.gwgk"
    target.write_bytes(b"older package")
    with pytest.raises(Conflict):
        _export(db, target)
    assert target.read_bytes() == b"older package"
    assert _export(db, target, overwrite=True).record.sequence == 2


def test_progress_and_cancel(db: Database, tmp_path: Path) -> None:
    progress = RecordingProgress()
    _export(db, tmp_path / "p.gwgk", progress=progress)
    seen = [(done, total) for done, total, _text in progress.reports]
    assert seen[-1][0] == seen[-1][1] > 0
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    with pytest.raises(export.ExportCancelled):
        _export(db, tmp_path / "c.gwgk", progress=RecordingProgress(cancel_after=3))
    _nothing_left(tmp_path, "c.gwgk")
    assert [r.sequence for r in export.history(db)] == [2, 1]


class _FailingWrites:
    """A file object that fails with ``code`` once ``limit`` bytes have been written."""

    def __init__(self, handle: Any, code: int, limit: int) -> None:
        self._handle = handle
        self._code = code
        self._left = limit

    def write(self, data: bytes) -> int:
        self._left -= len(data)
        if self._left < 0:
            raise OSError(self._code, os.strerror(self._code))
        return int(self._handle.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)


@pytest.mark.parametrize(
    ("code", "message"),
    [(errno.ENOSPC, "磁盘空间不足"), (errno.EIO, "U盘可能被拔出")],
)
def test_failure_while_writing(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, message: str
) -> None:
    real_open = AtomicFile.open

    def failing_open(self: AtomicFile) -> Any:
        self.handle = _FailingWrites(real_open(self), code, 3000)  # type: ignore[assignment]
        return self.handle

    monkeypatch.setattr(AtomicFile, "open", failing_open)
    with pytest.raises(WriteFailed, match=message):
        _export(db, tmp_path / "fail.gwgk")
    _nothing_left(tmp_path, "fail.gwgk")
    assert [r.sequence for r in export.history(db)] == [1]


def test_stick_pulled_at_fsync_keeps_the_older_file(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "same-name.gwgk"
    target.write_bytes(b"package number one")

    def pulled(_fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("gwgk_desktop.files.os.fsync", pulled)
    with pytest.raises(WriteFailed, match="U盘可能被拔出"):
        _export(db, target, overwrite=True)
    assert target.read_bytes() == b"package number one"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert [r.sequence for r in export.history(db)] == [1]


def test_read_only_target(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = pathlib.Path.open

    def protected(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if self.name.endswith(".part"):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", protected)
    with pytest.raises(WriteFailed, match="只读"):
        _export(db, tmp_path / "ro.gwgk")
    monkeypatch.undo()
    _nothing_left(tmp_path, "ro.gwgk")
    assert [r.sequence for r in export.history(db)] == [1]


def test_rename_refused(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path, target: Any) -> Path:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(pathlib.Path, "replace", refuse)
    with pytest.raises(WriteFailed):
        _export(db, tmp_path / "rename.gwgk")
    monkeypatch.undo()
    _nothing_left(tmp_path, "rename.gwgk")
    assert [r.sequence for r in export.history(db)] == [1]


def test_database_failure_after_rename_removes_the_file(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_commit = AtomicFile.commit

    def commit_then_fail(self: AtomicFile) -> None:
        real_commit(self)
        raise RuntimeError("database commit failed")

    monkeypatch.setattr(AtomicFile, "commit", commit_then_fail)
    with pytest.raises(RuntimeError):
        _export(db, tmp_path / "late.gwgk")
    _nothing_left(tmp_path, "late.gwgk")
    assert [r.sequence for r in export.history(db)] == [1]
    monkeypatch.undo()
    assert _export(db, tmp_path / "late.gwgk").record.sequence == 2


@pytest.mark.parametrize("hard_links", [True, False], ids=["hard-link", "copy (FAT stick)"])
def test_database_failure_while_overwriting_keeps_the_earlier_package(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_links: bool
) -> None:
    """Before, the earlier package under the same name was deleted with the new one."""
    target = tmp_path / "again.gwgk"
    _export(db, target)
    earlier = target.read_bytes()
    if not hard_links:

        def no_link(*_args: Any) -> None:
            raise OSError(errno.EPERM, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_link)
    real_commit = AtomicFile.commit

    def commit_then_fail(self: AtomicFile) -> None:
        real_commit(self)
        assert target.read_bytes() != earlier  # the new package was in place
        raise RuntimeError("database commit failed")

    monkeypatch.setattr(AtomicFile, "commit", commit_then_fail)
    with pytest.raises(RuntimeError):
        _export(db, target, overwrite=True)
    assert target.read_bytes() == earlier
    _no_temporary_files(tmp_path)
    assert [r.sequence for r in export.history(db)] == [2, 1]
    with open_package(target) as contents:
        assert contents.manifest["sequence"] == 2

    monkeypatch.undo()
    assert _export(db, target, overwrite=True).record.sequence == 3
    assert target.read_bytes() != earlier
    _no_temporary_files(tmp_path)


def test_a_full_disk_while_keeping_the_earlier_package_leaves_it_untouched(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "again.gwgk"
    _export(db, target)
    earlier = target.read_bytes()

    def no_link(*_args: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    def half_copy(source: Path, copy: Path) -> None:
        Path(copy).write_bytes(Path(source).read_bytes()[:100])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "link", no_link)
    monkeypatch.setattr("gwgk_desktop.files.shutil.copy2", half_copy)
    with pytest.raises(WriteFailed, match="空间不足"):
        _export(db, target, overwrite=True)
    assert target.read_bytes() == earlier
    _no_temporary_files(tmp_path)
    assert [r.sequence for r in export.history(db)] == [2, 1]


def test_missing_folder(db: Database, tmp_path: Path) -> None:
    with pytest.raises(WriteFailed, match="文件夹不存在"):
        _export(db, tmp_path / "no" / "such.gwgk")
