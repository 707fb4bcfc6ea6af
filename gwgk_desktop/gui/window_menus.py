"""The workbench's menu bar and its actions (with their shortcuts): 文件 (with the Excel/WPS
sheets), 编辑, 审核, 转到, 单位, 依申请公开, 输出, 帮助 (使用手册, 关于). The review steps
and delete are the editor's own actions (``gui.editor.review_actions``), so menu and buttons
never disagree. Which actions the
operator may use follows ``update_permissions``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.enums import ItemKind, Role
from gwgk_desktop.domain.models import Actor

if TYPE_CHECKING:
    from gwgk_desktop.gui.main_window import MainWindow

Keys = QKeySequence


class WindowMenus(QObject):
    """Builds the menu bar of ``window``; its actions are attributes of this object."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        editor = window.editor
        bar = window.menuBar()

        self.file_menu = self._menu(bar.addMenu(self.tr("文件(&F)")))
        self.new_catalogue = self._add(
            self.file_menu,
            self.tr("新建目录事项(&N)"),
            lambda: window.new_item(ItemKind.CATALOGUE),
            "newCatalogue",
            Keys(Keys.StandardKey.New),
        )
        self.new_licensing = self._add(
            self.file_menu,
            self.tr("新建许可审批事项(&L)"),
            lambda: window.new_item(ItemKind.LICENSING),
            "newLicensing",
            Keys("Ctrl+Shift+N"),
        )
        self.new_fee = self._add(
            self.file_menu,
            self.tr("新建收费事项(&M)"),
            lambda: window.new_item(ItemKind.FEE),
            "newFee",
            Keys("Ctrl+Shift+M"),
        )
        self.file_menu.addSeparator()
        self.save = self._add(
            self.file_menu, self.tr("保存(&S)"), editor.save, "save", Keys(Keys.StandardKey.Save)
        )
        self.file_menu.addSeparator()
        self.import_sheet = self._add(
            self.file_menu,
            self.tr("从 Excel/WPS 导入(&I)…"),
            window.dialogs.import_sheet,
            "importSheet",
        )
        self.export_sheet = self._add(
            self.file_menu, self.tr("导出为 Excel(&X)…"), window.dialogs.export_sheet, "exportSheet"
        )
        self.blank_sheet = self._add(
            self.file_menu,
            self.tr("保存空白目录表(&T)…"),
            window.dialogs.save_blank_sheet,
            "blankSheet",
        )
        self.file_menu.addSeparator()
        self.switch_user = self._add(
            self.file_menu, self.tr("切换操作员(&U)…"), window.switch_operator, "switchOperator"
        )
        self.quit = self._add(
            self.file_menu, self.tr("退出(&X)"), window.close, "quit", Keys("Ctrl+Q")
        )

        self.edit_menu = self._menu(bar.addMenu(self.tr("编辑(&E)")))
        self.undo = editor.undo_stack.createUndoAction(window, self.tr("撤销"))
        self.undo.setShortcuts([Keys(Keys.StandardKey.Undo)])
        self.redo = editor.undo_stack.createRedoAction(window, self.tr("重做"))
        self.redo.setShortcuts([Keys("Ctrl+Y"), Keys("Ctrl+Shift+Z")])
        for action in (self.undo, self.redo):
            # The keys undo the item's edits only where the item is: not on the
            # 依申请公开 tab, where they would change it unseen.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            window.workbench.addAction(action)
        self.edit_menu.addActions([self.undo, self.redo])
        self.edit_menu.addSeparator()
        self.find = self._add(
            self.edit_menu,
            self.tr("查找(&F)"),
            window.focus_filter,
            "find",
            Keys(Keys.StandardKey.Find),
        )
        self.delete = editor.item_actions.delete
        self.edit_menu.addAction(self.delete)
        self.recycle = self._add(
            self.edit_menu, self.tr("打开回收站(&B)"), window.show_recycle_bin, "recycleBin"
        )

        self.review_menu = self._menu(bar.addMenu(self.tr("审核(&R)")))
        self.review = editor.item_actions.steps
        self.review_menu.addActions(list(self.review.values()))

        go_menu = bar.addMenu(self.tr("转到(&G)"))
        self.next = self._add(
            go_menu,
            self.tr("下一个事项"),
            lambda: window.step_item(1),
            "nextItem",
            Keys("Ctrl+PgDown"),
        )
        self.previous = self._add(
            go_menu,
            self.tr("上一个事项"),
            lambda: window.step_item(-1),
            "previousItem",
            Keys("Ctrl+PgUp"),
        )
        go_menu.addSeparator()
        self.refresh = self._add(
            go_menu, self.tr("刷新"), window.refresh, "refresh", Keys(Keys.StandardKey.Refresh)
        )
        self.editor_only = self._add(
            go_menu, self.tr("只显示编辑区"), window.toggle_editor_only, "editorOnly", Keys("F11")
        )
        self.editor_only.setCheckable(True)
        self.editor_only.setToolTip(self.tr("隐藏分类和列表，给流程图和长文本更多地方"))
        go_menu.addSeparator()
        self._add(
            go_menu, self.tr("分类"), lambda: window.focus_pane(window.tree), "", Keys("Ctrl+1")
        )
        self._add(
            go_menu,
            self.tr("事项列表"),
            lambda: window.focus_pane(window.table),
            "",
            Keys("Ctrl+2"),
        )
        self._add(go_menu, self.tr("编辑区"), editor.focus_first_field, "", Keys("Ctrl+3"))

        self.station_menu = self._menu(bar.addMenu(self.tr("单位(&S)")))
        self.station = self._add(
            self.station_menu, self.tr("单位信息(&I)…"), window.dialogs.edit_station, "stationInfo"
        )
        self.operators = self._add(
            self.station_menu, self.tr("操作员(&O)…"), window.dialogs.edit_operators, "operators"
        )
        self.station_menu.addSeparator()
        self.keys = self._add(
            self.station_menu, self.tr("签名密钥(&K)…"), window.dialogs.manage_keys, "signingKey"
        )
        self.template = self._add(
            self.station_menu,
            self.tr("导入参考范本(&T)…"),
            window.dialogs.import_template,
            "importTemplate",
        )

        self.requests_menu = self._menu(bar.addMenu(self.tr("依申请公开(&Q)")))
        self.register = self._add(
            self.requests_menu,
            self.tr("登记册(&L)"),
            window.show_requests,
            "requestRegister",
            Keys("Ctrl+Shift+L"),
        )
        self.new_request = self._add(
            self.requests_menu,
            self.tr("登记申请(&N)…"),
            lambda: window.show_requests().new_request(),
            "newRequest",
            Keys("Ctrl+Shift+R"),
        )
        self.reminder = self._add(
            self.requests_menu, self.tr("到期提醒(&D)…"), window.show_reminder, "requestReminder"
        )
        self.requests_menu.addSeparator()
        self.calendar = self._add(
            self.requests_menu,
            self.tr("工作日历(&C)…"),
            window.dialogs.edit_calendar,
            "workCalendar",
        )
        self.report = self._add(
            self.requests_menu,
            self.tr("年度报告(&A)…"),
            window.dialogs.annual_report,
            "annualReport",
        )

        self.output_menu = self._menu(bar.addMenu(self.tr("输出(&O)")))
        self.print = self._add(
            self.output_menu,
            self.tr("打印与预览(&P)…"),
            window.dialogs.print_documents,
            "print",
            Keys(Keys.StandardKey.Print),
        )
        self.export = self._add(
            self.output_menu,
            self.tr("导出报送包(&E)…"),
            window.dialogs.export_package,
            "exportPackage",
            Keys("Ctrl+Shift+E"),
        )

        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        # F1 here is the workbench's; every other window gets its own (gui.help).
        self.manual = self._add(
            help_menu, self.tr("使用手册(&M)"), window.open_manual, "userGuide", Keys("F1")
        )
        help_menu.addSeparator()
        self.about = self._add(help_menu, self.tr("关于(&A)"), window.dialogs.about, "about")

    @staticmethod
    def _menu(menu: QMenu) -> QMenu:
        menu.setToolTipsVisible(True)  # disabled actions say why
        return menu

    def _add(
        self, menu: QMenu, text: str, slot: Callable[..., object], name: str, *shortcuts: Keys
    ) -> QAction:
        action = QAction(text, self.window)
        if shortcuts:
            action.setShortcuts(list(shortcuts))
        action.triggered.connect(slot)
        if name:
            action.setObjectName(name)
        menu.addAction(action)
        return action

    def update_permissions(self, actor: Actor) -> None:
        """Creating items is for editors; station, operators and template for admins."""
        reason = workflow.can_create(actor.role)
        for action in (self.new_catalogue, self.new_licensing, self.new_fee, self.import_sheet):
            action.setEnabled(reason is None)
            action.setToolTip(reason or "")
        admin = actor.role is Role.ADMIN
        for action in (self.station, self.operators, self.template):
            action.setEnabled(admin)
            action.setToolTip("" if admin else self.tr("只有管理员可以使用"))
