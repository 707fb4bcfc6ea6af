"""Fixtures for package tests: a demo station with an approved item carrying attachments,
its public-key registry, and one package exported from it (built once per module and
copied, since the tamper suite verifies it over a thousand times)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from gwgk_desktop.domain.models import Material
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.services import export, keys
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.demo import build_demo, demo_key_passphrase
from gwgk_desktop.store.database import Database, open_database
from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.registry import KeyRecord, Registry
from tests.conftest import Actors, actors_of
from tests.factories import catalogue_content, licensing_content

PASSPHRASE = demo_key_passphrase()


def approve(catalogue: Catalogue, actors: Actors, item_id: int) -> None:
    catalogue.review.transition(actors.clerk, item_id, Action.SUBMIT)
    catalogue.review.transition(actors.reviewer, item_id, Action.APPROVE)


def add_item_with_attachments(db: Database, folder: Path) -> None:
    """An approved catalogue item with two attachments and a licensing item whose
    material has a sample form: the package then has attachment entries."""
    catalogue = Catalogue(db)
    actors = actors_of(db)
    files = []
    for name, data in (
        ("服务承诺.pdf", b"%PDF-1.4 " + bytes(range(256)) * 40),
        ("公开栏照片.jpg", b"\xff\xd8\xff" + b"\x10\x80" * 3000),
    ):
        path = folder / name
        path.write_bytes(data)
        files.append(catalogue.attachments.add(path))
    content = catalogue_content(catalogue, "便民服务承诺（附件）")
    content.attachments = files
    approve(catalogue, actors, catalogue.changes.create(actors.clerk, content).id)
    sample = folder / "申请表范本.pdf"
    sample.write_bytes(b"%PDF-1.4 sample form")
    blob = catalogue.attachments.add(sample)
    licensing = licensing_content(catalogue, "居住证签注")
    licensing.materials = [
        Material("申请表", sample_sha256=blob.sha256, sample_filename=blob.filename)
    ]
    approve(catalogue, actors, catalogue.changes.create(actors.clerk, licensing).id)


@dataclass(frozen=True)
class Exported:
    package: Path
    registry: Path
    db_path: Path


@pytest.fixture(scope="module")
def _exported_template(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    folder = tmp_path_factory.mktemp("exported")
    db_path = folder / "exported.sqlite"
    build_demo(db_path, items=30, key_passphrase=PASSPHRASE)
    with open_database(db_path) as db:
        add_item_with_attachments(db, folder)
        export.export_package(
            db, actors_of(db).admin, folder / "station.gwgk", passphrase=PASSPHRASE
        )
        keys.export_public(db, folder / "registry.json")
    return Exported(folder / "station.gwgk", folder / "registry.json", db_path)


@pytest.fixture
def exported(_exported_template: Exported, tmp_path: Path) -> Exported:
    """A copy of one exported package, its registry and its station database."""
    copies = [
        shutil.copyfile(source, tmp_path / source.name)
        for source in (
            _exported_template.package,
            _exported_template.registry,
            _exported_template.db_path,
        )
    ]
    return Exported(*copies)


@pytest.fixture
def registry(exported: Exported) -> Registry:
    return Registry.load(exported.registry)


@pytest.fixture
def keyed_db(demo_db: Database) -> Iterator[Database]:
    """The demo station (it has a signing key sealed with PASSPHRASE)."""
    yield demo_db


@pytest.fixture
def signer(keyed_db: Database) -> KeyPair:
    return keys.unlock(keyed_db, PASSPHRASE)


@pytest.fixture
def signer_of_package(exported: Exported) -> KeyPair:
    """The key that signed ``exported`` (what a forger with the station's key holds)."""
    with open_database(exported.db_path) as db:
        return keys.unlock(db, PASSPHRASE)


@pytest.fixture(scope="module")
def _other_station(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A second station (another organisation code) with its own key and package."""
    from gwgk_desktop.domain.enums import Role
    from gwgk_desktop.services import station
    from tests.conftest import PASSWORDS, PROFILE

    folder = tmp_path_factory.mktemp("other")
    db = open_database(folder / "other.sqlite", create=True)
    with db:
        station.initialize(db, PROFILE, "admin", "王管理", PASSWORDS["admin"])
        admin = station.actor_for(station.list_operators(db)[0])
        station.create_operator(db, admin, "reviewer", "李审核", Role.REVIEWER, "review123")
        station.create_operator(db, admin, "clerk", "张录入", Role.CLERK, "clerk123")
        keys.create_key(db, admin, PASSPHRASE)
        catalogue = Catalogue(db)
        actors = actors_of(db)
        approve(
            catalogue,
            actors,
            catalogue.changes.create(actors.clerk, catalogue_content(catalogue)).id,
        )
        export.export_package(db, admin, folder / "other.gwgk", passphrase=PASSPHRASE)
        keys.export_public(db, folder / "other-key.json")
    return folder / "other.gwgk", folder / "other.sqlite"


@pytest.fixture
def other_station(_other_station: tuple[Path, Path]) -> tuple[bytes, KeyRecord]:
    package, _db_path = _other_station
    registry = Registry.load(package.with_name("other-key.json"))
    (record,) = registry.records.values()
    return package.read_bytes(), record


@pytest.fixture
def other_key(_other_station: tuple[Path, Path]) -> KeyPair:
    with open_database(_other_station[1]) as db:
        return keys.unlock(db, PASSPHRASE)


@pytest.fixture
def db(exported: Exported) -> Iterator[Database]:
    """The station that made ``exported`` (export number 1 is in its history)."""
    with open_database(exported.db_path) as database:
        yield database


def export_as_admin(db: Database, out: Path, **options: Any) -> export.ExportResult:
    """Export from ``db`` as its administrator, with the demo key's passphrase."""
    return export.export_package(db, actors_of(db).admin, out, passphrase=PASSPHRASE, **options)
