"""Pieces shared by the notice board and the service guide: a licensing item's guide
fields as label/value rows, its materials, its time limits and fees, and its flowchart
drawn as vectors under a caption. Empty fields are left out and reported in ``Notes``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable

from gwgk_desktop.domain.flowchart_geometry import SMALL_FONT_SIZE
from gwgk_desktop.domain.models import Item, Material, ServiceGuide
from gwgk_desktop.domain.validation import label
from gwgk_desktop.pdf.document import Layout, Notes
from gwgk_desktop.pdf.flowables import Column, Grid, Row, TextBlock
from gwgk_desktop.pdf.flowchart import scaled_chart
from gwgk_desktop.pdf.sources import PrintSource
from gwgk_desktop.pdf.styles import Styles

#: The smallest text of a printed chart (post, time limit, a connection's condition) in
#: points; main text is larger in proportion (``FONT_SIZE``/``SMALL_FONT_SIZE``).
MIN_CHART_TEXT_PT = 7.0
#: Below this scale a chart's smallest text is under ``MIN_CHART_TEXT_PT``.
SMALL_CHART_SCALE = MIN_CHART_TEXT_PT / SMALL_FONT_SIZE


def material_line(n: int, material: Material) -> str:
    details = [material.form.label, f"{material.copies}份"]
    if not material.required:
        details.append("非必需")
    text = f"{n}．{material.name}（{'，'.join(details)}）"
    return text + (f"：{material.note}" if material.note else "")


def fee_basis(item: Item, source: PrintSource) -> str:
    """The linked fee items with their basis and standard, one per line."""
    lines = []
    for uuid in item.content.fee_links:
        fee = source.fees.get(uuid)
        if fee is not None:
            standard = f"（{fee.content.fee_standard}）" if fee.content.fee_standard else ""
            lines.append(f"{fee.name}{standard}：{fee.content.basis}".rstrip("："))
    return "\n".join(lines)


def _getters(item: Item, source: PrintSource) -> dict[str, Callable[[], str]]:
    guide = item.content.guide or ServiceGuide(fee_text="")
    content = item.content
    return {
        "name": lambda: content.name,
        "guide.item_code": lambda: guide.item_code,
        "guide.department": lambda: guide.department,
        "guide.legal_basis": lambda: guide.legal_basis or content.basis,
        "guide.conditions": lambda: guide.conditions,
        "guide.procedure": lambda: guide.procedure,
        "guide.legal_limit_days": guide.legal_limit,
        "guide.promised_limit_days": guide.promised_limit,
        "time_limits": guide.limits,
        "guide.fee_text": lambda: guide.fee_text,
        "fee_basis": lambda: fee_basis(item, source),
        "guide.result": lambda: guide.result,
        "guide.place": lambda: guide.place,
        "guide.hours": lambda: guide.hours,
        "guide.phone": lambda: guide.phone,
        "guide.complaint_phone": lambda: guide.complaint_phone,
        "guide.faq": lambda: guide.faq,
        "materials": lambda: "\n".join(
            material_line(n, m) for n, m in enumerate(content.materials, start=1) if m.name
        ),
    }


#: Labels of the fields that are not plain item fields.
_EXTRA_LABELS = {
    "name": "事项名称",
    "time_limits": "办理时限",
    "fee_basis": "收费依据",
    "guide.fee_text": "收费标准",
}
#: Fields whose absence is normal and not worth a note.
_QUIET = frozenset({"fee_basis"})


def field_label(key: str) -> str:
    return _EXTRA_LABELS.get(key) or label(key)


def guide_rows(
    item: Item, source: PrintSource, keys: Sequence[str], notes: Notes, where: str
) -> list[Row]:
    """Label/value rows for the fields ``keys`` that are filled in; the empty ones are
    reported as left out of ``where`` (the document's name)."""
    getters = _getters(item, source)
    rows: list[Row] = []
    missing: list[str] = []
    for key in keys:
        value = getters[key]().strip()
        if value:
            rows.append(Row((field_label(key), value)))
        elif key not in _QUIET:
            missing.append(field_label(key))
    if missing:
        notes.add(f"“{item.name}”未填写{('、'.join(missing))}，{where}中略去这些栏目")
    return rows


def table(
    columns: list[Column],
    rows: list[Row],
    styles: Styles,
    max_height: float,
    *,
    padding: float | None = None,
    space_before: float = 0.0,
) -> Grid:
    """A ruled table in the document's table styles, its header repeated on every page."""
    return Grid(
        columns,
        rows,
        styles.table,
        header=styles.table_header,
        max_height=max_height,
        padding=styles.table.size * 0.4 if padding is None else padding,
        space_before=space_before,
    )


def draft_notice(text: str, styles: Styles) -> TextBlock:
    """The line that marks a print-out holding unapproved revisions as internal."""
    return TextBlock(text, styles.label, space_after=styles.body.size * 0.5)


def field_grid(
    rows: list[Row], styles: Styles, width: float, max_height: float, label_chars: int = 6
) -> Grid:
    """A two-column label/value grid ``width`` points wide (labels shaded and bold, in a
    column ``label_chars`` characters wide)."""
    label_width = styles.table.size * (label_chars + 1)
    return Grid(
        [Column("项目", label_width), Column("内容", max(width - label_width, label_width))],
        rows,
        styles.table,
        max_height=max_height,
        label_column=True,
        padding=styles.table.size * 0.4,
    )


def chart_title(item: Item) -> str:
    """The title the clerk gave the chart, else the item's name with "办理流程图"."""
    title = item.content.flowchart.title.strip() if item.content.flowchart else ""
    if title:
        return title
    return f"{item.name}{'' if item.name.endswith('流程图') else '办理流程图'}"


def chart_block(
    item: Item, layout: Layout, share: float, styles: Styles, notes: Notes, where: str
) -> list[Flowable]:
    """The caption and vector drawing of the item's flowchart, a column wide and at most
    ``share`` of a page high, up to a whole page when that keeps its text readable. The
    caption keeps with the drawing, so the two stay on one page (platypus groups flowables
    chained by ``keepWithNext``; an explicit ``KeepTogether`` would break such a chain)."""
    chart = item.content.flowchart
    if chart is None or not chart.nodes:
        notes.add(f"“{item.name}”没有审批程序流程图，{where}中略去")
        return []
    caption = TextBlock(
        chart_title(item),
        styles.caption,
        space_before=styles.body.size * 0.5,
        space_after=styles.body.size * 0.3,
        keep_with_next=True,
    )
    room = layout.frame_height - styles.caption.leading - styles.body.size
    width, font = layout.column_width, styles.body.font
    drawing, scale = scaled_chart(chart, width, room * share, font)
    if scale < SMALL_CHART_SCALE and share < 1:
        # Rather a page of its own than text too small to read on the wall.
        drawing, scale = scaled_chart(chart, width, room, font)
    drawing.hAlign = "CENTER"
    if scale < SMALL_CHART_SCALE - 1e-9:
        setup = layout.setup
        better = "纵向" if setup.columns > 1 else ("A3纸" if setup.paper == "A4" else "")
        notes.add(
            f"“{item.name}”的流程图有{len(chart.nodes)}个环节，为放入一页已缩小到"
            f"{scale:.0%}，文字较小" + (f"；改用{better}打印更清楚" if better else "")
        )
    return [caption, drawing]
