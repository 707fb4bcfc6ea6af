"""Work run on a thread of its own beside the caller's, for what releases the GIL while it
works (hashing through OpenSSL, scrypt, reading files by position, fsync): the caller goes
on with its own work on the other core and takes the result when it needs it.

Only the standard library here: importing this costs nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Beside(Generic[T]):
    """``work`` running on a thread named ``name`` from construction; ``result`` waits for
    it and returns what it returned or raises what it raised (in the caller's thread, so
    the caller's own error handling sees it)."""

    def __init__(self, work: Callable[[], T], name: str) -> None:
        self._work = work
        self._outcome: list[T] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._outcome.append(self._work())
        except BaseException as error:  # raised by ``result``, in the caller
            self._error = error

    def wait(self) -> None:
        """Wait for the work to end, whatever its outcome (before closing what it reads)."""
        self._thread.join()

    def result(self) -> T:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._outcome[0]
