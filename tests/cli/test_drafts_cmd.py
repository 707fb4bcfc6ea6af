"""``gwgk drafts``: what a crashed GUI left behind, handled without Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwgk_desktop.cli import main
from gwgk_desktop.domain.enums import Status
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.services.autosave import DraftSession, orphaned_drafts
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import open_database
from tests.conftest import actors_of
from tests.factories import catalogue_content


def _leave(session: DraftSession) -> None:
    """A killed process: files stay, the lock goes."""
    assert session._lock_handle is not None
    session._lock_handle.close()
    session._lock_handle = None


def test_list_save_and_discard(
    station_db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_database(station_db_path) as db:
        catalogue = Catalogue(db)
        clerk = actors_of(db).clerk
        item = catalogue.create(clerk, catalogue_content(catalogue))
        edited = catalogue_content(catalogue, name="便民服务承诺（停电前修改）")
        new = catalogue_content(catalogue, name="新事项草稿")
    session = DraftSession(station_db_path)
    session.write(item.uuid, edited, item_id=item.id, item_uuid=item.uuid,
                  base_revision=item.revision, operator="clerk")  # fmt: skip
    session.write("new-1", new, item_id=None, item_uuid=None, base_revision=None, operator="clerk")
    _leave(session)

    assert main(["--db", str(station_db_path), "drafts", "list"]) == 0
    listed = capsys.readouterr().out
    assert "便民服务承诺（停电前修改）" in listed and "新事项草稿" in listed and "新建" in listed

    monkeypatch.setenv("GWGK_PASSWORD", "clerk123")
    assert main(["--db", str(station_db_path), "drafts", "save", item.uuid, "--user", "clerk"]) == 0
    assert main(["--db", str(station_db_path), "drafts", "discard", "new-1"]) == 0
    assert orphaned_drafts(station_db_path) == []
    with open_database(station_db_path) as db:
        saved = Catalogue(db).get(item.id)
        assert saved.name == "便民服务承诺（停电前修改）" and saved.status is Status.DRAFT
        assert Catalogue(db).count() == 1, "the discarded draft never reached the catalogue"


def test_a_stale_draft_is_refused_unless_forced(
    station_db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_database(station_db_path) as db:
        catalogue = Catalogue(db)
        clerk = actors_of(db).clerk
        item = catalogue.create(clerk, catalogue_content(catalogue))
        catalogue.update(clerk, item.id, catalogue_content(catalogue, name="别处已改"), 1)
        # Approved, then edited again: the head is revision 2 now.
        catalogue.transition(clerk, item.id, Action.SUBMIT)
        catalogue.transition(actors_of(db).reviewer, item.id, Action.APPROVE)
        catalogue.update(clerk, item.id, catalogue_content(catalogue, name="第二版"), 1)
        typed_before = catalogue_content(catalogue, name="旧草稿")
    session = DraftSession(station_db_path)
    session.write(item.uuid, typed_before, item_id=item.id, item_uuid=item.uuid,
                  base_revision=1, operator="clerk")  # fmt: skip
    _leave(session)
    monkeypatch.setenv("GWGK_PASSWORD", "clerk123")
    args = ["--db", str(station_db_path), "drafts", "save", item.uuid, "--user", "clerk"]
    assert main(args) == 8  # Conflict
    assert "已被他人修改" in capsys.readouterr().err
    assert len(orphaned_drafts(station_db_path)) == 1, "a refused draft is kept"
    assert main([*args, "--force"]) == 0
    with open_database(station_db_path) as db:
        assert Catalogue(db).get(item.id).name == "旧草稿"


def test_unknown_key(station_db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(station_db_path), "drafts", "discard", "nope"]) == 7
    assert "没有名为 nope" in capsys.readouterr().err
