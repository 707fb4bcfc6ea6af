"""Migration 0004_disclosure_requests: a station from before it is backed up, upgraded,
and gets a working register (its calendar from the template built into the app)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, inspect

from gwgk_desktop.domain.request_info import RequestInfo
from gwgk_desktop.domain.requests import ApplicantType, RequestChannel
from gwgk_desktop.services import calendars
from gwgk_desktop.services.requests import Register
from gwgk_desktop.store import migrate
from gwgk_desktop.store.database import open_database
from tests.conftest import actors_of


def test_a_0003_station_upgrades_and_registers_requests(station_db_path: Path) -> None:
    engine = create_engine(f"sqlite:///{station_db_path}")
    with engine.connect() as connection:
        with connection.begin():
            command.downgrade(migrate.alembic_config(connection), "0003_package")
        assert "disclosure_requests" not in inspect(connection).get_table_names()
    engine.dispose()
    with open_database(station_db_path) as db:
        assert db.upgraded_from == "0003_package" and db.backup_made is not None
        # The installed template is the old one; the app's own calendar applies.
        assert 2026 in calendars.known_years(db)
        record = Register(db, dt.date(2026, 12, 31)).register(
            actors_of(db).clerk,
            RequestInfo(
                received=dt.date(2026, 9, 28),
                channel=RequestChannel.IN_PERSON,
                applicant_type=ApplicantType.NATURAL,
                applicant="甲",
                content="乙",
                phone="1",
                address="丙",
            ),
        )
    assert record.clock.due == dt.date(2026, 10, 30)
