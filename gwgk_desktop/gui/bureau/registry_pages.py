"""The key registry page (import a station's public-key file after comparing its
fingerprint with the paper form, revoke a key, write the registry out) and the reporting
rounds page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.bureau import registry, rounds
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.bureau.widgets import list_table
from gwgk_desktop.gui.jobs import show_error
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.submission.registry import BUREAU, KeyRecord, Registry


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class FingerprintDialog(QDialog):
    """Shows a new key's owner and fingerprint in large type; the key is registered only
    after the clerk confirms it matches the paper form, group by group."""

    def __init__(self, record: KeyRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("核对密钥指纹"))
        owner = (
            fmt(self.tr("%1（组织机构代码 %2）"), record.name, record.org_code)
            if record.owner != BUREAU
            else fmt(self.tr("%1（市局密钥）"), record.name)
        )
        intro = QLabel(
            self.tr("请把下面的指纹与该单位盖章的《签名密钥登记表》逐组核对。完全一致才能登记。"),
            self,
        )
        intro.setWordWrap(True)
        self.fingerprint = QLabel(record.fingerprint, self)
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(16)
        font.setBold(True)
        self.fingerprint.setFont(font)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confirm = QCheckBox(self.tr("我已逐组核对，指纹与纸质登记表完全一致"), self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("登记"))
        ok.setEnabled(False)
        self.confirm.toggled.connect(ok.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("单位："), QLabel(owner, self))
        form.addRow(self.tr("密钥标识："), QLabel(record.key_id, self))
        form.addRow(self.tr("指纹："), self.fingerprint)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)


class KeysPage(QWidget):
    """Signals: ``changed()`` after the registry changed."""

    changed = Signal()

    def __init__(self, db: BureauDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.table = list_table(
            self,
            [
                self.tr("单位"),
                self.tr("组织机构代码"),
                self.tr("密钥标识"),
                self.tr("状态"),
                self.tr("指纹"),
                self.tr("登记时间"),
            ],
        )
        for column, width in ((0, 230), (1, 100), (2, 140), (3, 150), (4, 380)):
            self.table.setColumnWidth(column, width)
        self.import_button = QPushButton(self.tr("导入公钥文件…"), self)
        self.revoke_button = QPushButton(self.tr("吊销所选密钥…"), self)
        self.export_button = QPushButton(self.tr("导出登记册…"), self)
        buttons = QHBoxLayout()
        for button in (self.import_button, self.revoke_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        hint = QLabel(
            self.tr(
                "单位用“导出公钥”得到的文件，或多个单位合并的登记册，都可以导入。"
                "导入前须核对每个新密钥的指纹；吊销后，该密钥签署的报送包一律拒收。"
            ),
            self,
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        self.import_button.clicked.connect(lambda _checked=False: self.import_file())
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.export_button.clicked.connect(self.export_registry)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        infos = registry.keys(self.db)
        self.table.setRowCount(len(infos))
        for row, info in enumerate(infos):
            record = info.record
            state = (
                fmt(self.tr("已吊销（%1）"), (record.revoked_at or "")[:10])
                if record.revoked
                else self.tr("有效")
            )
            name = (
                info.station_name
                if record.owner != BUREAU
                else fmt(self.tr("%1（市局）"), record.name)
            )
            registered = info.registered_at.replace(tzinfo=dt.UTC).astimezone()
            values = (
                name,
                record.org_code,
                record.key_id,
                state,
                record.fingerprint,
                registered.strftime("%Y-%m-%d %H:%M"),
            )
            for column, text in enumerate(values):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, record.key_id)
                self.table.setItem(row, column, cell)
        self._update_buttons()

    def _selected_key(self) -> str | None:
        row = self.table.currentRow()
        cell = self.table.item(row, 0) if row >= 0 else None
        return cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None

    def _update_buttons(self) -> None:
        self.revoke_button.setEnabled(self._selected_key() is not None)

    def import_file(self, path: Path | None = None) -> int:
        """Import a public-key or registry file, each new key confirmed by fingerprint;
        returns how many keys were registered."""
        if not path:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, self.tr("选择单位的公钥文件或密钥登记册"), "", self.tr("JSON 文件 (*.json)")
            )
            if not chosen:
                return 0
            path = Path(chosen)
        try:
            incoming = Registry.load(path)
            known = registry.load(self.db)
        except UserError as error:
            show_error(self, self.tr("导入公钥"), error)
            return 0
        confirmed = []
        for record in incoming.records.values():
            if known.get(record.key_id) is not None:
                confirmed.append(record)  # nothing new to compare (a revocation may be)
                continue
            if FingerprintDialog(record, self).exec() == QDialog.DialogCode.Accepted:
                confirmed.append(record)
        if not confirmed:
            return 0
        try:
            report = registry.import_registry(self.db, Registry(confirmed))
        except UserError as error:
            show_error(self, self.tr("导入公钥"), error)
            return 0
        self.refresh()
        self.changed.emit()
        return len(report.added)

    def revoke_selected(self) -> None:
        key_id = self._selected_key()
        if key_id is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("吊销密钥"),
            fmt(
                self.tr(
                    "吊销密钥 %1 后，由它签署的报送包（包括以前的）一律拒收，"
                    "且不能撤销。确定吊销吗？"
                ),
                key_id,
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            registry.revoke(self.db, key_id)
        except UserError as error:
            show_error(self, self.tr("吊销密钥"), error)
            return
        self.refresh()
        self.changed.emit()

    def export_registry(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出密钥登记册"),
            self.tr("密钥登记册.json"),
            self.tr("JSON 文件 (*.json)"),
        )
        if not chosen:
            return
        try:
            registry.export(self.db, Path(chosen))
        except UserError as error:
            show_error(self, self.tr("导出登记册"), error)


class RoundsPage(QWidget):
    """Signals: ``changed()`` after a round was added, changed or deleted."""

    changed = Signal()

    def __init__(self, db: BureauDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.table = list_table(
            self, [self.tr("名称"), self.tr("开始日期"), self.tr("截止日期"), self.tr("说明")]
        )
        for column, width in ((0, 180), (1, 110), (2, 110)):
            self.table.setColumnWidth(column, width)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("例如：集中填报"))
        self.opens = QDateEdit(self)
        self.due = QDateEdit(self)
        for edit in (self.opens, self.due):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
        self.note = QLineEdit(self)
        self.add_button = QPushButton(self.tr("新增轮次"), self)
        self.save_button = QPushButton(self.tr("保存修改"), self)
        self.delete_button = QPushButton(self.tr("删除"), self)
        form = QFormLayout()
        form.addRow(self.tr("名称："), self.name)
        form.addRow(self.tr("开始日期："), self.opens)
        form.addRow(self.tr("截止日期："), self.due)
        form.addRow(self.tr("说明："), self.note)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        editor = QWidget(self)
        editor.setMaximumWidth(460)
        editor_layout = QVBoxLayout(editor)
        editor_layout.addLayout(form)
        editor_layout.addLayout(buttons)
        editor_layout.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addWidget(editor, 2)
        self.add_button.clicked.connect(self.add)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.table.itemSelectionChanged.connect(self._selected)
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        self._rounds = rounds.rounds(self.db)
        self.table.setRowCount(len(self._rounds))
        for row, found in enumerate(self._rounds):
            values = (found.name, found.opens_on.isoformat(), found.due_on.isoformat(), found.note)
            for column, text in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if found.id == select:
                self.table.selectRow(row)
        self._selected()

    def current(self) -> rounds.Round | None:
        row = self.table.currentRow()
        return self._rounds[row] if 0 <= row < len(self._rounds) else None

    def _selected(self) -> None:
        found = self.current()
        self.save_button.setEnabled(found is not None)
        self.delete_button.setEnabled(found is not None)
        if found is not None:
            self.name.setText(found.name)
            self.opens.setDate(_qdate(found.opens_on))
            self.due.setDate(_qdate(found.due_on))
            self.note.setText(found.note)

    def _values(self) -> tuple[str, dt.date, dt.date, str]:
        opens, due = self.opens.date().toPython(), self.due.date().toPython()
        assert isinstance(opens, dt.date) and isinstance(due, dt.date)
        return self.name.text(), opens, due, self.note.text()

    def add(self) -> None:
        try:
            added = rounds.add_round(self.db, *self._values())
        except UserError as error:
            show_error(self, self.tr("新增报送轮次"), error)
            return
        self.refresh(added.id)
        self.changed.emit()

    def save(self) -> None:
        found = self.current()
        if found is None:
            return
        try:
            rounds.update_round(self.db, found.id, *self._values())
        except UserError as error:
            show_error(self, self.tr("修改报送轮次"), error)
            return
        self.refresh(found.id)
        self.changed.emit()

    def delete(self) -> None:
        found = self.current()
        if found is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("删除报送轮次"),
            fmt(self.tr("删除“%1”？已接收的报送包不受影响。"), found.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        rounds.delete_round(self.db, found.id)
        self.refresh()
        self.changed.emit()
