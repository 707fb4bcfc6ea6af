"""The placeholder flowchart tab (until the drawing editor replaces it): lists the steps,
loads the standard procedure as one undoable change, stays read-only when asked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from gwgk_desktop.gui.flowchart_tab import FlowchartTab
from gwgk_desktop.services.template import standard_procedure


def test_the_template_button_is_one_undoable_change(qtbot: QtBot) -> None:
    stack = QUndoStack()
    tab = FlowchartTab(undo_stack=stack)
    qtbot.addWidget(tab)
    tab.set_flowchart(None)
    assert tab.flowchart() is None and tab.steps.count() == 0
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.template_button, Qt.MouseButton.LeftButton)
    assert tab.flowchart() == standard_procedure()
    chart = standard_procedure()
    assert tab.steps.count() == len(chart.nodes) + len(chart.edges)
    assert stack.count() == 1
    with qtbot.waitSignal(tab.changed):
        stack.undo()
    assert tab.flowchart() is None


def test_read_only_and_unknown_templates(qtbot: QtBot) -> None:
    tab = FlowchartTab()
    qtbot.addWidget(tab)
    tab.set_flowchart(standard_procedure(), read_only=True)
    assert not tab.template_button.isEnabled()
    tab.apply_template("standard")
    assert tab.flowchart() == standard_procedure(), "unchanged, and no undo stack needed"
    with pytest.raises(LookupError):
        tab.apply_template("site_check")
