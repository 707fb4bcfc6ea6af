"""A login whose password check runs on a worker thread.

The KDF (scrypt, N=2^16: a third of a second by design, ``services.passwords``) releases
the GIL, so the GUI thread builds the main window meanwhile; the window is shown only once
the check has succeeded. ``auth.begin_login`` and ``auth.finish_login`` (reading the
operator, recording the outcome) run on the GUI thread; the worker runs only
``auth.check_password``, which touches no database.
"""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QObject, Signal

from gwgk_desktop import startup_trace
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.errors import UserError
from gwgk_desktop.services import auth
from gwgk_desktop.store.database import Database


class LoginCheck(QObject):
    """One login attempt. ``start()`` reads the operator and starts the KDF on a worker
    thread; the outcome arrives on the GUI thread as ``checked(result)``, the ``Actor``
    or the ``UserError`` that ``auth.authenticate`` would raise (the same messages), or
    synchronously from ``wait()``, whichever comes first (``checked`` is emitted once).

    Signals: ``checked(object)``."""

    checked = Signal(object)
    _kdf_done = Signal()

    def __init__(
        self, db: Database, username: str, password: str, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.db = db
        self._username = username
        self._password = password
        self._attempt: auth.LoginAttempt | None = None
        self._good = False
        self._thread: threading.Thread | None = None
        self.result: Actor | UserError | None = None
        # Emitted by the worker; delivered (queued) on this object's, the GUI, thread.
        self._kdf_done.connect(self._finish)

    def start(self) -> None:
        """Start checking (once)."""
        if self._thread is not None:
            return
        try:
            self._attempt = auth.begin_login(self.db, self._username, self._password)
        except UserError as error:
            self._deliver(error)
            return
        self._thread = threading.Thread(target=self._run, name="login-kdf", daemon=True)
        startup_trace.mark("login: password check started")
        self._thread.start()

    def _run(self) -> None:
        assert self._attempt is not None
        self._good = auth.check_password(self._attempt)
        startup_trace.mark("login: password checked")
        # RuntimeError: the owner went meanwhile, and nobody waits for the answer.
        with contextlib.suppress(RuntimeError):
            self._kdf_done.emit()

    def _finish(self) -> None:
        if self.result is not None or self._attempt is None:
            return
        try:
            actor: Actor | UserError = auth.finish_login(self.db, self._attempt, self._good)
        except UserError as error:
            actor = error
        self._attempt = None
        self._deliver(actor)

    def _deliver(self, result: Actor | UserError) -> None:
        self._password = ""
        self.result = result
        self.checked.emit(result)

    def wait(self) -> Actor:
        """Block until the check is done; the operator, or raise its ``UserError``."""
        if self.result is None:
            if self._thread is None:
                self.start()
            if self._thread is not None:
                self._thread.join()
            self._finish()
        if isinstance(self.result, UserError):
            raise self.result
        assert isinstance(self.result, Actor)
        return self.result
