"""A reference template's payload without the database: its shape and checks, the shipped
template, the privacy rules it carries. Imports nothing of SQLAlchemy (the print command's
light path reads the rules through it); ``services.template`` installs templates."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from gwgk_desktop.domain import typed
from gwgk_desktop.domain.enums import Level
from gwgk_desktop.domain.models import Flowchart
from gwgk_desktop.domain.privacy import RuleError, parse_rules
from gwgk_desktop.domain.serialize import flowchart_from_dict
from gwgk_desktop.domain.unsafe_text import text_problem
from gwgk_desktop.domain.validation import MAX_NAME
from gwgk_desktop.domain.workdays import CalendarFormatError, YearCalendar, parse_year
from gwgk_desktop.errors import UserError
from gwgk_desktop.paths import resource

TEMPLATE_FORMAT = "gwgk-reference-template"
SUPPORTED_FORMAT_VERSION = 1
BUILTIN_TEMPLATE = ("templates", "reference-template.json")


class TemplateError(UserError):
    pass


@dataclass(frozen=True)
class _Category:
    code: str
    name: str
    description: str = ""
    lead_unit: str = ""
    responsible_unit: str = ""


@dataclass(frozen=True)
class _Coded:
    code: str
    name: str


@dataclass(frozen=True)
class _Stage:
    code: str
    name: str
    start: str
    end: str
    description: str = ""


@dataclass(frozen=True)
class _Template:
    """A template's shape, read with ``domain.typed`` (every type exact, no unknown key)."""

    format: str
    format_version: int
    template_id: str
    version: int
    name: str
    categories: list[_Category]
    channels: list[_Coded]
    levels: list[_Coded]
    stages: list[_Stage]
    issued_by: str = ""
    source: str = ""
    procedures: dict[str, Flowchart] = field(default_factory=dict)
    calendars: list[Any] = field(default_factory=list)
    privacy: Any = None


_MAX_CODE = 40


def check_payload(payload: Any) -> dict[str, Any]:
    """Structural check of a template: every part of the type it must be, nothing unknown,
    codes unique; raise TemplateError saying what is wrong."""
    if not isinstance(payload, dict) or payload.get("format") != TEMPLATE_FORMAT:
        raise TemplateError("不是政务公开目录参考范本文件", "not a reference template")
    if payload.get("format_version") != SUPPORTED_FORMAT_VERSION:
        raise TemplateError(
            f"参考范本格式版本 {payload.get('format_version')} 不受支持，请升级程序",
            "unsupported template format version",
        )
    try:
        shape = typed.read(_Template, payload)
    except typed.FieldError as error:
        raise TemplateError(
            f"参考范本内容有误：{error}", f"bad template at {error.path}"
        ) from error
    if not 1 <= shape.version < 1_000_000 or not shape.template_id.strip():
        raise TemplateError("参考范本的编号或版本号不正确", "bad template id or version")
    for what, items in (("信息类别", shape.categories), ("公开渠道", shape.channels)):
        codes = [c.code for c in items]
        if len(set(codes)) != len(codes) or not all(c.strip() for c in codes):
            raise TemplateError(f"参考范本中{what}编号缺失或重复", f"bad {what} codes")
        if any(len(c) > _MAX_CODE for c in codes):
            raise TemplateError(f"参考范本中{what}编号太长", f"{what} code too long")
    texts = [c.name for c in shape.categories] + [c.name for c in shape.channels]
    texts += [shape.name, shape.template_id, shape.issued_by]
    for text in texts:
        problem = text_problem(text, one_line=True)
        if problem or len(text) > MAX_NAME:
            raise TemplateError(
                f"参考范本中的“{text[:20]}”{problem or '太长'}", "bad text in template"
            )
    if {lv.code for lv in shape.levels} != {lv.value for lv in Level}:
        raise TemplateError("参考范本中的公开层级与程序不符", "template levels mismatch")
    for stage in shape.stages:
        month_day(stage.start, 2000)
        month_day(stage.end, 2000)
    template_calendars(payload)
    if "privacy" in payload:
        try:
            parse_rules(payload["privacy"])
        except RuleError as error:
            raise TemplateError(f"参考范本的{error}", "bad privacy rules") from error
    return payload


def template_calendars(payload: dict[str, Any], source: str = "") -> list[YearCalendar]:
    """The working-day calendars a template carries (optional; one per year)."""
    found = payload.get("calendars", [])
    if not isinstance(found, list):
        raise TemplateError("参考范本中的工作日历格式不正确", "bad calendars")
    try:
        years = [parse_year(entry, source) for entry in found]
    except CalendarFormatError as error:
        raise TemplateError(f"参考范本中的{error}", "bad calendar in template") from error
    if len({y.year for y in years}) != len(years):
        raise TemplateError("参考范本中同一年的工作日历出现了两次", "duplicate calendar year")
    return years


@cache
def builtin_template() -> dict[str, Any]:
    path = resource(*BUILTIN_TEMPLATE)
    return check_payload(json.loads(path.read_text(encoding="utf-8")))


def month_day(text: str, year: int) -> dt.date:
    try:
        month, day = (int(part) for part in text.split("-"))
        return dt.date(year, month, day)
    except (ValueError, AttributeError) as error:
        raise TemplateError(f"参考范本中的日期“{text}”格式不正确", f"bad date {text!r}") from error


def standard_procedure(payload: dict[str, Any] | None = None) -> Flowchart:
    """The template's standard licensing procedure, as a chart to start from."""
    payload = payload or builtin_template()
    return flowchart_from_dict(payload["procedures"]["standard_licensing"])


def privacy_section(payload: dict[str, Any] | None) -> Any:
    """A template's privacy rules as they take effect: the shipped template's when it has
    none (templates from before the privacy check keep working)."""
    section = payload.get("privacy") if payload else None
    return section if section is not None else builtin_template().get("privacy")
