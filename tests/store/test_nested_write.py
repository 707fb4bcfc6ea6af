"""A write inside a write joins it: several service calls are one transaction."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import ItemRow
from tests.conftest import Actors
from tests.factories import catalogue_content


def _count(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(ItemRow)) or 0)


def test_calls_inside_a_write_are_undone_with_it(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    with pytest.raises(RuntimeError), station_db.write():
        catalogue.changes.create(actors.clerk, catalogue_content(catalogue, "甲"))
        catalogue.changes.create(actors.clerk, catalogue_content(catalogue, "乙"))
        assert _count(station_db) == 0  # other connections see nothing yet
        raise RuntimeError("half-way")
    assert _count(station_db) == 0
    with station_db.write():
        catalogue.changes.create(actors.clerk, catalogue_content(catalogue, "甲"))
    assert _count(station_db) == 1


def test_a_failed_inner_call_is_undone_alone_when_caught(
    station_db: Database, actors: Actors
) -> None:
    catalogue = Catalogue(station_db)
    with station_db.write():
        catalogue.changes.create(actors.clerk, catalogue_content(catalogue, "甲"))
        with pytest.raises(RuntimeError), station_db.write() as session:
            session.add(ItemRow(uuid="x", kind="catalogue", index_number="y"))
            session.flush()
            raise RuntimeError("inner")
    assert _count(station_db) == 1


def test_another_thread_gets_its_own_transaction(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    seen: list[bool] = []
    with station_db.write() as outer:

        def other() -> None:
            # Not inside this thread's write: a transaction of its own, which waits for
            # ours (busy timeout) and then fails rather than joining it.
            try:
                with station_db.write() as session:
                    seen.append(session is outer)
            except Exception:
                seen.append(False)

        worker = threading.Thread(target=other)
        worker.start()
        catalogue.changes.create(actors.clerk, catalogue_content(catalogue, "甲"))
    worker.join()
    assert seen == [False]
