"""Operators of the station: the list, and adding a clerk, reviewer or administrator
(administrators only). Form: ``ui/operators_form.ui``."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from gwgk_desktop.domain.enums import Role
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.domain.validation import Problem
from gwgk_desktop.errors import UserError, ValidationFailed
from gwgk_desktop.gui.forms import InlineProblems
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.gui.uiload import child, embed_form
from gwgk_desktop.services import station
from gwgk_desktop.store.database import Database


class OperatorsDialog(QDialog):
    FIELDS = ("username", "display_name", "password")

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(self.tr("操作员"))
        form = embed_form("operators_form.ui", self)
        self.table = child(form, QTableWidget, "operatorTable")
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.edits = {name: child(form, QLineEdit, name) for name in self.FIELDS}
        self.role = child(form, QComboBox, "role")
        for role in (Role.CLERK, Role.REVIEWER, Role.ADMIN):
            self.role.addItem(role.label, role.value)
        self.problems = InlineProblems()
        self.problems.attach_form(child(form, QFormLayout, "addForm"), dict(self.edits))
        self.add_button = child(form, QPushButton, "addButton")
        self.add_button.clicked.connect(self.add_operator)
        child(form, QDialogButtonBox, "buttons").rejected.connect(self.reject)
        self.refresh()

    def refresh(self) -> None:
        operators = station.list_operators(self.db)
        self.table.setRowCount(len(operators))
        for row, operator in enumerate(operators):
            values = [
                operator.username,
                operator.display_name,
                operator.role.label,
                self.tr("在用") if operator.active else self.tr("已停用"),
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

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
