"""Flowchart benchmark (issue 5): opening a 200-node chart in the editor, repainting while a
node is dragged, auto-layout of 200 nodes, and the PDF drawing of a 50-node chart. Prints
a Markdown table with the machine.

    QT_QPA_PLATFORM=offscreen python benchmarks/flowchart_bench.py [--repeat 5]

The charts are long approval procedures: a main line of steps with a decision every fourth
step, each decision with a refusal (文书 → 结束) to one side and a 补正 loop to the other.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import machine  # the foundation benchmark's description of this computer

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart_layout import auto_layout, layout_positions
from gwgk_desktop.domain.flowchart_routing import crossings, route_chart
from gwgk_desktop.domain.models import Flowchart, FlowEdge, FlowNode

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


BUDGETS_MS = {"open": 300.0, "drag": 16.0, "layout": 500.0, "pdf": 100.0}


def procedure(size: int) -> Flowchart:
    """A laid-out approval procedure of exactly ``size`` nodes."""
    nodes = [FlowNode("n0", NodeKind.START, "申请人提出申请")]
    edges: list[FlowEdge] = []

    def add(kind: NodeKind, text: str, post: str = "", days: int | None = None) -> str:
        key = f"n{len(nodes)}"
        nodes.append(FlowNode(key, kind, text, post, days))
        return key

    def link(source: str, target: str, label: str = "") -> None:
        edges.append(FlowEdge(f"e{len(edges)}", source, target, label))

    previous, step = "n0", 1
    while len(nodes) < size - 6:
        if step % 4 == 0:
            decision = add(NodeKind.DECISION, f"第{step}项审查是否通过？", "审核民警", 3)
            link(previous, decision)
            refusal = add(NodeKind.DOCUMENT, "出具不予许可决定书并说明理由", "审批领导")
            link(decision, refusal, "否")
            link(refusal, add(NodeKind.END, "结束"))
            fix = add(NodeKind.STEP, f"一次性告知补正材料（第{step}项）", "受理民警")
            link(decision, fix, "补正")
            link(fix, previous, "补正后")
            nxt = add(NodeKind.STEP, f"第{step}步办理环节", "受理民警", 2)
            link(decision, nxt, "是")
        else:
            nxt = add(NodeKind.STEP, f"第{step}步办理环节", "受理民警", 2)
            link(previous, nxt)
        previous, step = nxt, step + 1
    while len(nodes) < size - 1:
        nxt = add(NodeKind.STEP, f"第{step}步办理环节", "受理民警", 1)
        link(previous, nxt)
        previous, step = nxt, step + 1
    link(previous, add(NodeKind.END, "办结"))
    return auto_layout(Flowchart(f"{size}个节点的审批程序流程图", nodes, edges))


def timed(repeat: int, work: Callable[[], object]) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _dispose(widget: QWidget) -> None:
    """Close and delete a widget while the application still runs (PySide6 can crash
    tearing widgets down after the application at interpreter exit)."""
    from PySide6.QtCore import QCoreApplication, QEvent

    widget.close()
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def bench_open(chart: Flowchart, repeat: int) -> list[float]:
    from gwgk_desktop.gui.flowchart.editor import FlowchartEditor

    editor = FlowchartEditor()
    editor.resize(1280, 800)
    editor.show()

    def open_chart() -> None:
        editor.set_flowchart(chart)
        editor.view.viewport().repaint()  # the first frame, painted synchronously

    times = timed(repeat, open_chart)
    _dispose(editor)
    return times


def bench_drag(chart: Flowchart, frames: int) -> list[float]:
    """Real mouse events on a node of the main line; each frame is one mouse move (a move
    command, its edges rerouted) plus a synchronous repaint of the viewport."""
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtTest import QTest

    from gwgk_desktop.gui.flowchart.editor import FlowchartEditor

    editor = FlowchartEditor()
    editor.resize(1280, 800)
    editor.show()
    editor.set_flowchart(chart)
    editor.view.actual_size()
    node = chart.nodes[len(chart.nodes) // 2]
    editor.view.centerOn(node.x, node.y)
    viewport = editor.view.viewport()

    def at(dx: float) -> QPoint:
        return editor.view.mapFromScene(QPointF(node.x + dx, node.y))

    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(0))
    times = []
    for i in range(1, frames + 1):
        started = time.perf_counter()
        QTest.mouseMove(viewport, at(i * 10.0))
        viewport.repaint()
        times.append((time.perf_counter() - started) * 1000)
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(frames * 10.0)
    )
    assert editor.undo_stack().count() == 1, "the drag should be one undo step"
    _dispose(editor)
    return times


def bench_pdf(chart: Flowchart, repeat: int) -> tuple[list[float], list[float]]:
    from reportlab.graphics import renderPDF

    from gwgk_desktop.pdf.flowchart import flowchart_drawing
    from gwgk_desktop.pdf.fonts import cjk_font

    font = cjk_font().name
    drawing_times = timed(repeat, lambda: flowchart_drawing(chart, 515, 760, font))
    drawing = flowchart_drawing(chart, 515, 760, font)
    render_times = timed(repeat, lambda: renderPDF.drawToFile(drawing, io.BytesIO()))
    return drawing_times, render_times


def row(name: str, times: list[float], budget: float | None = None) -> str:
    median, worst = statistics.median(times), max(times)
    if budget is None:
        return f"| {name} | {median:.1f} | {worst:.1f} | | |"
    verdict = "✓" if median <= budget else "✗"
    return f"| {name} | {median:.1f} | {worst:.1f} | ≤ {budget:.0f} | {verdict} |"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--frames", type=int, default=60)
    args = parser.parse_args()

    from gwgk_desktop.gui.application import make_application

    make_application()
    big, medium = procedure(200), procedure(50)
    assert len(big.nodes) == 200 and len(medium.nodes) == 50
    assert crossings(route_chart(big).values()) == []

    layout = timed(args.repeat, lambda: layout_positions(big))
    routing = timed(args.repeat, lambda: route_chart(big))
    opening = bench_open(big, args.repeat)
    dragging = bench_drag(big, args.frames)
    drawing, rendering = bench_pdf(medium, args.repeat)

    print(f"Machine: {machine()}\n")
    print(
        f"Charts: {len(big.nodes)} nodes / {len(big.edges)} edges; "
        f"{len(medium.nodes)} nodes / {len(medium.edges)} edges\n"
    )
    print("| measurement | median ms | worst ms | budget ms | |")
    print("|---|---:|---:|---:|---|")
    print(
        row(
            "open a 200-node chart in the editor (first frame painted)", opening, BUDGETS_MS["open"]
        )
    )
    print(
        row(
            f"drag a node, per frame ({args.frames} frames, 200 nodes)",
            dragging,
            BUDGETS_MS["drag"],
        )
    )
    print(row("auto-layout of 200 nodes", layout, BUDGETS_MS["layout"]))
    print(row("edge routing of 200 nodes (part of opening)", routing))
    print(row("PDF drawing of a 50-node chart", drawing, BUDGETS_MS["pdf"]))
    print(row("…and rendering that drawing to PDF", rendering))
    return 0


if __name__ == "__main__":
    sys.exit(main())
