"""Keystrokes into the item filter of the real window, each timed to the frame that shows
its result (``speed.py``'s filter row, ``gui_bench.py``).

What a clerk types (``TYPED``, about 90 keystrokes a round): words of names and contents
as an input method commits them (a character or a word at a time), a 索引号 digit by
digit (its first digits are in every item: the largest results), two words with a space,
a typo matching nothing; everything typed is erased again with Backspace, one key at a
time. Only keystrokes that change the filter's text are in it (an input method's
composing keystrokes only repaint the line).

One keystroke is timed from the moment its event is sent until the window's frame with
its result is painted: Qt paints from a posted request, and an item view lays itself out
from a timer first, so one ``processEvents`` call is not always enough; events are
processed until a frame has been painted and one more round paints nothing. Per
keystroke the wall time and the GUI thread's CPU time (which a busy machine disturbs far
less) are kept.

The window is the one ``gwgk gui`` shows (``gui.app.run`` with the automatic login), on
the screen the process has, with the item first in the table open in the editor as a
clerk's window usually has one.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QLineEdit

    from gwgk_desktop.gui.main_window import MainWindow

BACK = "\b"
TYPED = ["户", "籍", "登", "记"] + [BACK] * 4
TYPED += ["身份证"] + [BACK] * 3 + ["诈骗", "宣传"] + [BACK] * 4
TYPED += list("2026-0012") + [BACK] * 9 + list("jk") + [BACK] * 2
TYPED += ["行政许可", "实施"] + [BACK] * 6
TYPED += ["朝阳", "社区", " ", "收费"] + [BACK] * 7
TYPED += ["警", "情", "通", "报"] + [BACK] * 4
TYPED += list("2026-1") + [BACK] * 6 + ["第", "3", "批"] + [BACK] * 3


def press(line: QLineEdit, key: str) -> None:
    """One keystroke into ``line``: Backspace, an ASCII key, or an input method's commit."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    if key == BACK:
        QTest.keyClick(line, Qt.Key.Key_Backspace)
    elif key.isascii():
        QTest.keyClicks(line, key)
    else:
        event = QInputMethodEvent("", [])
        event.setCommitString(key)
        QApplication.sendEvent(line, event)


class FrameWatch:
    """Counts the frames (``UpdateRequest``: the window repaints and flushes what
    changed) of one window, with an event filter on that window only."""

    def __init__(self, window: MainWindow) -> None:
        from PySide6.QtCore import QEvent, QObject

        watch = self

        class Filter(QObject):
            def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.UpdateRequest:
                    watch.frames += 1
                return False

        self.frames = 0
        self._filter = Filter(window)
        window.installEventFilter(self._filter)

    def settle(self, application: QApplication) -> None:
        """Process events until a frame has been painted and a further round paints
        nothing more (at most 100 rounds)."""
        painted = False
        for _ in range(100):
            before = self.frames
            application.processEvents()
            if self.frames == before and painted:
                return
            painted = painted or self.frames != before


def type_rounds(
    application: QApplication, window: MainWindow, rounds: int
) -> dict[str, list[float]]:
    """``TYPED`` once to warm up (as a clerk's second search is), then ``rounds`` times
    timed: per keystroke the wall and GUI-thread CPU milliseconds."""
    line = window.filter_text
    line.setFocus()
    frames = FrameWatch(window)
    wall: list[float] = []
    cpu: list[float] = []
    for round_ in range(rounds + 1):
        for key in TYPED:
            w0, c0 = time.perf_counter(), time.thread_time()
            press(line, key)
            frames.settle(application)
            if round_:
                cpu.append((time.thread_time() - c0) * 1000)
                wall.append((time.perf_counter() - w0) * 1000)
        if line.text():
            raise AssertionError(f"a round erases what it typed, not {line.text()!r}")
    return {"wall": wall, "cpu": cpu}


def session(db: Path, username: str, rounds: int) -> dict[str, Any]:
    """Start the GUI as ``gwgk --db DB gui --user USERNAME`` does (the password in
    ``GWGK_PASSWORD``), wait until the window has settled after its first frame (the
    tree's counts, the editor's page), open the first item, type ``rounds`` rounds of
    ``TYPED``, close the window. The timings, the rows and the window's size."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from gwgk_desktop.gui import app as gui_app
    from gwgk_desktop.gui.application import make_application
    from gwgk_desktop.gui.main_window import MainWindow

    application = make_application()
    result: dict[str, Any] = {}

    def begin() -> None:
        window = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)), None
        )
        if window is None or not window.isVisible() or window.counts_pending:
            QTimer.singleShot(50, begin)
            return
        if not window.editor.has_page() or not window.go_to_item(window.model.ids[0]):
            QTimer.singleShot(50, begin)
            return
        result.update(type_rounds(application, window, rounds))
        result["rows"] = len(window.model.ids)
        result["window"] = f"{window.width()}×{window.height()}"
        result["table"] = f"{window.table.viewport().width()}×{window.table.viewport().height()}"
        window.close()

    QTimer.singleShot(0, begin)
    # Closed by ``begin`` when done; the long quit-after (half an hour: under cachegrind,
    # ``speed.py --instructions``, a session is some 50 times slower) also keeps the
    # start-up's checks (reminders, recovered drafts: dialogs) away, as for the start-up row.
    gui_app.run(db, quit_after_ms=1_800_000, username=username)
    if "cpu" not in result:
        raise AssertionError("the window closed before the keystrokes were typed")
    return result
