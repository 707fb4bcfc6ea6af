"""Creating many items at once (imports): the same items, checks, 索引号 and audit
records as creating them one by one."""

from __future__ import annotations

from collections.abc import Collection

import pytest

from gwgk_desktop.errors import Conflict, UserError, ValidationFailed
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.text_search import ResidentTexts
from tests.conftest import PROFILE, Actors
from tests.factories import catalogue_content, licensing_content


def test_many_at_once_are_the_items_one_by_one_would_be(
    station_db: Database, actors: Actors
) -> None:
    catalogue = Catalogue(station_db)
    contents = [catalogue_content(catalogue, f"事项{n}") for n in range(5)]
    contents.append(licensing_content(catalogue))  # with child rows: created one by one
    ids = catalogue.changes.create_many(actors.clerk, contents)
    items = [catalogue.items.get(i) for i in ids]
    assert [i.content for i in items] == contents
    assert [i.index_number for i in items[:5]] == [
        f"{PROFILE.org_code}/{items[0].index_number[10:14]}-{n:05d}" for n in range(1, 6)
    ]
    assert items[5].index_number.endswith("-00006")
    assert {i.updated_by for i in items} == {actors.clerk.display_name}
    assert [h.action for h in catalogue.items.history(ids[0])] == ["item.create"]
    with station_db.read() as session:
        assert audit.verify_chain(session).ok
    assert catalogue.items.text_matches("事项3") == {ids[3]}
    # the next single create continues the numbers
    after = catalogue.changes.create(actors.clerk, catalogue_content(catalogue, "再一个"))
    assert after.index_number.endswith("-00007")


def test_kept_numbers_must_be_this_stations_and_free(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    kept = f"{PROFILE.org_code}/2019-00042"
    (first,) = catalogue.changes.create_many(
        actors.clerk, [catalogue_content(catalogue, "甲")], [kept]
    )
    assert catalogue.items.get(first).index_number == kept
    with pytest.raises(Conflict, match="已被本单位的另一事项使用"):
        catalogue.changes.create_many(actors.clerk, [catalogue_content(catalogue, "乙")], [kept])
    with pytest.raises(UserError, match="不是本单位的"):
        catalogue.changes.create_many(
            actors.clerk, [catalogue_content(catalogue, "乙")], ["000011111/2019-00001"]
        )
    assert catalogue.items.count() == 1


def test_one_bad_content_refuses_them_all(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    bad = catalogue_content(catalogue, "名" * 201)
    with pytest.raises(ValidationFailed, match="名称不能超过200个字"):
        catalogue.changes.create_many(actors.clerk, [catalogue_content(catalogue, "甲"), bad])
    with pytest.raises(UserError, match="审核人不能新建"):
        catalogue.changes.create_many(actors.reviewer, [catalogue_content(catalogue, "甲")])
    assert catalogue.items.count() == 0


def test_texts_kept_in_memory_are_not_used_after_a_change(
    station_db: Database, actors: Actors, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``keep_texts`` holds the searched texts for the filter; any change to the
    database (which moves the audit log's head) retires them until they are read again."""
    catalogue = Catalogue(station_db)
    ids = catalogue.changes.create_many(
        actors.clerk, [catalogue_content(catalogue, f"事项{n}") for n in range(5)]
    )
    read: list[str] = []
    matching = ResidentTexts.matching

    def reading(self: ResidentTexts, query: str, within: Collection[int] | None = None) -> set[int]:
        read.append(query)
        return matching(self, query, within)

    monkeypatch.setattr(ResidentTexts, "matching", reading)
    items = catalogue.items
    items.keep_texts()
    # "事项" is in every item's name: cheaper to read the texts than the index.
    assert items.text_matches("事项") == set(ids) and read == ["事项"]
    later = catalogue.changes.create(actors.clerk, catalogue_content(catalogue, "新的事项"))
    assert items.text_matches("事项") == {*ids, later.id} and read == ["事项"]
    items.keep_texts()
    assert items.text_matches("事项") == {*ids, later.id} and read == ["事项", "事项"]
