"""The inspection notice (通报) on the stations' reporting: an official document after
GB/T 9704 (laid out by ``official_document``) with the office's red mark, a 文号 line left
for the office to fill in, the red rule, the title, the body (overall figures, who reported
late or not at all, whose catalogue is incomplete and what it lacks, what is required of
them), the signature and date, an attachment ranking every station by timeliness and
completeness, and the 版记 at the foot of the last page.

The figures come from ``bureau.notice`` as plain values; this module only sets them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph

from gwgk_desktop.pdf.fonts import FontChoice, cjk_font, role_font
from gwgk_desktop.pdf.official_document import (
    BODY_SIZE,
    LINE,
    TEXT_WIDTH,
    TITLE_SIZE,
    OfficialFonts,
    Writer,
    markup,
    official_styles,
    write_official,
)
from gwgk_desktop.pdf.styles import section_number, sub_number

RED = Color(0.85, 0.0, 0.0)
#: 4号: the 版记's size.
RECORD_SIZE = 14.0
#: The ranking's columns and their widths in points of the 156 mm line: each value fits on
#: one line of 五号 (the unit's name may wrap), the longer headings on two.
RANKING_COLUMNS = (
    ("名次", 28),
    ("单位", 166),
    ("报送情况", 48),
    ("送达日期", 62),
    ("事项数", 38),
    ("空缺\n类别", 30),
    ("未过\n检查", 30),
    ("逾期\n未更新", 40),
)


@dataclass(frozen=True)
class Problem:
    """A station named in the body, and what it lacks."""

    station: str
    details: str


@dataclass(frozen=True)
class NoticeText:
    """Everything the notice says, already in words and numbers."""

    office: str
    title: str
    number: str
    recipients: str
    date: dt.date
    opening: str
    overall: list[str]
    late: list[str]
    incomplete: list[Problem]
    continuity: list[Problem]
    requirements: list[str]
    attachment_title: str
    ranking: list[tuple[str, ...]]
    copy_to: str = ""
    notes: list[str] = field(default_factory=list)


def notice_fonts(configured: Path | None = None) -> OfficialFonts:
    """The fonts of each role (``fonts.role_font``); a role none of whose faces is
    installed, and every character a role's font lacks, takes the general font, which is
    ``configured`` when given."""
    general = cjk_font(configured)
    default = cjk_font()

    def role(name: str) -> FontChoice:
        chosen = role_font(name)
        return general if chosen == default else chosen

    return OfficialFonts(
        title=role("title"),
        heading=role("heading"),
        subheading=role("subheading"),
        body=role("body"),
        fallback=general,
    )


class DocumentHead(Flowable):
    """The 版头: the issuing office's mark in red, its top 35 mm below the text block's, as
    large as fits on one line (at most 42 pt); the 发文字号 centred two lines below it; the
    red rule 4 mm under the number, as wide as the text block."""

    def __init__(self, office: str, number: str, fonts: OfficialFonts) -> None:
        super().__init__()
        size = min(42.0, TEXT_WIDTH / max(len(office), 1) * 0.92)
        mark = ParagraphStyle(
            "mark",
            fontName=fonts.title.name,
            fontSize=size,
            leading=size * 1.15,
            alignment=TA_CENTER,
            textColor=RED,
        )
        centred = ParagraphStyle(
            "number",
            fontName=fonts.body.name,
            fontSize=BODY_SIZE,
            leading=LINE,
            alignment=TA_CENTER,
        )
        fallback = fonts.fallback.name
        self.mark = Paragraph(markup(office, fonts.title.name, fallback), mark)
        # The blanks left for the office to write in are ideographic spaces, which a
        # paragraph would collapse: each becomes as many no-break spaces as make one em.
        nbsp = pdfmetrics.stringWidth("\u00a0", fonts.body.name, BODY_SIZE) or BODY_SIZE
        number = number.replace("\u3000", "\u00a0" * max(1, round(BODY_SIZE / nbsp)))
        self.number = Paragraph(markup(number, fonts.body.name, fallback), centred)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.mark_height = self.mark.wrap(avail_width, avail_height)[1]
        self.number_height = self.number.wrap(avail_width, avail_height)[1]
        self.height = 35 * mm + self.mark_height + 2 * LINE + self.number_height + 4 * mm
        return avail_width, self.height

    def draw(self) -> None:
        top = self.height - 35 * mm
        self.mark.drawOn(self.canv, 0, top - self.mark_height)
        number_bottom = top - self.mark_height - 2 * LINE - self.number_height
        self.number.drawOn(self.canv, 0, number_bottom)
        self.canv.saveState()
        self.canv.setStrokeColor(RED)
        self.canv.setLineWidth(1.0)
        self.canv.line(0, 0, self.width, 0)
        self.canv.restoreState()


class AtPageBottom(Flowable):
    """Content pushed to the foot of the page (the 版记 on the last page): takes the free
    height of the text block and draws ``draw_block`` of ``block_height`` at its bottom."""

    def __init__(self, block_height: float, draw_block: Callable[[Canvas, float], None]):
        super().__init__()
        self.block_height = block_height
        self.draw_block = draw_block

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        if avail_height < self.block_height:
            return avail_width, self.block_height  # does not fit: the next page
        self.height = avail_height
        return avail_width, avail_height

    def draw(self) -> None:
        self.draw_block(self.canv, self.width)


def _record_block(text: NoticeText, fonts: OfficialFonts) -> AtPageBottom:
    """The 版记: between two thick rules, 抄送 (if any) over a thin rule, then the office
    that prints the document and the date, in 4号, one character in from each side."""
    body, fallback = fonts.body.name, fonts.fallback.name
    base = ParagraphStyle(
        "record",
        fontName=body,
        fontSize=RECORD_SIZE,
        leading=RECORD_SIZE * 1.2,
        leftIndent=RECORD_SIZE,
        rightIndent=RECORD_SIZE,
    )
    left = ParagraphStyle("record_left", parent=base, alignment=TA_LEFT)
    right = ParagraphStyle("record_right", parent=base, alignment=TA_RIGHT)
    rows: list[list[Paragraph]] = []
    if text.copy_to:
        rows.append([Paragraph(markup(f"抄送：{text.copy_to}。", body, fallback), left)])
    date = text.date
    printed = f"{date.year}年{date.month}月{date.day}日印发"
    rows.append(
        [
            Paragraph(markup(text.office, body, fallback), left),
            Paragraph(markup(printed, body, fallback), right),
        ]
    )
    height = len(rows) * LINE

    def draw(canvas: Canvas, width: float) -> None:
        canvas.saveState()
        canvas.setLineWidth(0.35 * mm)
        canvas.line(0, height, width, height)
        canvas.line(0, 0, width, 0)
        top = height
        for number, row in enumerate(rows):
            for part in row:
                part_height = part.wrap(width, LINE)[1]
                part.drawOn(canvas, 0, top - (LINE + part_height) / 2)
            top -= LINE
            if number < len(rows) - 1:
                canvas.setLineWidth(0.25 * mm)
                canvas.line(0, top, width, top)
        canvas.restoreState()

    return AtPageBottom(height, draw)


def write_notice(text: NoticeText, target: Path, fonts: OfficialFonts) -> int:
    """Set the notice into ``target``; returns the number of pages."""
    styles = official_styles(fonts)
    writer = Writer(styles)
    writer.flowable(DocumentHead(text.office, text.number, fonts))
    writer.blank(2)
    writer.title(text.title)
    writer.line(text.recipients)
    writer.paragraphs(text.opening)
    _section(writer, 1, "总体情况", text.overall)
    problems: list[tuple[str, list[str]]] = []
    if text.late:
        problems.append(("未按时报送的单位", text.late))
    if text.incomplete:
        problems.append(
            ("目录内容不完整的单位", [f"{p.station}：{p.details}" for p in text.incomplete])
        )
    if text.continuity:
        problems.append(
            ("报送包连续性异常的单位", [f"{p.station}：{p.details}" for p in text.continuity])
        )
    number = 2
    if problems:
        writer.heading(f"{section_number(2)}存在的问题")
        for sub, (title, lines) in enumerate(problems, start=1):
            writer.subheading(f"{sub_number(sub)}{title}")
            for line in lines:
                writer.paragraphs(line)
        number = 3
    _section(writer, number, "工作要求", text.requirements)
    writer.blank(1)
    writer.paragraphs(f"附件：{text.attachment_title}")
    writer.blank(1)
    with writer.together():
        writer.signature(text.office, text.date)
    # The attachment: its label top left in 3号黑体, its title centred, the ranking.
    writer.flowable(PageBreak())
    writer.flowable(
        writer.cell("附件", ParagraphStyle("attachment", parent=styles.heading, firstLineIndent=0))
    )
    writer.blank(1)
    writer.flowable(
        writer.cell(
            text.attachment_title,
            ParagraphStyle(
                "caption", parent=styles.title, fontSize=TITLE_SIZE * 0.8, leading=TITLE_SIZE
            ),
        )
    )
    writer.blank(1)
    widths = [TEXT_WIDTH * w / sum(w for _, w in RANKING_COLUMNS) for _, w in RANKING_COLUMNS]
    header = [writer.cell(title, styles.table_header) for title, _ in RANKING_COLUMNS]
    rows = [
        [
            writer.cell(value, styles.table if column == 1 else styles.table_centre)
            for column, value in enumerate(row)
        ]
        for row in text.ranking
    ]
    writer.table([header, *rows], widths, padding=2.0)
    writer.blank(1)
    writer.flowable(_record_block(text, fonts))
    return write_official(target, writer, title=text.title, author=text.office)


def _section(writer: Writer, number: int, title: str, paragraphs: list[str]) -> None:
    writer.heading(f"{section_number(number)}{title}")
    for paragraph in paragraphs:
        writer.paragraphs(paragraph)
