"""The look shared by the one-page official forms (key-registration form, submission
receipt): A4, generous margins, black text in the embedded CJK font, the title over a thin
red rule, a ruled two-column field table, codes in a monospaced face, and signature lines.

Forms are written atomically (a half-written PDF never sits under the final name).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from gwgk_desktop import APP_DISPLAY_NAME, __version__
from gwgk_desktop.files import atomic_write
from gwgk_desktop.pdf.fonts import cjk_font

RED_RULE = colors.HexColor("#C00000")
MONO = "Courier-Bold"
MARGIN = 25 * mm
MARGIN_VERTICAL = 22 * mm
#: The frame inside the margins, less the 6 pt padding platypus keeps on each side.
CONTENT_WIDTH = A4[0] - 2 * MARGIN - 12


@dataclass(frozen=True)
class Styles:
    font: str
    title: ParagraphStyle
    subtitle: ParagraphStyle
    body: ParagraphStyle
    label: ParagraphStyle
    small: ParagraphStyle
    code: ParagraphStyle


def styles() -> Styles:
    font = cjk_font().name
    return Styles(
        font=font,
        title=ParagraphStyle("title", fontName=font, fontSize=20, leading=28, alignment=TA_CENTER),
        subtitle=ParagraphStyle(
            "subtitle", fontName=font, fontSize=10.5, leading=16, alignment=TA_CENTER
        ),
        body=ParagraphStyle("body", fontName=font, fontSize=10.5, leading=17),
        label=ParagraphStyle("label", fontName=font, fontSize=10.5, leading=15),
        small=ParagraphStyle("small", fontName=font, fontSize=8.5, leading=12),
        code=ParagraphStyle("code", fontName=MONO, fontSize=9, leading=12),
    )


def heading(s: Styles, title: str, subtitle: str) -> list[Flowable]:
    return [
        Paragraph(title, s.title),
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=0.8, color=RED_RULE, spaceBefore=0, spaceAfter=3 * mm),
        Paragraph(subtitle, s.subtitle),
        Spacer(1, 4 * mm),
    ]


def field_table(s: Styles, rows: Sequence[tuple[str, Flowable | str]]) -> Table:
    """Label | value rows, ruled in thin black lines."""
    width = CONTENT_WIDTH
    data = [
        [Paragraph(label, s.label), Paragraph(value, s.label) if isinstance(value, str) else value]
        for label, value in rows
    ]
    table = Table(data, colWidths=[32 * mm, width - 32 * mm])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def grid(s: Styles, header: Sequence[str], values: Sequence[str]) -> Table:
    """A one-row table of counts under a header row."""
    width = (CONTENT_WIDTH) / len(header)
    style = ParagraphStyle("cell", parent=s.label, fontSize=9.5, alignment=TA_CENTER)
    table = Table(
        [[Paragraph(h, style) for h in header], [Paragraph(v, style) for v in values]],
        colWidths=[width] * len(header),
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def code_block(text_lines: Sequence[str], size: float) -> Table:
    """Large monospaced lines (a fingerprint, a hash) centred in a thin box."""
    style = ParagraphStyle(
        "big", fontName=MONO, fontSize=size, leading=size * 1.5, alignment=TA_CENTER
    )
    table = Table([[Paragraph(line, style)] for line in text_lines], colWidths=[CONTENT_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def signature_lines(s: Styles, rows: Sequence[tuple[str, str]]) -> Table:
    """Pairs of (who signs, what else is filled in), each over a line to write on; an
    empty second part leaves the right half blank."""
    width = CONTENT_WIDTH
    label_width = 46 * mm
    data = [
        [
            Paragraph(f"{left}：", s.body),
            "",
            Paragraph(f"{right}：", s.body) if right else "",
            "",
        ]
        for left, right in rows
    ]
    commands: list[tuple[object, ...]] = [
        ("TOPPADDING", (0, 0), (-1, -1), 9),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), 0.5, colors.black),
    ]
    commands += [
        ("LINEBELOW", (3, row), (3, row), 0.5, colors.black)
        for row, (_, right) in enumerate(rows)
        if right
    ]
    table = Table(
        data, colWidths=[label_width, width / 2 - label_width, 16 * mm, width / 2 - 16 * mm]
    )
    table.setStyle(TableStyle(commands))
    return table


def write_form(path: Path, title: str, story: list[Flowable]) -> None:
    """Lay the story out on A4 and write it atomically to ``path``."""
    s = styles()
    printed = dt.date.today().isoformat()

    def footer(canvas: Canvas, _doc: object) -> None:
        canvas.saveState()
        canvas.setFont(s.font, 8)
        canvas.drawCentredString(
            A4[0] / 2, 14 * mm, f"{APP_DISPLAY_NAME} {__version__} · 打印日期 {printed}"
        )
        canvas.restoreState()

    with atomic_write(path) as file:
        assert file.handle is not None
        document = SimpleDocTemplate(
            file.handle,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN_VERTICAL,
            bottomMargin=MARGIN_VERTICAL,
            title=title,
            author=APP_DISPLAY_NAME,
        )
        document.build(story, onFirstPage=footer, onLaterPages=footer)
