"""The transition table: every action from every status for every role, allowed or refused."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.enums import Role, Status
from gwgk_desktop.domain.workflow import Action, WorkflowRefusal
from gwgk_desktop.errors import PermissionDenied
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.factories import catalogue_content

# The table as the issue states it, written out independently of the code under test.
EXPECTED: dict[tuple[Action, Status], tuple[Status, set[Role]]] = {
    (Action.SUBMIT, Status.DRAFT): (Status.PENDING, {Role.CLERK, Role.ADMIN}),
    (Action.RETRACT, Status.PENDING): (Status.DRAFT, {Role.CLERK, Role.ADMIN}),
    (Action.RETURN, Status.PENDING): (Status.DRAFT, {Role.REVIEWER, Role.ADMIN}),
    (Action.APPROVE, Status.PENDING): (Status.APPROVED, {Role.REVIEWER, Role.ADMIN}),
    (Action.PUBLISH, Status.APPROVED): (Status.PUBLISHED, {Role.REVIEWER, Role.ADMIN}),
    (Action.WITHDRAW, Status.APPROVED): (Status.WITHDRAWN, {Role.REVIEWER, Role.ADMIN}),
    (Action.WITHDRAW, Status.PUBLISHED): (Status.WITHDRAWN, {Role.REVIEWER, Role.ADMIN}),
}


@pytest.mark.parametrize(
    ("action", "source", "role"), list(itertools.product(Action, Status, Role))
)
def test_every_transition_is_allowed_or_refused_by_role(
    action: Action, source: Status, role: Role
) -> None:
    expected = EXPECTED.get((action, source))
    reason = workflow.refusal_reason(action, source, role)
    if expected is not None and role in expected[1]:
        assert reason is None
        rule = workflow.check(action, source, role, comment="意见", has_date=True)
        assert rule.target is expected[0]
    else:
        assert reason
        with pytest.raises(WorkflowRefusal):
            workflow.check(action, source, role, comment="意见", has_date=True)


def test_refusals_say_why_in_chinese() -> None:
    assert workflow.refusal_reason(Action.APPROVE, Status.PENDING, Role.CLERK) == (
        "审核通过需要审核人、管理员权限，当前角色为录入员"
    )
    assert workflow.refusal_reason(Action.PUBLISH, Status.DRAFT, Role.ADMIN) == (
        "“草稿”状态的事项不能公开"
    )
    assert "另一位审核人" in (
        workflow.refusal_reason(Action.APPROVE, Status.PENDING, Role.ADMIN, actor_is_submitter=True)
        or ""
    )


def test_return_and_withdraw_need_a_comment_and_publish_a_date() -> None:
    with pytest.raises(WorkflowRefusal, match="意见"):
        workflow.check(Action.RETURN, Status.PENDING, Role.REVIEWER)
    with pytest.raises(WorkflowRefusal, match="意见"):
        workflow.check(Action.WITHDRAW, Status.PUBLISHED, Role.REVIEWER, comment="  ")
    with pytest.raises(WorkflowRefusal, match="公开日期"):
        workflow.check(Action.PUBLISH, Status.APPROVED, Role.REVIEWER)


def test_editing_rules() -> None:
    assert workflow.can_edit(Status.DRAFT, Role.CLERK) is None
    assert workflow.can_edit(Status.PUBLISHED, Role.CLERK) is None  # makes a new revision
    assert "审核中" in (workflow.can_edit(Status.PENDING, Role.CLERK) or "")
    assert workflow.can_edit(Status.DRAFT, Role.REVIEWER)


@pytest.mark.parametrize("role", list(Role))
def test_creating_deleting_and_restoring_are_for_editors(role: Role) -> None:
    editor = role in {Role.CLERK, Role.ADMIN}
    for reason in (
        workflow.can_create(role),
        workflow.can_delete(role, in_force=False),
        workflow.can_restore(role),
    ):
        assert (reason is None) is editor
        assert editor or (role.label in reason and "请由录入员办理" in reason)  # type: ignore[operator]
    refusal = workflow.can_delete(role, in_force=True)
    assert refusal is not None
    assert not editor or "请先撤回公开" in refusal


def test_in_force_and_submitter() -> None:
    assert workflow.in_force(Status.PUBLISHED, None)
    assert workflow.in_force(Status.DRAFT, 1)  # a new draft while revision 1 is in force
    assert not workflow.in_force(Status.WITHDRAWN, None)
    assert workflow.is_submitter(7, 7)
    assert not workflow.is_submitter(7, 8)
    # A revision nobody submitted is not "submitted by" the application (id None) either.
    assert not workflow.is_submitter(None, None)


def _item_in(catalogue: Catalogue, actors: Actors, status: Status) -> int:
    item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue))
    steps = {
        Status.DRAFT: [],
        Status.PENDING: [(actors.clerk, Action.SUBMIT)],
        Status.APPROVED: [(actors.clerk, Action.SUBMIT), (actors.reviewer, Action.APPROVE)],
        Status.PUBLISHED: [
            (actors.clerk, Action.SUBMIT),
            (actors.reviewer, Action.APPROVE),
            (actors.reviewer, Action.PUBLISH),
        ],
        Status.WITHDRAWN: [
            (actors.clerk, Action.SUBMIT),
            (actors.reviewer, Action.APPROVE),
            (actors.reviewer, Action.WITHDRAW),
        ],
    }[status]
    for actor, action in steps:
        catalogue.review.transition(
            actor, item.id, action, comment="理由", publish_date=dt.date(2026, 9, 20)
        )
    return item.id


@pytest.mark.parametrize(("action", "source"), list(EXPECTED))
def test_service_applies_the_table_with_real_operators(
    station_db: Database, actors: Actors, action: Action, source: Status
) -> None:
    catalogue = Catalogue(station_db)
    target, roles = EXPECTED[(action, source)]
    by_role = {Role.CLERK: actors.clerk, Role.REVIEWER: actors.reviewer, Role.ADMIN: actors.admin}
    for role in Role:
        item_id = _item_in(catalogue, actors, source)
        kwargs = {"comment": "理由", "publish_date": dt.date(2026, 9, 21)}
        if role in roles:
            item = catalogue.review.transition(by_role[role], item_id, action, **kwargs)  # type: ignore[arg-type]
            assert item.status is target
            assert catalogue.items.transitions(item_id)[-1].to_status is target
        else:
            with pytest.raises(PermissionDenied):
                catalogue.review.transition(by_role[role], item_id, action, **kwargs)  # type: ignore[arg-type]
            assert catalogue.items.get(item_id).status is source


def test_the_submitter_cannot_approve_their_own_item(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.changes.create(actors.admin, catalogue_content(catalogue))
    catalogue.review.transition(actors.admin, item.id, Action.SUBMIT)
    with pytest.raises(PermissionDenied, match="另一位审核人"):
        catalogue.review.transition(actors.admin, item.id, Action.APPROVE)
    assert (
        catalogue.review.transition(actors.reviewer, item.id, Action.APPROVE).status
        is Status.APPROVED
    )
