"""Content-addressed attachment storage: one row per SHA-256, written and read in chunks
so a large file never has to sit in memory whole."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Integer, func, insert, literal_column, select
from sqlalchemy.orm import Session

from gwgk_desktop import hashing
from gwgk_desktop.errors import NotFound, UserError
from gwgk_desktop.store.models import BlobRow
from gwgk_desktop.store.types import utcnow

CHUNK = 1 << 20
MAX_BLOB = 512 * 1024 * 1024


def _driver(session: Session) -> sqlite3.Connection:
    driver = session.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def _file_digest(path: Path) -> tuple[str, int]:
    digest = hashing.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def exists(session: Session, sha256: str) -> bool:
    return session.scalar(select(BlobRow.sha256).where(BlobRow.sha256 == sha256)) is not None


def sizes(session: Session, digests: set[str]) -> dict[str, int]:
    if not digests:
        return {}
    rows = session.execute(select(BlobRow.sha256, BlobRow.size).where(BlobRow.sha256.in_(digests)))
    return dict(rows.all())  # not dict(rows): a Result has keys() and would pass for a mapping


def store_bytes(session: Session, data: bytes) -> str:
    sha = hashing.sha256(data).hexdigest()
    if not exists(session, sha):
        session.execute(
            insert(BlobRow).values(sha256=sha, size=len(data), data=data, created_at=utcnow())
        )
    return sha


def store_file(session: Session, path: Path) -> tuple[str, int]:
    """Store a file's bytes (streamed); return its SHA-256 and size."""
    try:
        sha, size = _file_digest(path)
    except OSError as error:
        raise UserError(
            f"无法读取文件：{path}（{error.strerror}）", f"cannot read {path}"
        ) from error
    if size > MAX_BLOB:
        raise UserError(
            f"附件“{path.name}”太大（{size // (1 << 20)} MB），单个附件不能超过 512 MB",
            "attachment too large",
        )
    if exists(session, sha):
        return sha, size
    session.execute(
        insert(BlobRow).values(sha256=sha, size=size, data=func.zeroblob(size), created_at=utcnow())
    )
    rowid: int = session.execute(
        select(literal_column("rowid")).select_from(BlobRow).where(BlobRow.sha256 == sha)
    ).scalar_one()
    check = hashing.sha256()
    with _driver(session).blobopen("blobs", "data", rowid) as blob, path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            check.update(chunk)
            blob.write(chunk)
    if check.hexdigest() != sha:
        raise UserError(
            f"文件“{path.name}”在导入过程中被改动，请重试", "file changed while reading"
        )
    return sha, size


def read_chunks(session: Session, sha256: str) -> Iterator[bytes]:
    """Yield a blob's bytes in chunks (for opening attachments)."""
    rowid = session.scalar(
        select(literal_column("rowid")).select_from(BlobRow).where(BlobRow.sha256 == sha256)
    )
    if rowid is None:
        raise NotFound("附件内容缺失", f"blob {sha256} missing")
    return row_chunks(session, rowid)


def rowids(session: Session, digests: set[str]) -> dict[str, int]:
    """The row of each of ``digests`` that is stored, in one query (an export reads some
    hundreds of blobs in turn with ``row_chunks``)."""
    if not digests:
        return {}
    rows = session.execute(
        select(BlobRow.sha256, literal_column("rowid", Integer)).where(BlobRow.sha256.in_(digests))
    )
    return dict(rows.all())


def row_chunks(session: Session, rowid: int) -> Iterator[bytes]:
    """Yield the bytes of the blob in row ``rowid`` (``rowids``) in chunks."""
    with _driver(session).blobopen("blobs", "data", rowid, readonly=True) as blob:
        while chunk := blob.read(CHUNK):
            yield chunk


def read_bytes(session: Session, sha256: str) -> bytes:
    return b"".join(read_chunks(session, sha256))
