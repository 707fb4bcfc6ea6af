"""Flowchart use cases shared by the editor and the ``gwgk flowchart`` command: the chart
templates a clerk starts from, turning quick-entry text into a laid-out chart, and reading
or replacing a licensing item's chart through the catalogue (so it is validated, revised
and audited like any other edit)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.domain.flowchart_layout import auto_layout
from gwgk_desktop.domain.flowchart_quick import QuickEntryError, parse_quick_entry
from gwgk_desktop.domain.models import Actor, Flowchart, Item
from gwgk_desktop.errors import UserError
from gwgk_desktop.services import template
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import Database


@dataclass(frozen=True)
class ChartTemplate:
    """A procedure to start a chart from. ``text`` is quick-entry text; the standard
    procedure has none because it comes from the reference template (which the city
    bureau may replace)."""

    key: str
    name: str
    description: str
    text: str | None = None


TEMPLATES: tuple[ChartTemplate, ...] = (
    ChartTemplate(
        "standard",
        "行政许可标准程序",
        "申请 → 受理（材料不全一次性告知补正；不符合条件不予受理）→ 审查 → 决定"
        "（准予 / 不予许可）→ 送达",
    ),
    ChartTemplate(
        "on_the_spot",
        "当场办结（即办件）",
        "材料齐全、符合条件的当场办理，否则一次性告知或不予受理",
        """标题：当场办结事项办理流程图
1. 申请人提交申请材料
2. 窗口受理审查？（受理民警）
   - 材料不全 → 一次性告知需补正的全部材料（受理民警） → 2
   - 不符合条件 → [文书]出具不予受理凭证并说明理由（受理民警） → 结束
   - 符合条件 → 3
3. 当场办理并发放结果（受理民警）
4. 办结
""",
    ),
    ChartTemplate(
        "site_check",
        "需现场核查的许可",
        "受理后经现场核查、审核、审批再作决定",
        """标题：行政许可（现场核查）审批程序流程图
1. 申请人提出申请
2. 受理审查？（受理民警，1个工作日）
   - 材料不全 → 一次性告知需补正的全部材料（受理民警） → 2
   - 不符合条件 → [文书]出具不予受理凭证并说明理由（受理民警） → 结束
   - 予以受理 → 3
3. 现场核查（核查民警，5个工作日）
4. 审核（审核民警，3个工作日）
5. 审批决定？（审批领导，2个工作日）
   - 准予许可 → 6
   - 不予许可 → [文书]出具不予许可决定书，告知复议、诉讼权利（审批领导） → 结束
6. 制发许可证件、送达决定（受理民警，2个工作日）
7. 办结
""",
    ),
    ChartTemplate(
        "registration",
        "户籍登记类",
        "申请 → 审核（不符合条件的告知理由）→ 办理登记、签发证件",
        """标题：户籍登记办理流程图
1. 申请人到户籍窗口申请
2. 审核材料？（户籍民警，1个工作日）
   - 材料不全 → 一次性告知需补正的全部材料（户籍民警） → 2
   - 不符合条件 → [文书]告知不予登记及理由（户籍民警） → 结束
   - 符合条件 → 3
3. 办理登记、签发证件（户籍民警）
4. 办结
""",
    ),
)


def template_by_key(key: str) -> ChartTemplate:
    for item in TEMPLATES:
        if item.key == key:
            return item
    names = "、".join(t.key for t in TEMPLATES)
    raise UserError(f"没有名为“{key}”的流程图模板（可用：{names}）", f"no template {key!r}")


def reference_payload(db: Database | None) -> dict[str, Any] | None:
    """The active reference template's content, if a station database has one."""
    if db is None:
        return None
    with db.read() as session:
        active = template.active_template(session)
        if active is None or "procedures" not in (active.payload or {}):
            return None
        payload: dict[str, Any] = active.payload
        return payload


def template_chart(key: str, db: Database | None = None) -> Flowchart:
    """A laid-out chart of template ``key`` (the standard one from the station's active
    reference template when ``db`` is given, else the one shipped with the program)."""
    chosen = template_by_key(key)
    if chosen.text is None:
        chart = template.standard_procedure(reference_payload(db))
    else:
        chart = parse_quick_entry(chosen.text)
    return auto_layout(chart)


def chart_from_text(text: str, layout: bool = True) -> Flowchart:
    """Quick-entry text as a chart, laid out; a UserError listing every problem."""
    try:
        chart = parse_quick_entry(text)
    except QuickEntryError as error:
        raise UserError(
            "快速录入的内容有误：" + "；".join(str(p) for p in error.problems),
            "quick entry text has errors",
        ) from error
    return auto_layout(chart) if layout else chart


def item_chart(catalogue: Catalogue, item_id: int) -> tuple[Item, Flowchart | None]:
    item = catalogue.items.get(item_id)
    return item, item.content.flowchart


def set_item_chart(
    catalogue: Catalogue, actor: Actor, item_id: int, chart: Flowchart | None
) -> Item:
    """Replace a licensing item's chart (a new draft revision if the item is approved)."""
    item = catalogue.items.get(item_id)
    if item.kind is not ItemKind.LICENSING:
        raise UserError(
            f"“{item.name}”是{item.kind.label}，只有许可审批事项有审批程序流程图",
            "only licensing items have a flowchart",
        )
    content = replace(item.content, flowchart=chart)
    return catalogue.changes.update(actor, item_id, content, base_revision=item.revision)
