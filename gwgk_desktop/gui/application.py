"""The QApplication as every entry point makes it: our translations and Qt's own in Chinese
(OK/Cancel, file dialogs), the style sheet and icon, and garbage collection on the GUI
thread; and ``save_screenshot`` (a picture of whatever window is on screen) with
``save_picture`` (one of a given widget). Nothing here
knows about particular windows, so any part of the GUI may import it.

Qt's dialogs are Chinese through three things: Qt's own ``qtbase_zh_CN.qm`` (from the
PySide6 wheel; the bundle keeps it), ``qt_extra_zh_CN.qm`` for the few strings Qt's
translation leaves in English (the file dialog's "Folder"), and dates and file sizes in
the file dialog, which Qt formats by the *system* locale: on a computer set to another
language Qt is told the system locale is Chinese (``chinese_system_locale``), without
changing the locale of anything else in the process.
"""

from __future__ import annotations

import locale
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from gwgk_desktop import APP_DISPLAY_NAME, APP_NAME, __version__
from gwgk_desktop.gui import failures, gc_guard, help_keys
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.paths import resource

log = logging.getLogger(__name__)

# The shipped language; our own strings are written in it and the .qm carries them.
LANGUAGE = "zh_CN"


def install_translations(app: QApplication) -> list[QTranslator]:
    """Our strings and Qt's own (OK/Cancel, file dialogs) in Chinese; returned so the
    translators stay alive as long as the application."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translators = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = str(resource("translations"))
    sources = [
        (f"qtbase_{LANGUAGE}", qt_dir),
        (f"qt_extra_{LANGUAGE}", ours),
        (f"gwgk_{LANGUAGE}", ours),
    ]
    for name, folder in sources:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            translators.append(translator)
        else:
            log.warning("translation %s not found in %s", name, folder)
    return translators


#: The environment variables Qt reads the system locale from for dates (the file dialog's
#: 修改日期) and messages (its file sizes, "字节"); LC_ALL overrides both.
LOCALE_VARIABLES = ("LC_ALL", "LC_TIME", "LC_MESSAGES")
CHINESE_LOCALE = "zh_CN.UTF-8"


@contextmanager
def chinese_system_locale() -> Iterator[None]:
    """While the QApplication is made, Qt reads a Chinese system locale; the environment
    and the C library's locale are put back after (error texts, Python's ``locale``)."""
    saved = {name: os.environ.get(name) for name in LOCALE_VARIABLES}
    env = os.environ
    chinese = all(
        (env.get("LC_ALL") or env.get(name) or env.get("LANG") or "C").startswith("zh")
        for name in ("LC_TIME", "LC_MESSAGES")
    )
    if not chinese:
        for name in LOCALE_VARIABLES:
            if name != "LC_ALL" or saved[name]:
                os.environ[name] = CHINESE_LOCALE
    try:
        yield
        QLocale.system()  # Qt reads the environment now, once
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if not chinese:
            try:  # what Qt set from the environment it saw, set again from the real one
                locale.setlocale(locale.LC_ALL, "")
            except locale.Error:
                locale.setlocale(locale.LC_ALL, "C")


def install_style(app: QApplication) -> None:
    sheet = resource("style", "app.qss")
    if sheet.is_file():
        app.setStyleSheet(sheet.read_text(encoding="utf-8"))
    icon = resource("icons", "app.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))


def open_guide() -> None:
    """F1: the user guide at the page about what has the focus."""
    # Imported when F1 is first pressed: the viewer, its pages and the PDF reader behind
    # them are no part of start-up.
    from gwgk_desktop.gui.help import open_for_focus

    open_for_focus()


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    with chinese_system_locale():
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("gwgk")
    install_translations(app)  # parented to the app, so they live as long as it
    install_style(app)
    help_keys.install(app, open_guide)  # F1: the user guide, everywhere
    gc_guard.install(app)
    failures.install_qt_messages()
    return app


def save_picture(widget: QWidget, path: Path) -> bool:
    """Save a picture of ``widget`` to ``path`` (its folder made when missing) and say so on
    standard output; when it cannot be written, say that on standard error instead and
    return False (a script that asked for the picture must not be told it has one)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        saved = widget.grab().save(str(path))
    except OSError:
        saved = False
    if saved:
        print(fmt(QCoreApplication.translate("App", "已保存截图：%1"), path))
    else:
        print(fmt(QCoreApplication.translate("App", "无法保存截图：%1"), path), file=sys.stderr)
    return saved


def save_screenshot(path: Path) -> None:
    """Save the dialog or window on screen to ``path`` and close it; when the picture
    cannot be written the application ends with exit code 1 (after closing the window
    as usual, so a script never waits for a window nobody sees)."""
    target = QApplication.activeModalWidget() or next(
        (w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()), None
    )
    if target is None:
        return
    saved = save_picture(target, path)
    if isinstance(target, QDialog):
        target.reject()
    else:
        target.close()
    if not saved:
        QCoreApplication.exit(1)
