"""The licensing editor's "流程图" tab, until the drawing editor lands.

An honest placeholder: it lists the chart's steps and links read-only and can load the
reference template's standard procedure (an undoable step on the editor's undo stack).
``gui.flowchart.FlowchartEditor`` replaces it at merge with the same interface:
``changed`` signal, ``set_flowchart(chart, read_only)``, ``flowchart()``.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain.models import Flowchart
from gwgk_desktop.gui.editor.commands import ReplaceCommand
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.template import standard_procedure

#: The key of the standard procedure among the flowchart templates.
STANDARD = "standard"


class FlowchartTab(QWidget):
    """Shows an approval flowchart's steps. Signals: ``changed()`` when the chart was
    changed by the user (or by undo/redo of such a change)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, undo_stack: QUndoStack | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self._chart: Flowchart | None = None
        self._read_only = False
        layout = QVBoxLayout(self)
        self.note = QLabel(
            self.tr(
                "流程图绘制编辑器将在后续版本提供。目前可以套用标准流程模板，"
                "下面按顺序列出流程的各个环节和连线（只读）。"
            )
        )
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.steps = QListWidget()
        self.steps.setObjectName("flowchartSteps")
        layout.addWidget(self.steps, 1)
        row = QHBoxLayout()
        self.template_button = QPushButton(self.tr("使用标准流程模板"))
        self.template_button.setObjectName("useStandardProcedure")
        self.template_button.setToolTip(
            self.tr("套用参考范本中的标准审批流程：申请 → 受理 → 审查 → 决定 → 送达")
        )
        self.template_button.clicked.connect(self.use_standard_procedure)
        row.addWidget(self.template_button)
        row.addStretch(1)
        layout.addLayout(row)
        self._show()

    def set_flowchart(self, chart: Flowchart | None, read_only: bool = False) -> None:
        """Show ``chart`` (a copy is kept); no ``changed`` signal."""
        self._chart = copy.deepcopy(chart)
        self._read_only = read_only
        self._show()

    def flowchart(self) -> Flowchart | None:
        return copy.deepcopy(self._chart)

    def replace(self, chart: Flowchart | None) -> None:
        """Set the chart as a user change (used by the undo command)."""
        self._chart = chart
        self._show()
        self.changed.emit()

    def use_standard_procedure(self) -> None:
        self.apply_template(STANDARD)

    def apply_template(self, key: str) -> None:
        """Start from a template, as an undoable change. The placeholder knows only the
        reference template's standard procedure (``"standard"``), the drawing editor
        more under the same method."""
        if key != STANDARD:
            raise LookupError(f"unknown flowchart template {key!r}")
        if self._read_only:
            return
        command = ReplaceCommand(
            self.tr("使用标准流程模板"), self.replace, self._chart, standard_procedure()
        )
        if self.undo_stack is not None:
            self.undo_stack.push(command)
        else:
            command.redo()

    def _show(self) -> None:
        self.steps.clear()
        self.template_button.setEnabled(not self._read_only)
        chart = self._chart
        if chart is None or not chart.nodes:
            self.summary.setText(self.tr("尚未绘制流程图。"))
            return
        self.summary.setText(
            fmt(
                self.tr("%1：%2 个环节，%3 条连线"),
                chart.title or self.tr("流程图"),
                len(chart.nodes),
                len(chart.edges),
            )
        )
        texts = {node.key: node.text or node.kind.label for node in chart.nodes}
        for number, node in enumerate(chart.nodes, start=1):
            details = [node.kind.label]
            if node.post:
                details.append(node.post)
            if node.time_limit_days:
                details.append(fmt(self.tr("%1个工作日"), node.time_limit_days))
            self.steps.addItem(
                fmt(self.tr("%1. %2（%3）"), number, texts[node.key], self.tr("，").join(details))
            )
        for edge in chart.edges:
            source = texts.get(edge.source or "", "?")
            target = texts.get(edge.target or "", "?")
            if edge.label:
                self.steps.addItem(fmt(self.tr("    %1 → %2（%3）"), source, target, edge.label))
            else:
                self.steps.addItem(fmt(self.tr("    %1 → %2"), source, target))
