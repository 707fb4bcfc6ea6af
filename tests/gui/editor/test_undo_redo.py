"""Undo and redo with Ctrl+Z / Ctrl+Y: typing, clicks, table rows and the flowchart
template all go through the editor's one undo stack."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import Audience
from gwgk_desktop.gui.editor.fields import ChecksBinding, LineBinding, RadioBinding
from gwgk_desktop.gui.main_window import MainWindow
from tests.gui.conftest import type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def _undo(qtbot: QtBot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)


def _redo(qtbot: QtBot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y, CTRL)


def test_typing_undoes_and_redoes_with_the_keyboard(qtbot: QtBot, clerk_window: MainWindow) -> None:
    window, editor = clerk_window, clerk_window.editor
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    name = editor.active["name"]
    assert isinstance(name, LineBinding)
    type_text(qtbot, name.edit, "abc")  # three keystrokes, one undo step
    type_text(qtbot, name.edit, "出生")
    level2 = editor.active["level2"]
    assert isinstance(level2, LineBinding)
    type_text(qtbot, level2.edit, "户籍")
    assert not editor.undo_stack.isClean()
    assert window.isWindowModified()

    # Ctrl+Z in a line edit reaches the editor's stack, not the field's own undo.
    _undo(qtbot)
    assert level2.edit.text() == "" and editor.doc.level2 == ""
    _undo(qtbot)
    assert name.edit.text() == "" and editor.doc.name == ""
    assert QApplication.focusWidget() is name.edit, "undo shows where it changed"
    assert editor.undo_stack.isClean() and not window.isWindowModified()
    _redo(qtbot)
    assert name.edit.text() == "abc出生" and editor.doc.name == "abc出生"
    _redo(qtbot)
    assert level2.edit.text() == "户籍"
    assert editor.ui.title.text().startswith("abc出生")


def test_clicks_and_rows_are_undoable_too(qtbot: QtBot, clerk_window: MainWindow) -> None:
    window, editor = clerk_window, clerk_window.editor
    qtbot.keyClick(
        window, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier
    )  # a licensing item
    channels = editor.active["channels"]
    audience = editor.active["audience"]
    assert isinstance(channels, ChecksBinding) and isinstance(audience, RadioBinding)
    qtbot.mouseClick(channels.boxes["website"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(audience.buttons[Audience.SPECIFIC], Qt.MouseButton.LeftButton)
    assert editor.doc.channels == ("website",)
    assert editor.doc.audience is Audience.SPECIFIC

    editor.ui.tabs.setCurrentWidget(editor.ui.materialsPage)
    qtbot.mouseClick(editor.materials.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.materials.add_button, Qt.MouseButton.LeftButton)
    assert len(editor.doc.materials) == 2

    editor.ui.tabs.setCurrentWidget(editor.ui.flowchartPage)
    editor.flowchart_editor.apply_template("standard")
    chart = editor.content().flowchart
    assert chart is not None and chart.nodes

    steps = editor.undo_stack.count()
    editor.undo_stack.undo()
    chart = editor.content().flowchart
    assert chart is None or not chart.nodes
    editor.undo_stack.undo()
    assert len(editor.doc.materials) == 1
    assert editor.materials.table.rowCount() == 1
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert editor.doc.audience is Audience.PUBLIC
    assert audience.buttons[Audience.PUBLIC].isChecked()
    editor.undo_stack.undo()
    assert editor.doc.channels == () and not channels.boxes["website"].isChecked()
    assert editor.undo_stack.isClean()
    while editor.undo_stack.canRedo():
        editor.undo_stack.redo()
    assert editor.undo_stack.index() == steps
    assert editor.doc.channels == ("website",) and len(editor.doc.materials) == 2
    redone = editor.content().flowchart
    assert redone is not None and redone.nodes


def test_typing_back_to_the_saved_text_is_clean_again(
    qtbot: QtBot, clerk_window: MainWindow
) -> None:
    window, editor = clerk_window, clerk_window.editor
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    name = editor.active["name"]
    assert isinstance(name, LineBinding)
    type_text(qtbot, name.edit, "ab")
    assert editor.save()
    type_text(qtbot, name.edit, "c")
    assert editor.is_dirty()
    qtbot.keyClick(name.edit, Qt.Key.Key_Backspace)
    assert not editor.is_dirty(), "the edit merged back into nothing"
