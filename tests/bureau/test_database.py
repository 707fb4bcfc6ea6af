"""Opening the bureau database: its migrations build exactly the models on both dialects,
and what is not a bureau database, or is newer, is refused without a change."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from gwgk_desktop.bureau import migrate
from gwgk_desktop.bureau.database import database_url, open_bureau
from gwgk_desktop.bureau.models import BureauBase
from gwgk_desktop.errors import DatabaseError, DatabaseNotFound, DatabaseTooNew, NotGwgkDatabase

#: Created by the migrations for the full-text index, not described by the models.
SEARCH_OBJECTS = {
    "bureau_item_fts",
    "bureau_item_terms",
}


def _ours(obj: object, name: str | None, kind: str, *_args: object) -> bool:
    """The bureau's tables and their indexes, without the search objects (a PostgreSQL
    database may hold other software's tables too)."""
    table = name if kind == "table" else getattr(getattr(obj, "table", None), "name", "")
    return (table or "").startswith("bureau_") and not (name or "").startswith(
        tuple(SEARCH_OBJECTS)  # with FTS5's shadow tables (bureau_item_fts_data, …)
    )


def test_migrations_build_the_models(bureau_target: str) -> None:
    open_bureau(bureau_target, create=True).close()
    engine = create_engine(database_url(bureau_target))
    with engine.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "version_table": migrate.VERSION_TABLE,
                "include_object": _ours,
            },
        )
        assert compare_metadata(context, BureauBase.metadata) == []
    engine.dispose()


def test_a_missing_database_is_not_created_unless_asked(bureau_target: str) -> None:
    with pytest.raises(DatabaseNotFound):
        open_bureau(bureau_target)
    with open_bureau(bureau_target, create=True) as db:
        assert db.office() == "市公安局政务公开办公室"
        db.set_office("示范市公安局政务公开办公室")
    with open_bureau(bureau_target) as db:
        assert db.office() == "示范市公安局政务公开办公室"


def test_a_newer_database_is_refused(bureau_target: str) -> None:
    open_bureau(bureau_target, create=True).close()
    engine = create_engine(database_url(bureau_target))
    with engine.begin() as connection:
        connection.execute(text(f"UPDATE {migrate.VERSION_TABLE} SET version_num = 'bureau_9999'"))
    engine.dispose()
    with pytest.raises(DatabaseTooNew, match="更新版本"):
        open_bureau(bureau_target)


def test_an_older_sqlite_database_is_backed_up_before_it_is_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bureau.sqlite"
    open_bureau(str(path), create=True).close()
    older = "bureau_0000_older"
    with sqlite3.connect(path) as connection:
        connection.execute(f"UPDATE {migrate.VERSION_TABLE} SET version_num = ?", (older,))
    connection.close()
    head = migrate.head_revision()
    monkeypatch.setattr(migrate, "known_revisions", lambda: {older, head})
    seen: list[str] = []

    def upgrade(connection: Any, target: str = "head") -> None:
        # The backup exists, whole, before the first change to the file.
        (backup,) = (tmp_path / "backups").glob(f"bureau-*-{older}.sqlite")
        with sqlite3.connect(backup) as copy:
            seen.append(
                copy.execute(f"SELECT version_num FROM {migrate.VERSION_TABLE}").fetchone()[0]
            )
        copy.close()
        connection.execute(text(f"UPDATE {migrate.VERSION_TABLE} SET version_num = '{head}'"))
        connection.commit()

    monkeypatch.setattr(migrate, "upgrade", upgrade)
    with open_bureau(str(path)) as db:
        assert seen == [older]
        assert db.upgraded_from == older and db.backup_made is not None
        assert db.backup_made.parent == tmp_path / "backups"


def test_a_station_database_is_not_a_bureau_database(station_db_path: Path) -> None:
    before = station_db_path.read_bytes()
    with pytest.raises(NotGwgkDatabase, match="派出所"):
        open_bureau(station_db_path, create=True)
    assert station_db_path.read_bytes() == before


def test_other_files_are_refused_untouched(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.sqlite"
    text_file.write_text("不是数据库")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    for path in (text_file, other):
        before = path.read_bytes()
        with pytest.raises(DatabaseError):
            open_bureau(path, create=True)
        assert path.read_bytes() == before


def test_foreign_tables_in_postgresql_are_refused(pg_url: str) -> None:
    engine = create_engine(database_url(pg_url))
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE bureau_items (x int)"))
    engine.dispose()
    with pytest.raises(NotGwgkDatabase):
        open_bureau(pg_url, create=True)


def test_an_unreachable_server_gives_one_clear_message() -> None:
    with pytest.raises(DatabaseError, match="无法连接"):
        open_bureau("postgresql://nobody@127.0.0.1:1/gwgk", create=True)


#: The ``gwgk`` command on a machine without libpq: psycopg's pure-Python form (the Linux
#: bundle's) finds no library.
WITHOUT_LIBPQ = """
import ctypes.util, sys
_find = ctypes.util.find_library
ctypes.util.find_library = lambda name: None if name == "pq" else _find(name)
from gwgk_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_without_libpq_sqlite_works_and_postgresql_says_what_is_missing(tmp_path: Path) -> None:
    def gwgk(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-c", WITHOUT_LIBPQ, "bureau", *args]
        env = {**os.environ, "PSYCOPG_IMPL": "python"}
        return subprocess.run(command, capture_output=True, text=True, env=env, check=False)

    db = str(tmp_path / "bureau.sqlite")
    assert gwgk("init", "--db", db).returncode == 0
    status = gwgk("status", "--db", db)
    assert status.returncode == 0 and "登记单位0个" in status.stdout
    refused = gwgk("status", "--db", "postgresql://gwgk@/gwgk?host=/nonexistent")
    assert refused.returncode != 0
    assert "没有 PostgreSQL 客户端库 libpq" in refused.stderr and "libpq5" in refused.stderr


def test_urls() -> None:
    assert database_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert database_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert database_url("/tmp/x.sqlite").get_backend_name() == "sqlite"
    with pytest.raises(DatabaseError, match="不支持"):
        database_url("mysql://u@h/db")
