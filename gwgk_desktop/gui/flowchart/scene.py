"""The chart on a QGraphicsScene. It follows the document through its signals (a node added
becomes a NodeItem, and so on), routes edges with the same router the PDF uses, marks the
nodes and edges that validation complains about, and turns mouse and keyboard gestures
into undo commands; it never changes the document itself.

Signals: ``problems_changed(list)`` with the current ``ChartProblem`` list after each
change. (Zooming is the view's: ``view.FlowchartView``.)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QMimeData, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent
from shiboken6 import isValid

from gwgk_desktop.domain.enums import NodeKind, Severity
from gwgk_desktop.domain.flowchart import ChartProblem, validate_flowchart
from gwgk_desktop.domain.flowchart_geometry import (
    FONT_SIZE,
    NODE_SIZES,
    Bounds,
    node_bounds,
    snap,
)
from gwgk_desktop.domain.flowchart_quick import format_quick_entry
from gwgk_desktop.domain.flowchart_routing import EdgeRoute, Router, route_chart
from gwgk_desktop.domain.models import Flowchart, FlowEdge, FlowNode
from gwgk_desktop.domain.serialize import flowchart_from_dict, flowchart_to_dict
from gwgk_desktop.gui.flowchart.commands import (
    AddItemsCommand,
    ChangeNodeCommand,
    RemoveItemsCommand,
    SetEdgeLabelCommand,
)
from gwgk_desktop.gui.flowchart.document import FlowchartDocument
from gwgk_desktop.gui.flowchart.interactions import Interaction, MoveNodes, NewEdge
from gwgk_desktop.gui.flowchart.items import EdgeItem, InlineEditor, NodeItem
from gwgk_desktop.gui.text import fmt

CLIPBOARD_MIME = "application/x-gwgk-flowchart"
PASTE_OFFSET = 30.0
SCENE_MARGIN = 400.0


def default_text(kind: NodeKind) -> str:
    """What a node from the palette says before the clerk types over it."""
    texts = {
        NodeKind.START: QCoreApplication.translate("FlowchartScene", "开始"),
        NodeKind.END: QCoreApplication.translate("FlowchartScene", "结束"),
        NodeKind.STEP: QCoreApplication.translate("FlowchartScene", "办理环节"),
        NodeKind.DECISION: QCoreApplication.translate("FlowchartScene", "是否符合条件？"),
        NodeKind.DOCUMENT: QCoreApplication.translate("FlowchartScene", "文书"),
    }
    return texts[kind]


class FlowchartScene(QGraphicsScene):
    problems_changed = Signal(list)

    def __init__(
        self,
        document: FlowchartDocument,
        push: Callable[[QUndoCommand], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.push = push
        self.node_items: dict[str, NodeItem] = {}
        self.edge_items: dict[str, EdgeItem] = {}
        self.routes: dict[str, EdgeRoute] = {}
        self.problems: list[ChartProblem] = []
        self.read_only = False
        self.dragging = False
        self.interaction: Interaction | None = None
        self.editor: InlineEditor | None = None
        self._moved: set[str] = set()
        self._target: str | None = None
        self._pastes = 0
        document.reset.connect(self._on_reset)
        document.node_added.connect(self._on_node_added)
        document.node_removed.connect(self._on_node_removed)
        document.node_changed.connect(self._on_node_changed)
        document.node_moved.connect(self._on_node_moved)
        document.edge_added.connect(self._on_edge_added)
        document.edge_removed.connect(self._on_edge_removed)
        document.edge_changed.connect(self._on_edge_changed)
        document.changed.connect(self._on_changed)
        self._on_reset()

    # -- following the document ------------------------------------------------------------

    def _on_reset(self) -> None:
        self.cancel_interaction()
        self.close_editor()
        for item in [*self.node_items.values(), *self.edge_items.values()]:
            self.removeItem(item)
        self.node_items.clear()
        self.edge_items.clear()
        for node in self.document.nodes():
            self._on_node_added(node.key)
        for edge in self.document.edges():
            self._on_edge_added(edge.key)
        self.refresh()

    def _on_node_added(self, key: str) -> None:
        node = self.document.node(key)
        assert node is not None
        item = NodeItem(node)
        item.editable = not self.read_only
        self.node_items[key] = item
        self.addItem(item)

    def _on_node_removed(self, key: str) -> None:
        item = self.node_items.pop(key, None)
        if item is not None:
            self.removeItem(item)

    def _on_node_changed(self, key: str) -> None:
        node = self.document.node(key)
        if node is not None and key in self.node_items:
            self.node_items[key].update_from(node)

    def _on_node_moved(self, key: str) -> None:
        self._on_node_changed(key)
        self._moved.add(key)

    def _on_edge_added(self, key: str) -> None:
        item = EdgeItem(key)
        self.edge_items[key] = item
        self.addItem(item)

    def _on_edge_removed(self, key: str) -> None:
        item = self.edge_items.pop(key, None)
        if item is not None:
            self.removeItem(item)
        self.routes.pop(key, None)

    def _on_edge_changed(self, key: str) -> None:
        pass  # the label's box is placed by the router: refreshed on ``changed``

    def _on_changed(self) -> None:
        if self.dragging and self.document.last_change_only_moved:
            self._reroute_moved()
        else:
            self.refresh()

    def refresh(self) -> None:
        """Route every edge from scratch (as the PDF does) and re-check the chart."""
        self._moved.clear()
        chart = self.document.snapshot()
        self.routes = route_chart(chart)
        for key, item in self.edge_items.items():
            item.set_route(self.routes.get(key))
        self._validate(chart)
        self._grow_scene_rect(full=True)

    def _reroute_moved(self) -> None:
        """While dragging: reroute only the edges of the moved nodes, around the rest."""
        moved, self._moved = self._moved, set()
        chart = self.document.snapshot()
        router = Router(chart)
        todo: list[FlowEdge] = []
        for edge in chart.edges:
            if edge.source in moved or edge.target in moved:
                todo.append(edge)
            elif edge.key in self.routes:
                router.add(self.routes[edge.key], edge)
        for edge in todo:
            route = router.route(edge)
            if route is None:
                continue
            router.add(route, edge)
            self.routes[edge.key] = route
            self.edge_items[edge.key].set_route(route)
        self._grow_scene_rect(full=False)

    def _validate(self, chart: Flowchart) -> None:
        self.problems = validate_flowchart(chart) if chart.nodes or chart.edges else []
        by_node: dict[str, list[str]] = {}
        by_edge: dict[str, list[str]] = {}
        for problem in self.problems:
            if problem.node:
                by_node.setdefault(problem.node, []).append(problem.message)
            if problem.edge:
                by_edge.setdefault(problem.edge, []).append(problem.message)
        for key, item in self.node_items.items():
            item.set_problems(by_node.get(key, []))
        for key, edge_item in self.edge_items.items():
            edge_item.set_problems(by_edge.get(key, []))
        self.problems_changed.emit(list(self.problems))

    def _grow_scene_rect(self, full: bool) -> None:
        bounds = self.itemsBoundingRect().adjusted(
            -SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN
        )
        if full:
            self.setSceneRect(bounds)
        else:
            self.setSceneRect(self.sceneRect().united(bounds))

    def chart_rect(self) -> QRectF:
        """The rectangle of everything drawn (nodes, lines, labels), for fit and export."""
        rect = QRectF()
        for item in [*self.node_items.values(), *self.edge_items.values()]:
            rect = rect.united(item.sceneBoundingRect())
        return rect

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for item in self.node_items.values():
            item.editable = not read_only
            item.update()
        if read_only:
            self.cancel_interaction()
            self.close_editor()

    # -- looking things up -----------------------------------------------------------------

    def node_key_at(self, pos: QPointF, exclude: str | None = None) -> str | None:
        for item in self.items(pos):
            if isinstance(item, NodeItem) and item.key != exclude:
                return item.key
        return None

    def highlight_target(self, key: str | None) -> None:
        if key == self._target:
            return
        for old in (self._target, key):
            if old is not None and old in self.node_items:
                self.node_items[old].highlighted = old == key
                self.node_items[old].update()
        self._target = key

    def selected_keys(self) -> tuple[list[str], list[str]]:
        # While the scene is being destroyed Qt still announces selection changes.
        nodes = [k for k, n in self.node_items.items() if isValid(n) and n.isSelected()]
        edges = [k for k, e in self.edge_items.items() if isValid(e) and e.isSelected()]
        return nodes, edges

    def select_keys(self, nodes: list[str], edges: list[str]) -> None:
        self.clearSelection()
        for key in nodes:
            if key in self.node_items:
                self.node_items[key].setSelected(True)
        for key in edges:
            if key in self.edge_items:
                self.edge_items[key].setSelected(True)

    # -- gestures --------------------------------------------------------------------------

    def _handle_at(self, pos: QPointF) -> tuple[str, str] | None:
        area = QRectF(pos.x() - 10, pos.y() - 10, 20, 20)
        for item in self.items(area):
            if isinstance(item, NodeItem):
                side = item.handle_at(item.mapFromScene(pos))
                if side is not None:
                    return item.key, side
        return None

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.editor is not None and not self.editor.contains(
            self.editor.mapFromScene(event.scenePos())
        ):
            self.close_editor(commit=True)
        if event.button() != Qt.MouseButton.LeftButton or self.read_only:
            super().mousePressEvent(event)
            return
        pos = event.scenePos()
        handle = self._handle_at(pos)
        if handle is not None:
            self.interaction = NewEdge(self, *handle)
            event.accept()
            return
        key = self.node_key_at(pos)
        if key is None:
            super().mousePressEvent(event)  # edges select themselves; empty: rubber band
            return
        item = self.node_items[key]
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            item.setSelected(not item.isSelected())
            event.accept()
            return
        if not item.isSelected():
            self.clearSelection()
            item.setSelected(True)
        keys, _ = self.selected_keys()
        self.interaction = MoveNodes(self, key, keys, pos)
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None:
            self.interaction.move(event.scenePos())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.interaction is not None:
            interaction, self.interaction = self.interaction, None
            interaction.release(event.scenePos())
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.read_only or event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        pos = event.scenePos()
        key = self.node_key_at(pos)
        if key is not None:
            self.edit_node_text(key)
            event.accept()
            return
        for item in self.items(pos):
            if isinstance(item, EdgeItem):
                self.edit_edge_label(item.key)
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.editor is not None:
            super().keyPressEvent(event)
            return
        if event.key() == Qt.Key.Key_Escape and self.interaction is not None:
            self.cancel_interaction()
            return
        if not self.read_only and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
            event.accept()
            return
        if not self.read_only and event.key() in (Qt.Key.Key_F2, Qt.Key.Key_Return):
            nodes, edges = self.selected_keys()
            if len(nodes) == 1 and not edges:
                self.edit_node_text(nodes[0])
                event.accept()
                return
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_keys(list(self.node_items), list(self.edge_items))
            event.accept()
            return
        super().keyPressEvent(event)

    def cancel_interaction(self) -> None:
        if self.interaction is not None:
            interaction, self.interaction = self.interaction, None
            interaction.cancel()

    # -- editing text in place -------------------------------------------------------------

    def edit_node_text(self, key: str) -> None:
        node = self.document.node(key)
        if node is None or self.read_only:
            return
        width = NODE_SIZES[node.kind].width * 0.9
        editor = self._open_editor(node.text, width, multiline=True)
        rect = editor.boundingRect()
        editor.setPos(node.x - width / 2, node.y - rect.height() / 2)

        def commit(text: str) -> None:
            current = self.document.node(key)
            if current is not None and text and text != current.text:
                self.push(ChangeNodeCommand(self.document, key, text=text))

        editor.committed.connect(commit)
        editor.start()

    def edit_edge_label(self, key: str) -> None:
        edge = self.document.edge(key)
        route = self.routes.get(key)
        if edge is None or route is None or self.read_only:
            return
        width = 90.0
        editor = self._open_editor(edge.label, width, multiline=False)
        if route.label is not None:
            x, y = route.label.x, route.label.y
        else:
            (x0, y0), (x1, y1) = route.points[0], route.points[1]
            x, y = (x0 + x1) / 2, (y0 + y1) / 2
        editor.setPos(x - width / 2, y - editor.boundingRect().height() / 2)

        def commit(text: str) -> None:
            current = self.document.edge(key)
            if current is not None and text != current.label:
                self.push(SetEdgeLabelCommand(self.document, key, text))

        editor.committed.connect(commit)
        editor.start()

    def _open_editor(self, text: str, width: float, multiline: bool) -> InlineEditor:
        self.close_editor(commit=True)
        editor = InlineEditor(text, width, multiline)
        self.editor = editor
        self.addItem(editor)
        editor.committed.connect(lambda _text: self._drop_editor(editor))
        editor.cancelled.connect(lambda: self._drop_editor(editor))
        return editor

    def _drop_editor(self, editor: InlineEditor) -> None:
        if self.editor is editor:
            self.editor = None

        def remove() -> None:
            if editor.scene() is self:
                self.removeItem(editor)

        # Removed later: this runs inside the editor's own key or focus handler.
        QTimer.singleShot(0, remove)

    def close_editor(self, commit: bool = False) -> None:
        if self.editor is not None:
            self.editor.finish(commit)

    # -- whole-selection operations ---------------------------------------------------------

    def delete_selected(self) -> None:
        nodes, edges = self.selected_keys()
        if nodes or edges:
            self.push(RemoveItemsCommand(self.document, nodes, edges))

    def add_node(self, kind: NodeKind, centre: QPointF) -> str:
        """Add a node of ``kind`` at the first free grid spot at or below ``centre``."""
        size = NODE_SIZES[kind]
        x, y = snap(centre.x()), snap(centre.y())
        for _ in range(200):
            box = Bounds(
                x - size.width / 2, y - size.height / 2, x + size.width / 2, y + size.height / 2
            )
            if not any(node_bounds(n).intersects(box) for n in self.document.nodes()):
                break
            y += snap(size.height / 2 + FONT_SIZE)
        key = self.document.new_node_key()
        node = FlowNode(key, kind, default_text(kind), x=x, y=y)
        self.push(AddItemsCommand(self.document, [node], [], fmt(self.tr("添加%1"), kind.label)))
        self.select_keys([key], [])
        return key

    def copy_selection(self) -> bool:
        nodes, _ = self.selected_keys()
        if not nodes:
            return False
        chosen = set(nodes)
        chart = Flowchart(
            "",
            [replace(n) for n in self.document.nodes() if n.key in chosen],
            [
                replace(e)
                for e in self.document.edges()
                if e.source in chosen and e.target in chosen
            ],
        )
        data = QMimeData()
        data.setData(CLIPBOARD_MIME, json.dumps(flowchart_to_dict(chart)).encode("utf-8"))
        data.setText(format_quick_entry(chart))
        QGuiApplication.clipboard().setMimeData(data)
        self._pastes = 0
        return True

    def paste(self) -> bool:
        data = QGuiApplication.clipboard().mimeData()
        if self.read_only or data is None or not data.hasFormat(CLIPBOARD_MIME):
            return False
        try:
            raw = bytes(data.data(CLIPBOARD_MIME).data()).decode("utf-8")
            chart = flowchart_from_dict(json.loads(raw))
        except (ValueError, KeyError, TypeError):
            return False
        self._pastes += 1
        offset = PASTE_OFFSET * self._pastes
        taken: set[str] = set()
        keys: dict[str, str] = {}
        nodes = []
        for node in chart.nodes:
            keys[node.key] = self.document.new_node_key(taken)
            taken.add(keys[node.key])
            nodes.append(replace(node, key=keys[node.key], x=node.x + offset, y=node.y + offset))
        taken = set()
        edges = []
        for edge in chart.edges:
            if edge.source in keys and edge.target in keys:
                new_key = self.document.new_edge_key(taken)
                taken.add(new_key)
                edges.append(FlowEdge(new_key, keys[edge.source], keys[edge.target], edge.label))
        if not nodes:
            return False
        self.push(AddItemsCommand(self.document, nodes, edges, self.tr("粘贴")))
        self.select_keys([n.key for n in nodes], [e.key for e in edges])
        return True

    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)
