"""The privacy check before anything is published: submit, approve, print and export scan
an item's free text for personal data (``domain.privacy``) with the rules of the station's
reference template, or the shipped template's rules when the installed template is older
and has none.

ID and bank card numbers block (``PrivacyBlocked`` names the field and shows the number
masked); mobile numbers and the like only warn, which the GUI asks about and the CLI
prints. ``mask_item`` masks an item's head revision as an ordinary edit (so it is in the
audit log and, for an approved item, makes a new draft revision to be reviewed again);
``OutputGuard`` masks what a printout or a package shows without changing the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from gwgk_desktop.domain import privacy
from gwgk_desktop.domain.models import Actor, Item, ItemContent
from gwgk_desktop.domain.privacy import Finding, Rule, Scan
from gwgk_desktop.errors import UserError
from gwgk_desktop.services import template
from gwgk_desktop.services.changes import ItemChanges
from gwgk_desktop.services.queries import ItemQueries, ItemQuery
from gwgk_desktop.store.database import Database


@lru_cache(maxsize=8)
def _parsed(section_json: str) -> tuple[Rule, ...]:
    return privacy.parse_rules(json.loads(section_json))


def rules_of(payload: dict[str, Any] | None) -> tuple[Rule, ...]:
    """The rules a template carries; the shipped template's when it has none (templates
    from before the privacy check)."""
    section = template.privacy_section(payload)
    return _parsed(json.dumps(section, sort_keys=True, ensure_ascii=False))


def rules(session: Session) -> tuple[Rule, ...]:
    return rules_of(template.active_payload(session))


def load_rules(db: Database) -> tuple[Rule, ...]:
    with db.read() as session:
        return rules(session)


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


def check_content(db: Database, content: ItemContent) -> Scan:
    """Personal data in ``content`` (what an editor holds, before it is saved)."""
    return privacy.scan(content, load_rules(db))


def check_item(db: Database, item_id: int) -> ItemFindings:
    """Personal data in the item's head revision."""
    item = ItemQueries(db).get(item_id)
    return item_findings(item, privacy.scan(item.content, load_rules(db)))


def check_items(db: Database, item_ids: Sequence[int] = ()) -> PrivacyReport:
    """Personal data in the head revisions of ``item_ids`` (every item when empty)."""
    queries = ItemQueries(db)
    items = (queries.get(i) for i in item_ids) if item_ids else queries.iter_items(ItemQuery())
    guard = OutputGuard(load_rules(db), mask=False)
    guard.visit_all(items)
    return guard.report


def refuse_if_blocked(
    session: Session, item_id: int, index_number: str, content: ItemContent, what: str
) -> Scan:
    """Raise ``PrivacyBlocked`` when an item's content holds personal data that blocks
    ``what`` (inside the caller's transaction); returns the scan (its warnings) otherwise."""
    found = privacy.scan(content, rules(session))
    if found.blocked:
        findings = ItemFindings(found.findings, item_id, index_number, content.name)
        raise PrivacyBlocked(PrivacyReport((findings,)), what)
    return found


def mask_item(db: Database, actor: Actor, item_id: int, base_revision: int) -> Item:
    """Mask every finding in the item's head revision, as an ordinary edit by ``actor``
    (a draft is changed in place; an approved or published item gets a new draft
    revision that goes through review again). Nothing to mask: the item is unchanged."""
    item = ItemQueries(db).get(item_id)
    rule_set = load_rules(db)
    if not privacy.scan(item.content, rule_set):
        return item
    return ItemChanges(db).update(
        actor, item_id, privacy.masked(item.content, rule_set), base_revision
    )


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
