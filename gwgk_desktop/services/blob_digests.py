"""The size, CRC-32 and SHA-256 of the attachments an export will write, computed ahead
on a thread of its own while the export reads its items.

An export writes the attachments after the items, and the package's writer thread then
had to CRC and hash every byte of them (100 MB: most of what came after the items),
while during the items the second core had little to do. Here a thread with a read
connection of its own reads the blobs of the revisions in force (the ones the export
will most likely write; any other is written as before) and digests them meanwhile;
reading and hashing let go of the GIL. The writer then takes the SHA-256 from here and
computes only the CRC-32 of what it writes, refusing bytes whose CRC or size differs
from what was digested (``zipfmt.Expected``).

Blobs are content-addressed and never changed in place, so the two reads see the same
bytes however the database changes meanwhile; should they not (a failing disk), the
CRC shows it and the export is refused. Anything this thread cannot do (the file
locked, a blob missing) only means the writer hashes that blob itself.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import zlib
from pathlib import Path

from gwgk_desktop import hashing
from gwgk_desktop.store.quick_check import BUSY_TIMEOUT_S
from gwgk_desktop.store.uri import reading_uri
from gwgk_desktop.submission.zipfmt import CHUNK, Expected

log = logging.getLogger(__name__)

#: The blobs of the revisions in force (approved or published, not superseded): the
#: attachments and material samples an export writes, in the order it writes them.
_WANTED = """
SELECT rowid, sha256 FROM blobs WHERE sha256 IN (
    SELECT a.sha256 FROM attachments a JOIN item_revisions r ON r.id = a.revision_id
    WHERE NOT r.superseded AND r.status IN ({statuses})
    UNION
    SELECT m.sample_sha256 FROM materials m JOIN item_revisions r ON r.id = m.revision_id
    WHERE NOT r.superseded AND r.status IN ({statuses}) AND m.sample_sha256 IS NOT NULL
) ORDER BY sha256
"""


class BlobDigests:
    """Digests of the blobs of ``path`` that revisions in ``statuses`` refer to, made on a
    thread from ``start``; ``expected`` waits for one, ``stop`` ends the thread early."""

    def __init__(self, path: Path, statuses: tuple[str, ...]) -> None:
        self._uri = reading_uri(path)
        self._statuses = statuses
        self._done: dict[str, Expected] = {}
        #: The blobs the thread will digest; None until its query has answered.
        self._wanted: set[str] | None = None
        self._finished = False
        self._stopped = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="blob-digests", daemon=True)

    @classmethod
    def start(cls, path: Path, statuses: tuple[str, ...]) -> BlobDigests:
        digests = cls(path, statuses)
        digests._thread.start()
        return digests

    def _run(self) -> None:
        try:
            connection = sqlite3.connect(self._uri, uri=True, timeout=BUSY_TIMEOUT_S)
            try:
                connection.execute("PRAGMA query_only=ON")
                self._digest_all(connection)
            finally:
                connection.close()
        except sqlite3.Error as error:  # the writer hashes what is not here itself
            log.info("attachments not digested ahead: %s", error)
        finally:
            with self._changed:
                self._finished = True
                self._changed.notify_all()

    def _digest_all(self, connection: sqlite3.Connection) -> None:
        marks = ",".join("?" * len(self._statuses))
        rows = connection.execute(
            _WANTED.format(statuses=marks), self._statuses + self._statuses
        ).fetchall()
        with self._changed:
            self._wanted = {sha for _, sha in rows}
            self._changed.notify_all()
        for rowid, sha in rows:
            digest, crc, size = hashing.sha256(), 0, 0
            with connection.blobopen("blobs", "data", rowid, readonly=True) as blob:
                while chunk := blob.read(CHUNK):
                    if self._stopped:  # within a blob too: one may be 512 MB
                        return
                    digest.update(chunk)
                    crc = zlib.crc32(chunk, crc)
                    size += len(chunk)
            found = Expected(size, crc, digest.hexdigest())
            with self._changed:
                self._done[sha] = found
                self._changed.notify_all()

    def expected(self, sha: str) -> Expected | None:
        """What blob ``sha`` was found to hold, waiting for it if it is still to come;
        None when it is not digested here (the caller hashes it itself)."""
        with self._changed:
            while True:
                found = self._done.get(sha)
                if found is not None or self._finished:
                    return found
                if self._wanted is not None and sha not in self._wanted:
                    return None
                self._changed.wait()

    def stop(self) -> None:
        """End the thread at its next chunk (an export that failed or was cancelled) and
        wait for it."""
        self._stopped = True
        self._thread.join()
