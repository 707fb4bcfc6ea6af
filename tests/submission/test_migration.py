"""Migration 0003_package: replaying the migrations gives exactly the models' schema,
and a database from 0002 with data upgrades and then exports."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from gwgk_desktop.services import export, keys
from gwgk_desktop.store import migrate
from gwgk_desktop.store.database import open_database
from gwgk_desktop.store.schema import metadata
from tests.conftest import actors_of
from tests.submission.conftest import PASSPHRASE


def test_upgrade_from_empty_equals_the_models(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'replayed.sqlite'}")
    with engine.connect() as connection:
        with connection.begin():
            command.upgrade(migrate.alembic_config(connection), "head")
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": migrate.include_name}
        )
        assert compare_metadata(context, metadata) == []
        assert migrate.current_revision(connection) == migrate.head_revision()
    engine.dispose()


def test_a_0002_database_upgrades_and_exports(demo_db_path: Path, tmp_path: Path) -> None:
    # Take the demo station back to 0002 (dropping what 0003 added) ...
    engine = create_engine(f"sqlite:///{demo_db_path}")
    with engine.connect() as connection:
        with connection.begin():
            command.downgrade(migrate.alembic_config(connection), "0002")
        assert "station_keys" not in inspect(connection).get_table_names()
        assert (
            connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
        )
    engine.dispose()
    # ... and open it as the app does: backed up, upgraded, usable.
    with open_database(demo_db_path) as db:
        assert db.upgraded_from == "0002" and db.backup_made is not None
        actors = actors_of(db)
        keys.create_key(db, actors.admin, PASSPHRASE)
        result = export.export_package(
            db, actors.admin, tmp_path / "after-upgrade.gwgk", passphrase=PASSPHRASE
        )
    assert result.record.sequence == 1
