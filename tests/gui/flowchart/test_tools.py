"""Zoom and fit, problems marked on the chart, the properties panel, quick entry,
templates, auto-layout, drops from the palette and export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart_geometry import SMALL_FONT_SIZE
from gwgk_desktop.domain.flowchart_routing import crossings
from gwgk_desktop.domain.models import FlowEdge, FlowNode
from gwgk_desktop.gui.flowchart.editor import FlowchartEditor
from gwgk_desktop.gui.flowchart.quick_entry import QuickEntryDialog
from gwgk_desktop.gui.flowchart.view import MIN_TEXT_PX, NODE_KIND_MIME
from gwgk_desktop.services.flowcharts import template_chart
from tests.gui.conftest import type_text
from tests.gui.flowchart.conftest import at, click, small_chart, viewport


def wheel(editor: FlowchartEditor, steps: int, modifiers: Qt.KeyboardModifier) -> None:
    pos = QPointF(viewport(editor).rect().center())
    event = QWheelEvent(
        pos,
        QPointF(viewport(editor).mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport(editor), event)


def test_ctrl_wheel_and_keys_zoom_and_fit_shows_everything(editor: FlowchartEditor) -> None:
    editor.set_flowchart(template_chart("standard"))
    editor.view.actual_size()
    wheel(editor, 2, Qt.KeyboardModifier.ControlModifier)
    assert editor.view.zoom() == 1.2**2
    wheel(editor, 1, Qt.KeyboardModifier.NoModifier)  # plain wheel scrolls, no zoom
    assert editor.view.zoom() == 1.2**2
    QTest.keyClick(editor.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert abs(editor.view.zoom() - 1.2) < 1e-9
    QTest.keyClick(editor.view, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert editor.view.zoom() == 1.0
    editor.resize(1600, 1200)
    QTest.keyClick(editor.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert editor.view.readable_zoom() <= editor.view.zoom() <= 1.0
    visible = editor.view.mapToScene(viewport(editor).rect()).boundingRect()
    assert visible.contains(editor.scene.chart_rect())


def test_fitting_keeps_the_text_readable_and_follows_the_window(
    editor: FlowchartEditor, qtbot: QtBot
) -> None:
    """Issue 14, points 10 and 12: in a small window the fitted chart keeps its text
    readable (shown from its top, scrolled), and it is fitted again when the window
    changes size, until the clerk zooms by hand."""
    editor.set_flowchart(template_chart("standard"))
    editor.resize(500, 400)
    QTest.keyClick(editor.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    view = editor.view
    assert view.zoom() == pytest.approx(view.readable_zoom())
    small = SMALL_FONT_SIZE * view.zoom() * view.pixels_per_point()
    assert small >= MIN_TEXT_PX - 1e-6
    start = editor.scene.node_items[editor.document.nodes()[0].key]
    visible = view.mapToScene(viewport(editor).rect()).boundingRect()
    assert visible.contains(start.sceneBoundingRect().center())
    editor.resize(1600, 1200)
    qtbot.waitUntil(
        lambda: (
            view.mapToScene(viewport(editor).rect())
            .boundingRect()
            .contains(editor.scene.chart_rect())
        )
    )
    QTest.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    zoomed = view.zoom()
    editor.resize(500, 400)
    qtbot.wait(20)
    assert view.zoom() == zoomed  # zoomed by hand: left alone


def test_problems_are_marked_on_the_chart_and_listed(editor: FlowchartEditor) -> None:
    chart = small_chart()
    chart.nodes[1].kind = NodeKind.DECISION  # one unlabelled way out: two problems
    editor.set_flowchart(chart)
    item = editor.scene.node_items["a"]
    assert any("至少需要两条" in p for p in item.problems)
    assert editor.scene.edge_items["e2"].problems
    assert "⚠" in item.toolTip()
    assert "不能提交审核" in editor.status_line.full_text()
    assert editor.properties.problem_list.count() == len(editor.problems())
    assert {p.node for p in editor.problems()} >= {"a"}
    # fixing it through the chart clears the marks
    editor.push(
        __import__("gwgk_desktop.gui.flowchart.commands", fromlist=["x"]).ChangeNodeCommand(
            editor.document, "a", kind=NodeKind.STEP
        )
    )
    assert editor.problems() == []
    assert not item.problems and "没有发现问题" in editor.status_line.full_text()


def test_clicking_a_problem_selects_what_it_is_about(editor: FlowchartEditor) -> None:
    chart = small_chart()
    chart.nodes.append(FlowNode("lost", NodeKind.STEP, "孤立环节", x=400, y=150))
    editor.set_flowchart(chart)
    lists = editor.properties.problem_list
    row = next(i for i in range(lists.count()) if "孤立环节" in lists.item(i).text())
    rect = lists.visualItemRect(lists.item(row))
    QTest.mouseClick(lists.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.scene.selected_keys() == (["lost"], [])


def test_properties_panel_edits_the_selected_node(editor: FlowchartEditor, qtbot: QtBot) -> None:
    editor.set_flowchart(small_chart())
    click(editor, 0, 150)
    panel = editor.properties
    assert panel.stack.currentIndex() == 1
    assert panel.text_edit.toPlainText() == "受理"
    panel.days_spin.setFocus()
    panel.days_spin.selectAll()
    QTest.keyClicks(panel.days_spin, "7")
    QTest.keyClick(panel.days_spin, Qt.Key.Key_Return)
    node = editor.document.node("a")
    assert node is not None and node.time_limit_days == 7
    post_line = panel.post_combo.lineEdit()
    assert post_line is not None
    post_line.setFocus()
    post_line.selectAll()
    type_text(qtbot, post_line, "审核民警")
    QTest.keyClick(post_line, Qt.Key.Key_Return)
    node = editor.document.node("a")
    assert node is not None and node.post == "审核民警"
    editor.undo_stack().undo()
    editor.undo_stack().undo()
    assert editor.flowchart() == small_chart()


def test_properties_panel_edits_an_edge_label_and_the_title(
    editor: FlowchartEditor, qtbot: QtBot
) -> None:
    editor.set_flowchart(small_chart())
    click(editor, 0, 90)
    panel = editor.properties
    assert panel.stack.currentIndex() == 2
    line = panel.label_combo.lineEdit()
    assert line is not None
    line.setFocus()
    type_text(qtbot, line, "予以受理")
    QTest.keyClick(line, Qt.Key.Key_Return)
    edge = editor.document.edge("e1")
    assert edge is not None and edge.label == "予以受理"
    assert editor.scene.routes["e1"].label is not None
    click(editor, 500, 500)  # empty canvas: the chart's own properties
    assert panel.stack.currentIndex() == 0
    panel.title_edit.setFocus()
    panel.title_edit.selectAll()
    type_text(qtbot, panel.title_edit, "出生登记审批程序流程图")
    QTest.keyClick(panel.title_edit, Qt.Key.Key_Return)
    chart = editor.flowchart()
    assert chart is not None and chart.title == "出生登记审批程序流程图"


def test_template_replaces_the_chart_as_one_undo_step(editor: FlowchartEditor) -> None:
    editor.set_flowchart(None)
    editor.apply_template("standard")
    chart = editor.flowchart()
    assert chart is not None and len(chart.nodes) == 11
    assert editor.problems() == []
    assert crossings(editor.scene.routes.values()) == []
    editor.undo_stack().undo()
    assert editor.flowchart() is None


def test_quick_entry_dialog_turns_text_into_a_chart(editor: FlowchartEditor, qtbot: QtBot) -> None:
    dialog = QuickEntryDialog(None)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()  # starts from the standard template's text
    dialog.text.setPlainText("1. 申请\n2. 审查？\n   - 是 → 9\n")
    assert not ok.isEnabled()
    assert "没有第9步" in dialog.status.text()
    dialog.text.setPlainText("1. 申请\n2. 审查？\n   - 是 → 3\n   - 否 → 结束\n3. 办结\n")
    assert ok.isEnabled()
    chart = dialog.chart()
    assert chart is not None
    editor.replace_chart(chart, "快速录入")
    result = editor.flowchart()
    assert result is not None
    assert [n.kind for n in result.nodes] == [
        NodeKind.START,
        NodeKind.DECISION,
        NodeKind.END,
        NodeKind.END,
    ]
    assert editor.problems() == []


def test_auto_layout_is_one_undo_step(editor: FlowchartEditor) -> None:
    chart = small_chart()
    for node in chart.nodes:
        node.x, node.y = 0, 0  # piled up
    chart.edges.append(FlowEdge("e3", "a", "s", "补正后"))
    editor.set_flowchart(chart)
    editor.layout_action.trigger()
    laid = editor.flowchart()
    assert laid is not None
    assert len({(n.x, n.y) for n in laid.nodes}) == 3
    assert editor.undo_stack().count() == 1
    editor.undo_stack().undo()
    assert editor.flowchart() == chart


def test_dropping_a_kind_from_the_palette_adds_it_there(editor: FlowchartEditor) -> None:
    data = QMimeData()
    data.setData(NODE_KIND_MIME, NodeKind.DOCUMENT.value.encode("ascii"))
    # QDragEnterEvent takes a QPoint (QDropEvent a QPointF) on every supported Qt line.
    point = at(editor, 200, 100)
    pos = QPointF(point)
    enter = QDragEnterEvent(
        point,
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport(editor), enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        pos,
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport(editor), drop)
    chart = editor.flowchart()
    assert chart is not None
    assert [(n.kind, n.x, n.y) for n in chart.nodes] == [(NodeKind.DOCUMENT, 200, 100)]


def test_export_png_and_svg(editor: FlowchartEditor, tmp_path: Path) -> None:
    editor.set_flowchart(template_chart("standard"))
    editor.scene.select_keys(["accept"], [])
    png = editor.export(tmp_path / "chart.png")
    image = QImage(str(png))
    assert image.width() > 800 and image.height() > 1000
    svg = editor.export(tmp_path / "chart.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "受理审查" in svg
    # the selection is back after exporting
    assert editor.scene.selected_keys() == (["accept"], [])
