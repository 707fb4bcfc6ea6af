"""The migrations own the schema: from empty to head they build exactly the models."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from gwgk_desktop.store import item_text, migrate
from gwgk_desktop.store.schema import metadata
from gwgk_desktop.store.triggers import AUDIT_TRIGGERS


def _schema(path: Path) -> dict[str, str]:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT type || ' ' || name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
    engine.dispose()
    return dict(rows)


def test_upgrade_from_empty_matches_the_models(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'migrated.sqlite'}")
    with engine.connect() as connection:
        migrate.upgrade(connection)
    with engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": migrate.include_name}
        )
        assert compare_metadata(context, metadata) == []
        triggers = {
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='trigger'"
            )
        }
    engine.dispose()
    assert triggers == set(AUDIT_TRIGGERS) | set(item_text.TRIGGERS)


def test_create_all_and_stamp_gives_the_same_tables_as_migrating(tmp_path: Path) -> None:
    migrated, created = tmp_path / "migrated.sqlite", tmp_path / "created.sqlite"
    for path, build in ((migrated, migrate.upgrade), (created, migrate.create_schema)):
        engine = create_engine(f"sqlite:///{path}")
        with engine.connect() as connection:
            build(connection)
        engine.dispose()
    a, b = _schema(migrated), _schema(created)
    assert a.keys() == b.keys()
    # The trigram index and its triggers are SQL, not models: the same text both ways.
    made_by_sql = [k for k in a if k.split(" ", 1)[1].startswith(("item_text", "item_search_text"))]
    assert len(made_by_sql) == 5 + len(item_text.TRIGGERS)  # with FTS5's shadow tables
    assert {k: a[k] for k in made_by_sql} == {k: b[k] for k in made_by_sql}
    engine = create_engine(f"sqlite:///{created}")
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": migrate.include_name}
        )
        assert compare_metadata(context, metadata) == []
        assert migrate.current_revision(connection) == migrate.head_revision()
    engine.dispose()


def test_every_migration_downgrades_cleanly(tmp_path: Path) -> None:
    from alembic import command

    engine = create_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    with engine.connect() as connection:
        migrate.upgrade(connection)
        with connection.begin():
            command.downgrade(migrate.alembic_config(connection), "base")
        tables = connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table'"
        ).fetchall()
    engine.dispose()
    assert [t[0] for t in tables] == ["alembic_version"]


def test_revision_ids_read_from_the_scripts_match_alembics_view() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.known_revisions() == {rev.revision for rev in script.walk_revisions()}
    assert migrate.head_revision() == script.get_current_head()
    for rev in script.walk_revisions():
        assert migrate.revision_graph()[rev.revision] == rev.down_revision
