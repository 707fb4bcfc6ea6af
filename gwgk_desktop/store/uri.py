"""How to open a database file for reading without writing to it, also on read-only
media (a write-protected USB stick, a CD, a folder without write permission)."""

from __future__ import annotations

import os
from pathlib import Path


def read_only_medium(path: Path) -> bool:
    """Whether ``path`` or its folder cannot be written (a write-protected USB stick, a
    CD, a folder without write permission)."""
    return not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def reading_uri(path: Path) -> str:
    """The SQLite URI to read ``path`` without writing to it.

    Where the file and its folder are writable the connection is opened read-write and
    made ``query_only`` (see the callers): the last connection to a WAL database removes
    the ``-wal`` and ``-shm`` files when it closes, which a ``mode=ro`` connection cannot
    do, so every read-only command used to leave both files beside the database. On
    read-only media a WAL database cannot make its ``-shm`` file and ``mode=ro`` fails;
    with no ``-wal`` file beside it (it was closed cleanly) nothing can change it, which
    ``immutable=1`` tells SQLite.
    """
    uri = f"file:{path.as_posix()}?mode="
    if not read_only_medium(path):
        return uri + "rw"
    wal = Path(f"{path}-wal")
    if not wal.exists() or wal.stat().st_size == 0:
        return uri + "ro&immutable=1"
    return uri + "ro"
