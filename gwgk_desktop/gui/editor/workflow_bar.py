"""The editor's row of review-workflow buttons, enabled from the service's own rules.

A button the current operator may not use stays visible but disabled, with a tooltip
that says why (``services.review.Review.allowed`` gives the reason in Chinese).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.models import Actor, Item
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.gui.uiload import child
from gwgk_desktop.services.catalogue import Catalogue

BUTTON_NAMES = {
    Action.SUBMIT: "submitButton",
    Action.RETRACT: "retractButton",
    Action.APPROVE: "approveButton",
    Action.RETURN: "returnButton",
    Action.PUBLISH: "publishButton",
    Action.WITHDRAW: "withdrawButton",
}


class WorkflowBar(QObject):
    """Signals: ``requested(str)`` with the ``Action`` value of a clicked button."""

    requested = Signal(str)

    def __init__(self, form: QWidget) -> None:
        super().__init__(form)
        self.buttons: dict[Action, QPushButton] = {}
        for action, name in BUTTON_NAMES.items():
            button = child(form, QPushButton, name)
            button.clicked.connect(lambda _checked=False, a=action: self.requested.emit(a.value))
            self.buttons[action] = button

    def update(self, catalogue: Catalogue, actor: Actor, item: Item | None, note: str) -> None:
        """Enable what ``actor`` may do to ``item`` now; ``note`` overrides every reason
        (an unsaved item, a read-only view)."""
        for action, button in self.buttons.items():
            if note or item is None:
                reason: str | None = note or self.tr("请先保存事项")
            elif item.deleted:
                reason = self.tr("事项在回收站中")
            else:
                reason = catalogue.review.allowed(actor, item.id, action)
            button.setEnabled(reason is None)
            button.setToolTip(reason or _description(action))

    def set_visible(self, visible: bool) -> None:
        for button in self.buttons.values():
            button.setVisible(visible)


def _description(action: Action) -> str:
    rules = [r for r in workflow.TRANSITIONS if r.action is action]
    sources = "/".join(r.source.label for r in rules)
    return fmt(
        QCoreApplication.translate("WorkflowBar", "%1：%2 → %3"),
        action.label,
        sources,
        rules[0].target.label,
    )
