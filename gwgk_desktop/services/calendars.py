"""The working-day calendar in force: which days count for the time limits of requests.

A year's calendar comes, in rising order of precedence, from the reference template built
into the app, from the reference template installed at the station (the bureau's, signed),
and from the station's own edit of that year, unless the installed template is newer than
the edit (a bureau that issues a corrected calendar is followed). A year none of them has
counts weekends only, and the app says so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwgk_desktop.domain import json_input
from gwgk_desktop.domain.enums import Role
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.domain.serialize import canonical_json
from gwgk_desktop.domain.workdays import (
    CalendarFormatError,
    WorkCalendar,
    YearCalendar,
    parse_year,
    year_to_json,
)
from gwgk_desktop.errors import NotFound, PermissionDenied, ReadFailed, UserError
from gwgk_desktop.files import read_input
from gwgk_desktop.services import template
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.request_models import CalendarYearRow
from gwgk_desktop.store.types import utcnow

LOCAL_SOURCE = "本单位修改"
#: Who may change the calendar: it is reference data, like the template.
EDITORS = frozenset({Role.ADMIN})


class CalendarError(UserError):
    pass


def missing_text(years: list[int]) -> str:
    """What the user is told about years without a calendar."""
    names = "、".join(f"{y}年" for y in years)
    return (
        f"{names}的工作日历尚未设置：期限暂只扣除周六、周日，未扣除法定节假日和调休。"
        "请导入市局下发的参考范本或在“工作日历”中补录"
    )


def effective_years(session: Session) -> dict[int, YearCalendar]:
    """Every year's calendar in force (see the module docstring)."""
    builtin = template.builtin_template()
    years = {
        y.year: y
        for y in template.template_calendars(builtin, f"程序内置参考范本第{builtin['version']}版")
    }
    active = template.active_template(session)
    active_years: set[int] = set()
    if active is not None:
        issuer = active.issued_by or active.name
        source = f"{issuer}参考范本第{active.version}版"
        for year in template.template_calendars(active.payload, source):
            years[year.year] = year
            active_years.add(year.year)
    for row in session.scalars(select(CalendarYearRow)):
        if active is not None and row.year in active_years and row.updated_at < active.installed_at:
            continue  # the bureau's newer template brought this year again
        years[row.year] = parse_year(
            {"year": row.year, "holidays": row.holidays, "workdays": row.workdays},
            row.source or LOCAL_SOURCE,
        )
    return years


def work_calendar(session: Session) -> WorkCalendar:
    return WorkCalendar.of(effective_years(session).values())


def fingerprint(calendar: WorkCalendar) -> str:
    """A hash of the working days themselves (not of where they came from)."""
    data = [year_to_json(calendar.years[y]) for y in sorted(calendar.years)]
    return hashlib.sha256(canonical_json(data)).hexdigest()


def load(db: Database) -> WorkCalendar:
    with db.read() as session:
        return work_calendar(session)


@dataclass(frozen=True)
class YearInfo:
    year: int
    calendar: YearCalendar | None
    #: The station has its own edit of this year in force.
    local: bool

    @property
    def source(self) -> str:
        return self.calendar.source if self.calendar else "未设置（只扣除周六、周日）"


def year_info(db: Database, year: int) -> YearInfo:
    with db.read() as session:
        found = effective_years(session).get(year)
    return YearInfo(year, found, found is not None and found.source == LOCAL_SOURCE)


def known_years(db: Database) -> list[int]:
    with db.read() as session:
        return sorted(effective_years(session))


def _require_editor(actor: Actor) -> None:
    if actor.role not in EDITORS:
        raise PermissionDenied(
            "只有管理员可以修改工作日历（市局下发的日历随参考范本导入）", "admin only"
        )


def save_year(db: Database, actor: Actor, calendar: YearCalendar) -> YearCalendar:
    """Store the station's own version of a year (replacing an earlier edit)."""
    _require_editor(actor)
    data = year_to_json(calendar)
    try:
        checked = parse_year(data, LOCAL_SOURCE)
    except CalendarFormatError as error:
        raise CalendarError(str(error), "invalid calendar") from error
    with db.write() as session:
        before = effective_years(session).get(calendar.year)
        row = session.get(CalendarYearRow, calendar.year) or CalendarYearRow(year=calendar.year)
        row.holidays = data["holidays"]
        row.workdays = data["workdays"]
        row.source = LOCAL_SOURCE
        row.updated_at = utcnow()
        row.updated_by = actor.display_name
        session.add(row)
        audit.append(
            session,
            actor,
            "calendar.save",
            "calendar",
            str(calendar.year),
            f"修改{calendar.year}年工作日历（放假{len(checked.holidays)}天，"
            f"调休上班{len(checked.workdays)}天）",
            before=year_to_json(before) if before else None,
            after=data,
        )
    return checked


def reset_year(db: Database, actor: Actor, year: int) -> None:
    """Drop the station's edit of ``year``: the template's calendar applies again."""
    _require_editor(actor)
    with db.write() as session:
        row = session.get(CalendarYearRow, year)
        if row is None:
            raise NotFound(f"{year}年没有本单位修改的工作日历", "no local calendar for that year")
        before = {"year": year, "holidays": row.holidays, "workdays": row.workdays}
        session.delete(row)
        audit.append(
            session,
            actor,
            "calendar.reset",
            "calendar",
            str(year),
            f"撤销本单位对{year}年工作日历的修改，恢复参考范本的日历",
            before=before,
        )


#: A year's calendar is a few kilobytes.
MAX_CALENDAR_FILE = 1 << 20


def read_file(path: Path) -> YearCalendar:
    """A year's calendar from a JSON file (``gwgk calendar import``)."""
    try:
        data = json_input.loads(read_input(path, MAX_CALENDAR_FILE, "工作日历文件"))
    except ReadFailed as error:
        raise CalendarError(error.message, error.english) from error
    except json_input.JsonInputError as error:
        raise CalendarError(f"{path.name} 的内容有误：{error.message}", error.english) from error
    try:
        return parse_year(data, LOCAL_SOURCE)
    except CalendarFormatError as error:
        raise CalendarError(str(error), "invalid calendar") from error


def days_of(calendar: WorkCalendar, year: int) -> list[tuple[dt.date, bool]]:
    """Every day of ``year`` with whether it is a working day (for the calendar view)."""
    day = dt.date(year, 1, 1)
    out = []
    while day.year == year:
        out.append((day, calendar.is_workday(day)))
        day += dt.timedelta(days=1)
    return out
