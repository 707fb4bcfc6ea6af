"""An advisory lock on an open file that the operating system releases when the process
dies, however it dies (``flock`` on Linux, ``msvcrt.locking`` on Windows): what tells a
live instance from what a crashed one left behind (autosaved drafts, the GUI's one
instance per database, an export in progress, a temporary file being written), and what
makes two processes take turns (the verifier's state file)."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO


class Busy(Exception):
    """Another process holds the lock (and did not let go within the time allowed)."""


def try_lock(handle: IO[bytes]) -> bool:
    """Take the lock without waiting; False when another process (or another open of the
    same file) holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextlib.contextmanager
def locked(path: Path, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the lock on the file ``path`` (created if missing) for the block; raise
    ``Busy`` when another process holds it for longer than ``wait`` seconds. OSErrors
    opening the file (a read-only folder) go through to the caller."""
    with path.open("ab") as handle:
        deadline = time.monotonic() + wait
        while not try_lock(handle):
            if time.monotonic() >= deadline:
                raise Busy(str(path))
            time.sleep(0.05)
        yield


def lock_while_open(handle: IO[bytes]) -> None:
    """Mark a temporary file as in use for as long as ``handle`` stays open (POSIX; on
    Windows an open file cannot be deleted anyway, and a byte-range lock would stop the
    writers that open the file by its name)."""
    if sys.platform != "win32":
        try_lock(handle)


def in_use(path: Path) -> bool:
    """Whether a live process holds ``path`` open under ``lock_while_open`` (POSIX)."""
    if sys.platform == "win32":
        return False  # deleting it will fail if it is open
    try:
        with path.open("rb") as handle:
            return not try_lock(handle)
    except OSError:
        return False
