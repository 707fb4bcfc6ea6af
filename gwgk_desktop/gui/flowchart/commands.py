"""Undo commands: every change to a chart in the editor is one of these, pushed on the undo
stack; they change only the document (``FlowchartDocument``), never the scene, which
follows the document's signals. Consecutive moves of one drag merge into one command."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from gwgk_desktop.domain.models import Flowchart, FlowEdge, FlowNode
from gwgk_desktop.gui.flowchart.document import FlowchartDocument

MOVE_COMMAND_ID = 0x6677
#: Typing into one field of the properties panel merges into one undo step.
TYPING_COMMAND_ID = 0x6678


class _Typing(QUndoCommand):
    """A text change that, when ``typing``, merges with the next one of the same field
    (every keystroke is committed at once, so nothing typed waits for a focus change)."""

    typing = False
    old: Any
    new: Any

    def field(self) -> tuple[object, ...]:
        raise NotImplementedError

    def id(self) -> int:
        return TYPING_COMMAND_ID if self.typing else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _Typing) or not other.typing or other.field() != self.field():
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)  # typed back to what it was: no step
        return True


class AddItemsCommand(QUndoCommand):
    """Add nodes and edges (a node from the palette, a connection, a paste)."""

    def __init__(
        self,
        document: FlowchartDocument,
        nodes: list[FlowNode],
        edges: list[FlowEdge],
        text: str,
    ) -> None:
        super().__init__(text)
        self.document = document
        self.nodes = [replace(n) for n in nodes]
        self.edges = [replace(e) for e in edges]

    def redo(self) -> None:
        with self.document.batch():
            for node in self.nodes:
                self.document.insert_node(node)
            for edge in self.edges:
                self.document.insert_edge(edge)

    def undo(self) -> None:
        with self.document.batch():
            for edge in reversed(self.edges):
                self.document.remove_edge(edge.key)
            for node in reversed(self.nodes):
                self.document.remove_node(node.key)


class RemoveItemsCommand(QUndoCommand):
    """Delete nodes (with every edge touching them) and edges; undo puts each back at its
    place in the lists, so the chart is exactly what it was."""

    def __init__(
        self, document: FlowchartDocument, node_keys: list[str], edge_keys: list[str]
    ) -> None:
        super().__init__(QCoreApplication.translate("FlowchartCommands", "删除"))
        self.document = document
        nodes = [n for n in document.nodes() if n.key in set(node_keys)]
        doomed = set(edge_keys) | {e.key for key in node_keys for e in document.edges_of(key)}
        self.nodes = [(document.node_position(n.key), replace(n)) for n in nodes]
        self.edges = [
            (document.edge_position(e.key), replace(e)) for e in document.edges() if e.key in doomed
        ]

    def redo(self) -> None:
        with self.document.batch():
            for _, edge in self.edges:
                self.document.remove_edge(edge.key)
            for _, node in self.nodes:
                self.document.remove_node(node.key)

    def undo(self) -> None:
        with self.document.batch():
            for index, node in self.nodes:
                self.document.insert_node(node, index)
            for index, edge in self.edges:
                self.document.insert_edge(edge, index)


class MoveNodesCommand(QUndoCommand):
    """Move nodes; all the steps of one drag (same ``drag_id``) merge into one command."""

    def __init__(
        self,
        document: FlowchartDocument,
        moves: dict[str, tuple[tuple[float, float], tuple[float, float]]],
        drag_id: int | None = None,
        text: str | None = None,
    ) -> None:
        super().__init__(text or QCoreApplication.translate("FlowchartCommands", "移动"))
        self.document = document
        self.moves = dict(moves)
        self.drag_id = drag_id

    def id(self) -> int:
        return MOVE_COMMAND_ID if self.drag_id is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MoveNodesCommand) or other.drag_id != self.drag_id:
            return False
        if set(other.moves) != set(self.moves):
            return False
        self.moves = {k: (old, other.moves[k][1]) for k, (old, _) in self.moves.items()}
        return True

    def _apply(self, which: int) -> None:
        with self.document.batch():
            for key, ends in self.moves.items():
                x, y = ends[which]
                self.document.move_node(key, x, y)

    def redo(self) -> None:
        self._apply(1)

    def undo(self) -> None:
        self._apply(0)


class ChangeNodeCommand(_Typing):
    """Change a node's kind, text, responsible post or time limit."""

    def __init__(
        self, document: FlowchartDocument, key: str, *, typing: bool = False, **fields: Any
    ) -> None:
        super().__init__(QCoreApplication.translate("FlowchartCommands", "修改节点"))
        node = document.node(key)
        assert node is not None
        self.document = document
        self.key = key
        self.typing = typing
        self.new = fields
        self.old = {name: getattr(node, name) for name in fields}

    def field(self) -> tuple[object, ...]:
        return ("node", self.key, *sorted(self.new))

    def redo(self) -> None:
        self.document.update_node(self.key, **self.new)

    def undo(self) -> None:
        self.document.update_node(self.key, **self.old)


class SetEdgeLabelCommand(_Typing):
    def __init__(
        self, document: FlowchartDocument, key: str, label: str, *, typing: bool = False
    ) -> None:
        super().__init__(QCoreApplication.translate("FlowchartCommands", "修改连线标注"))
        edge = document.edge(key)
        assert edge is not None
        self.document = document
        self.key = key
        self.typing = typing
        self.old, self.new = edge.label, label

    def field(self) -> tuple[object, ...]:
        return ("edge", self.key)

    def redo(self) -> None:
        self.document.set_edge_label(self.key, self.new)

    def undo(self) -> None:
        self.document.set_edge_label(self.key, self.old)


class SetTitleCommand(_Typing):
    def __init__(self, document: FlowchartDocument, title: str, *, typing: bool = False) -> None:
        super().__init__(QCoreApplication.translate("FlowchartCommands", "修改流程图标题"))
        self.document = document
        self.typing = typing
        self.old, self.new = document.title, title

    def field(self) -> tuple[object, ...]:
        return ("title",)

    def redo(self) -> None:
        self.document.set_title(self.new)

    def undo(self) -> None:
        self.document.set_title(self.old)


class ReplaceChartCommand(QUndoCommand):
    """Put a whole new chart in place (quick entry, a template)."""

    def __init__(self, document: FlowchartDocument, chart: Flowchart, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.old = document.chart()
        self.new = chart

    def redo(self) -> None:
        self.document.replace_chart(self.new)

    def undo(self) -> None:
        self.document.replace_chart(self.old)
