"""The statutory clock of a disclosure request, as properties over random calendars, and
the rules of which step may be recorded when (tested against cases written separately)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gwgk_desktop.domain.enums import Role
from gwgk_desktop.domain.requests import (
    ANSWER_DAYS,
    THIRD_PARTY_DAYS,
    Consultation,
    Outcome,
    OutcomeGroup,
    RequestRefusal,
    RequestStatus,
    Step,
    StepKind,
    Timeline,
    available_steps,
    check_step,
    clock,
    documents_for,
)
from gwgk_desktop.domain.workdays import WorkCalendar
from tests.strategies import work_calendars

received_days = st.dates(dt.date(2025, 1, 1), dt.date(2027, 6, 30))


@given(work_calendars(), received_days)
def test_the_answer_is_due_on_the_twentieth_working_day_after_receipt(
    calendar: WorkCalendar, received: dt.date
) -> None:
    found = clock(Timeline(received), calendar)
    assert found.status is RequestStatus.PROCESSING
    assert found.due is not None and calendar.is_workday(found.due)
    assert calendar.count(received, found.due) == ANSWER_DAYS
    assert found.correction_notice_due == calendar.add(received, 7)
    assert found.initial_due == found.due


@given(work_calendars(), received_days, st.integers(1, 20))
def test_an_extension_moves_the_due_day_exactly_that_many_working_days(
    calendar: WorkCalendar, received: dt.date, days: int
) -> None:
    before = clock(Timeline(received), calendar).due
    assert before is not None
    after = clock(Timeline(received, extension=received, extension_days=days), calendar).due
    assert after is not None and calendar.is_workday(after)
    assert after == calendar.add(before, days)
    assert calendar.count(before, after) == days


@given(work_calendars(), received_days, st.integers(1, 30), st.integers(0, 40))
def test_a_correction_restarts_the_clock_from_its_arrival(
    calendar: WorkCalendar, received: dt.date, notice_after: int, arrives_after: int
) -> None:
    notice = calendar.add(received, notice_after)
    waiting = Timeline(received, correction_notice=notice, correction_days=15)
    stopped = clock(waiting, calendar)
    assert stopped.status is RequestStatus.AWAITING_CORRECTION and stopped.due is None
    assert stopped.correction_due == calendar.add(notice, 15)
    assert stopped.late_correction_notice == (notice_after > 7)
    arrived = notice + dt.timedelta(days=arrives_after)
    running = clock(
        Timeline(
            received, correction_notice=notice, correction_days=15, correction_received=arrived
        ),
        calendar,
    )
    assert running.due == calendar.add(arrived, ANSWER_DAYS)
    assert running.start == arrived and running.correction_due is None
    assert running.correction_deadline == stopped.correction_due


@given(work_calendars(), received_days, st.integers(0, 19), st.integers(1, 40))
def test_waiting_for_a_third_party_does_not_count_up_to_fifteen_working_days(
    calendar: WorkCalendar, received: dt.date, sent_after: int, waited: int
) -> None:
    sent = calendar.add(received, sent_after) if sent_after else received
    replied = calendar.add(sent, waited)
    plain = clock(Timeline(received), calendar).due
    assert plain is not None
    paused = clock(
        Timeline(received, consultations=(Consultation(sent, "某公司", replied),)), calendar
    )
    assert paused.status is RequestStatus.PROCESSING
    assert paused.paused_days == min(waited, THIRD_PARTY_DAYS)
    assert paused.due == calendar.add(plain, paused.paused_days)
    open_ = clock(Timeline(received, consultations=(Consultation(sent, "某公司"),)), calendar)
    assert open_.status is RequestStatus.CONSULTING
    # While the reply is awaited the due day assumes the full 15 working days.
    assert open_.due == calendar.add(plain, THIRD_PARTY_DAYS)


@given(work_calendars(), received_days, st.integers(0, 25))
def test_late_answers_are_flagged(calendar: WorkCalendar, received: dt.date, after: int) -> None:
    answered = calendar.add(received, after) if after else received
    found = clock(Timeline(received, answered=answered, outcome=Outcome.DISCLOSED), calendar)
    assert found.status is RequestStatus.ANSWERED
    assert found.late_answer == (after > ANSWER_DAYS)
    assert not found.overdue(answered + dt.timedelta(days=365))


CAL = WorkCalendar.of([])
MON = dt.date(2027, 3, 1)  # a Monday (weekends-only calendar: plain arithmetic)


def _day(n: int) -> dt.date:
    return CAL.add(MON, n) if n else MON


def refusal(
    timeline: Timeline, kind: StepKind, on: int, role: Role = Role.CLERK, **details: object
) -> str | None:
    try:
        check_step(timeline, CAL, kind, role, _day(on), **details)
    except RequestRefusal as refused:
        return refused.message
    return None


FRESH = Timeline(MON)
NOTICED = Timeline(MON, correction_notice=_day(2), correction_days=10)
CORRECTED = Timeline(
    MON, correction_notice=_day(2), correction_days=10, correction_received=_day(5)
)
CONSULTING = Timeline(MON, consultations=(Consultation(_day(1), "某公司"),))
EXTENDED = Timeline(MON, extension=_day(10), extension_days=20)
ANSWERED = Timeline(MON, answered=_day(3), outcome=Outcome.DISCLOSED)


@pytest.mark.parametrize(
    ("timeline", "kind", "on", "role", "details", "expected"),
    [
        (FRESH, StepKind.CORRECTION_NOTICE, 2, Role.CLERK, {"days": 15}, None),
        (
            FRESH,
            StepKind.CORRECTION_NOTICE,
            2,
            Role.CLERK,
            {"days": 0},
            "补正期限应为1至60个工作日",
        ),
        (NOTICED, StepKind.CORRECTION_NOTICE, 3, Role.CLERK, {"days": 15}, "补正应一次性告知"),
        (FRESH, StepKind.CORRECTION_RECEIVED, 2, Role.CLERK, {}, "没有待补正的告知"),
        (NOTICED, StepKind.CORRECTION_RECEIVED, 1, Role.CLERK, {}, "不能早于上一步的日期"),
        (NOTICED, StepKind.CORRECTION_RECEIVED, 4, Role.CLERK, {}, None),
        (NOTICED, StepKind.CONSULT_SENT, 4, Role.CLERK, {"party": "甲"}, "收到补正后才能征求"),
        (NOTICED, StepKind.EXTENSION, 4, Role.REVIEWER, {"days": 20, "party": "李"}, "不能延期"),
        (FRESH, StepKind.CONSULT_SENT, 1, Role.CLERK, {"party": " "}, "请填写第三方名称"),
        (CONSULTING, StepKind.CONSULT_SENT, 2, Role.CLERK, {"party": "乙"}, "尚未答复"),
        (CONSULTING, StepKind.CONSULT_REPLIED, 2, Role.CLERK, {}, None),
        (FRESH, StepKind.CONSULT_REPLIED, 2, Role.CLERK, {}, "没有正在征求"),
        (
            FRESH,
            StepKind.EXTENSION,
            10,
            Role.CLERK,
            {"days": 20, "party": "李"},
            "须经单位负责人批准",
        ),
        (FRESH, StepKind.EXTENSION, 10, Role.REVIEWER, {"days": 20, "party": "李"}, None),
        (FRESH, StepKind.EXTENSION, 10, Role.ADMIN, {"days": 20, "party": "李"}, None),
        (FRESH, StepKind.EXTENSION, 20, Role.REVIEWER, {"days": 20, "party": "李"}, None),
        (FRESH, StepKind.EXTENSION, 21, Role.REVIEWER, {"days": 20, "party": "李"}, "期限届满前"),
        (
            FRESH,
            StepKind.EXTENSION,
            5,
            Role.REVIEWER,
            {"days": 21, "party": "李"},
            "最长不得超过20",
        ),
        (
            FRESH,
            StepKind.EXTENSION,
            5,
            Role.REVIEWER,
            {"days": 20, "party": ""},
            "批准延期的单位负责人",
        ),
        (
            EXTENDED,
            StepKind.EXTENSION,
            12,
            Role.REVIEWER,
            {"days": 5, "party": "李"},
            "只能延长一次",
        ),
        (FRESH, StepKind.ANSWER, 0, Role.CLERK, {"outcome": Outcome.DISCLOSED}, None),
        (FRESH, StepKind.ANSWER, 3, Role.REVIEWER, {"outcome": Outcome.DISCLOSED}, "需要录入员"),
        (FRESH, StepKind.ANSWER, 3, Role.CLERK, {}, "请选择办理结果"),
        (
            FRESH,
            StepKind.ANSWER,
            3,
            Role.CLERK,
            {"outcome": Outcome.STILL_UNCLEAR},
            "只适用于已经补正",
        ),
        (CORRECTED, StepKind.ANSWER, 6, Role.CLERK, {"outcome": Outcome.STILL_UNCLEAR}, None),
        (
            FRESH,
            StepKind.ANSWER,
            3,
            Role.CLERK,
            {"outcome": Outcome.NO_CORRECTION},
            "告知补正后申请人未补正",
        ),
        (
            NOTICED,
            StepKind.ANSWER,
            12,
            Role.CLERK,
            {"outcome": Outcome.NO_CORRECTION},
            "期限届满后才能",
        ),
        (NOTICED, StepKind.ANSWER, 13, Role.CLERK, {"outcome": Outcome.NO_CORRECTION}, None),
        (NOTICED, StepKind.ANSWER, 5, Role.CLERK, {"outcome": Outcome.DISCLOSED}, "申请待补正"),
        (ANSWERED, StepKind.EXTENSION, 5, Role.ADMIN, {"days": 20, "party": "李"}, "答复办结"),
        (FRESH, StepKind.REGISTER, 1, Role.CLERK, {}, "已经登记"),
    ],
)
def test_which_steps_may_be_recorded(
    timeline: Timeline,
    kind: StepKind,
    on: int,
    role: Role,
    details: dict[str, object],
    expected: str | None,
) -> None:
    found = refusal(timeline, kind, on, role, **details)
    if expected is None:
        assert found is None
    else:
        assert found is not None and expected in found


def test_available_steps_follow_the_state() -> None:
    assert available_steps(FRESH) == [
        StepKind.CORRECTION_NOTICE,
        StepKind.CONSULT_SENT,
        StepKind.EXTENSION,
        StepKind.ANSWER,
    ]
    assert available_steps(NOTICED) == [StepKind.CORRECTION_RECEIVED, StepKind.ANSWER]
    assert available_steps(CONSULTING) == [
        StepKind.CONSULT_REPLIED,
        StepKind.EXTENSION,
        StepKind.ANSWER,
    ]
    assert available_steps(ANSWERED) == []


def test_timeline_is_read_from_the_steps() -> None:
    steps = [
        Step(StepKind.REGISTER, MON),
        Step(StepKind.CORRECTION_NOTICE, _day(1), days=10),
        Step(StepKind.CORRECTION_RECEIVED, _day(3)),
        Step(StepKind.CONSULT_SENT, _day(4), party="甲"),
        Step(StepKind.CONSULT_REPLIED, _day(6)),
        Step(StepKind.EXTENSION, _day(8), days=15, party="李"),
        Step(StepKind.ANSWER, _day(9), outcome=Outcome.PARTLY),
    ]
    assert Timeline.of(MON, steps) == Timeline(
        MON,
        correction_notice=_day(1),
        correction_days=10,
        correction_received=_day(3),
        consultations=(Consultation(_day(4), "甲", _day(6)),),
        extension=_day(8),
        extension_days=15,
        answered=_day(9),
        outcome=Outcome.PARTLY,
    )
    assert [d.value for d in documents_for(steps)] == [
        "receipt",
        "correction",
        "extension",
        "third-party",
        "answer",
    ]


def test_outcomes_are_the_rows_of_table_three_and_found_by_label() -> None:
    assert len(Outcome) == 21
    assert Outcome.from_text('危及"三安全一稳定"') is Outcome.SECURITY
    assert Outcome.from_text("属于国家秘密") is Outcome.STATE_SECRET
    assert Outcome.from_text("partly") is Outcome.PARTLY
    assert {o.group for o in Outcome} == set(OutcomeGroup)
    with pytest.raises(ValueError, match="unknown outcome"):
        Outcome.from_text("同意公开")


@given(work_calendars(), received_days)
def test_an_answer_is_never_due_on_a_day_off(calendar: WorkCalendar, received: dt.date) -> None:
    assume(received.year < 2028)
    found = clock(Timeline(received, extension=received, extension_days=20), calendar)
    assert found.due is not None and calendar.is_workday(found.due)
