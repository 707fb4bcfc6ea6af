"""The type scale of the printed documents and the small conventions of Chinese official
print: section numbers 一、二、…, sub-numbers （一）（二）…, dates as 2026年9月20日.

Sizes derive from one body size so a document keeps its proportions on A4 and A3; the
notice board's body on A3 is 13 pt (readable from a step or two away on the wall).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gwgk_desktop.pdf.text import TextStyle

_DIGITS = "零一二三四五六七八九"

#: Body text size by paper: 五号 (10.5 pt) on A4; 13 pt on A3, which is read on the wall
#: from a step or two away.
BODY_SIZE = {"A4": 10.5, "A3": 13.0}


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1…99; larger as digits)."""
    if n < 1 or n > 99:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ("" if tens == 1 else _DIGITS[tens]) + "十" if tens else ""
    return text + (_DIGITS[ones] if ones else "")


def section_number(n: int) -> str:
    return f"{chinese_number(n)}、"


def sub_number(n: int) -> str:
    return f"（{chinese_number(n)}）"


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Styles:
    """Every text style of one document."""

    body: TextStyle
    label: TextStyle
    small: TextStyle
    section: TextStyle
    item: TextStyle
    caption: TextStyle
    station: TextStyle
    title: TextStyle
    table: TextStyle
    table_header: TextStyle


def styles_for(font: str, body: float, table: float | None = None) -> Styles:
    """The styles of a document whose body text is ``body`` points (tables ``table``)."""
    table = table or body
    return Styles(
        body=TextStyle(font, body, body * 1.55),
        label=TextStyle(font, body, body * 1.55, bold=True),
        small=TextStyle(font, body * 0.85, body * 1.3),
        section=TextStyle(font, body * 1.4, body * 2.0, bold=True),
        item=TextStyle(font, body * 1.1, body * 1.6, bold=True),
        caption=TextStyle(font, body, body * 1.6, bold=True, align="center"),
        station=TextStyle(font, body * 1.5, body * 2.1, align="center"),
        title=TextStyle(font, body * 3.0, body * 3.6, bold=True, align="center"),
        table=TextStyle(font, table, table * 1.35),
        table_header=TextStyle(font, table, table * 1.35, bold=True, align="center"),
    )
