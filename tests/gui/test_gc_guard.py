"""Garbage collection runs on the GUI thread only (worker threads used to collect Qt
objects of the GUI thread and abort the process)."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gwgk_desktop.gui import gc_guard


class Node:
    def __init__(self) -> None:
        self.partner: Node | None = None


def test_the_application_collects_cycles_from_its_own_thread(
    qtbot: QtBot, qapp: QApplication
) -> None:
    guard = gc_guard.install(qapp)
    assert gc_guard.install(qapp) is guard  # one per application
    assert not gc.isenabled()  # no collection in whatever thread allocates
    # Start from an empty young generation: freeing objects of earlier tests (widgets
    # deleted later by the event loop) while we wait would lower its count again.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    a, b = Node(), Node()
    a.partner, b.partner = b, a
    gone = weakref.ref(a)
    del a, b
    # Push the young generation well over its threshold (freed objects don't count).
    keep = [Node() for _ in range(2 * guard.threshold[0])]
    qtbot.waitUntil(lambda: gone() is None, timeout=3 * gc_guard.INTERVAL_MS)
    assert len(keep) > guard.threshold[0]
