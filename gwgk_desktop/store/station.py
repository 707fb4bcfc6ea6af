"""The one station row of a database (row id 1), found inside a session (reading it:
``services.print_reads``)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from gwgk_desktop.errors import station_not_set_up
from gwgk_desktop.store.models import Station


def station_row(session: Session) -> Station:
    """The station's mapped row, to change it."""
    row = session.get(Station, 1)
    if row is None:
        raise station_not_set_up()
    return row
