"""Official documents (GB/T 9704): A4, everything but the page number inside the 156 ×
225 mm text block 37 mm from the top and 28 mm from the left, 28 characters of 3号 to a
line, page numbers "— n —" alternating sides, fonts embedded, a character the role's font
lacks set in the general font instead of a box."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from gwgk_desktop.pdf.fonts import cjk_font
from gwgk_desktop.pdf.official_document import (
    BODY_SIZE,
    LEFT,
    TEXT_HEIGHT,
    TEXT_WIDTH,
    TOP,
    Writer,
    markup,
    write_official,
)
from gwgk_desktop.pdf.text import wrap_indented
from tests.pdf.pdfcheck import Pdf, marks

A4_HEIGHT = 297 * mm


@pytest.fixture
def document(tmp_path: Path) -> Pdf:
    if not cjk_font().embedded:
        pytest.skip("no embeddable Chinese TrueType font installed (make system-deps)")
    writer = Writer()
    writer.title("关于测试公文版式的通知")
    writer.line("各派出所：")
    writer.paragraphs("一二三四五六七八九十" * 30 + "\n" + "第二段。" * 120)
    writer.heading("一、第一层标题")
    writer.subheading("（一）第二层标题")
    writer.signature("测试市公安局河西派出所", dt.date(2026, 12, 1))
    target = tmp_path / "公文.pdf"
    assert write_official(target, writer, title="测试", author="测试") >= 2
    return Pdf(target)


def test_the_page_is_a4_with_the_text_inside_the_text_block(document: Pdf) -> None:
    page = document.reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(
        (210 * mm, A4_HEIGHT), abs=0.5
    )
    left, right = LEFT, LEFT + TEXT_WIDTH
    top, bottom = A4_HEIGHT - TOP, A4_HEIGHT - TOP - TEXT_HEIGHT
    for index in range(document.pages):
        texts = [m for m in marks(document, index) if m.kind == "text"]
        body = [m for m in texts if m.y > bottom - 1]
        numbers = [m for m in texts if m.y <= bottom - 1]
        assert body and all(left - 0.5 <= m.x <= right + 0.5 for m in body)
        assert all(m.y <= top + 0.5 for m in body)
        assert numbers, "every page has its number under the text block"
        assert all(m.y < bottom - 7 * mm + 1 for m in numbers)


def test_page_numbers_and_fonts(document: Pdf) -> None:
    texts = [t.replace(" ", "") for t in document.page_texts()]
    assert "—1—" in texts[0] and "—2—" in texts[1]
    assert all(document.fonts().values())
    assert "关于测试公文版式的通知" in document.text()
    assert "2026年12月1日" in document.text()


def test_a_full_line_holds_28_characters_of_the_body_size() -> None:
    assert pytest.approx(28, abs=0.1) == TEXT_WIDTH / BODY_SIZE


def test_rare_characters_fall_back_to_the_general_font() -> None:
    font = cjk_font()
    if not font.embedded:
        pytest.skip("no embeddable Chinese TrueType font installed")
    text = markup("张𪚥<三>", font.name, "Fallback")
    assert text.startswith("张")
    assert '<font name="Fallback">𪚥</font>' in text or "𪚥" in text
    assert "&lt;三&gt;" in text
    assert markup("甲\n乙", font.name, font.name) == "甲<br/>乙"


def test_lines_follow_the_chinese_line_breaking_rules(tmp_path: Path) -> None:
    """Text of every length between commas: some line would start with a comma if the
    lines were broken anywhere (what reportlab's own CJK wrapping did)."""
    if not cjk_font().embedded:
        pytest.skip("no embeddable Chinese TrueType font installed")
    writer = Writer()
    writer.paragraphs("".join("因" * n + "，" for n in range(1, 30)) + "。")
    target = tmp_path / "lines.pdf"
    write_official(target, writer, title="t", author="a")
    lines = [line for page in Pdf(target).page_texts() for line in page.splitlines()]
    assert len(lines) > 10
    assert [line for line in lines if line.strip()[:1] in set("，。、；：？！）》")] == []
    first = wrap_indented("甲" * 40, cjk_font().name, 10, 100, 20)
    assert [len(line) for line in first] == [8, 10, 10, 10, 2]
