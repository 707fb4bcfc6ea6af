"""The flowchart editor inside the item editor, as the clerk met it (issue 14): keys act on
what has the focus, typed text is never lost, an empty chart is not "in order", and the
chart does not move when problems come and go."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import ItemKind, NodeKind
from gwgk_desktop.gui.flowchart.editor import FlowchartEditor
from gwgk_desktop.gui.main_window import MainWindow
from tests.conftest import Actors
from tests.factories import licensing_content
from tests.gui.conftest import commit_text, opened_item
from tests.gui.flowchart.conftest import viewport

CTRL = Qt.KeyboardModifier.ControlModifier


def chart_tab(window: MainWindow, qtbot: QtBot) -> FlowchartEditor:
    window.activateWindow()  # clicks give the focus, as on a desktop
    qtbot.waitUntil(window.isActiveWindow)
    editor = window.editor
    editor.ui.tabs.setCurrentWidget(editor.ui.flowchartPage)
    return editor.flowchart_editor


def test_undo_and_redo_keys_act_on_the_chart_when_it_has_the_focus(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    """Point 1: Ctrl+Z / Ctrl+Y with the focus on the canvas undid nothing ("Ambiguous
    shortcut overload": the window's and the chart's undo shared the key). A Qt warning
    fails the test, so the ambiguity itself is caught too."""
    window = clerk_window
    opened_item(window, actors.clerk, licensing_content(window.catalogue))
    chart = chart_tab(window, qtbot)
    before = len(chart.document.nodes())
    qtbot.mouseClick(chart.node_palette.buttons[NodeKind.STEP], Qt.MouseButton.LeftButton)
    assert len(chart.document.nodes()) == before + 1
    # A click on the canvas's empty corner: the focus is on the chart.
    QTest.mouseClick(viewport(chart), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))
    assert chart.view.hasFocus()
    QTest.keyClick(viewport(chart), Qt.Key.Key_Z, CTRL)
    assert len(chart.document.nodes()) == before
    QTest.keyClick(viewport(chart), Qt.Key.Key_Y, CTRL)
    assert len(chart.document.nodes()) == before + 1
    QTest.keyClick(viewport(chart), Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert len(chart.document.nodes()) == before + 1  # nothing more to redo

    # The chart's own Ctrl+1 (actual size) wins over the window's (go to the categories).
    chart.view.set_zoom(0.5)
    QTest.keyClick(viewport(chart), Qt.Key.Key_1, CTRL)
    assert chart.view.zoom() == 1.0 and not window.tree.hasFocus()

    # Elsewhere the window's keys still work: Ctrl+Z in a form field undoes its typing.
    window.editor.ui.tabs.setCurrentWidget(window.editor.ui.basicPage)
    name = window.editor.active["name"].widget
    name.setFocus()
    commit_text(name, "（改）")
    assert window.editor.doc.name.endswith("（改）")
    QTest.keyClick(name, Qt.Key.Key_Z, CTRL)
    assert not window.editor.doc.name.endswith("（改）")


def test_undo_keys_leave_the_item_alone_on_the_requests_tab(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    window = clerk_window
    opened_item(window, actors.clerk)
    name = window.editor.active["name"].widget
    name.setFocus()
    commit_text(name, "（改）")
    area = window.show_requests()
    area.table.setFocus()
    QTest.keyClick(area.table, Qt.Key.Key_Z, CTRL)
    assert window.editor.doc.name.endswith("（改）")  # not undone behind the clerk's back


def test_text_typed_into_the_properties_is_kept(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    """Point 2: the node's text was saved only when the field lost the focus, so it was
    lost when the clerk next added a node from the palette; Tab typed a tab."""
    window = clerk_window
    opened_item(window, actors.clerk, licensing_content(window.catalogue))
    chart = chart_tab(window, qtbot)
    qtbot.mouseClick(chart.node_palette.buttons[NodeKind.STEP], Qt.MouseButton.LeftButton)
    (key,), _edges = chart.scene.selected_keys()
    panel = chart.properties
    panel.text_edit.setFocus()
    panel.text_edit.selectAll()
    commit_text(panel.text_edit, "现场核查")
    QTest.keyClick(panel.text_edit, Qt.Key.Key_Tab)
    assert panel.text_edit.toPlainText() == "现场核查"  # no tab typed
    assert not panel.text_edit.hasFocus()
    qtbot.mouseClick(chart.node_palette.buttons[NodeKind.END], Qt.MouseButton.LeftButton)
    node = chart.document.node(key)
    assert node is not None and node.text == "现场核查"
    # Typing is one undo step; saving keeps it.
    stack = chart.undo_stack()
    stack.undo()  # the 结束 node
    stack.undo()  # the typing
    node = chart.document.node(key)
    assert node is not None and node.text != "现场核查"
    stack.redo()
    assert window.editor.save()
    saved = window.catalogue.items.get(window.editor.item_id() or 0).content.flowchart
    assert saved is not None and "现场核查" in [n.text for n in saved.nodes]


def test_an_empty_chart_of_a_licensing_item_is_a_problem_and_the_chart_never_moves(
    qtbot: QtBot, clerk_window: MainWindow
) -> None:
    """Points 6 and 9: an empty chart said "✓ 流程图没有发现问题" while the item said a
    chart is required; each problem added a line above the chart."""
    window = clerk_window
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.editor.kind is ItemKind.LICENSING
    chart = chart_tab(window, qtbot)
    qtbot.waitUntil(chart.view.isVisible)
    listed = [chart.properties.problem_list.item(i).text() for i in range(1)]
    assert "须绘制审批程序流程图" in listed[0] and "✓" not in listed[0]
    assert "须绘制审批程序流程图" in chart.status_line.full_text()
    qtbot.wait(50)  # the layout settles
    top = chart.view.mapTo(window, chart.view.rect().topLeft())

    # Three nodes, nothing connected: several problems, listed beside the chart.
    for kind in (NodeKind.START, NodeKind.STEP, NodeKind.END):
        qtbot.mouseClick(chart.node_palette.buttons[kind], Qt.MouseButton.LeftButton)
    assert chart.properties.problem_list.count() >= 3
    assert "需要修改" in chart.status_line.full_text()
    window.editor.problems.show_all = True
    window.editor.validate()
    assert "流程图" in window.editor.problem_text("flowchart")
    qtbot.wait(50)
    assert chart.view.mapTo(window, chart.view.rect().topLeft()) == top
