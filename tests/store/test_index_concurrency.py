"""索引号 stay unique and gapless when two processes create items at the same time."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path

import pytest

from gwgk_desktop.domain.index_number import IndexNumber
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import open_database
from tests.conftest import actors_of
from tests.factories import catalogue_content

PER_PROCESS = 25


def _create_items(path: str, start: mp.synchronize.Event, tag: str) -> None:
    db = open_database(Path(path))
    catalogue = Catalogue(db)
    clerk = actors_of(db).clerk
    start.wait()
    for n in range(PER_PROCESS):
        catalogue.changes.create(clerk, catalogue_content(catalogue, f"{tag}{n}"))
    db.close()


@pytest.mark.slow
def test_two_processes_never_share_an_index_number(station_db_path: Path) -> None:
    context = mp.get_context("spawn")
    start = context.Event()
    workers = [
        context.Process(target=_create_items, args=(str(station_db_path), start, tag))
        for tag in ("甲", "乙")
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    db = open_database(station_db_path)
    rows = Catalogue(db).items.list_rows()
    db.close()
    numbers = [IndexNumber.parse(row.index_number) for row in rows]
    assert len(rows) == 2 * PER_PROCESS
    assert len({str(n) for n in numbers}) == len(numbers)
    assert sorted(n.serial for n in numbers) == list(range(1, 2 * PER_PROCESS + 1))
