"""Autosaved editor drafts: atomic files beside the database, offered back only when the
instance that wrote them is gone."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.domain.models import ItemContent, Material, ServiceGuide
from gwgk_desktop.services import autosave
from gwgk_desktop.services.autosave import DraftSession, drafts_dir, orphaned_drafts
from tests.conftest import abandon


def _content(name: str = "出生登记") -> ItemContent:
    return ItemContent(
        kind=ItemKind.LICENSING,
        name=name,
        channels=("website",),
        guide=ServiceGuide(conditions="一个月内申报", legal_limit_days=30),
        materials=[Material("出生医学证明", copies=2)],
    )


def test_drafts_live_beside_the_database_and_round_trip(tmp_path: Path) -> None:
    db_path = tmp_path / "station.sqlite"
    session = DraftSession(db_path)
    path = session.write(
        "item-7", _content(), item_id=7, item_uuid="u-7", base_revision=2, operator="clerk"
    )
    assert path.parent.parent == drafts_dir(db_path) == tmp_path / "station.sqlite.drafts"
    assert not list(path.parent.glob(".*.part")), "the temporary file was renamed into place"
    abandon(session)

    (draft,) = orphaned_drafts(db_path)
    assert (draft.key, draft.item_id, draft.item_uuid, draft.base_revision) == (
        "item-7",
        7,
        "u-7",
        2,
    )
    assert draft.operator == "clerk"
    assert draft.content == _content()
    assert not draft.is_new


def test_a_running_instance_keeps_its_drafts(tmp_path: Path) -> None:
    db_path = tmp_path / "station.sqlite"
    first = DraftSession(db_path)
    first.write("new-1", _content(), item_id=None, item_uuid=None, base_revision=None, operator="a")
    second = DraftSession(db_path)
    assert orphaned_drafts(db_path, own=second) == []
    abandon(first)
    (draft,) = orphaned_drafts(db_path, own=second)
    assert draft.is_new
    autosave.discard(draft)
    assert orphaned_drafts(db_path, own=second) == []
    assert not first.folder.exists(), "the emptied folder of the dead instance is removed"
    second.close()
    assert not drafts_dir(db_path).exists()


def test_a_killed_process_releases_its_lock(tmp_path: Path) -> None:
    db_path = tmp_path / "station.sqlite"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from gwgk_desktop.domain.models import ItemContent\n"
        "from gwgk_desktop.services.autosave import DraftSession\n"
        "s = DraftSession(Path(sys.argv[1]))\n"
        "s.write('k', ItemContent(name='断电前'), item_id=None, item_uuid=None,"
        " base_revision=None, operator='clerk')\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(db_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        assert orphaned_drafts(db_path) == [], "the live process still owns its draft"
    finally:
        child.kill()
        child.wait()
    (draft,) = orphaned_drafts(db_path)
    assert draft.content.name == "断电前"


def test_clean_close_removes_the_folder_and_empty_crashes_are_tidied(tmp_path: Path) -> None:
    db_path = tmp_path / "station.sqlite"
    session = DraftSession(db_path)
    session.write("k", _content(), item_id=None, item_uuid=None, base_revision=None, operator="a")
    session.remove("k")
    session.close()
    assert not drafts_dir(db_path).exists()

    crashed = DraftSession(db_path)
    abandon(crashed)
    assert orphaned_drafts(db_path) == []
    assert not crashed.folder.exists()


def test_unreadable_drafts_are_skipped_not_deleted(tmp_path: Path) -> None:
    db_path = tmp_path / "station.sqlite"
    session = DraftSession(db_path)
    session.write("good", _content(), item_id=None, item_uuid=None, base_revision=None, operator="")
    bad = session.folder / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    other = session.folder / "other.json"
    other.write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    abandon(session)
    assert [d.key for d in orphaned_drafts(db_path)] == ["good"]
    assert bad.exists() and other.exists()


@settings(max_examples=25, deadline=None)
@given(
    name=st.text(max_size=60),
    text=st.text(max_size=300),
    copies=st.integers(min_value=-5, max_value=200),
)
def test_any_typed_content_survives_the_round_trip(name: str, text: str, copies: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db_path = Path(folder) / "x.sqlite"
        content = _content(name)
        content.content = text
        content.materials[0].copies = copies
        session = DraftSession(db_path)
        session.write("k", content, item_id=1, item_uuid="u", base_revision=1, operator="c")
        abandon(session)
        (draft,) = orphaned_drafts(db_path)
        assert draft.content == content
