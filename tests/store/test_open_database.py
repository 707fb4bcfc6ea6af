"""Opening files: what is refused (untouched), what is upgraded (after a backup)."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from gwgk_desktop.errors import (
    DatabaseLocked,
    DatabaseNotFound,
    DatabaseReadOnly,
    DatabaseTooNew,
    NotADatabase,
    NotGwgkDatabase,
)
from gwgk_desktop.services import station
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store import migrate
from gwgk_desktop.store.database import open_database
from tests.conftest import PASSWORDS, PROFILE, actors_of
from tests.factories import catalogue_content


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_missing_file_is_not_created_unless_asked(db_path: Path) -> None:
    with pytest.raises(DatabaseNotFound, match="找不到数据库文件"):
        open_database(db_path)
    assert not db_path.exists()
    open_database(db_path, create=True).close()
    assert db_path.exists()


def test_a_text_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("这不是数据库\n" * 100, encoding="utf-8")
    before = digest(path)
    with pytest.raises(NotADatabase, match="不是政务公开目录的数据库文件"):
        open_database(path, create=True)
    assert digest(path) == before


def test_another_applications_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
    before = digest(path)
    with pytest.raises(NotGwgkDatabase, match="不是政务公开目录的数据库"):
        open_database(path, create=True)
    assert digest(path) == before
    assert not list(tmp_path.glob("other.sqlite-*"))


def test_a_database_from_a_newer_app_is_refused_untouched(station_db_path: Path) -> None:
    with sqlite3.connect(station_db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before = digest(station_db_path)
    with pytest.raises(DatabaseTooNew, match="更新版本"):
        open_database(station_db_path)
    assert digest(station_db_path) == before


def test_an_older_database_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        migrate.upgrade(connection, "0001")
    engine.dispose()
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO station (id, name, org_code, level, parent_unit, address, office_hours,"
            " phone, complaint_phone, email, created_at, updated_at) VALUES (1, '旧所', "
            "'000011111', 'station', '', '', '', '', '', '', '2025-01-01', '2025-01-01')"
        )
    raw.close()

    db = open_database(path)
    assert db.upgraded_from == "0001"
    assert db.backup_made is not None and db.backup_made.exists()
    # The backup is the database as it was: old schema, same data.
    with sqlite3.connect(f"file:{db.backup_made}?mode=ro", uri=True) as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        assert backup.execute("SELECT name FROM station").fetchone() == ("旧所",)
    backup.close()
    assert station.get_profile(db).name == "旧所"
    with db.connect() as connection:
        assert migrate.current_revision(connection) == migrate.head_revision()
    db.close()
    reopened = open_database(path)
    assert reopened.backup_made is None  # nothing more to upgrade, no second backup
    reopened.close()


def test_a_locked_database_gets_a_clear_message(station_db_path: Path) -> None:
    import gwgk_desktop.store.database as database_module

    original = database_module.BUSY_TIMEOUT_S
    database_module.BUSY_TIMEOUT_S = 0.2
    db = open_database(station_db_path)
    catalogue = Catalogue(db)
    clerk = actors_of(db).clerk
    # Another process holds the write lock (WAL lets readers through, not writers).
    holder = sqlite3.connect(station_db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLocked, match="占用"):
            catalogue.changes.create(clerk, catalogue_content(catalogue))
        assert catalogue.items.count() == 0  # reads still work while another process writes
    finally:
        database_module.BUSY_TIMEOUT_S = original
        holder.rollback()
        holder.close()
    assert catalogue.changes.create(clerk, catalogue_content(catalogue)).id
    db.close()


def test_initialize_twice_is_refused(station_db_path: Path) -> None:
    from gwgk_desktop.errors import Conflict

    db = open_database(station_db_path)
    with pytest.raises(Conflict, match="不能重复初始化"):
        station.initialize(db, PROFILE, "admin2", "二号", PASSWORDS["admin"])
    db.close()


@pytest.mark.parametrize("writable", [True, False], ids=["writable", "read-only medium"])
def test_reading_leaves_no_wal_files_and_writes_nothing(
    station_db_path: Path, monkeypatch: pytest.MonkeyPatch, writable: bool
) -> None:
    """Before, every read-only command (gwgk station, item list, check …) left the
    ``-wal`` and ``-shm`` files beside the database."""
    if not writable:  # root passes any permission check, so the medium is simulated
        monkeypatch.setattr("gwgk_desktop.store.uri.os.access", lambda *_a: False)
    before = hashlib.sha256(station_db_path.read_bytes()).hexdigest()
    with open_database(station_db_path, readonly=True) as db:
        assert Catalogue(db).items.count() == 0
        with pytest.raises(DatabaseReadOnly), db.connect() as connection:
            connection.exec_driver_sql("DELETE FROM station")
    if writable:
        assert sorted(p.name for p in station_db_path.parent.iterdir()) == [station_db_path.name]
    assert hashlib.sha256(station_db_path.read_bytes()).hexdigest() == before
