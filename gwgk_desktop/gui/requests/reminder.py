"""The start-up reminder: requests overdue, those due within 5 working days, and those
whose time to correct has run out, so nothing is missed; "打开登记册" shows them."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain.request_info import RequestRow
from gwgk_desktop.domain.requests import DUE_SOON_DAYS
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services import calendars
from gwgk_desktop.services.requests import Reminder


class ReminderDialog(QDialog):
    """Accepted means "show me the register"."""

    def __init__(self, reminder: Reminder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reminder = reminder
        self.setWindowTitle(self.tr("依申请公开到期提醒"))
        self.resize(760, 420)
        summary = QLabel(
            fmt(
                self.tr("截至 %1：已逾期 %2 件，%3个工作日内到期 %4 件，补正期限已过 %5 件。"),
                reminder.as_of.isoformat(),
                len(reminder.overdue),
                DUE_SOON_DAYS,
                len(reminder.due_soon),
                len(reminder.correction_overdue),
            ),
            self,
        )
        summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(
            [self.tr("登记编号"), self.tr("申请人"), self.tr("期限"), self.tr("所需信息")]
        )
        self.tree.header().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 130)
        self.tree.setColumnWidth(1, 150)
        self.tree.setColumnWidth(2, 160)
        for title, rows, due_of in (
            (self.tr("已逾期"), reminder.overdue, self._due),
            (fmt(self.tr("%1个工作日内到期"), DUE_SOON_DAYS), reminder.due_soon, self._due),
            (
                self.tr("补正期限已过（可按逾期不补正办结）"),
                reminder.correction_overdue,
                self._correction,
            ),
        ):
            if not rows:
                continue
            group = QTreeWidgetItem([fmt(self.tr("%1（%2件）"), title, len(rows))])
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)
            for row in rows:
                item = QTreeWidgetItem([row.number, row.applicant, due_of(row), row.content])
                item.setToolTip(3, row.content)
                group.addChild(item)
            group.setExpanded(True)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        if reminder.missing_years:
            note = QLabel(calendars.missing_text(reminder.missing_years), self)
            note.setWordWrap(True)
            note.setProperty("role", "error")
            layout.addWidget(note)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton(
            self.tr("打开登记册"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(self.tr("稍后处理"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _due(self, row: RequestRow) -> str:
        return row.due.isoformat() if row.due else ""

    def _correction(self, row: RequestRow) -> str:
        due = row.correction_due.isoformat() if row.correction_due else ""
        return fmt(self.tr("补正 %1"), due)
