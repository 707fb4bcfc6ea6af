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

from collections.abc import Sequence

from sqlalchemy.orm import Session

from gwgk_desktop.domain import privacy
from gwgk_desktop.domain.models import Actor, Item, ItemContent
from gwgk_desktop.domain.privacy import Rule, Scan
from gwgk_desktop.services import template
from gwgk_desktop.services.changes import ItemChanges
from gwgk_desktop.services.output_guard import (
    ItemFindings,
    OutputGuard,
    PrivacyBlocked,
    PrivacyReport,
    item_findings,
    rules_of,
)
from gwgk_desktop.services.queries import ItemQueries, ItemQuery
from gwgk_desktop.store.database import Database


def rules(session: Session) -> tuple[Rule, ...]:
    return rules_of(template.active_payload(session))


def load_rules(db: Database) -> tuple[Rule, ...]:
    with db.read() as session:
        return rules(session)


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
