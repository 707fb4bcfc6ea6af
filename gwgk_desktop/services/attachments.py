"""Attachment files (and sample forms, 申报范本): their bytes are stored once per SHA-256
(``store.blobs``) and an item's content refers to them by hash."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from gwgk_desktop.domain.models import Attachment
from gwgk_desktop.store import blobs
from gwgk_desktop.store.database import Database


def media_type(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


class Attachments:
    """Storing a file's bytes and getting them back."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, path: Path) -> Attachment:
        """Store a file's bytes and return an Attachment to put into an item's content."""
        with self.db.write() as session:
            sha, size = blobs.store_file(session, path)
        return Attachment(
            sha256=sha, filename=path.name, size=size, media_type=media_type(path.name)
        )

    def read(self, sha256: str) -> bytes:
        with self.db.read() as session:
            return blobs.read_bytes(session, sha256)

    def save(self, sha256: str, target: Path) -> Path:
        """Write an attachment out (for opening with the system viewer)."""
        with self.db.read() as session, target.open("wb") as handle:
            for chunk in blobs.read_chunks(session, sha256):
                handle.write(chunk)
        return target
