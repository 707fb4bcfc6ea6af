"""PyInstaller runtime hook: the frozen app's answer to PEP 538 (C locale coercion).

``python3`` started in the plain C/POSIX locale (no LANG: cron, ``sudo -i``, minimal
containers, some remote sessions) switches LC_CTYPE to C.UTF-8 before anything runs; the
PyInstaller bootloader does not. Qt then prints "Detected locale "C" ... Qt depends on a
UTF-8 locale" to stderr at start-up. Doing what CPython does keeps the bundle quiet and
behaving like ``gwgk`` from a source checkout. An explicit LC_ALL is left alone.
"""

import locale
import os


def _coerce_c_locale() -> None:
    if os.name != "posix" or os.environ.get("LC_ALL"):
        return
    try:
        current = locale.setlocale(locale.LC_CTYPE, "")
    except locale.Error:
        current = "C"
    if current not in ("C", "POSIX"):
        return
    for candidate in ("C.UTF-8", "C.utf8", "UTF-8"):
        try:
            locale.setlocale(locale.LC_CTYPE, candidate)
        except locale.Error:
            continue
        os.environ["LC_CTYPE"] = candidate
        return


_coerce_c_locale()
del _coerce_c_locale
