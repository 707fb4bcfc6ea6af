"""The register of disclosure requests (依申请公开登记): registering, the steps (补正,
征求第三方意见, 延期, 答复) and the lists of what is due and overdue.

Every step goes through the rules of ``domain.requests`` (what may happen now, and who
may record it) and into the audit log. Each request's status and due days are stored
with it so the due and overdue lists are one indexed query; they are recomputed whenever
a step is recorded and, for every open request, whenever the calendar in force changes
(``refresh``, which compares the calendar's hash with the one the stored days were
computed with). The GUI's table asks for ordered ids (``search_ids``) and fetches lines
only for the rows it shows (``rows``), as the item table does.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from sqlalchemy import Select, and_, func, or_, select, text
from sqlalchemy.orm import Session, selectinload

from gwgk_desktop.domain.models import Actor
from gwgk_desktop.domain.request_info import (
    RequestInfo,
    RequestRecord,
    RequestRow,
    info_problems,
    problems_text,
)
from gwgk_desktop.domain.requests import (
    DEFAULT_CORRECTION_DAYS,
    DUE_SOON_DAYS,
    MAX_EXTENSION_DAYS,
    Outcome,
    RequestRefusal,
    RequestStatus,
    StepKind,
    Timeline,
    available_steps,
    check_step,
    clock,
    role_refusal,
)
from gwgk_desktop.domain.unsafe_text import text_problem
from gwgk_desktop.domain.validation import MAX_NAME
from gwgk_desktop.domain.workdays import WorkCalendar
from gwgk_desktop.domain.workflow import MAX_COMMENT
from gwgk_desktop.errors import NotFound, PermissionDenied, UserError
from gwgk_desktop.services import calendars, request_json
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.request_models import (
    DisclosureRequestRow,
    RequestClockState,
    RequestStepRow,
)
from gwgk_desktop.store.requests import (
    SUMMARY_COLUMNS,
    apply_clock,
    info_columns,
    info_of,
    step_of,
    steps_of,
    summary_of,
)
from gwgk_desktop.store.types import row_id, utcnow

#: What a 补正 notice asks for when the clerk does not say (art. 29's three elements).
DEFAULT_CORRECTION_ITEMS = (
    "请明确所需政府信息的名称、文号或者便于本机关查询的其他特征性描述，"
    "并提供申请人的身份证明和有效联系方式"
)
DEFAULT_EXTENSION_REASON = "所申请的政府信息需要进一步检索、核实，不能在规定期限内答复"

_OPEN = text("disclosure_requests.status != 'answered'")


class RequestError(UserError):
    """A step or registration the rules refuse; the message says why."""

    exit_code = 9


class RequestSort(Enum):
    NUMBER = "number"
    RECEIVED = "received"
    APPLICANT = "applicant"
    STATUS = "status"
    DUE = "due"


_SORT_COLUMNS = {
    RequestSort.NUMBER: (DisclosureRequestRow.year, DisclosureRequestRow.serial),
    RequestSort.RECEIVED: (DisclosureRequestRow.received, DisclosureRequestRow.serial),
    RequestSort.APPLICANT: (DisclosureRequestRow.applicant,),
    RequestSort.STATUS: (DisclosureRequestRow.status,),
    RequestSort.DUE: (DisclosureRequestRow.due,),
}


@dataclass(frozen=True)
class RequestQuery:
    """A filter over the register (what the register table shows)."""

    text: str = ""
    status: RequestStatus | None = None
    #: Open requests whose answer is overdue on ``as_of``.
    overdue: bool = False
    #: Open requests due within this many working days of ``as_of`` (not yet overdue).
    due_within: int | None = None
    #: Requests awaiting a correction whose time to correct has run out on ``as_of``.
    correction_overdue: bool = False
    #: Requests received in this year.
    year: int | None = None
    as_of: dt.date | None = None
    sort: RequestSort = RequestSort.RECEIVED
    descending: bool = True


@dataclass(frozen=True)
class Reminder:
    """What the clerk is told at start-up."""

    as_of: dt.date
    overdue: list[RequestRow] = field(default_factory=list)
    due_soon: list[RequestRow] = field(default_factory=list)
    correction_overdue: list[RequestRow] = field(default_factory=list)
    missing_years: list[int] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.due_soon or self.correction_overdue)


class Register:
    """Every read and write of the request register goes through here."""

    def __init__(self, db: Database, today: dt.date | None = None) -> None:
        self.db = db
        self._today = today

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # ---------------------------------------------------------------- calendar
    def calendar(self) -> WorkCalendar:
        return calendars.load(self.db)

    def refresh(self) -> int:
        """Recompute the open requests' due days if the calendar in force changed since
        they were computed; returns how many changed. A read-only database is left as it
        is (its lists then use the days stored)."""
        return self._refreshed()[1]

    def _refreshed(self) -> tuple[WorkCalendar, int]:
        """``refresh``, also giving the calendar it checked (one reading serves a whole
        list query)."""
        with self.db.read() as session:
            calendar = calendars.work_calendar(session)
            state = session.get(RequestClockState, 1)
            if state is not None and state.calendar_sha256 == calendars.fingerprint(calendar):
                return calendar, 0
        if self.db.readonly:
            return calendar, 0
        with self.db.write() as session:
            calendar = calendars.work_calendar(session)
            return calendar, _sync(session, calendar)

    # ---------------------------------------------------------------- queries
    def _filtered(
        self, stmt: Select[Any], query: RequestQuery, calendar: WorkCalendar | None = None
    ) -> Select[Any]:
        as_of = query.as_of or self.today()
        if query.status is not None:
            stmt = stmt.where(DisclosureRequestRow.status == query.status)
        if query.year is not None:
            stmt = stmt.where(
                DisclosureRequestRow.received.between(
                    dt.date(query.year, 1, 1), dt.date(query.year, 12, 31)
                )
            )
        conditions = []
        if query.overdue:
            conditions.append(and_(_OPEN, DisclosureRequestRow.due < as_of))
        if query.due_within is not None:
            calendar = calendar or self.calendar()
            limit = calendar.add(as_of, query.due_within) if query.due_within else as_of
            conditions.append(and_(_OPEN, DisclosureRequestRow.due.between(as_of, limit)))
        if query.correction_overdue:
            conditions.append(
                and_(
                    DisclosureRequestRow.status == RequestStatus.AWAITING_CORRECTION,
                    DisclosureRequestRow.correction_due < as_of,
                )
            )
        if conditions:
            stmt = stmt.where(or_(*conditions))
        for word in query.text.split():
            pattern = f"%{word}%"
            stmt = stmt.where(
                or_(
                    DisclosureRequestRow.number.like(pattern),
                    DisclosureRequestRow.applicant.like(pattern),
                    DisclosureRequestRow.content.like(pattern),
                    DisclosureRequestRow.doc_number.like(pattern),
                    DisclosureRequestRow.phone.like(pattern),
                )
            )
        return stmt

    def search_ids(self, query: RequestQuery = RequestQuery()) -> list[int]:
        """The ids of the requests matching ``query``, in its order."""
        return self._search_ids(query, self._refreshed()[0])

    def _search_ids(self, query: RequestQuery, calendar: WorkCalendar) -> list[int]:
        columns = _SORT_COLUMNS[query.sort]
        order: list[Any] = [c.desc() if query.descending else c.asc() for c in columns]
        if query.sort is RequestSort.DUE:
            order = [DisclosureRequestRow.due.is_(None), *order]
        stmt = self._filtered(select(DisclosureRequestRow.id), query, calendar).order_by(
            *order, DisclosureRequestRow.id
        )
        with self.db.read() as session:
            return list(session.scalars(stmt))

    def count(self, query: RequestQuery = RequestQuery()) -> int:
        stmt = self._filtered(select(func.count(DisclosureRequestRow.id)), query)
        with self.db.read() as session:
            return int(session.scalar(stmt) or 0)

    def rows(self, ids: Sequence[int]) -> list[RequestRow]:
        """Register lines of ``ids``, in that order (missing ids left out)."""
        found: dict[int, RequestRow] = {}
        with self.db.read() as session:
            for start in range(0, len(ids), 500):
                chunk = list(ids[start : start + 500])
                stmt = select(*SUMMARY_COLUMNS).where(DisclosureRequestRow.id.in_(chunk))
                for values in session.execute(stmt):
                    row = summary_of(values)
                    found[row.id] = row
        return [found[i] for i in ids if i in found]

    def list_rows(self, query: RequestQuery = RequestQuery()) -> list[RequestRow]:
        return self.rows(self.search_ids(query))

    def status_counts(self) -> dict[RequestStatus, int]:
        with self.db.read() as session:
            stmt = select(DisclosureRequestRow.status, func.count()).group_by(
                DisclosureRequestRow.status
            )
            return {status: int(count) for status, count in session.execute(stmt).tuples()}

    def years(self) -> list[int]:
        """The years requests were received in, ascending."""
        with self.db.read() as session:
            return list(
                session.scalars(
                    select(DisclosureRequestRow.year).distinct().order_by(DisclosureRequestRow.year)
                )
            )

    @staticmethod
    def allowed_to_register(actor: Actor) -> str | None:
        """Why ``actor`` may not register or correct requests; None when they may."""
        return role_refusal(StepKind.REGISTER, actor.role)

    def resolve(self, ref: str | int) -> int:
        """A request's id from its id or its register number (e.g. 2026-0007)."""
        text_ref = str(ref).strip()
        with self.db.read() as session:
            number = row_id(text_ref)
            if number is not None:
                by_id = session.get(DisclosureRequestRow, number)
                if by_id is not None:
                    return by_id.id
            found = session.scalar(
                select(DisclosureRequestRow.id).where(DisclosureRequestRow.number == text_ref)
            )
        if found is None:
            raise NotFound(f"登记册中没有申请“{ref}”", f"no request {ref!r}")
        return int(found)

    def get(self, request_id: int) -> RequestRecord:
        with self.db.read() as session:
            calendar = calendars.work_calendar(session)
            row = _row(session, request_id)
            return _record(row, calendar)

    def reminder(self, as_of: dt.date | None = None) -> Reminder:
        """Overdue requests, those due within 5 working days, and corrections overdue."""
        as_of = as_of or self.today()
        calendar, _changed = self._refreshed()

        def rows(**wanted: Any) -> list[RequestRow]:
            query = RequestQuery(as_of=as_of, sort=RequestSort.DUE, descending=False, **wanted)
            return self.rows(self._search_ids(query, calendar))

        soon = rows(due_within=DUE_SOON_DAYS)
        late = rows(overdue=True)
        corrections = rows(correction_overdue=True)
        horizon = calendar.add(as_of, DUE_SOON_DAYS)
        return Reminder(as_of, late, soon, corrections, calendar.missing_years(as_of, horizon))

    # ---------------------------------------------------------------- writes
    def _check_registration(self, actor: Actor, info: RequestInfo) -> None:
        reason = self.allowed_to_register(actor)
        if reason:
            raise PermissionDenied(reason, "not allowed to register requests")
        problems = info_problems(info, self.today())
        if problems:
            raise RequestError(problems_text(problems), "registration incomplete")

    def register(self, actor: Actor, info: RequestInfo) -> RequestRecord:
        """Enter a new request in the register; it gets the next number of its year."""
        self._check_registration(actor, info)
        with self.db.write() as session:
            calendar = calendars.work_calendar(session)
            _sync(session, calendar)
            year = info.received.year
            serial = (
                session.scalar(
                    select(func.max(DisclosureRequestRow.serial)).where(
                        DisclosureRequestRow.year == year
                    )
                )
                or 0
            ) + 1
            row = DisclosureRequestRow(
                uuid=str(uuid_module.uuid4()),
                number=f"{year}-{serial:04d}",
                year=year,
                serial=serial,
                registered_by_id=actor.operator_id,
                registered_by=actor.display_name,
                registered_at=utcnow(),
                updated_at=utcnow(),
                **info_columns(info),
            )
            step = RequestStepRow(
                position=1,
                kind=StepKind.REGISTER.value,
                on=info.received,
                operator_id=actor.operator_id,
                operator_name=actor.display_name,
            )
            row.steps.append(step)
            apply_clock(row, (), calendar)
            session.add(row)
            session.flush()
            audit.append(
                session,
                actor,
                "request.register",
                "request",
                row.uuid,
                f"登记政府信息公开申请 {row.number}（{info.applicant}）",
                after=request_json.info_dict(info),
            )
            return _record(row, calendar)

    def update(self, actor: Actor, request_id: int, info: RequestInfo) -> RequestRecord:
        """Correct a registration (a typing mistake in the applicant's details). The day
        received may change only while no step has been recorded after registering."""
        self._check_registration(actor, info)
        with self.db.write() as session:
            calendar = calendars.work_calendar(session)
            row = _row(session, request_id)
            if row.status is RequestStatus.ANSWERED:
                raise RequestError("已办结的申请不能修改登记内容", "request already answered")
            before = request_json.info_dict(info_of(row))
            later = [s for s in row.steps if s.kind != StepKind.REGISTER.value]
            if info.received != row.received:
                if later:
                    raise RequestError(
                        "已有办理步骤的申请不能修改收到申请日期", "received date is fixed now"
                    )
                if info.received.year != row.year:
                    raise RequestError(
                        "收到申请日期不能改到另一年（登记编号按年编排），请作废后重新登记",
                        "cannot move a request to another year",
                    )
                row.steps[0].on = info.received
            for name, value in info_columns(info).items():
                setattr(row, name, value)
            row.updated_at = utcnow()
            apply_clock(row, steps_of(row), calendar)
            after = request_json.info_dict(info)
            changed = {k: v for k, v in after.items() if before.get(k) != v}
            audit.append(
                session,
                actor,
                "request.update",
                "request",
                row.uuid,
                f"修改申请 {row.number} 的登记内容",
                before={k: before.get(k) for k in changed},
                after=changed,
            )
            return _record(row, calendar)

    def record(
        self,
        actor: Actor,
        request_id: int,
        kind: StepKind,
        on: dt.date,
        *,
        days: int = 0,
        party: str = "",
        outcome: Outcome | None = None,
        note: str = "",
    ) -> RequestRecord:
        """Record one step (补正, 收到补正, 征求意见, 第三方答复, 延期, 答复)."""
        if on > self.today():
            raise RequestError(f"{kind.label}日期不能晚于今天", "date in the future")
        for what, value, limit in (
            ("第三方或负责人", party, MAX_NAME),
            ("说明", note, MAX_COMMENT),
        ):
            problem = text_problem(value) or (
                f"不能超过{limit}个字（现有{len(value)}个字）" if len(value) > limit else None
            )
            if problem:
                raise RequestError(f"{kind.label}的{what}{problem}", "bad step text")
        if kind is StepKind.CORRECTION_NOTICE:
            days = days or DEFAULT_CORRECTION_DAYS
            note = note.strip() or DEFAULT_CORRECTION_ITEMS
        elif kind is StepKind.EXTENSION:
            days = days or MAX_EXTENSION_DAYS
            note = note.strip() or DEFAULT_EXTENSION_REASON
        with self.db.write() as session:
            calendar = calendars.work_calendar(session)
            _sync(session, calendar)
            row = _row(session, request_id)
            steps = steps_of(row)
            timeline = Timeline.of(row.received, steps)
            try:
                check_step(
                    timeline,
                    calendar,
                    kind,
                    actor.role,
                    on,
                    days=days,
                    party=party,
                    outcome=outcome,
                )
            except RequestRefusal as refusal:
                if role_refusal(kind, actor.role):
                    raise PermissionDenied(refusal.message, "step not allowed for role") from None
                raise RequestError(refusal.message, "step refused") from None
            step = RequestStepRow(
                position=len(row.steps) + 1,
                kind=kind.value,
                on=on,
                days=days,
                party=party.strip(),
                outcome=outcome,
                note=note.strip(),
                operator_id=actor.operator_id,
                operator_name=actor.display_name,
                recorded_at=utcnow(),
            )
            row.steps.append(step)
            row.updated_at = utcnow()
            new_clock = apply_clock(row, (*steps, step_of(step)), calendar)
            session.flush()
            detail = f"（{outcome.label}）" if outcome else ""
            audit.append(
                session,
                actor,
                f"request.{kind.value}",
                "request",
                row.uuid,
                f"申请 {row.number}：{kind.label}{detail}，日期 {on.isoformat()}",
                after={
                    **request_json.step_dict(step_of(step)),
                    "status": new_clock.status.value,
                    "due": new_clock.due.isoformat() if new_clock.due else None,
                },
            )
            return _record(row, calendar)

    def allowed(self, actor: Actor, request_id: int, kind: StepKind) -> str | None:
        """Why ``actor`` may not record ``kind`` now (for buttons' tooltips); None if it may."""
        reason = role_refusal(kind, actor.role)
        if reason:
            return reason
        record = self.get(request_id)
        timeline = record.timeline
        if timeline.answered is not None:
            return "该申请已答复办结"
        if kind not in available_steps(timeline):
            if kind is StepKind.CORRECTION_NOTICE and timeline.correction_notice is not None:
                return "补正应一次性告知，该申请已经告知过补正"
            if kind is StepKind.EXTENSION and timeline.extension is not None:
                return "答复期限只能延长一次"
            return f"该申请当前（{record.clock.status.label}）不能{kind.label}"
        return None


# ------------------------------------------------------------------------------ helpers
def _row(session: Session, request_id: int) -> DisclosureRequestRow:
    row = session.scalars(
        select(DisclosureRequestRow)
        .options(selectinload(DisclosureRequestRow.steps))
        .where(DisclosureRequestRow.id == request_id)
    ).first()
    if row is None:
        raise NotFound("登记册中没有该申请", "no such request")
    return row


def _record(row: DisclosureRequestRow, calendar: WorkCalendar) -> RequestRecord:
    steps = steps_of(row)
    found = clock(Timeline.of(row.received, steps), calendar)
    last = max(d for d in (row.received, found.due, found.correction_due, row.answered) if d)
    return RequestRecord(
        id=row.id,
        uuid=row.uuid,
        number=row.number,
        info=info_of(row),
        steps=steps,
        clock=found,
        registered_by=row.registered_by,
        registered_at=row.registered_at,
        missing_years=tuple(calendar.missing_years(row.received, last)),
    )


def _sync(session: Session, calendar: WorkCalendar) -> int:
    """Recompute the open requests if their stored days came from another calendar."""
    digest = calendars.fingerprint(calendar)
    state = session.get(RequestClockState, 1)
    if state is not None and state.calendar_sha256 == digest:
        return 0
    changed = 0
    rows = session.scalars(
        select(DisclosureRequestRow).options(selectinload(DisclosureRequestRow.steps)).where(_OPEN)
    )
    for row in rows:
        before = (row.status, row.due, row.correction_due)
        apply_clock(row, steps_of(row), calendar)
        changed += before != (row.status, row.due, row.correction_due)
    if state is None:
        session.add(RequestClockState(id=1, calendar_sha256=digest, updated_at=utcnow()))
    else:
        state.calendar_sha256 = digest
        state.updated_at = utcnow()
    session.flush()
    return changed
