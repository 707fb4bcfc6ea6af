"""The privacy check in the GUI: before submitting or approving (the editor), printing and
exporting, what ``services.privacy`` found is listed (item, field, kind, the number
masked, 禁止公开 or 提醒) and the user chooses: mask (打码) and go on, go on anyway (only
when nothing blocks), return the item for masking (a reviewer, who does not edit content),
or cancel.

``privacy_gate`` is the editor's step before a review action; the print and export
dialogs show ``PrivacyDialog`` themselves and mask their output.
"""

from __future__ import annotations

from enum import Enum, auto

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain.models import Actor, Item
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.jobs import show_error
from gwgk_desktop.gui.operations import Change, OpChanges, Operations
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services import privacy
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.privacy import PrivacyReport

BLOCK_COLOUR = "#b3261e"
WARN_COLOUR = "#8a5a00"


class Choice(Enum):
    PROCEED = auto()
    MASK = auto()
    RETURN = auto()


class PrivacyDialog(QDialog):
    """Lists ``report`` and offers the choices that apply; after ``exec()``, ``choice``
    is what the user picked (None: cancelled)."""

    def __init__(
        self,
        report: PrivacyReport,
        what: str,
        *,
        can_mask: bool = True,
        can_return: bool = False,
        mask_label: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.choice: Choice | None = None
        blocked = report.blocked
        self.setWindowTitle(self.tr("个人信息检查"))
        if blocked:
            text = fmt(
                self.tr(
                    "发现身份证号码、银行卡号等不能公开的个人信息，不能%1。"
                    "请把号码打码（中间的数字换成*），或删除后再试。"
                ),
                what,
            )
        else:
            text = fmt(self.tr("发现手机号码等个人信息。请确认可以公开，或打码后再%1。"), what)
        self.message = QLabel(text)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error" if blocked else "warning")
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("findings")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("事项"),
                self.tr("位置"),
                self.tr("类型"),
                self.tr("号码（已遮盖）"),
                self.tr("处理"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._fill(report)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.mask_button: QPushButton | None = None
        self.proceed_button: QPushButton | None = None
        self.return_button: QPushButton | None = None
        if can_mask:
            self.mask_button = self._button(
                mask_label or fmt(self.tr("打码并%1"), what), Choice.MASK
            )
            self.mask_button.setDefault(True)
        if can_return:
            self.return_button = self._button(self.tr("退回修改（请录入员打码）"), Choice.RETURN)
        if not blocked:
            self.proceed_button = self._button(fmt(self.tr("仍然%1"), what), Choice.PROCEED)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 190 + 30 * min(self.table.rowCount(), 8))

    def _button(self, text: str, choice: Choice) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: self._choose(choice))
        self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        return button

    def _choose(self, choice: Choice) -> None:
        self.choice = choice
        self.accept()

    def _fill(self, report: PrivacyReport) -> None:
        rows = [(entry, finding) for entry in report.items for finding in entry.findings]
        self.table.setRowCount(len(rows))
        for row, (entry, finding) in enumerate(rows):
            level = self.tr("禁止公开") if finding.blocks else self.tr("提醒")
            values = [
                f"{entry.index_number} {entry.name}".strip(),
                finding.where,
                finding.rule_name,
                finding.masked,
                level,
            ]
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if column == 4:
                    colour = BLOCK_COLOUR if finding.blocks else WARN_COLOUR
                    cell.setForeground(QBrush(QColor(colour)))
                self.table.setItem(row, column, cell)


class Gate(Enum):
    """What the editor does after ``privacy_gate``."""

    GO = auto()  # nothing found, or the user goes on anyway
    STOP = auto()  # cancelled
    MASKED = auto()  # the item was masked (reload it), then go on
    RETURNED = auto()  # the reviewer returned it for masking (reload it; done)


def privacy_gate(
    parent: QWidget,
    ops: Operations,
    catalogue: Catalogue,
    actor: Actor,
    item_id: int,
    action: Action,
) -> Gate:
    """The privacy check before ``action`` (submit or approve) on the item's head
    revision, asking the user when something is found; masking or returning the item
    runs as an operation of ``ops`` (its views hear of it)."""
    try:
        found = privacy.check_item(catalogue.db, item_id)
    except UserError as error:
        show_error(parent, action.label, error)
        return Gate.STOP
    if not found.findings:
        return Gate.GO
    approving = action is Action.APPROVE
    dialog = PrivacyDialog(
        PrivacyReport((found,)),
        action.label,
        can_mask=not approving,
        can_return=approving,
        parent=parent,
    )
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
        return Gate.STOP
    if dialog.choice is Choice.MASK:

        def mask() -> Item:
            head = catalogue.items.get(item_id)
            return privacy.mask_item(catalogue.db, actor, item_id, head.revision)

        masked = ops.run(
            parent, action.label, mask, lambda item: OpChanges(Change.SAVED, item.id, item.name)
        )
        return Gate.MASKED if masked else Gate.STOP
    if dialog.choice is Choice.RETURN:
        lines = "\n".join(f.line() for f in found.findings)
        intro = QCoreApplication.translate("PrivacyDialog", "含个人信息，请打码后重新提交：")
        comment = f"{intro}\n{lines}"
        returned = ops.run(
            parent,
            action.label,
            lambda: catalogue.review.transition(actor, item_id, Action.RETURN, comment=comment),
            lambda item: OpChanges(Change.REVIEWED, item.id, item.name),
        )
        return Gate.RETURNED if returned else Gate.STOP
    return Gate.GO
