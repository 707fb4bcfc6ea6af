"""The review workflow as one explicit transition table.

草稿 → 待审核 → 已审核 → 已公开, and 已撤回. Editing an approved, published or withdrawn
item does not change its status: it makes a new draft revision (see ``REVISABLE``) while
the approved one stays in force until the new one is approved.
"""

from __future__ import annotations

from dataclasses import dataclass

from gwgk_desktop.domain.enums import LabelledEnum, Role, Status
from gwgk_desktop.domain.unsafe_text import text_problem

#: A review comment (退回意见, 撤回理由) is a few sentences, never a document.
MAX_COMMENT = 2000


class Action(LabelledEnum):
    SUBMIT = "submit", "提交审核"
    RETRACT = "retract", "取回修改"
    RETURN = "return", "退回修改"
    APPROVE = "approve", "审核通过"
    PUBLISH = "publish", "公开"
    WITHDRAW = "withdraw", "撤回公开"


@dataclass(frozen=True)
class Rule:
    action: Action
    source: Status
    target: Status
    roles: frozenset[Role]
    needs_comment: bool = False
    needs_date: bool = False
    #: The operator who submitted the revision may not perform this action (four eyes).
    other_than_submitter: bool = False


_CLERKS = frozenset({Role.CLERK, Role.ADMIN})
_REVIEWERS = frozenset({Role.REVIEWER, Role.ADMIN})

TRANSITIONS: tuple[Rule, ...] = (
    Rule(Action.SUBMIT, Status.DRAFT, Status.PENDING, _CLERKS),
    Rule(Action.RETRACT, Status.PENDING, Status.DRAFT, _CLERKS),
    Rule(Action.RETURN, Status.PENDING, Status.DRAFT, _REVIEWERS, needs_comment=True),
    Rule(Action.APPROVE, Status.PENDING, Status.APPROVED, _REVIEWERS, other_than_submitter=True),
    Rule(Action.PUBLISH, Status.APPROVED, Status.PUBLISHED, _REVIEWERS, needs_date=True),
    Rule(Action.WITHDRAW, Status.APPROVED, Status.WITHDRAWN, _REVIEWERS, needs_comment=True),
    Rule(Action.WITHDRAW, Status.PUBLISHED, Status.WITHDRAWN, _REVIEWERS, needs_comment=True),
)

#: Statuses whose content may be edited in place.
EDITABLE: frozenset[Status] = frozenset({Status.DRAFT})
#: Statuses whose editing makes a new draft revision.
REVISABLE: frozenset[Status] = frozenset({Status.APPROVED, Status.PUBLISHED, Status.WITHDRAWN})
#: Who may edit content (and so create drafts and revisions).
EDITOR_ROLES: frozenset[Role] = _CLERKS
#: Statuses counted as "in force" for printing and export.
LIVE: frozenset[Status] = frozenset({Status.APPROVED, Status.PUBLISHED})


class WorkflowRefusal(Exception):
    """A transition that the table does not allow; ``message`` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def rule_for(action: Action, source: Status) -> Rule | None:
    for rule in TRANSITIONS:
        if rule.action is action and rule.source is source:
            return rule
    return None


def refusal_reason(
    action: Action,
    source: Status,
    role: Role,
    *,
    actor_is_submitter: bool = False,
) -> str | None:
    """Why ``role`` may not perform ``action`` on an item in ``source``; None when allowed."""
    rule = rule_for(action, source)
    if rule is None:
        return f"“{source.label}”状态的事项不能{action.label}"
    if role not in rule.roles:
        allowed = "、".join(r.label for r in Role if r in rule.roles)
        return f"{action.label}需要{allowed}权限，当前角色为{role.label}"
    if rule.other_than_submitter and actor_is_submitter:
        return f"不能{action.label}自己提交的事项，请由另一位审核人办理"
    return None


def check(
    action: Action,
    source: Status,
    role: Role,
    *,
    actor_is_submitter: bool = False,
    comment: str = "",
    has_date: bool = False,
) -> Rule:
    """Return the rule for a transition, or raise WorkflowRefusal saying why not."""
    reason = refusal_reason(action, source, role, actor_is_submitter=actor_is_submitter)
    if reason:
        raise WorkflowRefusal(reason)
    rule = rule_for(action, source)
    assert rule is not None
    if rule.needs_comment and not comment.strip():
        raise WorkflowRefusal(f"{action.label}须填写意见或理由")
    if len(comment) > MAX_COMMENT:
        raise WorkflowRefusal(f"意见不能超过{MAX_COMMENT}个字（现有{len(comment)}个字）")
    problem = text_problem(comment)
    if problem:
        raise WorkflowRefusal(f"意见{problem}")
    if rule.needs_date and not has_date:
        raise WorkflowRefusal(f"{action.label}须填写公开日期")
    return rule


def available_actions(source: Status) -> list[Action]:
    """Actions that exist from ``source`` regardless of role (for enabling buttons)."""
    return [rule.action for rule in TRANSITIONS if rule.source is source]


def is_submitter(submitted_by_id: int | None, operator_id: int | None) -> bool:
    """Whether the operator ``operator_id`` submitted a revision submitted by
    ``submitted_by_id`` (a revision nobody submitted has no submitter, not even the
    application itself, whose operator id is None too)."""
    return submitted_by_id is not None and submitted_by_id == operator_id


def in_force(status: Status, live_revision: int | None) -> bool:
    """Whether an item whose head is in ``status`` has a revision in force (the head, or
    the older ``live_revision`` while a newer draft is edited)."""
    return status in LIVE or live_revision is not None


# What an operator may do to items outside the review steps: each rule once, asked by
# the services (which refuse), the GUI (which disables and explains) and the CLI alike.
# Each gives the reason in Chinese, or None when allowed.


def can_create(role: Role) -> str | None:
    """Why ``role`` may not create items."""
    if role not in EDITOR_ROLES:
        return f"{role.label}不能新建事项，请由录入员办理"
    return None


def can_edit(status: Status, role: Role) -> str | None:
    """Why ``role`` may not edit an item in ``status``."""
    if role not in EDITOR_ROLES:
        return f"{role.label}不能修改事项内容，请由录入员修改"
    if status is Status.PENDING:
        return "事项正在审核中，请先取回或等待审核结果后再修改"
    return None


def can_delete(role: Role, *, in_force: bool) -> str | None:
    """Why ``role`` may not move an item to the recycle bin; ``in_force``: the item has
    an approved or published revision in force (see ``in_force()``)."""
    if role not in EDITOR_ROLES:
        return f"{role.label}不能删除事项，请由录入员办理"
    if in_force:
        return "已审核或已公开的事项不能直接删除，请先撤回公开"
    return None


def can_restore(role: Role) -> str | None:
    """Why ``role`` may not restore an item from the recycle bin."""
    if role not in EDITOR_ROLES:
        return f"{role.label}不能恢复事项，请由录入员办理"
    return None


# A revision's status must be where its recorded steps lead, and each step must have its
# audit record: what ``gwgk check`` reports and what export refuses otherwise (a status
# written into the database by hand, not through the review workflow).


@dataclass(frozen=True)
class Step:
    """One recorded step of a revision: its transition row, or its audit record."""

    action: str
    source: str
    target: str
    operator_name: str


def history_problem(status: Status, steps: list[Step], audited: list[Step]) -> str | None:
    """Why a revision in ``status`` whose transition rows are ``steps`` and whose audit
    records of review steps are ``audited`` (both in the order they were made) is not
    backed by its history; None when it is: the steps follow the transition table from
    草稿 to ``status``, and each has an audit record saying the same (who, from, to)."""
    current = Status.DRAFT.value
    for step in steps:
        try:
            rule = rule_for(Action(step.action), Status(step.source))
        except ValueError:
            rule = None
        if step.source != current or rule is None or rule.target.value != step.target:
            return f"流转记录不合审核流程（“{step.source}”经“{step.action}”到“{step.target}”）"
        current = step.target
    if current != status.value:
        return f"状态为“{status.label}”，流转记录却只到“{Status(current).label}”（状态被直接改过）"
    if len(audited) != len(steps):
        return f"有{len(steps)}条流转记录，审计日志中却有{len(audited)}条相应记录"
    for step, record in zip(steps, audited, strict=True):
        if step != record:
            return f"流转记录（{step.operator_name}{step.action}）与审计日志不符"
    return None
