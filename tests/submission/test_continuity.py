"""Format 1.2: each package carries the station's audit-chain head, the audit records since
its previous package and that package's id; 1.0 and 1.1 packages still verify."""

from __future__ import annotations

import hashlib
import io
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from gwgk_desktop.services import export
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import open_database
from gwgk_desktop.submission.errors import Failure, PackageError
from gwgk_desktop.submission.format import AUDIT_FILE, FORMAT_VERSION, LIMITS
from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.reader import open_package
from gwgk_desktop.submission.registry import Registry
from gwgk_desktop.submission.verify import verify_package
from gwgk_desktop.submission.zipfmt import read_directory
from tests.conftest import actors_of
from tests.factories import catalogue_content
from tests.submission.conftest import PASSPHRASE, Exported, approve
from tests.submission.tools import manifest_of, part, parts_of, repack, resign, verify_bytes


def _export_again(exported: Exported, name: str = "第二次.gwgk") -> Path:
    """Approve one more item at the station and export its next package."""
    target = exported.package.with_name(name)
    with open_database(exported.db_path) as db:
        catalogue = Catalogue(db)
        actors = actors_of(db)
        item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue))
        approve(catalogue, actors, item.id)
        export.export_package(db, actors.admin, target, passphrase=PASSPHRASE)
    return target


def test_a_first_package_carries_the_head_and_no_records(
    exported: Exported, registry: Registry
) -> None:
    manifest = manifest_of(exported.package.read_bytes())
    assert manifest["format_version"] == FORMAT_VERSION
    assert tuple(map(int, FORMAT_VERSION.split("."))) >= (1, 2)  # the chain came with 1.2
    assert manifest["previous_package_id"] is None
    chain = manifest["audit_chain"]
    assert chain["from_count"] is None and chain["from_head"] is None
    assert manifest["counts"]["audit"] == 0
    with open_database(exported.db_path) as db, db.read() as session:
        # The export's own record came after the head the package carries.
        head = audit.head(session)
    assert chain["count"] == head.count - 1
    verified = verify_package(exported.package, registry)
    assert verified.chain_head is not None and verified.chain_head.count == chain["count"]
    assert verified.chain_start is None and verified.chain_problems == ()


def test_the_next_package_proves_its_history_grew(exported: Exported, registry: Registry) -> None:
    first = manifest_of(exported.package.read_bytes())
    second_path = _export_again(exported)
    second = manifest_of(second_path.read_bytes())
    assert second["previous_package_id"] == first["package_id"]
    chain = second["audit_chain"]
    assert (chain["from_count"], chain["from_head"]) == (
        first["audit_chain"]["count"],
        first["audit_chain"]["head"],
    )
    assert second["counts"]["audit"] == chain["count"] - chain["from_count"] > 1
    with open_package(second_path) as contents:
        records = list(contents.audit_records())
    # The first package's own export record is among them.
    assert any(
        r["action"] == "package.export" and r["entity_uuid"] == first["package_id"] for r in records
    )
    verified = verify_package(second_path, registry)
    assert verified.chain_problems == ()
    assert "随包核对无误" in verified.summary()


def test_an_edited_station_history_is_reported_not_refused(
    exported: Exported, registry: Registry
) -> None:
    start = manifest_of(exported.package.read_bytes())["audit_chain"]["count"]
    with open_database(exported.db_path) as db:
        catalogue = Catalogue(db)
        clerk = actors_of(db).clerk
        catalogue.changes.create(clerk, catalogue_content(catalogue, "事后改动的事项"))
    with sqlite3.connect(exported.db_path) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute("UPDATE audit_log SET summary = '被改过' WHERE id = ?", (start + 2,))
    connection.close()
    verified = verify_package(_export_again(exported), registry)
    assert verified.chain_problems
    assert f"第{start + 2}条" in verified.chain_problems[0]
    assert "审计记录有问题" in verified.summary()


@pytest.mark.parametrize("version", ["1.0", "1.1"])
def test_an_older_package_still_verifies(
    exported: Exported, registry: Registry, signer_of_package: KeyPair, version: str
) -> None:
    def as_older(manifest: dict[str, Any]) -> None:
        manifest["format_version"] = version
        for key in ("previous_package_id", "audit_chain"):
            del manifest[key]
        del manifest["counts"]["audit"]
        del manifest["files"][AUDIT_FILE]

    data = resign(exported.package.read_bytes(), signer_of_package, as_older)
    parts = [p for p in parts_of(data) if p.name != AUDIT_FILE]
    verified = verify_bytes(repack(parts), registry)
    assert verified.manifest["format_version"] == version
    assert verified.chain_head is None and verified.chain_problems == ()


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m.pop("audit_chain"),
        lambda m: m["audit_chain"].update(count=-1),
        lambda m: m["audit_chain"].update(head="xyz"),
        lambda m: m["audit_chain"].update(from_count=0),
        lambda m: m["audit_chain"].update(from_count=10**6, from_head="0" * 64),
        lambda m: m.update(previous_package_id="not-a-uuid"),
        lambda m: m["counts"].update(audit=3),
        lambda m: m["files"].pop(AUDIT_FILE),
    ],
    ids=[
        "no-chain",
        "negative-count",
        "bad-head",
        "start-without-hash",
        "start-after-head",
        "bad-previous-id",
        "count-not-segment",
        "audit-file-unlisted",
    ],
)
def test_malformed_continuity_fields_are_refused(
    exported: Exported, registry: Registry, signer_of_package: KeyPair, change: Any
) -> None:
    data = resign(exported.package.read_bytes(), signer_of_package, change)
    with pytest.raises(PackageError) as caught:
        verify_bytes(data, registry)
    assert caught.value.failure is Failure.MANIFEST_INVALID


def test_audit_records_fewer_than_the_count_say(
    exported: Exported, registry: Registry, signer_of_package: KeyPair
) -> None:
    """A forger holding the key who drops a record and lists the shortened file correctly
    is still caught by the record count."""
    second = _export_again(exported).read_bytes()
    parts = parts_of(second)
    audit_part = part(parts, AUDIT_FILE)
    audit_part.data = audit_part.data.split(b"\n", 1)[1]
    rebuilt = repack(parts)
    entry = next(
        e for e in read_directory(io.BytesIO(rebuilt), len(rebuilt), LIMITS) if e.name == AUDIT_FILE
    )
    stored = rebuilt[entry.data_offset : entry.data_offset + entry.zip_size]

    def relist(manifest: dict[str, Any]) -> None:
        manifest["files"][AUDIT_FILE].update(
            size=len(audit_part.data),
            sha256=hashlib.sha256(audit_part.data).hexdigest(),
            zip_size=entry.zip_size,
            zip_sha256=hashlib.sha256(stored).hexdigest(),
        )

    with pytest.raises(PackageError) as caught:
        verify_bytes(resign(rebuilt, signer_of_package, relist), registry)
    assert caught.value.failure is Failure.COUNTS_MISMATCH
