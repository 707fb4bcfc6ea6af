"""Catalogue sheets for the sheet tests: the layouts stations keep (``layouts``), the
committed .xls and encrypted fixtures (``FIXTURES``), and a check that a database did not
change (``snapshot``)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import AuditHead, AuditRow, ItemRow, RevisionRow

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sheets"


def snapshot(db: Database) -> tuple[object, ...]:
    """What would change if anything were written: counts of items, revisions and audit
    records, and the audit chain's head."""
    with db.read() as session:
        return (
            session.scalar(select(func.count()).select_from(ItemRow)),
            session.scalar(select(func.count()).select_from(RevisionRow)),
            session.scalar(select(func.count()).select_from(AuditRow)),
            tuple(session.execute(select(AuditHead.last_id, AuditHead.last_hash)).one()),
        )
