"""The small Markdown the user guide (``resources/guide/*.md``) is written in, read into
blocks that both the in-app viewer (as HTML, ``gui.help``) and the printed guide (as PDF,
``pdf.user_guide``) are made from, so the two always say the same.

What is understood, one construct per line:

- ``# 标题`` (the page's title), ``## 小节``, ``### 小标题``;
- paragraphs (lines up to an empty line; lines joined without a space between Chinese
  characters);
- ``- 条目`` and ``1. 条目`` lists;
- ``> 提示`` notes;
- tables: ``| 列 | 列 |`` rows, the second line ``|---|---|``;
- ``![说明](img/文件.png)`` a picture on a line of its own;
- inside text: ``**粗体**``, `` `Ctrl+S` `` (keys, menu names, commands), and
  ``[文字](page.md)`` or ``[文字](page.md#小节)`` links to other pages.

Anything else is text as written: a guide page with a typo still shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum


class SpanKind(Enum):
    TEXT = "text"
    BOLD = "bold"
    CODE = "code"
    LINK = "link"


@dataclass(frozen=True)
class Span:
    """A run of text in a paragraph, a list item, a note or a table cell."""

    kind: SpanKind
    text: str
    target: str = ""  # a link's page (``flowchart.md``, ``flowchart.md#快速录入``)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str

    @property
    def anchor(self) -> str:
        """The name a link's ``#…`` uses for this heading: its text."""
        return self.text


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Note:
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class ListBlock:
    ordered: bool
    items: tuple[tuple[Span, ...], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[tuple[Span, ...], ...]
    rows: tuple[tuple[tuple[Span, ...], ...], ...]


@dataclass(frozen=True)
class Image:
    path: str  # relative to the page's folder
    alt: str


Block = Heading | Paragraph | Note | ListBlock | Table | Image


@dataclass
class Page:
    """One page of the guide: its file name (``flowchart.md``), title and blocks."""

    name: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        return next((b.text for b in self.blocks if isinstance(b, Heading)), self.name)


_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\d+[.)．]\s*(.*)$")
_IMAGE = re.compile(r"^!\[([^\]]*)\]\(([^)\s]+)\)\s*$")
_RULE_ROW = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_INLINE = re.compile(r"\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)")
_CJK = re.compile(r"[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]")


def spans(text: str) -> tuple[Span, ...]:
    """The inline parts of ``text``: plain, bold, code and links."""
    found: list[Span] = []
    last = 0
    for match in _INLINE.finditer(text):
        if match.start() > last:
            found.append(Span(SpanKind.TEXT, text[last : match.start()]))
        bold, code, label, target = match.groups()
        if bold is not None:
            found.append(Span(SpanKind.BOLD, bold))
        elif code is not None:
            found.append(Span(SpanKind.CODE, code))
        else:
            found.append(Span(SpanKind.LINK, label, target))
        last = match.end()
    if last < len(text):
        found.append(Span(SpanKind.TEXT, text[last:]))
    return tuple(found)


def plain(parts: tuple[Span, ...]) -> str:
    """The text of ``parts`` without any marking."""
    return "".join(p.text for p in parts)


def _join(lines: list[str]) -> str:
    """Source lines of one paragraph as one line: Chinese needs no space between them."""
    text = ""
    for line in lines:
        if text and not (_CJK.match(text[-1]) or _CJK.match(line[0])):
            text += " "
        text += line
    return text


def _cells(line: str) -> tuple[tuple[Span, ...], ...]:
    inner = line.strip().strip("|")
    return tuple(spans(cell.strip()) for cell in inner.split("|"))


def parse(name: str, source: str) -> Page:
    """The page ``name`` from its Markdown ``source``."""
    page = Page(name)
    lines = source.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        if heading := _HEADING.match(line):
            page.blocks.append(Heading(len(heading.group(1)), heading.group(2).strip()))
            i += 1
        elif image := _IMAGE.match(line):
            page.blocks.append(Image(image.group(2), image.group(1)))
            i += 1
        elif line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                if not _RULE_ROW.match(lines[i].strip()):
                    rows.append(_cells(lines[i]))
                i += 1
            page.blocks.append(Table(rows[0], tuple(rows[1:])) if rows else Paragraph(()))
        elif line.startswith(">"):
            quoted = []
            while i < len(lines) and lines[i].strip().startswith(">"):
                quoted.append(lines[i].strip()[1:].strip())
                i += 1
            page.blocks.append(Note(spans(_join([q for q in quoted if q]))))
        elif _BULLET.match(line) or _NUMBERED.match(line):
            ordered = _BULLET.match(line) is None
            pattern = _NUMBERED if ordered else _BULLET
            items: list[list[str]] = []
            while i < len(lines) and lines[i].strip():
                current = lines[i].strip()
                item = pattern.match(current)
                if item is not None:
                    items.append([item.group(1)])
                elif items and lines[i].startswith((" ", "\t")):
                    items[-1].append(current)  # an item continued on the next line
                else:
                    break
                i += 1
            page.blocks.append(ListBlock(ordered, tuple(spans(_join(it)) for it in items)))
        else:
            paragraph = []
            while i < len(lines) and lines[i].strip() and not _starts_block(lines[i].strip()):
                paragraph.append(lines[i].strip())
                i += 1
            page.blocks.append(Paragraph(spans(_join(paragraph))))
    return page


def _starts_block(line: str) -> bool:
    return bool(
        _HEADING.match(line)
        or _IMAGE.match(line)
        or line.startswith(("|", ">"))
        or _BULLET.match(line)
        or _NUMBERED.match(line)
    )


def links(page: Page) -> list[str]:
    """Every link target on ``page``, in order (the contents page's are the guide's pages)."""
    found: list[str] = []

    def collect(parts: tuple[Span, ...]) -> None:
        found.extend(p.target for p in parts if p.kind is SpanKind.LINK)

    for block in page.blocks:
        if isinstance(block, Paragraph | Note):
            collect(block.spans)
        elif isinstance(block, ListBlock):
            for item in block.items:
                collect(item)
        elif isinstance(block, Table):
            for row in (block.header, *block.rows):
                for cell in row:
                    collect(cell)
    return found
