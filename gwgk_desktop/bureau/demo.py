"""``gwgk bureau demo``: a city's worth of stations to try the bureau's side with, and the
data the bureau's benchmarks run on.

In ``DIR``: ``stations/`` N station databases with distinct names, organisation codes and
signing keys (all sealed with the demo passphrase); ``packages/`` one signed package each,
exported by the station's own exporter; ``registry.json`` their public keys; and
``bureau.sqlite``, a bureau database with the registry, a reporting round that closed ten
days ago, and most packages already taken in (some on time, some late) — the rest are left
on the "stick" (``packages/``) to take in from the GUI or ``gwgk bureau intake``.

Stations are made fast from one template station (the station demo, every item approved or
published): each copy gets its own profile, organisation code and 索引号, item UUIDs and
key, and some deliberately lack one or two categories, so the status and the notice have
something to say.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from gwgk_desktop.domain.enums import Level
from gwgk_desktop.domain.models import StationProfile
from gwgk_desktop.errors import UserError
from gwgk_desktop.progress import SILENT, Progress

DISTRICTS = (
    "城关", "城东", "城西", "城南", "城北", "高新", "经开", "江北", "滨江", "东湖",
    "西山", "南湖", "北岭", "临港", "新区",
)  # fmt: skip
TOWNS = (
    "和平", "解放", "人民", "新华", "建设", "胜利", "长江", "黄河", "青年", "光明",
    "振兴", "东风", "朝阳", "向阳", "团结", "友谊", "幸福", "民主", "文化", "红旗",
    "五一", "八一", "中山", "永安", "太平", "安居", "长青", "松柏", "桃园", "梅林",
    "柳湾", "杏林", "荷塘", "竹溪", "兰亭", "菊园", "枫林", "银杏", "龙泉", "凤鸣",
)  # fmt: skip
MAX_STATIONS = len(DISTRICTS) * len(TOWNS)
#: Template station: its name and numbers are replaced in every copy.
TEMPLATE = StationProfile(
    name="示范市公安局模板派出所",
    org_code="000000001",
    level=Level.STATION,
    parent_unit="示范市公安局模板分局",
    address="示范市模板区模板路1号",
    office_hours="周一至周五 上午8:30—12:00，下午14:00—17:30",
    phone="0531-80000001",
    complaint_phone="0531-86009110",
    email="station@example.gov.cn",
)
#: Categories a station may lack (not the licensing and fee ones).
OPTIONAL_CATEGORIES = ("05", "07", "08", "09", "10")


@dataclass(frozen=True)
class DemoStation:
    profile: StationProfile
    database: Path
    package: Path
    key_file: Path


@dataclass(frozen=True)
class BureauDemo:
    folder: Path
    stations: list[DemoStation]
    registry: Path
    bureau: Path
    taken_in: int
    seconds: float


def profile_for(number: int) -> StationProfile:
    """Station ``number`` (0-based) of the demo city."""
    district = DISTRICTS[number % len(DISTRICTS)]
    town = TOWNS[(number // len(DISTRICTS)) % len(TOWNS)]
    return StationProfile(
        name=f"示范市公安局{district}分局{town}派出所",
        org_code=f"{110100001 + number}",
        level=Level.STATION,
        parent_unit=f"示范市公安局{district}分局",
        address=f"示范市{district}区{town}路{number % 97 + 1}号",
        office_hours=TEMPLATE.office_hours,
        phone=f"0531-8{number:07d}"[:13],
        complaint_phone=TEMPLATE.complaint_phone,
        email=f"pcs{number + 1}@example.gov.cn",
    )


def _template(folder: Path, items: int, passphrase: str) -> Path:
    from gwgk_desktop.services.demo import IN_FORCE_MIX, build_demo

    path = folder / "template.sqlite"
    build_demo(path, items, 20260910, passphrase, profile=TEMPLATE, mix=IN_FORCE_MIX)
    return path


def _rebrand(path: Path, profile: StationProfile, rng: random.Random, lacking: list[str]) -> None:
    """Make a copy of the template this station's own (straight in SQL: the copy is new
    and nobody has it open)."""
    old, new = TEMPLATE, profile
    replacements = [
        (old.name, new.name),
        (old.parent_unit, new.parent_unit),
        (old.address, new.address),
        (old.phone, new.phone),
        (old.org_code, new.org_code),
    ]
    texts = {
        "item_revisions": ("subject", "publisher", "summary", "content"),
        "licensing_guides": ("department", "place", "phone"),
        "item_search": ("text",),
        "items": ("index_number",),
    }
    with sqlite3.connect(path) as connection:
        connection.execute(
            "UPDATE station SET name=?, org_code=?, parent_unit=?, address=?, phone=?, email=?",
            (new.name, new.org_code, new.parent_unit, new.address, new.phone, new.email),
        )
        for table, columns in texts.items():
            for column in columns:
                for before, after in replacements:
                    connection.execute(
                        f"UPDATE {table} SET {column} = replace({column}, ?, ?)", (before, after)
                    )
        connection.execute("UPDATE index_counters SET org_code = ?", (new.org_code,))
        # Item uuids stay the template's: the audit records name items by uuid, and an
        # export refuses items whose history those records do not back. The bureau keeps
        # each station's items apart, so stations may share uuids.
        ids = [row[0] for row in connection.execute("SELECT id FROM items ORDER BY id")]
        # Stations differ: when their items fall due for an update, and a few items still
        # being drafted (not in force, so not in the package).
        connection.execute(
            "UPDATE item_revisions SET update_due = date(update_due, ?) "
            "WHERE update_due IS NOT NULL",
            (f"+{rng.choice((0, 200, 700, 700))} days",),
        )
        share = rng.choice((0.0, 0.05, 0.15))
        drafts = [i for i in ids if rng.random() < share]
        connection.executemany(
            "UPDATE item_revisions SET status = 'draft', published_on = NULL "
            "WHERE item_id = ? AND is_head = 1 AND item_id IN "
            "(SELECT id FROM items WHERE kind = 'catalogue')",
            [(i,) for i in drafts],
        )
        if lacking:
            marks = ",".join("?" * len(lacking))
            # The clerk of this station moved these categories' items to the recycle bin.
            connection.execute(
                "UPDATE items SET deleted_at = CURRENT_TIMESTAMP "
                "WHERE kind = 'catalogue' AND id IN (SELECT r.item_id FROM item_revisions r "
                f"JOIN categories c ON c.id = r.category_id WHERE c.code IN ({marks}))",
                lacking,
            )
    connection.close()


def _build_station(args: tuple[int, Path, Path, str, int]) -> DemoStation:
    """One station: copy, rebrand, new key, export its package, its public key."""
    from gwgk_desktop.services import export, keys, station
    from gwgk_desktop.store.database import open_database

    number, template, folder, passphrase, seed = args
    rng = random.Random(seed * 1000 + number)
    profile = profile_for(number)
    database = folder / "stations" / f"{profile.org_code}.sqlite"
    shutil.copyfile(template, database)
    lacking = rng.sample(OPTIONAL_CATEGORIES, rng.choice((1, 2))) if number % 4 == 3 else []
    _rebrand(database, profile, rng, lacking)
    package = folder / "packages" / f"{profile.org_code}.gwgk"
    key_file = folder / "stations" / f"{profile.org_code}-公钥.json"
    with open_database(database) as db:
        admin = station.actor_for(station.list_operators(db)[0])
        keys.create_key(db, admin, passphrase, replace=True)
        export.export_package(db, admin, package, passphrase=passphrase)
        keys.export_public(db, key_file)
    return DemoStation(profile, database, package, key_file)


def build_bureau_demo(
    out: Path,
    stations: int = 30,
    items: int = 40,
    *,
    seed: int = 20260910,
    jobs: int = 1,
    take_in: bool = True,
    progress: Progress = SILENT,
) -> BureauDemo:
    """Build the demo city in ``out`` (which must be new or empty); see the module."""
    import time

    from gwgk_desktop.services.demo import demo_key_passphrase
    from gwgk_desktop.submission.registry import Registry

    if not 1 <= stations <= MAX_STATIONS:
        raise UserError(
            f"单位数量应在1到{MAX_STATIONS}之间", f"--stations must be 1..{MAX_STATIONS}"
        )
    if items < 0:
        raise UserError("事项数量不能为负数", "--items must be >= 0")
    if out.exists() and any(out.iterdir()):
        raise UserError(
            f"{out} 已存在且不是空文件夹；演示数据只写入新的文件夹", f"{out} is not empty"
        )
    started = time.perf_counter()
    passphrase = demo_key_passphrase()
    for sub in ("stations", "packages"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    progress.report(0, stations, "正在生成模板单位")
    with tempfile.TemporaryDirectory(prefix="gwgk-demo-") as scratch:
        template = _template(Path(scratch), items, passphrase)
        work = [(n, template, out, passphrase, seed) for n in range(stations)]
        built: list[DemoStation] = []
        if jobs > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for done, result in enumerate(pool.map(_build_station, work), start=1):
                    built.append(result)
                    progress.report(done, stations, f"已生成 {result.profile.name}")
        else:
            for done, job in enumerate(work, start=1):
                built.append(_build_station(job))
                progress.report(done, stations, f"已生成 {built[-1].profile.name}")
    registry = Registry()
    for station in built:
        registry.merge(Registry.load(station.key_file))
    registry.save(out / "registry.json")
    taken = _set_up_bureau(out, built, seed) if take_in else 0
    return BureauDemo(
        out,
        built,
        out / "registry.json",
        out / "bureau.sqlite",
        taken,
        time.perf_counter() - started,
    )


def _set_up_bureau(out: Path, built: list[DemoStation], seed: int) -> int:
    """The demo bureau: registry, a round that opened 20 days ago and closed 10 days ago,
    and about four in five packages taken in on days around the due date."""
    from gwgk_desktop.bureau import intake, registry, rounds
    from gwgk_desktop.bureau.database import open_bureau
    from gwgk_desktop.bureau.status import utc_start_of

    rng = random.Random(seed)
    today = dt.date.today()
    opens, due = today - dt.timedelta(days=20), today - dt.timedelta(days=10)
    taken = 0
    with open_bureau(out / "bureau.sqlite", create=True) as db:
        db.set_office("示范市公安局政务公开办公室")
        registry.import_file(db, out / "registry.json", by="演示")
        rounds.add_round(db, "集中填报", opens, due, "各单位报送本单位政务公开目录")
        for station in built:
            if rng.random() < 0.2:
                continue  # still on the stick
            day = opens + dt.timedelta(days=rng.choice(range(2, 15)))
            when = utc_start_of(day) + dt.timedelta(hours=rng.randint(8, 17))
            result = intake.take_in(db, [station.package], received_at=when, by="演示")
            taken += result.count(intake.ACCEPTED)
    return taken


def default_jobs() -> int:
    """Worker processes for the demo: the CPUs, except in the frozen app (one)."""
    import sys

    return 1 if getattr(sys, "frozen", False) else max(1, min(os.cpu_count() or 1, 4))
