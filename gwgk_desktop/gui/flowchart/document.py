"""The chart being edited: a plain domain ``Flowchart`` behind a QObject that announces every
change, so the scene can follow it (orange-canvas-core's ``scheme``). Only undo commands
call the mutating methods; everything else reads.

Signals: ``node_added(key)``, ``node_removed(key)``, ``node_changed(key)`` (kind, text,
post, time limit), ``node_moved(key)``, ``edge_added(key)``, ``edge_removed(key)``,
``edge_changed(key)`` (label), ``title_changed()``, ``reset()`` (a whole new chart) and
``changed()`` once after each change or batch of changes.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from gwgk_desktop.domain.models import Flowchart, FlowEdge, FlowNode


class FlowchartDocument(QObject):
    node_added = Signal(str)
    node_removed = Signal(str)
    node_changed = Signal(str)
    node_moved = Signal(str)
    edge_added = Signal(str)
    edge_removed = Signal(str)
    edge_changed = Signal(str)
    title_changed = Signal()
    reset = Signal()
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._title = ""
        self._nodes: list[FlowNode] = []
        self._edges: list[FlowEdge] = []
        self._node_index: dict[str, FlowNode] = {}
        self._edge_index: dict[str, FlowEdge] = {}
        self._absent = True  # loaded without a chart: while empty, there is none
        self._batch = 0
        self._pending = False
        self._only_moves = True

    # -- reading ---------------------------------------------------------------------------

    @property
    def title(self) -> str:
        return self._title

    def nodes(self) -> list[FlowNode]:
        return list(self._nodes)

    def edges(self) -> list[FlowEdge]:
        return list(self._edges)

    def node(self, key: str) -> FlowNode | None:
        return self._node_index.get(key)

    def edge(self, key: str) -> FlowEdge | None:
        return self._edge_index.get(key)

    def node_position(self, key: str) -> int:
        return self._nodes.index(self._node_index[key])

    def edge_position(self, key: str) -> int:
        return self._edges.index(self._edge_index[key])

    def edges_of(self, key: str) -> list[FlowEdge]:
        return [e for e in self._edges if key in (e.source, e.target)]

    def chart(self) -> Flowchart | None:
        """A fresh copy of the chart; None when loaded without one and empty now."""
        if self._absent and not self._nodes and not self._edges and not self._title:
            return None
        return Flowchart(
            self._title, [replace(n) for n in self._nodes], [replace(e) for e in self._edges]
        )

    def snapshot(self) -> Flowchart:
        chart = self.chart()
        return chart if chart is not None else Flowchart()

    def new_node_key(self, taken: set[str] | None = None) -> str:
        return _new_key("n", set(self._node_index) | (taken or set()))

    def new_edge_key(self, taken: set[str] | None = None) -> str:
        return _new_key("e", set(self._edge_index) | (taken or set()))

    @property
    def last_change_only_moved(self) -> bool:
        """Whether the change just announced by ``changed`` only moved nodes."""
        return self._only_moves

    # -- loading ---------------------------------------------------------------------------

    def load(self, chart: Flowchart | None) -> None:
        self._absent = chart is None
        chart = copy.deepcopy(chart) if chart is not None else Flowchart()
        self._title = chart.title
        self._nodes = list(chart.nodes)
        self._edges = list(chart.edges)
        self._node_index = {n.key: n for n in self._nodes}
        self._edge_index = {e.key: e for e in self._edges}
        self.reset.emit()

    # -- changing (undo commands only) ---------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Announce ``changed`` once for everything done inside."""
        if self._batch == 0:
            self._only_moves = True
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
            if self._batch == 0 and self._pending:
                self._pending = False
                self.changed.emit()

    def _touched(self, moved: bool = False) -> None:
        if not moved:
            self._only_moves = False
        if self._batch:
            self._pending = True
        else:
            self.changed.emit()
            self._only_moves = True

    def insert_node(self, node: FlowNode, index: int | None = None) -> None:
        node = replace(node)
        self._nodes.insert(len(self._nodes) if index is None else index, node)
        self._node_index[node.key] = node
        self.node_added.emit(node.key)
        self._touched()

    def remove_node(self, key: str) -> None:
        node = self._node_index.pop(key)
        self._nodes.remove(node)
        self.node_removed.emit(key)
        self._touched()

    def update_node(self, key: str, **fields: Any) -> None:
        node = self._node_index[key]
        for name, value in fields.items():
            setattr(node, name, value)
        self.node_changed.emit(key)
        self._touched()

    def move_node(self, key: str, x: float, y: float) -> None:
        node = self._node_index[key]
        node.x, node.y = x, y
        self.node_moved.emit(key)
        self._touched(moved=True)

    def insert_edge(self, edge: FlowEdge, index: int | None = None) -> None:
        edge = replace(edge)
        self._edges.insert(len(self._edges) if index is None else index, edge)
        self._edge_index[edge.key] = edge
        self.edge_added.emit(edge.key)
        self._touched()

    def remove_edge(self, key: str) -> None:
        edge = self._edge_index.pop(key)
        self._edges.remove(edge)
        self.edge_removed.emit(key)
        self._touched()

    def set_edge_label(self, key: str, label: str) -> None:
        self._edge_index[key].label = label
        self.edge_changed.emit(key)
        self._touched()

    def set_title(self, title: str) -> None:
        self._title = title
        self.title_changed.emit()
        self._touched()

    def replace_chart(self, chart: Flowchart | None) -> None:
        """Swap in a whole chart (quick entry, templates, undoing them) as one change."""
        with self.batch():
            self.load(chart)
            self._touched()


def _new_key(prefix: str, taken: set[str]) -> str:
    n = len(taken) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"
