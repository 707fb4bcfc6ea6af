"""Closed vocabularies of the catalogue, each with a stable English code and a Chinese label.

Codes are what the database and the submission package store; labels are what people read.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Self


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Chinese label."""

    label: str

    if TYPE_CHECKING:
        # Lookups are by code alone (``Status("draft")``); only the member definitions
        # pass the label too, which type checkers need not see.
        def __new__(cls, value: str) -> Self: ...

    else:

        def __new__(cls, value: str, label: str = "") -> LabelledEnum:
            member = str.__new__(cls, value)
            member._value_ = value
            member.label = label
            return member

    @classmethod
    def from_label(cls, label: str) -> LabelledEnum:
        for member in cls:
            if member.label == label:
                return member
        raise ValueError(f"{cls.__name__}: unknown label {label!r}")


class Role(LabelledEnum):
    CLERK = "clerk", "录入员"
    REVIEWER = "reviewer", "审核人"
    ADMIN = "admin", "管理员"


class Status(LabelledEnum):
    DRAFT = "draft", "草稿"
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已审核"
    PUBLISHED = "published", "已公开"
    WITHDRAWN = "withdrawn", "已撤回"


class ItemKind(LabelledEnum):
    CATALOGUE = "catalogue", "目录事项"
    LICENSING = "licensing", "许可审批事项"
    FEE = "fee", "收费事项"


class Level(LabelledEnum):
    """The three levels of catalogue in the plan; also a station's own level."""

    CITY = "city", "市局"
    COUNTY = "county", "县(区)局"
    STATION = "station", "所(队)"


class Audience(LabelledEnum):
    PUBLIC = "public", "全社会"
    SPECIFIC = "specific", "特定群体"


class DisclosureMode(LabelledEnum):
    ACTIVE = "active", "主动公开"
    ON_REQUEST = "on_request", "依申请公开"


class Validity(LabelledEnum):
    VALID = "valid", "有效"
    EXPIRED = "expired", "失效"
    REPEALED = "repealed", "废止"


class MaterialForm(LabelledEnum):
    ORIGINAL = "original", "原件"
    COPY = "copy", "复印件"
    BOTH = "both", "原件及复印件"
    ELECTRONIC = "electronic", "电子材料"


class NodeKind(LabelledEnum):
    """Flowchart symbols after GB/T 1526 / ISO 5807."""

    START = "start", "开始"
    END = "end", "结束"
    STEP = "step", "办理环节"
    DECISION = "decision", "判断"
    DOCUMENT = "document", "材料/文书"


class Severity(LabelledEnum):
    ERROR = "error", "错误"
    WARNING = "warning", "提醒"
