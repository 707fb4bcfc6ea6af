"""The tamper suite: every way of changing a package in transit is rejected, each with
the reason the specification gives for it."""

from __future__ import annotations

import io
import json
import os
import random
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.errors import Failure, PackageError
from gwgk_desktop.submission.format import LIMITS, MANIFEST, SIGNATURE
from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.registry import KeyRecord, Registry
from gwgk_desktop.submission.state import State
from gwgk_desktop.submission.verify import verify_package
from gwgk_desktop.submission.zipfmt import CENTRAL, DEFLATE, END, LOCAL, STORE, read_directory
from tests.submission.conftest import Exported
from tests.submission.tools import Part, manifest_of, part, parts_of, repack, resign, verify_bytes


def rejected(data: bytes, registry: Registry, state: State | None = None) -> Failure:
    with pytest.raises(PackageError) as caught:
        verify_bytes(data, registry, state)
    return caught.value.failure


@pytest.fixture
def data(exported: Exported) -> bytes:
    return exported.package.read_bytes()


def test_the_untouched_package_verifies(data: bytes, registry: Registry) -> None:
    result = verify_bytes(data, registry)
    assert result.counts["attachments"] == 3


def _regions(data: bytes) -> list[int]:
    """Every byte offset that is zip metadata (local headers, central directory, end
    record), plus the manifest and signature bytes."""
    entries = read_directory(io.BytesIO(data), len(data), LIMITS)
    offsets: list[int] = []
    for entry in entries:
        offsets += range(entry.header_offset, entry.data_offset)
        if entry.name in (MANIFEST, SIGNATURE):
            offsets += range(entry.data_offset, entry.data_offset + entry.zip_size)
    offsets += range(entries[-1].data_offset + entries[-1].zip_size, len(data))
    return offsets


def test_a_thousand_random_single_byte_changes_are_all_rejected(
    data: bytes, registry: Registry
) -> None:
    rng = random.Random(20261126)
    reasons: set[Failure] = set()
    for _ in range(1000):
        position = rng.randrange(len(data))
        changed = bytearray(data)
        changed[position] = (changed[position] + rng.randrange(1, 256)) % 256
        reasons.add(rejected(bytes(changed), registry))
    # Changes land in payload data, headers, manifest and signature alike.
    assert Failure.ALTERED_FILE in reasons
    assert Failure.REPLAY not in reasons


def test_every_metadata_byte_matters(data: bytes, registry: Registry) -> None:
    """Not one byte of headers, directory, end record, manifest or signature can change
    unnoticed (zip tools would ignore many of them; the canonical layout does not)."""
    for position in _regions(data):
        changed = bytearray(data)
        changed[position] ^= 0x01
        rejected(bytes(changed), registry)


@pytest.mark.parametrize("payload", ["data/station.json", "data/catalogue.jsonl", "attachment"])
def test_each_payload_file_changed_removed_added_renamed(
    data: bytes, registry: Registry, payload: str
) -> None:
    parts = parts_of(data)
    names = [p.name for p in parts if p.name not in (MANIFEST, SIGNATURE)]
    if payload == "attachment":
        payload = next(n for n in names if n.startswith("attachments/"))
    for name in names:
        # Changed, with the zip's own CRC and sizes updated to match: only the manifest
        # hash can tell.
        changed = parts_of(data)
        target = part(changed, name)
        # (an empty file, such as the audit records of a first package, gets a byte)
        target.data = target.data[:-1] + bytes([target.data[-1] ^ 0x20]) if target.data else b"\n"
        assert rejected(repack(changed), registry) is Failure.ALTERED_FILE
    removed = [p for p in parts if p.name != payload]
    assert rejected(repack(removed), registry) is Failure.MISSING_FILE
    added = [*parts, Part("data/extra.json", DEFLATE, b"{}")]
    assert rejected(repack(added), registry) is Failure.EXTRA_FILE
    other = "attachments/" + "ab" * 32
    added_attachment = [*parts, Part(other, STORE, b"x")]
    assert rejected(repack(added_attachment), registry) is Failure.EXTRA_FILE
    renamed = [Part(other if p.name == payload else p.name, p.method, p.data) for p in parts]
    with pytest.raises(PackageError) as caught:
        verify_bytes(repack(renamed), registry)
    assert caught.value.failure is Failure.MISSING_FILE
    assert payload in caught.value.message and other in caught.value.message


def test_same_bytes_stored_instead_of_deflated_is_an_alteration(
    data: bytes, registry: Registry
) -> None:
    parts = parts_of(data)
    part(parts, "data/catalogue.jsonl").method = STORE
    assert rejected(repack(parts), registry) is Failure.ALTERED_FILE


@pytest.mark.parametrize(
    "encode",
    [
        lambda m: json.dumps(m, ensure_ascii=False, indent=2).encode(),
        lambda m: json.dumps(m, ensure_ascii=True, sort_keys=True, separators=(",", ":")).encode(),
        lambda m: json.dumps(
            dict(reversed(m.items())), ensure_ascii=False, separators=(",", ":")
        ).encode(),
        lambda m: canonical.encode(m) + b"\n",
        lambda m: b"\xef\xbb\xbf" + canonical.encode(m),
        lambda m: canonical.encode(m).replace(b'"sequence":1', b'"sequence":1.0'),
    ],
    ids=["indented", "ascii-escaped", "unsorted", "trailing-newline", "bom", "float"],
)
def test_a_manifest_re_serialised_non_canonically(
    data: bytes, registry: Registry, signer_of_package: KeyPair, encode: object
) -> None:
    """Even when the forger re-signs the new bytes with the right key."""
    changed = resign(data, signer_of_package, encode=encode)  # type: ignore[arg-type]
    assert rejected(changed, registry) in (Failure.MANIFEST_NOT_CANONICAL, Failure.MANIFEST_INVALID)
    unsigned = parts_of(data)
    part(unsigned, MANIFEST).data = encode(manifest_of(data))  # type: ignore[operator]
    assert rejected(repack(unsigned), registry) in (
        Failure.MANIFEST_NOT_CANONICAL,
        Failure.MANIFEST_INVALID,
    )


def test_indented_manifest_is_reported_as_not_canonical(data: bytes, registry: Registry) -> None:
    parts = parts_of(data)
    part(parts, MANIFEST).data = json.dumps(
        manifest_of(data), ensure_ascii=False, indent=1, sort_keys=True
    ).encode()
    assert rejected(repack(parts), registry) is Failure.MANIFEST_NOT_CANONICAL


def test_signature_swapped_for_another_stations(
    data: bytes, registry: Registry, other_station: tuple[bytes, KeyRecord]
) -> None:
    other_package, other_record = other_station
    both = Registry([*registry.records.values(), other_record])
    assert verify_bytes(other_package, both).org_code != verify_bytes(data, both).org_code
    parts = parts_of(data)
    part(parts, SIGNATURE).data = part(parts_of(other_package), SIGNATURE).data
    assert rejected(repack(parts), both) is Failure.BAD_SIGNATURE


def test_manifest_re_signed_with_another_stations_key(
    data: bytes, registry: Registry, other_station: tuple[bytes, KeyRecord], other_key: KeyPair
) -> None:
    _package, other_record = other_station
    both = Registry([*registry.records.values(), other_record])
    forged = resign(data, other_key)
    assert rejected(forged, both) is Failure.KEY_NOT_FOR_STATION
    assert rejected(forged, registry) is Failure.UNKNOWN_KEY


def test_manifest_changed_after_signing(data: bytes, registry: Registry) -> None:
    parts = parts_of(data)
    manifest = manifest_of(data)
    manifest["station"]["name"] = "另一个派出所"
    part(parts, MANIFEST).data = canonical.encode(manifest)
    assert rejected(repack(parts), registry) is Failure.BAD_SIGNATURE


def test_manifest_naming_another_key_than_the_signature(
    data: bytes, registry: Registry, signer_of_package: KeyPair
) -> None:
    forged = resign(data, signer_of_package, lambda m: None)
    parts = parts_of(forged)
    manifest = manifest_of(forged)
    manifest["key_id"] = "0" * 16
    body = canonical.encode(manifest)
    part(parts, MANIFEST).data = body
    from gwgk_desktop.submission.build import signature_document

    part(parts, SIGNATURE).data = canonical.encode(
        signature_document(signer_of_package.key_id, signer_of_package.sign(body))
    )
    assert rejected(repack(parts), registry) is Failure.BAD_SIGNATURE


@pytest.mark.parametrize(
    "change",
    [
        {"comment": "由中间人添加，未被任何签名覆盖"},
        {"signature2": "0" * 128},
        {"x": None},
    ],
    ids=["text", "second signature", "null"],
)
def test_signature_document_with_an_extra_member(
    data: bytes, registry: Registry, change: dict[str, object]
) -> None:
    """Before, extra members in signature.json (covered by nothing) still verified."""
    parts = parts_of(data)
    document = canonical.parse_canonical(part(parts, SIGNATURE).data)
    part(parts, SIGNATURE).data = canonical.encode({**document, **change})
    assert rejected(repack(parts), registry) is Failure.SIGNATURE_INVALID


def test_signature_document_missing_a_member(data: bytes, registry: Registry) -> None:
    parts = parts_of(data)
    document = canonical.parse_canonical(part(parts, SIGNATURE).data)
    del document["algorithm"]
    part(parts, SIGNATURE).data = canonical.encode(document)
    assert rejected(repack(parts), registry) is Failure.SIGNATURE_INVALID


def test_unknown_and_revoked_keys(data: bytes, registry: Registry) -> None:
    assert rejected(data, Registry()) is Failure.UNKNOWN_KEY
    (kid,) = registry.records
    registry.revoke(kid)
    assert rejected(data, registry) is Failure.REVOKED_KEY


def test_replayed_and_older_sequences(exported: Exported, tmp_path: Path) -> None:
    from gwgk_desktop.services import export
    from gwgk_desktop.store.database import open_database
    from tests.conftest import actors_of
    from tests.submission.conftest import PASSPHRASE

    with open_database(exported.db_path) as db:
        second = export.export_package(
            db, actors_of(db).admin, tmp_path / "second.gwgk", passphrase=PASSPHRASE
        )
    assert second.record.sequence == 2
    registry = Registry.load(exported.registry)
    state = tmp_path / "state.json"
    first = verify_package(exported.package, registry, state)
    assert first.continues_chain is None
    newer = verify_package(second.path, registry, state)
    assert newer.continues_chain is True
    before = state.read_bytes()
    for package, reason in ((second.path, "重放"), (exported.package, "回退")):
        with pytest.raises(PackageError) as caught:
            verify_package(package, registry, state)
        assert caught.value.failure is Failure.REPLAY
        assert reason in caught.value.message
    assert state.read_bytes() == before


BAD_NAMES = [
    "/data/evil.json",
    "../evil.json",
    "data/../../evil.json",
    "data/./station2.json",
    "data\\evil.json",
    "..\\..\\evil.json",
    "C:/evil.json",
    "C:evil.json",
    "data//evil.json",
    "data/",
    "data/evil json.json",
    "data/ev\x00il.json",
    "data/评估.json",
    "data/evil.exe",
    "evil.json",
]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_bad_entry_names(data: bytes, registry: Registry, name: str) -> None:
    parts = [*parts_of(data), Part("placeholder", DEFLATE, b"{}")]
    raw = repack(parts)
    # The writer takes ASCII only; put the raw name bytes in place of "placeholder" in
    # both headers (lengths adjusted), as a hostile tool would write them.
    assert rejected(_rename_raw(raw, b"placeholder", name.encode("utf-8")), registry) is (
        Failure.BAD_ENTRY_NAME
    )


@pytest.mark.parametrize("duplicate", ["data/station.json", "DATA/Station.json"])
def test_repeated_entry_names(data: bytes, registry: Registry, duplicate: str) -> None:
    parts = parts_of(data)
    original = part(parts, "data/station.json")
    parts.append(Part(duplicate, original.method, original.data))
    assert rejected(repack(parts), registry) is Failure.BAD_ENTRY_NAME


def _rename_raw(data: bytes, old: bytes, new: bytes) -> bytes:
    """Rebuild ``data`` with the entry named ``old`` renamed to raw bytes ``new``."""
    entries = read_directory(io.BytesIO(data), len(data), LIMITS)
    out = io.BytesIO()
    central = io.BytesIO()
    for entry in entries:
        name = entry.name.encode()
        raw_name = new if name == old else name
        local = LOCAL.unpack_from(data, entry.header_offset)
        offset = out.tell()
        out.write(LOCAL.pack(*local[:9], len(raw_name), 0) + raw_name)
        out.write(data[entry.data_offset : entry.data_offset + entry.zip_size])
        start = len(data) - END.size - END.unpack_from(data, len(data) - END.size)[5]
        position = start
        while True:
            fields = CENTRAL.unpack_from(data, position)
            here = data[position + CENTRAL.size : position + CENTRAL.size + fields[10]]
            if here == name:
                break
            position += CENTRAL.size + fields[10]
        central.write(CENTRAL.pack(*fields[:10], len(raw_name), *fields[11:16], offset) + raw_name)
    cd_offset = out.tell()
    out.write(central.getvalue())
    count = len(entries)
    out.write(END.pack(0x06054B50, 0, 0, count, count, len(central.getvalue()), cd_offset, 0))
    return out.getvalue()


def test_zip_bomb(data: bytes, registry: Registry) -> None:
    bomb = b"\x00" * (200 << 20)
    parts = [*parts_of(data), Part("data/bomb.json", DEFLATE, bomb)]
    assert rejected(repack(parts), registry) is Failure.ZIP_BOMB


def test_size_limits(data: bytes, registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from gwgk_desktop.submission import verify

    sizes = [e.size for e in read_directory(io.BytesIO(data), len(data), LIMITS)]
    for limits in (
        replace(LIMITS, entry_size=max(sizes) - 1),
        replace(LIMITS, total_size=sum(sizes) - 1),
        replace(LIMITS, entries=len(sizes) - 1),
        replace(LIMITS, package_size=len(data) - 1),
    ):
        monkeypatch.setattr(verify, "LIMITS", limits)
        assert rejected(data, registry) is Failure.TOO_LARGE


@pytest.mark.parametrize("keep", [0, 3, 100, 0.5, -1])
def test_truncated_file(data: bytes, registry: Registry, keep: float) -> None:
    cut = int(len(data) * keep) if isinstance(keep, float) else keep
    assert rejected(data[:cut], registry) in (Failure.TRUNCATED, Failure.NOT_A_PACKAGE)
    if keep in (0.5, -1, 100):
        assert rejected(data[:cut], registry) is Failure.TRUNCATED


def test_not_a_zip(registry: Registry) -> None:
    assert rejected(b"SQLite format 3\x00" + bytes(100), registry) is Failure.NOT_A_PACKAGE


def test_unknown_major_version(data: bytes, registry: Registry, signer_of_package: KeyPair) -> None:
    def bump(manifest: dict[str, object]) -> None:
        manifest["format_version"] = "2.0"

    with pytest.raises(PackageError) as caught:
        verify_bytes(resign(data, signer_of_package, bump), registry)
    assert caught.value.failure is Failure.UNKNOWN_VERSION
    assert "2.0" in caught.value.message


def test_newer_minor_version_with_extra_fields_is_accepted(
    data: bytes, registry: Registry, signer_of_package: KeyPair
) -> None:
    def newer(manifest: dict[str, object]) -> None:
        manifest["format_version"] = "1.7"
        manifest["added_in_1_7"] = {"note": "readers of 1.0 ignore this"}

    assert verify_bytes(resign(data, signer_of_package, newer), registry).sequence == 1


def test_missing_manifest_or_signature(data: bytes, registry: Registry) -> None:
    parts = parts_of(data)
    without_manifest = [p for p in parts if p.name != MANIFEST]
    assert rejected(repack(without_manifest), registry) is Failure.MISSING_MANIFEST
    without_signature = [p for p in parts if p.name != SIGNATURE]
    assert rejected(repack(without_signature), registry) is Failure.MISSING_SIGNATURE


def test_counts_that_disagree_with_the_data(
    data: bytes, registry: Registry, signer_of_package: KeyPair
) -> None:
    def inflate(manifest: dict[str, object]) -> None:
        counts = manifest["counts"]
        assert isinstance(counts, dict)
        counts["catalogue"] += 1

    assert rejected(resign(data, signer_of_package, inflate), registry) is Failure.COUNTS_MISMATCH


def test_deflate_stream_with_trailing_garbage(data: bytes) -> None:
    """A compressed stream followed by junk inside the entry is an alteration."""
    from gwgk_desktop.submission.zipfmt import Entry, read_entry

    body = zlib.compressobj(6, zlib.DEFLATED, -15)
    stream = body.compress(b"hello") + body.flush() + b"junk"
    crc = zlib.crc32(b"hello")
    entry = Entry("data/x.json", DEFLATE, crc, len(stream), 5, 0)
    handle = io.BytesIO(
        LOCAL.pack(0, 0, 0, 0, 0, 0, 0, 0, 0, len(b"data/x.json"), 0) + b"data/x.json" + stream
    )
    with pytest.raises(PackageError) as caught:
        read_entry(handle, entry)
    assert caught.value.failure is Failure.ALTERED_FILE


def test_a_rejected_package_writes_no_state(exported: Exported, tmp_path: Path) -> None:
    tampered = tmp_path / "tampered.gwgk"
    data = bytearray(exported.package.read_bytes())
    data[len(data) // 2] ^= 0xFF
    tampered.write_bytes(bytes(data))
    state = tmp_path / "state.json"
    with pytest.raises(PackageError):
        verify_package(tampered, Registry.load(exported.registry), state)
    assert not state.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [
            exported.package.name,
            exported.registry.name,
            exported.db_path.name,
            tampered.name,
            ".state.json.lock",  # empty; what takes turns between verifications
        ]
    )


@pytest.mark.parametrize("name", [MANIFEST, SIGNATURE])
def test_a_5000_digit_number_in_the_manifest_or_signature(
    data: bytes, registry: Registry, name: str
) -> None:
    """Before, a 5,000-digit integer in the unsigned bytes of a package crashed ``verify``
    (Python's int limit, a ValueError traceback); nobody needs a key to make one."""
    parts = parts_of(data)
    text = part(parts, name).data
    part(parts, name).data = text[:-1] + b',"zz":' + b"9" * 5000 + b"}"
    assert rejected(repack(parts), registry) in (
        Failure.MANIFEST_NOT_CANONICAL,
        Failure.MANIFEST_INVALID,
        Failure.SIGNATURE_INVALID,
        Failure.TOO_LARGE,
    )


def _failure_of(verify: Callable[[], object]) -> Failure | None:
    try:
        verify()
    except PackageError as error:
        return error.failure
    return None


@pytest.fixture(params=["pread", "by name"])
def hashing_beside(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways ``files.sha256_beside`` reads a package beside the checks: by position
    (POSIX) and through a second handle by its name (Windows, which has no ``pread``)."""
    if request.param == "by name":
        monkeypatch.delattr(os, "pread", raising=False)
    elif not hasattr(os, "pread"):
        pytest.skip("reading by position is POSIX")
    return str(request.param)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_a_file_hashed_beside_the_checks_is_judged_as_one_read_in_turn(
    data: bytes, registry: Registry, tmp_path: Path, hashing_beside: str, drawn: st.DataObject
) -> None:
    """A package file is hashed on a thread while its entries are checked
    (``files.sha256_beside``); a stream without a file descriptor is hashed first. Both
    find the same."""
    position = drawn.draw(st.integers(0, len(data) - 1))
    changed = bytearray(data)
    changed[position] = (changed[position] + drawn.draw(st.integers(1, 255))) % 256
    package = tmp_path / "changed.gwgk"
    package.write_bytes(changed)
    assert _failure_of(lambda: verify_package(package, registry)) is _failure_of(
        lambda: verify_bytes(bytes(changed), registry)
    )


def test_a_damaged_older_package_is_named_a_replay_first(
    exported: Exported, tmp_path: Path, hashing_beside: str
) -> None:
    """The replay check needs the whole file's digest, which is taken beside the entries'
    checks: a package both replayed and damaged is still refused as the replay it is,
    as when the digest came first."""
    from gwgk_desktop.services import export
    from gwgk_desktop.store.database import open_database
    from tests.conftest import actors_of
    from tests.submission.conftest import PASSPHRASE

    with open_database(exported.db_path) as db:
        second = export.export_package(
            db, actors_of(db).admin, tmp_path / "second.gwgk", passphrase=PASSPHRASE
        )
    registry = Registry.load(exported.registry)
    state = tmp_path / "state.json"
    verify_package(second.path, registry, state)
    data = exported.package.read_bytes()
    attachment = next(
        e
        for e in read_directory(io.BytesIO(data), len(data), LIMITS)
        if e.name.startswith("attachments/")
    )
    damaged = bytearray(data)
    damaged[attachment.data_offset] ^= 0xFF
    package = tmp_path / "damaged-first.gwgk"
    package.write_bytes(damaged)
    assert _failure_of(lambda: verify_package(package, registry)) is Failure.ALTERED_FILE
    with pytest.raises(PackageError) as caught:
        verify_package(package, registry, state)
    assert caught.value.failure is Failure.REPLAY and "回退" in caught.value.message
