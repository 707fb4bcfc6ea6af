"""The one station row of a database (row id 1), found inside a session."""

from __future__ import annotations

from sqlalchemy.orm import Session

from gwgk_desktop.errors import UserError
from gwgk_desktop.store.models import Station


class NotInitialized(UserError):
    exit_code = 3


def station_row(session: Session) -> Station:
    row = session.get(Station, 1)
    if row is None:
        raise NotInitialized(
            "该数据库尚未建立单位信息，请先完成首次设置（或运行 gwgk init）",
            "station not set up; run 'gwgk init'",
        )
    return row
