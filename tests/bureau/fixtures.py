"""Fixtures for the bureau's tests (a plugin of tests/conftest.py, so the GUI tests share
them): every test that takes ``bureau_target`` runs twice, on an SQLite file and on
PostgreSQL (a fresh schema of the server in ``GWGK_TEST_PG_URL`` per test; without that
variable the PostgreSQL runs skip and say why, and fail under CI=true).

``city`` is three demo stations, each with its key and three packages exported one after
another (built once per run, copied per test): what a bureau receives on sticks.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from gwgk_desktop.bureau.database import BureauDatabase, open_bureau
from gwgk_desktop.domain.enums import Level
from gwgk_desktop.domain.models import StationProfile
from gwgk_desktop.services import export, keys
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.demo import IN_FORCE_MIX, build_demo
from gwgk_desktop.store.database import open_database
from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.registry import Registry
from tests.conftest import actors_of
from tests.factories import catalogue_content

PG_ENV = "GWGK_TEST_PG_URL"
PASSPHRASE = "bureau-test-passphrase"
STATIONS = tuple(
    StationProfile(
        name=f"测试市公安局{area}派出所",
        org_code=f"11000000{number}",
        level=Level.STATION,
        parent_unit=f"测试市公安局{area}分局",
        address=f"测试市{area}人民路{number}号",
        office_hours="工作日 8:30—17:30",
        phone=f"0531-8800000{number}",
        complaint_phone="0531-88889110",
    )
    for number, area in enumerate(("城东", "城西", "高新区"), start=1)
)
PACKAGES_PER_STATION = 3


# ---------------------------------------------------------------------------- databases
@pytest.fixture(scope="session")
def pg_server() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI=true but {PG_ENV} is not set: the bureau's PostgreSQL tests must run")
        pytest.skip(
            f"PostgreSQL tests skipped: no server ({PG_ENV} unset; `make test` starts one "
            "when the distribution's postgresql package is installed)"
        )
    return url


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A PostgreSQL URL whose tables go to a schema of their own, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    base = make_url(pg_server).set(drivername="postgresql+psycopg")
    engine = create_engine(base)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    url = base.update_query_dict({"options": f"-csearch_path={schema},public"})
    yield url.render_as_string(hide_password=False)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def bureau_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a bureau database goes: an SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return str(tmp_path / "bureau.sqlite")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def bureau(bureau_target: str) -> Iterator[BureauDatabase]:
    db = open_bureau(bureau_target, create=True)
    yield db
    db.close()


# ---------------------------------------------------------------------------- stations
@dataclass(frozen=True)
class StationFiles:
    profile: StationProfile
    db_path: Path
    key_file: Path
    #: Packages 1, 2, 3, exported one after another (one more item approved before each).
    packages: tuple[Path, ...]

    @property
    def org_code(self) -> str:
        return self.profile.org_code


@dataclass(frozen=True)
class City:
    folder: Path
    stations: tuple[StationFiles, ...]
    registry: Path

    def packages(self, number: int) -> list[Path]:
        """Every station's package ``number`` (1-based)."""
        return [s.packages[number - 1] for s in self.stations]


def add_approved_item(db_path: Path, name: str) -> None:
    from gwgk_desktop.domain.workflow import Action

    with open_database(db_path) as db:
        catalogue = Catalogue(db)
        actors = actors_of(db)
        item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue, name))
        catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
        catalogue.review.transition(actors.reviewer, item.id, Action.APPROVE)


def export_next(db_path: Path, target: Path) -> Path:
    with open_database(db_path) as db:
        export.export_package(db, actors_of(db).admin, target, passphrase=PASSPHRASE)
    return target


@pytest.fixture(scope="session")
def _city(tmp_path_factory: pytest.TempPathFactory) -> City:
    folder = tmp_path_factory.mktemp("city")
    stations = []
    registry = Registry()
    for number, profile in enumerate(STATIONS, start=1):
        db_path = folder / f"station-{number}.sqlite"
        build_demo(
            db_path, items=8, seed=number, key_passphrase=PASSPHRASE, profile=profile,
            mix=IN_FORCE_MIX,
        )  # fmt: skip
        packages = []
        for sequence in range(1, PACKAGES_PER_STATION + 1):
            if sequence > 1:
                add_approved_item(db_path, f"第{sequence}次报送前新增的事项")
            packages.append(export_next(db_path, folder / f"{profile.org_code}-{sequence}.gwgk"))
        key_file = folder / f"{profile.org_code}-key.json"
        with open_database(db_path) as db:
            keys.export_public(db, key_file)
        registry.merge(Registry.load(key_file))
        stations.append(StationFiles(profile, db_path, key_file, tuple(packages)))
    registry.save(folder / "registry.json")
    return City(folder, tuple(stations), folder / "registry.json")


@pytest.fixture
def city(_city: City, tmp_path: Path) -> City:
    """A private copy of the city's files."""
    folder = tmp_path / "city"
    shutil.copytree(_city.folder, folder)

    def moved(path: Path) -> Path:
        return folder / path.relative_to(_city.folder)

    return City(
        folder,
        tuple(
            replace(
                s,
                db_path=moved(s.db_path),
                key_file=moved(s.key_file),
                packages=tuple(moved(p) for p in s.packages),
            )
            for s in _city.stations
        ),
        moved(_city.registry),
    )


@pytest.fixture
def stick(city: City, tmp_path: Path) -> Path:
    """A USB stick with every station's first package."""
    folder = tmp_path / "stick"
    folder.mkdir()
    for package in city.packages(1):
        shutil.copyfile(package, folder / package.name)
    return folder


@pytest.fixture
def registered(bureau: BureauDatabase, city: City) -> BureauDatabase:
    """The bureau with every station's key registered."""
    from gwgk_desktop.bureau import registry

    registry.import_file(bureau, city.registry, by="测试")
    return bureau


def station_key(db_path: Path) -> KeyPair:
    """The station's private key (what a forger holding it could sign with)."""
    with open_database(db_path) as db:
        return keys.unlock(db, PASSPHRASE)
