"""The catalogue list (政务公开事项目录) in the layout of the national 基层政务公开标准目录:
a landscape table with 序号, 公开事项 (一级事项 / 二级事项), 公开内容, 公开依据, 公开时限,
公开主体, 公开渠道和载体, 公开对象, 公开方式 and 公开层级, ticks (√) for the choices,
grouped by category with the header repeated on every page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.platypus import Flowable

from gwgk_desktop.domain.enums import Audience, DisclosureMode, Level
from gwgk_desktop.domain.models import Item
from gwgk_desktop.pdf.document import Layout, Notes, PageSetup, TitleBlock, TitleLine
from gwgk_desktop.pdf.flowables import Column, Row
from gwgk_desktop.pdf.fonts import FontChoice
from gwgk_desktop.pdf.panels import draft_notice, table
from gwgk_desktop.pdf.sources import PrintSource, draft_mark
from gwgk_desktop.pdf.styles import chinese_date, section_number, styles_for
from gwgk_desktop.progress import Progress

TITLE = "政务公开事项目录"
TICK = "√"
#: Table text by paper (landscape): small on A4, as the standard list is; larger on A3.
TABLE_SIZE = {"A4": 8.0, "A3": 10.5}

#: Widths are in points of an A4 landscape page (scaled for A3): the tick columns just
#: hold their three-character headings, 序号 a four-digit number.
COLUMNS = [
    Column("序号", 28, align="center"),
    Column("一级事项", 48, group="公开事项"),
    Column("二级事项", 68, group="公开事项"),
    Column("公开内容（要素）", 104),
    Column("公开依据", 100),
    Column("公开时限", 60),
    Column("公开主体", 60),
    Column("公开渠道和载体", 95),
    Column(Audience.PUBLIC.label, 30, group="公开对象", align="center"),
    Column(Audience.SPECIFIC.label, 30, group="公开对象", align="center"),
    Column("主动", 22, group="公开方式", align="center"),
    Column("依申请", 30, group="公开方式", align="center"),
    *[
        Column(level.label, 22 if len(level.label) == 2 else 30, group="公开层级", align="center")
        for level in Level
    ],
]


def write_catalogue_list(
    source: PrintSource,
    target: Path,
    font: FontChoice,
    paper: str = "A4",
    notes: Notes | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the catalogue list of ``source``; return the number of pages."""
    notes = notes if notes is not None else Notes()
    styles = styles_for(font.name, TABLE_SIZE[paper] * 1.3, TABLE_SIZE[paper])
    station = source.station
    info = (
        f"编制单位：{station.name}　　编制日期：{chinese_date(source.date)}"
        f"　　共 {source.item_count} 项"
    )
    title = TitleBlock(
        (
            TitleLine(station.name, styles.station, styles.body.size * 0.2),
            TitleLine(
                TITLE + ("（内部核对稿）" if source.drafts else ""),
                replace(
                    styles.title, size=styles.title.size * 0.75, leading=styles.title.leading * 0.75
                ),
                styles.body.size * 0.3,
            ),
            TitleLine(info, replace(styles.small, align="center")),
        )
    )
    layout = Layout(
        PageSetup(paper=paper, landscape=True, margin=15 * 72 / 25.4),
        font,
        title,
        f"{station.name}　{TITLE}",
    )
    story: list[Flowable] = []
    if source.drafts:
        story.append(
            draft_notice(
                "本目录包含尚未审核的事项（标有【草稿】【待审核】等），仅供内部核对。", styles
            )
        )
    rows: list[Row] = []
    number = 0
    group = 0
    for section in source.sections:
        if not section.items:
            continue
        group += 1
        rows.append(
            Row((f"{section_number(group)}{section.title}（{len(section.items)}项）",), group=True)
        )
        for item in section.items:
            number += 1
            rows.append(_row(number, item, source.channels))
    if not rows:
        notes.add("没有可列入目录的事项，目录只有表头")
    story.append(table(COLUMNS, rows, styles, layout.frame_height, padding=2.5))
    return layout.build(
        target,
        story,
        title=f"{station.name}{TITLE}",
        author=station.name,
        subject=TITLE,
        progress=progress,
    )


def _row(number: int, item: Item, channels: dict[str, str]) -> Row:
    content = item.content
    ticks = "　".join(TICK + channels.get(code, code) for code in content.channels)
    return Row(
        (
            str(number),
            content.level1,
            f"{item.name}{draft_mark(item)}",
            content.content,
            content.basis,
            content.time_limit,
            content.subject,
            ticks,
            TICK if content.audience is Audience.PUBLIC else "",
            TICK if content.audience is Audience.SPECIFIC else "",
            TICK if content.mode is DisclosureMode.ACTIVE else "",
            TICK if content.mode is DisclosureMode.ON_REQUEST else "",
            *[TICK if content.level is level else "" for level in Level],
        )
    )
