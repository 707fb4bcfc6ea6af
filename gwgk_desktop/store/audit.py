"""The append-only, hash-chained audit log.

Each row's hash covers its own fields (id included) and the previous row's hash, and the
``audit_head`` row holds the newest id and hash; so an edited row, a deleted row (middle or
end) and reordered rows are all detected by ``verify_chain``. Rows are appended inside the
caller's write transaction, which is ``BEGIN IMMEDIATE``, so two writers never fork the
chain.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Text, insert, select, type_coerce
from sqlalchemy.orm import Session

from gwgk_desktop.domain.audit_chain import GENESIS, ChainHead, record_hash
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.store.models import AuditHead, AuditRow
from gwgk_desktop.store.types import utcnow


def row_hash(
    *,
    id: int,
    at: dt.datetime,
    operator_id: int | None,
    operator_name: str,
    action: str,
    entity: str,
    entity_uuid: str,
    summary: str,
    before: Any,
    after: Any,
    prev_hash: str,
) -> str:
    return record_hash(
        {
            "id": id,
            "at": at.isoformat(),
            "operator_id": operator_id,
            "operator_name": operator_name,
            "action": action,
            "entity": entity,
            "entity_uuid": entity_uuid,
            "summary": summary,
            "before": before,
            "after": after,
            "prev_hash": prev_hash,
        }
    )


def stored_row_hash(row: Any) -> str:
    """The hash a row's own fields give (an ``AuditRow`` or a row read like one)."""
    return row_hash(
        id=row.id,
        at=row.at,
        operator_id=row.operator_id,
        operator_name=row.operator_name,
        action=row.action,
        entity=row.entity,
        entity_uuid=row.entity_uuid,
        summary=row.summary,
        before=row.before,
        after=row.after,
        prev_hash=row.prev_hash,
    )


def append(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_uuid: str = "",
    summary: str = "",
    before: Any = None,
    after: Any = None,
) -> None:
    """Add one record at the end of the chain (within the caller's transaction)."""
    append_many(
        session,
        [
            Record(
                at=utcnow(),
                operator_id=actor.operator_id,
                operator_name=actor.display_name,
                action=action,
                entity=entity,
                entity_uuid=entity_uuid,
                summary=summary,
                before=before,
                after=after,
            )
        ],
    )


@dataclass(frozen=True)
class ChainReport:
    rows: int
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


#: Marks a ``before``/``after`` text that is not JSON: such a row was written by hand.
_DAMAGED = object()


def _json_or_damaged(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return _DAMAGED


def _rows(session: Session) -> Iterator[Any]:
    """Every row in id order, ``before``/``after`` as stored text: a damaged one is a
    finding of the check, not a decoding error that stops it."""
    columns = [c for c in AuditRow.__table__.c if c.name not in ("before", "after")]
    raw = [type_coerce(AuditRow.before, Text), type_coerce(AuditRow.after, Text)]
    query = select(*columns, *raw).order_by(AuditRow.id).execution_options(yield_per=2000)
    for row in session.execute(query):
        values = row._mapping
        yield SimpleNamespace(
            **{c.name: values[c] for c in columns},
            before=_json_or_damaged(row[-2]),
            after=_json_or_damaged(row[-1]),
        )


def verify_chain(session: Session, max_problems: int = 20) -> ChainReport:
    """Recompute every hash; report the first problems found (in Chinese)."""
    problems: list[str] = []
    expected_prev = GENESIS
    expected_id = 1
    count = 0
    last_hash = GENESIS
    for row in _rows(session):
        count += 1
        if row.id != expected_id:
            problems.append(f"审计日志第{expected_id}条至第{row.id - 1}条缺失（被删除）")
        if row.prev_hash != expected_prev:
            problems.append(f"审计日志第{row.id}条与前一条不衔接（前面的记录被删除或改动）")
        if row.before is _DAMAGED or row.after is _DAMAGED:
            problems.append(f"审计日志第{row.id}条的内容已损坏（无法读取）")
        elif row.hash != stored_row_hash(row):
            problems.append(f"审计日志第{row.id}条的内容被改动过（校验值不符）")
        expected_prev = row.hash
        expected_id = row.id + 1
        last_hash = row.hash
        if len(problems) >= max_problems:
            break
    head = session.get(AuditHead, 1)
    if len(problems) < max_problems:
        if head is None and count:
            problems.append("审计日志的链头记录缺失")
        elif head is not None and (head.last_id != expected_id - 1 or head.last_hash != last_hash):
            problems.append(
                f"审计日志末尾的记录缺失：应有{head.last_id}条，实有{expected_id - 1}条"
            )
    return ChainReport(count, problems)


@dataclass(frozen=True)
class Record:
    """One audit entry to append in bulk (demo data, imports)."""

    at: dt.datetime
    operator_id: int | None
    operator_name: str
    action: str
    entity: str
    entity_uuid: str = ""
    summary: str = ""
    before: Any = None
    after: Any = None


def append_many(session: Session, records: list[Record]) -> None:
    """Append many records at once with plain INSERTs: same chain, far fewer round trips."""
    head = session.get(AuditHead, 1)
    prev_id, prev_hash = (head.last_id, head.last_hash) if head else (0, GENESIS)
    rows = []
    for offset, record in enumerate(records, start=1):
        new_id = prev_id + offset
        digest = row_hash(id=new_id, prev_hash=prev_hash, **record.__dict__)
        rows.append({"id": new_id, "prev_hash": prev_hash, "hash": digest, **record.__dict__})
        prev_hash = digest
    if not rows:
        return
    session.execute(insert(AuditRow), rows)
    last_id = prev_id + len(rows)
    if head is None:
        session.add(AuditHead(id=1, last_id=last_id, last_hash=prev_hash))
    else:
        head.last_id = last_id
        head.last_hash = prev_hash
    session.flush()


def head(session: Session) -> ChainHead:
    """The chain's head as it stands in this transaction."""
    row = session.get(AuditHead, 1)
    return ChainHead(row.last_id, row.last_hash) if row is not None else ChainHead(0, GENESIS)


def segment(session: Session, start: ChainHead, end: ChainHead) -> Iterator[dict[str, Any]]:
    """Records ``start.count + 1`` … ``end.count`` as plain dicts (``at`` as ISO 8601 text),
    the form a submission package carries them in."""
    stmt = (
        select(AuditRow)
        .where(AuditRow.id > start.count, AuditRow.id <= end.count)
        .order_by(AuditRow.id)
        .execution_options(yield_per=1000)
    )
    for row in session.scalars(stmt):
        yield {
            "id": row.id,
            "at": row.at.isoformat(),
            "operator_id": row.operator_id,
            "operator_name": row.operator_name,
            "action": row.action,
            "entity": row.entity,
            "entity_uuid": row.entity_uuid,
            "summary": row.summary,
            "before": row.before,
            "after": row.after,
            "prev_hash": row.prev_hash,
            "hash": row.hash,
        }
