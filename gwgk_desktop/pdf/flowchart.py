"""A flowchart as a reportlab vector Drawing, drawn from the model (not from Qt), scaled to
fit a box. Shapes follow GB/T 1526: ellipse for start/end, rectangle for a step, diamond for
a decision, a wavy-bottomed sheet for a document; arrows for the flow, labels on edges."""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Drawing, Ellipse, Group, Line, Path, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart_geometry import (
    FONT_SIZE,
    SMALL_FONT_SIZE,
    boundary_point,
    chart_bounds,
    size_of,
)
from gwgk_desktop.domain.models import Flowchart, FlowNode

FALLBACK_FONT = "STSong-Light"
LINE = colors.black
ARROW = 6.0


def _ensure_font(name: str) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        if name != FALLBACK_FONT:
            raise ValueError(f"font {name!r} is not registered with reportlab")
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return name


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (character by character: Chinese
    has no spaces to break at)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for char in paragraph:
            if line and pdfmetrics.stringWidth(line + char, font, size) > width:
                lines.append(line)
                line = char
            else:
                line += char
        lines.append(line)
    return lines


def _node_shape(node: FlowNode) -> Group:
    size = size_of(node)
    w, h = size.width, size.height
    x, y = node.x, node.y
    group = Group()
    style = {"strokeColor": LINE, "strokeWidth": 1, "fillColor": colors.white}
    if node.kind in (NodeKind.START, NodeKind.END):
        group.add(Ellipse(x, y, w / 2, h / 2, **style))
    elif node.kind is NodeKind.DECISION:
        group.add(Polygon([x - w / 2, y, x, y - h / 2, x + w / 2, y, x, y + h / 2], **style))
    elif node.kind is NodeKind.DOCUMENT:
        path = Path(**style)
        top, bottom = y - h / 2, y + h / 2 - 6
        path.moveTo(x - w / 2, top)
        path.lineTo(x + w / 2, top)
        path.lineTo(x + w / 2, bottom)
        path.curveTo(x + w / 4, bottom - 8, x - w / 4, bottom + 10, x - w / 2, bottom)
        path.closePath()
        group.add(path)
    else:
        group.add(Rect(x - w / 2, y - h / 2, w, h, **style))
    return group


def _node_text(node: FlowNode, font: str) -> Group:
    size = size_of(node)
    inner = size.width * (0.62 if node.kind is NodeKind.DECISION else 0.86)
    lines = wrap_text(node.text, font, FONT_SIZE, inner)
    extra = []
    if node.post:
        extra.append(node.post)
    if node.time_limit_days:
        extra.append(f"{node.time_limit_days}个工作日")
    group = Group()
    total = len(lines) * FONT_SIZE * 1.2 + (SMALL_FONT_SIZE * 1.2 if extra else 0)
    # Model y grows downwards; the drawing is flipped as a whole, so text is placed with
    # its baseline below the line's top and un-flipped individually.
    top = node.y - total / 2
    for i, line in enumerate(lines):
        baseline = top + (i + 1) * FONT_SIZE * 1.2 - FONT_SIZE * 0.25
        group.add(_text(node.x, baseline, line, font, FONT_SIZE))
    if extra:
        baseline = top + total - SMALL_FONT_SIZE * 0.25
        group.add(_text(node.x, baseline, "（" + "，".join(extra) + "）", font, SMALL_FONT_SIZE))
    return group


def _text(x: float, baseline: float, text: str, font: str, size: float) -> Group:
    label = String(
        0, 0, text, fontName=font, fontSize=size, textAnchor="middle", fillColor=colors.black
    )
    group = Group(label)
    group.transform = (1, 0, 0, -1, x, baseline)
    return group


def _arrow(x1: float, y1: float, x2: float, y2: float) -> Group:
    group = Group(Line(x1, y1, x2, y2, strokeColor=LINE, strokeWidth=1))
    angle = math.atan2(y2 - y1, x2 - x1)
    left = (x2 - ARROW * math.cos(angle - 0.4), y2 - ARROW * math.sin(angle - 0.4))
    right = (x2 - ARROW * math.cos(angle + 0.4), y2 - ARROW * math.sin(angle + 0.4))
    group.add(Polygon([x2, y2, *left, *right], strokeColor=LINE, fillColor=LINE, strokeWidth=0.5))
    return group


def flowchart_drawing(
    chart: Flowchart,
    max_width: float,
    max_height: float,
    font_name: str = FALLBACK_FONT,
) -> Drawing:
    """The chart as a Drawing no larger than ``max_width`` × ``max_height`` points (scaled
    down, never up beyond 1:1), ready for a platypus story or ``renderPDF.draw``."""
    font = _ensure_font(font_name)
    bounds = chart_bounds(chart)
    if bounds.width <= 0 or bounds.height <= 0:
        return Drawing(max_width, 20)
    scale = min(1.0, max_width / bounds.width, max_height / bounds.height)
    drawing = Drawing(bounds.width * scale, bounds.height * scale)
    content = Group()
    nodes = {n.key: n for n in chart.nodes}
    for edge in chart.edges:
        source = nodes.get(edge.source or "")
        target = nodes.get(edge.target or "")
        if source is None or target is None:
            continue
        x1, y1 = boundary_point(source, target.x, target.y)
        x2, y2 = boundary_point(target, source.x, source.y)
        content.add(_arrow(x1, y1, x2, y2))
        if edge.label:
            mid_x, mid_y = (x1 + x2) / 2, (y1 + y2) / 2
            width = pdfmetrics.stringWidth(edge.label, font, SMALL_FONT_SIZE) + 4
            content.add(
                Rect(
                    mid_x - width / 2,
                    mid_y - SMALL_FONT_SIZE * 0.7,
                    width,
                    SMALL_FONT_SIZE * 1.3,
                    fillColor=colors.white,
                    strokeColor=None,
                )
            )
            content.add(
                _text(mid_x, mid_y + SMALL_FONT_SIZE * 0.35, edge.label, font, SMALL_FONT_SIZE)
            )
    for node in chart.nodes:
        content.add(_node_shape(node))
        content.add(_node_text(node, font))
    # Model coordinates: y down from the top-left of the bounds. PDF: y up.
    content.transform = (scale, 0, 0, -scale, -bounds.left * scale, bounds.bottom * scale)
    drawing.add(content)
    return drawing
