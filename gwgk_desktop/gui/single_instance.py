"""One GUI per database. The first instance holds a lock on a small file beside the
database (released by the operating system when the process ends, however it ends) and
listens on a local socket named after the database; a second instance finds the lock
taken, asks the first to come to the front, tells the user, and quits. When the lock is
held but nobody answers (another user's session on a shared folder), the second instance
says so instead.

Signals of ``InstanceGuard``: ``activate_requested()`` when another instance asked this
one to come to the front.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import IO

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication

from gwgk_desktop.filelock import try_lock

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
CONNECT_MS = 1000


def lock_path(db_path: Path) -> Path:
    db_path = db_path.absolute()
    return db_path.with_name(f".{db_path.name}.gui-lock")


def server_name(db_path: Path) -> str:
    """The local socket's name: one per database file and user."""
    key = f"{db_path.absolute()}|{os.environ.get('USER') or os.environ.get('USERNAME', '')}"
    return "gwgk-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


class InstanceGuard(QObject):
    """This process's claim on a database: the lock and the socket (see the module)."""

    activate_requested = Signal()

    def __init__(self, db_path: Path, handle: IO[bytes] | None) -> None:
        super().__init__()
        self.db_path = db_path
        self._handle = handle
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._connected)
        name = server_name(db_path)
        # Holding the lock proves no live instance owns the name: a socket file left by
        # a crashed one may go.
        QLocalServer.removeServer(name)
        if not self.server.listen(name):
            log.warning("cannot listen on %s: %s", name, self.server.errorString())

    @classmethod
    def acquire(cls, db_path: Path) -> InstanceGuard | None:
        """The guard, or None when another instance has the database open. A folder that
        cannot take the lock file (read-only medium) is not guarded."""
        path = lock_path(db_path)
        try:
            handle = path.open("ab")
        except OSError as error:
            log.warning("no single-instance lock for %s: %s", db_path, error)
            return cls(db_path, None)
        if not try_lock(handle):
            handle.close()
            return None
        return cls(db_path, handle)

    def _connected(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            # The client writes its one line right after connecting: read it here and be
            # done with the socket. (shiboken6.delete here crashes later, when the server
            # itself is destroyed; deleteLater does not.)
            if socket.bytesAvailable() or socket.waitForReadyRead(CONNECT_MS):
                request = bytes(socket.readAll().data())
            else:
                request = b""
            socket.close()
            socket.deleteLater()
            if request.startswith(ACTIVATE.strip()):
                self.activate_requested.emit()

    def release(self) -> None:
        self.server.close()
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def come_to_front() -> None:
    """Bring this instance's window (or the dialog it is showing) to the front."""
    target = QApplication.activeModalWidget() or next(
        (w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()), None
    )
    if target is None:
        return
    if target.isMinimized():
        target.showNormal()
    target.raise_()
    target.activateWindow()


def ask_first_to_activate(db_path: Path) -> bool:
    """Ask the instance that has ``db_path`` open to come to the front; False when no
    instance of this user answers."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(ACTIVATE)
    socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    return True
