"""Python's garbage collection on the GUI thread only.

The cyclic garbage collector runs in whichever thread happens to allocate when a threshold
is crossed: with a worker thread busy (export, PDF generation, checks) that is often the
worker, which then destroys Qt objects that belong to the GUI thread, and Qt aborts the
process. The known remedy (pyqtgraph, Anki, qtools) is to switch automatic collection off
and collect from a timer on the GUI thread, honouring the usual generation thresholds.
Reference counting, which frees almost everything, is untouched.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class MainThreadGarbageCollector(QObject):
    """Owns the timer; ``check()`` is what the timer calls (also callable directly)."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        young, middle, old = gc.get_count()
        if young > self.threshold[0]:
            gc.collect(0)
            if middle > self.threshold[1]:
                gc.collect(1)
                if old > self.threshold[2]:
                    gc.collect(2)


def freeze() -> None:
    """Leave everything alive now out of every later collection: called once the first
    window is shown, so the objects of start-up (modules, classes, the window: about
    100,000) are not traversed again by each full collection, which took 50 ms and could
    land on a keystroke."""
    gc.freeze()


def install(parent: QObject) -> MainThreadGarbageCollector:
    """Collect on ``parent``'s (the application's) thread from now on; idempotent."""
    existing = parent.findChild(MainThreadGarbageCollector)
    return existing if existing is not None else MainThreadGarbageCollector(parent)
