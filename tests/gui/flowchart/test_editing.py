"""The flowchart editor driven with real mouse and keyboard events: every gesture changes
the chart through an undo command, and undo/redo give back the exact earlier chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart_geometry import GRID, node_text, port
from gwgk_desktop.gui.flowchart.editor import FlowchartEditor
from gwgk_desktop.gui.flowchart.items import InlineEditor
from tests.gui.conftest import type_text
from tests.gui.flowchart.conftest import (
    at,
    click,
    drag,
    small_chart,
    viewport,
)


def undo_redo_round_trip(editor: FlowchartEditor, before: object, after: object) -> None:
    stack = editor.undo_stack()
    stack.undo()
    assert editor.flowchart() == before
    stack.redo()
    assert editor.flowchart() == after


def test_palette_click_adds_a_node_and_undo_removes_it(editor: FlowchartEditor) -> None:
    assert editor.flowchart() is None
    QTest.mouseClick(editor.node_palette.buttons[NodeKind.STEP], Qt.MouseButton.LeftButton)
    QTest.mouseClick(editor.node_palette.buttons[NodeKind.DECISION], Qt.MouseButton.LeftButton)
    chart = editor.flowchart()
    assert chart is not None
    assert [n.kind for n in chart.nodes] == [NodeKind.STEP, NodeKind.DECISION]
    first, second = chart.nodes
    # the second lands on a free spot, not on top of the first, and on the grid
    assert (first.x, first.y) != (second.x, second.y)
    assert all(v % GRID == 0 for n in chart.nodes for v in (n.x, n.y))
    assert editor.scene.node_items[second.key].isSelected()
    editor.undo_stack().undo()
    editor.undo_stack().undo()
    assert editor.flowchart() is None
    editor.undo_stack().redo()
    editor.undo_stack().redo()
    assert editor.flowchart() == chart


def test_connect_by_dragging_from_a_handle_to_another_node(editor: FlowchartEditor) -> None:
    chart = small_chart()
    chart.edges = []
    editor.set_flowchart(chart)
    before = editor.flowchart()
    start = editor.document.node("s")
    assert start is not None
    handle = port(start, "B")
    drag(editor, handle, (0, 150))
    after = editor.flowchart()
    assert after is not None
    assert [(e.source, e.target, e.label) for e in after.edges] == [("s", "a", "")]
    assert editor.scene.routes[after.edges[0].key].points[0] == handle
    undo_redo_round_trip(editor, before, after)


def test_dragging_a_connection_onto_nothing_adds_nothing(editor: FlowchartEditor) -> None:
    editor.set_flowchart(small_chart())
    start = editor.document.node("a")
    assert start is not None
    drag(editor, port(start, "R"), (400, 150))
    assert editor.flowchart() == small_chart()
    assert editor.undo_stack().count() == 0


def test_connecting_from_a_decision_asks_for_the_condition(
    editor: FlowchartEditor, qtbot: QtBot
) -> None:
    chart = small_chart()
    chart.nodes[1].kind = NodeKind.DECISION
    chart.nodes.append(chart.nodes[2].__class__("x", NodeKind.END, "不予受理", x=300, y=150))
    editor.set_flowchart(chart)
    decision = editor.document.node("a")
    assert decision is not None
    drag(editor, port(decision, "R"), (300, 150))
    assert isinstance(editor.scene.editor, InlineEditor)
    type_text(qtbot, editor.view, "不符合条件")
    QTest.keyClick(viewport(editor), Qt.Key.Key_Return)
    result = editor.flowchart()
    assert result is not None
    assert result.edges[-1].label == "不符合条件"
    assert result.edges[-1].source == "a" and result.edges[-1].target == "x"
    # two steps: the connection, then its label
    editor.undo_stack().undo()
    assert editor.flowchart() is not None and editor.flowchart().edges[-1].label == ""  # type: ignore[union-attr]


def test_drag_moves_snap_to_grid_and_merge_into_one_undo_step(editor: FlowchartEditor) -> None:
    editor.set_flowchart(small_chart())
    before = editor.flowchart()
    drag(editor, (0, 150), (133, 167), steps=8)
    after = editor.flowchart()
    assert after is not None
    moved = after.nodes[1]
    assert (moved.x, moved.y) == (130, 170)
    assert editor.undo_stack().count() == 1
    assert editor.undo_stack().text(0) == "移动"
    # the edges follow the node
    assert editor.scene.routes["e1"].points[-1] == port(moved, "T")
    undo_redo_round_trip(editor, before, after)


def test_rubber_band_selects_several_nodes_and_they_move_together(
    editor: FlowchartEditor,
) -> None:
    editor.set_flowchart(small_chart())
    drag(editor, (-200, 100), (200, 340), steps=4)
    nodes, _ = editor.scene.selected_keys()
    assert set(nodes) == {"a", "e"}
    drag(editor, (0, 300), (60, 300), steps=3)
    chart = editor.flowchart()
    assert chart is not None
    assert [(n.x, n.y) for n in chart.nodes] == [(0, 0), (60, 150), (60, 300)]
    assert editor.undo_stack().count() == 1


def test_ctrl_click_adds_to_the_selection(editor: FlowchartEditor) -> None:
    editor.set_flowchart(small_chart())
    click(editor, 0, 0)
    click(editor, 0, 300, Qt.KeyboardModifier.ControlModifier)
    assert set(editor.scene.selected_keys()[0]) == {"s", "e"}
    click(editor, 0, 0, Qt.KeyboardModifier.ControlModifier)
    assert editor.scene.selected_keys()[0] == ["e"]


def test_double_click_edits_the_text_in_place(editor: FlowchartEditor, qtbot: QtBot) -> None:
    editor.set_flowchart(small_chart())
    before = editor.flowchart()
    QTest.mouseDClick(viewport(editor), Qt.MouseButton.LeftButton, pos=at(editor, 0, 150))
    assert isinstance(editor.scene.editor, InlineEditor)
    type_text(qtbot, editor.view, "窗口受理申请材料并当场审查是否齐全")
    QTest.keyClick(viewport(editor), Qt.Key.Key_Return)
    after = editor.flowchart()
    assert after is not None
    assert after.nodes[1].text == "窗口受理申请材料并当场审查是否齐全"
    # long text wraps inside the shape
    assert len(node_text(after.nodes[1]).lines) == 2
    undo_redo_round_trip(editor, before, after)


def test_escape_cancels_an_inline_edit(editor: FlowchartEditor, qtbot: QtBot) -> None:
    editor.set_flowchart(small_chart())
    QTest.mouseDClick(viewport(editor), Qt.MouseButton.LeftButton, pos=at(editor, 0, 150))
    type_text(qtbot, editor.view, "不要")
    QTest.keyClick(viewport(editor), Qt.Key.Key_Escape)
    assert editor.flowchart() == small_chart()
    assert editor.undo_stack().count() == 0


def test_delete_removes_a_node_with_its_edges_and_undo_restores_it(
    editor: FlowchartEditor,
) -> None:
    editor.set_flowchart(small_chart())
    before = editor.flowchart()
    click(editor, 0, 150)
    QTest.keyClick(viewport(editor), Qt.Key.Key_Delete)
    after = editor.flowchart()
    assert after is not None
    assert [n.key for n in after.nodes] == ["s", "e"]
    assert after.edges == []
    assert "a" not in editor.scene.node_items and not editor.scene.edge_items
    undo_redo_round_trip(editor, before, after)


def test_clicking_an_edge_selects_it_and_delete_removes_only_it(editor: FlowchartEditor) -> None:
    editor.set_flowchart(small_chart())
    click(editor, 0, 90)  # on the line between 申请 and 受理
    assert editor.scene.selected_keys() == ([], ["e1"])
    QTest.keyClick(viewport(editor), Qt.Key.Key_Delete)
    chart = editor.flowchart()
    assert chart is not None
    assert [e.key for e in chart.edges] == ["e2"] and len(chart.nodes) == 3


def test_copy_and_paste_make_new_nodes_offset_from_the_originals(
    editor: FlowchartEditor,
) -> None:
    editor.set_flowchart(small_chart())
    drag(editor, (-200, 100), (200, 340), steps=3)
    QTest.keyClick(viewport(editor), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(viewport(editor), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    chart = editor.flowchart()
    assert chart is not None
    assert len(chart.nodes) == 5
    pasted = chart.nodes[3:]
    assert [n.text for n in pasted] == ["受理", "办结"]
    assert [(n.x, n.y) for n in pasted] == [(30, 180), (30, 330)]
    assert (chart.edges[-1].source, chart.edges[-1].target) == (pasted[0].key, pasted[1].key)
    assert len({n.key for n in chart.nodes}) == 5
    editor.undo_stack().undo()
    assert editor.flowchart() == small_chart()


def test_clean_and_dirty_follow_the_undo_stack(editor: FlowchartEditor, qtbot: QtBot) -> None:
    with qtbot.assertNotEmitted(editor.changed):
        editor.set_flowchart(small_chart())
    assert not editor.is_modified()
    with qtbot.waitSignal(editor.changed):
        drag(editor, (0, 150), (100, 150))
    assert editor.is_modified()
    with qtbot.waitSignal(editor.changed):
        editor.undo_stack().undo()
    assert not editor.is_modified()
    editor.undo_stack().redo()
    editor.undo_stack().setClean()  # what the item editor does after saving
    assert not editor.is_modified()


def test_a_shared_undo_stack_receives_every_command(qtbot: QtBot) -> None:
    stack = QUndoStack()
    editor = FlowchartEditor(undo_stack=stack)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.set_flowchart(small_chart())
    assert editor.undo_stack() is stack
    QTest.mouseClick(editor.node_palette.buttons[NodeKind.END], Qt.MouseButton.LeftButton)
    assert stack.count() == 1
    stack.undo()
    assert editor.flowchart() == small_chart()


def test_read_only_shows_but_does_not_change(editor: FlowchartEditor) -> None:
    editor.set_flowchart(small_chart(), read_only=True)
    assert not editor.node_palette.isEnabled()
    drag(editor, (0, 150), (200, 150))
    click(editor, 0, 150)
    QTest.keyClick(viewport(editor), Qt.Key.Key_Delete)
    QTest.mouseDClick(viewport(editor), Qt.MouseButton.LeftButton, pos=at(editor, 0, 150))
    assert editor.scene.editor is None
    assert editor.flowchart() == small_chart()
    assert editor.undo_stack().count() == 0


def test_flowchart_returns_a_copy(editor: FlowchartEditor) -> None:
    editor.set_flowchart(small_chart())
    copy = editor.flowchart()
    assert copy is not None
    copy.nodes[0].text = "改了副本"
    assert editor.flowchart() == small_chart()
