"""Application start-up: QApplication, Chinese translations for Qt's own dialogs, opening
the database (with a clear message when it cannot be opened) and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from gwgk_desktop import APP_DISPLAY_NAME, APP_NAME, __version__
from gwgk_desktop.errors import UserError
from gwgk_desktop.store.database import open_database


def install_translations(app: QApplication) -> list[QTranslator]:
    """Qt's own strings (OK/Cancel, file dialogs) in Chinese; returned so they stay alive."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translators = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN",):
        translator = QTranslator(app)
        if translator.load(name, qt_dir):
            app.installTranslator(translator)
            translators.append(translator)
    return translators


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("gwgk")
    install_translations(app)
    return app


def run(db_path: Path, quit_after_ms: int | None = None, screenshot: Path | None = None) -> int:
    """Open the main window on ``db_path``. ``quit_after_ms`` closes it again (smoke
    tests); ``screenshot`` saves a picture of it and closes it (headless machines)."""
    from gwgk_desktop.gui.main_window import MainWindow

    app = make_application()
    try:
        db = open_database(db_path, create=True)
    except UserError as error:
        QMessageBox.critical(None, APP_DISPLAY_NAME, error.message)
        return error.exit_code
    window = MainWindow(db)
    window.show()
    if screenshot is not None:

        def grab() -> None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            window.grab().save(str(screenshot))
            print(f"已保存截图：{screenshot}")
            window.close()

        QTimer.singleShot(quit_after_ms or 300, grab)
    elif quit_after_ms is not None:
        QTimer.singleShot(quit_after_ms, window.close)
    try:
        return app.exec()
    finally:
        db.close()
