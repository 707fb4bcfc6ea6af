"""Autosave and recovery: a first instance types, autosaves and is killed; a second
instance on the same database offers the draft back, and saving it keeps the typing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import Status
from gwgk_desktop.gui.editor.autosave import Autosave
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.gui.recovery_dialog import RecoveryDialog
from gwgk_desktop.services import autosave
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import open_database
from tests.conftest import actors_of
from tests.gui.conftest import close_window, make_window, on_next_modal, type_text

ROOT = Path(__file__).resolve().parents[2]


def _run_until_autosaved(db_path: Path, text: str) -> tuple[int, Path]:
    """Start the first instance, wait for its autosave, then kill it with SIGKILL."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.crash_instance", str(db_path), text],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    timer = threading.Timer(60, child.kill)  # never hang the test run
    timer.start()
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
    finally:
        timer.cancel()
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert line.startswith("AUTOSAVED "), f"first instance said {line!r}"
    _word, item_id, path = line.split(maxsplit=2)
    return int(item_id), Path(path.strip())


@pytest.mark.slow
def test_a_second_instance_recovers_what_the_killed_one_typed(
    qtbot: QtBot, demo_db_path: Path
) -> None:
    item_id, draft_path = _run_until_autosaved(demo_db_path, "（停电前输入）")
    assert draft_path.is_file()
    assert draft_path.parent.parent == autosave.drafts_dir(demo_db_path)

    db = open_database(demo_db_path)
    try:
        before = Catalogue(db).items.get(item_id).name
        assert "停电前" not in before, "the typing never reached the database"
        window = make_window(qtbot, db, actors_of(db).clerk)

        def recover(widget: QWidget) -> None:
            assert isinstance(widget, RecoveryDialog)
            assert widget.table.rowCount() == 1
            assert widget.table.item(0, 0).text() == before + "（停电前输入）"  # type: ignore[union-attr]
            qtbot.mouseClick(widget.recover_button, Qt.MouseButton.LeftButton)

        seen = on_next_modal(recover)
        assert window.offer_recovery()
        assert seen
        editor = window.editor
        assert editor.item_id() == item_id
        assert editor.doc.name == before + "（停电前输入）"
        assert editor.is_dirty(), "recovered text is unsaved until the clerk saves it"
        assert not draft_path.exists(), "the dead instance's draft was taken over"
        own = list(window.drafts.folder.glob("*.json")) if window.drafts else []
        assert len(own) == 1, "and is autosaved again by this instance"

        # Undo takes the recovery back; redo and save keep it.
        editor.undo_stack.undo()
        assert editor.doc.name == before and not editor.is_dirty()
        editor.undo_stack.redo()
        window.activateWindow()  # back from the dialog, for the window's shortcuts
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert Catalogue(db).items.get(item_id).name == before + "（停电前输入）"
        assert not list(window.drafts.folder.glob("*.json")) if window.drafts else True
        assert autosave.orphaned_drafts(demo_db_path, own=window.drafts) == []
        close_window(window)
    finally:
        db.close()


def test_autosave_writes_only_while_dirty(qtbot: QtBot, demo_window: MainWindow) -> None:
    window, editor = demo_window, demo_window.editor
    draft = window.catalogue.items.search_ids(ItemQuery(statuses=frozenset({Status.DRAFT})))[0]
    assert window.go_to_item(draft)
    assert editor.autosave.write() is None, "nothing to save"
    type_text(qtbot, editor.active["summary"].widget, "甲")
    with qtbot.waitSignal(editor.autosave.written, timeout=Autosave.INTERVAL_MS + 3000) as written:
        pass
    path = Path(written.args[0])
    assert path.is_file()
    assert editor.autosave.write() is None, "unchanged since the last write"
    assert editor.save()
    assert not path.exists(), "saving removes the draft"


def test_undoing_back_to_the_saved_text_removes_the_draft(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    window, editor = demo_window, demo_window.editor
    draft = window.catalogue.items.search_ids(ItemQuery(statuses=frozenset({Status.DRAFT})))[0]
    assert window.go_to_item(draft)
    type_text(qtbot, editor.active["summary"].widget, "乙")
    written = editor.autosave.write()
    assert written is not None and Path(written).exists()
    editor.undo_stack.undo()
    assert not editor.is_dirty()
    assert not Path(written).exists(), "a stale draft would be offered after a crash"
