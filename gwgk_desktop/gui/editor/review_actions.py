"""The review steps, delete and restore as shared ``QAction``s: the editor's buttons and
the main window's 审核 and 编辑 menus show the very same actions, so they always agree on
what may be done now and why not.

A step the current operator may not take stays visible but disabled, with a tooltip that
says why (``services.review.Review.allowed`` and ``domain.workflow`` give the reasons).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.models import Actor, Item
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.catalogue import Catalogue


def bind_button(button: QAbstractButton, action: QAction) -> None:
    """Make ``button`` a view of ``action``: clicking triggers it, and it is enabled and
    explained as the action is (its own text stays: buttons say it shorter than menus)."""

    def follow() -> None:
        button.setEnabled(action.isEnabled())
        button.setToolTip(action.toolTip())

    button.clicked.connect(action.trigger)
    action.changed.connect(follow)
    follow()


class ReviewActions(QObject):
    """``steps``: one action per review step (``Action``); ``delete`` and ``restore``.
    Triggering them is the owner's business (connect to ``triggered``)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.steps: dict[Action, QAction] = {}
        for step in Action:
            action = QAction(step.label, self)
            action.setObjectName(f"review_{step.value}")
            self.steps[step] = action
        self.delete = QAction(self.tr("删除事项(&D)"), self)
        self.delete.setObjectName("deleteItem")
        self.restore = QAction(self.tr("从回收站恢复(&R)"), self)
        self.restore.setObjectName("restoreItem")

    def update(
        self,
        catalogue: Catalogue,
        actor: Actor,
        item: Item | None,
        note: str = "",
    ) -> None:
        """Enable what ``actor`` may do to ``item`` now; ``note`` overrides every reason
        (no item open, a read-only view)."""
        for step, action in self.steps.items():
            if note or item is None:
                reason: str | None = note or self.tr("请先保存事项")
            elif item.deleted:
                reason = self.tr("事项在回收站中")
            else:
                reason = catalogue.review.allowed(actor, item.id, step)
            _set(action, reason, _description(step))

        if note or item is None:
            delete: str | None = note or self.tr("事项尚未保存")
        elif item.deleted:
            delete = self.tr("事项在回收站中")
        else:
            in_force = workflow.in_force(item.status, item.live_revision)
            delete = workflow.can_delete(actor.role, in_force=in_force)
        _set(self.delete, delete, self.tr("移到回收站（可以恢复）"))

        if note or item is None or not item.deleted:
            restore: str | None = note or self.tr("事项不在回收站中")
        else:
            restore = workflow.can_restore(actor.role)
        _set(self.restore, restore, "")


def _set(action: QAction, reason: str | None, description: str) -> None:
    action.setEnabled(reason is None)
    action.setToolTip(reason or description)


def _description(action: Action) -> str:
    rules = [r for r in workflow.TRANSITIONS if r.action is action]
    sources = "/".join(r.source.label for r in rules)
    return fmt(
        QCoreApplication.translate("ReviewActions", "%1：%2 → %3"),
        action.label,
        sources,
        rules[0].target.label,
    )
