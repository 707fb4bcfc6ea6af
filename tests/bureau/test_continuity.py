"""Each accepted package is placed in its station's history: continuing, after a package the
bureau never got (yellow), or from a history that was rewritten or forked (red); accepted
in every case, and only a replayed sequence refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

from gwgk_desktop.bureau import intake
from gwgk_desktop.bureau.continuity import Continuity, Held, Offered, extends, judge
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.domain.audit_chain import GENESIS, ChainHead, record_hash
from gwgk_desktop.submission.format import AUDIT_FILE
from tests.bureau.fixtures import City, add_approved_item, export_next, station_key
from tests.submission.tools import manifest_of, parts_of, repack, resign


def _only(report: intake.IntakeReport) -> intake.Outcome:
    (outcome,) = report.outcomes
    assert outcome.result == intake.ACCEPTED, outcome
    return outcome


def test_packages_in_order_continue(registered: BureauDatabase, city: City) -> None:
    station = city.stations[0]
    continuities = [_only(intake.take_in(registered, [p])).continuity for p in station.packages]
    assert continuities == [Continuity.FIRST, Continuity.CONTINUES, Continuity.CONTINUES]


def test_a_package_never_delivered_shows_as_a_gap(registered: BureauDatabase, city: City) -> None:
    first, _second, third = city.stations[0].packages
    intake.take_in(registered, [first])
    outcome = _only(intake.take_in(registered, [third]))
    assert outcome.continuity is Continuity.GAP
    assert "第2至2号" in outcome.message and "未送达" in outcome.message


def _rewrite_history_from(db_path: Path, first_id: int) -> None:
    """What a tamperer with the database does: change an old audit record and recompute
    every hash after it, so the station's own check passes again."""
    with sqlite3.connect(db_path) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute("UPDATE audit_log SET summary = '改过' WHERE id = ?", (first_id,))
        rows = connection.execute(
            "SELECT id, at, operator_id, operator_name, action, entity, entity_uuid, summary, "
            "before, after FROM audit_log WHERE id >= ? ORDER BY id",
            (first_id,),
        ).fetchall()
        (prev,) = connection.execute(
            "SELECT hash FROM audit_log WHERE id = ?", (first_id - 1,)
        ).fetchone() or (GENESIS,)
        for row in rows:
            record: dict[str, Any] = {
                "id": row[0],
                "at": dt.datetime.fromisoformat(row[1]).isoformat(),
                "operator_id": row[2],
                "operator_name": row[3],
                "action": row[4],
                "entity": row[5],
                "entity_uuid": row[6],
                "summary": row[7],
                "before": json.loads(row[8]) if row[8] is not None else None,
                "after": json.loads(row[9]) if row[9] is not None else None,
                "prev_hash": prev,
            }
            digest = record_hash(record)
            connection.execute(
                "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev, digest, row[0])
            )
            prev = digest
        connection.execute("UPDATE audit_head SET last_hash = ?", (prev,))
    connection.close()


def test_a_rewritten_station_history_is_flagged_red(registered: BureauDatabase, city: City) -> None:
    station = city.stations[0]
    intake.take_in(registered, [station.packages[2]])  # the bureau has seen the third
    _rewrite_history_from(station.db_path, 3)
    add_approved_item(station.db_path, "改写之后的事项")
    fourth = export_next(station.db_path, station.db_path.with_name("fourth.gwgk"))
    outcome = _only(intake.take_in(registered, [fourth]))
    assert outcome.continuity is Continuity.REWRITTEN
    assert "历史被改写" in outcome.message


def test_a_station_restored_from_an_old_backup_is_flagged(
    registered: BureauDatabase, city: City, tmp_path: Path
) -> None:
    """The station's database goes back to a copy made after its first package; the
    bureau then gets its second package from the original and a later one from the copy."""
    station = city.stations[0]
    backup = tmp_path / "backup.sqlite"
    shutil.copyfile(station.db_path, backup)  # the fixture's database is past package 3
    intake.take_in(registered, list(station.packages))
    add_approved_item(station.db_path, "原库新增")
    intake.take_in(registered, [export_next(station.db_path, tmp_path / "4.gwgk")])
    add_approved_item(backup, "旧备份上新增")
    refused = intake.take_in(registered, [export_next(backup, tmp_path / "4-copy.gwgk")])
    assert refused.outcomes[0].failure == "replay"  # the same sequence: refused
    add_approved_item(backup, "旧备份上再新增")
    outcome = _only(intake.take_in(registered, [export_next(backup, tmp_path / "5-copy.gwgk")]))
    assert outcome.continuity in (Continuity.REWRITTEN, Continuity.GAP)
    assert outcome.continuity.severity in ("danger", "warning")


def test_a_version_1_0_package_is_accepted_as_legacy(
    registered: BureauDatabase, city: City, tmp_path: Path
) -> None:
    station = city.stations[0]
    intake.take_in(registered, [station.packages[0]])

    def as_1_0(manifest: dict[str, Any]) -> None:
        manifest["format_version"] = "1.0"
        for key in ("previous_package_id", "audit_chain"):
            del manifest[key]
        del manifest["counts"]["audit"]
        del manifest["files"][AUDIT_FILE]

    data = resign(station.packages[1].read_bytes(), station_key(station.db_path), as_1_0)
    old = tmp_path / "old.gwgk"
    old.write_bytes(repack([p for p in parts_of(data) if p.name != AUDIT_FILE]))
    outcome = _only(intake.take_in(registered, [old]))
    assert outcome.continuity is Continuity.LEGACY
    # The next 1.1 package is checked against the head the bureau saw before it.
    assert _only(intake.take_in(registered, [station.packages[2]])).continuity in (
        Continuity.GAP,
        Continuity.CONTINUES,
    )


def test_a_package_naming_an_older_predecessor_is_a_fork(
    registered: BureauDatabase, city: City, tmp_path: Path
) -> None:
    station = city.stations[0]
    first, second, third = station.packages
    intake.take_in(registered, [first, second])
    older = manifest_of(first.read_bytes())["package_id"]
    forked = tmp_path / "forked.gwgk"
    forked.write_bytes(
        resign(
            third.read_bytes(),
            station_key(station.db_path),
            lambda m: m.update(previous_package_id=older),
        )
    )
    outcome = _only(intake.take_in(registered, [forked]))
    assert outcome.continuity is Continuity.FORK


# ------------------------------------------------------------------ the rule, without files
def _head(count: int) -> ChainHead:
    return ChainHead(count, hashlib.sha256(str(count).encode()).hexdigest())


def test_extends() -> None:
    offered = Offered(3, "p2", _head(10), _head(6))
    assert extends(offered, _head(6), lambda _n: None) is True
    assert extends(offered, _head(10), lambda _n: None) is True
    assert extends(offered, _head(12), lambda _n: None) is False
    assert extends(offered, ChainHead(6, "0" * 64), lambda _n: None) is False
    assert extends(offered, _head(8), lambda n: _head(n).head) is True
    assert extends(offered, _head(8), lambda _n: "f" * 64) is False
    assert extends(offered, _head(4), lambda _n: None) is None


def test_judge_without_history_and_with_broken_records() -> None:
    offered = Offered(1, None, _head(5), None)
    assert judge(offered, Held({}, None, 0, None), lambda _n: None).continuity is Continuity.FIRST
    held = Held({"p1": 1}, "p1", 1, _head(5))
    broken = Offered(2, "p1", _head(9), _head(5), ("第7条审计记录与前一条不衔接",))
    assert judge(broken, held, lambda _n: None).continuity is Continuity.REWRITTEN
    restarted = Offered(2, None, _head(3), None)
    assert judge(restarted, held, lambda _n: None).continuity is Continuity.REWRITTEN
