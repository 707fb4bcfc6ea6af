"""Status of every registered station, and of a reporting round: on time, late, missing,
the reporting and on-time rates, and what each station's catalogue lacks."""

from __future__ import annotations

import datetime as dt

import pytest

from gwgk_desktop.bureau import intake, rounds, status
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.status import Standing, utc_start_of
from gwgk_desktop.errors import Conflict, UserError
from tests.bureau.fixtures import City


def _noon(day: dt.date) -> dt.datetime:
    return utc_start_of(day) + dt.timedelta(hours=12)


@pytest.fixture
def round_(registered: BureauDatabase) -> rounds.Round:
    return rounds.add_round(
        registered, "集中填报", dt.date(2026, 9, 10), dt.date(2026, 9, 20), "报送目录"
    )


def test_a_round_on_time_late_and_missing(
    registered: BureauDatabase, city: City, round_: rounds.Round
) -> None:
    on_time, late, before = city.packages(1)
    intake.take_in(registered, [on_time], received_at=_noon(dt.date(2026, 9, 20)))
    intake.take_in(registered, [late], received_at=_noon(dt.date(2026, 9, 21)))
    intake.take_in(registered, [before], received_at=_noon(dt.date(2026, 9, 1)))
    report = status.status(registered, round_, today=dt.date(2026, 10, 1))
    standings = {s.org_code: s.standing for s in report.stations}
    assert standings == {
        city.stations[0].org_code: Standing.ON_TIME,
        city.stations[1].org_code: Standing.LATE,
        city.stations[2].org_code: Standing.MISSING,
    }
    assert (report.received, report.expected) == (2, 3)
    assert report.reporting_rate == pytest.approx(2 / 3)
    assert report.on_time_rate == pytest.approx(1 / 3)
    assert "报送率67%" in report.summary() and "按时报送率33%" in report.summary()
    ranked = [s.org_code for s in report.ranked()]
    assert ranked == [s.org_code for s in city.stations]
    data = report.to_dict()
    assert data["round"]["on_time"] == 1 and data["round"]["missing"] == 1
    # Before the due date a station that has not reported is only pending.
    early = status.status(registered, round_, today=dt.date(2026, 9, 15))
    assert early.stations[2].standing is Standing.PENDING


def test_what_a_catalogue_lacks(registered: BureauDatabase, city: City) -> None:
    intake.take_in(registered, city.packages(1))
    report = status.status(registered, today=dt.date(2026, 10, 1))
    for row in report.stations:
        assert row.packages == 1 and row.last_sequence == 1 and row.items > 0
        assert sum(row.statuses.values()) == row.items
        assert sum(row.categories.values()) == row.items
        assert set(row.empty_categories) == {
            code for code, _name in status.standard_categories() if not row.categories.get(code)
        }
        assert row.key_ids and row.days_since_last is not None
    far = status.status(registered, today=dt.date(2099, 1, 1))
    assert any(s.overdue for s in far.stations)  # update-due dates have all passed by then
    lacks = far.stations[0].lacks(dict(status.standard_categories()))
    assert any("逾期未更新" in text for text in lacks)


def test_a_station_that_never_reported(registered: BureauDatabase, city: City) -> None:
    report = status.status(registered, today=dt.date(2026, 10, 1))
    assert all(s.packages == 0 and s.severity == "danger" for s in report.stations)
    assert report.stations[0].lacks({})[0] == "从未报送"
    assert len(report.stations[0].empty_categories) == len(status.standard_categories())


def test_rounds_are_checked(registered: BureauDatabase, round_: rounds.Round) -> None:
    with pytest.raises(Conflict):
        rounds.add_round(registered, "集中填报", dt.date(2026, 9, 1), dt.date(2026, 9, 2))
    with pytest.raises(UserError, match="早于"):
        rounds.add_round(registered, "检查督促", dt.date(2026, 9, 30), dt.date(2026, 9, 20))
    with pytest.raises(UserError, match="名称"):
        rounds.add_round(registered, "  ", dt.date(2026, 9, 1), dt.date(2026, 9, 2))
    assert rounds.find_round(registered, "集中填报") == round_
    assert rounds.find_round(registered, str(round_.id)) == round_
    changed = rounds.update_round(
        registered, round_.id, "集中填报", round_.opens_on, dt.date(2026, 9, 22), ""
    )
    assert changed.due_on == dt.date(2026, 9, 22)
    assert rounds.latest_round(registered, dt.date(2026, 12, 1)) == changed
    rounds.delete_round(registered, round_.id)
    assert rounds.rounds(registered) == []


def test_status_from_the_command_line(
    bureau_target: str, registered: BureauDatabase, city: City, capsys: pytest.CaptureFixture[str]
) -> None:
    from gwgk_desktop.cli import main

    intake.take_in(registered, city.packages(1), received_at=_noon(dt.date(2026, 9, 12)))
    db = ["--db", bureau_target]
    args = ["bureau", "round", "add", "--name", "集中填报", "--opens", "2026-09-10"]
    assert main([*args, "--due", "2026-09-20", *db]) == 0
    assert main(["bureau", "status", "--round", "集中填报", "--today", "2026-10-01", *db]) == 0
    out = capsys.readouterr().out
    assert out.count("按时报送\n") == 3 and "报送率100%" in out
    assert main(["bureau", "round", "list", *db]) == 0
    assert "集中填报" in capsys.readouterr().out
    assert main(["bureau", "status", "--round", "没有这一轮", *db]) == 7
    assert "没有报送轮次" in capsys.readouterr().err
