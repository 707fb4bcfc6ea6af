"""Item changes: create, edit (in place or as a new revision), stale edits, who may
change what, soft delete and restore."""

from __future__ import annotations

import datetime as dt

import pytest

from gwgk_desktop.domain.enums import Status
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.factories import catalogue_content, fee_content, licensing_content


def test_create_and_read_back_every_field(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    fee = catalogue.changes.create(actors.clerk, fee_content(catalogue))
    content = licensing_content(catalogue)
    content.fee_links = [fee.uuid]
    item = catalogue.changes.create(actors.clerk, content)
    assert item.status is Status.DRAFT
    assert item.revision == 1
    assert item.index_number == "000099001/" + item.index_number.split("/")[1]
    assert catalogue.items.get(item.id).content == content


def test_saving_a_draft_allows_missing_fields_but_not_malformed_ones(
    station_db: Database, actors: Actors
) -> None:
    catalogue = Catalogue(station_db)
    content = catalogue_content(catalogue)
    content.basis = ""
    item = catalogue.changes.create(actors.clerk, content)  # a half-filled draft saves
    content.name = "名" * 201
    with pytest.raises(ValidationFailed) as raised:
        catalogue.changes.update(actors.clerk, item.id, content, base_revision=1)
    assert [p.field for p in raised.value.problems] == ["name"]
    with pytest.raises(ValidationFailed) as raised:
        catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
    assert "公开依据" in raised.value.message


def test_editing_a_published_item_makes_a_new_draft_revision(
    station_db: Database, actors: Actors
) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue))
    catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
    catalogue.review.transition(actors.reviewer, item.id, Action.APPROVE)
    catalogue.review.transition(
        actors.reviewer, item.id, Action.PUBLISH, publish_date=dt.date(2026, 9, 20)
    )
    changed = catalogue.items.get(item.id).content
    changed.content = "更新后的公开内容"
    draft = catalogue.changes.update(actors.clerk, item.id, changed, base_revision=1)
    assert (draft.revision, draft.status, draft.live_revision) == (2, Status.DRAFT, 1)
    live = catalogue.items.live(item.id)
    assert live is not None and live.status is Status.PUBLISHED and live.revision == 1
    assert live.content.content != "更新后的公开内容"
    # Approving the new revision puts it in force and retires the old one.
    catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
    catalogue.review.transition(actors.reviewer, item.id, Action.APPROVE)
    live = catalogue.items.live(item.id)
    assert live is not None and live.revision == 2


def test_stale_edit_is_refused(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue))
    catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
    catalogue.review.transition(actors.reviewer, item.id, Action.APPROVE)
    content = catalogue.items.get(item.id).content
    catalogue.changes.update(actors.clerk, item.id, content, base_revision=1)  # now revision 2
    with pytest.raises(Conflict):
        catalogue.changes.update(actors.clerk, item.id, content, base_revision=1)


def test_pending_items_cannot_be_edited_and_reviewers_cannot_create(
    station_db: Database, actors: Actors
) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue))
    catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
    with pytest.raises(PermissionDenied, match="审核中"):
        catalogue.changes.update(actors.clerk, item.id, catalogue.items.get(item.id).content, 1)
    with pytest.raises(PermissionDenied):
        catalogue.changes.create(actors.reviewer, catalogue_content(catalogue))


def test_soft_delete_and_restore(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue))
    catalogue.changes.delete(actors.clerk, item.id)
    assert catalogue.items.search_ids() == []
    assert catalogue.items.search_ids(ItemQuery(deleted=True)) == [item.id]
    with pytest.raises(NotFound):
        catalogue.changes.update(actors.clerk, item.id, item.content, 1)
    catalogue.changes.restore(actors.clerk, item.id)
    assert catalogue.items.search_ids() == [item.id]


def test_an_item_in_force_must_be_withdrawn_before_deleting(
    station_db: Database, actors: Actors
) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue))
    catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
    catalogue.review.transition(actors.reviewer, item.id, Action.APPROVE)
    with pytest.raises(PermissionDenied, match="请先撤回公开"):
        catalogue.changes.delete(actors.clerk, item.id)
    catalogue.review.transition(actors.reviewer, item.id, Action.WITHDRAW, comment="过时")
    catalogue.changes.delete(actors.clerk, item.id)
    assert catalogue.items.get(item.id).deleted
