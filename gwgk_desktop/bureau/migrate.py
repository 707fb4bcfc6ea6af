"""The bureau database's schema migrations, run from code (never by hand), on SQLite and
PostgreSQL alike. A new database is migrated from empty (one short history, and the same
route for both dialects); an older one is backed up by the caller (SQLite) or migrated in
one transaction (PostgreSQL's DDL is transactional), then upgraded."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from gwgk_desktop.paths import bureau_migrations_dir
from gwgk_desktop.store.migrate import read_revision_graph, set_foreign_keys, single_head

if TYPE_CHECKING:
    from alembic.config import Config

#: Where the bureau database keeps its revision (not Alembic's default ``alembic_version``).
VERSION_TABLE = "bureau_alembic_version"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(bureau_migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def revision_graph() -> dict[str, str | None]:
    return read_revision_graph(bureau_migrations_dir())


def head_revision() -> str:
    return single_head(revision_graph())


def known_revisions() -> set[str]:
    return set(revision_graph())


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def upgrade(connection: Connection, target: str = "head") -> None:
    """Bring the schema up to ``target`` in one transaction."""
    from alembic import command

    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        set_foreign_keys(connection, on=False)
    try:
        with connection.begin():
            command.upgrade(alembic_config(connection), target)
    finally:
        if sqlite:
            set_foreign_keys(connection, on=True)
