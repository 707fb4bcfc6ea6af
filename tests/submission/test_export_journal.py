"""The export journal: a crash (simulated here by a failure that skips every clean-up, as
a kill would) at each step of an export leaves no package under its final name that the
station does not know, never two packages with one sequence number, and the next export
resolves what was left (tools/kill_harness.py does the same with real kill -9).

Before the journal, a crash between the rename and the database commit left a valid
signed package the database did not know, whose number the next export signed again."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import Conflict
from gwgk_desktop.filelock import locked
from gwgk_desktop.files import AtomicFile
from gwgk_desktop.services import export, station
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.export import ExportState
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import Database, open_database
from gwgk_desktop.submission.reader import open_package
from tests.conftest import actors_of
from tests.submission.conftest import export_as_admin


class Killed(BaseException):
    """Stands for kill -9: nothing after it runs (the clean-up is switched off)."""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _crash_at(monkeypatch: pytest.MonkeyPatch, point: str) -> None:
    """Make the export die at ``point`` with nothing cleaned up behind it."""
    monkeypatch.setattr(export, "_abandon", lambda *args: None)
    monkeypatch.setattr(AtomicFile, "discard", lambda self: None)

    def die(*_args: Any, **_kwargs: Any) -> None:
        raise Killed(point)

    if point == "before signing":
        monkeypatch.setattr("gwgk_desktop.submission.build.PackageBuilder.finish", die)
    elif point == "signed, not recorded":
        monkeypatch.setattr(export, "_record_signed", die)
    elif point == "recorded, not renamed":
        monkeypatch.setattr(AtomicFile, "commit", die)
    elif point == "renamed, not confirmed":
        monkeypatch.setattr(export, "_confirm", die)


@pytest.mark.parametrize(
    ("point", "outcome"),
    [
        ("before signing", ExportState.VOID),
        ("signed, not recorded", ExportState.VOID),
        ("recorded, not renamed", ExportState.VOID),
        ("renamed, not confirmed", ExportState.DONE),
    ],
)
@pytest.mark.parametrize("overwrite", [False, True], ids=["new file", "overwrite"])
def test_a_crash_at_each_step_is_resolved_by_the_next_export(
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    point: str,
    outcome: ExportState,
    overwrite: bool,
) -> None:
    target = tmp_path / "报送.gwgk"
    if overwrite:
        export_as_admin(db, target)  # number 2, under the name the crashed export overwrites
    earlier = target.read_bytes() if overwrite else None
    crashed = 3 if overwrite else 2

    _crash_at(monkeypatch, point)
    with pytest.raises(Killed):
        export_as_admin(db, target, overwrite=overwrite)
    monkeypatch.undo()

    # What the crash left: under the final name only a package the station knows.
    records = {r.sequence: r for r in export.history(db)}
    if target.exists():
        with open_package(target) as contents:
            on_disk = contents.manifest["sequence"]
        assert records[on_disk].sha256 == _sha(target)
    if earlier is not None and outcome is ExportState.VOID:
        assert target.read_bytes() == earlier

    # The next run resolves the journal, removes the temporary file, takes a new number.
    again = tmp_path / "再次.gwgk"
    result = export_as_admin(db, again)
    assert result.record.sequence == crashed + 1
    states = {r.sequence: r.state for r in export.history(db)}
    assert states[crashed] is outcome
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    predecessor = export.get_export(db, crashed if outcome is ExportState.DONE else crashed - 1)
    assert result.record.previous_sha256 == predecessor.sha256
    with open_package(again) as contents:
        assert contents.manifest["sequence"] == crashed + 1
    if outcome is ExportState.DONE:
        assert _sha(target) == export.get_export(db, crashed).sha256
    # A number is never signed for two packages: every number appears once, at most one
    # package per number exists, and a void number's package exists nowhere.
    numbers = [r.sequence for r in export.history(db)]
    assert len(numbers) == len(set(numbers))


def test_a_record_whose_stick_is_absent_waits(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    _crash_at(monkeypatch, "renamed, not confirmed")
    with pytest.raises(Killed):
        export_as_admin(db, stick / "报送.gwgk")
    monkeypatch.undo()
    moved = tmp_path / "stick-elsewhere"
    stick.rename(moved)  # the stick was pulled out

    result = export_as_admin(db, tmp_path / "next.gwgk")
    states = {r.sequence: r.state for r in export.history(db)}
    assert states[2] is ExportState.SIGNED  # not decided while its folder is absent
    assert result.record.previous_sha256 == export.get_export(db, 2).sha256

    moved.rename(stick)  # plugged in again
    export_as_admin(db, tmp_path / "third.gwgk")
    assert {r.sequence: r.state for r in export.history(db)}[2] is ExportState.DONE


def test_a_package_replaced_behind_the_journal_is_unconfirmed(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "报送.gwgk"
    _crash_at(monkeypatch, "renamed, not confirmed")
    with pytest.raises(Killed):
        export_as_admin(db, target)
    monkeypatch.undo()
    target.write_bytes(b"someone saved another file under this name")
    export_as_admin(db, tmp_path / "next.gwgk")
    assert {r.sequence: r.state for r in export.history(db)}[2] is ExportState.UNCONFIRMED


def test_one_export_at_a_time(db: Database, tmp_path: Path) -> None:
    with (
        locked(db.path.with_name(f".{db.path.name}.export-lock")),
        pytest.raises(Conflict, match="正在导出"),
    ):
        export_as_admin(db, tmp_path / "x.gwgk")
    assert [r.sequence for r in export.history(db)] == [1]


def test_the_package_is_one_snapshot(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process withdraws a licensing item and renames the station while the
    catalogue items are being written: the package shows the database as it was when
    the export began. Before, each part was read in a session of its own, and the
    licensing items were read after the withdrawal."""
    catalogue = Catalogue(db)
    licensing = next(catalogue.items.iter_items(ItemQuery(kind=ItemKind.LICENSING), in_force=True))
    reviewer = actors_of(db).reviewer
    real_record = export._item_record
    changed: list[bool] = []

    def record_and_meddle(item: Any, codes: Any) -> Any:
        if not changed:
            with open_database(db.path) as other:
                Catalogue(other).review.transition(
                    reviewer, licensing.id, Action.WITHDRAW, comment="另一进程撤回"
                )
                profile = station.get_profile(other)
                station.update_profile(other, Actor.system(), _renamed(profile))
            changed.append(True)
        return real_record(item, codes)

    monkeypatch.setattr(export, "_item_record", record_and_meddle)
    result = export_as_admin(db, tmp_path / "snapshot.gwgk")
    assert changed
    with open_package(result.path) as contents:
        uuids = {r["uuid"] for r in contents.records("licensing")}
        name = contents.json("data/station.json")["name"]
    assert licensing.uuid in uuids
    assert not name.endswith("（改名）")


def _renamed(profile: Any) -> Any:
    from dataclasses import replace

    return replace(profile, name=profile.name + "（改名）")
