"""Schema migrations, run from code at start-up (never by hand).

A new database gets ``create_all`` plus ``stamp head`` (Alembic's cookbook: faster than
replaying history, and the drift test proves both routes give the same schema). An older
database is backed up first, then upgraded with foreign keys off.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text

from gwgk_desktop.paths import migrations_dir
from gwgk_desktop.store import item_text
from gwgk_desktop.store.triggers import AUDIT_TRIGGERS

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic itself (with Mako and Pygments, ~0.15 s) is imported only when a database is
# created or migrated; opening an up-to-date one just compares revision ids, which are
# read straight from the migration scripts. So is the whole schema: the request
# register's models (20 ms) wait until the register is used.


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic's filter for comparing the database with the models: the trigram index's
    tables are made by SQL, not by models."""
    return not (type_ == "table" and name in item_text.TABLES)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def read_revision_graph(folder: Path) -> dict[str, str | None]:
    """Each migration's revision id and the one it follows, read from the scripts in
    ``folder/versions`` (their module-level ``revision`` and ``down_revision``)."""
    graph: dict[str, str | None] = {}
    for script in sorted((folder / "versions").glob("*.py")):
        source = script.read_text(encoding="utf-8")
        # The ids stand above the first function (Alembic's template): parsing only that
        # much takes a tenth of the time (every start reads them); the whole script when
        # the part above is not Python of its own or does not have them.
        values = _revision_ids(source.split("\ndef ", 1)[0])
        if len(values) < 2:
            values = _revision_ids(source)
        revision, down = values.get("revision"), values.get("down_revision")
        if not isinstance(revision, str) or not (down is None or isinstance(down, str)):
            raise RuntimeError(f"{script.name}: revision ids must be plain strings")
        graph[revision] = down
    return graph


def _revision_ids(source: str) -> dict[str, object]:
    """The module-level ``revision`` and ``down_revision`` of a migration script's
    ``source`` (empty where it is not Python)."""
    values: dict[str, object] = {}
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return values
    for node in body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and node.targets[0].id in ("revision", "down_revision")
        ):
            values[node.targets[0].id] = ast.literal_eval(node.value)
    return values


def single_head(graph: dict[str, str | None]) -> str:
    """The one revision nothing follows (migrations form one line)."""
    heads = set(graph) - {down for down in graph.values() if down is not None}
    if len(heads) != 1:
        raise RuntimeError(f"migrations must form one line, found heads {sorted(heads)}")
    return heads.pop()


@cache
def revision_graph() -> dict[str, str | None]:
    """The station database's migrations, each revision id with the one it follows."""
    return read_revision_graph(migrations_dir())


def head_revision() -> str:
    return single_head(revision_graph())


def known_revisions() -> set[str]:
    return set(revision_graph())


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def set_foreign_keys(connection: Connection, on: bool) -> None:
    # PRAGMA foreign_keys is ignored inside a transaction, so it goes straight to the driver
    # connection, which runs in autocommit mode between our explicit BEGINs.
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def create_schema(connection: Connection) -> None:
    """Make the current schema in an empty database and mark it as at head."""
    from alembic import command

    from gwgk_desktop.store.schema import metadata

    with connection.begin():
        metadata.create_all(connection)
        for ddl in [*AUDIT_TRIGGERS.values(), *item_text.INDEX_DDL, *item_text.TRIGGERS.values()]:
            connection.execute(text(ddl))
        command.stamp(alembic_config(connection), "head")


def upgrade(connection: Connection, target: str = "head") -> None:
    """Bring the schema up to ``target``; the caller has made a backup."""
    from alembic import command

    set_foreign_keys(connection, on=False)
    try:
        with connection.begin():
            command.upgrade(alembic_config(connection), target)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"foreign key violations after migration: {broken[:5]}")
    finally:
        set_foreign_keys(connection, on=True)
