"""A safe ``emit`` for signals declared in Python.

PySide6 6.12 (CPython 3.11) returns ``True`` from ``SignalInstance.emit`` without taking a
reference to it, so every ``emit()`` made from Python steals one reference to ``True``;
after a few hundred emits the interpreter aborts with "Fatal Python error: bool_dealloc"
(often at exit, after the work is done). ``emit`` gives the reference back, but only when
the probe at import shows the installed PySide6 has the bug; signals Qt emits from C++
(``clicked``, ``finished`` ...) are not affected.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance


class _Probe(QObject):
    ping = Signal()


def _stolen_per_emit() -> int:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.ping.emit()  # the stolen reference is measured, then given back
    stolen = before - sys.getrefcount(True)
    _give_back(stolen)
    return max(0, stolen)


def _give_back(count: int) -> None:
    for _ in range(count):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))


_STOLEN = _stolen_per_emit()


def emit(signal: SignalInstance, *args: Any) -> None:
    """``signal.emit(*args)``, without losing a reference to ``True``."""
    result: object = signal.emit(*args)  # type: ignore[func-returns-value]
    if result is True and _STOLEN:
        _give_back(_STOLEN)
