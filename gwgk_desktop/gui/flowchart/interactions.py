"""Mouse modes of the chart scene, one object per gesture (as orange-canvas-core's
``document/interactions.py``): dragging nodes and dragging a new connection. Rubber-band
selection is the view's own."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QApplication, QGraphicsPathItem

from gwgk_desktop.domain.flowchart_geometry import port, snap
from gwgk_desktop.domain.models import FlowEdge
from gwgk_desktop.gui.flowchart import style
from gwgk_desktop.gui.flowchart.commands import AddItemsCommand, MoveNodesCommand

if TYPE_CHECKING:
    from gwgk_desktop.gui.flowchart.scene import FlowchartScene


class Interaction:
    def __init__(self, scene: FlowchartScene) -> None:
        self.scene = scene

    def move(self, pos: QPointF) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def release(self, pos: QPointF) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def cancel(self) -> None:
        """Stop without a change (Esc, or the chart was replaced under the mouse)."""


class MoveNodes(Interaction):
    """Drag the selected nodes. The node under the mouse snaps to the grid and the others
    keep their distance to it; every step is a move command, and the steps of one drag
    merge into one undo step."""

    _drags = 0

    def __init__(self, scene: FlowchartScene, pressed: str, keys: list[str], pos: QPointF) -> None:
        super().__init__(scene)
        MoveNodes._drags += 1
        self.drag_id = MoveNodes._drags
        self.pressed = pressed
        self.press = QPointF(pos)
        self.starts: dict[str, tuple[float, float]] = {}
        for key in keys:
            node = scene.document.node(key)
            if node is not None:
                self.starts[key] = (node.x, node.y)
        self.started = False
        self._gc_was_enabled = False
        self.last: tuple[float, float] = (0.0, 0.0)

    def move(self, pos: QPointF) -> None:
        if not self.started:
            if QLineF(pos, self.press).length() < QApplication.startDragDistance():
                return
            self.started = True
            self.scene.dragging = True
            # A full garbage collection in the middle of a drag costs several frames; the
            # drag makes little garbage, so collect when it ends instead.
            self._gc_was_enabled = gc.isenabled()
            gc.disable()
        sx, sy = self.starts[self.pressed]
        delta = pos - self.press
        dx = snap(sx + delta.x()) - sx
        dy = snap(sy + delta.y()) - sy
        if (dx, dy) == self.last:
            return
        self.last = (dx, dy)
        moves = {k: ((x, y), (x + dx, y + dy)) for k, (x, y) in self.starts.items()}
        self.scene.push(MoveNodesCommand(self.scene.document, moves, self.drag_id))

    def release(self, pos: QPointF) -> None:
        self.move(pos)
        self.finish()

    def cancel(self) -> None:
        self.finish()

    def finish(self) -> None:
        if self.scene.dragging:
            self.scene.dragging = False
            if self._gc_was_enabled:
                gc.enable()
            self.scene.refresh()


class NewEdge(Interaction):
    """Drag from a node's handle to another node to connect them."""

    def __init__(self, scene: FlowchartScene, source: str, side: str) -> None:
        super().__init__(scene)
        self.source = source
        node = scene.document.node(source)
        assert node is not None
        self.start = QPointF(*port(node, side))
        self.line = QGraphicsPathItem()
        self.line.setPen(style.pen(style.SELECTED, 1.5, Qt.PenStyle.DashLine))
        self.line.setZValue(5)
        scene.addItem(self.line)

    def move(self, pos: QPointF) -> None:
        path = QPainterPath(self.start)
        path.lineTo(pos)
        self.line.setPath(path)
        self.scene.highlight_target(self.scene.node_key_at(pos, exclude=self.source))

    def release(self, pos: QPointF) -> None:
        target = self.scene.node_key_at(pos, exclude=self.source)
        self.cancel()
        if target is None:
            return
        document = self.scene.document
        if any(e.source == self.source and e.target == target for e in document.edges()):
            return
        edge = FlowEdge(document.new_edge_key(), self.source, target, "")
        self.scene.push(
            AddItemsCommand(
                document, [], [edge], QCoreApplication.translate("FlowchartCommands", "连线")
            )
        )
        self.scene.select_keys([], [edge.key])
        source = document.node(self.source)
        if source is not None and source.kind.value == "decision":
            # A decision's branches need their condition: ask for it right away.
            self.scene.edit_edge_label(edge.key)

    def cancel(self) -> None:
        self.scene.highlight_target(None)
        if self.line.scene() is not None:
            self.scene.removeItem(self.line)
