"""Shapes, sizes and text placement of flowchart nodes, shared by the on-screen editor and
the PDF drawing so a printed chart looks like the one on screen. Units are points (1/72
inch); node positions in the model are the centres of the shapes; y grows downwards.

Text is wrapped here, character by character with an estimate of each character's width
(CJK characters are one em, Latin ones about half), rather than with a renderer's font
metrics: screen and print then break the lines at the same characters, and a node whose
text needs more lines grows taller in both.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.models import Flowchart, FlowNode


@dataclass(frozen=True)
class NodeSize:
    width: float
    height: float


#: The smallest size of each kind of node; a node grows taller when its text needs it.
NODE_SIZES: dict[NodeKind, NodeSize] = {
    NodeKind.START: NodeSize(150, 48),
    NodeKind.END: NodeSize(150, 48),
    NodeKind.STEP: NodeSize(170, 60),
    NodeKind.DECISION: NodeSize(170, 84),
    NodeKind.DOCUMENT: NodeSize(170, 64),
}

GRID = 10.0
FONT_SIZE = 12.0
SMALL_FONT_SIZE = 10.0
LINE_HEIGHT = FONT_SIZE * 1.3
SMALL_LINE_HEIGHT = SMALL_FONT_SIZE * 1.3
#: Height of the wave at the bottom of a document (材料/文书) shape.
DOCUMENT_WAVE = 8.0
#: How much of the width text may use: a diamond's and an ellipse's usable width at the
#: height of a few lines is well inside their bounding box.
_TEXT_SHARE = {
    NodeKind.START: 0.78,
    NodeKind.END: 0.78,
    NodeKind.STEP: 0.88,
    NodeKind.DECISION: 0.6,
    NodeKind.DOCUMENT: 0.88,
}
#: Vertical room around the text block; a diamond needs about twice its text height.
_PADDING = 14.0
_MAX_LINES = 8
# Characters that must not start a line (避头点): they stay at the end of the line before.
_NO_LINE_START = set("，。、；：？！）》」』】〕,.;:?!)%")


def char_width(char: str, size: float) -> float:
    """Estimated advance of one character at ``size`` points."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return size
    if char == " ":
        return size * 0.3
    if char in "il.,;:'|!":
        return size * 0.3
    if char.isupper() or char in "mwMW@%":
        return size * 0.7
    return size * 0.55


def text_width(text: str, size: float) -> float:
    return sum(char_width(c, size) for c in text)


def wrap_text(text: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """``text`` broken into lines no wider than ``width`` (by the estimate above), at any
    character (Chinese has no spaces to break at), keeping closing punctuation on the line
    it closes, and keeping explicit line breaks. A paragraph that needs several lines gets
    lines of even length rather than a last line with one lonely character."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        greedy = _wrap_paragraph(paragraph, width, size)
        if len(greedy) > 1:
            narrower = text_width(paragraph, size) / len(greedy)
            while narrower < width:
                even = _wrap_paragraph(paragraph, narrower, size)
                if len(even) <= len(greedy):
                    greedy = even
                    break
                narrower += size / 2
        lines.extend(greedy)
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


def _wrap_paragraph(paragraph: str, width: float, size: float) -> list[str]:
    lines: list[str] = []
    line, used = "", 0.0
    for char in paragraph:
        advance = char_width(char, size)
        if line and used + advance > width and char not in _NO_LINE_START:
            lines.append(line)
            line, used = "", 0.0
            if char == " ":
                continue
        line += char
        used += advance
    lines.append(line)
    return lines


def detail_text(node: FlowNode) -> str:
    """The small second line of a node: its responsible post and time limit."""
    parts = []
    if node.post.strip():
        parts.append(node.post.strip())
    if node.time_limit_days:
        parts.append(f"{node.time_limit_days}个工作日")
    return "（" + "，".join(parts) + "）" if parts else ""


@dataclass(frozen=True)
class NodeText:
    """The lines a node shows: its wrapped text, then its wrapped detail in small type."""

    lines: tuple[str, ...]
    detail: tuple[str, ...]

    @property
    def height(self) -> float:
        return len(self.lines) * LINE_HEIGHT + len(self.detail) * SMALL_LINE_HEIGHT


@lru_cache(maxsize=4096)
def _layout_text(
    kind: NodeKind, text: str, post: str, days: int | None
) -> tuple[NodeText, NodeSize]:
    base = NODE_SIZES[kind]
    inner = base.width * _TEXT_SHARE[kind]
    lines = wrap_text(text.strip(), inner, FONT_SIZE)[:_MAX_LINES] if text.strip() else []
    detail_node = FlowNode("", kind, "", post, days)
    detail = detail_text(detail_node)
    detail_lines = wrap_text(detail, inner, SMALL_FONT_SIZE)[:2] if detail else []
    block = NodeText(tuple(lines), tuple(detail_lines))
    needed = block.height + _PADDING
    if kind is NodeKind.DECISION:
        needed = block.height * 2 + _PADDING
    elif kind is NodeKind.DOCUMENT:
        needed += DOCUMENT_WAVE
    elif kind in (NodeKind.START, NodeKind.END):
        needed = block.height * 1.35 + _PADDING
    height = max(base.height, GRID * -(-needed // GRID))
    return block, NodeSize(base.width, height)


def node_text(node: FlowNode) -> NodeText:
    return _layout_text(node.kind, node.text, node.post, node.time_limit_days)[0]


def size_of(node: FlowNode) -> NodeSize:
    return _layout_text(node.kind, node.text, node.post, node.time_limit_days)[1]


def text_top(node: FlowNode) -> float:
    """The y of the top of the node's text block, centred in the shape (a document's
    block sits a little higher because of the wave at its bottom)."""
    block = node_text(node)
    shift = DOCUMENT_WAVE / 2 if node.kind is NodeKind.DOCUMENT else 0.0
    return node.y - block.height / 2 - shift


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

    def intersects(self, other: Bounds) -> bool:
        return (
            self.left < other.right
            and other.left < self.right
            and self.top < other.bottom
            and other.top < self.bottom
        )


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


def snap(value: float, grid: float = GRID) -> float:
    """``value`` rounded to the nearest grid line."""
    return round(value / grid) * grid


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


Point = tuple[float, float]


def document_outline(node: FlowNode) -> tuple[Point, Point, Point, Point, Point, Point]:
    """The document (材料/文书) symbol as top-left, top-right, bottom-right, two curve
    control points and bottom-left: straight top and sides, a wave along the bottom."""
    size = size_of(node)
    x, y, w, h = node.x, node.y, size.width, size.height
    top, base = y - h / 2, y + h / 2 - DOCUMENT_WAVE / 2
    return (
        (x - w / 2, top),
        (x + w / 2, top),
        (x + w / 2, base),
        (x + w / 4, base - DOCUMENT_WAVE),
        (x - w / 4, base + DOCUMENT_WAVE),
        (x - w / 2, base),
    )


def port(node: FlowNode, side: str) -> Point:
    """Where edges attach: the middle of the top ("T"), bottom ("B"), left ("L") or right
    ("R") of the shape, which for a diamond and an ellipse are its extreme points."""
    size = size_of(node)
    if side == "T":
        return node.x, node.y - size.height / 2
    if side == "B":
        if node.kind is NodeKind.DOCUMENT:
            # The wave crosses the centre line at its base line.
            return node.x, node.y + size.height / 2 - DOCUMENT_WAVE / 2
        return node.x, node.y + size.height / 2
    if side == "L":
        return node.x - size.width / 2, node.y
    if side == "R":
        return node.x + size.width / 2, node.y
    raise ValueError(f"unknown side {side!r}")


#: Fill colours of the shapes (hex), the same on screen and on paper.
NODE_FILLS: dict[NodeKind, str] = {
    NodeKind.START: "#E8F3E8",
    NodeKind.END: "#E8F3E8",
    NodeKind.STEP: "#FFFFFF",
    NodeKind.DECISION: "#FFF6E0",
    NodeKind.DOCUMENT: "#EEF3FB",
}

ARROW_LENGTH = 7.0
ARROW_HALF_WIDTH = 3.2


def arrow_head(tip: Point, previous: Point) -> list[float]:
    """The three corners of an arrow head pointing at ``tip`` along the last segment
    (x1, y1, x2, y2, x3, y3), for the screen and the PDF alike."""
    angle = math.atan2(tip[1] - previous[1], tip[0] - previous[0])
    back_x = tip[0] - ARROW_LENGTH * math.cos(angle)
    back_y = tip[1] - ARROW_LENGTH * math.sin(angle)
    nx, ny = -math.sin(angle) * ARROW_HALF_WIDTH, math.cos(angle) * ARROW_HALF_WIDTH
    return [tip[0], tip[1], back_x + nx, back_y + ny, back_x - nx, back_y - ny]
