"""Whether each revision's status is backed by its history: its transition rows lead there
through the review workflow, and each has its record in the hash-chained audit log
(``domain.workflow.history_problem``). A status written into the database by hand
(``UPDATE item_revisions SET status='approved'``) has neither, and so shows here.

Also the facts whose audit records must exist: each item's creation, each export.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from gwgk_desktop.domain.audit_chain import GENESIS
from gwgk_desktop.domain.enums import Status
from gwgk_desktop.domain.workflow import Action, Step, history_problem
from gwgk_desktop.store import audit
from gwgk_desktop.store.models import AuditRow, ItemRow, PackageExport, RevisionRow

_REVIEW_ACTIONS = {f"item.{action.value}": action.value for action in Action}


@dataclass(frozen=True)
class Unbacked:
    """A revision whose status its history does not bear out."""

    revision_id: int
    item_uuid: str
    index_number: str
    name: str
    revision: int
    problem: str

    def line(self) -> str:
        return f"{self.index_number}“{self.name}”第{self.revision}版：{self.problem}"


def _part(text: str | None) -> dict[str, Any]:
    """A ``before``/``after`` record as an object: one that is not a JSON object (text
    changed behind the application's back) says nothing."""
    try:
        value = None if text is None else json.loads(text)
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def _revision(record: dict[str, Any]) -> Hashable:
    """The revision a record names, as the key its steps are filed under: a value that
    cannot be a key (a list or an object, written behind the application's back) names
    none, so the revision it was meant for shows as not backed by the audit log."""
    revision = record.get("revision")
    return revision if isinstance(revision, Hashable) else None


#: One recorded step as plain values in ``Step``'s field order: (action, source, target,
#: operator name). Tens of thousands are read, and most compared only with each other.
_Plain = tuple[str, str, str, str]

#: The review steps of the audit log in chain order. ``readable``: SQLite's JSON parser
#: accepts ``after`` and it is too short for any nesting or number to reach the limits of
#: Python's decoder (so ``json.loads`` reads it too). Read in one pass over the table: a
#: scan in id order costs less than the entity index's lookups followed by a sort.
_REVIEWS = "entity = 'item' AND action IN ({})".format(
    ", ".join(f"'{action}'" for action in _REVIEW_ACTIONS)
)
_AUDIT_COLUMNS = (
    "SELECT entity_uuid, action, operator_name, before, after,"
    " length(after) <= 1000 AND json_valid(after) AS readable FROM audit_log"
)
_AUDITED = text(f"{_AUDIT_COLUMNS} NOT INDEXED WHERE {_REVIEWS} ORDER BY id")
#: The same of some items only (few: through the entity index).
_AUDITED_OF = text(
    f"{_AUDIT_COLUMNS} WHERE {_REVIEWS}"
    " AND entity_uuid IN (SELECT value FROM json_each(:uuids)) ORDER BY id"
)
#: The items with review records after a given one.
_REVIEWED_SINCE = text(f"SELECT DISTINCT entity_uuid FROM audit_log WHERE id > :id AND {_REVIEWS}")
#: The two JSON texts in the plain form the application writes (``JsonText``: sorted
#: keys, no spaces) are read without the JSON decoder: ``before`` exactly
#: ``{"revision":N,"status":"S"}``; ``after`` ending in the member ``"status":"S"``,
#: which is then its last key, so also the one ``json.loads`` keeps.
_PLAIN_BEFORE = re.compile(r'\{"revision":([1-9][0-9]{0,8}),"status":"([a-z]+)"\}')
_STATUS_KEY = '"status":"'
_CODE = re.compile("[a-z]+")


def _last_status(after: str) -> str | None:
    """``S`` when valid JSON ``after`` ends in the member ``"status":"S"`` (a lower-case
    code), else None."""
    at = after.rfind(_STATUS_KEY)
    end = len(after) - 2
    if at < 1 or after[at - 1] not in ",{" or not after.endswith('"}'):
        return None
    return after[at + 10 : end] if _CODE.fullmatch(after, at + 10, end) else None


def _audited(
    session: Session, uuids: Collection[str] | None = None
) -> dict[tuple[str, Any], list[_Plain]]:
    """The audit log's review steps (of all items, or of ``uuids``) by (item UUID,
    revision), in chain order, read as the JSON column type reads them (a row not in the
    plain form is decoded so)."""
    found: dict[tuple[str, Any], list[_Plain]] = defaultdict(list)
    rows = (
        session.execute(_AUDITED)
        if uuids is None
        else session.execute(_AUDITED_OF, {"uuids": json.dumps(sorted(uuids))})
    )
    for uuid, action, operator, before, after, readable in rows:
        plain = _PLAIN_BEFORE.fullmatch(before) if before is not None else None
        target = _last_status(after) if readable else None
        if plain is not None and target is not None:
            key: tuple[str, Any] = (uuid, int(plain[1]))
            source = plain[2]
        else:
            old, new = _part(before), _part(after)
            key = (uuid, _revision(old))
            source, target = str(old.get("status", "")), str(new.get("status", ""))
        found[key].append((_REVIEW_ACTIONS[action], source, target, operator))
    return found


def _transitions(
    session: Session, revision_ids: Collection[int] | None = None
) -> dict[int, list[_Plain]]:
    """Each revision's transition rows (of all, or of ``revision_ids``), in the order
    they were made."""
    found: dict[int, list[_Plain]] = defaultdict(list)
    sql = "SELECT revision_id, action, from_status, to_status, operator_name FROM transitions"
    if revision_ids is not None:
        sql += " WHERE revision_id IN (SELECT value FROM json_each(:ids))"
    parameters = {"ids": json.dumps(sorted(revision_ids))} if revision_ids is not None else {}
    for revision_id, *step in session.execute(text(sql + " ORDER BY id"), parameters):
        found[revision_id].append(tuple(step))
    return found


def _problem(status: Status, steps: list[_Plain], audited: list[_Plain]) -> str | None:
    return history_problem(status, [Step(*s) for s in steps], [Step(*s) for s in audited])


#: What a revision's verdict depends on besides its steps: its item, number and status.
_Key = tuple[str, int, str]


@dataclass(frozen=True)
class Checked:
    """Where a history check left off, the start of the next one (``unbacked_since``): the
    newest audit record and transition row it read, how many transition rows there were,
    and each revision its history backed, by id, as (item UUID, number, status)."""

    audit_id: int
    audit_hash: str
    transition_id: int
    transitions: int
    backed: dict[int, _Key]

    def to_json(self) -> dict[str, Any]:
        return {
            "audit_id": self.audit_id,
            "audit_hash": self.audit_hash,
            "transition_id": self.transition_id,
            "transitions": self.transitions,
            # In the check's order (the order means nothing here: sorting cost more than
            # the rest of writing the checkpoint).
            "backed": [(rid, *key) for rid, key in self.backed.items()],
        }

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Checked:
        """ValueError (or KeyError, TypeError) for anything not written by ``to_json``."""
        backed = {int(rid): (str(uuid), int(n), str(s)) for rid, uuid, n, s in value["backed"]}
        return cls(
            int(value["audit_id"]),
            str(value["audit_hash"]),
            int(value["transition_id"]),
            int(value["transitions"]),
            backed,
        )


def _mark(session: Session) -> tuple[int, str, int, int]:
    """The newest audit record (id, hash), the newest transition row's id and the count."""
    head = audit.head(session)
    newest, count = session.execute(text("SELECT max(id), count(*) FROM transitions")).one()
    return head.count, head.head, newest or 0, count


_REVISION = RevisionRow.__table__.c
_ITEM = ItemRow.__table__.c
#: Table columns, not mapped attributes: plain result rows, without the ORM's row loading.
_REVISIONS = select(
    _REVISION.id,
    _REVISION.revision,
    _REVISION.status,
    _REVISION.name,
    _ITEM.uuid,
    _ITEM.index_number,
).join_from(RevisionRow.__table__, ItemRow.__table__, _REVISION.item_id == _ITEM.id)


_REVISION_KEYS = text(
    "SELECT r.id, r.revision, r.status, i.uuid FROM item_revisions r"
    " JOIN items i ON i.id = r.item_id"
)
#: ``_REVISIONS`` of some (few) revisions, their statuses as stored.
_REVISIONS_OF = text(
    "SELECT r.id, r.revision, r.status, r.name, i.uuid, i.index_number FROM item_revisions r"
    " JOIN items i ON i.id = r.item_id WHERE r.id IN (SELECT value FROM json_each(:ids))"
    " ORDER BY r.id"
)


def _verdicts(
    rows: Iterable[Any],
    steps: dict[int, list[_Plain]],
    audited: dict[tuple[str, Any], list[_Plain]],
    backed: dict[int, _Key],
) -> list[Unbacked]:
    """``history_problem`` of each revision row; the backed ones are added to ``backed``.
    Where the audit records repeat the transition rows step for step, what is left to
    check depends only on the status and the steps: thousands of revisions share a few
    histories (submitted, approved, published), each checked once."""
    agreed: dict[tuple[Status, tuple[_Plain, ...]], str | None] = {}
    found = []
    for revision_id, number, status, name, uuid, index_number in rows:
        mine = steps.get(revision_id, [])
        theirs = audited.get((uuid, number), [])
        if mine == theirs:
            key = (status, tuple(mine))
            if key not in agreed:
                agreed[key] = _problem(status, mine, theirs)
            problem = agreed[key]
        else:
            problem = _problem(status, mine, theirs)
        if problem:
            found.append(Unbacked(revision_id, uuid, index_number, name, number, problem))
        else:
            backed[revision_id] = (uuid, number, status.value)
    return found


def unbacked_revisions(
    session: Session, revision_ids: Collection[int] | None = None
) -> list[Unbacked]:
    """Every revision (or those of ``revision_ids``) whose status is not backed by its
    transition rows and audit records (``history_problem`` of each)."""
    query = _REVISIONS
    if revision_ids is not None:
        query = query.where(_REVISION.id.in_(list(revision_ids)))
    return _verdicts(session.execute(query), _transitions(session), _audited(session), {})


def check_history(session: Session) -> tuple[list[Unbacked], Checked]:
    """``unbacked_revisions`` of all, and where the check left off."""
    audit_id, audit_hash, transition_id, transitions = _mark(session)
    backed: dict[int, _Key] = {}
    found = _verdicts(session.execute(_REVISIONS), _transitions(session), _audited(session), backed)
    return found, Checked(audit_id, audit_hash, transition_id, transitions, backed)


def unbacked_since(session: Session, last: Checked) -> tuple[list[Unbacked], Checked] | None:
    """What ``check_history`` finds now, checking only what may have changed since it
    left off at ``last``: a revision not then backed, or whose item, number or status
    differs, or with transition rows or review records added since. None when ``last``
    does not fit this database (its last audit record is not there with that hash, or
    transition rows it counted are gone): then only the whole check will do.

    What this does not see, the whole check (``gwgk check``) still does: an old transition
    row changed in place, and audit records changed or removed behind the triggers (the
    hash chain shows those). Neither can make a status look backed that was not."""
    audit_id, audit_hash, transition_id, transitions = _mark(session)
    if last.audit_id:
        stored = session.scalar(
            text("SELECT hash FROM audit_log WHERE id = :id"), {"id": last.audit_id}
        )
        if stored != last.audit_hash:
            return None
    elif last.audit_hash != GENESIS:
        return None
    kept = session.scalar(
        text("SELECT count(*) FROM transitions WHERE id <= :id"), {"id": last.transition_id}
    )
    if audit_id < last.audit_id or kept != last.transitions:
        return None
    stepped = set(
        session.scalars(
            text("SELECT revision_id FROM transitions WHERE id > :id"),
            {"id": last.transition_id},
        )
    )
    recorded = set(session.scalars(_REVIEWED_SINCE, {"id": last.audit_id}))
    backed: dict[int, _Key] = {}
    again = []
    # The statuses as stored (codes, compared with the checkpoint's), fetched in one go;
    # only the revisions checked again are read as the typed query reads them.
    for revision_id, number, status, uuid in session.execute(_REVISION_KEYS).fetchall():
        key = (uuid, number, status)
        if (
            last.backed.get(revision_id) == key
            and revision_id not in stepped
            and uuid not in recorded
        ):
            backed[revision_id] = key
        else:
            again.append(revision_id)
    again_rows = [
        (revision_id, number, Status(status), name, uuid, index_number)
        for revision_id, number, status, name, uuid, index_number in session.execute(
            _REVISIONS_OF, {"ids": json.dumps(again)}
        )
    ]
    found = (
        _verdicts(
            again_rows,
            _transitions(session, again),
            _audited(session, {row[4] for row in again_rows}),
            backed,
        )
        if again
        else []
    )
    return found, Checked(audit_id, audit_hash, transition_id, transitions, backed)


def unrecorded_facts(session: Session) -> list[str]:
    """Items without their creation record and exports without theirs in the audit log
    (records cut off the end of the chain, with its head moved back)."""
    created = set(
        session.scalars(
            select(AuditRow.entity_uuid).where(
                AuditRow.entity == "item", AuditRow.action == "item.create"
            )
        )
    )
    problems = [
        f"事项{index_number}在审计日志中没有新建记录（审计记录被删除过）"
        for uuid, index_number in session.execute(
            select(ItemRow.uuid, ItemRow.index_number).order_by(ItemRow.id)
        )
        if uuid not in created
    ]
    exported = set(
        session.scalars(
            select(AuditRow.entity_uuid).where(
                AuditRow.entity == "package", AuditRow.action == "package.export"
            )
        )
    )
    problems += [
        f"第{sequence}号报送包在审计日志中没有导出记录（审计记录被删除过）"
        for sequence, package_id in session.execute(
            select(PackageExport.sequence, PackageExport.package_id)
            .where(PackageExport.sha256 != "")
            .order_by(PackageExport.sequence)
        )
        if package_id not in exported
    ]
    return problems
