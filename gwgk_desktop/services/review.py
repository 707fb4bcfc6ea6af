"""The review workflow on items: submit, retract, return, approve, publish, withdraw (the
table is ``domain.workflow``), each one write transaction with its transition record and
audit record, and why an operator may not take a step now (for the GUI's buttons)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.models import Actor, Item
from gwgk_desktop.domain.validation import Strictness
from gwgk_desktop.domain.workflow import Action, WorkflowRefusal
from gwgk_desktop.errors import PermissionDenied
from gwgk_desktop.services import privacy
from gwgk_desktop.services.reference import require_valid
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.item_content import read_content
from gwgk_desktop.store.items import item_row, live_revision, revision, to_item
from gwgk_desktop.store.models import ItemRow as ItemTable
from gwgk_desktop.store.models import RevisionRow, TransitionRow


def _acted_on(session: Session, item: ItemTable, action: Action) -> RevisionRow:
    """The revision ``action`` applies to: the head, except that withdrawing takes the
    revision in force while a newer draft is being edited."""
    rev = revision(item, None)
    if action is Action.WITHDRAW and rev.status not in workflow.LIVE:
        rev = live_revision(session, item.id) or rev
    return rev


class Review:
    """Moves items through the review workflow."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def transition(
        self,
        actor: Actor,
        item_id: int,
        action: Action,
        *,
        comment: str = "",
        publish_date: dt.date | None = None,
    ) -> Item:
        """Take one step of the review workflow (see ``domain.workflow``)."""
        with self.db.write() as session:
            item = item_row(session, item_id)
            rev = _acted_on(session, item, action)
            submitter = workflow.is_submitter(rev.submitted_by_id, actor.operator_id)
            try:
                rule = workflow.check(
                    action,
                    rev.status,
                    actor.role,
                    actor_is_submitter=submitter,
                    comment=comment,
                    has_date=publish_date is not None,
                )
            except WorkflowRefusal as refusal:
                raise PermissionDenied(refusal.message, "transition refused") from refusal
            if action in (Action.SUBMIT, Action.APPROVE):
                content = read_content(session, item, rev)
                require_valid(
                    session,
                    content,
                    Strictness.SUBMIT,
                    message=f"“{rev.name}”还有未填写完整的内容，不能{action.label}：",
                )
                # No ID or bank card number goes further (domain.privacy.CHECKED_ACTIONS).
                privacy.refuse_if_blocked(
                    session, item.id, item.index_number, content, action.label
                )
            old_status = rev.status
            rev.status = rule.target
            if action is Action.SUBMIT:
                rev.submitted_by_id = actor.operator_id
            if action is Action.PUBLISH:
                rev.published_on = publish_date
            if action is Action.APPROVE:
                for other in item.revisions:
                    if other.id != rev.id and other.status in workflow.LIVE:
                        other.superseded = True
            rev.transitions.append(
                TransitionRow(
                    action=action.value,
                    from_status=old_status,
                    to_status=rule.target,
                    operator_id=actor.operator_id,
                    operator_name=actor.display_name,
                    comment=comment,
                )
            )
            extra = f"：{comment}" if comment else ""
            audit.append(
                session,
                actor,
                f"item.{action.value}",
                "item",
                item.uuid,
                f"{action.label}“{rev.name}”第{rev.revision}版{extra}",
                before={"status": old_status.value, "revision": rev.revision},
                after={
                    "status": rule.target.value,
                    "revision": rev.revision,
                    "comment": comment,
                    "published_on": publish_date.isoformat() if publish_date else None,
                },
            )
            session.flush()
            return to_item(session, item, rev)

    def allowed(self, actor: Actor, item_id: int, action: Action) -> str | None:
        """Why ``actor`` may not perform ``action`` on the item now; None if allowed."""
        with self.db.read() as session:
            item = item_row(session, item_id)
            rev = _acted_on(session, item, action)
            return workflow.refusal_reason(
                action,
                rev.status,
                actor.role,
                actor_is_submitter=workflow.is_submitter(rev.submitted_by_id, actor.operator_id),
            )
