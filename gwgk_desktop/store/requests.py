"""Mapping between the register's rows and the domain's values, in one place: a request's
registration (``RequestInfo``), its steps, a register line (``RequestRow``), and the
derived columns (status, due days) written from the clock."""

from __future__ import annotations

import dataclasses
from typing import Any

from gwgk_desktop.domain.request_info import RequestInfo, RequestRow
from gwgk_desktop.domain.requests import Clock, RequestStatus, Step, StepKind, Timeline, clock
from gwgk_desktop.domain.workdays import WorkCalendar
from gwgk_desktop.store.request_models import DisclosureRequestRow, RequestStepRow

#: The RequestInfo fields, which are also the row's column names.
INFO_FIELDS = tuple(f.name for f in dataclasses.fields(RequestInfo))


def info_of(row: DisclosureRequestRow) -> RequestInfo:
    return RequestInfo(**{name: getattr(row, name) for name in INFO_FIELDS})


def info_columns(info: RequestInfo) -> dict[str, Any]:
    values = {name: getattr(info, name) for name in INFO_FIELDS}
    for name, value in values.items():
        if isinstance(value, str):
            values[name] = value.strip()
    return values


def step_of(row: RequestStepRow) -> Step:
    return Step(
        kind=StepKind(row.kind),
        on=row.on,
        operator=row.operator_name,
        recorded_at=row.recorded_at,
        days=row.days,
        party=row.party,
        outcome=row.outcome,
        note=row.note,
    )


def steps_of(row: DisclosureRequestRow) -> tuple[Step, ...]:
    return tuple(step_of(s) for s in row.steps)


def apply_clock(
    row: DisclosureRequestRow, steps: tuple[Step, ...], calendar: WorkCalendar
) -> Clock:
    """Compute the request's clock and keep its derived columns in step with it."""
    found = clock(Timeline.of(row.received, steps), calendar)
    answer = next((s for s in reversed(steps) if s.kind is StepKind.ANSWER), None)
    row.status = found.status
    row.due = found.due
    row.correction_due = found.correction_due
    row.answered = answer.on if answer else None
    row.outcome = answer.outcome if answer else None
    row.extended = any(s.kind is StepKind.EXTENSION for s in steps)
    return found


#: The columns a register line needs (the table never loads the wide rows whole).
SUMMARY_COLUMNS = (
    DisclosureRequestRow.id,
    DisclosureRequestRow.number,
    DisclosureRequestRow.received,
    DisclosureRequestRow.applicant,
    DisclosureRequestRow.applicant_type,
    DisclosureRequestRow.channel,
    DisclosureRequestRow.content,
    DisclosureRequestRow.status,
    DisclosureRequestRow.due,
    DisclosureRequestRow.correction_due,
    DisclosureRequestRow.answered,
    DisclosureRequestRow.outcome,
    DisclosureRequestRow.extended,
)


def summary_of(values: Any) -> RequestRow:
    """A register line from a result row of ``SUMMARY_COLUMNS``."""
    return RequestRow(*values)


def is_open(status: RequestStatus) -> bool:
    return status is not RequestStatus.ANSWERED
