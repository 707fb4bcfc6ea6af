"""Builders for valid test content, so each test states only what it is about."""

from __future__ import annotations

import datetime as dt

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.domain.models import ItemContent, Material, ServiceGuide
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.changes import new_content
from gwgk_desktop.services.template import standard_procedure


def catalogue_content(
    catalogue: Catalogue, name: str = "便民服务承诺", code: str = "06"
) -> ItemContent:
    category = next(c for c in catalogue.reference.categories() if c.code == code)
    content = new_content(ItemKind.CATALOGUE, category, "测试市公安局河西派出所")
    content.name = name
    content.content = "服务内容、办理时间、联系电话和服务承诺。"
    content.basis = "《中华人民共和国政府信息公开条例》第二十条"
    content.channels = ("website", "bulletin_board")
    content.generated_date = dt.date(2026, 9, 1)
    return content


def licensing_content(catalogue: Catalogue, name: str = "出生登记") -> ItemContent:
    category = next(c for c in catalogue.reference.categories() if c.code == "03")
    content = new_content(ItemKind.LICENSING, category, "测试市公安局河西派出所")
    content.name = name
    content.basis = "《中华人民共和国户口登记条例》第七条"
    content.channels = ("website", "service_center")
    content.generated_date = dt.date(2026, 9, 1)
    content.guide = ServiceGuide(
        item_code="HJ-001",
        department="户籍窗口",
        conditions="婴儿出生后一个月以内申报",
        legal_limit_days=30,
        promised_limit_days=1,
        result="登记户口",
        place="户籍窗口",
        hours="工作日",
        phone="0531-88880000",
    )
    content.materials = [Material("出生医学证明"), Material("父母居民户口簿", copies=2)]
    content.flowchart = standard_procedure()
    return content


def fee_content(catalogue: Catalogue, name: str = "临时居民身份证工本费") -> ItemContent:
    category = next(c for c in catalogue.reference.categories() if c.code == "04")
    content = new_content(ItemKind.FEE, category, "测试市公安局河西派出所")
    content.name = name
    content.basis = "国家发展改革委、财政部有关规定"
    content.fee_standard = "每证10元"
    return content


class RecordingProgress:
    """A ``Progress`` that keeps every report and says it is cancelled from its
    ``cancel_after``-th poll on (never when None)."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.reports: list[tuple[int, int, str]] = []
        self.polls = 0
        self.cancel_after = cancel_after

    def report(self, done: int, total: int, text: str = "") -> None:
        self.reports.append((done, total, text))

    def is_cancelled(self) -> bool:
        self.polls += 1
        return self.cancel_after is not None and self.polls >= self.cancel_after
