"""An advisory lock on an open file that the operating system releases when the process
dies, however it dies (``flock`` on Linux, ``msvcrt.locking`` on Windows): what tells a
live instance from what a crashed one left behind (autosaved drafts, the GUI's one
instance per database)."""

from __future__ import annotations

import sys
from typing import IO


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
