"""Where the export's history check left off, kept beside the database for the next export.

The history check (``store.history``) backs every revision's status by its transition rows
and audit records: 0.4 s of a 20,000-item export, most of it spent again on histories that
did not change since the last export. So each export leaves a checkpoint
(``store.history.Checked``) in ``.<database name>.history-checked`` beside the database, and
the next one checks only the revisions that may have changed since (``unbacked_since``).

The checkpoint is sealed with an HMAC keyed by the station's signing key: whoever writes a
status into the database by hand cannot also write a checkpoint that calls it backed
without the key's passphrase, which would let them sign a package anyway. A checkpoint that
is missing, damaged, for another database or sealed with another key only costs the whole
check (``check_history``), which then leaves a fresh one. Nothing in it is secret.
"""

from __future__ import annotations

import json
import logging
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import hashes, hmac

from gwgk_desktop.errors import WriteFailed
from gwgk_desktop.files import write_bytes_atomic
from gwgk_desktop.store.history import Checked
from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.keys import KeyPair

log = logging.getLogger(__name__)

FORMAT = "gwgk-history-checkpoint"
_LABEL = b"gwgk-desktop history checkpoint v1"
_SEAL = 64  # hex characters of the HMAC-SHA256, the file's first line


def path_for(database: Path) -> Path:
    return database.with_name(f".{database.name}.history-checked")


def seal(pair: KeyPair, body: bytes, label: bytes = _LABEL) -> str:
    """The HMAC-SHA256 (hex) of ``body`` under a key derived from ``pair``'s private key
    for ``label`` (one label per kind of file, so no seal is valid for another kind)."""
    derive = hmac.HMAC(pair.private.private_bytes_raw(), hashes.SHA256())
    derive.update(label)
    mac = hmac.HMAC(derive.finalize(), hashes.SHA256())
    mac.update(body)
    return mac.finalize().hex()


class Checkpoint:
    """A checkpoint as read from its file, its seal not yet checked (that needs the key,
    which is opened beside the check)."""

    def __init__(self, checked: Checked, body: bytes, seal: str) -> None:
        self.checked = checked
        self._body = body
        self._seal = seal
        self._held = False

    @classmethod
    def held(cls, checked: Checked) -> Checkpoint:
        """Where a check in this process left off (the export dialog's own check): no
        file, nothing to unseal, believed as it is."""
        checkpoint = cls(checked, b"", "")
        checkpoint._held = True
        return checkpoint

    def sealed_by(self, pair: KeyPair) -> bool:
        return self._held or secrets.compare_digest(seal(pair, self._body), self._seal)


def load(database: Path) -> Checkpoint | None:
    """The checkpoint beside ``database``; None when there is none or it cannot be read."""
    try:
        data = path_for(database).read_bytes()
        seal, body = data[:_SEAL].decode("ascii"), data[_SEAL + 1 :]
        value = json.loads(body)
        if data[_SEAL : _SEAL + 1] != b"\n" or value.get("format") != FORMAT:
            return None
        return Checkpoint(Checked.from_json(value), body, seal)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        log.info("history checkpoint not used: %s", error)
        return None


def save(database: Path, checked: Checked, pair: KeyPair) -> None:
    """Leave ``checked`` for the next export; a failure only costs that export the whole
    check, so it is logged, not raised."""
    body = canonical.encode({"format": FORMAT, **checked.to_json()})
    try:
        write_bytes_atomic(path_for(database), seal(pair, body).encode("ascii") + b"\n" + body)
    except (OSError, WriteFailed) as error:  # a full disk, a folder turned read-only
        log.warning("history checkpoint not written: %s", error)
