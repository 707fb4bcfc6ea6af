"""How an open GUI notices that another process (a ``gwgk`` command, a script) changed the
database: every change appends to the audit log in the same transaction, so the id of the
audit log's newest row is a change counter that costs one indexed read."""

from __future__ import annotations

from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import AuditHead


def change_stamp(db: Database) -> int:
    """Grows with every committed change (0 for a database without any)."""
    with db.read() as session:
        head = session.get(AuditHead, 1)
        return head.last_id if head is not None else 0
