"""F1 everywhere: the key that opens the user guide (``gui.help``) at the page about what
has the focus. Installed with the application; the guide's viewer, its pages and the PDF
reader behind them are imported only when F1 is first pressed (start-up does not need
them)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from gwgk_desktop.gui.help import HelpViewer


class HelpKeys(QObject):
    """Application-wide F1: every window (the workbench, each dialog, modal or not, the
    viewer) gets an F1 shortcut of its own the first time something in it takes the focus;
    it opens the guide at the page about what has the focus. A window whose own action
    has F1 (the workbench's 帮助 → 使用手册) keeps that one (two would be ambiguous).

    Not an application-wide event filter: that would run Python for every event of the
    application; the focus changes are few."""

    def __init__(self, app: QApplication, opener: Callable[[], object]) -> None:
        super().__init__(app)
        self.opener = opener
        self.viewers: dict[int, HelpViewer] = {}
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None:
            return
        window = new.window()
        if window.property(_EQUIPPED):
            return
        window.setProperty(_EQUIPPED, True)
        actions: list[QAction] = list(window.findChildren(QAction))
        if any(F1 in action.shortcuts() for action in actions):
            return
        shortcut = QShortcut(F1, window)
        shortcut.setObjectName("helpShortcut")
        shortcut.activated.connect(self.opener)


# The key, and the property that marks a window as having it.
F1 = QKeySequence(Qt.Key.Key_F1)
_EQUIPPED = "gwgkHelpKey"


_KEYS: list[HelpKeys] = []


def install(app: QApplication, opener: Callable[[], object]) -> HelpKeys:
    """F1 for the whole application (once): ``opener`` opens the guide at the page about
    what has the focus (``help.open_for_focus``, which imports this module)."""
    if not _KEYS:
        _KEYS.append(HelpKeys(app, opener))
    return _KEYS[0]


def help_keys() -> HelpKeys | None:
    return _KEYS[0] if _KEYS else None
