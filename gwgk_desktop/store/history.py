"""Whether each revision's status is backed by its history: its transition rows lead there
through the review workflow, and each has its record in the hash-chained audit log
(``domain.workflow.history_problem``). A status written into the database by hand
(``UPDATE item_revisions SET status='approved'``) has neither, and so shows here.

Also the facts whose audit records must exist: each item's creation, each export.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwgk_desktop.domain.workflow import Action, Step, history_problem
from gwgk_desktop.store.models import AuditRow, ItemRow, PackageExport, RevisionRow, TransitionRow

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


def _part(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _audited(session: Session) -> dict[tuple[str, int | None], list[Step]]:
    """The audit log's review steps by (item UUID, revision), in chain order."""
    found: dict[tuple[str, int | None], list[Step]] = defaultdict(list)
    rows = session.execute(
        select(
            AuditRow.entity_uuid,
            AuditRow.action,
            AuditRow.operator_name,
            AuditRow.before,
            AuditRow.after,
        )
        .where(AuditRow.entity == "item", AuditRow.action.in_(list(_REVIEW_ACTIONS)))
        .order_by(AuditRow.id)
        .execution_options(yield_per=5000)
    )
    for uuid, action, operator, before, after in rows:
        step = Step(
            _REVIEW_ACTIONS[action],
            str(_part(before).get("status", "")),
            str(_part(after).get("status", "")),
            operator,
        )
        found[(uuid, _part(before).get("revision"))].append(step)
    return found


def unbacked_revisions(
    session: Session, revision_ids: Collection[int] | None = None
) -> list[Unbacked]:
    """Every revision (or those of ``revision_ids``) whose status is not backed by its
    transition rows and audit records."""
    steps: dict[int, list[Step]] = defaultdict(list)
    for revision_id, action, source, target, operator in session.execute(
        select(
            TransitionRow.revision_id,
            TransitionRow.action,
            TransitionRow.from_status,
            TransitionRow.to_status,
            TransitionRow.operator_name,
        ).order_by(TransitionRow.id)
    ):
        steps[revision_id].append(Step(action, source.value, target.value, operator))
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
    found = []
    for revision_id, number, status, name, uuid, index_number in session.execute(query):
        problem = history_problem(
            status, steps.get(revision_id, []), audited.get((uuid, number), [])
        )
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
