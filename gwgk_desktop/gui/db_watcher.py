"""Watches the open database for changes made by other processes (``services.watch``).

Signals: ``changed()`` when the database changed since the last poll or
``acknowledge()``; the main window then reloads what it shows.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from gwgk_desktop.errors import UserError
from gwgk_desktop.services.watch import change_stamp
from gwgk_desktop.store.database import Database

log = logging.getLogger(__name__)


class DatabaseWatcher(QObject):
    """Polls the change counter every ``INTERVAL_MS`` (one small read)."""

    changed = Signal()
    INTERVAL_MS = 1000

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._seen = self._stamp()
        self.timer = QTimer(self)
        self.timer.setInterval(self.INTERVAL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def _stamp(self) -> int | None:
        try:
            return change_stamp(self.db)
        except UserError as error:  # busy or unreadable for a moment: try again later
            log.info("change check skipped: %s", error.english or error.message)
            return None

    def acknowledge(self) -> None:
        """What is in the database now is being shown (the window just reloaded)."""
        stamp = self._stamp()
        if stamp is not None:
            self._seen = stamp

    def poll(self) -> bool:
        """Check once; True (and ``changed`` emitted) when something changed."""
        stamp = self._stamp()
        if stamp is None or stamp == self._seen:
            return False
        self._seen = stamp
        self.changed.emit()
        return True
