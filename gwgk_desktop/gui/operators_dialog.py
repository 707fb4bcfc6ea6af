"""Operators of the station: the list (with who is locked out), adding a clerk, reviewer
or administrator, unlocking a locked operator, and a new recovery code for the logged-in
administrator (administrators only). Form: ``ui/operators_form.ui``."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from gwgk_desktop.domain.enums import Role
from gwgk_desktop.domain.models import Actor, Operator
from gwgk_desktop.domain.validation import Problem
from gwgk_desktop.errors import UserError, ValidationFailed
from gwgk_desktop.gui.designer.operators_form import Ui_OperatorsForm
from gwgk_desktop.gui.forms import InlineProblems
from gwgk_desktop.gui.jobs import show_error
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.gui.uiload import embed_form
from gwgk_desktop.services import auth, station
from gwgk_desktop.store.database import Database


class OperatorsDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(self.tr("操作员"))
        self.ui = Ui_OperatorsForm()
        embed_form(self.ui, self)
        self.table = self.ui.operatorTable
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)  # 已锁定至…
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        ui = self.ui
        self.edits: dict[str, QLineEdit] = {
            "username": ui.username,
            "display_name": ui.display_name,
            "password": ui.password,
        }
        self.role = self.ui.role
        for role in (Role.CLERK, Role.REVIEWER, Role.ADMIN):
            self.role.addItem(role.label, role.value)
        self.problems = InlineProblems()
        self.problems.attach_form(self.ui.addForm, dict(self.edits))
        self.add_button = self.ui.addButton
        self.add_button.clicked.connect(self.add_operator)
        buttons = self.ui.buttons
        buttons.rejected.connect(self.reject)
        self.unlock_button = QPushButton(self.tr("解除锁定"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.clicked.connect(self.unlock_selected)
        self.code_button = QPushButton(self.tr("生成我的恢复码…"))
        self.code_button.setObjectName("recoveryCode")
        self.code_button.setToolTip(self.tr("忘记密码时用；生成新的恢复码后，原来的恢复码作废"))
        self.code_button.clicked.connect(self.new_recovery_code)
        for button in (self.unlock_button, self.code_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.code_button.setEnabled(actor.role is Role.ADMIN)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.operators: list[Operator] = []
        self.refresh()

    def refresh(self) -> None:
        self.operators = station.list_operators(self.db)
        self.table.setRowCount(len(self.operators))
        for row, operator in enumerate(self.operators):
            values = [
                operator.username,
                operator.display_name,
                operator.role.label,
                self._state(operator),
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self._selection_changed()

    def _state(self, operator: Operator) -> str:
        if not operator.active:
            return self.tr("已停用")
        if operator.locked() and operator.locked_until is not None:
            until = operator.locked_until.replace(tzinfo=dt.UTC).astimezone()
            return fmt(self.tr("已锁定至 %1"), f"{until:%m-%d %H:%M}")
        return self.tr("在用")

    def selected(self) -> Operator | None:
        row = self.table.currentRow()
        return self.operators[row] if 0 <= row < len(self.operators) else None

    def _selection_changed(self) -> None:
        chosen = self.selected()
        locked = chosen is not None and chosen.locked()
        self.unlock_button.setEnabled(locked and self.actor.role is Role.ADMIN)

    def unlock_selected(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        try:
            auth.unlock(self.db, self.actor, chosen.username)
        except UserError as error:
            show_error(self, self.tr("解除锁定"), error)
            return False
        self.refresh()
        self.setWindowTitle(fmt(self.tr("操作员 — 已解除 %1 的锁定"), chosen.display_name))
        return True

    def new_recovery_code(self) -> bool:
        """A new recovery code for the logged-in administrator (the old one stops working)."""
        from gwgk_desktop.gui.password_recovery import RecoveryCodeDialog

        answer = QMessageBox.question(
            self,
            self.tr("生成恢复码"),
            self.tr("生成新的恢复码后，原来打印的恢复码作废。继续吗？"),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            code = auth.issue_recovery_code(self.db, self.actor)
        except UserError as error:
            show_error(self, self.tr("生成恢复码"), error)
            return False
        RecoveryCodeDialog(self.db, self.actor.username, code, self).exec()
        self.refresh()
        return True

    def add_operator(self) -> bool:
        username = self.edits["username"].text().strip()
        display_name = self.edits["display_name"].text().strip()
        password = self.edits["password"].text()
        problems = station.operator_problems(username, display_name, password)
        self.problems.show((p.field, p) for p in problems)
        if problems:
            self.edits[problems[0].field].setFocus()
            return False
        try:
            station.create_operator(
                self.db,
                self.actor,
                username,
                display_name,
                Role(self.role.currentData()),
                password,
            )
        except ValidationFailed as error:
            self.problems.show((p.field, p) for p in error.problems)
            return False
        except UserError as error:  # e.g. the name is taken: say so at the field
            self.problems.show([("username", Problem("username", error.message))])
            self.edits["username"].setFocus()
            return False
        for edit in self.edits.values():
            edit.clear()
        self.refresh()
        self.setWindowTitle(fmt(self.tr("操作员 — 已添加 %1"), display_name))
        return True
