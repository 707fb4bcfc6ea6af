"""Working days: weekends and public holidays off, the 调休 weekend days worked.

A year's calendar (``YearCalendar``) lists the holidays (放假日) and the weekend days that
are worked (调休上班日); every other Monday–Friday is a working day, every other weekend
day is not. A ``WorkCalendar`` holds the years it knows; a year it does not know counts
weekends only (Monday–Friday are working days), and callers say so to the user
(``missing_years``).

Statutory time limits count *from the day after* an event (民法典 art. 201: the day an
event happens is not counted), so ``add(start, n)`` is the n-th working day strictly after
``start`` and ``count(after, until)`` counts working days ``after < d <= until``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

#: Earliest and latest year a calendar may describe (a typo such as 20266 is refused).
FIRST_YEAR = 2000
LAST_YEAR = 2100


def is_weekend(day: dt.date) -> bool:
    return day.weekday() >= 5


@dataclass(frozen=True)
class YearCalendar:
    """One year's holidays and worked weekend days, and where they came from."""

    year: int
    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    #: Who issued it, for the user: e.g. "市局参考范本第2版" or "本单位修改".
    source: str = ""


def year_problems(year: int, holidays: Iterable[dt.date], workdays: Iterable[dt.date]) -> list[str]:
    """What is wrong with a year's calendar (in Chinese); empty when it is usable."""
    problems: list[str] = []
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return [f"年份 {year} 不在 {FIRST_YEAR}—{LAST_YEAR} 之间"]
    holidays, workdays = list(holidays), list(workdays)
    for label, days in (("放假日", holidays), ("调休上班日", workdays)):
        outside = sorted({d for d in days if d.year != year})
        if outside:
            problems.append(f"{label}中有不属于{year}年的日期：{_dates(outside)}")
        repeated = sorted({d for d in days if days.count(d) > 1})
        if repeated:
            problems.append(f"{label}中有重复的日期：{_dates(repeated)}")
    both = sorted(set(holidays) & set(workdays))
    if both:
        problems.append(f"这些日期既是放假日又是调休上班日：{_dates(both)}")
    weekdays = sorted(d for d in set(workdays) if not is_weekend(d))
    if weekdays:
        problems.append(f"调休上班日应为周六或周日，这些日期本来就是工作日：{_dates(weekdays)}")
    return problems


def _dates(days: Iterable[dt.date]) -> str:
    return "、".join(d.isoformat() for d in days)


@dataclass
class WorkCalendar:
    """The working days of the years it knows, weekends-only for the others."""

    years: dict[int, YearCalendar] = field(default_factory=dict)
    _ordinals: dict[int, list[int]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, years: Iterable[YearCalendar]) -> WorkCalendar:
        return cls({y.year: y for y in years})

    @property
    def known_years(self) -> frozenset[int]:
        return frozenset(self.years)

    def has_year(self, year: int) -> bool:
        return year in self.years

    def missing_years(self, first: dt.date, last: dt.date) -> list[int]:
        """The years from ``first`` to ``last`` that have no calendar."""
        return [y for y in range(first.year, last.year + 1) if y not in self.years]

    def is_workday(self, day: dt.date) -> bool:
        known = self.years.get(day.year)
        if known is not None:
            if day in known.holidays:
                return False
            if day in known.workdays:
                return True
        return not is_weekend(day)

    def _year(self, year: int) -> list[int]:
        """The ordinals of ``year``'s working days, ascending (made once per year)."""
        found = self._ordinals.get(year)
        if found is None:
            start = dt.date(year, 1, 1).toordinal()
            end = dt.date(year, 12, 31).toordinal()
            found = [n for n in range(start, end + 1) if self.is_workday(dt.date.fromordinal(n))]
            self._ordinals[year] = found
        return found

    def add(self, start: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``start`` (``n`` ≥ 1; ``start`` itself never
        counts, whatever day it is)."""
        if n < 1:
            raise ValueError("n must be at least 1")
        year = start.year
        days = self._year(year)
        position = bisect.bisect_right(days, start.toordinal())
        while position + n > len(days):
            n -= len(days) - position
            year += 1
            days = self._year(year)
            position = 0
        return dt.date.fromordinal(days[position + n - 1])

    def count(self, after: dt.date, until: dt.date) -> int:
        """Working days ``d`` with ``after < d <= until`` (0 when ``until <= after``)."""
        if until <= after:
            return 0
        total = 0
        for year in range(after.year, until.year + 1):
            days = self._year(year)
            low = bisect.bisect_right(days, after.toordinal())
            high = bisect.bisect_right(days, until.toordinal())
            total += high - low
        return total

    def next_workday(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the next one."""
        return self.add(day - dt.timedelta(days=1), 1)


class CalendarFormatError(ValueError):
    """A calendar document that cannot be used; the message is in Chinese."""


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_year(data: object, source: str = "") -> YearCalendar:
    """A year's calendar from its JSON form ``{"year": 2026, "holidays": [dates],
    "workdays": [dates]}`` (dates as YYYY-MM-DD); CalendarFormatError saying what is
    wrong otherwise."""
    if not isinstance(data, dict):
        raise CalendarFormatError("工作日历应为一个 JSON 对象，含 year、holidays、workdays")
    unknown = sorted(set(data) - {"year", "holidays", "workdays", "basis"})
    if unknown:
        raise CalendarFormatError(
            f"工作日历中有不认识的字段：{'、'.join(map(str, unknown))}"
            "（可用 year、holidays、workdays、basis）"
        )
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int):
        raise CalendarFormatError("工作日历缺少年份（year，应为整数，如 2026）")
    if not isinstance(data.get("basis", ""), str):
        raise CalendarFormatError("工作日历的依据（basis）应为文本")
    lists: dict[str, list[dt.date]] = {}
    for key, label in (("holidays", "放假日"), ("workdays", "调休上班日")):
        values = data.get(key, [])
        if not isinstance(values, list) or len(values) > 366:
            raise CalendarFormatError(f"{label}（{key}）应为日期列表")
        days = []
        for value in values:
            if not isinstance(value, str) or not _ISO_DATE.match(value):
                raise CalendarFormatError(f"{label}中的“{value}”不是 YYYY-MM-DD 格式的日期")
            try:
                days.append(dt.date.fromisoformat(value))
            except ValueError:
                raise CalendarFormatError(
                    f"{label}中的“{value}”不是 YYYY-MM-DD 格式的日期"
                ) from None
        lists[key] = days
    problems = year_problems(year, lists["holidays"], lists["workdays"])
    if problems:
        raise CalendarFormatError(f"{year}年工作日历有误：" + "；".join(problems))
    return YearCalendar(year, frozenset(lists["holidays"]), frozenset(lists["workdays"]), source)


def year_to_json(calendar: YearCalendar) -> dict[str, object]:
    return {
        "year": calendar.year,
        "holidays": sorted(d.isoformat() for d in calendar.holidays),
        "workdays": sorted(d.isoformat() for d in calendar.workdays),
    }
