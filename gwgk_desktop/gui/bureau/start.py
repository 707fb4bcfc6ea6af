"""Starting the bureau mode: at the first start the application asks what this computer is
for (a station's clerk or the city bureau's office); the bureau then chooses its database
(an SQLite file, or a PostgreSQL server) and names its office. The choice is remembered.
``gwgk bureau gui --db …`` opens the bureau window directly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop import APP_DISPLAY_NAME
from gwgk_desktop.bureau.database import BureauDatabase, open_bureau
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.settings import Settings
from gwgk_desktop.paths import default_bureau_database

STATION, BUREAU = "station", "bureau"


class ModeDialog(QDialog):
    """What this computer is for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(fmt_title(self.tr("欢迎使用")))
        intro = QLabel(self.tr("这台电脑用于："), self)
        self.station = QRadioButton(
            self.tr("派出所、所队等单位：录入、审核、公开目录并向市局报送"), self
        )
        self.bureau = QRadioButton(
            self.tr("市局政务公开办公室：接收各单位报送包、检查督促、生成通报"), self
        )
        self.station.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.station)
        group.addButton(self.bureau)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.station)
        layout.addWidget(self.bureau)
        layout.addWidget(buttons)

    def mode(self) -> str:
        return BUREAU if self.bureau.isChecked() else STATION


def fmt_title(text: str) -> str:
    return f"{text} — {APP_DISPLAY_NAME}"


class BureauDatabaseDialog(QDialog):
    """Where the bureau's data lives, and the office's name; opens (creating if new) the
    database on OK and keeps it in ``db``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(fmt_title(self.tr("市局端数据库")))
        self.db: BureauDatabase | None = None
        self.sqlite = QRadioButton(self.tr("本机文件（SQLite，适合单机使用）"), self)
        self.postgresql = QRadioButton(
            self.tr("PostgreSQL 数据库服务器（多人同时使用、单位较多时）"), self
        )
        self.sqlite.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.sqlite)
        group.addButton(self.postgresql)
        self.path = QLineEdit(str(default_bureau_database()), self)
        self.browse = QPushButton(self.tr("选择…"), self)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("postgresql://user:password@host/gwgk")
        self.office = QLineEdit(self.tr("市公安局政务公开办公室"), self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "error")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.open)
        buttons.rejected.connect(self.reject)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.sqlite)
        form.addRow(self.tr("文件："), file_row)
        form.addRow(self.postgresql)
        form.addRow(self.tr("地址："), self.url)
        form.addRow(self.tr("发文机关："), self.office)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.browse.clicked.connect(self._browse)
        self.sqlite.toggled.connect(self._mode_changed)
        self._mode_changed()

    def _mode_changed(self) -> None:
        local = self.sqlite.isChecked()
        self.path.setEnabled(local)
        self.browse.setEnabled(local)
        self.url.setEnabled(not local)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("市局端数据库文件"), self.path.text(), self.tr("数据库 (*.sqlite)")
        )
        if chosen:
            self.path.setText(chosen)

    def target(self) -> str:
        return self.path.text().strip() if self.sqlite.isChecked() else self.url.text().strip()

    def open(self) -> None:
        target = self.target()
        if not target:
            self.message.setText(self.tr("请填写数据库文件或服务器地址"))
            return
        try:
            if self.sqlite.isChecked():
                Path(target).expanduser().parent.mkdir(parents=True, exist_ok=True)
            db = open_bureau(target, create=True)
            if self.office.text().strip():
                db.set_office(self.office.text())
        except (UserError, OSError) as error:
            self.message.setText(str(error))
            return
        self.db = db
        self.accept()


def chosen_mode(settings: Settings, first_start: bool) -> str | None:
    """The mode remembered, else (at a first start) asked; None when the user closed the
    question."""
    if settings.app_mode:
        return settings.app_mode
    if not first_start:
        return STATION
    dialog = ModeDialog()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    settings.app_mode = dialog.mode()
    return dialog.mode()


def open_remembered(settings: Settings) -> BureauDatabase | None:
    """The bureau database this computer uses: the remembered one, else chosen now."""
    if settings.bureau_database:
        try:
            return open_bureau(settings.bureau_database, create=True)
        except UserError as error:
            QMessageBox.warning(None, APP_DISPLAY_NAME, error.message)  # type: ignore[arg-type]
    dialog = BureauDatabaseDialog()
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.db is None:
        return None
    settings.bureau_database = dialog.target()
    return dialog.db


def run_bureau(
    db: BureauDatabase | None,
    target: str | None = None,
    *,
    quit_after_ms: int | None = None,
    screenshot: Path | None = None,
    settings: Settings | None = None,
) -> int:
    """Open the bureau window on ``db`` (or the database at ``target``, or the one this
    computer uses) and run the application."""
    from gwgk_desktop.gui.application import make_application, save_screenshot
    from gwgk_desktop.gui.bureau.window import BureauWindow

    app = make_application()
    if db is None:
        try:
            db = (
                open_bureau(target, create=True)
                if target
                else open_remembered(settings or Settings())
            )
        except UserError as error:
            QMessageBox.critical(None, APP_DISPLAY_NAME, error.message)  # type: ignore[arg-type]
            return error.exit_code
    if db is None:
        return 0
    try:
        window = BureauWindow(db)
        window.show()
        if screenshot is not None:
            QTimer.singleShot(quit_after_ms or 500, lambda: save_screenshot(screenshot))
        elif quit_after_ms is not None:
            QTimer.singleShot(quit_after_ms, window.close)
        return app.exec()
    finally:
        db.close()
