"""Where failures go: a rotating log file in the user data folder (``logs/gwgk.log``, five
files of 1 MB), which support can ask a clerk for; the Windows build has no console.

``setup`` is called once per process by the ``gwgk`` command (every command and the GUI):
the file gets INFO and above, standard error keeps showing warnings (everything with
``--verbose``). ``install_excepthooks`` routes uncaught exceptions, of the main thread and
of any other thread, into the log as well (the GUI adds its error dialog on top, see
``gui.error_dialog``). ``GWGK_LOG_DIR`` points the log elsewhere (tests, the self-test).
No Qt here.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TextIO

from gwgk_desktop.paths import user_data_dir

LOG_DIR_ENV = "GWGK_LOG_DIR"
LOG_NAME = "gwgk.log"
MAX_BYTES = 1 << 20
BACKUPS = 5
FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("gwgk_desktop")

#: The handlers ``setup`` added, so a second call (tests run the CLI in-process many
#: times) replaces them instead of adding more.
_installed: list[logging.Handler] = []

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


class _Stderr(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (a test may have swapped it)."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def log_dir() -> Path:
    configured = os.environ.get(LOG_DIR_ENV)
    return Path(configured) if configured else user_data_dir() / "logs"


def log_file() -> Path:
    return log_dir() / LOG_NAME


def setup(*, verbose: bool = False, console: bool = True, file: bool = True) -> Path | None:
    """Log to the rotating file (and standard error); returns the file, or None when its
    folder cannot be written (read-only profile) or ``file`` is false: then only standard
    error is used."""
    root = logging.getLogger()
    for handler in _installed:
        root.removeHandler(handler)
        handler.close()
    _installed.clear()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # A windowed Windows build has no standard error at all (sys.stderr is None).
    if console and sys.stderr is not None:
        stream = _Stderr()
        stream.setLevel(logging.DEBUG if verbose else logging.WARNING)
        stream.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        _installed.append(stream)
    path = log_file()
    if not file:
        for installed in _installed:
            root.addHandler(installed)
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError as error:
        print(f"警告：无法写入日志文件 {path}（{error.strerror}）", file=sys.stderr)
        written = None
    else:
        handler.setLevel(logging.DEBUG if verbose else logging.INFO)
        handler.setFormatter(logging.Formatter(FORMAT))
        _installed.append(handler)
        written = path
    for installed in _installed:
        root.addHandler(installed)
    return written


def is_set_up() -> bool:
    """Whether ``setup`` has installed its handlers in this process."""
    return bool(_installed)


@contextlib.contextmanager
def redirected(directory: Path, *, verbose: bool = False) -> Iterator[Path | None]:
    """Log into ``directory`` for the duration (the self-test's own folder: it never
    touches the user's data, not even the log), then back to the usual place. Does
    nothing when logging was not set up (library use, tests)."""
    if not is_set_up():
        yield None
        return
    before = os.environ.get(LOG_DIR_ENV)
    os.environ[LOG_DIR_ENV] = str(directory)
    try:
        yield setup(verbose=verbose)
    finally:
        if before is None:
            os.environ.pop(LOG_DIR_ENV, None)
        else:
            os.environ[LOG_DIR_ENV] = before
        setup(verbose=verbose, file=False)


def describe(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """The traceback as text (what the log and the error dialog's details show)."""
    return "".join(traceback.format_exception(exc_type, exc, tb))


def install_excepthooks(report: ExceptHook | None = None) -> None:
    """Log every uncaught exception; then ``report`` it (the GUI's dialog), or print it
    as Python would (the CLI)."""
    show = report or sys.__excepthook__

    def main_thread(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        show(exc_type, exc, tb)

    def other_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        log.critical(
            "uncaught exception in thread %s",
            name,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )

    sys.excepthook = main_thread
    threading.excepthook = other_thread
