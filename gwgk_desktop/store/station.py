"""The one station row of a database (row id 1), found inside a session."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from gwgk_desktop.errors import UserError
from gwgk_desktop.store.models import Station

_STATION = Station.__table__


class NotInitialized(UserError):
    exit_code = 3


def _not_set_up() -> NotInitialized:
    return NotInitialized(
        "该数据库尚未建立单位信息，请先完成首次设置（或运行 gwgk init）",
        "station not set up; run 'gwgk init'",
    )


def station_row(session: Session) -> Station:
    """The station's mapped row, to change it."""
    row = session.get(Station, 1)
    if row is None:
        raise _not_set_up()
    return row


def station_values(session: Session) -> Row[Any]:
    """The station row's columns, to read them: a plain select of the table, which does
    not make SQLAlchemy configure every mapped class first as the first ORM query of a
    process does (a twentieth of a printed notice board)."""
    row = session.execute(select(_STATION).where(_STATION.c.id == 1)).first()
    if row is None:
        raise _not_set_up()
    return row
