"""The properties panel beside the chart: the chart's title when nothing is selected, the
kind, text, responsible post and time limit of a selected node, or the condition of a
selected edge; and below it, the list of what is wrong with the chart. Every edit becomes
an undo command; the fields follow the document when it changes (undo, redo, the canvas).

Signals: ``problem_activated(object)`` with the ``ChartProblem`` the clerk clicked.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain.enums import NodeKind, Severity
from gwgk_desktop.domain.flowchart import ChartProblem
from gwgk_desktop.gui.flowchart.commands import (
    ChangeNodeCommand,
    SetEdgeLabelCommand,
    SetTitleCommand,
)
from gwgk_desktop.gui.flowchart.document import FlowchartDocument
from gwgk_desktop.gui.forms import set_role
from gwgk_desktop.gui.text import fmt

MAX_DAYS = 365


def common_posts() -> list[str]:
    """The posts offered for a step (the clerk may type any other)."""
    return [
        QCoreApplication.translate("PropertiesPanel", "受理民警"),
        QCoreApplication.translate("PropertiesPanel", "审核民警"),
        QCoreApplication.translate("PropertiesPanel", "审批领导"),
        QCoreApplication.translate("PropertiesPanel", "户籍民警"),
        QCoreApplication.translate("PropertiesPanel", "核查民警"),
        QCoreApplication.translate("PropertiesPanel", "窗口工作人员"),
    ]


def common_labels() -> list[str]:
    """The conditions offered for a connection (the clerk may type any other)."""
    return [
        QCoreApplication.translate("PropertiesPanel", "是"),
        QCoreApplication.translate("PropertiesPanel", "否"),
        QCoreApplication.translate("PropertiesPanel", "予以受理"),
        QCoreApplication.translate("PropertiesPanel", "材料不全"),
        QCoreApplication.translate("PropertiesPanel", "补正后"),
        QCoreApplication.translate("PropertiesPanel", "不符合条件"),
        QCoreApplication.translate("PropertiesPanel", "不予受理"),
        QCoreApplication.translate("PropertiesPanel", "准予许可"),
        QCoreApplication.translate("PropertiesPanel", "不予许可"),
    ]


def _editable_combo(items: list[str], placeholder: str) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems(items)
    combo.setCurrentIndex(-1)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    line = combo.lineEdit()
    assert line is not None
    line.setPlaceholderText(placeholder)
    return combo


class PropertiesPanel(QWidget):
    problem_activated = Signal(object)

    def __init__(
        self,
        document: FlowchartDocument,
        push: Callable[[QUndoCommand], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.push = push
        self.read_only = False
        self.node_key: str | None = None
        self.edge_key: str | None = None
        self._loading = False

        self.stack = QStackedWidget()
        self.stack.addWidget(self._chart_page())
        self.stack.addWidget(self._node_page())
        self.stack.addWidget(self._edge_page())
        self.stack.addWidget(self._many_page())

        box = QGroupBox(self.tr("属性"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.stack)
        problems_box = QGroupBox(self.tr("检查结果"))
        problems_layout = QVBoxLayout(problems_box)
        self.problem_list = QListWidget()
        self.problem_list.setWordWrap(True)
        self.problem_list.itemActivated.connect(self._activate)
        self.problem_list.itemClicked.connect(self._activate)
        problems_layout.addWidget(self.problem_list)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addWidget(problems_box, 1)
        document.changed.connect(self.reload)
        document.reset.connect(self.reload)

    # -- pages -----------------------------------------------------------------------------

    def _chart_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("chart_title")
        self.title_edit.setPlaceholderText(self.tr("如：行政许可审批程序流程图"))
        # Every keystroke is committed (merged into one undo step per field), so nothing
        # typed is lost when the clerk next clicks the canvas or the palette.
        self.title_edit.textEdited.connect(self._commit_title)
        form.addRow(self.tr("标题"), self.title_edit)
        hint = QLabel(
            self.tr(
                "单击节点或连线查看和修改属性。\n双击节点可直接改文字，双击连线可改条件。\n"
                "按 Delete 删除所选，Ctrl+滚轮缩放。"
            )
        )
        hint.setWordWrap(True)
        set_role(hint, "chart-panel-hint")
        form.addRow(hint)
        return page

    def _node_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("node_kind")
        for kind in NodeKind:
            self.kind_combo.addItem(kind.label, kind)
        self.kind_combo.activated.connect(self._commit_kind)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("node_text")
        self.text_edit.setFixedHeight(64)
        self.text_edit.setTabChangesFocus(True)  # Tab moves on; a node's text has no tabs
        self.text_edit.setUndoRedoEnabled(False)  # the chart's undo takes the step back
        self.text_edit.textChanged.connect(self._commit_text)
        self.post_combo = _editable_combo(common_posts(), self.tr("如：受理民警"))
        self.post_combo.setObjectName("node_post")
        post_line = self.post_combo.lineEdit()
        assert post_line is not None
        post_line.textEdited.connect(self._commit_post)
        self.post_combo.activated.connect(self._commit_post)
        self.days_spin = QSpinBox()
        self.days_spin.setObjectName("node_days")
        self.days_spin.setRange(0, MAX_DAYS)
        self.days_spin.setSpecialValueText(self.tr("不写时限"))
        self.days_spin.setSuffix(self.tr(" 个工作日"))
        self.days_spin.valueChanged.connect(self._commit_days)
        form.addRow(self.tr("类型"), self.kind_combo)
        form.addRow(self.tr("文字"), self.text_edit)
        form.addRow(self.tr("承办岗位"), self.post_combo)
        form.addRow(self.tr("办理时限"), self.days_spin)
        return page

    def _edge_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.edge_info = QLabel()
        self.edge_info.setWordWrap(True)
        self.label_combo = _editable_combo(common_labels(), self.tr("判断的条件，如：是 / 否"))
        self.label_combo.setObjectName("edge_label")
        label_line = self.label_combo.lineEdit()
        assert label_line is not None
        label_line.textEdited.connect(self._commit_label)
        self.label_combo.activated.connect(self._commit_label)
        form.addRow(self.tr("连线"), self.edge_info)
        form.addRow(self.tr("条件/标注"), self.label_combo)
        return page

    def _many_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.many_label = QLabel()
        layout.addWidget(self.many_label)
        layout.addStretch(1)
        return page

    # -- following the selection and the document -------------------------------------------

    def show_selection(self, nodes: list[str], edges: list[str]) -> None:
        self.node_key = nodes[0] if len(nodes) == 1 and not edges else None
        self.edge_key = edges[0] if len(edges) == 1 and not nodes else None
        if len(nodes) + len(edges) > 1:
            self.many_label.setText(
                fmt(self.tr("已选择 %1 个节点、%2 条连线"), len(nodes), len(edges))
            )
        self.reload()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for widget in (
            self.title_edit,
            self.kind_combo,
            self.text_edit,
            self.post_combo,
            self.days_spin,
            self.label_combo,
        ):
            widget.setEnabled(not read_only)

    def reload(self) -> None:
        self._loading = True
        try:
            node = self.document.node(self.node_key) if self.node_key else None
            edge = self.document.edge(self.edge_key) if self.edge_key else None
            if node is not None:
                self.stack.setCurrentIndex(1)
                self.kind_combo.setCurrentIndex(self.kind_combo.findData(node.kind))
                # A field being typed into keeps its text (spaces at its ends included).
                if self.text_edit.toPlainText().strip() != node.text:
                    self.text_edit.setPlainText(node.text)
                if self.post_combo.currentText().strip() != node.post:
                    self.post_combo.setEditText(node.post)
                self.days_spin.setValue(node.time_limit_days or 0)
            elif edge is not None:
                self.stack.setCurrentIndex(2)
                source = self.document.node(edge.source or "")
                target = self.document.node(edge.target or "")
                unknown = self.tr("？")
                self.edge_info.setText(
                    fmt(
                        self.tr("%1 → %2"),
                        source.text if source else unknown,
                        target.text if target else unknown,
                    )
                )
                if self.label_combo.currentText().strip() != edge.label:
                    self.label_combo.setEditText(edge.label)
            elif self.node_key or self.edge_key:
                self.stack.setCurrentIndex(3)
            else:
                self.stack.setCurrentIndex(0)
                if self.title_edit.text().strip() != self.document.title:
                    self.title_edit.setText(self.document.title)
        finally:
            self._loading = False

    def text_fields(self) -> list[QWidget]:
        """The fields typed into (their Ctrl+Z goes to the chart's undo, not the field's)."""
        lines = [self.post_combo.lineEdit(), self.label_combo.lineEdit()]
        return [self.title_edit, self.text_edit, *(line for line in lines if line is not None)]

    def show_problems(
        self, problems: list[ChartProblem], *, empty: bool = False, required: bool = False
    ) -> None:
        """List ``problems``; an ``empty`` chart is listed as missing when ``required``
        and as not started otherwise, never as "no problems"."""
        self.problem_list.clear()
        if empty:
            text = (
                self.tr("✗ 还没有流程图：许可审批事项须绘制审批程序流程图")
                if required
                else self.tr("还没有流程图")
            )
            item = QListWidgetItem(text)
            if required:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.problem_list.addItem(item)
            return
        if not problems:
            item = QListWidgetItem(self.tr("✓ 流程图没有发现问题"))
            item.setForeground(Qt.GlobalColor.darkGreen)
            self.problem_list.addItem(item)
            return
        for problem in problems:
            mark = "✗" if problem.severity is Severity.ERROR else "!"
            item = QListWidgetItem(f"{mark} {problem.message}")
            item.setData(Qt.ItemDataRole.UserRole, problem)
            if problem.severity is Severity.ERROR:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.problem_list.addItem(item)

    def _activate(self, item: QListWidgetItem) -> None:
        problem = item.data(Qt.ItemDataRole.UserRole)
        if problem is not None:
            self.problem_activated.emit(problem)

    # -- committing edits --------------------------------------------------------------------

    def _change_node(self, typing: bool = False, **fields: object) -> None:
        if self._loading or self.read_only or self.node_key is None:
            return
        node = self.document.node(self.node_key)
        if node is None:
            return
        changed = {k: v for k, v in fields.items() if getattr(node, k) != v}
        if changed:
            self.push(ChangeNodeCommand(self.document, self.node_key, typing=typing, **changed))

    def _commit_kind(self) -> None:
        self._change_node(kind=self.kind_combo.currentData())

    def _commit_text(self) -> None:
        text = self.text_edit.toPlainText().strip()
        if text:  # a node keeps its old text while the field is emptied to retype it
            self._change_node(typing=True, text=text)

    def _commit_post(self) -> None:
        self._change_node(typing=True, post=self.post_combo.currentText().strip())

    def _commit_days(self) -> None:
        self._change_node(typing=True, time_limit_days=self.days_spin.value() or None)

    def _commit_label(self) -> None:
        if self._loading or self.read_only or self.edge_key is None:
            return
        edge = self.document.edge(self.edge_key)
        label = self.label_combo.currentText().strip()
        if edge is not None and edge.label != label:
            self.push(SetEdgeLabelCommand(self.document, self.edge_key, label, typing=True))

    def _commit_title(self) -> None:
        if self._loading or self.read_only:
            return
        title = self.title_edit.text().strip()
        if title != self.document.title:
            self.push(SetTitleCommand(self.document, title, typing=True))
