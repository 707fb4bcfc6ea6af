"""Asks for what a review step needs: a comment (退回修改, 撤回公开; optional when
approving) and a publication date (公开). Form: ``ui/transition_form.ui``."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QWidget,
)

from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.gui.designer.transition_form import Ui_TransitionForm
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.gui.uiload import embed_form


class TransitionDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        action: Action,
        item_name: str,
        *,
        ask_comment: bool,
        comment_required: bool,
        ask_date: bool,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(action.label)
        self.ui = Ui_TransitionForm()
        embed_form(self.ui, self)
        self.comment_required = comment_required
        self.prompt = self.ui.prompt
        self.comment = self.ui.comment
        self.comment.setTabChangesFocus(True)
        self.publish_date = self.ui.publishDate
        self.publish_date.setDate(QDate.currentDate())
        self.error = self.ui.errorLabel
        self.error.setProperty("role", "error")
        self.error.setVisible(False)
        self.buttons = self.ui.buttons
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(action.label)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self.prompt.setText(fmt(self.tr("对“%1”%2。"), item_name, action.label))
        comment_row: list[QWidget] = [self.comment, self.ui.commentLabel]
        for widget in comment_row:
            widget.setVisible(ask_comment)
        if ask_comment and not comment_required:
            self.comment.setPlaceholderText(self.tr("可以不填"))
        date_row: list[QWidget] = [self.publish_date, self.ui.publishDateLabel]
        for widget in date_row:
            widget.setVisible(ask_date)
        (self.comment if ask_comment else self.publish_date).setFocus()

    def accept(self) -> None:
        if self.comment_required and not self.comment.toPlainText().strip():
            self.error.setText(self.tr("请填写意见或理由，录入员会看到它。"))
            self.error.setVisible(True)
            self.comment.setFocus()
            return
        super().accept()

    def comment_text(self) -> str:
        return self.comment.toPlainText().strip()

    def date(self) -> dt.date:
        value = self.publish_date.date()
        return dt.date(value.year(), value.month(), value.day())


def ask_for_step(
    parent: QWidget | None, action: Action, item_name: str
) -> tuple[str, dt.date | None] | None:
    """What a review step needs from the person taking it: a comment (required to return
    or withdraw, optional when approving) and the publication date; None when cancelled.
    Submitting and retracting need nothing and ask nothing."""
    if action not in (Action.RETURN, Action.WITHDRAW, Action.APPROVE, Action.PUBLISH):
        return "", None
    dialog = TransitionDialog(
        parent,
        action,
        item_name,
        ask_comment=action is not Action.PUBLISH,
        comment_required=action in (Action.RETURN, Action.WITHDRAW),
        ask_date=action is Action.PUBLISH,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.comment_text(), dialog.date() if action is Action.PUBLISH else None
