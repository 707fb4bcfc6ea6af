"""Guard against PySide6 6.12's reference leak on Python's singletons.

PySide6 6.12.0 takes one reference away from ``None`` on every call of a Qt method that
returns nothing, and one from ``True`` on every signal ``emit``. From Python 3.12 these
objects are immortal and the leak is harmless; on 3.11 their count reaches zero after a few
thousand calls and the interpreter aborts ("Fatal Python error: none_dealloc"), i.e. the app
would crash in the middle of a clerk's work. On 3.11 we give them a count no session can use
up, which is what 3.12 does by design.
"""

from __future__ import annotations

import ctypes
import sys

#: 2**48 references: at a million leaked references per second, nine years.
_RESERVE = 1 << 48


def make_singletons_immortal() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every PyObject in CPython 3.11.
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < _RESERVE:
            refcount.value += _RESERVE
