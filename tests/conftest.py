"""Shared fixtures: a real SQLite file per test, copied from databases built once per run.

``QT_QPA_PLATFORM=offscreen`` is set before anything imports Qt, so GUI tests run
headless; pytest is configured with ``qt_log_level_fail = WARNING``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.run_folder import run_folder

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# Qt's settings (gui.settings) of every test, and of every process a test starts, go to a
# folder of this run: never into the user's own configuration.
os.environ["XDG_CONFIG_HOME"] = run_folder("XDG_CONFIG_HOME", "gwgk-test-config-")
# Likewise the cache (parsed fonts, pdf/font_cache.py).
os.environ["XDG_CACHE_HOME"] = run_folder("XDG_CACHE_HOME", "gwgk-test-cache-")

from gwgk_desktop import logs
from gwgk_desktop.domain.enums import Role
from gwgk_desktop.domain.models import Actor, StationProfile
from gwgk_desktop.logs import LOG_DIR_ENV
from gwgk_desktop.services import station
from gwgk_desktop.services.autosave import DraftSession
from gwgk_desktop.services.demo import build_demo
from gwgk_desktop.store.database import Database, open_database

#: The bureau's fixtures (SQLite and PostgreSQL databases, the demo city), shared by its
#: service and GUI tests.
pytest_plugins = ["tests.bureau.fixtures"]

PASSWORDS = {"admin": "admin123", "reviewer": "review123", "clerk": "clerk123"}
PROFILE = StationProfile(
    name="测试市公安局河西派出所",
    org_code="000099001",
    parent_unit="测试市公安局河西分局",
    address="测试市河西区长江路1号",
    office_hours="工作日 8:30—17:30",
    phone="0531-88880000",
    complaint_phone="0531-88889110",
)


@dataclass(frozen=True)
class Actors:
    admin: Actor
    reviewer: Actor
    clerk: Actor


def _copy_db(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


@pytest.fixture(scope="session", autouse=True)
def _log_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Logs written by the code under test (the CLI run in-process, subprocesses) go to a
    folder of this run, never into the user's data folder."""
    folder = tmp_path_factory.mktemp("logs")
    before = os.environ.get(LOG_DIR_ENV)
    os.environ[LOG_DIR_ENV] = str(folder)
    yield folder
    if before is None:
        del os.environ[LOG_DIR_ENV]
    else:
        os.environ[LOG_DIR_ENV] = before


@pytest.fixture
def restored_logging() -> Iterator[None]:
    """Whatever a test does to the root logger (``logs.setup``) is undone afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.fixture
def log_to_file(restored_logging: None) -> Path:
    """Log as the application does, into this run's log folder; returns the log file."""
    path = logs.setup(console=False)
    assert path is not None
    return path


@pytest.fixture(scope="session")
def _station_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A station with its three operators and no items, built once per test run."""
    path = tmp_path_factory.mktemp("template") / "station.sqlite"
    db = open_database(path, create=True)
    station.initialize(db, PROFILE, "admin", "王管理", PASSWORDS["admin"])
    admin = station.actor_for(station.list_operators(db)[0])
    station.create_operator(db, admin, "reviewer", "李审核", Role.REVIEWER, PASSWORDS["reviewer"])
    station.create_operator(db, admin, "clerk", "张录入", Role.CLERK, PASSWORDS["clerk"])
    db.close()
    return path


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo station (40 catalogue items, licensing and fee items), built once."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(path, items=40)
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where a test may create a fresh database."""
    return tmp_path / "gwgk.sqlite"


@pytest.fixture
def station_db_path(_station_template: Path, tmp_path: Path) -> Path:
    return _copy_db(_station_template, tmp_path / "station.sqlite")


@pytest.fixture
def station_db(station_db_path: Path) -> Iterator[Database]:
    """An open database of a set-up station with no items."""
    db = open_database(station_db_path)
    yield db
    db.close()


@pytest.fixture
def demo_db_path(_demo_template: Path, tmp_path: Path) -> Path:
    return _copy_db(_demo_template, tmp_path / "demo.sqlite")


@pytest.fixture
def demo_db(demo_db_path: Path) -> Iterator[Database]:
    """An open database of the demo station."""
    db = open_database(demo_db_path)
    yield db
    db.close()


def abandon(session: DraftSession) -> None:
    """What a killed process leaves of its draft folder: the files, without the lock."""
    assert session._lock_handle is not None
    session._lock_handle.close()
    session._lock_handle = None


@contextlib.contextmanager
def small_tmpfs(folder: Path, size: int | str) -> Iterator[Path]:
    """A size-limited tmpfs mounted at ``folder`` (made here) for filling up: the only
    place a test may make a disk full. Checked with ``mountpoint -q`` before it is
    yielded; unmounted afterwards; the test is skipped where mounting is not allowed."""
    folder.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode(errors='replace')}")
    try:
        assert is_mountpoint(folder)
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def is_mountpoint(folder: Path) -> bool:
    return subprocess.run(["mountpoint", "-q", str(folder)], check=False).returncode == 0


def full_first(mount: Path, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` (a save the test patches) called once ``mount``, a ``small_tmpfs``
    checked again just before, has been filled up: a disk that fills while a step runs."""

    def fill_then_call(*args: Any, **kwargs: Any) -> Any:
        assert is_mountpoint(mount)  # only ever the tmpfs, never the real disk
        with (mount / "filler").open("wb") as filler, contextlib.suppress(OSError):
            while True:
                filler.write(b"\0" * (1 << 20))
                filler.flush()
        return function(*args, **kwargs)

    return fill_then_call


def corrupt_a_page(path: Path) -> None:
    """Damage one page the catalogue does not touch (the request register's table):
    opening and the catalogue's reads still work, SQLite's quick check does not."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (page_size,) = connection.execute("PRAGMA page_size").fetchone()
    (root,) = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'disclosure_requests'"
    ).fetchone()
    connection.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * 64)


def actors_of(db: Database) -> Actors:
    """The admin, reviewer and clerk of a test or demo station (no password check)."""
    by_role = {op.role: station.actor_for(op) for op in station.list_operators(db)}
    return Actors(by_role[Role.ADMIN], by_role[Role.REVIEWER], by_role[Role.CLERK])


@pytest.fixture
def actors(station_db: Database) -> Actors:
    return actors_of(station_db)


@pytest.fixture
def demo_actors(demo_db: Database) -> Actors:
    return actors_of(demo_db)
