"""The quick-entry dialog: type or paste the steps as a numbered list (or start from a
template's text) and get a laid-out chart. Mistakes are listed as you type, with their
line numbers; OK stays disabled until the text makes a chart."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain.flowchart_layout import auto_layout
from gwgk_desktop.domain.flowchart_quick import (
    QuickEntryError,
    format_quick_entry,
    parse_quick_entry,
)
from gwgk_desktop.domain.models import Flowchart
from gwgk_desktop.gui.forms import set_role
from gwgk_desktop.gui.geometry import fit_size
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.flowcharts import TEMPLATES, template_chart
from gwgk_desktop.store.database import Database


class QuickEntryDialog(QDialog):
    def __init__(
        self,
        chart: Flowchart | None,
        db: Database | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("快速录入流程图"))
        fit_size(self, 640, 560)
        self._chart: Flowchart | None = None

        self.template_combo = QComboBox()
        for item in TEMPLATES:
            self.template_combo.addItem(item.name, item.key)
        use = QPushButton(self.tr("填入模板"))
        use.clicked.connect(self._fill_template)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("从模板开始：")))
        row.addWidget(self.template_combo, 1)
        row.addWidget(use)

        self.text = QPlainTextEdit()
        self.text.setObjectName("quick_text")
        mono = QFont(self.text.font())
        mono.setPointSizeF(mono.pointSizeF() + 1)
        self.text.setFont(mono)
        self.text.setTabChangesFocus(False)
        help_label = QLabel(
            self.tr(
                "每行一步，可写编号“1.”；没有“→”的步骤接着下一行。\n"
                "判断：行末写“？”，下面每行一个分支：“   - 条件 → 去向”。\n"
                "去向写步骤编号、“结束”，或一个新步骤的文字（可接着写“→ 2”返回）。\n"
                "[文书] 表示材料/文书；行末括号里写承办岗位和时限，如“（审核民警，10个工作日）”。"
            )
        )
        help_label.setWordWrap(True)
        set_role(help_label, "help")
        self.status = QLabel()
        self.status.setObjectName("quick_status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("生成流程图"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.text, 1)
        layout.addWidget(help_label)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.text.textChanged.connect(self._check)
        if chart is not None and chart.nodes:
            self.text.setPlainText(format_quick_entry(chart))
        else:
            self._fill_template()

    def _fill_template(self) -> None:
        key = self.template_combo.currentData()
        self.text.setPlainText(format_quick_entry(template_chart(key, self.db)))

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        try:
            self._chart = parse_quick_entry(self.text.toPlainText())
        except QuickEntryError as error:
            self._chart = None
            self.status.setText("\n".join(f"✗ {p}" for p in error.problems))
            set_role(self.status, "error")
            ok.setEnabled(False)
            return
        self.status.setText(
            fmt(
                self.tr("✓ 共 %1 个节点、%2 条连线"),
                len(self._chart.nodes),
                len(self._chart.edges),
            )
        )
        set_role(self.status, "ok")
        ok.setEnabled(True)

    def chart(self) -> Flowchart | None:
        """The chart the text describes, laid out; None while the text has mistakes."""
        return auto_layout(self._chart) if self._chart is not None else None
