"""The privacy check of what goes out, without changing the database: ``OutputGuard``
scans the items of a printout or a package (``services.privacy`` has the rest of the
privacy check). Imports nothing of SQLAlchemy: the print command's light path uses it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from gwgk_desktop.domain import privacy
from gwgk_desktop.domain.models import Item
from gwgk_desktop.domain.privacy import Finding, Rule, Scan
from gwgk_desktop.errors import UserError
from gwgk_desktop.services.template_payload import privacy_section


@lru_cache(maxsize=8)
def _parsed(section_json: str) -> tuple[Rule, ...]:
    return privacy.parse_rules(json.loads(section_json))


def rules_of(payload: dict[str, Any] | None) -> tuple[Rule, ...]:
    """The rules a template carries; the shipped template's when it has none (templates
    from before the privacy check)."""
    section = privacy_section(payload)
    return _parsed(json.dumps(section, sort_keys=True, ensure_ascii=False))


@dataclass(frozen=True)
class ItemFindings(Scan):
    """What the scan found in one item."""

    item_id: int
    index_number: str
    name: str

    def lines(self) -> list[str]:
        head = f"{self.index_number} {self.name}".strip()
        return [f"{head}：{f.line()}（{f.level.label}）" for f in self.findings]


@dataclass(frozen=True)
class PrivacyReport:
    """Findings over one or more items (print and export cover many)."""

    items: tuple[ItemFindings, ...] = field(default_factory=tuple)

    @property
    def blocked(self) -> bool:
        return any(i.blocked for i in self.items)

    @property
    def findings(self) -> list[Finding]:
        return [f for i in self.items for f in i.findings]

    def lines(self, limit: int = 30) -> list[str]:
        every = [line for i in self.items for line in i.lines()]
        if len(every) > limit:
            return [*every[:limit], f"……另有{len(every) - limit}处未列出"]
        return every


class PrivacyBlocked(UserError):
    """An ID or bank card number (or whatever the rules block) is in what would be
    published; nothing was changed. ``report`` lists every finding, masked."""

    exit_code = 9

    def __init__(self, report: PrivacyReport, what: str) -> None:
        lines = "\n".join(f"  {line}" for line in report.lines())
        super().__init__(
            f"发现不能公开的个人信息，不能{what}：\n{lines}\n"
            "请打码（把号码中间的数字换成*）或删除后再试",
            f"personal data found; cannot {what}",
        )
        self.report = report
        self.what = what


def item_findings(item: Item, found: Scan) -> ItemFindings:
    return ItemFindings(found.findings, item.id, item.index_number, item.name)


class OutputGuard:
    """Scans the items going into a printout or a package: without ``mask`` a blocking
    finding is collected (the caller refuses); with ``mask`` the item's content is
    replaced by its masked copy for the output only."""

    def __init__(self, rule_set: Sequence[Rule], mask: bool) -> None:
        self.rules = tuple(rule_set)
        self.mask = mask
        self.found: list[ItemFindings] = []

    def visit(self, item: Item) -> ItemFindings | None:
        found = privacy.scan(item.content, self.rules)
        if not found:
            return None
        findings = item_findings(item, found)
        self.found.append(findings)
        if self.mask:
            item.content = privacy.masked(item.content, self.rules)
        return findings

    def visit_all(self, items: Iterable[Item]) -> None:
        for item in items:
            self.visit(item)

    @property
    def report(self) -> PrivacyReport:
        return PrivacyReport(tuple(self.found))

    def refuse_if_blocked(self, what: str) -> None:
        if not self.mask and self.report.blocked:
            raise PrivacyBlocked(self.report, what)
