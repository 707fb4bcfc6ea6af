"""The GUI part of ``gwgk self-test``: can this installation start Qt, load its platform
plugin and Chinese translations, and build the main window over a database? Also reads the
self-test's PDFs back as text with QtPdf (the same engine as the print preview).

Runs in the self-test's own process on the offscreen platform, so it works on a machine
without a display and shows nothing on one with a display.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import (
    QCollator,
    QCoreApplication,
    QLocale,
    QSettings,
    QStringDecoder,
    QTranslator,
    qVersion,
)
from PySide6.QtWidgets import QApplication

from gwgk_desktop.domain.models import Actor
from gwgk_desktop.gui.failures import qt_log
from gwgk_desktop.gui.settings import Settings
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.store.database import open_database

#: Two words in pinyin order, 北京 (bei) before 上海 (shang), which code point order would
#: reverse: data for the collation check, never shown.
PINYIN_SAMPLES = ("北京", "上海")


#: What the offscreen platform says about a window's minimum size (it has no window manager
#: to tell): not a problem of the installation.
OFFSCREEN_NOTICE = "This plugin does not support propagateSizeHints()"


class _Dropping(logging.Filter):
    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != self.message


@contextmanager
def _without(message: str) -> Iterator[None]:
    """Qt's log without ``message`` while the block runs."""
    dropping = _Dropping(message)
    qt_log.addFilter(dropping)
    try:
        yield
    finally:
        qt_log.removeFilter(dropping)


def _application() -> QApplication:
    from gwgk_desktop.gui.application import make_application

    if QApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return make_application()


def pdf_text(path: Path) -> list[str]:
    """The text of each page of the PDF ``path``, as QtPdf extracts it."""
    from PySide6.QtPdf import QPdfDocument

    _application()
    document = QPdfDocument()
    try:
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_:
            raise RuntimeError(
                fmt(
                    QCoreApplication.translate("SelfCheck", "无法读取 PDF %1：%2"),
                    path.name,
                    error.name,
                )
            )
        return [document.getAllText(page).text() for page in range(document.pageCount())]
    finally:
        document.close()


def check_main_window(db_path: Path) -> str:
    """Build and render the main window on ``db_path``; return what was checked."""
    from gwgk_desktop.gui.main_window import MainWindow

    app = _application()
    if not app.findChildren(QTranslator):
        raise RuntimeError(
            QCoreApplication.translate(
                "SelfCheck", "没有找到 Qt 的中文翻译（qtbase_zh_CN.qm），对话框按钮将显示英文"
            )
        )
    _check_chinese_text_support()
    # The window's settings go beside the test database, not into the user's.
    settings = Settings(QSettings(str(db_path.with_suffix(".ini")), QSettings.Format.IniFormat))
    with open_database(db_path) as db:
        window = MainWindow(db, Actor.system(), settings=settings)
        try:
            # Rendering without show(): the offscreen platform warns about window-manager
            # hints on show, which is noise here. The window on the offscreen platform's
            # small screen is made maximised (so it exists before it is shown), and laying it
            # out then gives it a minimum size, which the platform cannot pass on either.
            with _without(OFFSCREEN_NOTICE):
                picture = window.grab()
            if picture.isNull() or picture.width() < 100:
                raise RuntimeError(QCoreApplication.translate("SelfCheck", "主窗口无法绘制"))
            title = window.windowTitle()
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
    return fmt(
        QCoreApplication.translate(
            "SelfCheck", "Qt %1，平台插件 %2，中文翻译、拼音排序、GB18030 正常，主窗口“%3”%4×%5"
        ),
        qVersion(),
        app.platformName(),
        title,
        picture.width(),
        picture.height(),
    )


def _check_chinese_text_support() -> None:
    """Qt's Chinese collation and GB18030 come from ICU's data, which the Linux bundle
    ships cut down to the languages the app uses: prove the parts we rely on are there."""
    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    first, second = PINYIN_SAMPLES
    if collator.compare(first, second) >= 0:
        raise RuntimeError(
            QCoreApplication.translate("SelfCheck", "中文按拼音排序不可用（ICU 排序数据缺失）")
        )
    # Not built into Qt: a valid decoder means ICU opened its GB18030 converter data.
    if not QStringDecoder("GB18030").isValid():
        raise RuntimeError(
            QCoreApplication.translate("SelfCheck", "GB18030 编码转换不可用（ICU 转换数据缺失）")
        )
