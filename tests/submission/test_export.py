"""Export: the check that blocks, warnings in the manifest, history and sequence, cancel,
progress, and the atomic write under simulated failures (full disk, read-only target, a
USB stick pulled mid-write); crashes at each step are ``test_export_journal``."""

from __future__ import annotations

import errno
import hashlib
import os
import pathlib
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from gwgk_desktop.errors import Conflict, WriteFailed
from gwgk_desktop.files import AtomicFile
from gwgk_desktop.services import export, keys
from gwgk_desktop.services.keys import NoStationKey
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import ChannelRow
from gwgk_desktop.submission.errors import WrongPassphrase
from gwgk_desktop.submission.reader import open_package
from tests.conftest import actors_of
from tests.factories import RecordingProgress
from tests.submission.conftest import PASSPHRASE, export_as_admin


def _nothing_left(folder: Path, name: str) -> None:
    assert not (folder / name).exists()
    _no_temporary_files(folder)


def _no_temporary_files(folder: Path) -> None:
    hidden = [p for p in folder.iterdir() if p.name.startswith(".")]
    # The lock, the history checkpoint, the records found clean (left also by an export
    # refused for an error elsewhere: they are still clean).
    kept = (".export-lock", ".history-checked", ".items-checked")
    assert [p.name for p in hidden if not p.name.endswith(kept)] == []


def test_sequence_history_and_chain(db: Database, tmp_path: Path) -> None:
    first = export.history(db)[0]
    second = export_as_admin(db, tmp_path / "2.gwgk")
    assert second.record.sequence == 2
    assert second.record.previous_sha256 == first.sha256
    # Hashed on a thread while the file was synced: the hash of the file as it is.
    data = second.path.read_bytes()
    assert second.record.sha256 == hashlib.sha256(data).hexdigest()
    assert second.record.size == len(data)
    assert [r.sequence for r in export.history(db)] == [2, 1]
    with open_package(second.path) as contents:
        manifest = contents.manifest
    assert manifest["sequence"] == 2
    assert manifest["previous_package_sha256"] == first.sha256


def test_warnings_are_listed_in_the_manifest(db: Database, tmp_path: Path) -> None:
    result = export_as_admin(db, tmp_path / "w.gwgk")
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
        export_as_admin(db, tmp_path / "blocked.gwgk")
    assert "未知的公开渠道：website" in caught.value.message
    assert caught.value.check.errors
    _nothing_left(tmp_path, "blocked.gwgk")
    assert [r.sequence for r in export.history(db)] == [1]


def test_nothing_approved_blocks(station_db: Database, tmp_path: Path) -> None:
    keys.create_key(station_db, actors_of(station_db).admin, PASSPHRASE)
    with pytest.raises(export.ExportBlocked, match="没有已审核或已公开的事项"):
        export_as_admin(station_db, tmp_path / "empty.gwgk")
    _nothing_left(tmp_path, "empty.gwgk")


def test_wrong_passphrase_or_no_key(db: Database, station_db: Database, tmp_path: Path) -> None:
    with pytest.raises(WrongPassphrase):
        export.export_package(db, actors_of(db).admin, tmp_path / "x.gwgk", passphrase="nope!")
    with pytest.raises(NoStationKey):
        export_as_admin(station_db, tmp_path / "x.gwgk")
    _nothing_left(tmp_path, "x.gwgk")


def test_existing_file_needs_overwrite(db: Database, tmp_path: Path) -> None:
    target = tmp_path / "exists.gwgk"
    target.write_bytes(b"older package")
    with pytest.raises(Conflict):
        export_as_admin(db, target)
    assert target.read_bytes() == b"older package"
    assert export_as_admin(db, target, overwrite=True).record.sequence == 2


def test_progress_and_cancel(db: Database, tmp_path: Path) -> None:
    """Cancelled before signing: the number is given back."""
    progress = RecordingProgress()
    export_as_admin(db, tmp_path / "p.gwgk", progress=progress)
    seen = [(done, total) for done, total, _text in progress.reports]
    assert seen[-1][0] == seen[-1][1] > 0
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    with pytest.raises(export.ExportCancelled):
        export_as_admin(db, tmp_path / "c.gwgk", progress=RecordingProgress(cancel_after=3))
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
        export_as_admin(db, tmp_path / "fail.gwgk")
    _nothing_left(tmp_path, "fail.gwgk")
    assert [r.sequence for r in export.history(db)] == [1]


def _states(db: Database) -> list[tuple[int, export.ExportState]]:
    return [(r.sequence, r.state) for r in export.history(db)]


def test_stick_pulled_at_fsync_keeps_the_older_file(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "same-name.gwgk"
    target.write_bytes(b"package number one")

    def pulled(_fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("gwgk_desktop.files.os.fsync", pulled)
    with pytest.raises(WriteFailed, match="U盘可能被拔出"):
        export_as_admin(db, target, overwrite=True)
    assert target.read_bytes() == b"package number one"
    _no_temporary_files(tmp_path)
    # Signed, never in place: number 2 is void, never to be signed again.
    assert _states(db) == [(2, export.ExportState.VOID), (1, export.ExportState.DONE)]
    monkeypatch.undo()
    assert export_as_admin(db, target, overwrite=True).record.sequence == 3


def test_rename_refused(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: Path, target: Any) -> Path:
        raise OSError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(pathlib.Path, "replace", refuse)
    with pytest.raises(WriteFailed):
        export_as_admin(db, tmp_path / "rename.gwgk")
    monkeypatch.undo()
    _nothing_left(tmp_path, "rename.gwgk")
    assert _states(db) == [(2, export.ExportState.VOID), (1, export.ExportState.DONE)]


def test_overwriting_leaves_no_hidden_copy(db: Database, tmp_path: Path) -> None:
    """Before, the package being overwritten was kept as a hidden .old file, which a
    crash left as the only copy of a package the database had recorded."""
    target = tmp_path / "again.gwgk"
    export_as_admin(db, target)
    third = export_as_admin(db, target, overwrite=True)
    assert third.record.sequence == 3
    assert "again.gwgk" in [p.name for p in tmp_path.iterdir()]
    _no_temporary_files(tmp_path)
    with open_package(target) as contents:
        assert contents.manifest["sequence"] == 3
    assert third.record.previous_sha256 == export.get_export(db, 2).sha256


def test_missing_folder(db: Database, tmp_path: Path) -> None:
    with pytest.raises(WriteFailed, match="文件夹不存在"):
        export_as_admin(db, tmp_path / "no" / "such.gwgk")
