"""Requests as JSON: reading a registration (``gwgk request add --json``) and writing a
register line or a whole request (``--json`` output, the audit log's before and after)."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from gwgk_desktop.domain.enums import LabelledEnum
from gwgk_desktop.domain.request_info import INFO_LABELS, RequestInfo, RequestRecord, RequestRow
from gwgk_desktop.domain.requests import (
    ApplicantType,
    Delivery,
    InfoForm,
    RequestChannel,
    Step,
    StepKind,
)
from gwgk_desktop.errors import UserError
from gwgk_desktop.store.requests import info_columns


class RequestFormatError(UserError):
    exit_code = 9


def _json(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def info_dict(info: RequestInfo) -> dict[str, Any]:
    return {name: _json(value) for name, value in info_columns(info).items()}


def step_dict(step: Step) -> dict[str, Any]:
    return {
        "kind": step.kind.value,
        "on": step.on.isoformat(),
        "days": step.days,
        "party": step.party,
        "outcome": step.outcome.label if step.outcome else None,
        "note": step.note,
        "operator": step.operator,
    }


_ENUMS: dict[str, type[LabelledEnum]] = {
    "channel": RequestChannel,
    "applicant_type": ApplicantType,
    "form": InfoForm,
    "delivery": Delivery,
}
_REQUIRED = ("received", "channel", "applicant_type", "applicant", "content")


def _enum_value(kind: type[LabelledEnum], key: str, value: object) -> LabelledEnum:
    if not isinstance(value, str):
        raise RequestFormatError(f"“{key}”应为文本", f"{key} must be a string")
    text = value.strip()
    for member in kind:
        if text in (member.value, member.label):
            return member
    choices = "、".join(f"{m.value}（{m.label}）" for m in kind)
    raise RequestFormatError(
        f"“{key}”的值“{value}”不正确，可选：{choices}", f"bad value for {key}: {value!r}"
    )


def info_from_dict(data: dict[str, Any]) -> RequestInfo:
    """A registration from JSON (``gwgk request add``): the ``RequestInfo`` field names
    as keys; enumerations by code or Chinese label, ``received`` as YYYY-MM-DD."""
    known = set(RequestInfo.__dataclass_fields__)
    unknown = sorted(set(data) - known)
    if unknown:
        raise RequestFormatError(
            f"申请登记中有不认识的字段：{'、'.join(unknown)}；可用字段：{'、'.join(sorted(known))}",
            f"unknown keys {unknown}",
        )
    missing = [
        key for key in _REQUIRED if not (isinstance(data.get(key), str) and data[key].strip())
    ]
    if missing:
        names = "、".join(f"{k}（{INFO_LABELS[k]}）" for k in missing)
        raise RequestFormatError(f"申请登记缺少：{names}", f"missing keys {missing}")
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in _ENUMS:
            values[key] = _enum_value(_ENUMS[key], key, value)
        elif key == "received":
            try:
                if not isinstance(value, str) or len(value) != 10:
                    raise ValueError(value)
                values[key] = dt.date.fromisoformat(value)
            except ValueError:
                raise RequestFormatError(
                    f"收到申请日期“{value}”应为 YYYY-MM-DD", "bad received date"
                ) from None
        elif key == "oral":
            if not isinstance(value, bool):
                raise RequestFormatError(
                    "oral（口头申请）应为 true 或 false", "oral must be boolean"
                )
            values[key] = value
        elif isinstance(value, str):
            values[key] = value
        else:
            raise RequestFormatError(
                f"“{key}”（{INFO_LABELS.get(key, key)}）应为文本", f"{key} must be a string"
            )
    return RequestInfo(**values)


def row_dict(row: RequestRow, as_of: dt.date) -> dict[str, Any]:
    """A register line as JSON (``gwgk request list --json``)."""
    return {
        "id": row.id,
        "number": row.number,
        "received": row.received.isoformat(),
        "applicant": row.applicant,
        "applicant_type": row.applicant_type.label,
        "channel": row.channel.label,
        "content": row.content,
        "status": row.status.label,
        "due": row.due.isoformat() if row.due else None,
        "correction_due": row.correction_due.isoformat() if row.correction_due else None,
        "answered": row.answered.isoformat() if row.answered else None,
        "result": row.outcome.label if row.outcome else None,
        "extended": row.extended,
        "overdue": row.overdue(as_of),
    }


def record_dict(record: RequestRecord, as_of: dt.date) -> dict[str, Any]:
    """A request with its steps and clock as JSON (``gwgk request show --json``)."""
    clock_ = record.clock
    answer = record.last(StepKind.ANSWER)
    return {
        "id": record.id,
        "uuid": record.uuid,
        "number": record.number,
        **info_dict(record.info),
        "status": clock_.status.label,
        "due": clock_.due.isoformat() if clock_.due else None,
        "correction_notice_due": clock_.correction_notice_due.isoformat(),
        "correction_due": clock_.correction_due.isoformat() if clock_.correction_due else None,
        "limit_days": clock_.limit,
        "paused_days": clock_.paused_days,
        "overdue": clock_.overdue(as_of),
        "late_answer": clock_.late_answer,
        "late_correction_notice": clock_.late_correction_notice,
        "result": answer.outcome.label if answer and answer.outcome else None,
        "answered": answer.on.isoformat() if answer else None,
        "registered_by": record.registered_by,
        "steps": [step_dict(s) for s in record.steps],
        "missing_calendar_years": list(record.missing_years),
    }
