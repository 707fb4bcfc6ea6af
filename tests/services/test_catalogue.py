"""Catalogue service: create, edit, revisions, listing, search, soft delete."""

from __future__ import annotations

import datetime as dt

import pytest

from gwgk_desktop.domain.enums import ItemKind, Status
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from gwgk_desktop.services.catalogue import Catalogue, ItemQuery
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.factories import catalogue_content, fee_content, licensing_content


def test_create_and_read_back_every_field(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    fee = catalogue.create(actors.clerk, fee_content(catalogue))
    content = licensing_content(catalogue)
    content.fee_links = [fee.uuid]
    item = catalogue.create(actors.clerk, content)
    assert item.status is Status.DRAFT
    assert item.revision == 1
    assert item.index_number == "000099001/" + item.index_number.split("/")[1]
    assert catalogue.get(item.id).content == content


def test_saving_a_draft_allows_missing_fields_but_not_malformed_ones(
    station_db: Database, actors: Actors
) -> None:
    catalogue = Catalogue(station_db)
    content = catalogue_content(catalogue)
    content.basis = ""
    item = catalogue.create(actors.clerk, content)  # a half-filled draft saves
    content.name = "名" * 201
    with pytest.raises(ValidationFailed) as raised:
        catalogue.update(actors.clerk, item.id, content, base_revision=1)
    assert [p.field for p in raised.value.problems] == ["name"]
    with pytest.raises(ValidationFailed) as raised:
        catalogue.transition(actors.clerk, item.id, Action.SUBMIT)
    assert "公开依据" in raised.value.message


def test_editing_a_published_item_makes_a_new_draft_revision(
    station_db: Database, actors: Actors
) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.create(actors.clerk, catalogue_content(catalogue))
    catalogue.transition(actors.clerk, item.id, Action.SUBMIT)
    catalogue.transition(actors.reviewer, item.id, Action.APPROVE)
    catalogue.transition(
        actors.reviewer, item.id, Action.PUBLISH, publish_date=dt.date(2026, 9, 20)
    )
    changed = catalogue.get(item.id).content
    changed.content = "更新后的公开内容"
    draft = catalogue.update(actors.clerk, item.id, changed, base_revision=1)
    assert (draft.revision, draft.status, draft.live_revision) == (2, Status.DRAFT, 1)
    live = catalogue.live(item.id)
    assert live is not None and live.status is Status.PUBLISHED and live.revision == 1
    assert live.content.content != "更新后的公开内容"
    # Approving the new revision puts it in force and retires the old one.
    catalogue.transition(actors.clerk, item.id, Action.SUBMIT)
    catalogue.transition(actors.reviewer, item.id, Action.APPROVE)
    live = catalogue.live(item.id)
    assert live is not None and live.revision == 2


def test_stale_edit_is_refused(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.create(actors.clerk, catalogue_content(catalogue))
    catalogue.transition(actors.clerk, item.id, Action.SUBMIT)
    catalogue.transition(actors.reviewer, item.id, Action.APPROVE)
    content = catalogue.get(item.id).content
    catalogue.update(actors.clerk, item.id, content, base_revision=1)  # now revision 2
    with pytest.raises(Conflict):
        catalogue.update(actors.clerk, item.id, content, base_revision=1)


def test_pending_items_cannot_be_edited_and_reviewers_cannot_create(
    station_db: Database, actors: Actors
) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.create(actors.clerk, catalogue_content(catalogue))
    catalogue.transition(actors.clerk, item.id, Action.SUBMIT)
    with pytest.raises(PermissionDenied, match="审核中"):
        catalogue.update(actors.clerk, item.id, catalogue.get(item.id).content, 1)
    with pytest.raises(PermissionDenied):
        catalogue.create(actors.reviewer, catalogue_content(catalogue))


def test_search_filters_and_sorting(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    a = catalogue.create(actors.clerk, catalogue_content(catalogue, "户籍业务预约办理"))
    b = catalogue.create(actors.clerk, catalogue_content(catalogue, "居住证办理指南"))
    c = catalogue.create(actors.clerk, catalogue_content(catalogue, "警情通报", code="07"))
    assert catalogue.search_ids(ItemQuery(text="服务承诺")) == [a.id, b.id, c.id]  # content
    assert catalogue.search_ids(ItemQuery(text="居住证")) == [b.id]  # name
    assert catalogue.search_ids(ItemQuery(text="00002")) == [b.id]  # 索引号
    assert catalogue.search_ids(ItemQuery(text="户籍 预约")) == [a.id]
    assert catalogue.search_ids(ItemQuery(text="100%")) == []
    category_07 = next(x for x in catalogue.categories() if x.code == "07")
    assert catalogue.search_ids(ItemQuery(category_id=category_07.id)) == [c.id]
    assert catalogue.search_ids(ItemQuery(kind=ItemKind.LICENSING)) == []
    assert catalogue.search_ids(ItemQuery(descending=True)) == [c.id, b.id, a.id]
    rows = catalogue.rows([c.id, a.id])
    assert [r.name for r in rows] == ["警情通报", "户籍业务预约办理"]


def test_soft_delete_and_restore(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.create(actors.clerk, catalogue_content(catalogue))
    catalogue.delete(actors.clerk, item.id)
    assert catalogue.search_ids() == []
    assert catalogue.search_ids(ItemQuery(deleted=True)) == [item.id]
    with pytest.raises(NotFound):
        catalogue.update(actors.clerk, item.id, item.content, 1)
    catalogue.restore(actors.clerk, item.id)
    assert catalogue.search_ids() == [item.id]


def test_an_item_in_force_must_be_withdrawn_before_deleting(
    station_db: Database, actors: Actors
) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.create(actors.clerk, catalogue_content(catalogue))
    catalogue.transition(actors.clerk, item.id, Action.SUBMIT)
    catalogue.transition(actors.reviewer, item.id, Action.APPROVE)
    with pytest.raises(PermissionDenied, match="请先撤回公开"):
        catalogue.delete(actors.clerk, item.id)
    catalogue.transition(actors.reviewer, item.id, Action.WITHDRAW, comment="过时")
    catalogue.delete(actors.clerk, item.id)
    assert catalogue.get(item.id).deleted
