"""Schema migrations, run from code at start-up (never by hand).

A new database gets ``create_all`` plus ``stamp head`` (Alembic's cookbook: faster than
replaying history, and the drift test proves both routes give the same schema). An older
database is backed up first, then upgraded with foreign keys off.
"""

from __future__ import annotations

from functools import cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text

from gwgk_desktop.paths import migrations_dir
from gwgk_desktop.store.models import Base
from gwgk_desktop.store.triggers import AUDIT_TRIGGERS


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in _script().walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _set_foreign_keys(connection: Connection, on: bool) -> None:
    # PRAGMA foreign_keys is ignored inside a transaction, so it goes straight to the driver
    # connection, which runs in autocommit mode between our explicit BEGINs.
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def create_schema(connection: Connection) -> None:
    """Make the current schema in an empty database and mark it as at head."""
    with connection.begin():
        Base.metadata.create_all(connection)
        for ddl in AUDIT_TRIGGERS.values():
            connection.execute(text(ddl))
        command.stamp(alembic_config(connection), "head")


def upgrade(connection: Connection, target: str = "head") -> None:
    """Bring the schema up to ``target``; the caller has made a backup."""
    _set_foreign_keys(connection, on=False)
    try:
        with connection.begin():
            command.upgrade(alembic_config(connection), target)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"foreign key violations after migration: {broken[:5]}")
    finally:
        _set_foreign_keys(connection, on=True)
