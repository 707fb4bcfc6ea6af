"""The reportlab drawing of a chart: drawn from the model with the same routes and text
lines as the editor, scaled into the space it is given, with real (embedded) text."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, PolyLine, String
from reportlab.pdfgen.canvas import Canvas

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart_geometry import node_text
from gwgk_desktop.domain.flowchart_routing import route_chart
from gwgk_desktop.domain.models import Flowchart
from gwgk_desktop.pdf.flowchart import FALLBACK_FONT, flowchart_drawing, scaled_chart
from gwgk_desktop.pdf.fonts import cjk_font
from gwgk_desktop.services.demo import _licensing_chart
from gwgk_desktop.services.demo_data import LICENSING_ITEMS
from gwgk_desktop.services.flowcharts import template_chart


def strings(node: object) -> list[str]:
    found: list[str] = []
    if isinstance(node, String):
        found.append(node.text)
    for child in getattr(node, "contents", []) or []:
        found += strings(child)
    return found


def polylines(node: object) -> list[PolyLine]:
    found: list[PolyLine] = []
    if isinstance(node, PolyLine):
        found.append(node)
    for child in getattr(node, "contents", []) or []:
        found += polylines(child)
    return found


@pytest.fixture(scope="module")
def font() -> str:
    return cjk_font().name


def test_the_drawing_has_every_text_line_and_label(font: str) -> None:
    chart = template_chart("standard")
    drawing = flowchart_drawing(chart, 500, 700, font)
    text = strings(drawing)
    for node in chart.nodes:
        block = node_text(node)
        for line in (*block.lines, *block.detail):
            assert line in text
    assert {e.label for e in chart.edges if e.label} <= set(text)


def test_edges_follow_the_shared_routes(font: str) -> None:
    chart = template_chart("standard")
    drawing = flowchart_drawing(chart, 2000, 2000, font)  # 1:1
    lines = polylines(drawing)
    routes = route_chart(chart)
    assert len(lines) == len(routes)
    for line, route in zip(lines, routes.values(), strict=True):
        # every bend of the route is in the drawn line (the last point is trimmed for
        # the arrow head)
        drawn = list(zip(line.points[::2], line.points[1::2], strict=True))
        assert drawn[:-1] == list(route.points[:-1])


@pytest.mark.parametrize(("width", "height"), [(500, 700), (200, 200), (100, 900)])
def test_the_drawing_fits_the_space_and_never_grows(font: str, width: int, height: int) -> None:
    chart = template_chart("standard")
    drawing = flowchart_drawing(chart, width, height, font)
    assert drawing.width <= width + 1e-6 and drawing.height <= height + 1e-6
    full = flowchart_drawing(chart, 10_000, 10_000, font)
    assert full.width < 10_000 and full.height < 10_000  # 1:1 at most


def test_the_pdf_has_searchable_chinese_text(font: str) -> None:
    chart = template_chart("standard")
    drawing = flowchart_drawing(chart, 500, 700, font)
    buffer = io.BytesIO()
    renderPDF.drawToFile(drawing, buffer)
    text = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    assert "受理审查" in text and "不符合条件" in text


def test_an_empty_chart_takes_a_thin_strip_and_unknown_fonts_are_refused() -> None:
    empty = flowchart_drawing(Flowchart(), 300, 300)
    assert isinstance(empty, Drawing) and empty.height == 20
    with pytest.raises(ValueError, match="not registered"):
        flowchart_drawing(template_chart("standard"), 300, 300, "NoSuchFont")
    # the CID fallback works without any font file
    drawing = flowchart_drawing(template_chart("standard"), 300, 300, FALLBACK_FONT)
    assert isinstance(drawing.contents[0], Group)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("scale_box", [(2000, 2000), (300, 260)], ids=["1:1", "scaled"])
def test_the_page_flowable_draws_exactly_what_the_drawing_draws(
    font: str, tmp_path: Path, scale_box: tuple[float, float]
) -> None:
    """The notice board and guides draw charts straight onto the page (ChartFlowable);
    SVG files and ``flowchart_drawing`` go through reportlab shapes. Both come from one
    description (``_paint``) and must put the same pixels on paper."""
    chart = _licensing_chart(LICENSING_ITEMS[0]["name"])  # every kind of node, labels
    assert {n.kind for n in chart.nodes} == set(NodeKind)
    width, height = scale_box
    drawing = flowchart_drawing(chart, width, height, font)
    flowable, scale = scaled_chart(chart, width, height, font)
    assert (flowable.wrap(width, height)) == (drawing.width, drawing.height)
    assert scale <= 1.0
    pages = []
    for name, draw in (
        ("drawing", lambda c: renderPDF.draw(drawing, c, 20, 20)),
        ("flowable", lambda c: flowable.drawOn(c, 20, 20)),
    ):
        path = tmp_path / f"{name}.pdf"
        canvas = Canvas(str(path), pagesize=(drawing.width + 40, drawing.height + 40))
        draw(canvas)
        canvas.save()
        subprocess.run(["pdftoppm", "-png", "-r", "100", path, tmp_path / name], check=True)
        pages.append(Image.open(next(tmp_path.glob(f"{name}*.png"))).convert("RGB"))
    assert ImageChops.difference(*pages).getbbox() is None
    assert pages[0].getbbox() is not None  # something was drawn
