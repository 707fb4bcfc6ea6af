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
from collections.abc import Collection, Hashable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from gwgk_desktop.domain.enums import Status
from gwgk_desktop.domain.workflow import Action, Step, history_problem
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
_AUDITED = text(
    "SELECT entity_uuid, action, operator_name, before, after,"
    " length(after) <= 1000 AND json_valid(after) AS readable"
    " FROM audit_log NOT INDEXED WHERE entity = 'item' AND action IN ({})"
    " ORDER BY id".format(", ".join(f"'{action}'" for action in _REVIEW_ACTIONS))
)
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


def _audited(session: Session) -> dict[tuple[str, Any], list[_Plain]]:
    """The audit log's review steps by (item UUID, revision), in chain order, read as
    the JSON column type reads them (a row not in the plain form is decoded so)."""
    found: dict[tuple[str, Any], list[_Plain]] = defaultdict(list)
    for uuid, action, operator, before, after, readable in session.execute(_AUDITED):
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


def _transitions(session: Session) -> dict[int, list[_Plain]]:
    """Each revision's transition rows, in the order they were made."""
    found: dict[int, list[_Plain]] = defaultdict(list)
    for revision_id, *step in session.execute(
        text(
            "SELECT revision_id, action, from_status, to_status, operator_name"
            " FROM transitions ORDER BY id"
        )
    ):
        found[revision_id].append(tuple(step))
    return found


def _problem(status: Status, steps: list[_Plain], audited: list[_Plain]) -> str | None:
    return history_problem(status, [Step(*s) for s in steps], [Step(*s) for s in audited])


def unbacked_revisions(
    session: Session, revision_ids: Collection[int] | None = None
) -> list[Unbacked]:
    """Every revision (or those of ``revision_ids``) whose status is not backed by its
    transition rows and audit records (``history_problem`` of each)."""
    steps = _transitions(session)
    audited = _audited(session)
    query = select(
        RevisionRow.id,
        RevisionRow.revision,
        RevisionRow.status,
        RevisionRow.name,
        ItemRow.uuid,
        ItemRow.index_number,
    ).join(ItemRow, RevisionRow.item_id == ItemRow.id)
    if revision_ids is not None:
        query = query.where(RevisionRow.id.in_(list(revision_ids)))
    # Where the audit records repeat the transition rows step for step, what is left to
    # check depends only on the status and the steps: thousands of revisions share a
    # few histories (submitted, approved, published), each checked once.
    agreed: dict[tuple[Status, tuple[_Plain, ...]], str | None] = {}
    found = []
    for revision_id, number, status, name, uuid, index_number in session.execute(query):
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
    return found


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
