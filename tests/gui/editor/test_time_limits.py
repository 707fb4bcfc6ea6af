"""即时办结 as a time limit in the editor (issue 14, point 3): a check box beside each
limit's days, clicked with the mouse; it clears and greys out the days in one undoable
step, and is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gwgk_desktop.gui.editor.fields import CheckBinding, DaysBinding
from gwgk_desktop.gui.main_window import MainWindow
from tests.conftest import Actors
from tests.factories import licensing_content
from tests.gui.conftest import opened_item


def test_immediate_is_a_choice_beside_the_days(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    window, editor = clerk_window, clerk_window.editor
    item = opened_item(window, actors.clerk, licensing_content(window.catalogue))
    immediate = editor.active["guide.promised_limit_immediate"]
    days = editor.active["guide.promised_limit_days"]
    assert isinstance(immediate, CheckBinding) and isinstance(days, DaysBinding)
    assert immediate.box.text() == "即时办结"
    assert days.spin.value() == 1 and days.spin.isEnabled()

    editor.reveal(immediate.box)
    qtbot.mouseClick(immediate.box, Qt.MouseButton.LeftButton)
    guide = editor.doc.guide
    assert guide is not None
    assert guide.promised_limit_immediate and guide.promised_limit_days is None
    assert not days.spin.isEnabled() and days.spin.value() == 0
    assert editor.problem_text("guide.promised_limit_days") == ""

    # One step back brings the days back; forward again, and save.
    qtbot.keyClick(immediate.box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not guide.promised_limit_immediate and guide.promised_limit_days == 1
    assert days.spin.isEnabled() and days.spin.value() == 1
    qtbot.keyClick(immediate.box, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert guide.promised_limit_immediate and guide.promised_limit_days is None
    qtbot.keyClick(immediate.box, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = window.catalogue.items.get(item.id).content.guide
    assert saved is not None
    assert saved.promised_limit_immediate and saved.promised_limit_days is None
    assert saved.limits() == "法定期限30个工作日；承诺期限即时办结"

    # Both limits 即时办结 and no days at all: complete enough to submit.
    legal = editor.active["guide.legal_limit_immediate"]
    assert isinstance(legal, CheckBinding)
    editor.reveal(legal.box)
    qtbot.mouseClick(legal.box, Qt.MouseButton.LeftButton)
    assert guide.legal_limit_immediate and guide.legal_limit_days is None
    assert editor.problem_text("guide.promised_limit_days") == ""
    assert editor.save()
    reopened = window.catalogue.items.get(item.id).content.guide
    assert reopened is not None and reopened.limits() == "法定期限即时办结；承诺期限即时办结"
