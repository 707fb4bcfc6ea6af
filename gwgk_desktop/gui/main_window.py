"""The main window, the clerk's workbench: category tree with counts per status on the
left, the filterable item table in the middle, the item editor on the right; and, on a
second tab beside the catalogue, the 依申请公开 area (the request register).

The 单位 menu also holds the signing key and the bureau's reference template; the 输出 menu
prints (with preview) and exports the signed package for the city bureau. When another
process (a ``gwgk`` command) changes the database, the window reloads what it shows and
keeps any unsaved edit (``DatabaseWatcher``).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop import APP_DISPLAY_NAME
from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.enums import ItemKind, Level, Role, Status
from gwgk_desktop.domain.models import Actor, Category
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.category_tree import CategoryTreeModel, TreeFilter
from gwgk_desktop.gui.db_watcher import DatabaseWatcher
from gwgk_desktop.gui.designer.workbench import Ui_WorkbenchForm
from gwgk_desktop.gui.editor.autosave import recover
from gwgk_desktop.gui.editor.editor import ItemEditor
from gwgk_desktop.gui.geometry import place_main_window
from gwgk_desktop.gui.item_table import Column, ItemTableModel
from gwgk_desktop.gui.jobs import show_error
from gwgk_desktop.gui.login_dialog import LoginDialog
from gwgk_desktop.gui.operations import Change, OpChanges, Operations
from gwgk_desktop.gui.recovery_dialog import RecoveryDialog
from gwgk_desktop.gui.settings import Settings
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.gui.uiload import build_form
from gwgk_desktop.gui.window_dialogs import WindowDialogs, run_dialog
from gwgk_desktop.gui.window_menus import WindowMenus
from gwgk_desktop.services import autosave, station
from gwgk_desktop.services.autosave import DraftSession
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import Database

if TYPE_CHECKING:
    from gwgk_desktop.gui.requests.area import RequestsArea

log = logging.getLogger(__name__)

# Whom the start-up builds the window for while the login's password is checked on a
# worker thread (``gui.login_check``): nobody, with the least rights; the window is shown
# only after ``logged_in`` with the verified operator.
PENDING_ACTOR = Actor(None, "", "", Role.CLERK)
# The tree's counts come after the table's first paint, and at the latest this long after
# the window was shown.
COUNTS_AT_LATEST_MS = 300
#: The window's size on a screen with room for it (on a smaller one it opens maximised).
PREFERRED_SIZE = QSize(1440, 880)
#: The editor pane's width by default: its review buttons fit in one row.
EDITOR_WIDTH = 560
#: The narrowest the list's 名称 column gets by default (about seven characters: at 1366 px
#: the tree's five-digit counts and the whole 索引号 need the rest).
MIN_NAME_WIDTH = 104
#: Widths of the tree's count columns: the total, then a status (header text or count).
TREE_COLUMN_SAMPLES = ("00000", "草稿0")
#: Default widths of the table's columns: the width of a typical value.
COLUMN_SAMPLES = {
    Column.INDEX: "000014349/2026-00222",
    Column.NAME: "居民身份证换领、补领登记事项",
    Column.KIND: "许可审批事项",
    Column.CATEGORY: "行政事业性收费",
    Column.STATUS: "●已公开",
    Column.LEVEL: "县(区)局",
    Column.REVISION: "2（在用第1版）",
    Column.UPDATED: "2026-09-01 08:30",
    Column.DUE: "2026-12-31（已逾期）",
}


class MainWindow(QMainWindow):
    """The workbench. Signals: ``actor_changed(object)`` with the new ``Actor`` after
    another operator logged in."""

    actor_changed = Signal(object)

    def __init__(
        self,
        db: Database,
        actor: Actor,
        drafts: DraftSession | None = None,
        settings: Settings | None = None,
    ) -> None:
        super().__init__()
        self.db = db
        self.actor = actor
        self.drafts = drafts
        self.settings = settings if settings is not None else Settings()
        self.catalogue = Catalogue(db)
        self.ops = Operations(self)
        self.profile = station.get_profile(db)
        self.categories: list[Category] = self.catalogue.reference.categories(include_inactive=True)
        self._reverting = False
        self._deleted_id: int | None = None
        # Whether only the editor showed before the flowchart tab took the width (None:
        # the chart did not take it).
        self._panes_before_chart: bool | None = None
        self._set_title()
        place_main_window(self, PREFERRED_SIZE)

        self.ui = Ui_WorkbenchForm()

        self.workbench = build_form(self.ui, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("areaTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.workbench, self.tr("政务公开目录"))
        # The register is built the first time its tab is opened (start-up stays fast).
        self.requests_host = QWidget(self.tabs)
        QVBoxLayout(self.requests_host).setContentsMargins(0, 0, 0, 0)
        self.requests: RequestsArea | None = None
        self.tabs.addTab(self.requests_host, self.tr("依申请公开"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self.splitter = self.ui.splitter
        self.tree = self.ui.categoryTree
        self.table = self.ui.itemTable
        self.filter_text = self.ui.filterText
        self.status_filter = self.ui.statusFilter
        self.level_filter = self.ui.levelFilter
        self.overdue_filter = self.ui.overdueFilter
        self.count_label = self.ui.countLabel
        self.info_bar = self.ui.infoBar
        self.info_text = self.ui.infoText
        self.info_undo = self.ui.infoUndo
        # Before anything is read, so no change made meanwhile goes unnoticed.
        self.watcher = DatabaseWatcher(db, self)

        self._setup_tree()
        self._setup_filters()
        self._setup_table()
        self._setup_editor()
        self.dialogs = WindowDialogs(self)
        self.menus = WindowMenus(self)
        self._setup_status_bar()
        self._hide_info()
        self._default_panes()
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self._restore_layout()
        self.apply_filters()
        # The tree's counts come after the table's first paint: its first page does not
        # wait for them (a count of 20,000 items is a query of its own).
        self.counts_pending = True
        self.table.viewport().installEventFilter(self)
        self._update_permissions()
        self.watcher.changed.connect(self.reload_from_elsewhere)

    # ------------------------------------------------------------------ set-up
    def _setup_tree(self) -> None:
        self.tree_model = CategoryTreeModel(self.catalogue.reference.categories())
        self.tree.setModel(self.tree_model)
        self.tree.expandAll()
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(8)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.tree.fontMetrics()
        longest = max(
            [metrics.horizontalAdvance(f"{c.code} {c.name}") for c in self.categories] + [0]
        )
        name_width = longest + self.tree.indentation() + 12
        for column in range(1, self.tree_model.columnCount()):
            sample = TREE_COLUMN_SAMPLES[0 if column == 1 else 1]
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            # The view's own size hint for a cell is its text plus 14 px of margins and
            # focus frame; with +6 a five-digit total (20,011 items) was cut to "200…".
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 14)
            name_width += header.sectionSize(column)
        # Never cut a category's name: the tree is as wide as its columns need.
        self.tree.setMinimumWidth(name_width + 4)
        self.tree.setCurrentIndex(self.tree_model.index_of(self.tree_model.all_filter))
        selection = self.tree.selectionModel()
        selection.currentRowChanged.connect(lambda _c, _p: self.apply_filters())

    def _setup_filters(self) -> None:
        self.status_filter.addItem(self.tr("全部状态"), None)
        for status in Status:
            self.status_filter.addItem(status.label, status.value)
        self.level_filter.addItem(self.tr("全部层级"), None)
        for level in Level:
            self.level_filter.addItem(level.label, level.value)
        self.filter_text.textChanged.connect(lambda _t: self.apply_filters())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.level_filter.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.overdue_filter.toggled.connect(lambda _b: self.apply_filters())
        self.filter_text.installEventFilter(self)

    def _setup_table(self) -> None:
        self.model = ItemTableModel(self.catalogue, self.categories)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        # Fixed row heights: the view never measures 20,000 rows' contents.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The indicator first, then sorting on: the model already is in this order, so
        # turning sorting on does not query the 20,000 ids once more.
        header.setSortIndicator(Column.INDEX, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        metrics = self.table.fontMetrics()
        for column, sample in COLUMN_SAMPLES.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        header.setStretchLastSection(True)
        # A new result is laid out at once, not from the view's zero-time timer: the
        # filter's line, the count and the rows are then painted in one frame per
        # keystroke instead of a second frame (the whole table again) right after the
        # first. The view's own reset runs first (it was connected by ``setModel``).
        self.model.modelReset.connect(self.table.doItemsLayout)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.activated.connect(lambda _index: self.editor.focus_first_field())

    def _setup_editor(self) -> None:
        host = self.ui.editorHost
        self.editor = ItemEditor(
            self.catalogue, self.actor, self.profile.name, self.drafts, host, self.ops
        )
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        # The editor page is built after the first frame (``EditorWidgets.build_page``);
        # until then the editor keeps the width the page needs, so the panes do not move
        # when it comes. Where that width is not known yet (the first start) the page is
        # built now, and measured when the window closes.
        if width := self.settings.editor_min_width:
            self.editor.setMinimumWidth(width)
        else:
            self.editor.build_page()
        self.ops.executed.connect(self._operation_executed)
        self.editor.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.editor.dirty_changed.connect(self.setWindowModified)
        self.editor.chart_shown.connect(self._chart_shown)
        self.info_undo.clicked.connect(self.undo_delete)
        self.ui.infoClose.clicked.connect(self._hide_info)

    def _setup_status_bar(self) -> None:
        self.station_label = QLabel(self.profile.name)
        self.operator_label = QLabel()
        self.operator_label.setObjectName("operatorLabel")
        self.read_only_label = QLabel()
        self.read_only_label.setObjectName("readOnlyLabel")
        self.read_only_label.setProperty("role", "error")
        bar = self.statusBar()
        bar.addPermanentWidget(self.read_only_label)
        bar.addPermanentWidget(self.station_label)
        bar.addPermanentWidget(self.operator_label)
        reason = self.read_only_reason()
        self.read_only_label.setVisible(reason is not None)
        if reason is not None:
            self.read_only_label.setText(self.tr("只读：不能修改"))
            self.read_only_label.setToolTip(reason)

    def read_only_reason(self) -> str | None:
        """Why nothing can be saved to this database (read-only media, a damaged file),
        or None when it can."""
        try:
            self.db.check_writable()
        except UserError as error:
            return error.message
        return None

    def _set_title(self) -> None:
        suffix = self.tr("（只读）") if not self.db.writable else ""
        self.setWindowTitle(f"{self.profile.name}{suffix}[*] — {APP_DISPLAY_NAME}")

    def _default_panes(self) -> None:
        """Pane widths for the window's width (until the clerk sets their own): the
        categories as wide as they need, the editor wide enough for its buttons in a row,
        and the list between them showing 名称, 状态 and the whole 索引号; on a narrow
        screen 名称 gives way (the full name is its tooltip)."""
        header = self.table.horizontalHeader()
        handles = 2 * self.splitter.handleWidth() + 24  # and the panes' margins
        total = self.width() - handles
        tree = self.tree.minimumWidth()
        scroll = self.table.verticalScrollBar().sizeHint().width() + 2 * self.table.frameWidth()
        fixed = header.sectionSize(Column.STATUS) + header.sectionSize(Column.INDEX) + scroll
        name = header.sectionSize(Column.NAME)
        room = total - tree - EDITOR_WIDTH - fixed
        name = max(MIN_NAME_WIDTH, min(name, room))
        header.resizeSection(Column.NAME, name)
        middle = name + fixed
        self.splitter.setSizes([tree, middle, max(total - tree - middle, EDITOR_WIDTH)])

    # ------------------------------------------------------------------ permissions
    def _update_permissions(self) -> None:
        actor = self.actor
        self.operator_label.setText(
            fmt(self.tr("操作员：%1（%2）"), actor.display_name, actor.role.label)
        )
        self.menus.update_permissions(actor)

    # ------------------------------------------------------------------ filtering
    def current_filter(self) -> TreeFilter:
        return self.tree_model.filter_at(self.tree.currentIndex())

    def query(self) -> ItemQuery:
        spec = self.current_filter()
        status = self.status_filter.currentData()
        level = self.level_filter.currentData()
        return ItemQuery(
            text=self.filter_text.text(),
            category_id=spec.category_id,
            kind=spec.kind,
            statuses=frozenset({Status(status)}) if status else frozenset(),
            level=Level(level) if level else None,
            overdue_on=dt.date.today() if self.overdue_filter.isChecked() else None,
            deleted=spec.deleted,
        )

    def apply_filters(self) -> None:
        """Run the filter now (every keystroke: the query is fast enough for that)."""
        try:
            self.model.set_query(self.query())
        except UserError as error:
            show_error(self, self.tr("查找"), error)
            return
        self._select_item(self.editor.item_id())
        self._show_count()

    def _show_count(self) -> None:
        label = self.count_label
        label.setText(fmt(self.tr("共 %1 项"), len(self.model.ids)))
        # A fixed size, as wide as the widest count it will show: a label whose size may
        # change asks its layout to run again on every new text, and the layout run
        # repaints the whole window (tree, editor, tabs) on each keystroke that changes
        # the count. A fixed-size widget's new text asks for no layout.
        wide = label.fontMetrics().horizontalAdvance(
            fmt(self.tr("共 %1 项"), "8" * max(6, len(str(len(self.model.ids)))))
        )
        if label.minimumWidth() < wide or label.maximumWidth() != label.minimumWidth():
            # As high as the filter's line beside it, so its text stays centred.
            high = max(label.sizeHint().height(), self.filter_text.sizeHint().height())
            label.setFixedSize(wide, high)

    def refresh(self) -> None:
        """F5: read everything again (another program, e.g. ``gwgk``, may have changed
        the database)."""
        self.watcher.acknowledge()  # what is read below is what will be shown
        self._forget_restored()
        self.refresh_counts()
        self.model.refresh()
        self._select_item(self.editor.item_id())
        self._show_count()
        QTimer.singleShot(0, self._keep_texts)

    def _keep_texts(self) -> None:
        """When idle: the items' searched texts into memory (again, after a change), so
        that a filter word in nearly every item is answered by reading them
        (``ItemQueries.keep_texts``)."""
        try:
            self.catalogue.items.keep_texts()
        except UserError as error:  # busy just now: the filter asks the index meanwhile
            log.info("search texts not read: %s", error.english or error.message)

    def _first_counts(self) -> None:
        if self.counts_pending:
            self.refresh_counts()

    def refresh_counts(self) -> None:
        self.counts_pending = False
        self.tree_model.update_counts(
            self.catalogue.items.status_counts(),
            self.catalogue.items.count(ItemQuery(deleted=True)),
        )

    def focus_filter(self) -> None:
        self.focus_pane(self.filter_text)
        self.filter_text.selectAll()

    def show_recycle_bin(self) -> None:
        self.tree.setCurrentIndex(self.tree_model.index_of(self.tree_model.bin_filter))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.table.viewport():
            watched.removeEventFilter(self)
            # After this frame: the counts, then the editor page, which the window
            # opened without (the first item opened does not wait for it).
            QTimer.singleShot(0, self._first_counts)
            QTimer.singleShot(0, self.editor.build_page)
            QTimer.singleShot(0, self._keep_texts)
            return False
        if watched is self.filter_text and event.type() == QEvent.Type.KeyPress:
            key = cast(QKeyEvent, event).key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.table.setFocus()
                if self.model.rowCount() and not self.table.currentIndex().isValid():
                    self.table.setCurrentIndex(self.model.index(0, 0))
                return True
            if key == Qt.Key.Key_Escape and self.filter_text.text():
                self.filter_text.clear()
                return True
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ selection
    def _select_item(self, item_id: int | None) -> None:
        """Mark ``item_id``'s row current without opening it again."""
        row = self.model.row_of(item_id) if item_id is not None else -1
        self._reverting = True
        try:
            selection = self.table.selectionModel()
            if row >= 0:
                index = self.model.index(row, 0)
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
            else:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        finally:
            self._reverting = False

    def _current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._reverting:
            return
        item_id = self.model.item_id(current.row())
        if item_id is None or item_id == self.editor.item_id():
            return
        if not self.editor.maybe_leave():
            # Stay on the item being edited.
            QTimer.singleShot(0, lambda: self._select_item(self.editor.item_id()))
            return
        self.open_item(item_id)

    def open_item(self, item_id: int) -> None:
        try:
            self.editor.open_item(item_id)
        except UserError as error:
            show_error(self, self.tr("打开事项"), error)
            self.model.refresh()

    def go_to_item(self, item_id: int) -> bool:
        """Make ``item_id`` the table's current row, which opens it (asking first about
        unsaved changes). False when the current filter does not show it."""
        row = self.model.row_of(item_id)
        if row < 0:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        return self.editor.item_id() == item_id

    def focus_pane(self, widget: QWidget) -> None:
        if not widget.isVisible():
            self._panes_before_chart = None  # asked for: they stay when the chart goes
            self.show_editor_only(False)
        widget.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def show_editor_only(self, editor_only: bool) -> None:
        """The editor alone (a flowchart or a long text wants the room), and back."""
        for pane in (self.tree, self.ui.centerPane):
            pane.setVisible(not editor_only)
        self.menus.editor_only.setChecked(editor_only)

    def toggle_editor_only(self, editor_only: bool) -> None:
        """F11. On the flowchart tab it also says whether that tab should take the whole
        width from now on."""
        if self.editor.chart_showing():
            self.settings.chart_full_width = editor_only
            self._panes_before_chart = None
        self.show_editor_only(editor_only)

    def _chart_shown(self, shown: bool) -> None:
        """The flowchart tab came up or went: the drawing gets the window's width (the
        categories and the list go), and they come back after it."""
        if shown and self.settings.chart_full_width and self._panes_before_chart is None:
            self._panes_before_chart = self.menus.editor_only.isChecked()
            self.show_editor_only(True)
        elif not shown and self._panes_before_chart is not None:
            before, self._panes_before_chart = self._panes_before_chart, None
            self.show_editor_only(before)

    def step_item(self, step: int) -> None:
        """Ctrl+PgDown / Ctrl+PgUp: the next or previous row of the table."""
        if not self.model.rowCount():
            return
        current = self.table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        row = max(0, min(row, self.model.rowCount() - 1))
        self.table.setCurrentIndex(self.model.index(row, max(current.column(), 0)))

    # ------------------------------------------------------------------ items
    def new_item(self, kind: ItemKind) -> None:
        if workflow.can_create(self.actor.role) or not self.editor.maybe_leave():
            return
        spec = self.current_filter()
        category = next((c for c in self.categories if c.id == spec.category_id), None)
        if category is None:
            default_code = {ItemKind.LICENSING: "03", ItemKind.FEE: "04"}.get(kind)
            category = next((c for c in self.categories if c.code == default_code), None)
        self._select_item(None)
        self.editor.new_item(kind, category)

    def _operation_executed(self, changes: OpChanges) -> None:
        """An item changed: the table and the counts show it (and offer to undo a delete)."""
        self.refresh()
        if changes.change is Change.DELETED:
            self._deleted_id = changes.item_id
            self.info_text.setText(fmt(self.tr("已将“%1”移到回收站。"), changes.name))
            self.info_undo.setVisible(True)
            self.info_bar.setVisible(True)
        else:
            self._select_item(changes.item_id)

    def _hide_info(self) -> None:
        self.info_bar.setVisible(False)
        self._deleted_id = None

    def _forget_restored(self) -> None:
        """The item whose delete the info bar offers to undo is back (restored from the
        recycle bin, here or by another program): the offer goes."""
        if self._deleted_id is None:
            return
        try:
            deleted = self.catalogue.items.get(self._deleted_id).deleted
        except UserError:
            deleted = False
        if not deleted:
            self._hide_info()

    def undo_delete(self) -> None:
        item_id = self._deleted_id
        if item_id is None or not self.editor.maybe_leave():
            return

        def done(_none: None) -> OpChanges:
            self._hide_info()
            return OpChanges(Change.RESTORED, item_id)

        restore = self.catalogue.changes.restore
        if self.ops.run(self, self.tr("撤销删除"), lambda: restore(self.actor, item_id), done):
            self.open_item(item_id)
            self.statusBar().showMessage(self.tr("已撤销删除"), 5000)

    # ------------------------------------------------------------------ dialogs
    def open_manual(self) -> None:
        """帮助 → 使用手册 (F1): the guide at the page about what has the focus."""
        from gwgk_desktop.gui.help import open_for_focus

        open_for_focus()

    def switch_operator(self) -> bool:
        if not self.editor.maybe_leave():
            return False
        dialog = LoginDialog(self.db, self)
        if dialog.exec() != LoginDialog.DialogCode.Accepted or dialog.actor is None:
            return False
        self.set_actor(dialog.actor)
        return True

    def logged_in(self, actor: Actor) -> None:
        """The operator whose login the start-up has verified: the window was built for
        ``PENDING_ACTOR`` while the password was checked, and is not shown yet."""
        self.actor = actor
        self.editor.set_actor(actor)
        self._update_permissions()

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        self.editor.set_actor(actor)
        if self.requests is not None:
            self.requests.set_actor(actor)
        self._update_permissions()
        self.actor_changed.emit(actor)
        self.statusBar().showMessage(fmt(self.tr("%1 已登录"), actor.display_name), 5000)

    def reload_reference(self) -> None:
        """A new reference template: categories in the tree, the editor's choices."""
        self.categories = self.catalogue.reference.categories(include_inactive=True)
        self._setup_tree()
        self.refresh_counts()
        self.apply_filters()
        self.editor.reload_reference()

    # ------------------------------------------------------------------ 依申请公开
    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.requests_host:
            self.show_requests()

    def show_requests(self) -> RequestsArea:
        """Open the 依申请公开 tab (building the register the first time)."""
        if self.requests is None:
            # Imported here: the register's print preview brings QtPdf, which start-up
            # does not need.
            from gwgk_desktop.gui.requests.area import RequestsArea

            self.requests = RequestsArea(self.db, self.actor, self.requests_host)
            layout = self.requests_host.layout()
            assert layout is not None
            layout.addWidget(self.requests)
            self.requests.restore_layout(self.settings)
            self.requests.calendar_button.clicked.connect(self.dialogs.edit_calendar)
            self.requests.report_button.clicked.connect(self.dialogs.annual_report)
        if self.tabs.currentWidget() is not self.requests_host:
            self.tabs.setCurrentWidget(self.requests_host)
        return self.requests

    def show_reminder(self, *, only_when_due: bool = False) -> bool:
        """The requests overdue and due within 5 working days; at start-up only when there
        are any. True when the clerk chose to open the register."""
        from gwgk_desktop.gui.requests.reminder import ReminderDialog
        from gwgk_desktop.services.requests import Register

        try:
            reminder = Register(self.db).reminder()
        except UserError as error:
            show_error(self, self.tr("到期提醒"), error)
            return False
        if only_when_due and reminder.empty:
            return False
        dialog = ReminderDialog(reminder, self)
        if run_dialog(dialog) != ReminderDialog.DialogCode.Accepted:
            return False
        area = self.show_requests()
        area.show_only(overdue=bool(reminder.overdue), soon=not reminder.overdue)
        return True

    def startup_checks(self) -> None:
        """After the window is on screen: drafts a crash left behind, then the requests
        that are due or overdue; first, why nothing can be saved, if so."""
        reason = self.read_only_reason()
        if reason is not None:
            QMessageBox.information(self, APP_DISPLAY_NAME, reason)
        self.offer_recovery()
        self.show_reminder(only_when_due=True)

    def reload_from_elsewhere(self) -> None:
        """Another process changed the database: show what is there now (the catalogue
        and, once opened, the request register). An open item without unsaved changes is
        reloaded; an unsaved edit is kept, and the info bar says the item changed (saving
        then reports the conflict)."""
        if self.catalogue.reference.categories(include_inactive=True) != self.categories:
            self.reload_reference()
        profile = station.get_profile(self.db)
        if profile != self.profile:
            self.profile = profile
            self.station_label.setText(profile.name)
            self._set_title()
        self.refresh()
        if self.requests is not None:  # e.g. ``gwgk request add`` or ``answer``
            self.requests.refresh()
        item = self.editor.item
        if item is None or not self.editor.is_open() or self.editor.view_only:
            return
        try:
            current = self.catalogue.items.get(item.id)
        except UserError:
            return
        if (current.revision, current.status, current.updated_at, current.deleted) == (
            item.revision,
            item.status,
            item.updated_at,
            item.deleted,
        ):
            return
        if self.editor.is_dirty():
            self.info_text.setText(
                fmt(
                    self.tr(
                        "“%1”已被其他程序修改（现为第%2版，%3）。您的修改尚未保存，仍保留在编辑区；"
                        "保存时如有冲突会提示。"
                    ),
                    item.name,
                    current.revision,
                    current.status.label,
                )
            )
            self.info_undo.setVisible(False)
            self.info_bar.setVisible(True)
            return
        self.open_item(item.id)
        self.statusBar().showMessage(
            fmt(self.tr("“%1”已被其他程序修改，已重新载入"), current.name), 8000
        )

    def offer_recovery(self) -> bool:
        """Offer the drafts a crashed instance left behind (this operator's). True when
        one was recovered into the editor."""
        drafts = [
            d
            for d in autosave.orphaned_drafts(self.db.path, own=self.drafts)
            if d.operator == self.actor.username
        ]
        if not drafts:
            return False
        dialog = RecoveryDialog(drafts, self)
        if dialog.exec() != RecoveryDialog.DialogCode.Accepted or dialog.chosen is None:
            return False
        draft = dialog.chosen
        if not self.editor.maybe_leave() or not recover(self.editor, draft):
            return False
        autosave.discard(draft)
        self._select_item(self.editor.item_id())
        self.statusBar().showMessage(self.tr("已恢复自动保存的内容，请核对后保存"), 10000)
        return True

    def _restore_layout(self) -> None:
        """The window's size and place, the panes' and columns' widths as the user left
        them (a stored state Qt cannot read leaves the default)."""
        settings = self.settings
        if geometry := settings.window_geometry:
            self.restoreGeometry(geometry)
        for state, target in (
            (settings.window_panes, self.splitter),
            (settings.item_columns, self.table.horizontalHeader()),
        ):
            if state:
                target.restoreState(state)
        # Restored when the editor page and the chart are made.
        self.editor.history_columns = settings.history_columns
        self.editor.chart_panes = settings.chart_panes

    def _save_layout(self) -> None:
        settings = self.settings
        settings.window_geometry = bytes(self.saveGeometry().data())
        if not self.menus.editor_only.isChecked():  # F11 hides two panes: not a layout
            settings.window_panes = bytes(self.splitter.saveState().data())
        settings.item_columns = bytes(self.table.horizontalHeader().saveState().data())
        if self.editor.has_page():  # else they are as they were restored
            history = self.editor.ui.historyTree.header()
            settings.history_columns = bytes(history.saveState().data())
            settings.editor_min_width = self.editor.minimumSizeHint().width()
        if self.editor.has_chart_editor():  # else they are as they were restored
            chart = self.editor.flowchart_editor.splitter
            settings.chart_panes = bytes(chart.saveState().data())
        if self.requests is not None:
            self.requests.save_layout(settings)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.counts_pending:
            # The counts wait for the table's first paint; a table the clerk squeezed to
            # nothing never paints.
            QTimer.singleShot(COUNTS_AT_LATEST_MS, self._first_counts)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.editor.maybe_leave():
            self.watcher.timer.stop()  # the database is closed after the window
            self._save_layout()
            event.accept()
        else:
            event.ignore()
