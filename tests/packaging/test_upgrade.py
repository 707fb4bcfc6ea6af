"""Upgrade safety: a database written by the previous release (previous schema revision)
opened by this code is backed up first, then migrated, with every row kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.check import run_check
from gwgk_desktop.store import migrate
from gwgk_desktop.store.database import open_database
from tests.packaging.helpers import (
    make_old_database,
    previous_revision,
    schema_revision,
    table_counts,
)


def test_old_database_is_backed_up_then_migrated_with_data_intact(tmp_path: Path) -> None:
    path = tmp_path / "gwgk.sqlite"
    before = make_old_database(path)
    old = previous_revision()
    assert schema_revision(path) == old
    old_bytes = path.read_bytes()

    with open_database(path) as db:
        assert db.upgraded_from == old
        assert db.backup_made is not None
        backup = db.backup_made
        report = run_check(db)
        names = [row.name for row in Catalogue(db).items.list_rows()]

    assert schema_revision(path) == migrate.head_revision()
    assert table_counts(path, only=before) == before
    assert report.ok and not report.needs_upgrade and report.audit_rows == before["audit_log"]
    assert len(names) == before["items"] and "出生登记" in names
    # The backup is the old database as it was, readable on its own.
    assert backup.parent == path.parent / "backups" and old in backup.name
    assert schema_revision(backup) == old
    assert table_counts(backup, only=before) == before
    with sqlite3.connect(backup) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert len(old_bytes) > 0


def test_read_only_open_of_old_database_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "gwgk.sqlite"
    make_old_database(path)
    content = path.read_bytes()
    with open_database(path, readonly=True) as db:
        assert db.readonly and db.backup_made is None
        assert Catalogue(db).items.count() > 0
    assert path.read_bytes() == content
    assert not (tmp_path / "backups").exists()
