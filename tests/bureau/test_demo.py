"""``gwgk bureau demo``: a demo city whose stations' packages verify and are taken in."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from gwgk_desktop.bureau.database import open_bureau
from gwgk_desktop.bureau.models import PackageRow
from gwgk_desktop.cli import main
from gwgk_desktop.domain.enums import Severity
from gwgk_desktop.services.export import ExportBlocked, ExportCheck, Finding
from gwgk_desktop.submission.registry import Registry
from gwgk_desktop.submission.verify import verify_package


def test_the_demo_city_is_built_in_parallel_and_every_package_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Stations are copies of one template station; the copies once got new item uuids,
    which cut their transitions off the audit records, so every export was refused."""
    out = tmp_path / "city"
    code = main(
        ["bureau", "demo", "--stations", "3", "--items", "12", "--jobs", "2", "--out", str(out)]
    )
    assert code == 0, capsys.readouterr()
    packages = sorted((out / "packages").glob("*.gwgk"))
    assert len(packages) == 3
    registry = Registry.load(out / "registry.json")
    verified = [verify_package(package, registry) for package in packages]
    assert len({v.org_code for v in verified}) == 3
    with open_bureau(out / "bureau.sqlite") as db, db.read() as session:
        assert session.query(PackageRow).count() >= 2  # one station may be left late


def test_a_blocked_export_crosses_a_process_boundary_whole() -> None:
    """The demo builds stations in a process pool: an unpicklable error there became
    'A process in the process pool was terminated abruptly' instead of its message."""
    check = ExportCheck(errors=[Finding(Severity.ERROR, "名称不能为空", name="出生登记")])
    error = ExportBlocked(check)
    again = pickle.loads(pickle.dumps(error))
    assert isinstance(again, ExportBlocked) and again.message == error.message
    assert "名称不能为空" in again.message
