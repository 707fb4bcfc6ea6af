"""SQLite failures are told apart by SQLite's result codes, produced here for real (no
message is parsed): locked, full, read-only and not-a-database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gwgk_desktop.errors import DatabaseCorrupt, DatabaseLocked, DatabaseReadOnly, DiskFull
from gwgk_desktop.store.sqlite_errors import is_disk_full, user_error


def _raised(action: object) -> sqlite3.Error:
    assert callable(action)
    with pytest.raises(sqlite3.Error) as caught:
        action()
    return caught.value


def test_locked(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        error = _raised(lambda: other.execute("BEGIN IMMEDIATE"))
        assert isinstance(user_error(error), DatabaseLocked)
    finally:
        other.close()
        holder.close()


def test_full_without_filling_a_disk(tmp_path: Path) -> None:
    connection = sqlite3.connect(tmp_path / "db.sqlite")
    connection.execute("CREATE TABLE t (x)")
    connection.execute("PRAGMA max_page_count = 3")  # SQLITE_FULL from the page limit
    error = _raised(
        lambda: connection.executemany("INSERT INTO t VALUES (?)", [("x" * 4000,)] * 20)
    )
    connection.close()
    assert is_disk_full(error)
    assert isinstance(user_error(error), DiskFull)


def test_read_only_and_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.close()
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    error = _raised(lambda: reader.execute("INSERT INTO t VALUES (1)"))
    reader.close()
    assert isinstance(user_error(error), DatabaseReadOnly)

    other = tmp_path / "notes.txt"
    other.write_text("这不是数据库" * 100, encoding="utf-8")
    connection = sqlite3.connect(other)
    error = _raised(lambda: connection.execute("SELECT * FROM sqlite_master"))
    connection.close()
    assert isinstance(user_error(error), DatabaseCorrupt)


def test_the_wording_of_a_message_decides_nothing() -> None:
    # Raised by Python code, not by SQLite: no result code, so a bug, whatever it says.
    assert user_error(sqlite3.OperationalError("database or disk is full")) is None
    assert not is_disk_full(sqlite3.OperationalError("disk is full"))
