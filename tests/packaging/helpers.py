"""Helpers for the packaging tests: where the built artefacts are, and an old-schema
database."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

from gwgk_desktop.services.demo import build_demo
from gwgk_desktop.store import migrate
from gwgk_desktop.store.database import open_database

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"

#: What the offscreen platform prints whenever a window is shown; it is not ours.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"

#: Where ``make bundle`` / ``make deb`` put their output (overridable for artefacts built
#: elsewhere).
DIST = Path(os.environ.get("GWGK_DIST_DIR", ROOT / "dist"))


def previous_revision() -> str:
    """The schema revision before the current head (what the last release wrote)."""
    script = ScriptDirectory.from_config(migrate.alembic_config())
    head = script.get_revision(migrate.head_revision())
    assert head is not None and isinstance(head.down_revision, str)
    return head.down_revision


def make_old_database(path: Path, items: int = 12) -> dict[str, int]:
    """A demo station database taken back to the previous schema revision, as an install
    of the previous release would have left it. Returns row counts to compare after the
    upgrade."""
    build_demo(path, items=items)
    db = open_database(path)
    try:
        with db.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            driver.execute("PRAGMA foreign_keys=OFF")
            with connection.begin():
                command.downgrade(migrate.alembic_config(connection), previous_revision())
    finally:
        db.close()
    # Counted after the downgrade: tables the newer schema added are gone, with their rows.
    return table_counts(path)


def table_counts(path: Path, only: Iterable[str] | None = None) -> dict[str, int]:
    """Rows per table; with ``only``, just those tables (the ones an old schema had)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT IN ('alembic_version', 'audit_head')"
                # A contentless FTS5 index cannot be counted (its shadow tables are).
                " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
            )
        ]
        wanted = set(names) if only is None else set(only)
        return {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in sorted(wanted)
        }
    finally:
        connection.close()


def schema_revision(path: Path) -> str:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        connection.close()


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """A minimal environment for running the bundle as a user would: no virtualenv, no
    PYTHONPATH, ``home`` as the home folder (so the per-user data folder is inside it)."""
    home.mkdir(parents=True, exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    env.update(extra)
    return env


def unexpected_stderr(stderr: str) -> list[str]:
    """The lines of ``stderr`` other than the offscreen platform's known notice."""
    # Qt's messages go through the log (gui/failures.py), which prefixes them.
    return [line for line in stderr.splitlines() if not line.endswith(OFFSCREEN_NOISE)]


def after_one_login(before: dict[str, int]) -> dict[str, int]:
    """The row counts ``before`` plus the audit record that logging in appends."""
    return {**before, "audit_log": before["audit_log"] + 1}
