"""A flowchart as a reportlab vector Drawing, drawn from the model (not from Qt), scaled to
fit a box. Shapes follow GB/T 1526: ellipse for start/end, rectangle for a step, diamond for
a decision, a wavy-bottomed sheet for a document; arrows for the flow, labels on edges.

Everything that decides how the chart looks (node sizes, text lines, edge routes, label
places) comes from ``domain.flowchart_geometry`` and ``domain.flowchart_routing``, which the
on-screen editor uses too, so the printed chart is the one the clerk drew.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from reportlab.graphics.shapes import Drawing, Ellipse, Group, Polygon, PolyLine, Rect, String
from reportlab.graphics.shapes import Path as ShapePath
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart_geometry import (
    ARROW_LENGTH,
    FONT_SIZE,
    LINE_HEIGHT,
    NODE_FILLS,
    SMALL_FONT_SIZE,
    SMALL_LINE_HEIGHT,
    Point,
    arrow_head,
    chart_bounds,
    document_outline,
    node_text,
    size_of,
    text_top,
)
from gwgk_desktop.domain.flowchart_routing import EdgeRoute, LabelBox, chart_key, route_chart
from gwgk_desktop.domain.models import Flowchart, FlowNode

FALLBACK_FONT = "STSong-Light"
LINE = colors.black
#: Fill colours per kind: the same light tints the editor uses (see gui/flowchart/style).
FILLS = {kind: colors.HexColor(fill) for kind, fill in NODE_FILLS.items()}
DETAIL = colors.HexColor("#444444")
LINE_WIDTH = 1.0
ARROW_LINE_WIDTH = 0.3


def _ensure_font(name: str) -> str:
    if name not in pdfmetrics.getRegisteredFontNames():
        if name != FALLBACK_FONT:
            raise ValueError(f"font {name!r} is not registered with reportlab")
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return name


class _Painter(Protocol):
    """What drawing a chart needs, in model coordinates (y grows downwards; the painter
    flips the text back upright). ``_paint`` says what to draw once; ``_ShapePainter``
    builds a reportlab Drawing of it (SVG files, ``flowchart_drawing``) and
    ``_CanvasPainter`` draws it straight onto a PDF page (the notice board and guides:
    five times faster than rendering the Drawing's 140-odd shapes a chart)."""

    def line(self, flat: list[float]) -> None:
        """An open polyline in ``LINE`` with round joins."""

    def polygon(self, flat: list[float], fill: colors.Color, width: float) -> None:
        """A closed polygon outlined in ``LINE`` and filled."""

    def ellipse(self, x: float, y: float, rx: float, ry: float, fill: colors.Color) -> None: ...

    def rect(
        self, x: float, y: float, w: float, h: float, fill: colors.Color, stroke: bool
    ) -> None: ...

    def document(self, outline: Sequence[Point], fill: colors.Color) -> None:
        """The document symbol: three lines, a curve back to the start, closed."""

    def text(
        self, x: float, baseline: float, text: str, font: str, size: float, color: colors.Color
    ) -> None:
        """``text`` centred on ``x``."""


def _paint(chart: Flowchart, routes: dict[str, EdgeRoute], font: str, painter: _Painter) -> None:
    """The chart: lines first, the shapes over their ends, then the labels on top."""
    for route in routes.values():
        _edge(route, painter)
    for node in chart.nodes:
        _node_shape(node, painter)
        _node_text(node, font, painter)
    for route in routes.values():
        if route.label is not None:
            _label(route.label, font, painter)


def _node_shape(node: FlowNode, painter: _Painter) -> None:
    size = size_of(node)
    w, h = size.width, size.height
    x, y = node.x, node.y
    fill = FILLS[node.kind]
    if node.kind in (NodeKind.START, NodeKind.END):
        painter.ellipse(x, y, w / 2, h / 2, fill)
    elif node.kind is NodeKind.DECISION:
        painter.polygon([x - w / 2, y, x, y - h / 2, x + w / 2, y, x, y + h / 2], fill, LINE_WIDTH)
    elif node.kind is NodeKind.DOCUMENT:
        painter.document(document_outline(node), fill)
    else:
        painter.rect(x - w / 2, y - h / 2, w, h, fill, stroke=True)


def _node_text(node: FlowNode, font: str, painter: _Painter) -> None:
    block = node_text(node)
    top = text_top(node)
    # Baselines sit at 80 % of a line's height, as Qt places them for these fonts.
    for i, line in enumerate(block.lines):
        baseline = top + i * LINE_HEIGHT + LINE_HEIGHT * 0.5 + FONT_SIZE * 0.36
        painter.text(node.x, baseline, line, font, FONT_SIZE, colors.black)
    top += len(block.lines) * LINE_HEIGHT
    for i, line in enumerate(block.detail):
        baseline = top + i * SMALL_LINE_HEIGHT + SMALL_LINE_HEIGHT * 0.5 + SMALL_FONT_SIZE * 0.36
        painter.text(node.x, baseline, line, font, SMALL_FONT_SIZE, DETAIL)


def _edge(route: EdgeRoute, painter: _Painter) -> None:
    points = list(route.points)
    # Stop the line at the arrow head's base so its end does not poke through the tip.
    (px, py), (tx, ty) = points[-2], points[-1]
    length = math.hypot(tx - px, ty - py) or 1.0
    trimmed = (
        tx - (tx - px) / length * ARROW_LENGTH * 0.8,
        ty - (ty - py) / length * ARROW_LENGTH * 0.8,
    )
    painter.line([c for p in [*points[:-1], trimmed] for c in p])
    painter.polygon(arrow_head(points[-1], points[-2]), LINE, ARROW_LINE_WIDTH)


def _label(label: LabelBox, font: str, painter: _Painter) -> None:
    painter.rect(
        label.x - label.width / 2,
        label.y - label.height / 2,
        label.width,
        label.height,
        colors.white,
        stroke=False,
    )
    baseline = label.y + SMALL_FONT_SIZE * 0.36
    painter.text(label.x, baseline, label.text, font, SMALL_FONT_SIZE, LINE)


class _ShapePainter:
    """Builds the chart as reportlab shapes in one Group."""

    def __init__(self) -> None:
        self.group = Group()

    def _style(self, fill: colors.Color, width: float = LINE_WIDTH) -> dict[str, object]:
        return {"strokeColor": LINE, "strokeWidth": width, "fillColor": fill}

    def line(self, flat: list[float]) -> None:
        self.group.add(PolyLine(flat, strokeColor=LINE, strokeWidth=LINE_WIDTH, strokeLineJoin=1))

    def polygon(self, flat: list[float], fill: colors.Color, width: float) -> None:
        self.group.add(Polygon(flat, **self._style(fill, width)))

    def ellipse(self, x: float, y: float, rx: float, ry: float, fill: colors.Color) -> None:
        self.group.add(Ellipse(x, y, rx, ry, **self._style(fill)))

    def rect(
        self, x: float, y: float, w: float, h: float, fill: colors.Color, stroke: bool
    ) -> None:
        style = self._style(fill) if stroke else {"fillColor": fill, "strokeColor": None}
        self.group.add(Rect(x, y, w, h, **style))

    def document(self, outline: Sequence[Point], fill: colors.Color) -> None:
        top_left, top_right, bottom_right, c1, c2, bottom_left = outline
        path = ShapePath(**self._style(fill))
        path.moveTo(*top_left)
        path.lineTo(*top_right)
        path.lineTo(*bottom_right)
        path.curveTo(*c1, *c2, *bottom_left)
        path.closePath()
        self.group.add(path)

    def text(
        self, x: float, baseline: float, text: str, font: str, size: float, color: colors.Color
    ) -> None:
        label = String(
            0, 0, text, fontName=font, fontSize=size, textAnchor="middle", fillColor=color
        )
        group = Group(label)
        # The whole drawing is flipped (model y grows down); text is flipped back.
        group.transform = (1, 0, 0, -1, x, baseline)
        self.group.add(group)


class _CanvasPainter:
    """Draws the chart with a PDF canvas's own operators (the same marks the Drawing's
    renderer makes, without its per-shape state tracking)."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas

    def _path(self, flat: Sequence[float], close: bool) -> Any:
        path = self.canvas.beginPath()
        path.moveTo(flat[0], flat[1])
        for i in range(2, len(flat), 2):
            path.lineTo(flat[i], flat[i + 1])
        if close:
            path.close()
        return path

    def _outlined(self, fill: colors.Color, width: float = LINE_WIDTH) -> None:
        canvas = self.canvas
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(width)
        canvas.setFillColor(fill)

    def line(self, flat: list[float]) -> None:
        canvas = self.canvas
        canvas.saveState()
        canvas.setStrokeColor(LINE)
        canvas.setLineWidth(LINE_WIDTH)
        canvas.setLineJoin(1)
        canvas.drawPath(self._path(flat, close=False), stroke=1, fill=0)
        canvas.restoreState()

    def polygon(self, flat: list[float], fill: colors.Color, width: float) -> None:
        self._outlined(fill, width)
        self.canvas.drawPath(self._path(flat, close=True), stroke=1, fill=1)

    def ellipse(self, x: float, y: float, rx: float, ry: float, fill: colors.Color) -> None:
        self._outlined(fill)
        self.canvas.ellipse(x - rx, y - ry, x + rx, y + ry, stroke=1, fill=1)

    def rect(
        self, x: float, y: float, w: float, h: float, fill: colors.Color, stroke: bool
    ) -> None:
        if stroke:
            self._outlined(fill)
        else:
            self.canvas.setFillColor(fill)
        self.canvas.rect(x, y, w, h, stroke=int(stroke), fill=1)

    def document(self, outline: Sequence[Point], fill: colors.Color) -> None:
        top_left, top_right, bottom_right, c1, c2, bottom_left = outline
        self._outlined(fill)
        path = self.canvas.beginPath()
        path.moveTo(*top_left)
        path.lineTo(*top_right)
        path.lineTo(*bottom_right)
        path.curveTo(*c1, *c2, *bottom_left)
        path.close()
        self.canvas.drawPath(path, stroke=1, fill=1)

    def text(
        self, x: float, baseline: float, text: str, font: str, size: float, color: colors.Color
    ) -> None:
        canvas = self.canvas
        canvas.setFillColor(color)
        words = canvas.beginText()
        words.setFont(font, size)
        # Upright again inside the flipped chart, centred on x as the Drawing's String.
        words.setTextTransform(1, 0, 0, -1, x - stringWidth(text, font, size) / 2, baseline)
        words.textOut(text)
        canvas.drawText(words)


@dataclass(frozen=True)
class _Frame:
    """Where a chart's routed content sits: its extent in model coordinates and the
    scale it is drawn at."""

    routes: dict[str, EdgeRoute]
    left: float
    bottom: float
    width: float
    height: float
    scale: float

    @property
    def transform(self) -> tuple[float, float, float, float, float, float]:
        # Model coordinates: y down from the top-left of the bounds. PDF: y up.
        scale = self.scale
        return (scale, 0, 0, -scale, -self.left * scale, self.bottom * scale)


def _frame(chart: Flowchart, max_width: float, max_height: float) -> _Frame | None:
    """The routes and the scale of ``chart`` in a box; None for a chart with nothing
    to draw."""
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
        return None
    scale = min(1.0, max_width / width, max_height / height)
    return _Frame(routes, left, bottom, width, height, scale)


def flowchart_drawing(
    chart: Flowchart,
    max_width: float,
    max_height: float,
    font_name: str = FALLBACK_FONT,
) -> Drawing:
    """The chart as a Drawing no larger than ``max_width`` × ``max_height`` points (scaled
    down, never up beyond 1:1), ready for a platypus story or ``renderPDF.draw``."""
    font = _ensure_font(font_name)
    frame = _frame(chart, max_width, max_height)
    if frame is None:
        return Drawing(max_width, 20)
    drawing = Drawing(frame.width * frame.scale, frame.height * frame.scale)
    painter = _ShapePainter()
    _paint(chart, frame.routes, font, painter)
    painter.group.transform = frame.transform
    drawing.add(painter.group)
    return drawing


#: Room around a chart's form for line ends (the chart's own bounds already have a margin).
_FORM_MARGIN = 10.0


class ChartFlowable(Flowable):
    """The chart as a platypus flowable that draws straight onto the page (what the
    notice board and the guides print: the same marks as ``flowchart_drawing``, with the
    same size). The chart is drawn once per document as a PDF form that every copy of it
    shows (a board often has the same procedure for several windows)."""

    def __init__(self, chart: Flowchart, font: str, frame: _Frame | None, width: float) -> None:
        super().__init__()
        self.chart, self.font, self.frame = chart, font, frame
        if frame is None:
            self.width, self.height = width, 20.0
        else:
            self.width, self.height = frame.width * frame.scale, frame.height * frame.scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    @property
    def form_name(self) -> str:
        """The same for charts that print the same: nodes, edges, size, font."""
        key = (chart_key(self.chart), self.font, self.width, self.height)
        digest = hashlib.sha256(repr(key).encode()).hexdigest()[:20]
        return f"GwgkChart{digest}"

    def draw(self) -> None:
        if self.frame is None:
            return
        canvas = self.canv
        name = self.form_name
        if not canvas.hasForm(name):
            margin = _FORM_MARGIN
            canvas.beginForm(name, -margin, -margin, self.width + margin, self.height + margin)
            canvas.transform(*self.frame.transform)
            # A Drawing starts from the graphics defaults; so does the form.
            canvas.setLineCap(0)
            canvas.setLineJoin(0)
            canvas.setMiterLimit(10)
            canvas.setDash()
            _paint(self.chart, self.frame.routes, self.font, _CanvasPainter(canvas))
            canvas.endForm()
        canvas.doForm(name)


def scaled_chart(
    chart: Flowchart,
    max_width: float,
    max_height: float,
    font_name: str = FALLBACK_FONT,
) -> tuple[ChartFlowable, float]:
    """The chart as a flowable no larger than ``max_width`` × ``max_height`` points
    (scaled down, never up beyond 1:1) and the scale it draws at (1.0: the printed text
    has the sizes of ``FONT_SIZE`` and ``SMALL_FONT_SIZE`` points)."""
    font = _ensure_font(font_name)
    frame = _frame(chart, max_width, max_height)
    return ChartFlowable(chart, font, frame, max_width), frame.scale if frame else 1.0


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
        # Only here: xml.sax.saxutils loads urllib.request and the HTTP client with it.
        from xml.sax.saxutils import escape

        doc.build([Paragraph(escape(title), heading), Spacer(1, 12), drawing])
        return path
    from reportlab.graphics import renderPDF, renderSVG  # only here: renderSVG loads xml.dom

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
