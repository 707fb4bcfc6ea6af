"""Intake: packages from files and folders are verified and recorded once, refused ones are
listed with the reason and recorded as rejections, and the input is never touched."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from gwgk_desktop.bureau import intake, registry
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.models import ItemRecord, PackageRow, Rejection, StationRow
from gwgk_desktop.submission.errors import Failure
from gwgk_desktop.submission.reader import open_package
from gwgk_desktop.submission.zipfmt import DEFLATE
from tests.bureau.fixtures import City
from tests.submission.tools import Part, part, parts_of, repack


def _files_of(folder: Path) -> dict[Path, tuple[str, float]]:
    return {
        p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _count(db: BureauDatabase, model: type) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_a_stick_is_taken_in_and_recorded(registered: BureauDatabase, stick: Path) -> None:
    before = _files_of(stick)
    report = intake.take_in(registered, [stick], by="张三")
    assert report.ok and report.count(intake.ACCEPTED) == 3
    assert _files_of(stick) == before  # nothing changed, added or removed on the stick
    with registered.read() as session:
        packages = session.scalars(select(PackageRow).order_by(PackageRow.id)).all()
        assert [p.current for p in packages] == [True] * 3
        for package in packages:
            source = Path(package.source)
            with open_package(source) as contents:
                manifest = contents.manifest
            items = session.scalar(
                select(func.count()).where(ItemRecord.package_id == package.id, ItemRecord.current)
            )
            assert items == sum(manifest["counts"][k] for k in ("catalogue", "licensing", "fee"))
            assert package.continuity == "first" and package.taken_in_by == "张三"
            stored = b"".join(intake.iter_package_file(registered, package.sha256))
            assert stored == source.read_bytes()
        names = set(session.scalars(select(StationRow.name)))
    assert "测试市公安局城东派出所" in names


def test_the_same_package_again_is_already_received(
    registered: BureauDatabase, stick: Path, tmp_path: Path
) -> None:
    intake.take_in(registered, [stick])
    copy = tmp_path / "另一个U盘"
    shutil.copytree(stick, copy)
    report = intake.take_in(registered, [copy, stick])
    assert report.ok
    assert [o.result for o in report.outcomes] == [intake.ALREADY] * 6
    assert all(o.label == "已接收过" and "未重复记录" in o.message for o in report.outcomes)
    assert _count(registered, PackageRow) == 3


def test_a_newer_package_replaces_the_current_catalogue(
    registered: BureauDatabase, city: City
) -> None:
    first, second = city.stations[0].packages[:2]
    intake.take_in(registered, [first])
    report = intake.take_in(registered, [second])
    assert report.ok
    (outcome,) = report.outcomes
    assert outcome.continuity is not None and outcome.continuity.value == "continues"
    with registered.read() as session:
        current = session.scalars(select(PackageRow).where(PackageRow.current)).all()
        assert [p.sequence for p in current] == [2]
        names = set(session.scalars(select(ItemRecord.name).where(ItemRecord.current)))
    assert "第2次报送前新增的事项" in names


def test_packages_of_one_station_are_taken_in_oldest_first(
    registered: BureauDatabase, city: City, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    for number, package in enumerate(reversed(city.stations[0].packages)):
        shutil.copyfile(package, stick / f"{number}.gwgk")  # names sort newest first
    report = intake.take_in(registered, [stick])
    assert report.ok and [o.sequence for o in report.outcomes] == [1, 2, 3]


def test_an_older_package_after_a_newer_one_is_a_replay(
    registered: BureauDatabase, city: City
) -> None:
    first, second, _third = city.stations[0].packages
    intake.take_in(registered, [second])
    report = intake.take_in(registered, [first])
    assert not report.ok
    (outcome,) = report.outcomes
    assert outcome.result == intake.REJECTED and outcome.failure == Failure.REPLAY.value
    assert "回退" in outcome.message


def test_an_unregistered_station_is_refused_and_the_rest_recorded(
    bureau: BureauDatabase, city: City, stick: Path
) -> None:
    for station in city.stations[1:]:
        registry.import_file(bureau, station.key_file)
    report = intake.take_in(bureau, [stick])
    assert not report.ok
    refused = [o for o in report.outcomes if o.result == intake.REJECTED]
    assert [o.failure for o in refused] == [Failure.UNKNOWN_KEY.value]
    assert "不在密钥登记册中" in refused[0].message
    assert _count(bureau, PackageRow) == 2
    with bureau.read() as session:
        (rejection,) = session.scalars(select(Rejection)).all()
    assert rejection.failure == "unknown-key" and rejection.org_code == city.stations[0].org_code


def test_a_revoked_key_is_refused(registered: BureauDatabase, city: City, stick: Path) -> None:
    key_id = registry.load(registered).for_station(city.stations[1].org_code)[0].key_id
    registry.revoke(registered, key_id)
    report = intake.take_in(registered, [stick])
    refused = [o for o in report.outcomes if o.result == intake.REJECTED]
    assert [o.failure for o in refused] == [Failure.REVOKED_KEY.value]
    assert _count(registered, PackageRow) == 2


def _flip_last_byte_of(data: bytes, name: str) -> bytes:
    parts = parts_of(data)
    target = part(parts, name)
    target.data = target.data[:-1] + bytes([target.data[-1] ^ 0x01])
    return repack(parts)


def _with_extra_file(data: bytes) -> bytes:
    return repack([*parts_of(data), Part("data/extra.json", DEFLATE, b"{}")])


TAMPERED = {
    "altered-file": lambda d: _flip_last_byte_of(d, "data/catalogue.jsonl"),
    "truncated": lambda d: d[: len(d) // 2],
    "not-a-package": lambda d: b"%PDF-1.4 " + d[9:],
    "extra-file": _with_extra_file,
}


@pytest.mark.parametrize("failure", sorted(TAMPERED))
def test_tampered_packages_are_refused_and_not_recorded(
    registered: BureauDatabase, city: City, tmp_path: Path, failure: str
) -> None:
    good = city.stations[0].packages[0].read_bytes()
    bad = tmp_path / f"{failure}.gwgk"
    bad.write_bytes(TAMPERED[failure](good))
    report = intake.take_in(registered, [bad])
    (outcome,) = report.outcomes
    assert outcome.result == intake.REJECTED
    assert outcome.failure == failure
    assert _count(registered, PackageRow) == 0 and _count(registered, ItemRecord) == 0
    assert _count(registered, Rejection) == 1


def test_a_missing_path_is_an_error(registered: BureauDatabase, tmp_path: Path) -> None:
    from gwgk_desktop.errors import UserError

    with pytest.raises(UserError, match="找不到"):
        intake.take_in(registered, [tmp_path / "nothing-here"])


def test_a_large_package_goes_through_a_temporary_file(
    registered: BureauDatabase, stick: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(intake, "SPOOL_IN_MEMORY", 1024)
    assert intake.take_in(registered, [stick]).ok
    assert _count(registered, PackageRow) == 3


def test_the_state_file_of_gwgk_verify_is_taken_over(
    bureau_target: str, registered: BureauDatabase, city: City, tmp_path: Path
) -> None:
    from gwgk_desktop.cli import main

    first, second, third = city.stations[0].packages
    state = tmp_path / "state.json"
    # The bureau checked package 2 with `gwgk verify` before it had a database.
    assert main(["verify", str(second), "--keys", str(city.registry), "--state", str(state)]) == 0
    assert main(["bureau", "registry", "import-state", str(state), "--db", bureau_target]) == 0
    report = intake.take_in(registered, [first, third])
    refused, accepted = report.outcomes
    assert refused.result == intake.REJECTED and refused.failure == Failure.REPLAY.value
    assert accepted.result == intake.ACCEPTED and accepted.sequence == 3
