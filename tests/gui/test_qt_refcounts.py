"""The PySide6 release in use must not lose references to Python's singletons.

PySide6 6.12.0 on Python 3.11 took one reference away from ``None`` on every Qt call that
returns nothing and one from ``True`` on every emit; the count then reached zero and the
interpreter aborted mid-session (``none_dealloc`` / ``bool_dealloc``). The app used to hide
that by writing reference counts through ctypes; that guard is gone, so this test sees the
release as it is and fails on a leaking one. It runs in a fresh interpreter so that nothing
else the suite imports can mask or add to the counts.
"""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 5000

SCRIPT = f"""
import sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel, QWidget

app = QApplication([])
widget = QWidget()
label = QLabel()

class Emitter(QObject):
    fired = Signal(bool)
    plain = Signal()

emitter = Emitter()
received = [0]

def on_fired(value):
    received[0] += 1

emitter.fired.connect(on_fired)

def counts():
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)

# Warm up: first calls create caches (method wrappers, signal instances) that hold
# references of their own.
for _ in range(10):
    widget.update(); label.setText("x"); emitter.fired.emit(True); emitter.fired.emit(False)

before = counts()
for _ in range({CALLS}):
    widget.update()            # void call
    label.setText("x")         # void call with an argument
    widget.setEnabled(True)    # void call taking a bool
    emitter.fired.emit(True)   # emit of True
    emitter.fired.emit(False)  # emit of False
    emitter.plain.emit()       # emit without arguments
after = counts()
assert received[0] == 10 * 2 + 2 * {CALLS}, received
print(*(a - b for a, b in zip(after, before)))
"""


def test_qt_calls_and_emits_leave_singleton_refcounts_unchanged() -> None:
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
    drift_none, drift_true, drift_false = (int(x) for x in result.stdout.split())
    # A leaking release drifts by thousands (one per call); allow a handful for caches.
    assert abs(drift_none) < 50, f"None lost {-drift_none} references over {CALLS} calls"
    assert abs(drift_true) < 50, f"True lost {-drift_true} references over {CALLS} emits"
    assert abs(drift_false) < 50, f"False lost {-drift_false} references over {CALLS} emits"
