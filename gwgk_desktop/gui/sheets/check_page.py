"""The import wizard's third page: the dry run. Every problem with its row (第N行) and
column, errors first; what importing would do; the report copied or saved. Importing is
possible only when no error remains."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from gwgk_desktop.errors import UserError
from gwgk_desktop.files import write_bytes_atomic
from gwgk_desktop.gui.jobs import Job, error_text, make_job
from gwgk_desktop.gui.sheets.state import ImportState
from gwgk_desktop.gui.submission.widgets import error_label, set_message
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.sheet_import import ImportPlan, RowAction, prepare


class CheckPage(QWizardPage):
    """Signals: ``checked(ok)`` when the dry run ended (ok: no errors)."""

    checked = Signal(bool)

    def __init__(self, state: ImportState) -> None:
        super().__init__()
        self.state = state
        self.job: Job | None = None
        self.setTitle(self.tr("导入前检查"))
        self.setSubTitle(
            self.tr(
                "先把整张表按设置读一遍，不写入数据库。有错误时不能导入："
                "返回上一步修改设置，或在 Excel/WPS 中改正后重新选择文件。"
            )
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("开始导入(&I)"))
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 4)
        self.problems.setObjectName("problems")
        self.problems.setHorizontalHeaderLabels(
            [self.tr("行"), self.tr("列"), self.tr("类型"), self.tr("说明")]
        )
        self.problems.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.problems.verticalHeader().setVisible(False)
        self.problems.setWordWrap(True)
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.copy_button = QPushButton(self.tr("复制报告(&C)"))
        self.copy_button.setObjectName("copyReport")
        self.copy_button.clicked.connect(self.copy_report)
        self.save_button = QPushButton(self.tr("保存报告(&S)…"))
        self.save_button.setObjectName("saveReport")
        self.save_button.clicked.connect(lambda: self.save_report())  # noqa: PLW0108
        self.note = QLabel()
        self.note.setObjectName("note")
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        self.error = error_label()
        self.error.setObjectName("error")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        state = self.state
        assert state.grid is not None and state.mapping is not None
        self.problems.setRowCount(0)
        self.note.clear()
        self.summary.setText(self.tr("正在检查……"))
        set_message(self.error, "")
        for button in (self.copy_button, self.save_button):
            button.setEnabled(False)
        grid, mapping, db, actor = state.grid, state.mapping, state.db, state.actor
        name = state.path.name if state.path else ""
        self.job = make_job(
            self,
            lambda _job: prepare(db, actor, grid, mapping, name),
            self.tr("正在检查表格……"),
            cancellable=False,
        )
        self.job.succeeded.connect(self._checked)
        self.job.failed.connect(self._failed)
        self.job.start()

    def isComplete(self) -> bool:
        plan = self.state.plan
        return plan is not None and plan.ok and bool(plan.rows)

    def _checked(self, plan: ImportPlan) -> None:
        self.state.plan = plan
        rows = len(plan.rows)
        counts = fmt(
            self.tr("共%1行事项：导入后将新建%2项，更新%3项，%4项未变。"),
            rows,
            plan.count(RowAction.CREATE),
            plan.count(RowAction.UPDATE),
            plan.count(RowAction.UNCHANGED),
        )
        if plan.errors:
            verdict = fmt(
                self.tr("发现%1个错误（红色），改正前不能导入；另有%2个提醒。"),
                len(plan.errors),
                len(plan.warnings),
            )
        elif not rows:
            verdict = self.tr("表中没有可导入的事项。")
        else:
            verdict = fmt(self.tr("没有错误，可以导入；%1个提醒不影响导入。"), len(plan.warnings))
        self.summary.setText(counts + verdict)
        self.problems.setRowCount(len(plan.problems))
        for r, problem in enumerate(plan.problems):
            cells = [
                str(problem.row) if problem.row is not None else self.tr("全表"),
                problem.column,
                problem.severity.label,
                problem.message,
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if problem.is_error:
                    item.setForeground(QBrush(QColor("#b00020")))
                self.problems.setItem(r, c, item)
        self.problems.resizeColumnToContents(0)
        self.problems.setColumnWidth(1, 220)
        self.problems.resizeColumnToContents(2)
        self.problems.resizeRowsToContents()
        for button in (self.copy_button, self.save_button):
            button.setEnabled(True)
        self.completeChanged.emit()
        self.checked.emit(plan.ok)

    def _failed(self, error: BaseException) -> None:
        self.summary.setText("")
        set_message(self.error, error_text(error))
        self.checked.emit(False)

    def copy_report(self) -> None:
        if self.state.plan is not None:
            QGuiApplication.clipboard().setText(self.state.plan.report())
            self.note.setText(self.tr("报告已复制，可以粘贴到微信、邮件或文档中。"))

    def save_report(self, path: Path | None = None) -> None:
        plan = self.state.plan
        if plan is None:
            return
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("保存检查报告"), "", self.tr("文本文件 (*.txt)")
            )
            if not chosen:
                return
            path = Path(chosen if chosen.endswith(".txt") else chosen + ".txt")
        try:
            write_bytes_atomic(path, plan.report().encode("utf-8"))
        except UserError as error:
            set_message(self.error, error.message)
            return
        self.note.setText(fmt(self.tr("报告已保存到 %1"), path))
