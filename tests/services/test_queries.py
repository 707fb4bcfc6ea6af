"""Item queries: filters, free text and sorting over the head revisions."""

from __future__ import annotations

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.factories import catalogue_content


def test_search_filters_and_sorting(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    a = catalogue.changes.create(actors.clerk, catalogue_content(catalogue, "户籍业务预约办理"))
    b = catalogue.changes.create(actors.clerk, catalogue_content(catalogue, "居住证办理指南"))
    c = catalogue.changes.create(actors.clerk, catalogue_content(catalogue, "警情通报", code="07"))
    assert catalogue.items.search_ids(ItemQuery(text="服务承诺")) == [a.id, b.id, c.id]  # content
    assert catalogue.items.search_ids(ItemQuery(text="居住证")) == [b.id]  # name
    assert catalogue.items.search_ids(ItemQuery(text="00002")) == [b.id]  # 索引号
    assert catalogue.items.search_ids(ItemQuery(text="户籍 预约")) == [a.id]
    assert catalogue.items.search_ids(ItemQuery(text="100%")) == []
    category_07 = next(x for x in catalogue.reference.categories() if x.code == "07")
    assert catalogue.items.search_ids(ItemQuery(category_id=category_07.id)) == [c.id]
    assert catalogue.items.search_ids(ItemQuery(kind=ItemKind.LICENSING)) == []
    assert catalogue.items.search_ids(ItemQuery(descending=True)) == [c.id, b.id, a.id]
    rows = catalogue.items.rows([c.id, a.id])
    assert [r.name for r in rows] == ["警情通报", "户籍业务预约办理"]
