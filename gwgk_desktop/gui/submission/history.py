"""The export history: every successful export with its sequence, time, counts and
SHA-256; a receipt PDF can be printed again for any of them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.submission.widgets import error_label, mono_font, set_message
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services import export
from gwgk_desktop.services.export import ExportRecord
from gwgk_desktop.store.database import Database

_ROOT = QModelIndex()
_COLUMN_COUNT = 8


def _columns() -> tuple[str, ...]:
    return (
        QCoreApplication.translate("ExportHistoryModel", "序号"),
        QCoreApplication.translate("ExportHistoryModel", "导出时间"),
        QCoreApplication.translate("ExportHistoryModel", "经办人"),
        QCoreApplication.translate("ExportHistoryModel", "事项"),
        QCoreApplication.translate("ExportHistoryModel", "附件"),
        QCoreApplication.translate("ExportHistoryModel", "大小"),
        "SHA-256",
        QCoreApplication.translate("ExportHistoryModel", "文件"),
    )


def _size(size: int) -> str:
    return f"{size / (1 << 20):.1f} MB" if size >= 1 << 20 else f"{max(size // 1024, 1)} KB"


def _state_label(state: export.ExportState) -> str:
    labels = {
        export.ExportState.RESERVED: QCoreApplication.translate("ExportHistoryModel", "正在导出"),
        export.ExportState.SIGNED: QCoreApplication.translate("ExportHistoryModel", "待确认"),
        export.ExportState.VOID: QCoreApplication.translate("ExportHistoryModel", "作废"),
        export.ExportState.UNCONFIRMED: QCoreApplication.translate(
            "ExportHistoryModel", "未能确认"
        ),
    }
    return labels.get(state, "")


def _items(record: ExportRecord) -> int:
    return sum(record.counts.get(k, 0) for k in ("catalogue", "licensing", "fee"))


class ExportHistoryModel(QAbstractTableModel):
    """Export records (plain values, newest first) as table rows."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.records: list[ExportRecord] = []
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self.records = export.history(self.db)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else _COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _columns()[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        record = self.records[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            number = fmt(self.tr("第%1号"), record.sequence)
            if record.state is not export.ExportState.DONE:
                number = fmt(self.tr("%1（%2）"), number, _state_label(record.state))
            values = (
                number,
                record.created_at.strftime("%Y-%m-%d %H:%M"),
                record.operator_name,
                str(_items(record)),
                str(record.counts.get("attachments", 0)),
                _size(record.size) if record.size else "",
                record.sha256[:16] + "…" if record.sha256 else "",
                Path(record.file_name).name,
            )
            return values[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return record.sha256 if column == 6 else record.file_name
        if role == Qt.ItemDataRole.UserRole:
            return record.sequence
        if role == Qt.ItemDataRole.FontRole and column == 6:
            return mono_font()
        return None


class ExportHistoryView(QWidget):
    """The history table with a button to print the selected export's receipt."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = ExportHistoryModel(db, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.receipt_button = QPushButton(self.tr("打印回执PDF…"))
        self.receipt_button.setObjectName("history_receipt")
        self.receipt_button.clicked.connect(lambda: self.save_receipt())  # noqa: PLW0108 (drops `checked`)
        self.empty = QLabel(self.tr("尚无导出记录"))
        self.message = QLabel()
        self.error = error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.receipt_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.table.selectionModel().selectionChanged.connect(self._update)
        self.model.modelReset.connect(self._update)
        self._update()

    def refresh(self) -> None:
        self.model.refresh()

    def selected_sequence(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(self.model.data(rows[0], Qt.ItemDataRole.UserRole))

    def _update(self) -> None:
        self.empty.setVisible(not self.model.records)
        sequence = self.selected_sequence()
        record = next((r for r in self.model.records if r.sequence == sequence), None)
        done = record is not None and record.state is export.ExportState.DONE
        self.receipt_button.setEnabled(done)
        self.receipt_button.setToolTip(
            ""
            if record is None or done
            else self.tr("这次导出没有写成报送包（作废或未能确认），没有回执")
        )

    def save_receipt(self, path: Path | None = None) -> Path | None:
        sequence = self.selected_sequence()
        if sequence is None:
            return None
        if path is None:
            suggested = str(Path.home() / fmt(self.tr("报送回执-第%1号.pdf"), sequence))
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("保存报送回执"), suggested, self.tr("PDF 文件 (*.pdf)")
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            export.write_receipt(self.db, sequence, path)
        except UserError as error:
            set_message(self.error, error.message)
            return None
        set_message(self.error, "")
        self.message.setText(fmt(self.tr("已保存回执：%1"), path))
        return path
