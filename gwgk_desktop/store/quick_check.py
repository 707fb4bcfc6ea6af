"""SQLite's quick check of a station database (``PRAGMA quick_check``), which
``open_database`` runs before anything may write to the file, here started early on a
thread of its own.

The check reads the whole file (about 70 ms for 20,000 items) inside SQLite, which
releases the GIL meanwhile: the GUI starts it before it imports Qt and SQLAlchemy, so it
runs on the second core while the first one imports, and ``open_database(...,
quick_check=check)`` takes its finding (waiting for it if need be) instead of checking the
file again. Only the standard library here: importing this costs nothing.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from gwgk_desktop.store.uri import read_only_medium, reading_uri

#: ``["ok"]``, or up to five problems (the log gets them; the user one line).
STATEMENT = "PRAGMA quick_check(5)"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0


class QuickCheck:
    """The quick check of the database file ``path``, running on a thread from
    ``start``; ``result`` waits for it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._found: list[str] = []
        self._error: sqlite3.Error | None = None
        self._thread = threading.Thread(target=self._run, name="quick-check", daemon=True)

    @classmethod
    def start(cls, path: Path | str) -> QuickCheck | None:
        """Start checking ``path`` (made absolute as ``open_database`` makes it); None
        when there is nothing ``open_database`` would check: no SQLite file there yet,
        or one on read-only media (opened read-only, not checked)."""
        path = Path(path).expanduser().absolute()
        try:
            with path.open("rb") as handle:
                if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                    return None
            if read_only_medium(path):
                return None
        except OSError:
            return None  # ``open_database`` says what is wrong with it
        check = cls(path)
        check._thread.start()
        return check

    def _run(self) -> None:
        try:
            connection = sqlite3.connect(reading_uri(self.path), uri=True, timeout=BUSY_TIMEOUT_S)
            try:
                connection.execute("PRAGMA query_only=ON")
                self._found = [row[0] for row in connection.execute(STATEMENT).fetchall()]
            finally:
                connection.close()
        except sqlite3.Error as error:
            self._error = error

    def result(self) -> list[str]:
        """What the check found (waiting for it); the ``sqlite3.Error`` it met, raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._found
