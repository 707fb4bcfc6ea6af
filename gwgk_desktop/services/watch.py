"""How an open GUI notices that another process (a ``gwgk`` command, a script) changed the
database: every change appends to the audit log in the same transaction, so the id of the
audit log's newest row is a change counter that costs one indexed read."""

from __future__ import annotations

from sqlalchemy import exc
from sqlalchemy.orm import Session

from gwgk_desktop.errors import UserError
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import AuditHead


def change_stamp(db: Database) -> int:
    """Grows with every committed change (0 for a database without any). Raises
    ``UserError`` when the database cannot be read just now."""
    try:
        with db.read() as session:
            return stamp_in(session)
    except exc.SQLAlchemyError as error:  # e.g. the file was replaced under us
        raise UserError(
            "无法读取数据库的修改记录", f"cannot read the change counter: {error}"
        ) from error


def stamp_in(session: Session) -> int:
    """``change_stamp`` as of ``session``'s read (straight from the driver: a filter asks
    on every keystroke)."""
    sql = f"SELECT last_id FROM {AuditHead.__tablename__} WHERE id = 1"
    found = session.connection().exec_driver_sql(sql).scalar()
    return int(found) if found is not None else 0
