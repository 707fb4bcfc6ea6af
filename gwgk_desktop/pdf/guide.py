"""The service guide (办事指南) of one licensing item: every guide field (Licensing Law
art. 30), the materials list with which sample forms (申请书示范文本) are attached, the
approval flowchart and the frequently asked questions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reportlab.platypus import Flowable

from gwgk_desktop.domain.models import Item
from gwgk_desktop.errors import UserError
from gwgk_desktop.pdf.document import Layout, Notes, PageSetup, TitleBlock, TitleLine
from gwgk_desktop.pdf.flowables import Column, Grid, Row, TextBlock
from gwgk_desktop.pdf.fonts import FontChoice
from gwgk_desktop.pdf.panels import chart_block, draft_notice, field_grid, guide_rows, table
from gwgk_desktop.pdf.sources import PrintSource, draft_mark
from gwgk_desktop.pdf.styles import BODY_SIZE, Styles, chinese_date, section_number, styles_for
from gwgk_desktop.pdf.text import clean
from gwgk_desktop.progress import Progress

TITLE = "办事指南"
WHERE = "办事指南"
GUIDE_FIELDS = (
    "name",
    "guide.item_code",
    "guide.department",
    "guide.legal_basis",
    "guide.conditions",
    "guide.procedure",
    "guide.legal_limit_days",
    "guide.promised_limit_days",
    "guide.fee_text",
    "fee_basis",
    "guide.result",
    "guide.place",
    "guide.hours",
    "guide.phone",
    "guide.complaint_phone",
)


def write_guide(
    source: PrintSource,
    target: Path,
    font: FontChoice,
    paper: str = "A4",
    notes: Notes | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the guide of the one item in ``source``; return the number of pages."""
    items = [i for s in source.sections for i in s.items]
    if len(items) != 1:
        raise UserError("办事指南一次只能打印一个事项", "a guide prints exactly one item")
    item = items[0]
    notes = notes if notes is not None else Notes()
    styles = styles_for(font.name, BODY_SIZE[paper])
    station = source.station
    title = TitleBlock(
        (
            TitleLine(
                f"{item.name}{draft_mark(item)}",
                replace(
                    styles.title, size=styles.title.size * 0.7, leading=styles.title.leading * 0.7
                ),
                styles.body.size * 0.2,
            ),
            TitleLine(TITLE, styles.station, styles.body.size * 0.3),
            TitleLine(
                f"{station.name}　　印制日期：{chinese_date(source.date)}",
                replace(styles.small, align="center"),
            ),
        )
    )
    layout = Layout(PageSetup(paper=paper), font, title, f"{station.name}　{item.name}{TITLE}")
    story = _story(item, source, styles, layout, notes)
    return layout.build(
        target,
        story,
        title=f"{item.name}{TITLE}",
        author=station.name,
        subject=TITLE,
        progress=progress,
    )


def _heading(number: int, text: str, styles: Styles) -> TextBlock:
    return TextBlock(
        f"{section_number(number)}{text}",
        styles.section,
        space_before=styles.body.size * 1.0,
        space_after=styles.body.size * 0.4,
        keep_with_next=True,
    )


def _story(
    item: Item, source: PrintSource, styles: Styles, layout: Layout, notes: Notes
) -> list[Flowable]:
    story: list[Flowable] = []
    if item.content.guide is None:
        notes.add(f"“{item.name}”还没有填写办事指南，只印了名称、材料和流程图")
    if source.drafts and draft_mark(item):
        story.append(
            draft_notice("本指南依据尚未审核的版本印制，仅供内部核对，请勿对外发放。", styles)
        )
    sections = 0
    rows = guide_rows(item, source, GUIDE_FIELDS, notes, WHERE)
    sections += 1
    story += [
        _heading(sections, "基本信息", styles),
        field_grid(rows, styles, layout.column_width, layout.frame_height),
    ]
    materials = [m for m in item.content.materials if m.name.strip()]
    sections += 1
    story.append(_heading(sections, "申请材料", styles))
    if materials:
        story.append(_materials(item, styles, layout))
    else:
        story.append(TextBlock("无需提交申请材料。", styles.body))
        notes.add(f"“{item.name}”没有填写申请材料，指南中写明“无需提交申请材料”")
    chart = chart_block(item, layout, 0.8, styles, notes, WHERE)
    if chart:
        sections += 1
        story += [_heading(sections, "办理流程图", styles), *chart]
    guide = item.content.guide
    if guide is not None and clean(guide.faq):
        sections += 1
        story += [_heading(sections, "常见问题", styles), TextBlock(clean(guide.faq), styles.body)]
    return story


def _materials(item: Item, styles: Styles, layout: Layout) -> Grid:
    rows = []
    for n, material in enumerate((m for m in item.content.materials if m.name.strip()), 1):
        sample = (
            f"已附：{material.sample_filename or '示范文本'}" if material.sample_sha256 else "无"
        )
        rows.append(
            Row(
                (
                    str(n),
                    material.name,
                    str(material.copies),
                    material.form.label,
                    "必需" if material.required else "非必需",
                    sample,
                    material.note,
                )
            )
        )
    return table(
        [
            Column("序号", 1.0, align="center"),
            Column("材料名称", 5.0),
            Column("份数", 1.5, align="center"),
            Column("原件/复印件", 2.8, align="center"),
            Column("是否必需", 2.1, align="center"),
            Column("示范文本", 2.8),
            Column("备注", 2.8),
        ],
        rows,
        styles,
        layout.frame_height,
    )
