"""The request register through its service: numbering, steps with roles and audit, the
stored due days kept in step with the calendar in force, and the due and overdue lists."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from sqlalchemy import select

from gwgk_desktop.domain.request_info import RequestInfo
from gwgk_desktop.domain.requests import (
    ApplicantType,
    Delivery,
    Outcome,
    RequestChannel,
    RequestStatus,
    StepKind,
)
from gwgk_desktop.domain.workdays import YearCalendar
from gwgk_desktop.errors import NotFound, PermissionDenied
from gwgk_desktop.services import calendars, template
from gwgk_desktop.services.request_json import RequestFormatError, info_from_dict
from gwgk_desktop.services.requests import Register, RequestError, RequestQuery
from gwgk_desktop.store.audit import verify_chain
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import AuditRow
from tests.conftest import Actors

TODAY = dt.date(2026, 12, 31)


def info(received: dt.date = dt.date(2026, 9, 28), **changes: object) -> RequestInfo:
    values: dict[str, object] = {
        "received": received,
        "channel": RequestChannel.IN_PERSON,
        "applicant_type": ApplicantType.NATURAL,
        "applicant": "张三",
        "content": "本所2025年辖区治安情况统计",
        "phone": "13800000000",
        "address": "测试市河西区长江路2号",
    }
    values.update(changes)
    return RequestInfo(**values)  # type: ignore[arg-type]


@pytest.fixture
def register(station_db: Database) -> Register:
    return Register(station_db, TODAY)


def test_requests_are_numbered_per_year_of_receipt(register: Register, actors: Actors) -> None:
    numbers = [
        register.register(actors.clerk, info(day)).number
        for day in (
            dt.date(2025, 12, 30),
            dt.date(2026, 1, 5),
            dt.date(2026, 1, 6),
            dt.date(2025, 12, 31),
        )
    ]
    assert numbers == ["2025-0001", "2026-0001", "2026-0002", "2025-0002"]
    assert register.resolve("2026-0002") == register.resolve(3)
    with pytest.raises(NotFound):
        register.resolve("2026-0099")


def test_the_due_day_follows_the_2026_holidays(register: Register, actors: Actors) -> None:
    record = register.register(actors.clerk, info())
    assert record.clock.due == dt.date(2026, 10, 30)
    assert record.clock.status is RequestStatus.PROCESSING
    assert record.missing_years == ()
    [row] = register.list_rows()
    assert (row.number, row.due, row.status) == (
        "2026-0001",
        dt.date(2026, 10, 30),
        RequestStatus.PROCESSING,
    )


def test_a_request_through_every_step(
    register: Register, actors: Actors, station_db: Database
) -> None:
    record = register.register(actors.clerk, info())
    rid = record.id
    record = register.record(
        actors.clerk, rid, StepKind.CORRECTION_NOTICE, dt.date(2026, 9, 30), note="请写明年份"
    )
    assert record.clock.status is RequestStatus.AWAITING_CORRECTION and record.clock.due is None
    assert record.clock.correction_due == calendars.load(station_db).add(dt.date(2026, 9, 30), 15)
    record = register.record(actors.clerk, rid, StepKind.CORRECTION_RECEIVED, dt.date(2026, 10, 12))
    assert record.clock.due == dt.date(2026, 11, 9)
    record = register.record(
        actors.clerk, rid, StepKind.CONSULT_SENT, dt.date(2026, 10, 13), party="某物业公司"
    )
    assert record.clock.status is RequestStatus.CONSULTING
    record = register.record(
        actors.clerk, rid, StepKind.CONSULT_REPLIED, dt.date(2026, 10, 20), note="同意"
    )
    assert record.clock.paused_days == 5 and record.clock.due == dt.date(2026, 11, 16)
    with pytest.raises(PermissionDenied, match="单位负责人"):
        register.record(actors.clerk, rid, StepKind.EXTENSION, dt.date(2026, 11, 2), party="李所长")
    record = register.record(
        actors.reviewer, rid, StepKind.EXTENSION, dt.date(2026, 11, 2), party="李所长"
    )
    assert record.clock.due == dt.date(2026, 12, 14) and record.clock.limit == 40
    with pytest.raises(RequestError, match="只能延长一次"):
        register.record(actors.admin, rid, StepKind.EXTENSION, dt.date(2026, 11, 3), party="李所长")
    record = register.record(
        actors.clerk,
        rid,
        StepKind.ANSWER,
        dt.date(2026, 12, 1),
        outcome=Outcome.PARTLY,
        note="部分涉及个人隐私",
    )
    assert record.clock.status is RequestStatus.ANSWERED and not record.clock.late_answer
    with pytest.raises(RequestError, match="答复办结"):
        register.record(actors.clerk, rid, StepKind.CONSULT_SENT, dt.date(2026, 12, 2), party="乙")
    assert [s.kind for s in record.steps] == [
        StepKind.REGISTER,
        StepKind.CORRECTION_NOTICE,
        StepKind.CORRECTION_RECEIVED,
        StepKind.CONSULT_SENT,
        StepKind.CONSULT_REPLIED,
        StepKind.EXTENSION,
        StepKind.ANSWER,
    ]
    with station_db.read() as session:
        actions = list(session.scalars(select(AuditRow.action).where(AuditRow.entity == "request")))
        assert verify_chain(session).ok
    assert actions == [
        "request.register",
        "request.correction_notice",
        "request.correction_received",
        "request.consult_sent",
        "request.consult_replied",
        "request.extension",
        "request.answer",
    ]


def test_refusals_leave_nothing_behind(register: Register, actors: Actors) -> None:
    record = register.register(actors.clerk, info())
    with pytest.raises(RequestError, match="不能晚于今天"):
        register.record(
            actors.clerk,
            record.id,
            StepKind.ANSWER,
            TODAY + dt.timedelta(days=1),
            outcome=Outcome.DISCLOSED,
        )
    with pytest.raises(RequestError, match="只适用于已经补正"):
        register.record(
            actors.clerk,
            record.id,
            StepKind.ANSWER,
            dt.date(2026, 10, 9),
            outcome=Outcome.STILL_UNCLEAR,
        )
    assert len(register.get(record.id).steps) == 1
    with pytest.raises(PermissionDenied):
        register.register(actors.reviewer, info())
    with pytest.raises(RequestError, match="请填写申请人姓名或名称"):
        register.register(actors.clerk, info(applicant=" "))
    with pytest.raises(RequestError, match="口头申请只能当面提出"):
        register.register(actors.clerk, info(channel=RequestChannel.POST, oral=True))
    with pytest.raises(RequestError, match="请填写电子邮箱"):
        register.register(actors.clerk, info(delivery=Delivery.EMAIL))
    assert register.count() == 1


def test_due_soon_and_overdue_lists(register: Register, actors: Actors) -> None:
    late = register.register(actors.clerk, info(dt.date(2026, 9, 28)))  # due 10-30
    soon = register.register(actors.clerk, info(dt.date(2026, 10, 12)))  # due 11-09
    done = register.register(actors.clerk, info(dt.date(2026, 9, 29)))
    register.record(
        actors.clerk, done.id, StepKind.ANSWER, dt.date(2026, 10, 9), outcome=Outcome.DISCLOSED
    )
    as_of = dt.date(2026, 11, 3)
    assert register.search_ids(RequestQuery(overdue=True, as_of=as_of)) == [late.id]
    assert register.search_ids(RequestQuery(due_within=5, as_of=as_of)) == [soon.id]
    assert register.search_ids(RequestQuery(due_within=3, as_of=as_of)) == []
    reminder = register.reminder(as_of)
    assert [r.id for r in reminder.overdue] == [late.id] and [r.id for r in reminder.due_soon] == [
        soon.id
    ]
    assert not reminder.empty and reminder.missing_years == []
    assert register.search_ids(RequestQuery(status=RequestStatus.ANSWERED)) == [done.id]
    assert register.search_ids(RequestQuery(text="2026-0002")) == [soon.id]


def test_a_correction_left_too_long_shows_and_closes_as_withdrawn(
    register: Register, actors: Actors
) -> None:
    record = register.register(actors.clerk, info())
    register.record(
        actors.clerk, record.id, StepKind.CORRECTION_NOTICE, dt.date(2026, 9, 30), days=5
    )
    deadline = register.get(record.id).clock.correction_due
    assert deadline == dt.date(2026, 10, 13)
    assert register.reminder(dt.date(2026, 10, 14)).correction_overdue[0].id == record.id
    with pytest.raises(RequestError, match="期限届满后"):
        register.record(
            actors.clerk, record.id, StepKind.ANSWER, deadline, outcome=Outcome.NO_CORRECTION
        )
    closed = register.record(
        actors.clerk,
        record.id,
        StepKind.ANSWER,
        dt.date(2026, 10, 14),
        outcome=Outcome.NO_CORRECTION,
    )
    assert closed.clock.status is RequestStatus.ANSWERED
    assert closed.clock.correction_deadline == deadline


def test_open_requests_follow_a_calendar_edit(
    register: Register, actors: Actors, station_db: Database
) -> None:
    record = register.register(actors.clerk, info(dt.date(2026, 11, 2)))
    assert record.clock.due == dt.date(2026, 11, 30)
    # The station adds a local day off on Friday 6 November: the due day moves a day on.
    year = calendars.year_info(station_db, 2026).calendar
    assert year is not None
    edited = YearCalendar(2026, year.holidays | {dt.date(2026, 11, 6)}, year.workdays)
    with pytest.raises(PermissionDenied):
        calendars.save_year(station_db, actors.clerk, edited)
    calendars.save_year(station_db, actors.admin, edited)
    assert calendars.year_info(station_db, 2026).local
    assert register.refresh() == 1
    assert register.list_rows()[0].due == dt.date(2026, 12, 1)
    assert register.refresh() == 0
    calendars.reset_year(station_db, actors.admin, 2026)
    register.refresh()
    assert register.list_rows()[0].due == dt.date(2026, 11, 30)


def test_a_newer_template_brings_its_calendar_over_a_local_edit(
    register: Register, actors: Actors, station_db: Database
) -> None:
    record = register.register(actors.clerk, info(dt.date(2026, 11, 2)))
    year = calendars.year_info(station_db, 2026).calendar
    assert year is not None
    calendars.save_year(
        station_db,
        actors.admin,
        YearCalendar(2026, year.holidays | {dt.date(2026, 11, 6)}, year.workdays),
    )
    newer = copy.deepcopy(template.builtin_template())
    newer["version"] += 1
    newer["calendars"].append({"year": 2027, "holidays": ["2027-01-01"], "workdays": []})
    with station_db.write() as session:
        changes = template.install(session, newer, actors.admin, source="bureau")
    assert changes.calendar_years == (2025, 2026, 2027)
    assert "工作日历：2025年、2026年、2027年" in " ".join(changes.lines())
    info_2026 = calendars.year_info(station_db, 2026)
    assert not info_2026.local and "参考范本第3版" in info_2026.source
    assert calendars.known_years(station_db) == [2025, 2026, 2027]
    register.refresh()
    assert register.get(record.id).clock.due == dt.date(2026, 11, 30)


def test_a_year_without_a_calendar_is_named(register: Register, actors: Actors) -> None:
    record = register.register(actors.clerk, info(dt.date(2026, 12, 21)))
    assert record.missing_years == (2027,)
    assert record.clock.due == dt.date(2027, 1, 18)  # weekends only in 2027
    assert "2027年的工作日历尚未设置" in calendars.missing_text([2027])


def test_editing_a_registration(register: Register, actors: Actors) -> None:
    record = register.register(actors.clerk, info())
    changed = register.update(
        actors.clerk, record.id, info(dt.date(2026, 9, 29), applicant="张三丰")
    )
    assert changed.info.applicant == "张三丰" and changed.clock.due == dt.date(2026, 11, 2)
    register.record(
        actors.clerk, record.id, StepKind.CONSULT_SENT, dt.date(2026, 10, 9), party="甲"
    )
    with pytest.raises(RequestError, match="不能修改收到申请日期"):
        register.update(actors.clerk, record.id, info(dt.date(2026, 9, 30)))
    with pytest.raises(RequestError, match="另一年"):
        register.update(
            actors.clerk, register.register(actors.clerk, info()).id, info(dt.date(2025, 12, 30))
        )


def test_registration_from_json() -> None:
    parsed = info_from_dict(
        {
            "received": "2026-11-02",
            "channel": "邮寄",
            "applicant_type": "law_firm".replace("law_firm", "法律服务机构"),
            "applicant": "某律师事务所",
            "content": "某信息",
            "address": "某地",
            "oral": False,
        }
    )
    assert (
        parsed.channel is RequestChannel.POST
        and parsed.applicant_type is ApplicantType.LEGAL_SERVICE
    )
    with pytest.raises(RequestFormatError, match="缺少"):
        info_from_dict({"channel": "web"})
    with pytest.raises(RequestFormatError, match="不认识的字段"):
        info_from_dict({"nonsense": 1})
    with pytest.raises(RequestFormatError, match="可选"):
        info_from_dict(
            {
                "received": "2026-11-02",
                "channel": "电话",
                "applicant_type": "自然人",
                "applicant": "a",
                "content": "b",
            }
        )
