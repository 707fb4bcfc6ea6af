"""Offers autosaved drafts back after a crash or power cut: recover one into the editor,
discard, or decide later (the drafts stay where they are). Form: ``ui/recovery_form.ui``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QMessageBox,
    QTableWidgetItem,
    QWidget,
)

from gwgk_desktop.gui.designer.recovery_form import Ui_RecoveryForm
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.gui.uiload import embed_form
from gwgk_desktop.services import autosave
from gwgk_desktop.services.autosave import Draft


class RecoveryDialog(QDialog):
    """After ``exec()`` returns Accepted, ``chosen`` is the draft to recover."""

    def __init__(self, drafts: list[Draft], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("恢复未保存的编辑"))
        self.drafts = list(drafts)
        self.chosen: Draft | None = None
        self.ui = Ui_RecoveryForm()
        embed_form(self.ui, self)
        self.table = self.ui.draftTable
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.recover_button = self.ui.recoverButton
        self.discard_button = self.ui.discardButton
        self.later_button = self.ui.laterButton
        self.recover_button.clicked.connect(self.recover_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.later_button.clicked.connect(self.reject)
        self.table.itemActivated.connect(lambda _item: self.recover_selected())
        self.recover_button.setDefault(True)
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.drafts))
        for row, draft in enumerate(self.drafts):
            note = (
                self.tr("新建，尚未保存过")
                if draft.is_new
                else fmt(self.tr("在第%1版基础上修改"), draft.base_revision)
            )
            values = [
                draft.content.name or self.tr("（未命名）"),
                draft.kind.label,
                draft.saved_at.strftime("%Y-%m-%d %H:%M:%S"),
                note,
            ]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if self.drafts:
            self.table.setCurrentCell(0, 0)
        for button in (self.recover_button, self.discard_button):
            button.setEnabled(bool(self.drafts))

    def _selected(self) -> Draft | None:
        row = self.table.currentRow()
        return self.drafts[row] if 0 <= row < len(self.drafts) else None

    def recover_selected(self) -> None:
        draft = self._selected()
        if draft is not None:
            self.chosen = draft
            self.accept()

    def discard_selected(self) -> None:
        draft = self._selected()
        if draft is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("丢弃自动保存的内容"),
            fmt(
                self.tr("丢弃“%1”的自动保存内容？丢弃后不能找回。"),
                draft.content.name or self.tr("（未命名）"),
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        autosave.discard(draft)
        self.drafts.remove(draft)
        self._fill()
        if not self.drafts:
            self.reject()
