"""A flowchart as a reportlab vector Drawing, drawn from the model (not from Qt), scaled to
fit a box. Shapes follow GB/T 1526: ellipse for start/end, rectangle for a step, diamond for
a decision, a wavy-bottomed sheet for a document; arrows for the flow, labels on edges.

Everything that decides how the chart looks (node sizes, text lines, edge routes, label
places) comes from ``domain.flowchart_geometry`` and ``domain.flowchart_routing``, which the
on-screen editor uses too, so the printed chart is the one the clerk drew.
"""

from __future__ import annotations

import math
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics import renderPDF, renderSVG
from reportlab.graphics.shapes import Drawing, Ellipse, Group, Polygon, PolyLine, Rect, String
from reportlab.graphics.shapes import Path as ShapePath
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart_geometry import (
    ARROW_LENGTH,
    FONT_SIZE,
    LINE_HEIGHT,
    NODE_FILLS,
    SMALL_FONT_SIZE,
    SMALL_LINE_HEIGHT,
    arrow_head,
    chart_bounds,
    document_outline,
    node_text,
    size_of,
    text_top,
)
from gwgk_desktop.domain.flowchart_routing import EdgeRoute, LabelBox, route_chart
from gwgk_desktop.domain.models import Flowchart, FlowNode

FALLBACK_FONT = "STSong-Light"
LINE = colors.black
#: Fill colours per kind: the same light tints the editor uses (see gui/flowchart/style).
FILLS = {kind: colors.HexColor(fill) for kind, fill in NODE_FILLS.items()}
DETAIL = colors.HexColor("#444444")
LINE_WIDTH = 1.0


def _ensure_font(name: str) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        if name != FALLBACK_FONT:
            raise ValueError(f"font {name!r} is not registered with reportlab")
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return name


def _node_shape(node: FlowNode) -> Group:
    size = size_of(node)
    w, h = size.width, size.height
    x, y = node.x, node.y
    group = Group()
    style = {"strokeColor": LINE, "strokeWidth": LINE_WIDTH, "fillColor": FILLS[node.kind]}
    if node.kind in (NodeKind.START, NodeKind.END):
        group.add(Ellipse(x, y, w / 2, h / 2, **style))
    elif node.kind is NodeKind.DECISION:
        group.add(Polygon([x - w / 2, y, x, y - h / 2, x + w / 2, y, x, y + h / 2], **style))
    elif node.kind is NodeKind.DOCUMENT:
        top_left, top_right, bottom_right, c1, c2, bottom_left = document_outline(node)
        path = ShapePath(**style)
        path.moveTo(*top_left)
        path.lineTo(*top_right)
        path.lineTo(*bottom_right)
        path.curveTo(*c1, *c2, *bottom_left)
        path.closePath()
        group.add(path)
    else:
        group.add(Rect(x - w / 2, y - h / 2, w, h, **style))
    return group


def _node_text(node: FlowNode, font: str) -> Group:
    block = node_text(node)
    group = Group()
    top = text_top(node)
    # Baselines sit at 80 % of a line's height, as Qt places them for these fonts.
    for i, line in enumerate(block.lines):
        baseline = top + i * LINE_HEIGHT + LINE_HEIGHT * 0.5 + FONT_SIZE * 0.36
        group.add(_text(node.x, baseline, line, font, FONT_SIZE, colors.black))
    top += len(block.lines) * LINE_HEIGHT
    for i, line in enumerate(block.detail):
        baseline = top + i * SMALL_LINE_HEIGHT + SMALL_LINE_HEIGHT * 0.5 + SMALL_FONT_SIZE * 0.36
        group.add(_text(node.x, baseline, line, font, SMALL_FONT_SIZE, DETAIL))
    return group


def _text(
    x: float, baseline: float, text: str, font: str, size: float, color: colors.Color
) -> Group:
    label = String(0, 0, text, fontName=font, fontSize=size, textAnchor="middle", fillColor=color)
    group = Group(label)
    # The whole drawing is flipped (model y grows down); text is flipped back.
    group.transform = (1, 0, 0, -1, x, baseline)
    return group


def _edge(route: EdgeRoute) -> Group:
    points = list(route.points)
    # Stop the line at the arrow head's base so its end does not poke through the tip.
    (px, py), (tx, ty) = points[-2], points[-1]
    length = math.hypot(tx - px, ty - py) or 1.0
    trimmed = (
        tx - (tx - px) / length * ARROW_LENGTH * 0.8,
        ty - (ty - py) / length * ARROW_LENGTH * 0.8,
    )
    flat = [c for p in [*points[:-1], trimmed] for c in p]
    group = Group(
        PolyLine(flat, strokeColor=LINE, strokeWidth=LINE_WIDTH, strokeLineJoin=1),
        Polygon(
            arrow_head(points[-1], points[-2]), strokeColor=LINE, fillColor=LINE, strokeWidth=0.3
        ),
    )
    return group


def _label(label: LabelBox, font: str) -> Group:
    group = Group(
        Rect(
            label.x - label.width / 2,
            label.y - label.height / 2,
            label.width,
            label.height,
            fillColor=colors.white,
            strokeColor=None,
        )
    )
    group.add(
        _text(label.x, label.y + SMALL_FONT_SIZE * 0.36, label.text, font, SMALL_FONT_SIZE, LINE)
    )
    return group


def flowchart_drawing(
    chart: Flowchart,
    max_width: float,
    max_height: float,
    font_name: str = FALLBACK_FONT,
) -> Drawing:
    """The chart as a Drawing no larger than ``max_width`` × ``max_height`` points (scaled
    down, never up beyond 1:1), ready for a platypus story or ``renderPDF.draw``."""
    return scaled_drawing(chart, max_width, max_height, font_name)[0]


def scaled_drawing(
    chart: Flowchart,
    max_width: float,
    max_height: float,
    font_name: str = FALLBACK_FONT,
) -> tuple[Drawing, float]:
    """``flowchart_drawing`` and the scale it drew at (1.0: the printed text has the sizes
    of ``FONT_SIZE`` and ``SMALL_FONT_SIZE`` points)."""
    font = _ensure_font(font_name)
    routes = route_chart(chart)
    bounds = chart_bounds(chart)
    left, top, right, bottom = bounds.left, bounds.top, bounds.right, bounds.bottom
    for route in routes.values():  # detours and labels may reach outside the nodes
        xs = [p[0] for p in route.points]
        ys = [p[1] for p in route.points]
        if route.label is not None:
            box = route.label.bounds
            xs += [box.left, box.right]
            ys += [box.top, box.bottom]
        left, right = min(left, min(xs) - 8), max(right, max(xs) + 8)
        top, bottom = min(top, min(ys) - 8), max(bottom, max(ys) + 8)
    width, height = right - left, bottom - top
    if width <= 0 or height <= 0:
        return Drawing(max_width, 20), 1.0
    scale = min(1.0, max_width / width, max_height / height)
    drawing = Drawing(width * scale, height * scale)
    content = Group()
    for route in routes.values():
        content.add(_edge(route))
    for node in chart.nodes:
        content.add(_node_shape(node))
        content.add(_node_text(node, font))
    for route in routes.values():
        if route.label is not None:
            content.add(_label(route.label, font))
    # Model coordinates: y down from the top-left of the bounds. PDF: y up.
    content.transform = (scale, 0, 0, -scale, -left * scale, bottom * scale)
    drawing.add(content)
    return drawing, scale


#: Font families an SVG viewer should try for the chart's text (the PDF embeds its font;
#: an SVG names one).
SVG_FONT_FAMILIES = "WenQuanYi Micro Hei, Microsoft YaHei, SimHei, Noto Sans CJK SC, sans-serif"


def save_chart(
    chart: Flowchart, path: Path, font_name: str = FALLBACK_FONT, a4: bool = False
) -> Path:
    """Write the chart as a PDF or an SVG (by ``path``'s suffix), without Qt: at full size,
    or with ``a4`` (PDF only) as an A4 page with the chart's title above the chart scaled
    to fit. PNG needs a raster renderer: see ``gui.flowchart.export.chart_png``."""
    suffix = path.suffix.lower()
    title = chart.title or "审批程序流程图"
    if suffix == ".pdf" and a4:
        doc = SimpleDocTemplate(
            str(path), pagesize=A4, title=title, leftMargin=15 * mm, rightMargin=15 * mm
        )
        heading = ParagraphStyle(
            "title", fontName=font_name, fontSize=16, leading=22, alignment=TA_CENTER
        )
        room = doc.height - 40
        drawing = flowchart_drawing(chart, doc.width, room, font_name)
        drawing.hAlign = "CENTER"
        doc.build([Paragraph(escape(title), heading), Spacer(1, 12), drawing])
        return path
    drawing = flowchart_drawing(chart, 10_000, 10_000, font_name)
    if suffix == ".pdf":
        renderPDF.drawToFile(drawing, str(path), title)
    elif suffix == ".svg":
        renderSVG.drawToFile(
            drawing, str(path), fontHacks={font_name: {"family": SVG_FONT_FAMILIES}}
        )
    else:
        raise ValueError(f"unsupported chart file type {suffix!r}")
    return path
