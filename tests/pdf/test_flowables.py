"""Grid and text blocks across page breaks: rows kept whole, headers repeated, rows
taller than a page cut without losing text, footers counting the pages."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from reportlab.platypus import Flowable

from gwgk_desktop.pdf.document import Layout, PageSetup, TitleBlock, TitleLine
from gwgk_desktop.pdf.flowables import Column, Grid, Row, TextBlock
from gwgk_desktop.pdf.fonts import FontChoice, cjk_font
from gwgk_desktop.pdf.text import TextStyle
from tests.pdf.pdfcheck import Pdf, compact, outside_page


@pytest.fixture(scope="module")
def font() -> FontChoice:
    return cjk_font()


def build(font: FontChoice, story: list[Flowable], path: Path) -> Pdf:
    style = TextStyle(font.name, 20, 26, align="center")
    layout = Layout(PageSetup(), font, TitleBlock((TitleLine("测试文档", style),)), "页眉")
    pages = layout.build(path, story, title="测试", author="测试", subject="测试")
    pdf = Pdf(path)
    assert pdf.pages == pages
    return pdf


def grid(font: FontChoice, rows: list[Row], max_height: float = 700) -> Grid:
    body = TextStyle(font.name, 10, 14)
    return Grid(
        [Column("序号", 1), Column("表头甲", 6), Column("表头乙", 3)],
        rows,
        body,
        header=TextStyle(font.name, 10, 14, bold=True),
        max_height=max_height,
    )


def test_rows_are_never_split_and_the_header_repeats(font: FontChoice, tmp_path: Path) -> None:
    rng = random.Random(7)
    rows = []
    for n in range(120):
        body = "内容" * rng.randint(1, 60)
        rows.append(Row((str(n), f"起{n}号{body}止{n}号", "备注")))
    pdf = build(font, [grid(font, rows)], tmp_path / "grid.pdf")
    texts = [compact(t) for t in pdf.page_texts()]
    assert len(texts) > 3
    for n in range(120):
        start = [i for i, t in enumerate(texts) if f"起{n}号" in t]
        end = [i for i, t in enumerate(texts) if f"止{n}号" in t]
        assert start == end and len(start) == 1, n
    assert all("表头甲" in t and "表头乙" in t for t in texts)
    assert [f"第{i}页共{len(texts)}页" in t for i, t in enumerate(texts, 1)] == [True] * len(texts)
    assert outside_page(pdf) == []


def test_a_row_taller_than_a_page_is_continued_without_loss(
    font: FontChoice, tmp_path: Path
) -> None:
    basis = "据" * 5000
    rows = [Row(("1", "长", basis)), Row(("2", "后一行", "短"))]
    pdf = build(font, [grid(font, rows, max_height=640)], tmp_path / "long.pdf")
    text = pdf.text()
    assert text.count("据") == 5000
    assert pdf.pages >= 3
    assert "后一行" in text
    assert outside_page(pdf) == []


def test_a_group_row_is_not_left_alone_at_the_foot_of_a_page(
    font: FontChoice, tmp_path: Path
) -> None:
    rows: list[Row] = []
    for g in range(30):
        rows.append(Row((f"组{g}组",), group=True))
        rows += [Row((str(n), "内容" * 12 + f"属{g}组", "")) for n in range(4)]
    pdf = build(font, [grid(font, rows)], tmp_path / "groups.pdf")
    for text in (compact(t) for t in pdf.page_texts()):
        for g in range(30):
            if f"组{g}组" in text:
                assert f"属{g}组" in text, g


def test_long_text_flows_over_pages_by_whole_lines(font: FontChoice, tmp_path: Path) -> None:
    style = TextStyle(font.name, 12, 18)
    story: list[Flowable] = [
        TextBlock(f"第{n}段" + "文字" * 200, style, prefix="标签：") for n in range(12)
    ]
    pdf = build(font, story, tmp_path / "text.pdf")
    text = pdf.text()
    # Counted by character: a page break may fall between 文 and 字.
    assert text.count("字") == 12 * 200
    assert outside_page(pdf) == []


def test_the_rest_of_a_split_table_survives_a_frame_of_a_slightly_other_width(
    font: FontChoice,
) -> None:
    """The second column of a landscape notice board reported its width a rounding error
    apart from the first; the continued table then lost every row (issue 14)."""
    table = grid(font, [Row((str(n), f"第{n}行", "内容")) for n in range(1, 9)])
    table.wrap(510.2362204724409, 1000)
    _first, rest = table.split(510.2362204724409, 80)
    assert isinstance(rest, Grid) and rest.rows
    _width, height = rest.wrap(510.236220472441, 700)
    shown = [row.cells[1][0] for row in rest._laid]
    assert shown and shown[-1] == "第8行" and height > 60
    # And at a really different width it is laid out again from its own rows.
    rest.wrap(300.0, 700)
    assert [row.cells[1][0] for row in rest._laid] == shown


def test_a_document_frame_copies_as_deepcopy_does() -> None:
    """reportlab deep-copies the frame to measure each keep-together group; the quick
    copy gives the same values and shares nothing that could change."""
    import copy

    from reportlab.platypus import Frame

    from gwgk_desktop.pdf.document import _QuickCopyFrame

    ours = _QuickCopyFrame(10, 20, 300, 400, leftPadding=0, id="f0")
    theirs = Frame(10, 20, 300, 400, leftPadding=0, id="f0")
    for frame in (ours, theirs):
        frame._frameBGs = [(0, 0, [1, 2], None)]  # what a document template sets
        frame._y -= 37.5
        frame._atTop = 0
    twin = copy.deepcopy(ours)
    assert type(twin) is _QuickCopyFrame
    assert twin.__dict__ == copy.deepcopy(theirs).__dict__ == ours.__dict__
    twin._frameBGs[0][2].append(3)
    twin._frameBGs.append("more")
    twin._y = 0
    assert ours._frameBGs == [(0, 0, [1, 2], None)]
    assert ours._y == theirs._y
