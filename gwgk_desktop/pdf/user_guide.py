"""The user guide (使用手册) as a printable A4 PDF, made from the same pages the in-app viewer
shows (``resources/guide/*.md``, read by ``pdf.markdown``): each page a numbered chapter
starting on a new sheet, its pictures scaled to the column, tables ruled, keys and menu
names as written."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer
from reportlab.platypus import Image as PdfImage

from gwgk_desktop import APP_DISPLAY_NAME, __version__
from gwgk_desktop.pdf.document import Layout, PageSetup, TitleBlock, TitleLine
from gwgk_desktop.pdf.flowables import Column, Row, TextBlock
from gwgk_desktop.pdf.fonts import FontChoice
from gwgk_desktop.pdf.markdown import (
    Block,
    Heading,
    Image,
    ListBlock,
    Note,
    Page,
    Paragraph,
    Span,
    SpanKind,
    Table,
    plain,
)
from gwgk_desktop.pdf.panels import table
from gwgk_desktop.pdf.styles import Styles, section_number, styles_for
from gwgk_desktop.progress import Progress

TITLE = "使用手册"
BODY_SIZE = 10.5  # 五号
#: The tallest a picture may be, as a share of the page's text height.
PICTURE_SHARE = 0.55


def write_user_guide(
    pages: list[Page],
    folder: Path,
    target: Path,
    font: FontChoice,
    progress: Progress | None = None,
) -> int:
    """Write ``pages`` (the first is the contents page) to ``target``; pictures are found
    relative to ``folder``. Returns the number of sheets."""
    styles = styles_for(font.name, BODY_SIZE)
    title = TitleBlock(
        (
            TitleLine(APP_DISPLAY_NAME, styles.station, BODY_SIZE * 0.4),
            TitleLine(TITLE, styles.title, BODY_SIZE * 0.5),
            TitleLine(f"适用于 {__version__} 版", replace(styles.small, align="center")),
        )
    )
    layout = Layout(PageSetup(paper="A4"), font, title, f"{APP_DISPLAY_NAME}　{TITLE}")
    chapters = {page.name: number for number, page in enumerate(pages) if number}
    story: list[Flowable] = []
    for number, page in enumerate(pages):
        if number:
            story.append(PageBreak())
        story += _page(page, number, chapters, folder, styles, layout)
    return layout.build(
        target,
        story,
        title=f"{APP_DISPLAY_NAME}{TITLE}",
        author=APP_DISPLAY_NAME,
        subject=TITLE,
        progress=progress,
    )


def _page(
    page: Page,
    number: int,
    chapters: dict[str, int],
    folder: Path,
    styles: Styles,
    layout: Layout,
) -> list[Flowable]:
    flowables: list[Flowable] = []
    for block in page.blocks:
        if number == 0 and isinstance(block, Heading) and block.level == 1:
            continue  # the contents page's title is the cover's
        if number == 0 and isinstance(block, ListBlock) and _is_contents(block):
            flowables += _contents(block, chapters, styles)
            continue
        flowables += _block(block, number, folder, styles, layout)
    return flowables


def _is_contents(block: ListBlock) -> bool:
    """A list whose every entry starts with a link to a page: the contents."""
    return all(item and item[0].kind is SpanKind.LINK for item in block.items)


def _contents(block: ListBlock, chapters: dict[str, int], styles: Styles) -> list[Flowable]:
    """The contents list with each entry's chapter number (一、二、…)."""
    entries = []
    for item in block.items:
        target = next((s.target for s in item if s.kind is SpanKind.LINK), "")
        chapter = chapters.get(target.partition("#")[0])
        prefix = section_number(chapter) if chapter is not None else "•　"
        entries.append(TextBlock(_text(item), styles.body, prefix=prefix, indent=styles.body.size))
    return entries


_CJK = re.compile(r"[\u4e00-\u9fff]")


def _text(parts: tuple[Span, ...]) -> str:
    """Marked text as printed: menu names and other Chinese in `…` get quotation marks,
    keys and commands stay as written."""
    return "".join(
        f"“{p.text}”" if p.kind is SpanKind.CODE and _CJK.search(p.text) else p.text for p in parts
    )


def _block(
    block: Block, number: int, folder: Path, styles: Styles, layout: Layout
) -> list[Flowable]:
    body = styles.body
    if isinstance(block, Heading):
        if block.level == 1:
            text = f"{section_number(number)}{block.text}"
            return [TextBlock(text, styles.section, space_after=body.size, keep_with_next=True)]
        style = styles.item if block.level == 2 else styles.label
        return [
            TextBlock(
                block.text,
                style,
                space_before=body.size * (1.0 if block.level == 2 else 0.6),
                space_after=body.size * 0.3,
                keep_with_next=True,
            )
        ]
    if isinstance(block, Paragraph):
        return [TextBlock(_text(block.spans), body, space_after=body.size * 0.5)]
    if isinstance(block, Note):
        return [
            TextBlock(
                _text(block.spans),
                body,
                indent=body.size,
                space_before=body.size * 0.2,
                space_after=body.size * 0.6,
            )
        ]
    if isinstance(block, ListBlock):
        items = []
        for n, item in enumerate(block.items, start=1):
            items.append(
                TextBlock(
                    _text(item),
                    body,
                    prefix=f"{n}．" if block.ordered else "•　",
                    indent=body.size,
                    space_after=body.size * 0.25,
                )
            )
        if items:
            items[-1].spaceAfter = body.size * 0.6
        return items
    if isinstance(block, Table):
        widths = [
            max(
                [len(plain(block.header[c]))] + [len(plain(r[c])) for r in block.rows if c < len(r)]
            )
            for c in range(len(block.header))
        ]
        columns = [
            Column(plain(cell), min(max(w, 3), 30))
            for cell, w in zip(block.header, widths, strict=True)
        ]
        rows = [Row(tuple(_text(cell) for cell in row)) for row in block.rows]
        return [
            table(columns, rows, styles, layout.frame_height, space_before=body.size * 0.3),
            Spacer(1, body.size * 0.6),
        ]
    return _picture(block, folder, styles, layout)


def _picture(block: Image, folder: Path, styles: Styles, layout: Layout) -> list[Flowable]:
    path = folder / block.path
    if not path.is_file():
        return [TextBlock(f"（图：{block.alt}）", styles.small)]
    picture = PdfImage(str(path))
    width, height = picture.imageWidth, picture.imageHeight
    scale = min(layout.column_width / width, layout.frame_height * PICTURE_SHARE / height)
    picture.drawWidth, picture.drawHeight = width * scale, height * scale
    picture.hAlign = "CENTER"
    caption = TextBlock(block.alt, styles.caption, space_after=styles.body.size * 0.6)
    return [Spacer(1, 2 * mm), picture, Spacer(1, 1 * mm), caption]
