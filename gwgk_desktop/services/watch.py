"""How an open GUI notices that another process (a ``gwgk`` command, a script) changed the
database: every change appends to the audit log in the same transaction, so the id of the
audit log's newest row is a change counter that costs one indexed read."""

from __future__ import annotations

from sqlalchemy import exc

from gwgk_desktop.errors import UserError
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import AuditHead


def change_stamp(db: Database) -> int:
    """Grows with every committed change (0 for a database without any). Raises
    ``UserError`` when the database cannot be read just now."""
    try:
        with db.read() as session:
            head = session.get(AuditHead, 1)
            return head.last_id if head is not None else 0
    except exc.SQLAlchemyError as error:  # e.g. the file was replaced under us
        raise UserError(
            "无法读取数据库的修改记录", f"cannot read the change counter: {error}"
        ) from error
