"""The audit log: append-only, and any edit, deletion or cut-off tail is detected."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import open_database
from gwgk_desktop.store.models import AuditRow
from tests.conftest import actors_of
from tests.factories import catalogue_content


def _report(path: Path) -> audit.ChainReport:
    db = open_database(path, readonly=True)
    with db.read() as session:
        report = audit.verify_chain(session)
    db.close()
    return report


@pytest.fixture
def logged(station_db_path: Path) -> Path:
    """A station database with a few items' worth of audit records."""
    db = open_database(station_db_path)
    catalogue = Catalogue(db)
    clerk = actors_of(db).clerk
    for name in ("甲", "乙", "丙"):
        catalogue.changes.create(clerk, catalogue_content(catalogue, name))
    db.close()
    return station_db_path


def _tamper(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as connection:
        for name in ("audit_log_no_update", "audit_log_no_delete"):
            connection.execute(f"DROP TRIGGER {name}")  # what a tamperer would do first
        for statement in statements:
            connection.execute(statement)
    connection.close()


def test_a_fresh_chain_verifies(logged: Path) -> None:
    report = _report(logged)
    assert report.ok and report.rows >= 8


def test_triggers_refuse_update_and_delete(logged: Path) -> None:
    with sqlite3.connect(logged) as connection:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("UPDATE audit_log SET summary = 'x' WHERE id = 1")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute("DELETE FROM audit_log WHERE id = 1")
    connection.close()


def test_an_edited_row_is_detected(logged: Path) -> None:
    _tamper(logged, "UPDATE audit_log SET operator_name = '别人' WHERE id = 4")
    assert _report(logged).problems == ["审计日志第4条的内容被改动过（校验值不符）"]


def test_a_deleted_row_is_detected(logged: Path) -> None:
    _tamper(logged, "DELETE FROM audit_log WHERE id = 3")
    problems = _report(logged).problems
    assert "审计日志第3条至第3条缺失（被删除）" in problems
    assert "审计日志第4条与前一条不衔接（前面的记录被删除或改动）" in problems


def test_a_cut_off_tail_is_detected(logged: Path) -> None:
    last = _report(logged).rows
    _tamper(logged, f"DELETE FROM audit_log WHERE id = {last}")
    assert _report(logged).problems == [f"审计日志末尾的记录缺失：应有{last}条，实有{last - 1}条"]


def test_a_rehashed_forgery_still_breaks_the_head(logged: Path) -> None:
    # Changing a row and recomputing its own hash is not enough: the next row's prev_hash
    # no longer matches.
    db = open_database(logged, readonly=True)
    with db.read() as session:
        row = session.get(AuditRow, 2)
        assert row is not None
        forged = audit.row_hash(
            id=row.id,
            at=row.at,
            operator_id=row.operator_id,
            operator_name="伪造",
            action=row.action,
            entity=row.entity,
            entity_uuid=row.entity_uuid,
            summary=row.summary,
            before=row.before,
            after=row.after,
            prev_hash=row.prev_hash,
        )
    db.close()
    _tamper(logged, f"UPDATE audit_log SET operator_name='伪造', hash='{forged}' WHERE id=2")
    assert _report(logged).problems == ["审计日志第3条与前一条不衔接（前面的记录被删除或改动）"]
