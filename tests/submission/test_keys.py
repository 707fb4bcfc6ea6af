"""Keys: sealing, ids and fingerprints, the station key service, the registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gwgk_desktop.errors import Conflict, PermissionDenied, ValidationFailed
from gwgk_desktop.services import keys
from gwgk_desktop.store.database import Database
from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.errors import KeyProblem, RegistryError, WrongPassphrase
from gwgk_desktop.submission.keys import KeyPair, fingerprint, key_id, seal, strength, unseal
from gwgk_desktop.submission.registry import BUREAU, KeyRecord, Registry
from tests.conftest import Actors


def test_seal_and_unseal() -> None:
    pair = KeyPair.generate()
    sealed = seal(pair, "correct horse", n=2**10)
    assert pair.public.hex() == sealed["public_key"]
    assert unseal(sealed, "correct horse").key_id == pair.key_id
    with pytest.raises(WrongPassphrase):
        unseal(sealed, "wrong horse")
    # The key id is authenticated: relabelling the sealed key is detected.
    relabelled = {**sealed, "key_id": "0" * 16}
    with pytest.raises(WrongPassphrase):
        unseal(relabelled, "correct horse")
    with pytest.raises(KeyProblem):
        unseal({**sealed, "ciphertext": "zz"}, "correct horse")
    with pytest.raises(KeyProblem):
        unseal({**sealed, "kdf": {**sealed["kdf"], "n": 2**30}}, "correct horse")


def test_key_id_and_fingerprint_shapes() -> None:
    public = bytes(range(32))
    assert re.fullmatch(r"[0-9a-f]{16}", key_id(public))
    assert re.fullmatch(r"([0-9A-F]{4} ){9}[0-9A-F]{4}", fingerprint(public))
    assert fingerprint(public).replace(" ", "").lower().startswith(key_id(public))


def test_strength_hint() -> None:
    assert strength("")[0] == 0
    assert strength("abc")[0] == 0
    assert strength("abcdefgh")[0] < strength("Abcdefgh12!#xyz")[0] == 4
    assert strength("派出所报送口令")[0] >= 2


def test_station_key_lifecycle(station_db: Database, actors: Actors, tmp_path: Path) -> None:
    assert keys.active_key(station_db) is None
    with pytest.raises(PermissionDenied):
        keys.create_key(station_db, actors.clerk, "long enough")
    with pytest.raises(ValidationFailed):
        keys.create_key(station_db, actors.admin, "short")
    first = keys.create_key(station_db, actors.admin, "first passphrase")
    with pytest.raises(Conflict):
        keys.create_key(station_db, actors.admin, "second passphrase")
    assert keys.unlock(station_db, "first passphrase").key_id == first.key_id
    keys.change_passphrase(station_db, actors.admin, "first passphrase", "changed phrase")
    with pytest.raises(WrongPassphrase):
        keys.unlock(station_db, "first passphrase")
    second = keys.create_key(station_db, actors.admin, "second passphrase", replace=True)
    listed = keys.list_keys(station_db)
    assert [(k.key_id, k.active) for k in listed] == [(first.key_id, False), (second.key_id, True)]
    # The private key is never stored in the clear.
    raw = station_db.path.read_bytes()
    pair = keys.unlock(station_db, "second passphrase")
    assert pair.private.private_bytes_raw() not in raw
    assert keys.key_form_data(station_db).replaces == first.key_id

    out = tmp_path / "public.json"
    record = keys.export_public(station_db, out)
    registry = Registry.load(out)
    assert registry.get(second.key_id) == record
    assert record.org_code == "000099001"


def test_registry_merge_revoke_and_tampering(tmp_path: Path) -> None:
    pairs = [KeyPair.generate() for _ in range(2)]
    records = [
        KeyRecord(p.key_id, p.public.hex(), "station", f"0000{i}", f"单位{i}", "t")
        for i, p in enumerate(pairs)
    ]
    registry = Registry([records[0]])
    report = registry.merge(Registry([records[1]]))
    assert [r.key_id for r in report.added] == [records[1].key_id]
    registry.revoke(records[0].key_id)
    # Merging a file that still calls the key active does not bring it back.
    registry.merge(Registry([records[0]]))
    assert registry.records[records[0].key_id].revoked
    conflicting = KeyRecord(records[1].key_id, records[0].public_key, "station", "x", "x", "t")
    with pytest.raises(RegistryError):
        Registry.from_bytes(Registry([conflicting]).to_bytes())
    path = tmp_path / "registry.json"
    registry.save(path)
    assert Registry.load(path).records.keys() == registry.records.keys()
    document = canonical.parse(path.read_bytes())
    document["keys"][0]["fingerprint"] = "0000 " * 9 + "0000"
    path.write_bytes(canonical.encode(document))
    with pytest.raises(RegistryError, match="指纹"):
        Registry.load(path)
    with pytest.raises(RegistryError):
        Registry.from_bytes(b"not json")


def test_bureau_key_file_and_setting(station_db: Database, actors: Actors, tmp_path: Path) -> None:
    record = keys.generate_key_file(
        tmp_path / "bureau.key", tmp_path / "bureau.json", "bureau passphrase", "市局"
    )
    assert record.owner == BUREAU
    with pytest.raises(Conflict):
        keys.generate_key_file(
            tmp_path / "bureau.key", tmp_path / "b2.json", "bureau passphrase", "市局"
        )
    assert keys.load_key_file(tmp_path / "bureau.key", "bureau passphrase").key_id == record.key_id
    with pytest.raises(WrongPassphrase):
        keys.load_key_file(tmp_path / "bureau.key", "nope nope")
    found = keys.read_bureau_key_file(tmp_path / "bureau.json")
    keys.add_bureau_keys(station_db, actors.admin, found)
    assert [r.key_id for r in keys.bureau_keys(station_db)] == [record.key_id]
    station_key = keys.create_key(station_db, actors.admin, "station passphrase")
    keys.export_public(station_db, tmp_path / "station.json")
    with pytest.raises(KeyProblem, match="没有市局的公钥"):
        keys.read_bureau_key_file(tmp_path / "station.json")
    assert station_key.key_id != record.key_id
