"""Moving a bureau database from SQLite to PostgreSQL: everything arrives, ids and all,
the copy works as a bureau database, and a target that holds data is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwgk_desktop.bureau import intake, registry, rounds, status
from gwgk_desktop.bureau.catalogue import CityCatalogue, CityQuery
from gwgk_desktop.bureau.database import open_bureau
from gwgk_desktop.bureau.transfer import copy_database
from gwgk_desktop.cli import main
from gwgk_desktop.errors import UserError
from tests.bureau.fixtures import City


def _sqlite_bureau(path: Path, city: City) -> None:
    import datetime as dt

    with open_bureau(path, create=True) as db:
        db.set_office("示范市公安局政务公开办公室")
        registry.import_file(db, city.registry)
        intake.take_in(db, city.packages(1))
        intake.take_in(db, [city.stations[0].packages[1]])
        rounds.add_round(db, "集中填报", dt.date(2026, 1, 1), dt.date(2099, 1, 1))


def test_a_sqlite_bureau_moves_to_postgresql(pg_url: str, city: City, tmp_path: Path) -> None:
    source = tmp_path / "bureau.sqlite"
    _sqlite_bureau(source, city)
    before = source.read_bytes()
    report = copy_database(str(source), pg_url)
    assert report.rows["bureau_packages"] == 4 and report.rows["bureau_stations"] == 3
    assert source.read_bytes() == before  # only read
    with open_bureau(source) as old, open_bureau(pg_url) as new:
        assert new.office() == "示范市公安局政务公开办公室"
        for query in (CityQuery(), CityQuery(text="户籍"), CityQuery(text="户")):
            assert CityCatalogue(new).search_ids(query) == CityCatalogue(old).search_ids(query)
        assert [s.to_dict() for s in status.status(new).stations] == [
            s.to_dict() for s in status.status(old).stations
        ]
        # The copy goes on as a bureau database: the next package continues there.
        result = intake.take_in(new, [city.stations[0].packages[2]])
    assert result.ok and result.outcomes[0].continuity is not None
    assert result.outcomes[0].continuity.value == "continues"


def test_a_target_with_data_is_refused(pg_url: str, city: City, tmp_path: Path) -> None:
    source = tmp_path / "bureau.sqlite"
    _sqlite_bureau(source, city)
    copy_database(str(source), pg_url)
    with pytest.raises(UserError, match="已有市局端数据"):
        copy_database(str(source), pg_url)


def test_from_the_command_line(
    pg_url: str, city: City, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bureau.sqlite"
    _sqlite_bureau(source, city)
    assert main(["bureau", "copy", "--from", str(source), "--to", pg_url]) == 0
    assert "bureau_items" in capsys.readouterr().out
    assert main(["bureau", "copy", "--from", pg_url, "--to", pg_url]) != 0
