"""Working-day arithmetic over random calendars, and the checks of a year's calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gwgk_desktop.domain.workdays import (
    CalendarFormatError,
    WorkCalendar,
    YearCalendar,
    is_weekend,
    parse_year,
    year_problems,
)
from gwgk_desktop.services.template import builtin_template, template_calendars
from tests.strategies import work_calendars

starts = st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31))


@given(work_calendars(), starts, st.integers(1, 80))
def test_the_nth_working_day_is_a_working_day_n_working_days_on(
    calendar: WorkCalendar, start: dt.date, n: int
) -> None:
    due = calendar.add(start, n)
    assert calendar.is_workday(due)
    assert due > start
    assert calendar.count(start, due) == n
    # and no earlier day would do
    assert calendar.count(start, due - dt.timedelta(days=1)) == n - 1


@given(work_calendars(), starts, st.integers(1, 40), st.integers(1, 40))
def test_adding_in_two_steps_is_adding_once(
    calendar: WorkCalendar, start: dt.date, a: int, b: int
) -> None:
    assert calendar.add(calendar.add(start, a), b) == calendar.add(start, a + b)


@given(work_calendars(), starts, starts)
def test_counting_matches_a_day_by_day_walk(
    calendar: WorkCalendar, after: dt.date, until: dt.date
) -> None:
    walked = 0
    day = after + dt.timedelta(days=1)
    while day <= until:
        walked += calendar.is_workday(day)
        day += dt.timedelta(days=1)
    assert calendar.count(after, until) == walked


def test_a_year_without_a_calendar_counts_weekends_only() -> None:
    calendar = WorkCalendar.of([])
    assert calendar.missing_years(dt.date(2027, 12, 20), dt.date(2028, 1, 20)) == [2027, 2028]
    friday = dt.date(2027, 1, 1)  # New Year's Day, but no calendar says so
    assert calendar.is_workday(friday)
    assert calendar.add(friday, 1) == dt.date(2027, 1, 4)


def test_the_shipped_2026_calendar_is_the_state_councils() -> None:
    """国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04), checked day by day."""
    years = {y.year: y for y in template_calendars(builtin_template())}
    calendar = WorkCalendar.of(years.values())
    assert sorted(years) == [2025, 2026]
    holidays_2026 = {
        ("01-01", "01-03"),
        ("02-15", "02-23"),
        ("04-04", "04-06"),
        ("05-01", "05-05"),
        ("06-19", "06-21"),
        ("09-25", "09-27"),
        ("10-01", "10-07"),
    }
    expected = set()
    for first, last in holidays_2026:
        day = dt.date.fromisoformat(f"2026-{first}")
        while day <= dt.date.fromisoformat(f"2026-{last}"):
            expected.add(day)
            day += dt.timedelta(days=1)
    assert years[2026].holidays == expected
    worked = {"01-04", "02-14", "02-28", "05-09", "09-20", "10-10"}
    assert years[2026].workdays == {dt.date.fromisoformat(f"2026-{d}") for d in worked}
    assert all(is_weekend(d) for d in years[2026].workdays)
    # 20 working days from the eve of the National Day holiday: the week off and the
    # worked Saturday 10 October both count as they should.
    assert calendar.add(dt.date(2026, 9, 28), 20) == dt.date(2026, 10, 30)
    assert calendar.count(dt.date(2025, 12, 31), dt.date(2026, 12, 31)) == 248


def test_year_problems_name_each_mistake() -> None:
    assert year_problems(
        2026,
        [dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2026, 1, 1)],
        [dt.date(2026, 1, 5), dt.date(2026, 1, 1)],
    ) == [
        "放假日中有不属于2026年的日期：2025-12-31",
        "放假日中有重复的日期：2026-01-01",
        "这些日期既是放假日又是调休上班日：2026-01-01",
        "调休上班日应为周六或周日，这些日期本来就是工作日：2026-01-01、2026-01-05",
    ]
    assert year_problems(1999, [], []) == ["年份 1999 不在 2000—2100 之间"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON 对象"),
        ({"holidays": []}, "缺少年份"),
        ({"year": "2026"}, "缺少年份"),
        ({"year": 2026, "holidays": "2026-01-01"}, "应为日期列表"),
        ({"year": 2026, "holidays": ["2026-13-01"]}, "不是 YYYY-MM-DD"),
        ({"year": 2026, "workdays": ["2026-01-05"]}, "本来就是工作日"),
    ],
)
def test_a_bad_calendar_document_says_what_is_wrong(data: object, message: str) -> None:
    with pytest.raises(CalendarFormatError, match=message):
        parse_year(data)


def test_a_good_calendar_document_parses() -> None:
    year = parse_year(
        {"year": 2027, "holidays": ["2027-01-01"], "workdays": ["2027-01-02"]}, "测试"
    )
    assert year == YearCalendar(
        2027, frozenset({dt.date(2027, 1, 1)}), frozenset({dt.date(2027, 1, 2)}), "测试"
    )
