"""Fixtures and mouse/keyboard helpers for driving the flowchart editor with real events."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.models import Flowchart, FlowEdge, FlowNode
from gwgk_desktop.gui.flowchart.editor import FlowchartEditor


@pytest.fixture
def editor(qtbot: QtBot) -> Iterator[FlowchartEditor]:
    widget = FlowchartEditor()
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()


def small_chart() -> Flowchart:
    """开始 → 受理 → 结束, laid out by hand one above the other."""
    return Flowchart(
        "测试流程",
        [
            FlowNode("s", NodeKind.START, "申请", x=0, y=0),
            FlowNode("a", NodeKind.STEP, "受理", "受理民警", 1, x=0, y=150),
            FlowNode("e", NodeKind.END, "办结", x=0, y=300),
        ],
        [FlowEdge("e1", "s", "a"), FlowEdge("e2", "a", "e")],
    )


def at(editor: FlowchartEditor, x: float, y: float) -> QPoint:
    """Viewport position of a scene point."""
    return editor.view.mapFromScene(QPointF(x, y))


def viewport(editor: FlowchartEditor) -> QWidget:
    return editor.view.viewport()


def drag(
    editor: FlowchartEditor,
    start: tuple[float, float],
    end: tuple[float, float],
    steps: int = 5,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press at ``start``, move in ``steps`` steps and release at ``end`` (scene points)."""
    target = viewport(editor)
    QTest.mousePress(target, Qt.MouseButton.LeftButton, modifier, at(editor, *start))
    for i in range(1, steps + 1):
        x = start[0] + (end[0] - start[0]) * i / steps
        y = start[1] + (end[1] - start[1]) * i / steps
        QTest.mouseMove(target, at(editor, x, y))
    QTest.mouseRelease(target, Qt.MouseButton.LeftButton, modifier, at(editor, *end))


def click(
    editor: FlowchartEditor,
    x: float,
    y: float,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    QTest.mouseClick(viewport(editor), Qt.MouseButton.LeftButton, modifier, at(editor, x, y))
