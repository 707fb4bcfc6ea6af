"""Windows and dialogs that fit the screen they open on: the stations' laptops and
all-in-ones have 1366×768, where a window sized for a larger screen opens with its lower
edge, buttons and status bar out of reach.

``fit_size`` gives a dialog its preferred size, or what the screen has room for;
``place_main_window`` opens the main window at its preferred size on a large screen and
maximised on a small one.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room left around a dialog for the window frame and title bar (the frame is not part of
#: a widget's size before it is shown).
FRAME = QSize(16, 48)


def available(widget: QWidget | None = None) -> QRect:
    """The part of the screen ``widget`` is on (else the primary screen) that windows may
    use: without task bars and docks."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def room(widget: QWidget | None = None) -> QSize:
    """The largest size a window's contents can have on ``widget``'s screen."""
    return available(widget).size() - FRAME


def fit_size(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, or smaller to fit its screen."""
    limit = room(widget.parentWidget() or widget)
    widget.resize(min(width, limit.width()), min(height, limit.height()))


def place_main_window(window: QWidget, preferred: QSize) -> None:
    """``preferred`` size when the screen has room for it (centred), else maximised."""
    area = available(window)
    if preferred.width() + FRAME.width() > area.width() or (
        preferred.height() + FRAME.height() > area.height()
    ):
        window.resize(area.size() - FRAME)  # the size it returns to from maximised
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return
    window.resize(preferred)
    frame = QRect(0, 0, preferred.width(), preferred.height())
    frame.moveCenter(area.center())
    window.move(frame.topLeft())
