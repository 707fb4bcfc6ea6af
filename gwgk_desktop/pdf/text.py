"""Chinese line breaking and text drawing for every printed document.

Chinese has no spaces to break at: a line may break between any two Han characters, but
not before closing punctuation (，。、；：？！）》” …) nor after opening punctuation
(（《“ …): the rules of GB/T 15834 and the usual 避头尾 (kinsoku) practice. Runs of Latin
letters, digits and ASCII symbols (``0531-86001234``, ``HJ-001``, a URL) stay together
unless a run is wider than the line, in which case it is broken where it must be. Mixed
Chinese, Latin and digits are measured with the same font, so they sit on one line.

Widths are summed from a per-font cache of character widths (reportlab does not kern
TrueType text either), which keeps wrapping thousands of table cells fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib.colors import Color, black
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

#: Characters that may not begin a line (closing marks, pause and stop marks).
CANNOT_START = frozenset(ALL_CANNOT_START) | frozenset(
    "，。、；：？！）》」』】〕〗〙〛〉’”…‥·～％‰℃,.;:?!)]}%"
)
#: Characters that may not end a line (opening marks, and the tick or box that belongs to
#: the word after it).
CANNOT_END = frozenset(ALL_CANNOT_END) | frozenset("（《「『【〔〖〘〚〈‘“([{√■□")

#: Bold text's outline is stroked as well as filled, with this width per point of size.
BOLD_STROKE = 0.035
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_WIDTHS: dict[str, dict[str, float]] = {}


def clean(text: str) -> str:
    """Text as it should be printed: Windows line ends and tabs made plain, control
    characters (which fonts cannot show) removed, trailing blanks trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text).strip()


def char_width(char: str, font: str) -> float:
    """Width of one character at 1 pt."""
    table = _WIDTHS.setdefault(font, {})
    width = table.get(char)
    if width is None:
        width = pdfmetrics.stringWidth(char, font, 1000) / 1000
        table[char] = width
    return width


def text_width(text: str, font: str, size: float) -> float:
    table = _WIDTHS.setdefault(font, {})
    try:
        return sum(map(table.__getitem__, text)) * size
    except KeyError:  # a character not measured yet
        return sum(char_width(c, font) for c in text) * size


def _is_word_char(char: str) -> bool:
    """ASCII letters, digits and symbols that belong to a run kept on one line."""
    return "!" <= char <= "~"


_WORD_RUNS = re.compile(r"[!-~]+|[^!-~]")


def _units(paragraph: str) -> list[str]:
    """The pieces a line may break between: single Han characters and punctuation, runs
    of Latin letters/digits/symbols (``_is_word_char``), and single spaces."""
    return _WORD_RUNS.findall(paragraph)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points. Newlines in the text
    start new lines; an empty text gives no lines."""
    key = (text, font, size, width)
    found = _WRAPPED.get(key)
    if found is None:
        found = _wrap(text, font, size, width)
        if len(_WRAPPED) >= _WRAPPED_LIMIT:
            _WRAPPED.clear()
        _WRAPPED[key] = found
    return list(found)


#: Texts already broken into lines, by text, font, size and width: a table repeats the
#: same cells (time limits, the station's name, ticks) thousands of times.
_WRAPPED: dict[tuple[str, str, float, float], tuple[str, ...]] = {}
_WRAPPED_LIMIT = 50_000


def _wrap(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    text = clean(text)
    if not text:
        return ()
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph.rstrip(), font, size, width))
    return tuple(lines)


def wrap_indented(
    text: str, font: str, size: float, width: float, first_indent: float
) -> list[str]:
    """``wrap`` for paragraphs whose first line is ``first_indent`` points narrower (the
    two-character indent of Chinese body text); every newline starts such a paragraph."""
    lines: list[str] = []
    for raw in clean(text).split("\n"):
        paragraph = raw.strip()
        first = _wrap_paragraph(paragraph, font, size, width - first_indent)[0]
        lines.append(first)
        rest = paragraph[len(first) :].lstrip(" ")
        if rest:
            lines.extend(_wrap_paragraph(rest, font, size, width))
    return lines


def _wrap_paragraph(paragraph: str, font: str, size: float, width: float) -> list[str]:
    table = _WIDTHS.setdefault(font, {})
    for char in set(paragraph).difference(table):
        char_width(char, font)
    widths = table.__getitem__
    if sum(map(widths, paragraph)) * size <= width:
        return [paragraph]
    lines: list[str] = []
    line: list[str] = []
    used = 0.0

    def flush() -> None:
        nonlocal line, used
        lines.append("".join(line).rstrip())
        line, used = [], 0.0

    pending = list(_units(paragraph))
    pending.reverse()
    while pending:
        unit = pending.pop()
        unit_width = (widths(unit) if len(unit) == 1 else sum(map(widths, unit))) * size
        if used + unit_width <= width:
            if unit != " " or line:  # no blank at the start of a line
                line.append(unit)
                used += unit_width
            continue
        if unit == " ":
            flush()
            continue
        if unit_width > width and len(unit) > 1:
            # A run longer than a whole line: break it character by character.
            pending.extend(reversed(unit))
            continue
        if not line:
            # A single character wider than the line (absurdly narrow column): it
            # must go somewhere, and an empty line would loop forever.
            line, used = [unit], unit_width
            flush()
            continue
        carry = _carry_for(line, unit, font, size, width)
        if carry:
            del line[-len(carry) :]
        flush()
        for piece in carry:
            line.append(piece)
            used += text_width(piece, font, size)
        pending.append(unit)
    if line:
        flush()
    return [x for x in lines if x] or [""]


def _carry_for(line: list[str], unit: str, font: str, size: float, width: float) -> list[str]:
    """The units to move from the end of ``line`` to the next line so that the next line
    does not begin with closing punctuation and this one does not end with an opening
    mark. Empty when nothing needs to move or moving cannot help."""
    carry: list[str] = []
    head = unit
    while len(carry) < len(line) - 1:
        last = line[-1 - len(carry)]
        if head[0] in CANNOT_START or last[-1] in CANNOT_END or last == " ":
            carry.insert(0, last)
            head = last
            continue
        break
    if not carry:
        return []
    if text_width("".join(carry) + unit, font, size) > width:
        return []
    while carry and carry[0] == " ":
        carry.pop(0)
    return carry


@dataclass(frozen=True)
class TextStyle:
    """How a run of text looks. ``bold`` is drawn by stroking the glyph outlines as well
    as filling them: Chinese system fonts rarely come with a bold face."""

    font: str
    size: float
    leading: float
    bold: bool = False
    align: str = "left"  # left | center | right
    color: Color = black


def draw_line(
    canvas: Canvas, text: str, x: float, baseline: float, width: float, style: TextStyle
) -> None:
    """Draw one already-wrapped line in a box starting at ``x`` of ``width`` points."""
    _draw(canvas, [text], x, baseline, width, style)


def draw_lines(
    canvas: Canvas, lines: list[str], x: float, top: float, width: float, style: TextStyle
) -> None:
    """Draw wrapped lines downward from ``top`` (the top of the first line box)."""
    _draw(canvas, lines, x, top - _ascent(style), width, style)


def _draw(
    canvas: Canvas, lines: list[str], x: float, baseline: float, width: float, style: TextStyle
) -> None:
    if not any(lines):
        return
    fixed = _fixed_operators(style)
    if fixed is None or not hasattr(canvas, "_code"):
        _draw_with_text_object(canvas, lines, x, baseline, width, style)
        return
    font, start, tf, bold = fixed
    # An embedded TrueType font (nearly all text): the operators written directly, with
    # each distinct line encoded once per document. reportlab's text object does the
    # same work per line in Python (a catalogue list has 100,000 cell lines, most of
    # them repeated: time limits, the station's name, ticks).
    encoded = _encoder(canvas, font)
    code = [f"BT 1 0 0 1 {fp_str(x, baseline)} Tm", start]
    if bold:  # the outline stroked too, in a graphics state of its own
        code = [bold, *code, "2 Tr"]
    current = ""
    left = style.align == "left"
    for line in lines:
        if not left:
            if line:
                free = width - text_width(line, style.font, style.size)
                shift = free / 2 if style.align == "center" else free
                code.append(f"1 0 0 1 {fp_str(x + shift, baseline)} Tm")
            baseline -= style.leading
        for name, text in encoded(line):
            if name != current:
                code.append(f"{name} {tf}")
                current = name
            code.append(text)
        if left:
            code.append("T*")
    code.append("ET Q" if bold else "ET")
    canvas._code.append(" ".join(code))


@cache
def _fixed_operators(style: TextStyle) -> tuple[Any, str, str, str] | None:
    """For a style drawn directly (``_draw``): its font, the operators every cell starts
    with (leading, colour), the font size's and, for bold text, the graphics state its
    stroked outline needs (else ""); None when the text object draws it (a font that is
    not an embedded TrueType font, a translucent colour)."""
    font = pdfmetrics.getFont(style.font)
    colour = style.color
    if not getattr(font, "_dynamicFont", False) or colour.alpha != 1:
        return None
    rgb = fp_str(colour.red, colour.green, colour.blue)
    start = f"{fp_str(style.leading)} TL {rgb} rg"
    # What _draw_with_text_object sets for bold: the stroke colour and width, saved
    # and restored around the text (q … Q).
    bold = f"q {rgb} RG {fp_str(style.size * BOLD_STROKE)} w" if style.bold else ""
    return font, start, f"{fp_str(style.size)} Tf", bold


def _encoder(canvas: Canvas, font: Any) -> Callable[[str], tuple[tuple[str, str], ...]]:
    """A line's text in ``font`` as (subset font's name, ``(…) Tj``) pieces, remembered
    for the document (the subsets belong to it)."""
    caches: dict[str, dict[str, tuple[tuple[str, str], ...]]] = canvas.__dict__.setdefault(
        "_gwgk_encoded", {}
    )
    cache = caches.setdefault(font.fontName, {})
    doc = canvas._doc
    escape = canvas._escape

    def encoded(line: str) -> tuple[tuple[str, str], ...]:
        found = cache.get(line)
        if found is None:
            found = tuple(
                (font.getSubsetInternalName(subset, doc), f"({escape(text)}) Tj")
                for subset, text in font.splitString(line, doc)
            )
            cache[line] = found
        return found

    return encoded


def _draw_with_text_object(
    canvas: Canvas, lines: list[str], x: float, baseline: float, width: float, style: TextStyle
) -> None:
    # One text object for all the lines: font and colour are set once.
    obj = canvas.beginText(x, baseline)
    obj.setFont(style.font, style.size)
    obj.setFillColor(style.color)
    if style.bold:
        canvas.saveState()
        canvas.setStrokeColor(style.color)
        canvas.setLineWidth(style.size * BOLD_STROKE)
        obj.setTextRenderMode(2)
    if style.align == "left":
        # Line after line with T* (no coordinates to format): the bulk of all text.
        obj.setLeading(style.leading)
        for line in lines:
            obj.textLine(line)
    else:
        for line in lines:
            if line:
                free = width - text_width(line, style.font, style.size)
                obj.setTextOrigin(x + (free / 2 if style.align == "center" else free), baseline)
                obj.textOut(line)
            baseline -= style.leading
    canvas.drawText(obj)
    if style.bold:
        canvas.restoreState()


def _ascent(style: TextStyle) -> float:
    # Place the baseline so the glyphs sit centred in the line box: CJK glyphs fill the
    # em square, which reaches ~0.88 em above the baseline.
    return (style.leading - style.size) / 2 + style.size * 0.88
