"""The main window. For now a frame with the station in the title and the status bar; the
workbench (category tree, item table, editor) lands with the GUI issue."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from gwgk_desktop import APP_DISPLAY_NAME
from gwgk_desktop.services import station
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import Database


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(APP_DISPLAY_NAME)
        self.resize(1200, 800)
        if station.is_initialized(db):
            profile = station.get_profile(db)
            self.setWindowTitle(f"{profile.name} — {APP_DISPLAY_NAME}")
            count = Catalogue(db).count()
            text = self.tr("%1：共 %2 个事项").replace("%1", profile.name).replace("%2", str(count))
        else:
            text = self.tr("尚未建立单位信息")
        label = QLabel(text)
        label.setMargin(24)
        self.setCentralWidget(label)
        self.statusBar().showMessage(str(db.path))
