"""One GUI per database. The first instance holds a lock on a small file beside the
database (released by the operating system when the process ends, however it ends) and
listens on a local address named after the database and the user; a second instance finds
the lock taken, asks the first to come to the front, tells the user, and quits. When the
lock is held but nobody answers (another user's session on a shared folder), the second
instance says so instead.

The address is a Unix-domain socket in Linux's abstract namespace (no file to leave
behind when the first instance crashes) or a named pipe on Windows, through the standard
library's ``multiprocessing.connection``: the bundle need not ship QtNetwork's binding for
this. A thread waits for connections and hands each request to the GUI thread.

Signals of ``InstanceGuard``: ``activate_requested()`` when another instance asked this
one to come to the front (emitted in the GUI thread).
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
import threading
from multiprocessing.connection import Client, Connection, Listener
from pathlib import Path
from typing import IO

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from gwgk_desktop.filelock import try_lock

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
CONNECT_MS = 1000
_MAX_REQUEST = 64


def lock_path(db_path: Path) -> Path:
    db_path = db_path.absolute()
    return db_path.with_name(f".{db_path.name}.gui-lock")


def server_name(db_path: Path) -> str:
    """The local address's name: one per database file and user."""
    key = f"{db_path.absolute()}|{os.environ.get('USER') or os.environ.get('USERNAME', '')}"
    return "gwgk-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def address(db_path: Path) -> str:
    """Where the first instance listens: a named pipe on Windows, an abstract Unix socket
    on Linux, a socket file in the temporary folder elsewhere."""
    name = server_name(db_path)
    if sys.platform == "win32":
        return rf"\\.\pipe\{name}"
    if sys.platform.startswith("linux"):
        return "\0" + name
    return str(Path(tempfile.gettempdir()) / name)


class InstanceGuard(QObject):
    """This process's claim on a database: the lock and the listener (see the module)."""

    activate_requested = Signal()
    _knocked = Signal()  # from the listening thread; queued to the GUI thread

    def __init__(self, db_path: Path, handle: IO[bytes] | None) -> None:
        super().__init__()
        self.db_path = db_path
        self._handle = handle
        self._address = address(db_path)
        self._stopping = threading.Event()
        self._listener: Listener | None = None
        self._thread: threading.Thread | None = None
        self._knocked.connect(self.activate_requested, Qt.ConnectionType.QueuedConnection)
        if not sys.platform.startswith(("linux", "win32")):
            # Holding the lock proves no live instance owns the name: a socket file left
            # by a crashed one may go.
            Path(self._address).unlink(missing_ok=True)
        try:
            self._listener = Listener(self._address, backlog=4)
        except OSError as error:
            log.warning("cannot listen on %s: %s", server_name(db_path), error)
            return
        self._thread = threading.Thread(
            target=self._serve, name="gwgk-single-instance", daemon=True
        )
        self._thread.start()

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

    def _serve(self) -> None:
        listener = self._listener
        assert listener is not None
        while not self._stopping.is_set():
            try:
                connection = listener.accept()
            except OSError:
                if self._stopping.is_set():
                    return
                continue  # a client that went away while connecting
            with connection:
                request = _read_request(connection)
            if self._stopping.is_set():
                return
            if request.startswith(ACTIVATE.strip()):
                self._knocked.emit()

    def release(self) -> None:
        if self._listener is not None:
            self._stopping.set()
            # Wake the thread waiting in accept(): a connection of our own.
            try:
                with Client(self._address):
                    pass
            except OSError:
                pass
            if self._thread is not None:
                self._thread.join(CONNECT_MS / 1000)
            self._listener.close()
            self._listener = None
        if self._handle is not None:
            self._handle.close()
            self._handle = None


def _read_request(connection: Connection) -> bytes:
    """The client's one line (it writes it right after connecting), or b""."""
    try:
        if connection.poll(CONNECT_MS / 1000):
            return connection.recv_bytes(_MAX_REQUEST)
    except (OSError, EOFError):
        pass
    return b""


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
    try:
        with Client(address(db_path)) as connection:
            connection.send_bytes(ACTIVATE)
    except OSError:
        return False
    return True
