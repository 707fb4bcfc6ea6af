"""The bureau's main window: tabs for the stations' reporting, the city-wide catalogue,
intake, the key registry and the reporting rounds; menus and a toolbar for the notice and
the catalogue export. A change on one page (packages taken in, a key or round changed)
refreshes the others."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from gwgk_desktop import APP_DISPLAY_NAME, __version__
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.gui.bureau.catalogues import CityCataloguePage, StationCatalogueDialog
from gwgk_desktop.gui.bureau.intake_page import IntakePage
from gwgk_desktop.gui.bureau.outputs import (
    NoticeDialog,
    export_city_catalogue,
    preview_city_catalogue,
)
from gwgk_desktop.gui.bureau.registry_pages import KeysPage, RoundsPage
from gwgk_desktop.gui.bureau.stations import StationsPage
from gwgk_desktop.gui.requests.document_dialog import DocumentDialog
from gwgk_desktop.gui.text import fmt


class BureauWindow(QMainWindow):
    def __init__(self, db: BureauDatabase, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(fmt(self.tr("%1 — 市局端 — %2"), db.office(), APP_DISPLAY_NAME))
        self.resize(1366, 768)
        self.tabs = QTabWidget(self)
        self.stations = StationsPage(db, self)
        self.city = CityCataloguePage(db, self)
        self.intake = IntakePage(db, self)
        self.keys = KeysPage(db, self)
        self.rounds = RoundsPage(db, self)
        self.tabs.addTab(self.stations, self.tr("各单位报送情况"))
        self.tabs.addTab(self.city, self.tr("全市目录"))
        self.tabs.addTab(self.intake, self.tr("接收报送包"))
        self.tabs.addTab(self.keys, self.tr("密钥登记"))
        self.tabs.addTab(self.rounds, self.tr("报送轮次"))
        self.setCentralWidget(self.tabs)
        self.dialogs: list[QDialog] = []
        self._actions()
        self.statusBar().addWidget(QLabel(fmt(self.tr("数据库：%1"), db.label), self.statusBar()))

        self.intake.changed.connect(self.refresh)
        self.keys.changed.connect(self.refresh)
        self.rounds.changed.connect(self.stations.fill_rounds)
        self.stations.open_station.connect(self.open_station)

    def _actions(self) -> None:
        def action(text: str, slot: object, shortcut: str | None = None) -> QAction:
            made = QAction(text, self)
            made.triggered.connect(slot)
            if shortcut:
                made.setShortcut(QKeySequence(shortcut))
            return made

        self.take_folder = action(self.tr("从文件夹接收（U盘）…"), self._take_folder, "Ctrl+O")
        self.take_files = action(self.tr("选择报送包文件…"), self._take_files)
        self.notice_action = action(self.tr("生成通报…"), self.open_notice, "Ctrl+P")
        self.export_action = action(self.tr("导出全市目录…"), self.export_catalogue, "Ctrl+E")
        self.print_catalogue_action = action(self.tr("打印全市目录…"), self.print_catalogue)
        self.refresh_action = action(self.tr("刷新"), self.refresh, "F5")
        quit_action = action(self.tr("退出"), self.close, "Ctrl+Q")
        self.manual_action = action(self.tr("使用手册(&M)"), self.open_manual, "F1")
        about = action(self.tr("关于"), self._about)
        file_menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        intake_menu = self.menuBar().addMenu(self.tr("接收(&I)"))
        intake_menu.addAction(self.take_folder)
        intake_menu.addAction(self.take_files)
        output_menu = self.menuBar().addMenu(self.tr("输出(&O)"))
        output_menu.addAction(self.notice_action)
        output_menu.addAction(self.export_action)
        output_menu.addAction(self.print_catalogue_action)
        help_menu = self.menuBar().addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.manual_action)
        help_menu.addAction(about)
        toolbar = self.addToolBar(self.tr("常用"))
        toolbar.setObjectName("bureauToolbar")
        for item in (self.take_folder, self.notice_action, self.export_action, self.refresh_action):
            toolbar.addAction(item)

    def refresh(self) -> None:
        """Re-read everything (after an intake, a registry change, or F5)."""
        self.stations.fill_rounds()
        self.city.fill_choices()
        self.keys.refresh()
        self.intake.fill_rejections()

    def _take_folder(self) -> None:
        self.tabs.setCurrentWidget(self.intake)
        self.intake.choose_folder()

    def _take_files(self) -> None:
        self.tabs.setCurrentWidget(self.intake)
        self.intake.choose_files()

    def open_station(self, org_code: str) -> StationCatalogueDialog:
        dialog = StationCatalogueDialog(self.db, org_code, self)
        self._keep(dialog)
        dialog.show()
        return dialog

    def open_notice(self) -> NoticeDialog:
        dialog = NoticeDialog(self.db, self)
        self._keep(dialog)
        dialog.show()
        return dialog

    def _keep(self, dialog: QDialog) -> None:
        """Keep a modeless dialog referenced until it is closed."""
        self.dialogs.append(dialog)
        dialog.finished.connect(
            lambda _r, d=dialog: self.dialogs.remove(d) if d in self.dialogs else None
        )

    def export_catalogue(self) -> None:
        export_city_catalogue(self.db, self)

    def print_catalogue(self) -> DocumentDialog:
        """Every station's catalogue in the preview, to print (or save as PDF)."""
        return preview_city_catalogue(self.db, self)

    def open_manual(self) -> None:
        """帮助 → 使用手册 (F1): the guide at the page about what has the focus (the
        bureau's page, unless a screen of the station's has its own)."""
        from gwgk_desktop.gui.help import open_for_focus

        open_for_focus()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("关于"),
            fmt(
                self.tr("%1 %2（市局端）\n接收各单位的签名报送包，检查报送和完成情况，生成通报。"),
                APP_DISPLAY_NAME,
                __version__,
            ),
        )
