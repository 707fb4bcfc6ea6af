"""Shapes and sizes of flowchart nodes, shared by the on-screen editor and the PDF drawing
so a printed chart looks like the one on screen. Units are points (1/72 inch); node
positions in the model are the centres of the shapes."""

from __future__ import annotations

from dataclasses import dataclass

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.models import Flowchart, FlowNode


@dataclass(frozen=True)
class NodeSize:
    width: float
    height: float


NODE_SIZES: dict[NodeKind, NodeSize] = {
    NodeKind.START: NodeSize(150, 48),
    NodeKind.END: NodeSize(150, 48),
    NodeKind.STEP: NodeSize(170, 60),
    NodeKind.DECISION: NodeSize(170, 84),
    NodeKind.DOCUMENT: NodeSize(170, 64),
}

GRID = 10.0
FONT_SIZE = 11.0
SMALL_FONT_SIZE = 8.0


def size_of(node: FlowNode) -> NodeSize:
    return NODE_SIZES[node.kind]


@dataclass(frozen=True)
class Bounds:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


def node_bounds(node: FlowNode) -> Bounds:
    size = size_of(node)
    return Bounds(
        node.x - size.width / 2,
        node.y - size.height / 2,
        node.x + size.width / 2,
        node.y + size.height / 2,
    )


def chart_bounds(chart: Flowchart, margin: float = 20.0) -> Bounds:
    """The rectangle holding every node, with ``margin`` around it (y grows downwards)."""
    if not chart.nodes:
        return Bounds(0, 0, 0, 0)
    boxes = [node_bounds(n) for n in chart.nodes]
    return Bounds(
        min(b.left for b in boxes) - margin,
        min(b.top for b in boxes) - margin,
        max(b.right for b in boxes) + margin,
        max(b.bottom for b in boxes) + margin,
    )


def boundary_point(node: FlowNode, toward_x: float, toward_y: float) -> tuple[float, float]:
    """Where the line from the node's centre toward a point leaves the node's shape."""
    size = size_of(node)
    dx, dy = toward_x - node.x, toward_y - node.y
    if dx == 0 and dy == 0:
        return node.x, node.y
    half_w, half_h = size.width / 2, size.height / 2
    if node.kind is NodeKind.DECISION:
        # |dx|/half_w + |dy|/half_h = 1 on the diamond's edge
        scale = 1 / (abs(dx) / half_w + abs(dy) / half_h)
    elif node.kind in (NodeKind.START, NodeKind.END):
        # ellipse
        scale = 1 / ((dx / half_w) ** 2 + (dy / half_h) ** 2) ** 0.5
    else:
        scale = min(
            half_w / abs(dx) if dx else float("inf"), half_h / abs(dy) if dy else float("inf")
        )
    return node.x + dx * scale, node.y + dy * scale
