"""Bureau-signed reference templates: signing, verifying against the configured bureau
key, showing the changes, installing in one transaction."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from gwgk_desktop.services import keys, template
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import ReferenceTemplate
from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.registry import BUREAU, KeyRecord
from gwgk_desktop.submission.template_sign import (
    TemplateSignatureError,
    open_signed_template,
    sign_template,
)
from tests.conftest import Actors


def newer_template() -> dict[str, Any]:
    payload = copy.deepcopy(template.builtin_template())
    payload["version"] += 1
    payload["categories"].append(
        {
            "code": "11",
            "name": "双随机抽查",
            "lead_unit": "法制部门",
            "responsible_unit": "各业务警种",
        }
    )
    payload["channels"] = [c for c in payload["channels"] if c["code"] != "gazette"]
    payload["stages"][0]["end"] = "09-12"
    return payload


@pytest.fixture
def bureau() -> KeyPair:
    return KeyPair.generate()


@pytest.fixture
def bureau_record(bureau: KeyPair) -> KeyRecord:
    return KeyRecord(bureau.key_id, bureau.public.hex(), BUREAU, "", "市局", "t")


@pytest.fixture
def trusting_db(station_db: Database, actors: Actors, bureau_record: KeyRecord) -> Database:
    keys.add_bureau_keys(station_db, actors.admin, [bureau_record])
    return station_db


def test_sign_and_open(bureau: KeyPair, bureau_record: KeyRecord) -> None:
    data = sign_template(newer_template(), bureau, "市局政务公开办公室")
    opened = open_signed_template(data, [bureau_record])
    assert opened.payload == newer_template()
    assert opened.key_id == bureau.key_id


def test_refusals(bureau: KeyPair, bureau_record: KeyRecord) -> None:
    data = sign_template(newer_template(), bureau, "市局")
    with pytest.raises(TemplateSignatureError, match="尚未设置市局公钥"):
        open_signed_template(data, [])
    stranger = KeyPair.generate()
    with pytest.raises(TemplateSignatureError, match="不是本单位设置的市局公钥"):
        open_signed_template(sign_template(newer_template(), stranger, "冒充"), [bureau_record])
    document = json.loads(data)
    document["signed"]["template"]["version"] += 1
    with pytest.raises(TemplateSignatureError, match="签名无效"):
        open_signed_template(canonical.encode(document), [bureau_record])
    # A package signature is not a template signature: the signed part must say so.
    signed = {"purpose": "something-else", "key_id": bureau.key_id, "template": {}}
    document = {
        "format": "gwgk-signed-template",
        "format_version": 1,
        "signed": signed,
        "signature": {
            "algorithm": "ed25519",
            "key_id": bureau.key_id,
            "value": bureau.sign(canonical.encode(signed)).hex(),
        },
    }
    with pytest.raises(TemplateSignatureError, match="签名内容不符"):
        open_signed_template(canonical.encode(document), [bureau_record])
    with pytest.raises(TemplateSignatureError):
        open_signed_template(b"{}", [bureau_record])


def test_import_shows_changes_and_applies_in_one_transaction(
    trusting_db: Database, actors: Actors, bureau: KeyPair, tmp_path: Path
) -> None:
    path = tmp_path / "template.gwgkt"
    path.write_bytes(sign_template(newer_template(), bureau, "市局"))
    signed, changes = template.read_signed(trusting_db, path)
    assert changes.added_categories == ["双随机抽查"]
    assert changes.removed_channels == ["政府公报"]
    assert changes.stages_changed
    assert changes.to_version == signed.payload["version"]
    with pytest.raises(Exception, match="管理员"):
        template.import_signed(trusting_db, actors.clerk, path)
    template.import_signed(trusting_db, actors.admin, path)
    catalogue = Catalogue(trusting_db)
    assert "双随机抽查" in [c.name for c in catalogue.reference.categories()]
    assert "gazette" not in [c.code for c in catalogue.reference.channels()]
    with trusting_db.read() as session:
        active = session.scalars(select(ReferenceTemplate).where(ReferenceTemplate.active)).one()
        assert active.source == f"bureau:{bureau.key_id}"
    with pytest.raises(template.TemplateError, match="不高于"):
        template.read_signed(trusting_db, path)


def test_a_failing_install_changes_nothing(
    trusting_db: Database,
    actors: Actors,
    bureau: KeyPair,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "template.gwgkt"
    path.write_bytes(sign_template(newer_template(), bureau, "市局"))
    before = [(c.code, c.name) for c in Catalogue(trusting_db).reference.categories()]
    channels = [c.code for c in Catalogue(trusting_db).reference.channels()]

    def fail(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk trouble at the very end of the install")

    # The last step of the install fails after categories, channels and stages changed.
    monkeypatch.setattr("gwgk_desktop.services.template.audit.append", fail)
    with pytest.raises(RuntimeError):
        template.import_signed(trusting_db, actors.admin, path)
    assert [(c.code, c.name) for c in Catalogue(trusting_db).reference.categories()] == before
    assert [c.code for c in Catalogue(trusting_db).reference.channels()] == channels


def test_a_superseded_template_is_refused_after_another_id_was_installed(
    trusting_db: Database, actors: Actors, bureau: KeyPair, tmp_path: Path
) -> None:
    """Before, only the active template's version was compared: once a template with
    another id was installed, an old version of the first could be imported again."""
    old_version = newer_template()
    newest = newer_template()
    newest["version"] = old_version["version"] + 1
    other = newer_template()
    other["template_id"] = "county-template"
    other["version"] = 1
    files = {}
    for name, payload in (("old", old_version), ("newest", newest), ("other", other)):
        files[name] = tmp_path / f"{name}.gwgkt"
        files[name].write_bytes(sign_template(payload, bureau, "市局"))
    template.import_signed(trusting_db, actors.admin, files["newest"])
    template.import_signed(trusting_db, actors.admin, files["other"])
    with pytest.raises(template.TemplateError, match="曾经安装过的版本"):
        template.read_signed(trusting_db, files["old"])
    with pytest.raises(template.TemplateError, match="曾经安装过的版本"):
        template.import_signed(trusting_db, actors.admin, files["old"])
    with trusting_db.read() as session:
        assert template.highest_installed(session, newest["template_id"]) == newest["version"]
