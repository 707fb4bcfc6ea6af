"""``gwgk check`` and export against a history changed behind the application's back:
a status written with sqlite3, forged transition rows, dropped triggers, a cut-off chain
with its head moved back, a rewritten chain. Before, every one of these passed ``check``
and export signed the unapproved item into the package."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import DatabaseCorrupt
from gwgk_desktop.services import check, checked_history, export, keys
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import open_database
from gwgk_desktop.store.models import AuditHead, AuditRow
from gwgk_desktop.submission.keys import KeyPair
from tests.conftest import actors_of, full_first, small_tmpfs
from tests.factories import catalogue_content
from tests.submission.conftest import PASSPHRASE


@pytest.fixture
def station(station_db_path: Path) -> Iterator[Path]:
    """A station with one approved item (id 1) and one draft (id 2), and a key."""
    with open_database(station_db_path) as db:
        catalogue = Catalogue(db)
        actors = actors_of(db)
        approved = catalogue.changes.create(actors.clerk, catalogue_content(catalogue, "已批"))
        catalogue.review.transition(actors.clerk, approved.id, Action.SUBMIT)
        catalogue.review.transition(actors.reviewer, approved.id, Action.APPROVE)
        catalogue.changes.create(actors.clerk, catalogue_content(catalogue, "草稿事项"))
        keys.create_key(db, actors.admin, PASSPHRASE)
    yield station_db_path


def _sql(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    with connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def _report(path: Path) -> check.CheckReport:
    with open_database(path, readonly=True, upgrade=False) as db:
        return check.run_check(db)


def _export(path: Path, out: Path) -> None:
    with open_database(path) as db:
        export.export_package(db, actors_of(db).admin, out, passphrase=PASSPHRASE)


def _export_refused(path: Path, tmp_path: Path, name: str) -> None:
    with open_database(path) as db, pytest.raises(export.ExportBlocked) as blocked:
        export.export_package(db, actors_of(db).admin, tmp_path / "out.gwgk", passphrase=PASSPHRASE)
    assert name in blocked.value.message and "未经审核流程" in blocked.value.message
    assert not (tmp_path / "out.gwgk").exists()


def test_a_sound_station_passes(station: Path) -> None:
    report = _report(station)
    assert report.ok and not report.unbacked and not report.audit_problems


@pytest.mark.parametrize("exported_first", [False, True])
def test_a_status_written_with_sqlite3_is_reported_and_not_exported(
    station: Path, tmp_path: Path, exported_first: bool
) -> None:
    """Also after an export: the next one checks from the checkpoint it left."""
    if exported_first:
        _export(station, tmp_path / "first.gwgk")
        assert checked_history.load(station) is not None
    _sql(station, "UPDATE item_revisions SET status = 'approved' WHERE item_id = 2")
    report = _report(station)
    assert not report.ok
    assert report.unbacked == [
        f"{_index(station, 2)}“草稿事项”第1版：状态为“已审核”，流转记录却只到“草稿”"
        "（状态被直接改过）"
    ]
    _export_refused(station, tmp_path, "草稿事项")


@pytest.mark.parametrize("exported_first", [False, True])
def test_forged_transition_rows_without_audit_records_are_reported(
    station: Path, tmp_path: Path, exported_first: bool
) -> None:
    """Also after an export: the next one checks from the checkpoint it left."""
    if exported_first:
        _export(station, tmp_path / "first.gwgk")
        assert checked_history.load(station) is not None
    _sql(
        station,
        "UPDATE item_revisions SET status = 'approved' WHERE item_id = 2",
        "INSERT INTO transitions (revision_id, action, from_status, to_status, at, operator_id,"
        " operator_name, comment) VALUES (2, 'submit', 'draft', 'pending', '2026-01-01', 3,"
        " '张录入', ''), (2, 'approve', 'pending', 'approved', '2026-01-01', 2, '李审核', '')",
    )
    assert _report(station).unbacked[0].endswith("有2条流转记录，审计日志中却有0条相应记录")
    _export_refused(station, tmp_path, "草稿事项")


def test_dropped_or_changed_triggers_are_reported(station: Path) -> None:
    _sql(
        station,
        "DROP TRIGGER audit_log_no_delete",
        "DROP TRIGGER audit_log_no_update",
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT 1; END",
    )
    report = _report(station)
    assert not report.ok
    assert report.audit_problems == [
        "审计日志的保护触发器 audit_log_no_update 被改动过",
        "审计日志的保护触发器 audit_log_no_delete 不存在（被删除过）",
    ]


def test_a_cut_off_chain_with_its_head_moved_back_is_reported(station: Path) -> None:
    """The approval's audit records are deleted and the head points at what is left:
    the chain itself verifies, the transitions it should record do not."""
    rows = sqlite3.connect(station)
    last, before_submit = rows.execute(
        "SELECT max(id), (SELECT max(id) FROM audit_log WHERE action = 'item.submit') - 1"
        " FROM audit_log"
    ).fetchone()
    head_hash = rows.execute(
        "SELECT hash FROM audit_log WHERE id = ?", (before_submit,)
    ).fetchone()[0]
    rows.close()
    _sql(
        station,
        "DROP TRIGGER audit_log_no_delete",
        f"DELETE FROM audit_log WHERE id > {before_submit}",
        f"UPDATE audit_head SET last_id = {before_submit}, last_hash = '{head_hash}'",
    )
    assert last > before_submit
    report = _report(station)
    assert not report.ok
    assert any("已批" in line and "审计日志中却有0条" in line for line in report.unbacked)
    assert any("在审计日志中没有新建记录" in p for p in report.audit_problems)


def test_a_rewritten_chain_still_contradicts_the_transitions(station: Path) -> None:
    """The approval record is credited to another operator and every later hash and the
    head are recomputed: the chain verifies, the transition row says who it was."""
    _sql(
        station,
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET operator_name = '冒名者' WHERE action = 'item.approve'",
    )
    rehash_all(station)
    report = _report(station)
    assert report.audit_problems == ["审计日志的保护触发器 audit_log_no_update 不存在（被删除过）"]
    assert report.unbacked and "与审计日志不符" in report.unbacked[0]


def _index(path: Path, item_id: int) -> str:
    connection = sqlite3.connect(path)
    (number,) = connection.execute(
        "SELECT index_number FROM items WHERE id = ?", (item_id,)
    ).fetchone()
    connection.close()
    return str(number)


def rehash_all(path: Path) -> None:
    """What someone who knows the hash rule does after editing rows: recompute every hash
    and the head, so that the chain verifies again."""
    with open_database(path) as db, db.write() as session:
        prev = audit.GENESIS
        for row in session.scalars(select(AuditRow).order_by(AuditRow.id)):
            row.prev_hash = prev
            row.hash = prev = audit.stored_row_hash(row)
        head = session.get(AuditHead, 1)
        assert head is not None
        head.last_hash = prev


@pytest.mark.parametrize(
    "before",
    [
        '{"revision":[1],"status":"pending"}',
        '{"revision":{"n":1},"status":"pending"}',
    ],
)
def test_an_approval_record_of_the_wrong_form_is_reported_not_a_traceback(
    station: Path, tmp_path: Path, before: str
) -> None:
    """The approval's ``before`` rewritten (its revision a list or an object) and the
    chain recomputed: the check stopped with a TypeError before; now the approved item
    is reported as not backed by the audit log, and export refuses it."""
    _sql(station, "DROP TRIGGER audit_log_no_update")
    _sql(station, f"UPDATE audit_log SET before = '{before}' WHERE action = 'item.approve'")
    rehash_all(station)
    report = _report(station)
    assert not report.ok
    assert len(report.unbacked) == 1 and report.unbacked[0].startswith(_index(station, 1))
    assert "审计日志中却有" in report.unbacked[0] or "与审计日志不符" in report.unbacked[0]
    _export_refused(station, tmp_path, "已批")


def test_an_audit_text_that_is_not_json_is_named_by_check(station: Path) -> None:
    """Before, the audit row's decoder stopped ``gwgk check`` with a JSONDecodeError
    traceback; now the damaged row is one finding, and the rest of the chain is checked."""
    _sql(
        station,
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET \"before\" = '{bad' WHERE id = ("
        'SELECT max(id) FROM audit_log WHERE "before" IS NOT NULL)',
    )
    report = _report(station)
    damaged = [p for p in report.audit_problems if "已损坏" in p]
    assert len(damaged) == 1 and "无法读取" in damaged[0]
    assert not report.ok


def test_a_damaged_json_text_elsewhere_is_a_clear_database_error(
    station: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gwgk_desktop.cli import main

    _sql(
        station,
        "DROP TRIGGER audit_log_no_update",
        "UPDATE audit_log SET \"after\" = 'not json' WHERE id = 1",
    )
    with (
        open_database(station, readonly=True, upgrade=False) as db,
        db.read() as session,
        pytest.raises(DatabaseCorrupt, match="已损坏"),
    ):
        session.scalars(select(AuditRow)).all()
    assert main(["--db", str(station), "check"]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err


# ------------------------------------------------- after an export left its checkpoint
def test_a_checkpoint_forged_to_back_a_written_status_is_not_believed(
    station: Path, tmp_path: Path
) -> None:
    """Someone writes the status and a checkpoint that calls it backed, sealed with a key
    of their own: the export checks the whole history and refuses."""
    _export(station, tmp_path / "first.gwgk")
    _sql(station, "UPDATE item_revisions SET status = 'approved' WHERE item_id = 2")
    loaded = checked_history.load(station)
    assert loaded is not None
    forged = dict(loaded.checked.backed)
    uuid, number, _status = forged[2]
    forged[2] = (uuid, number, "approved")
    checked_history.save(
        station, dataclasses.replace(loaded.checked, backed=forged), KeyPair.generate()
    )
    assert checked_history.load(station) is not None
    _export_refused(station, tmp_path, "草稿事项")


@pytest.mark.parametrize("damage", [b"", b"x" * 65, b"0" * 64 + b"\n{}", b"\xff" * 200])
def test_a_damaged_checkpoint_costs_only_the_whole_check(
    station: Path, tmp_path: Path, damage: bytes
) -> None:
    _export(station, tmp_path / "first.gwgk")
    checked_history.path_for(station).write_bytes(damage)
    assert checked_history.load(station) is None
    _export(station, tmp_path / "second.gwgk")
    assert checked_history.load(station) is not None  # a fresh one left
    _sql(station, "UPDATE item_revisions SET status = 'approved' WHERE item_id = 2")
    checked_history.path_for(station).write_bytes(damage)
    _export_refused(station, tmp_path, "草稿事项")


def test_a_rewritten_chain_after_an_export_is_caught(station: Path, tmp_path: Path) -> None:
    """The approval record rewritten and every hash recomputed after a checkpoint: the
    checkpoint's last record no longer has its hash, so the whole history is checked."""
    _export(station, tmp_path / "first.gwgk")
    _sql(station, "DROP TRIGGER audit_log_no_update")
    _sql(
        station,
        'UPDATE audit_log SET before = \'{"revision":[1],"status":"pending"}\''
        " WHERE action = 'item.approve'",
    )
    rehash_all(station)
    _export_refused(station, tmp_path, "已批")


def test_a_checkpoint_that_finds_the_disk_full_costs_the_next_export_the_whole_check(
    station: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database on a small tmpfs (mounted here) that is full by the time the export
    leaves its checkpoint: the export stands, no checkpoint or temporary file is left,
    and the next export checks the whole history (and still finds a written status)."""
    with small_tmpfs(tmp_path / "stick", "16m") as mount:
        database = mount / station.name
        shutil.copyfile(station, database)
        save = checked_history.save
        monkeypatch.setattr(checked_history, "save", full_first(mount, save))
        _export(database, tmp_path / "first.gwgk")
        assert (tmp_path / "first.gwgk").exists()
        assert sorted(p.name for p in mount.iterdir() if p.name.startswith(".")) == [
            f".{database.name}.export-lock"
        ]
        (mount / "filler").unlink()
        monkeypatch.setattr(checked_history, "save", save)
        _sql(database, "UPDATE item_revisions SET status = 'approved' WHERE item_id = 2")
        _export_refused(database, tmp_path, "草稿事项")
