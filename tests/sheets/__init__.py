"""Catalogue sheets for the sheet tests: the layouts stations keep (``layouts``), the
committed .xls and encrypted fixtures (``FIXTURES``), and a check that a database did not
change (``snapshot``)."""

from __future__ import annotations

import threading
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


class HeldProgress:
    """A job's progress that holds the work at its first step until the job is
    cancelled (a Cancel button can then be pressed while the work is really running);
    ``started`` is set when the work got there."""

    def __init__(self, job: object, started: threading.Event) -> None:
        self.job = job
        self.started = started

    def report(self, done: int, total: int, text: str = "") -> None:
        self.started.set()
        while not self.is_cancelled():
            threading.Event().wait(0.01)

    def is_cancelled(self) -> bool:
        return bool(self.job.is_cancelled())  # type: ignore[attr-defined]
