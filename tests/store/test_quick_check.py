"""The quick check started early on a thread (``store.quick_check``): opening the database
with it finds what opening without it finds, corrupt or sound, and a check that met an
error gives the message the check at opening gives."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gwgk_desktop.errors import DatabaseCorrupt, DatabaseLocked
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store import quick_check
from gwgk_desktop.store.database import open_database
from gwgk_desktop.store.quick_check import QuickCheck
from tests.conftest import actors_of, corrupt_a_page
from tests.factories import catalogue_content


def _opened_state(path: Path, check: QuickCheck | None) -> tuple[list[str], bool]:
    with open_database(path, quick_check=check) as db:
        return list(db.condition.corruption), db.writable


def test_a_corrupt_database_is_found_so_with_or_without_the_early_check(
    station_db_path: Path,
) -> None:
    corrupt_a_page(station_db_path)
    without = _opened_state(station_db_path, None)
    check = QuickCheck.start(station_db_path)
    assert check is not None
    with_early = _opened_state(station_db_path, check)
    assert without == with_early
    found, writable = with_early
    assert found and found != ["ok"] and not writable
    with open_database(station_db_path, quick_check=QuickCheck.start(station_db_path)) as db:
        catalogue = Catalogue(db)
        with pytest.raises(DatabaseCorrupt, match="已停止写入"):
            catalogue.changes.create(actors_of(db).clerk, catalogue_content(catalogue))


def test_a_sound_database_stays_writable(station_db_path: Path) -> None:
    check = QuickCheck.start(station_db_path)
    assert check is not None and check.result() == ["ok"]
    assert _opened_state(station_db_path, check) == ([], True)


def test_a_check_of_another_file_is_not_taken(station_db_path: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(station_db_path.read_bytes())
    corrupt_a_page(damaged)
    assert _opened_state(station_db_path, QuickCheck.start(damaged)) == ([], True)


def test_nothing_is_started_where_opening_checks_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "new.sqlite"
    assert QuickCheck.start(missing) is None
    assert not missing.exists(), "not made by looking at it"
    text = tmp_path / "notes.sqlite"
    text.write_text("这不是数据库", encoding="utf-8")
    assert QuickCheck.start(text) is None
    assert QuickCheck.start(tmp_path) is None  # a folder


def test_a_check_that_met_a_lock_gives_the_locked_message(
    station_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The early check could not read the file (another program held it exclusively
    then): opening says so as the check at opening would, instead of a traceback."""
    monkeypatch.setattr(quick_check, "BUSY_TIMEOUT_S", 0.1)
    holder = sqlite3.connect(station_db_path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        check = QuickCheck.start(station_db_path)
        assert check is not None
        with pytest.raises(sqlite3.OperationalError):
            check.result()
    finally:
        holder.rollback()
        holder.close()
    with pytest.raises(DatabaseLocked, match="占用"):
        open_database(station_db_path, quick_check=check)
