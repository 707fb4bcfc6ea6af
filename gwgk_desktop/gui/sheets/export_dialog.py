"""文件 → 导出为 Excel…: the catalogue written as the standard sheet (in a worker, with a
progress bar and a working Cancel); and 保存空白目录表…, the blank template."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.job_bar import JobBar
from gwgk_desktop.gui.jobs import error_text, make_job
from gwgk_desktop.gui.privacy_dialog import Choice, PrivacyDialog
from gwgk_desktop.gui.submission.widgets import error_label, set_message
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.privacy import PrivacyBlocked
from gwgk_desktop.services.sheet_export import (
    SheetExportResult,
    export_catalogue,
    export_filename,
    template_for,
)
from gwgk_desktop.store.database import Database


class SheetExportDialog(QDialog):
    """Signals: ``exported(result)`` after the file was written (``SheetExportResult``);
    ``job_finished()`` when an export ended in any way (written, failed or cancelled)."""

    exported = Signal(object)
    job_finished = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("导出为 Excel"))
        self.resize(620, 440)
        self.path = QLineEdit(str(Path.home() / export_filename(db)))
        self.path.setObjectName("path")
        browse = QPushButton(self.tr("浏览(&B)…"))
        browse.setObjectName("browse")
        browse.clicked.connect(self.choose_target)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.drafts = QCheckBox(self.tr("包含尚未审核的事项（草稿、待审核；状态写在“备注”列）(&D)"))
        self.drafts.setObjectName("drafts")
        self.mask_check = QCheckBox(self.tr("身份证号、银行卡号等个人信息打码后导出(&M)"))
        self.mask_check.setObjectName("mask")
        self.categories = QListWidget()
        self.categories.setObjectName("categories")
        for category in Catalogue(db).reference.categories():
            item = QListWidgetItem(category.name)
            item.setData(Qt.ItemDataRole.UserRole, category.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.categories.addItem(item)
        form = QFormLayout()
        path_label = QLabel(self.tr("保存到(&S)："))
        path_label.setBuddy(self.path)
        form.addRow(path_label, row)
        form.addRow("", self.drafts)
        form.addRow("", self.mask_check)
        categories_label = QLabel(self.tr("信息类别(&K)："))
        categories_label.setBuddy(self.categories)
        form.addRow(categories_label, self.categories)
        hint = QLabel(
            self.tr(
                "导出的表格是标准目录格式（横向 A4，每页重复表头），带“索引号”列："
                "在 Excel/WPS 中修改后可以再导入，按索引号更新原有事项。"
            )
        )
        hint.setWordWrap(True)
        self.bar = JobBar(self.tr("取消(&C)"))
        self.bar.settled.connect(self._settle)
        self.bar.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label()
        self.error.setObjectName("error")
        self.export_button = QPushButton(self.tr("导出(&E)"))
        self.export_button.setObjectName("export")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setObjectName("close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.bar)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def choose_target(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("导出为 Excel"), self.path.text(), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if chosen:
            self.path.setText(chosen if chosen.endswith(".xlsx") else chosen + ".xlsx")

    def chosen_categories(self) -> frozenset[int] | None:
        """The checked categories; None when all are (every category, also inactive)."""
        checked = [
            self.categories.item(n)
            for n in range(self.categories.count())
            if self.categories.item(n).checkState() == Qt.CheckState.Checked
        ]
        if len(checked) == self.categories.count():
            return None
        return frozenset(int(item.data(Qt.ItemDataRole.UserRole)) for item in checked)

    @property
    def status(self) -> QLabel:
        return self.bar.status

    def running(self) -> bool:
        return self.bar.running()

    def start_export(self) -> None:
        set_message(self.error, "")
        text = self.path.text().strip()
        if not text:
            set_message(self.error, self.tr("请选择保存位置"))
            return
        target = Path(text if text.endswith(".xlsx") else text + ".xlsx")
        ids = self.chosen_categories()
        if ids is not None and not ids:
            set_message(self.error, self.tr("请至少选择一个信息类别"))
            return
        if target.exists():
            answer = QMessageBox.question(
                self, self.tr("文件已存在"), fmt(self.tr("%1 已存在，要替换它吗？"), target.name)
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        db, drafts, mask = self.db, self.drafts.isChecked(), self.mask_check.isChecked()
        job = make_job(
            self,
            lambda job: export_catalogue(
                db, target, drafts=drafts, category_ids=ids, mask_private=mask, progress=job
            ),
        )
        job.succeeded.connect(self._exported)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        self.bar.follow(job, self.tr("正在导出……"))
        self.export_button.setEnabled(False)
        self.close_button.setEnabled(False)
        job.start()

    def _exported(self, result: SheetExportResult) -> None:
        lines = [fmt(self.tr("已导出%1个事项：%2"), result.items, result.path), *result.notes]
        self.status.setText("\n".join(lines))
        self.exported.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.status.clear()
        if isinstance(error, PrivacyBlocked):
            # After the job has settled: the dialog may start the export again.
            QTimer.singleShot(0, lambda: self._privacy_blocked(error))
            return
        set_message(self.error, error_text(error))

    def _privacy_blocked(self, error: PrivacyBlocked) -> None:
        """ID or bank card numbers would be exported: list them and offer to export them
        masked (ticks the option and exports again)."""
        self.status.setText(self.tr("有不能公开的个人信息，未导出"))
        dialog = PrivacyDialog(
            error.report, self.tr("导出"), mask_label=self.tr("打码后导出"), parent=self
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.choice is Choice.MASK:
            self.mask_check.setChecked(True)
            self.start_export()

    def _cancelled(self) -> None:
        self.status.setText(self.tr("已取消导出，未生成文件"))

    def _settle(self) -> None:
        self.export_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.job_finished.emit()


def save_blank_template(db: Database, parent: QWidget, path: Path | None = None) -> Path | None:
    """Ask where to save the blank catalogue sheet (this station's name and categories)
    and save it; the path, or None when the clerk cancelled or it could not be saved."""
    title = QCoreApplication.translate("SheetExportDialog", "保存空白目录表")
    if path is None:
        name = QCoreApplication.translate("SheetExportDialog", "政务公开目录空白表.xlsx")
        chosen, _filter = QFileDialog.getSaveFileName(
            parent,
            title,
            str(Path.home() / name),
            QCoreApplication.translate("SheetExportDialog", "Excel 工作簿 (*.xlsx)"),
        )
        if not chosen:
            return None
        path = Path(chosen if chosen.endswith(".xlsx") else chosen + ".xlsx")
    try:
        template_for(db, path)
    except UserError as error:
        QMessageBox.warning(parent, title, error.message)
        return None
    return path
