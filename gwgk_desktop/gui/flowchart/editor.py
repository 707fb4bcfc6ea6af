"""The flowchart editor widget (审批程序流程图), hosted by the licensing item editor's
"流程图" tab and runnable alone (``python -m gwgk_desktop.gui.flowchart``).

A tool row (undo/redo, delete, copy/paste, quick entry, templates, auto-layout, zoom, fit,
export; it wraps onto a second row when narrow rather than hiding tools), one status line
under it that says whether the chart is in order (always one line, so the canvas never
moves while the clerk draws), the palette on the left, the chart in the middle,
properties and the list of what is wrong on the right. Every change is an undo command on
the given stack (the item editor's, so its Ctrl+Z covers chart edits) or on the editor's
own. While the focus is inside, the editor's keys are its own (``OwnShortcuts``): Ctrl+Z
and Ctrl+1 act on the chart, never clash with the window's.

Signals: ``changed()`` after every change to the chart (for dirty tracking).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart import ChartProblem
from gwgk_desktop.domain.flowchart_layout import layout_positions
from gwgk_desktop.domain.models import Flowchart
from gwgk_desktop.gui.flow_layout import FlowLayout
from gwgk_desktop.gui.flowchart.commands import MoveNodesCommand, ReplaceChartCommand
from gwgk_desktop.gui.flowchart.document import FlowchartDocument
from gwgk_desktop.gui.flowchart.export import export_png, export_svg
from gwgk_desktop.gui.flowchart.palette import Palette
from gwgk_desktop.gui.flowchart.properties import PropertiesPanel
from gwgk_desktop.gui.flowchart.scene import FlowchartScene
from gwgk_desktop.gui.flowchart.view import FlowchartView
from gwgk_desktop.gui.forms import ElidedLabel, set_role
from gwgk_desktop.gui.shortcuts import OwnShortcuts, UndoKeysToWindow
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.flowcharts import TEMPLATES, template_by_key, template_chart
from gwgk_desktop.store.database import Database


class FlowchartEditor(QWidget):
    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        undo_stack: QUndoStack | None = None,
        db: Database | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db  # only to take the standard procedure from the station's template
        self._own_stack = undo_stack is None
        self._stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.read_only = False
        self.document = FlowchartDocument(self)
        self.scene = FlowchartScene(self.document, self.push, self)
        self.view = FlowchartView(self.scene)
        self.view.setObjectName("flowchart_view")
        self.node_palette = Palette()
        self.properties = PropertiesPanel(self.document, self.push)
        # Licensing items must have a chart: then an empty one is a problem, not a blank.
        self.required = False
        self.status_line = ElidedLabel()
        self.status_line.setObjectName("flowchart_status")
        self.toolbar = QWidget()
        self.toolbar.setObjectName("flowchart_tools")
        FlowLayout(self.toolbar, spacing=4)
        self._build_actions()
        for widget in self.properties.text_fields():
            widget.installEventFilter(self._undo_keys)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("flowchart_splitter")
        self.splitter.addWidget(self.node_palette)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(self.properties)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([96, 700, 250])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.status_line)
        layout.addWidget(self.splitter, 1)
        self.own_keys = OwnShortcuts(self, self.actions)

        self.document.changed.connect(self.changed)
        self.scene.selectionChanged.connect(self._selection_changed)
        self.scene.problems_changed.connect(self._show_problems)
        self.node_palette.add_requested.connect(self.add_node)
        self.view.node_dropped.connect(self._dropped)
        self.properties.problem_activated.connect(self.show_problem)
        self.set_flowchart(None)

    # -- the contract with the item editor --------------------------------------------------

    def set_flowchart(self, chart: Flowchart | None, read_only: bool = False) -> None:
        """Show ``chart`` (None: no chart yet). Loading is not a change: no ``changed``,
        and an own undo stack starts empty and clean (a shared one is the caller's)."""
        self.document.load(chart)
        if self._own_stack:
            self._stack.clear()
        self.set_read_only(read_only)
        self.view.fit()

    def flowchart(self) -> Flowchart | None:
        return self.document.chart()

    def undo_stack(self) -> QUndoStack:
        return self._stack

    def problems(self) -> list[ChartProblem]:
        return list(self.scene.problems)

    # -- more for the host -------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.scene.set_read_only(read_only)
        self.properties.set_read_only(read_only)
        self.node_palette.setEnabled(not read_only)
        for action in self._edit_actions:
            action.setEnabled(not read_only)
        self._update_status()

    def is_modified(self) -> bool:
        return not self._stack.isClean()

    def push(self, command: QUndoCommand) -> None:
        if self.read_only:
            return
        self._stack.push(command)

    # -- actions -----------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self._undo_keys = UndoKeysToWindow(self)
        undo = self._stack.createUndoAction(self, self.tr("撤销"))
        undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        redo = self._stack.createRedoAction(self, self.tr("重做"))
        redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        for action in (undo, redo):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_action, self.redo_action = undo, redo
        self.delete_action = self._action(
            self.tr("删除"),
            self.scene.delete_selected,
            None,
            self.tr("删除所选节点和连线（Delete）"),
        )
        self.copy_action = self._action(
            self.tr("复制"), self.scene.copy_selection, QKeySequence.StandardKey.Copy
        )
        self.cut_action = self._action(self.tr("剪切"), self.cut, QKeySequence.StandardKey.Cut)
        self.paste_action = self._action(
            self.tr("粘贴"), self.scene.paste, QKeySequence.StandardKey.Paste
        )
        self.quick_action = self._action(
            self.tr("快速录入…"),
            self.open_quick_entry,
            "Ctrl+Shift+Q",
            self.tr("用编号列表输入各步骤，自动生成流程图"),
        )
        self.layout_action = self._action(
            self.tr("自动排版"),
            self.auto_layout,
            "Ctrl+Shift+L",
            self.tr("从上到下重新排列节点，分支放在两侧"),
        )
        self.zoom_in_action = self._action(
            self.tr("放大"), self.view.zoom_in, QKeySequence.StandardKey.ZoomIn
        )
        self.zoom_out_action = self._action(
            self.tr("缩小"), self.view.zoom_out, QKeySequence.StandardKey.ZoomOut
        )
        self.actual_action = self._action(self.tr("100%"), self.view.actual_size, "Ctrl+1")
        self.fit_action = self._action(self.tr("适合窗口"), self.view.fit, "Ctrl+0")
        self.export_action = self._action(
            self.tr("导出图片…"), self.export_dialog, None, self.tr("导出为 PNG 或 SVG")
        )
        # Ctrl+= is what "Ctrl and +" types on most keyboards.
        extra_zoom = self._action("", self.view.zoom_in, "Ctrl+=")
        extra_zoom.setVisible(False)

        template_menu = QMenu(self)
        for item in TEMPLATES:
            action = template_menu.addAction(item.name)
            action.setToolTip(item.description)
            action.triggered.connect(lambda _c=False, k=item.key: self.choose_template(k))
        self.template_button = QToolButton()
        self.template_button.setText(self.tr("从模板开始"))
        self.template_button.setMenu(template_menu)
        self.template_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.template_button.setAutoRaise(True)

        groups: list[list[QAction | QToolButton]] = [
            [undo, redo],
            [self.delete_action, self.copy_action, self.paste_action],
            [self.quick_action, self.template_button, self.layout_action],
            [self.zoom_in_action, self.zoom_out_action, self.fit_action],
            [self.export_action],
        ]
        tools = self.toolbar.layout()
        assert tools is not None
        for n, group in enumerate(groups):
            if n:
                rule = QFrame(self.toolbar)
                rule.setFrameShape(QFrame.Shape.VLine)
                rule.setFrameShadow(QFrame.Shadow.Sunken)
                tools.addWidget(rule)
            for entry in group:
                tools.addWidget(entry if isinstance(entry, QToolButton) else self._tool(entry))
        self._edit_actions = [
            self.delete_action,
            self.cut_action,
            self.paste_action,
            self.quick_action,
            self.layout_action,
        ]

    def _tool(self, action: QAction) -> QToolButton:
        button = QToolButton(self.toolbar)
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        return button

    # -- operations ----------------------------------------------------------------------------

    def add_node(self, kind: NodeKind) -> str | None:
        """Add a node of ``kind`` in the middle of what the view shows."""
        if self.read_only:
            return None
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        key = self.scene.add_node(kind, centre)
        self.view.ensureVisible(self.scene.node_items[key])
        return key

    def _dropped(self, kind: str, pos: QPointF) -> None:
        if not self.read_only:
            self.scene.add_node(NodeKind(kind), pos)

    def cut(self) -> None:
        if self.scene.copy_selection():
            self.scene.delete_selected()

    def auto_layout(self) -> None:
        chart = self.document.snapshot()
        if not chart.nodes or self.read_only:
            return
        positions = layout_positions(chart)
        moves = {
            n.key: ((n.x, n.y), positions[n.key])
            for n in chart.nodes
            if (n.x, n.y) != positions[n.key]
        }
        if moves:
            self.push(MoveNodesCommand(self.document, moves, None, self.tr("自动排版")))
        self.view.fit()

    def replace_chart(self, chart: Flowchart, text: str) -> None:
        self.push(ReplaceChartCommand(self.document, chart, text))
        self.view.fit()

    def apply_template(self, key: str) -> None:
        chosen = template_by_key(key)
        chart = template_chart(key, self.db)
        current = self.document.snapshot()
        if not chart.title and current.title:
            chart.title = current.title
        self.replace_chart(chart, self.tr("套用模板：") + chosen.name)

    def choose_template(self, key: str) -> None:
        if self.read_only:
            return
        if self.document.nodes():
            answer = QMessageBox.question(
                self,
                self.tr("套用模板"),
                self.tr("套用模板会替换当前的流程图（可以撤销）。继续吗？"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.apply_template(key)

    def open_quick_entry(self) -> None:
        from gwgk_desktop.gui.flowchart.quick_entry import QuickEntryDialog

        if self.read_only:
            return
        dialog = QuickEntryDialog(self.document.chart(), self.db, self)
        if dialog.exec() == QuickEntryDialog.DialogCode.Accepted:
            chart = dialog.chart()
            if chart is not None:
                self.replace_chart(chart, self.tr("快速录入"))

    def export_dialog(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("导出流程图"),
            (self.document.title or self.tr("流程图")) + ".png",
            self.tr("PNG 图片 (*.png);;SVG 矢量图 (*.svg)"),
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".png", ".svg"):
            target = target.with_suffix(".svg" if "svg" in chosen.lower() else ".png")
        try:
            self.export(target)
        except OSError as error:
            QMessageBox.warning(
                self, self.tr("导出流程图"), self.tr("无法写入文件：") + f"{target}\n{error}"
            )

    def export(self, path: Path) -> Path:
        """Write the chart as PNG or SVG, by the file's suffix."""
        if path.suffix.lower() == ".svg":
            return export_svg(self.scene, path, self.document.title)
        return export_png(self.scene, path)

    # -- following the scene -------------------------------------------------------------------

    def _selection_changed(self) -> None:
        nodes, edges = self.scene.selected_keys()
        self.properties.show_selection(nodes, edges)

    def set_required(self, required: bool) -> None:
        """Whether the chart must exist (a licensing item's): an empty one is then an error
        in the status line and the check list, never "no problems"."""
        self.required = required
        self._show_problems(self.problems())

    def _show_problems(self, problems: list[ChartProblem]) -> None:
        self.properties.show_problems(
            problems, empty=not self.document.nodes(), required=self.required
        )
        self._update_status()

    def _update_status(self) -> None:
        """The one line under the tools: how to start, what is wrong, or that all is well."""
        how = self.tr("点“从模板开始”套用标准程序，点“快速录入…”按步骤输入，或从左侧添加节点。")
        if not self.document.nodes():
            if self.required:
                text, role = self.tr("许可审批事项须绘制审批程序流程图：") + how, "chart-error"
            else:
                text, role = self.tr("还没有流程图：") + how, "chart-hint"
            if self.read_only:
                text = self.tr("没有流程图。")
        elif errors := self.scene.error_count():
            text = fmt(
                self.tr(
                    "流程图有 %1 处需要修改（图上红色标出，右侧逐条列出），修改前不能提交审核。"
                ),
                errors,
            )
            role = "chart-error"
        else:
            text, role = self.tr("✓ 流程图没有发现问题"), "chart-ok"
        self.status_line.set_full_text(text)
        set_role(self.status_line, role)

    def show_problem(self, problem: ChartProblem) -> None:
        """Select and show the node or edge a problem is about."""
        if problem.node and problem.node in self.scene.node_items:
            self.scene.select_keys([problem.node], [])
            self.view.centerOn(self.scene.node_items[problem.node])
        elif problem.edge and problem.edge in self.scene.edge_items:
            self.scene.select_keys([], [problem.edge])
            self.view.centerOn(self.scene.edge_items[problem.edge])
