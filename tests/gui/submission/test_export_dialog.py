"""The export dialog: check, export in a worker with progress, cancel, errors, history."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from gwgk_desktop.domain.enums import Status
from gwgk_desktop.gui.submission.export_dialog import ExportDialog, receipt_path
from gwgk_desktop.services import export, keys
from gwgk_desktop.services.demo import demo_key_passphrase
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import ChannelRow, RevisionRow
from gwgk_desktop.submission.registry import Registry
from gwgk_desktop.submission.verify import verify_package
from tests.conftest import Actors

WAIT_MS = 20_000


def _open(qtbot: QtBot, db: Database, actors: Actors) -> ExportDialog:
    dialog = ExportDialog(db, actors.admin)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.checked, timeout=WAIT_MS):
        dialog.show()
    return dialog


def _fill(qtbot: QtBot, dialog: ExportDialog, target: Path, passphrase: str) -> None:
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(target))
    qtbot.keyClicks(dialog.passphrase, passphrase)


def test_export_writes_a_verifiable_package_and_receipt(
    qtbot: QtBot, demo_db: Database, demo_actors: Actors, tmp_path: Path
) -> None:
    dialog = _open(qtbot, demo_db, demo_actors)
    assert dialog.export_button.isEnabled()
    assert dialog.findings.count() == len(dialog.check.warnings)  # type: ignore[union-attr]
    target = tmp_path / "station.gwgk"
    _fill(qtbot, dialog, target, demo_key_passphrase())
    progress: list[int] = []
    with qtbot.waitSignal(dialog.exported, timeout=WAIT_MS) as sequence:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        dialog.job.progressed.connect(lambda done, _total, _text: progress.append(done))  # type: ignore[union-attr]
    assert sequence.args == [1]
    assert target.exists() and receipt_path(target).exists()
    assert "已导出第1号报送包" in dialog.status.text()
    assert not dialog.export_button.isEnabled()
    assert dialog.passphrase.text() == ""
    assert dialog.history.model.rowCount() == 1
    keys.export_public(demo_db, tmp_path / "key.json")
    assert verify_package(target, Registry.load(tmp_path / "key.json")).sequence == 1


def test_wrong_passphrase_says_so_and_writes_nothing(
    qtbot: QtBot, demo_db: Database, demo_actors: Actors, tmp_path: Path
) -> None:
    dialog = _open(qtbot, demo_db, demo_actors)
    target = tmp_path / "wrong.gwgk"
    _fill(qtbot, dialog, target, "not the passphrase")
    with qtbot.waitSignal(dialog.export_failed, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running())
    assert dialog.error.isVisible() and dialog.error.text() == "密钥口令不正确"
    assert not target.exists() and export.history(demo_db) == []
    assert dialog.export_button.isEnabled()  # the user may correct it and try again


def test_cancel_during_export(
    qtbot: QtBot,
    demo_db: Database,
    demo_actors: Actors,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_tick = export._Run.tick

    def waits_for_cancel(self: export._Run, what: str) -> None:
        # The worker holds at its first step until the user cancels (or 10 s pass).
        deadline = time.monotonic() + 10
        while not self.progress.is_cancelled() and time.monotonic() < deadline:
            time.sleep(0.01)
        real_tick(self, what)

    dialog = _open(qtbot, demo_db, demo_actors)
    monkeypatch.setattr(export._Run, "tick", waits_for_cancel)
    target = tmp_path / "cancelled.gwgk"
    _fill(qtbot, dialog, target, demo_key_passphrase())
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.text() == "取消" and dialog.progress.isVisible()
    with qtbot.waitSignal(dialog.export_failed, timeout=WAIT_MS) as failed:
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert "已取消" in failed.args[0]
    qtbot.waitUntil(lambda: not dialog.running())
    assert dialog.cancel_button.text() == "关闭"
    assert not target.exists() and not list(tmp_path.glob("*.part"))
    assert export.history(demo_db) == []


def test_errors_block_the_export(qtbot: QtBot, demo_db: Database, demo_actors: Actors) -> None:
    with demo_db.write() as session:
        session.execute(update(ChannelRow).where(ChannelRow.code == "website").values(active=False))
    dialog = ExportDialog(demo_db, demo_actors.admin)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.checked, timeout=WAIT_MS) as checked:
        dialog.show()
    assert checked.args == [False]
    assert not dialog.export_button.isEnabled()
    assert "须改正后才能导出" in dialog.summary.text()
    assert any(
        "未知的公开渠道" in dialog.findings.item(i).text() for i in range(dialog.findings.count())
    )


def test_no_key_no_export(qtbot: QtBot, station_db: Database, actors: Actors) -> None:
    dialog = ExportDialog(station_db, actors.admin)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.checked, timeout=WAIT_MS):
        dialog.show()
    assert "尚未生成签名密钥" in dialog.key_label.text()
    assert not dialog.export_button.isEnabled()


def test_history_model_and_receipt(
    qtbot: QtBot,
    qtmodeltester: object,
    demo_db: Database,
    demo_actors: Actors,
    tmp_path: Path,
    choose_file: Callable[[Path], None],
) -> None:
    export.export_package(
        demo_db, demo_actors.admin, tmp_path / "a.gwgk", passphrase=demo_key_passphrase()
    )
    export.export_package(
        demo_db, demo_actors.admin, tmp_path / "b.gwgk", passphrase=demo_key_passphrase()
    )
    dialog = _open(qtbot, demo_db, demo_actors)
    view = dialog.history
    qtmodeltester.check(view.model)  # type: ignore[attr-defined]
    assert [view.model.index(r, 0).data() for r in range(2)] == ["第2号", "第1号"]
    dialog.tabs.setCurrentWidget(view)
    button = view.receipt_button
    assert not button.isEnabled()
    row = view.table.visualRect(view.model.index(1, 1)).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=row)
    assert view.selected_sequence() == 1 and button.isEnabled()
    choose_file(tmp_path / "receipt-1.pdf")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "receipt-1.pdf").exists()
    assert "已保存回执" in view.message.text()


@pytest.mark.parametrize("edited", [False, True])
def test_the_export_checks_again_only_what_changed_since_the_dialogs_check(
    qtbot: QtBot,
    demo_db: Database,
    demo_actors: Actors,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    edited: bool,
) -> None:
    """One whole check per export: the dialog's. The export takes over where its history
    check left off and the records it found clean; an item changed in between (here by
    hand, behind the dialog's back) is checked again, and its finding still blocks."""
    dialog = _open(qtbot, demo_db, demo_actors)
    assert dialog.check is not None and dialog.check.ok
    whole_checks: list[object] = []
    validated: list[str] = []
    check_history, validate = export.check_history, export.validate_content

    def counted_history(session: Any) -> Any:
        whole_checks.append(session)
        return check_history(session)

    def counted_validate(content: Any, *args: Any, **kwargs: Any) -> Any:
        validated.append(content.name)
        return validate(content, *args, **kwargs)

    monkeypatch.setattr(export, "check_history", counted_history)
    monkeypatch.setattr(export, "validate_content", counted_validate)
    if edited:  # an approved item's content changed behind the dialog's back
        with demo_db.write() as session:
            session.execute(
                update(RevisionRow)
                .where(RevisionRow.status == Status.APPROVED, RevisionRow.superseded.is_(False))
                .where(
                    RevisionRow.id
                    == select(func.min(RevisionRow.id))
                    .where(RevisionRow.status == Status.APPROVED)
                    .scalar_subquery()
                )
                .values(channels=["nowhere"])
            )
    target = tmp_path / "shared.gwgk"
    _fill(qtbot, dialog, target, demo_key_passphrase())
    signal = dialog.export_failed if edited else dialog.exported
    with qtbot.waitSignal(signal, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert whole_checks == []
    if edited:
        assert len(validated) == 1
        assert "未知的公开渠道：nowhere" in dialog.error.text()
        assert not target.exists()
    else:
        assert validated == []
        assert target.exists()
