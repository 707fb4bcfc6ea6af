"""The temporary files of one app session: attachments written out for the system viewer,
print previews, the password-recovery sheet. They hold personal data (an applicant's ID
card scan, an unreleased item), so none may outlive the session in the computer's
temporary folder.

Everything goes into one folder of the session (``gwgk-session-…`` in the temporary
folder), which the session holds a lock in (``filelock``: the operating system lets go of
it however the process ends) and removes when the process exits. A folder whose lock is
free was left by a session that ended without cleaning up (a power cut, a crash, a viewer
that still had a file open on Windows) and is removed by the next session that needs one.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
import threading
from pathlib import Path
from typing import IO

from gwgk_desktop.filelock import try_lock

log = logging.getLogger(__name__)

PREFIX = "gwgk-session-"
LOCK_NAME = ".session-lock"


class SessionFolder:
    """The session's folder in ``base`` (the system's temporary folder by default), made on
    first use; ``folder()`` hands out a new private subfolder of it."""

    def __init__(self, base: Path | None = None) -> None:
        self._base = base
        self._root: Path | None = None
        self._lock: IO[bytes] | None = None
        self._mutex = threading.Lock()

    @property
    def base(self) -> Path:
        return self._base if self._base is not None else Path(tempfile.gettempdir())

    def folder(self, prefix: str) -> Path:
        """A new empty folder of this session, named ``prefix…``, only this user can read."""
        return Path(tempfile.mkdtemp(prefix=prefix, dir=self._ensure_root()))

    def template(self, prefix: str) -> str:
        """A ``QTemporaryDir`` template for a folder of this session, ``prefix`` then six
        random characters: removed when the ``QTemporaryDir`` goes, or with the session.
        When the session's folder cannot be made, one in the temporary folder itself (its
        ``isValid()`` then says whether that could be made)."""
        try:
            return str(self._ensure_root() / f"{prefix}XXXXXX")
        except OSError as error:
            log.warning("no session folder for temporary files: %s", error)
            return str(self.base / f"gwgk-{prefix}XXXXXX")

    def _ensure_root(self) -> Path:
        with self._mutex:
            if self._root is None or not self._root.is_dir():
                remove_stale(self.base)
                root = Path(tempfile.mkdtemp(prefix=PREFIX, dir=self.base))
                lock = (root / LOCK_NAME).open("ab")
                try_lock(lock)
                self._root, self._lock = root, lock
            return self._root

    def remove(self) -> None:
        """Remove the session's folder with everything in it (what cannot be removed, such
        as a file a viewer still holds open on Windows, the next session removes)."""
        with self._mutex:
            root, lock = self._root, self._lock
            self._root = self._lock = None
        if lock is not None:
            lock.close()
        if root is not None:
            shutil.rmtree(root, ignore_errors=True)


def remove_stale(base: Path) -> int:
    """Remove the folders in ``base`` that sessions which have ended left behind; how many.
    A folder without a lock file is one whose session is still making it, or one made by
    something else: left alone."""
    removed = 0
    for folder in base.glob(f"{PREFIX}*"):
        lock_file = folder / LOCK_NAME
        try:
            with lock_file.open("rb") as handle:
                if not try_lock(handle):
                    continue  # a live session
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            removed += 1
            log.info("removed a temporary folder an earlier session left: %s", folder)
    return removed


#: This process's session folder, removed when the process exits.
SESSION = SessionFolder()
atexit.register(SESSION.remove)


def folder(prefix: str) -> Path:
    """A new private folder of this process's session (see the module)."""
    return SESSION.folder(prefix)


def template(prefix: str) -> str:
    """A ``QTemporaryDir`` template in this process's session folder (see the module)."""
    return SESSION.template(prefix)
