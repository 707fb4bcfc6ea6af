"""Official documents (公文) laid out after GB/T 9704-2012: A4, top margin 37 mm, left
28 mm, a text block of 156 × 225 mm holding 22 lines of 28 characters; the title in 2号
(22 pt) 小标宋 (or the 宋/黑 face installed), the body in 3号 (16 pt) 仿宋, first-level
headings in 3号黑体, second-level in 3号楷体; page numbers "— 1 —" in 4号, 7 mm under the
text block, odd pages on the right and even pages on the left, one character in.

Each role gets the installed font that serves it (``fonts.role_font``); a character the
role's font lacks (a rare character in a name) is set in the general font instead, one
character at a time, so nothing prints as an empty box. Documents are written atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from gwgk_desktop import APP_DISPLAY_NAME, __version__
from gwgk_desktop.files import write_via_temp
from gwgk_desktop.pdf.fonts import FontChoice, cjk_font, has_glyph, role_font
from gwgk_desktop.pdf.styles import chinese_date
from gwgk_desktop.pdf.text import clean, wrap_indented

TOP = 37 * mm
LEFT = 28 * mm
TEXT_WIDTH = 156 * mm
TEXT_HEIGHT = 225 * mm
RIGHT = A4[0] - LEFT - TEXT_WIDTH
BOTTOM = A4[1] - TOP - TEXT_HEIGHT
LINES_PER_PAGE = 22
LINE = TEXT_HEIGHT / LINES_PER_PAGE
TITLE_SIZE = 22.0  # 2号
#: 3号 is 16 pt; 28 characters of it need 158 mm, so Word's document grid sets them a
#: little closer to fit the 156 mm line. Setting the size to 1/28 of the line (15.8 pt) does
#: the same: every full line holds exactly 28 characters, as GB/T 9704 asks.
BODY_SIZE = 156 * mm / 28
PAGE_NUMBER_SIZE = 14.0  # 4号
TABLE_SIZE = 10.5  # 五号: the annual report's tables
_PADDINGS = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")


@dataclass(frozen=True)
class OfficialFonts:
    title: FontChoice
    heading: FontChoice
    subheading: FontChoice
    body: FontChoice
    fallback: FontChoice

    @property
    def messages(self) -> list[str]:
        """What the user should be told (a font that could not be embedded)."""
        seen: list[str] = []
        for choice in (self.title, self.heading, self.subheading, self.body):
            for message in choice.messages:
                if message not in seen:
                    seen.append(message)
        return seen

    @property
    def embedded(self) -> bool:
        return all(c.embedded for c in (self.title, self.heading, self.subheading, self.body))


def official_fonts() -> OfficialFonts:
    return OfficialFonts(
        title=role_font("title"),
        heading=role_font("heading"),
        subheading=role_font("subheading"),
        body=role_font("body"),
        fallback=cjk_font(),
    )


def markup(text: str, font: str, fallback: str) -> str:
    """``text`` as Paragraph markup: escaped, line breaks kept, and each character
    ``font`` cannot draw set in ``fallback``."""
    out: list[str] = []
    for char in clean(text):
        if char == "\n":
            out.append("<br/>")
        elif char.isascii() or has_glyph(font, char) or font == fallback:
            out.append(escape(char))
        else:
            out.append(f'<font name="{fallback}">{escape(char)}</font>')
    return "".join(out)


@dataclass(frozen=True)
class OfficialStyles:
    fonts: OfficialFonts
    title: ParagraphStyle
    body: ParagraphStyle
    flush: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    centred: ParagraphStyle
    table: ParagraphStyle
    table_centre: ParagraphStyle
    table_header: ParagraphStyle
    note: ParagraphStyle


def official_styles(fonts: OfficialFonts | None = None) -> OfficialStyles:
    fonts = fonts or official_fonts()
    body = fonts.body.name
    base = {"wordWrap": "CJK", "leading": LINE, "fontSize": BODY_SIZE}
    table = {"wordWrap": "CJK", "fontName": body, "fontSize": TABLE_SIZE, "leading": 13}
    return OfficialStyles(
        fonts=fonts,
        title=ParagraphStyle(
            "title",
            fontName=fonts.title.name,
            fontSize=TITLE_SIZE,
            leading=TITLE_SIZE * 1.45,
            alignment=TA_CENTER,
            wordWrap="CJK",
        ),
        body=ParagraphStyle(
            "body", fontName=body, firstLineIndent=2 * BODY_SIZE, alignment=TA_JUSTIFY, **base
        ),
        flush=ParagraphStyle("flush", fontName=body, alignment=TA_LEFT, **base),
        heading=ParagraphStyle(
            "heading", fontName=fonts.heading.name, firstLineIndent=2 * BODY_SIZE, **base
        ),
        subheading=ParagraphStyle(
            "subheading", fontName=fonts.subheading.name, firstLineIndent=2 * BODY_SIZE, **base
        ),
        centred=ParagraphStyle("centred", fontName=body, alignment=TA_CENTER, **base),
        table=ParagraphStyle("table", **table),
        table_centre=ParagraphStyle("table_centre", alignment=TA_CENTER, **table),
        table_header=ParagraphStyle(
            "table_header", alignment=TA_CENTER, **{**table, "fontName": fonts.heading.name}
        ),
        note=ParagraphStyle(
            "note", fontName=body, fontSize=12, leading=18, wordWrap="CJK", alignment=TA_LEFT
        ),
    )


class Lines(Flowable):
    """A paragraph whose lines are broken by ``text.wrap`` (Chinese line-breaking rules:
    no closing punctuation at a line start, no opening mark at a line end) at the width it
    is given, then set by reportlab's Paragraph (fonts, fallbacks, alignment)."""

    def __init__(self, text: str, style: ParagraphStyle, fallback: str) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self.fallback = fallback
        self._width: float | None = None
        self._paragraph: Paragraph | None = None

    def _laid_out(self, width: float) -> Paragraph:
        if self._paragraph is None or self._width != width:
            style = self.style
            inner = width - style.leftIndent - style.rightIndent - 0.01
            lines = wrap_indented(
                self.text, style.fontName, style.fontSize, inner, style.firstLineIndent
            )
            self._paragraph = Paragraph(
                markup("\n".join(lines), style.fontName, self.fallback), style
            )
            self._width = width
        return self._paragraph

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width, height = self._laid_out(avail_width).wrap(avail_width, avail_height)
        self.width, self.height = width, height
        return width, height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return list(self._laid_out(avail_width).split(avail_width, avail_height))

    def draw(self) -> None:
        assert self._paragraph is not None
        self._paragraph.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)


class Writer:
    """Builds the story of one official document from text in the document's roles."""

    def __init__(self, styles: OfficialStyles | None = None) -> None:
        self.styles = styles or official_styles()
        self.story: list[Flowable] = []

    def _paragraph(self, text: str, style: ParagraphStyle) -> Lines:
        return Lines(text, style, self.styles.fonts.fallback.name)

    def cell(self, text: str, style: ParagraphStyle | None = None) -> Lines:
        return self._paragraph(text, style or self.styles.table)

    def title(self, text: str) -> None:
        """The title, centred, one blank line under it (GB/T 9704 7.3.1)."""
        self.story += [self._paragraph(text, self.styles.title), Spacer(1, LINE)]

    def line(self, text: str) -> None:
        """A line without indent (the addressee 主送机关, a numbered line)."""
        self.story.append(self._paragraph(text, self.styles.flush))

    def centred(self, text: str) -> None:
        self.story.append(self._paragraph(text, self.styles.centred))

    def paragraphs(self, text: str) -> None:
        """Body text: each line of ``text`` a paragraph indented two characters."""
        for part in clean(text).split("\n"):
            if part.strip():
                self.story.append(self._paragraph(part.strip(), self.styles.body))

    def heading(self, text: str) -> None:
        self.story.append(self._paragraph(text, self.styles.heading))

    def subheading(self, text: str) -> None:
        self.story.append(self._paragraph(text, self.styles.subheading))

    def blank(self, lines: float = 1.0) -> None:
        self.story.append(Spacer(1, LINE * lines))

    def note(self, text: str) -> None:
        self.story.append(self._paragraph(text, self.styles.note))

    def flowable(self, flowable: Flowable) -> None:
        self.story.append(flowable)

    @contextlib.contextmanager
    def together(self) -> Iterator[None]:
        """What is written inside the block goes on one page when it fits on one (a
        heading with its table: a table whose merged cells cannot be split would
        otherwise leave the heading and the first rows alone at the foot of a page)."""
        start = len(self.story)
        yield
        self.story[start:] = [KeepTogether(self.story[start:])]

    def signature(self, unit: str, date: dt.date) -> None:
        """The issuing unit centred over the date, the date four characters in from the
        right, one blank line under the text (GB/T 9704 7.3.5.1; the seal is pressed
        over both)."""
        width = max(len(unit), 11) * BODY_SIZE + BODY_SIZE
        rows = [
            ["", self._paragraph(unit, self.styles.centred), ""],
            ["", self._paragraph(chinese_date(date), self.styles.centred), ""],
        ]
        right = 4 * BODY_SIZE
        block = Table(rows, colWidths=[TEXT_WIDTH - width - right, width, right])
        commands: list[tuple[object, ...]] = [(key, (0, 0), (-1, -1), 0) for key in _PADDINGS]
        # Empty cells too: a table's default font would put Helvetica (not embedded) in.
        commands.append(("FONTNAME", (0, 0), (-1, -1), self.styles.body.fontName))
        block.setStyle(TableStyle(commands))
        self.blank(1)
        self.story.append(block)

    def table(
        self,
        rows: Sequence[Sequence[object]],
        widths: Sequence[float],
        spans: Iterable[tuple[tuple[int, int], tuple[int, int]]] = (),
        header_rows: int = 1,
        padding: float = 3.0,
    ) -> None:
        """A ruled table in the tables' size; strings become paragraphs (numbers and
        short labels centred), ``spans`` merge cells, the header rows repeat;
        ``padding`` is the space above and below each cell's text."""
        data = [
            [
                self.cell(
                    str(value),
                    self.styles.table_header
                    if r < header_rows
                    else self.styles.table_centre
                    if isinstance(value, int | float)
                    else self.styles.table,
                )
                if isinstance(value, str | int | float)
                else value
                for value in row
            ]
            for r, row in enumerate(rows)
        ]
        table = Table(data, colWidths=list(widths), repeatRows=header_rows)
        commands: list[tuple[object, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), padding - 0.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), padding + 0.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        commands += [("SPAN", start, end) for start, end in spans]
        commands.append(("FONTNAME", (0, 0), (-1, -1), self.styles.table.fontName))
        table.setStyle(TableStyle(commands))
        self.story.append(table)


def _page_number(canvas: Canvas, _doc: object) -> None:
    number = canvas.getPageNumber()
    text = f"— {number} —"
    canvas.saveState()
    font = role_font("title").name
    canvas.setFont(font, PAGE_NUMBER_SIZE)
    baseline = BOTTOM - 7 * mm - PAGE_NUMBER_SIZE  # the number's top 7 mm under the block
    if number % 2:
        canvas.drawRightString(LEFT + TEXT_WIDTH - PAGE_NUMBER_SIZE, baseline, text)
    else:
        canvas.drawString(LEFT + PAGE_NUMBER_SIZE, baseline, text)
    canvas.restoreState()


def write_official(
    path: Path, writer: Writer, *, title: str, author: str, subject: str = ""
) -> int:
    """Lay the writer's story out as an official document at ``path`` (atomically);
    return the number of pages."""
    pages: list[int] = []

    def build(temp: Path) -> None:
        document = BaseDocTemplate(
            str(temp),
            pagesize=A4,
            title=title,
            author=author,
            subject=subject,
            creator=f"{APP_DISPLAY_NAME} {__version__}",
            initialFontName=writer.styles.fonts.body.name,
        )
        # No frame padding: 28 characters of 3号 fill the 156 mm line exactly.
        frame = Frame(LEFT, BOTTOM, TEXT_WIDTH, TEXT_HEIGHT, 0, 0, 0, 0, id="text")
        document.addPageTemplates([PageTemplate("page", [frame], onPage=_page_number)])
        document.build(list(writer.story))
        pages.append(int(document.page))

    write_via_temp(path, build)
    return pages[0]
