"""The attachments an export digests ahead on a thread of its own
(``services.blob_digests``): the digests are those of the blobs' bytes, the package is
byte for byte the one the writer makes hashing them itself, and bytes that differ
between the two reads refuse the export with one clear message."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
import types
import uuid
import zlib
from pathlib import Path

import pytest

from gwgk_desktop.cli import main
from gwgk_desktop.cli.submission_cmds import KEY_ENV
from gwgk_desktop.services import export
from gwgk_desktop.services.blob_digests import BlobDigests
from gwgk_desktop.store.database import open_database
from gwgk_desktop.store.items import LIVE_STATUSES
from gwgk_desktop.submission.reader import open_package
from gwgk_desktop.submission.registry import Registry
from gwgk_desktop.submission.verify import verify_package
from gwgk_desktop.submission.zipfmt import Expected
from tests.submission.conftest import PASSPHRASE, Exported, export_as_admin


def _blobs(db_path: Path) -> dict[str, bytes]:
    connection = sqlite3.connect(db_path)
    found = dict(connection.execute("SELECT sha256, data FROM blobs"))
    connection.close()
    return found


def test_the_digests_are_those_of_the_attachments_the_package_holds(
    exported: Exported,
) -> None:
    stored = _blobs(exported.db_path)
    with open_package(exported.package) as contents:
        written = {
            name.removeprefix("attachments/")
            for name in contents.manifest["files"]
            if name.startswith("attachments/")
        }
    assert len(written) == 3  # two of an approved item, a material's sample form
    digests = BlobDigests.start(exported.db_path, LIVE_STATUSES)
    try:
        found = {sha: digests.expected(sha) for sha in stored}
    finally:
        digests.stop()
    assert {sha for sha, known in found.items() if known is not None} == written
    for sha in written:
        data = stored[sha]
        assert found[sha] == Expected(len(data), zlib.crc32(data), hashlib.sha256(data).hexdigest())
    assert digests.expected("0" * 64) is None


def test_stopped_it_answers_at_once_and_what_it_did_not_digest_is_hashed_by_the_writer(
    exported: Exported, tmp_path: Path
) -> None:
    """An export that fails or is cancelled stops the thread; asked afterwards, it says
    for any blob it did not digest that the writer must hash it (None), without waiting."""
    digests = BlobDigests.start(exported.db_path, LIVE_STATUSES)
    digests.stop()
    assert not digests._thread.is_alive()
    for sha in _blobs(exported.db_path):
        found = digests.expected(sha)
        assert found is None or found.size > 0
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = BlobDigests.start(empty / "no such database.sqlite", LIVE_STATUSES)
    assert missing.expected("0" * 64) is None  # logged; the writer hashes everything
    missing.stop()
    assert list(empty.iterdir()) == []  # and no database made where there was none


def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    """One time and one package id for every export (as two stations exporting the same
    items in the same second would have)."""

    class Frozen(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Frozen:
            return cls(2026, 11, 30, 8, 0, 0, tzinfo=dt.UTC)

    frozen = types.SimpleNamespace(datetime=Frozen, UTC=dt.UTC, date=dt.date)
    monkeypatch.setattr(export, "dt", frozen)
    monkeypatch.setattr(
        export, "uuid_module", types.SimpleNamespace(uuid4=lambda: uuid.UUID(int=7))
    )


def test_the_package_is_the_one_written_hashing_every_attachment_there(
    exported: Exported, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same station exported at the same time with the attachments digested ahead
    and with the writer hashing them itself (as before): the same bytes, and valid."""
    _frozen(monkeypatch)
    copy = shutil.copyfile(exported.db_path, tmp_path / "copy.sqlite")
    used = []
    expected = BlobDigests.expected

    def counted(self: BlobDigests, sha: str) -> Expected | None:
        found = expected(self, sha)
        used.append(found is not None)
        return found

    monkeypatch.setattr(BlobDigests, "expected", counted)
    with open_database(exported.db_path) as db:
        ahead = export_as_admin(db, tmp_path / "ahead.gwgk").path
    assert used == [True, True, True]
    monkeypatch.setattr(BlobDigests, "expected", lambda self, sha: None)
    with open_database(copy) as db:
        hashed_there = export_as_admin(db, tmp_path / "there.gwgk").path
    assert ahead.read_bytes() == hashed_there.read_bytes()
    verify_package(ahead, Registry.load(exported.registry), tmp_path / "state.json")


def test_bytes_read_otherwise_the_second_time_refuse_the_export(
    exported: Exported,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """As if the disk gave other bytes the second time: one message, non-zero exit,
    no package and no temporary file."""
    expected = BlobDigests.expected

    def otherwise(self: BlobDigests, sha: str) -> Expected | None:
        found = expected(self, sha)
        return Expected(found.size, found.crc ^ 0xFF, found.sha256) if found else None

    monkeypatch.setattr(BlobDigests, "expected", otherwise)
    monkeypatch.setenv(KEY_ENV, PASSPHRASE)
    target = tmp_path / "out" / "station.gwgk"
    target.parent.mkdir()
    code = main(["--db", str(exported.db_path), "export", "--out", str(target)])
    err = capsys.readouterr().err
    assert code != 0
    assert "两次读出的内容不一致" in err and "Traceback" not in err
    assert list(target.parent.iterdir()) == []
    monkeypatch.undo()
    with open_database(exported.db_path) as db:  # the next export goes through
        export_as_admin(db, tmp_path / "next.gwgk")
