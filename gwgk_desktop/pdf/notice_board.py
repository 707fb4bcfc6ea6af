"""The notice board (政务公开栏) posted at the station: a title block with the station's
name, "政务公开栏", the publication date and the supervision/complaint phone over a thin
red rule; one section per category; licensing items as service-guide panels with their
flowcharts; fee items as a table (项目, 依据, 标准); other items (unit functions, leaders,
convenience measures, service commitments ...) as headed paragraphs; and a closing panel
with the address, hours and phones."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.domain.models import Item
from gwgk_desktop.pdf.document import (
    Layout,
    Notes,
    PageSetup,
    TitleBlock,
    TitleLine,
)
from gwgk_desktop.pdf.flowables import Column, Grid, Row, TextBlock
from gwgk_desktop.pdf.fonts import FontChoice
from gwgk_desktop.pdf.panels import chart_block, draft_notice, field_grid, guide_rows, table
from gwgk_desktop.pdf.sources import PrintSource, Section, draft_mark
from gwgk_desktop.pdf.styles import (
    BODY_SIZE,
    Styles,
    chinese_date,
    section_number,
    styles_for,
    sub_number,
)
from gwgk_desktop.pdf.text import clean
from gwgk_desktop.progress import Progress

TITLE = "政务公开栏"
WHERE = "公开栏"
PANEL_FIELDS = (
    "guide.legal_basis",
    "guide.conditions",
    "materials",
    "time_limits",
    "guide.fee_text",
    "guide.result",
    "guide.place",
    "guide.hours",
    "guide.phone",
    "guide.complaint_phone",
)


@dataclass(frozen=True)
class BoardOptions:
    paper: str = "A3"
    landscape: bool = False


def page_setup(options: BoardOptions) -> PageSetup:
    # Landscape pages are too wide to read in one column; two columns keep lines short.
    return PageSetup(
        paper=options.paper,
        landscape=options.landscape,
        columns=2 if options.landscape else 1,
        margin=(25 if options.paper == "A3" else 20) * mm,
    )


def write_notice_board(
    source: PrintSource,
    target: Path,
    font: FontChoice,
    options: BoardOptions = BoardOptions(),
    notes: Notes | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the notice board to ``target``; return the number of pages."""
    notes = notes if notes is not None else Notes()
    styles = styles_for(font.name, BODY_SIZE[options.paper])
    layout = Layout(
        page_setup(options), font, _title(source, styles, notes), f"{source.station.name}　{TITLE}"
    )
    story = _story(source, styles, layout, notes)
    return layout.build(
        target,
        story,
        title=f"{source.station.name}{TITLE}",
        author=source.station.name,
        subject=TITLE,
        progress=progress,
    )


def _title(source: PrintSource, styles: Styles, notes: Notes) -> TitleBlock:
    station = source.station
    info = [f"公开日期：{chinese_date(source.date)}"]
    phone = station.complaint_phone or ""
    if phone:
        info.append(f"监督投诉电话：{phone}")
    else:
        notes.add("单位信息中没有监督投诉电话，标题栏未印电话")
    lines = [
        TitleLine(station.name, styles.station, styles.body.size * 0.3),
        TitleLine(
            TITLE + ("（内部核对稿）" if source.drafts else ""),
            styles.title,
            styles.body.size * 0.4,
        ),
        TitleLine("　　".join(info), replace(styles.body, align="center")),
    ]
    return TitleBlock(tuple(lines), rule=1.0)


def _story(source: PrintSource, styles: Styles, layout: Layout, notes: Notes) -> list[Flowable]:
    story: list[Flowable] = []
    if source.drafts:
        notice = "本稿包含尚未审核的事项（标有【草稿】【待审核】等），仅供内部核对，请勿张贴。"
        story.append(draft_notice(notice, styles))
    number = 0
    for section in source.sections:
        if not section.items:
            notes.add(f"类别“{section.title}”没有可公开的事项，{WHERE}中未印该类别")
            continue
        number += 1
        story.append(
            TextBlock(
                f"{section_number(number)}{section.title}",
                styles.section,
                space_before=styles.body.size * (0.6 if number == 1 else 1.2),
                space_after=styles.body.size * 0.3,
                keep_with_next=True,
            )
        )
        story.extend(_section(section, source, styles, layout, notes))
    story.extend(_contacts(source, styles, layout))
    return story


def _section(
    section: Section, source: PrintSource, styles: Styles, layout: Layout, notes: Notes
) -> list[Flowable]:
    flowables: list[Flowable] = []
    plain = [i for i in section.items if i.kind is ItemKind.CATALOGUE]
    licensing = [i for i in section.items if i.kind is ItemKind.LICENSING]
    fees = [i for i in section.items if i.kind is ItemKind.FEE]
    for n, item in enumerate(plain, start=1):
        flowables.extend(_plain_item(n, item, styles, notes))
    for n, item in enumerate(licensing, start=1):
        flowables.extend(_licensing_panel(n, item, source, styles, layout, notes))
    if fees:
        flowables.append(_fee_table(fees, styles, layout))
    return flowables


def _plain_item(n: int, item: Item, styles: Styles, notes: Notes) -> list[Flowable]:
    content = item.content
    text = clean(content.content) or clean(content.summary)
    parts: list[Flowable] = [
        TextBlock(
            f"{n}．{item.name}{draft_mark(item)}",
            styles.item,
            space_before=styles.body.size * 0.5,
            keep_with_next=bool(text),
        )
    ]
    if text:
        parts.append(TextBlock(text, styles.body))
    else:
        notes.add(f"“{item.name}”没有填写公开内容，{WHERE}中只印了名称")
    if clean(content.basis):
        parts.append(
            TextBlock(
                clean(content.basis), styles.body, prefix="公开依据：", prefix_style=styles.label
            )
        )
    return parts


def _licensing_panel(
    n: int, item: Item, source: PrintSource, styles: Styles, layout: Layout, notes: Notes
) -> list[Flowable]:
    """Heading, guide fields and chart, chained by ``keepWithNext`` so they share a page
    when they fit on one (and the section heading above stays with them)."""
    parts: list[Flowable] = [
        TextBlock(
            f"{sub_number(n)}{item.name}{draft_mark(item)}",
            styles.item,
            space_before=styles.body.size * 0.8,
            space_after=styles.body.size * 0.3,
            keep_with_next=True,
        )
    ]
    if item.content.guide is None:
        notes.add(f"“{item.name}”还没有填写办事指南，{WHERE}中只印了名称和流程图")
    else:
        rows = guide_rows(item, source, PANEL_FIELDS, notes, WHERE)
        if rows:
            parts.append(field_grid(rows, styles, layout.column_width, layout.frame_height))
    chart = chart_block(item, layout, 0.6, styles, notes, WHERE)
    if chart:
        parts[-1].keepWithNext = True
        parts += chart
    return parts


def _fee_table(fees: list[Item], styles: Styles, layout: Layout) -> Grid:
    rows = [
        Row((str(n), f"{fee.name}{draft_mark(fee)}", fee.content.basis, fee.content.fee_standard))
        for n, fee in enumerate(fees, start=1)
    ]
    return table(
        [
            Column("序号", 1.0, align="center"),
            Column("项目", 3.0),
            Column("依据", 4.5),
            Column("标准", 3.0),
        ],
        rows,
        styles,
        layout.frame_height,
        space_before=styles.body.size * 0.5,
    )


def _contacts(source: PrintSource, styles: Styles, layout: Layout) -> list[Flowable]:
    station = source.station
    rows = [
        Row((label, value))
        for label, value in (
            ("办公地址", station.address),
            ("办公时间", station.office_hours),
            ("咨询电话", station.phone),
            ("监督投诉电话", station.complaint_phone),
            ("电子邮箱", station.email),
        )
        if value.strip()
    ]
    if not rows:
        return []
    heading = TextBlock(
        "监督与咨询",
        styles.section,
        space_before=styles.body.size * 1.2,
        space_after=styles.body.size * 0.3,
        keep_with_next=True,
    )
    return [heading, field_grid(rows, styles, layout.column_width, layout.frame_height)]
