"""``gwgk drafts``: what a crashed GUI left behind, handled without Qt."""

from __future__ import annotations

import pytest

from gwgk_desktop.cli import main
from gwgk_desktop.domain.enums import Status
from gwgk_desktop.domain.models import Item, ItemContent
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.services.autosave import DraftSession, orphaned_drafts
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import Database
from tests.conftest import Actors, abandon
from tests.factories import catalogue_content


def _left_behind(db: Database, drafts: dict[str, tuple[Item | None, ItemContent]]) -> None:
    """Drafts a killed GUI left: ``key -> (item it edits or None, content)``."""
    session = DraftSession(db.path)
    for key, (item, content) in drafts.items():
        session.write(
            key,
            content,
            item_id=item.id if item else None,
            item_uuid=item.uuid if item else None,
            base_revision=item.revision if item else None,
            operator="clerk",
        )
    abandon(session)


@pytest.fixture
def cli(station_db: Database, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("GWGK_PASSWORD", "clerk123")
    return ["--db", str(station_db.path), "drafts"]


def test_list_save_and_discard(
    station_db: Database, actors: Actors, cli: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue))
    edited = catalogue_content(catalogue, name="便民服务承诺（停电前修改）")
    _left_behind(
        station_db,
        {item.uuid: (item, edited), "new-1": (None, catalogue_content(catalogue, "新事项草稿"))},
    )
    assert main([*cli, "list"]) == 0
    listed = capsys.readouterr().out
    assert "便民服务承诺（停电前修改）" in listed and "新事项草稿" in listed and "新建" in listed

    assert main([*cli, "save", item.uuid, "--user", "clerk"]) == 0
    assert main([*cli, "discard", "new-1"]) == 0
    assert orphaned_drafts(station_db.path) == []
    saved = catalogue.items.get(item.id)
    assert saved.name == "便民服务承诺（停电前修改）" and saved.status is Status.DRAFT
    assert catalogue.items.count() == 1, "the discarded draft never reached the catalogue"


def test_a_stale_draft_is_refused_unless_forced(
    station_db: Database, actors: Actors, cli: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    catalogue = Catalogue(station_db)
    item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue))
    _left_behind(station_db, {item.uuid: (item, catalogue_content(catalogue, "旧草稿"))})
    # Approved and edited again since: the head is revision 2 now.
    catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
    catalogue.review.transition(actors.reviewer, item.id, Action.APPROVE)
    catalogue.changes.update(actors.clerk, item.id, catalogue_content(catalogue, "第二版"), 1)

    save = [*cli, "save", item.uuid, "--user", "clerk"]
    assert main(save) == 8  # Conflict
    assert "已被他人修改" in capsys.readouterr().err
    assert len(orphaned_drafts(station_db.path)) == 1, "a refused draft is kept"
    assert main([*save, "--force"]) == 0
    assert catalogue.items.get(item.id).name == "旧草稿"


def test_unknown_key(cli: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*cli, "discard", "nope"]) == 7
    assert "没有名为 nope" in capsys.readouterr().err
