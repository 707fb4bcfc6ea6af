"""``gwgk bureau`` from the command line, as separate processes: exit codes, two intakes of
the same stick at once, and an intake killed half-way and run again."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select, text

from gwgk_desktop.bureau import intake
from gwgk_desktop.bureau.catalogue import CityCatalogue, CityQuery
from gwgk_desktop.bureau.database import BureauDatabase, open_bureau
from gwgk_desktop.bureau.models import ItemRecord, PackageChunk, PackageRow, Rejection
from gwgk_desktop.cli import main
from tests.bureau.fixtures import City


def gwgk(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "gwgk_desktop", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "error::DeprecationWarning"},
    )


def full_stick(city: City, folder: Path) -> Path:
    """Every package of every station on one stick."""
    folder.mkdir()
    for station in city.stations:
        for package in station.packages:
            shutil.copyfile(package, folder / package.name)
    return folder


def test_intake_status_and_exit_codes(
    bureau_target: str, city: City, stick: Path, capsys: object, tmp_path: Path
) -> None:
    import pytest

    assert isinstance(capsys, pytest.CaptureFixture)
    args = ["bureau", "intake", str(stick), "--db", bureau_target, "--keys", str(city.registry)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.count("已接收  ") == 3 and "新登记密钥" in out
    assert main(["bureau", "intake", str(stick), "--db", bureau_target]) == 0
    assert capsys.readouterr().out.count("已接收过  ") == 3
    bad = tmp_path / "坏包.gwgk"
    bad.write_bytes(b"PK\x03\x04 not really")
    assert main(["bureau", "intake", str(bad), "--db", bureau_target]) == 10
    assert "拒收" in capsys.readouterr().out
    assert main(["bureau", "status", "--db", bureau_target, "--json"]) == 0
    stations = json.loads(capsys.readouterr().out)["stations"]
    assert {s["org_code"] for s in stations} == {s.org_code for s in city.stations}
    for station in stations:
        assert station["packages"] == 1 and station["last_sequence"] == 1
        assert station["items"] > 0 and station["name"].startswith("测试市公安局")
    assert main(["bureau", "status", "--db", bureau_target]) == 0
    assert "登记单位3个" in capsys.readouterr().out
    assert main(["bureau", "search", "户籍", "--db", bureau_target]) == 0
    assert "共" in capsys.readouterr().out


def _consistent(db: BureauDatabase) -> int:
    """Check that every recorded package is whole; return how many there are."""
    with db.read() as session:
        packages = session.scalars(select(PackageRow)).all()
        for package in packages:
            items = session.scalar(select(func.count()).where(ItemRecord.package_id == package.id))
            assert items == package.summary["items"]
            chunks = session.scalar(
                select(func.count()).where(PackageChunk.package_id == package.id)
            )
            assert chunks is not None and chunks >= 1
            data = b"".join(intake.iter_package_file(db, package.sha256))
            assert hashlib.sha256(data).hexdigest() == package.sha256 and len(data) == package.size
        currents = session.execute(
            select(PackageRow.station_id, func.count())
            .where(PackageRow.current)
            .group_by(PackageRow.station_id)
        ).all()
        assert all(n == 1 for _s, n in currents)
    catalogue = CityCatalogue(db)
    for row in catalogue.rows(catalogue.search_ids(CityQuery())):
        assert row.id in catalogue.search_ids(CityQuery(text=row.index_number))
    return len(packages)


def test_two_intakes_of_the_same_stick_at_once(
    bureau_target: str, city: City, tmp_path: Path
) -> None:
    stick = full_stick(city, tmp_path / "stick")
    assert main(["bureau", "registry", "import", str(city.registry), "--db", bureau_target]) == 0
    first = gwgk("bureau", "intake", str(stick), "--db", bureau_target)
    second = gwgk("bureau", "intake", str(stick), "--db", bureau_target)
    outputs = [process.communicate(timeout=300) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    accepted = sum(out.count("已接收  ") for out, _err in outputs)
    already = sum(out.count("已接收过  ") for out, _err in outputs)
    assert (accepted, already) == (9, 9)
    with open_bureau(bureau_target) as db:
        assert _consistent(db) == 9


def test_an_intake_killed_half_way_is_completed_by_running_it_again(
    bureau_target: str, city: City, tmp_path: Path
) -> None:
    stick = full_stick(city, tmp_path / "stick")
    assert main(["bureau", "registry", "import", str(city.registry), "--db", bureau_target]) == 0
    process = gwgk("bureau", "intake", str(stick), "--db", bureau_target)
    with open_bureau(bureau_target) as db:
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            with db.read() as session:
                if session.scalar(select(func.count()).select_from(PackageRow)):
                    break
            time.sleep(0.02)  # polling another process's progress; nothing to wait on
        process.send_signal(signal.SIGKILL)
        process.communicate()
        recorded = _consistent(db)
    assert recorded < 9, "the intake finished before it could be killed"
    rerun = gwgk("bureau", "intake", str(stick), "--db", bureau_target)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, (out, err)
    assert out.count("已接收过  ") == recorded
    with open_bureau(bureau_target) as db:
        assert _consistent(db) == 9


#: PostgreSQL's answer when its disk is full, raised by the server itself while a package's
#: items are written (after its row and its file): SQLSTATE 53100 in mid-transaction.
PG_DISK_FULL = """
CREATE FUNCTION gwgk_test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full';
END $$;
CREATE TRIGGER gwgk_test_disk_full BEFORE INSERT ON bureau_items
    FOR EACH ROW EXECUTE FUNCTION gwgk_test_disk_full();
"""


@contextlib.contextmanager
def _disk_full_in_mid_package(db: BureauDatabase) -> Iterator[None]:
    """The database's disk fills up in the middle of a package. On SQLite the file may grow
    a few pages only (``max_page_count``: SQLite then fails with SQLITE_FULL, the very error
    of a full disk); on PostgreSQL the server reports disk_full."""
    if db.is_sqlite:
        with db.read() as session:
            pages = int(session.execute(text("PRAGMA page_count")).scalar_one())

        def limit(dbapi_connection: Any, _record: object) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute(f"PRAGMA max_page_count = {pages + 6}")
            cursor.close()

        db.engine.dispose()
        event.listen(db.engine, "connect", limit)
        try:
            yield
        finally:
            event.remove(db.engine, "connect", limit)
            db.engine.dispose()
        return
    with db.engine.begin() as connection:
        connection.execute(text(PG_DISK_FULL))
    try:
        yield
    finally:
        with db.engine.begin() as connection:
            connection.execute(text("DROP TRIGGER gwgk_test_disk_full ON bureau_items"))
            connection.execute(text("DROP FUNCTION gwgk_test_disk_full()"))


def test_a_full_disk_stops_the_intake_and_nothing_is_half_recorded(
    bureau_target: str, registered: BureauDatabase, city: City, stick: Path, tmp_path: Path
) -> None:
    assert intake.take_in(registered, [stick]).ok
    assert _consistent(registered) == 3
    second = tmp_path / "second"
    second.mkdir()
    for package in city.packages(2):
        shutil.copyfile(package, second / package.name)
    with _disk_full_in_mid_package(registered):
        report = intake.take_in(registered, [second])
    assert not report.ok
    failed = report.outcomes[-1]
    assert (
        failed.result == intake.FAILED and "磁盘" in failed.message and "未作记录" in failed.message
    )
    assert len(report.outcomes) + len(report.not_reached) == 3
    assert _consistent(registered) == 3 + report.count(intake.ACCEPTED)
    with registered.read() as session:
        assert not session.scalar(select(func.count()).select_from(Rejection))
    # With room again, the same intake completes what was not recorded.
    assert main(["bureau", "intake", str(second), "--db", bureau_target]) == 0
    assert _consistent(registered) == 6
