"""Regression: PySide6 6.12 leaks references to None and True; on Python 3.11 that used to
abort the interpreter after a few thousand Qt calls (a crash mid-session)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import gwgk_desktop.gui  # the guard
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget = QWidget()
class Emitter(QObject):
    fired = Signal(bool)
emitter = Emitter()
for _ in range(20000):
    widget.update()           # returns nothing: leaks a reference to None
    emitter.fired.emit(True)  # leaks a reference to True
print("survived")
"""


def test_many_qt_calls_do_not_abort_the_interpreter() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"
