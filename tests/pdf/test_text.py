"""Chinese line breaking: widths respected, nothing lost, 避头尾 rules, Latin runs."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gwgk_desktop.pdf.fonts import cjk_font
from gwgk_desktop.pdf.text import CANNOT_END, CANNOT_START, clean, text_width, wrap

SIZE = 10.0


@pytest.fixture(scope="module")
def font() -> str:
    return cjk_font().name


def test_no_closing_punctuation_starts_a_line(font: str) -> None:
    # Ten characters fit; the eleventh is a comma, which must not begin line two.
    text = "一二三四五六七八九十，十一十二"
    lines = wrap(text, font, SIZE, SIZE * 10)
    assert lines[0] == "一二三四五六七八九"
    assert lines[1].startswith("十，")


def test_no_opening_mark_ends_a_line(font: str) -> None:
    text = "一二三四五六七八九《条例》第七条"
    lines = wrap(text, font, SIZE, SIZE * 10)
    assert all(not line.endswith("《") for line in lines)
    assert "".join(lines) == text


def test_latin_words_and_numbers_stay_whole(font: str) -> None:
    text = "咨询电话0531-86001234，事项编码HJ-001"
    lines = wrap(text, font, SIZE, SIZE * 9)
    assert any("0531-86001234" in line for line in lines)
    assert any("HJ-001" in line for line in lines)


def test_a_run_longer_than_the_line_is_broken(font: str) -> None:
    url = "http://www.example.gov.cn/" + "a" * 80
    lines = wrap(url, font, SIZE, 100)
    assert len(lines) > 3
    assert "".join(lines) == url
    assert all(text_width(line, font, SIZE) <= 100 for line in lines)


def test_mixed_chinese_latin_and_digits_share_a_line(font: str) -> None:
    assert wrap("第3条ABC与《条例》", font, SIZE, 500) == ["第3条ABC与《条例》"]


def test_newlines_start_new_lines_and_blank_text_gives_none(font: str) -> None:
    assert wrap("第一行\r\n第二行", font, SIZE, 500) == ["第一行", "第二行"]
    assert wrap("  \n ", font, SIZE, 500) == []
    assert clean("a\tb\x07c") == "a bc"


HAN = st.sampled_from("公安派出所户籍办理登记材料证明审核受理决定送达")
CLOSING = st.sampled_from("，。、；：？！）》”")
OPENING = st.sampled_from("（《“")
LATIN = st.text(alphabet="abcXYZ0123456789-", min_size=1, max_size=3)


@st.composite
def phrases(draw: st.DrawFn) -> str:
    """Text built from tokens such as "字", "（字", "字，", "abc": punctuation never
    piles up, so every break can honour the rules."""
    tokens = []
    for _ in range(draw(st.integers(1, 60))):
        kind = draw(st.sampled_from(["han", "han", "han", "open", "close", "latin", "space"]))
        if kind == "open":
            tokens.append(draw(OPENING) + draw(HAN))
        elif kind == "close":
            tokens.append(draw(HAN) + draw(CLOSING))
        elif kind == "latin":
            tokens.append(draw(LATIN))
        elif kind == "space" and tokens:
            tokens.append(" " + draw(HAN))
        else:
            tokens.append(draw(HAN))
    return "".join(tokens)


@settings(max_examples=300, deadline=None)
@given(text=phrases(), chars=st.integers(8, 40))
def test_wrapping_keeps_every_character_and_the_rules(font: str, text: str, chars: int) -> None:
    width = SIZE * chars
    lines = wrap(text, font, SIZE, width)
    assert all(text_width(line, font, SIZE) <= width + 1e-6 for line in lines)
    # Only blanks at line ends may disappear.
    assert "".join(lines).replace(" ", "") == text.strip().replace(" ", "")
    for before, after in itertools.pairwise(lines):
        assert after[0] not in CANNOT_START, (before, after)
        assert before[-1] not in CANNOT_END, (before, after)
