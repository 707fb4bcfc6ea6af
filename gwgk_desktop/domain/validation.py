"""Validation of an item's content: every problem at once, each tied to its field.

Two strictnesses: saving a draft only refuses what is malformed (a clerk may save a
half-filled form and come back), while submitting for review, approving and exporting
require every mandatory field. Missing mandatory fields are therefore warnings when saving
and errors when submitting.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from gwgk_desktop.domain.enums import ItemKind, Severity
from gwgk_desktop.domain.flowchart import (
    MAX_EDGES,
    MAX_LABEL,
    MAX_NODE_TEXT,
    MAX_NODES,
    validate_flowchart,
)
from gwgk_desktop.domain.models import (
    IMMEDIATE,
    IMMEDIATE_FLAGS,
    ItemContent,
    ServiceGuide,
    StationProfile,
)
from gwgk_desktop.domain.unsafe_text import UNSAFE_CHARACTERS, text_problem

MAX_NAME = 200
MAX_SHORT = 500
MAX_LONG = 20000
MAX_LIMIT_DAYS = 365

#: Lists inside one item.
MAX_LIST = 200


_PHONE = re.compile(r"^[0-9０-９()（）\-—+ 、,，/转]{3,40}$")
_ORG_CODE = re.compile(r"^[0-9A-Z][0-9A-Z-]{4,17}$")


class Strictness(Enum):
    SAVE = "save"
    SUBMIT = "submit"


@dataclass(frozen=True)
class Problem:
    """One validation finding: the field it concerns (a dotted path) and a Chinese message."""

    field: str
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"[{self.severity.label}] {label(self.field)}：{self.message}"


#: Chinese names of the fields, for messages and for the GUI's labels.
FIELD_LABELS: dict[str, str] = {
    "kind": "事项类型",
    "category_id": "信息类别",
    "name": "名称",
    "level1": "一级事项",
    "level2": "二级事项",
    "content": "公开内容（要素）",
    "basis": "公开依据",
    "time_limit": "公开时限",
    "subject": "公开主体",
    "channels": "公开渠道和载体",
    "audience": "公开对象",
    "mode": "公开方式",
    "level": "公开层级",
    "lead_unit": "牵头单位",
    "responsible_unit": "责任单位",
    "index_number": "索引号",
    "summary": "内容概述",
    "generated_date": "生成日期",
    "doc_number": "文号",
    "validity": "有效性",
    "topic": "主题分类",
    "publisher": "发布机构",
    "update_due": "下次更新日期",
    "fee_standard": "收费标准",
    "guide": "办事指南",
    "guide.item_code": "事项编码",
    "guide.department": "办理部门",
    "guide.legal_basis": "设定依据",
    "guide.conditions": "申请条件",
    "guide.procedure": "办理流程",
    "guide.legal_limit_days": "法定期限",
    "guide.promised_limit_days": "承诺期限",
    "guide.legal_limit_immediate": "法定期限即时办结",
    "guide.promised_limit_immediate": "承诺期限即时办结",
    "guide.fee_text": "收费依据及标准",
    "guide.result": "办理结果",
    "guide.place": "办理地点",
    "guide.hours": "办理时间",
    "guide.phone": "咨询电话",
    "guide.complaint_phone": "监督投诉电话",
    "guide.faq": "常见问题",
    "materials": "申请材料",
    "flowchart": "审批程序流程图",
    "flowchart.title": "流程图标题",
    "fee_links": "关联收费事项",
    "attachments": "附件",
    "station.name": "单位名称",
    "station.parent_unit": "上级单位",
    "station.address": "地址",
    "station.office_hours": "办公时间",
    "station.email": "电子邮箱",
    "station.org_code": "组织机构代码",
    "station.phone": "咨询电话",
    "station.complaint_phone": "监督投诉电话",
}


_PARTS = {
    "materials": (
        "项材料的",
        {"name": "材料名称", "copies": "份数", "form": "原件/复印件", "note": "备注"},
    ),
    "attachments": ("个附件的", {"filename": "文件名", "note": "说明", "media_type": "类型"}),
    "flowchart.nodes": (
        "个流程图框的",
        {"text": "文字", "post": "岗位", "key": "编号", "time_limit_days": "办理时限"},
    ),
    "flowchart.edges": ("条流程图连线的", {"label": "文字", "key": "编号"}),
}


def label(field: str) -> str:
    """The Chinese name of a field path such as ``materials[2].name``."""
    if field in FIELD_LABELS:
        return FIELD_LABELS[field]
    match = re.fullmatch(r"([a-z_.]+)\[(\d+)\](?:\.(\w+))?", field)
    if match and match[1] in _PARTS:
        which, names = _PARTS[match[1]]
        sub = names.get(match[3] or "", match[3] or "")
        return f"第{int(match[2]) + 1}{which}{sub}"
    if match and match[1] in FIELD_LABELS:
        return f"{FIELD_LABELS[match[1]]}第{int(match[2]) + 1}项"
    return field


class _Collector:
    def __init__(self, strictness: Strictness) -> None:
        self.strictness = strictness
        self.problems: list[Problem] = []

    def error(self, field: str, message: str) -> None:
        self.problems.append(Problem(field, message, Severity.ERROR))

    def warn(self, field: str, message: str) -> None:
        self.problems.append(Problem(field, message, Severity.WARNING))

    def missing(self, field: str, message: str | None = None) -> None:
        text = message or f"请填写{label(field)}"
        if self.strictness is Strictness.SUBMIT:
            self.error(field, text)
        else:
            self.warn(field, text)

    def required_text(self, field: str, value: str, limit: int = MAX_LONG) -> None:
        if not value.strip():
            self.missing(field)
        self.length(field, value, limit)

    def length(self, field: str, value: str, limit: int) -> None:
        if len(value) > limit:
            self.error(field, f"{label(field)}不能超过{limit}个字（现有{len(value)}个字）")


def _texts(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every text inside a content value with its field path (``materials[0].name``)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _texts(
                getattr(value, field.name), f"{path}.{field.name}" if path else field.name
            )


_FieldValues = Callable[[Any], tuple[Any, ...]]
#: Per type met, how to read its field values as one tuple (None: not a dataclass).
_FIELD_VALUES: dict[type, _FieldValues | None] = {}


def _field_values(cls: type) -> _FieldValues | None:
    if cls not in _FIELD_VALUES:
        names = [f.name for f in dataclasses.fields(cls)] if dataclasses.is_dataclass(cls) else None
        if names is None:
            _FIELD_VALUES[cls] = None
        elif len(names) < 2:
            _FIELD_VALUES[cls] = lambda value: tuple(getattr(value, name) for name in names)
        else:
            _FIELD_VALUES[cls] = operator.attrgetter(*names)
    return _FIELD_VALUES[cls]


def _collect_texts(values: Iterable[Any], out: list[str]) -> None:
    """Every text ``_texts`` yields from ``values``, without the paths (a few calls per
    item instead of one per field: the export checks every text of 20,000 items)."""
    for value in values:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, (list, tuple)):
            _collect_texts(value, out)
        elif value is not None and not isinstance(value, type):
            getter = _field_values(type(value))
            if getter is not None:
                _collect_texts(getter(value), out)


def _check_texts(c: _Collector, content: ItemContent) -> None:
    texts: list[str] = []
    _collect_texts((content,), texts)
    # One search over all of them (the separator is no unsafe character); only a hit
    # walks the fields again for their paths.
    if UNSAFE_CHARACTERS.search("\n".join(texts)):
        for path, value in _texts(content, ""):
            problem = text_problem(value)
            if problem:
                c.error(path, f"{label(path)}{problem}")
    for name in ("materials", "fee_links", "attachments", "channels"):
        count = len(getattr(content, name))
        if count > MAX_LIST:
            c.error(name, f"{label(name)}最多{MAX_LIST}项（现有{count}项）")
    for index, attachment in enumerate(content.attachments):
        c.length(f"attachments[{index}].filename", attachment.filename, 255)
        c.length(f"attachments[{index}].note", attachment.note, MAX_SHORT)
    for index, material in enumerate(content.materials):
        c.length(f"materials[{index}].name", material.name, MAX_NAME)
        c.length(f"materials[{index}].note", material.note, MAX_SHORT)
    chart = content.flowchart
    if chart is None:
        return
    c.length("flowchart.title", chart.title, MAX_NAME)
    if len(chart.nodes) > MAX_NODES or len(chart.edges) > MAX_EDGES:
        c.error(
            "flowchart",
            f"流程图最多{MAX_NODES}个框、{MAX_EDGES}条连线"
            f"（现有{len(chart.nodes)}个框、{len(chart.edges)}条连线）",
        )
    for index, node in enumerate(chart.nodes):
        c.length(f"flowchart.nodes[{index}].text", node.text, MAX_NODE_TEXT)
        c.length(f"flowchart.nodes[{index}].post", node.post, MAX_LABEL)
        if node.time_limit_days is not None and not 0 <= node.time_limit_days <= MAX_LIMIT_DAYS:
            c.error(
                f"flowchart.nodes[{index}].time_limit_days",
                f"流程图中办理时限应为0到{MAX_LIMIT_DAYS}个工作日",
            )
    for index, edge in enumerate(chart.edges):
        c.length(f"flowchart.edges[{index}].label", edge.label, MAX_LABEL)


def validate_content(
    content: ItemContent,
    strictness: Strictness = Strictness.SUBMIT,
    *,
    known_channels: Collection[str] | None = None,
    known_categories: Collection[int] | None = None,
    same_name: Sequence[str] = (),
    today: dt.date | None = None,
) -> list[Problem]:
    """Check one item's content and return every problem found, in form order.
    ``same_name`` holds the 索引号 of the other items of the category with this name."""
    c = _Collector(strictness)
    today = today or dt.date.today()
    _check_texts(c, content)
    c.required_text("name", content.name, MAX_NAME)
    if content.name != content.name.strip():
        c.warn("name", "名称首尾有多余的空格")
    if same_name:
        c.problems.append(same_name_problem(same_name))
    if content.category_id is None:
        c.missing("category_id", "请选择信息类别")
    elif known_categories is not None and content.category_id not in known_categories:
        c.error("category_id", "所选信息类别不存在，请重新选择")

    if content.kind is ItemKind.FEE:
        c.required_text("basis", content.basis)
        c.required_text("fee_standard", content.fee_standard, MAX_SHORT)
    else:
        _check_catalogue_fields(c, content, known_channels, today)
    if content.kind is ItemKind.LICENSING:
        _check_licensing(c, content)
    return c.problems


def same_name_problem(index_numbers: Sequence[str]) -> Problem:
    """The warning that other items of the category have this name (a second entry of the
    same item, or two items a reader cannot tell apart)."""
    return Problem(
        "name",
        f"本类别已有同名事项（索引号 {'、'.join(index_numbers)}）；如不是重复录入，请改名加以区分",
        Severity.WARNING,
    )


def _check_catalogue_fields(
    c: _Collector,
    content: ItemContent,
    known_channels: Collection[str] | None,
    today: dt.date,
) -> None:
    c.required_text("level1", content.level1, MAX_NAME)
    c.length("level2", content.level2, MAX_NAME)
    c.required_text("content", content.content)
    c.required_text("basis", content.basis)
    c.required_text("time_limit", content.time_limit, MAX_SHORT)
    c.required_text("subject", content.subject, MAX_SHORT)
    for name in ("lead_unit", "responsible_unit", "doc_number", "topic", "publisher"):
        c.length(name, getattr(content, name), MAX_SHORT)
    c.length("summary", content.summary, MAX_LONG)
    if not content.channels:
        c.missing("channels", "请至少选择一个公开渠道和载体")
    if len(set(content.channels)) != len(content.channels):
        c.error("channels", "公开渠道和载体有重复项")
    if known_channels is not None:
        unknown = [ch for ch in content.channels if ch not in known_channels]
        if unknown:
            c.error("channels", f"未知的公开渠道：{'、'.join(unknown)}")
    if content.generated_date is None:
        c.missing("generated_date", "请填写生成日期")
    elif content.generated_date > today:
        c.warn("generated_date", "生成日期晚于今天，请确认")
    if (
        content.update_due is not None
        and content.generated_date is not None
        and content.update_due < content.generated_date
    ):
        c.error("update_due", "下次更新日期不能早于生成日期")


def _check_licensing(c: _Collector, content: ItemContent) -> None:
    guide = content.guide
    if guide is None:
        c.missing("guide", "许可审批事项须填写办事指南")
    else:
        for name in ("department", "conditions", "result", "place", "hours"):
            c.required_text(f"guide.{name}", getattr(guide, name))
        for name in ("legal_basis", "procedure", "faq", "fee_text"):
            c.length(f"guide.{name}", getattr(guide, name), MAX_LONG)
        _check_limits(c, guide)
        for name in ("phone", "complaint_phone"):
            value = getattr(guide, name)
            if value and not _PHONE.match(value):
                c.error(
                    f"guide.{name}", f"{label('guide.' + name)}格式不正确，只能含数字、括号和连字符"
                )
    if not content.materials:
        c.missing("materials", "请至少列出一项申请材料")
    for i, material in enumerate(content.materials):
        prefix = f"materials[{i}]"
        if not material.name.strip():
            c.missing(f"{prefix}.name", f"第{i + 1}项材料缺少名称")
        if material.copies < 1 or material.copies > 99:
            c.error(f"{prefix}.copies", f"第{i + 1}项材料的份数应在1到99之间")
    if content.flowchart is None:
        c.missing("flowchart", "许可审批事项须绘制审批程序流程图")
    else:
        for problem in validate_flowchart(content.flowchart):
            if problem.severity is Severity.ERROR:
                c.missing("flowchart", f"流程图：{problem.message}")
            else:
                c.warn("flowchart", f"流程图：{problem.message}")


def _check_limits(c: _Collector, guide: ServiceGuide) -> None:
    """法定期限 and 承诺期限: working days or 即时办结, at least one of them, and the
    promise no longer than the law allows."""
    for flag, days_field in IMMEDIATE_FLAGS.items():
        field = f"guide.{days_field}"
        days = getattr(guide, days_field)
        _check_days(c, field, days)
        if getattr(guide, flag) and days is not None:
            c.error(field, f"已选“{IMMEDIATE}”，不能再填工作日数")
    legal = guide.legal_limit_days, guide.legal_limit_immediate
    promised = guide.promised_limit_days, guide.promised_limit_immediate
    if legal == (None, False) and promised == (None, False):
        c.missing("guide.promised_limit_days", f"请填写法定期限或承诺期限（或选“{IMMEDIATE}”）")
    if guide.legal_limit_immediate and promised[0] is not None:
        c.error("guide.promised_limit_days", f"法定期限为{IMMEDIATE}，承诺期限也只能是{IMMEDIATE}")
    elif legal[0] is not None and promised[0] is not None and promised[0] > legal[0]:
        c.error("guide.promised_limit_days", "承诺期限不能长于法定期限")


def _check_days(c: _Collector, field: str, value: int | None) -> None:
    if value is not None and not 0 < value <= MAX_LIMIT_DAYS:
        c.error(field, f"{label(field)}应为1到{MAX_LIMIT_DAYS}之间的工作日数")


def validate_station(profile: StationProfile) -> list[Problem]:
    """Check a station profile (set-up wizard, ``gwgk init``)."""
    c = _Collector(Strictness.SUBMIT)
    for path, value in _texts(profile, "station"):
        problem = text_problem(value)
        if problem:
            c.error(path, f"{label(path)}{problem}")
        c.length(path, value, MAX_SHORT)
    c.required_text("station.name", profile.name, MAX_NAME)
    if not profile.org_code.strip():
        c.missing("station.org_code", "请填写组织机构代码（索引号前段码）")
    elif not _ORG_CODE.match(profile.org_code):
        c.error(
            "station.org_code",
            "组织机构代码应为5到18位数字或大写字母（可含连字符），例如 000014349",
        )
    for name in ("phone", "complaint_phone"):
        value = getattr(profile, name)
        if value and not _PHONE.match(value):
            c.error(f"station.{name}", f"{label('station.' + name)}格式不正确")
    if not profile.complaint_phone:
        c.warn("station.complaint_phone", "公开栏需要监督投诉电话，建议填写")
    return c.problems


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]
