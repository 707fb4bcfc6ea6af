"""The print commands' light path (``services.light_print``: plain ``sqlite3``, no
SQLAlchemy) prints exactly what the full path prints, is used only on a database at the
schema revision its statements were compiled for, and its compiled statements are
those the full path runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from reportlab import rl_config
from sqlalchemy import create_engine

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.errors import DatabaseLocked, NotFound
from gwgk_desktop.pdf.document import Notes
from gwgk_desktop.progress import SILENT
from gwgk_desktop.services import privacy, station
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.light_print import print_light, snapshot
from gwgk_desktop.services.output_guard import PrivacyBlocked
from gwgk_desktop.services.print_reads import PrintReads
from gwgk_desktop.services.printing import (
    DocumentKind,
    PrintRequest,
    PrintResult,
    collect,
    gather,
    produce,
)
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store import compiled_statements, migrate
from gwgk_desktop.store.database import Database, open_database
from tests.conftest import Actors
from tests.pdf.pdfcheck import Pdf, compact
from tests.services.test_privacy import ID_NUMBER, MASKED_ID, _approved_with_id

ROOT = Path(__file__).resolve().parents[2]
DATE = dt.date(2026, 9, 20)


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "compile_statements", ROOT / "tools" / "compile_statements.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_compiled_statements_are_up_to_date() -> None:
    tool = _tool()
    assert tool.TARGET.read_text(encoding="utf-8") == tool.compile_all(), (
        "gwgk_desktop/store/compiled_statements.py is out of date: "
        "run python tools/compile_statements.py"
    )


def test_the_frozen_revision_is_the_migrations_head() -> None:
    assert migrate.head_revision() == compiled_statements.HEAD


@pytest.fixture
def invariant(monkeypatch: pytest.MonkeyPatch) -> None:
    """PDFs without their creation time and random id, so two prints compare byte for byte."""
    monkeypatch.setattr(rl_config, "invariant", 1)


def _both(path: Path, db: Database, request: PrintRequest, folder: Path) -> PrintResult:
    """Print ``request`` both ways; the PDFs and what is said about them are the same."""
    full = produce(db, request, folder / "full.pdf")
    light = print_light(path, lambda _reads: request, folder / "light.pdf")
    assert light is not None, "the light path applies to a database at the current revision"
    assert (folder / "light.pdf").read_bytes() == (folder / "full.pdf").read_bytes()
    assert (light.pages, light.items, light.notes) == (full.pages, full.items, full.notes)
    assert light.font == full.font
    return light


def _licensing(db: Database) -> tuple[int, int]:
    """A licensing item in force and one merely submitted."""
    items = Catalogue(db).items
    ids = items.search_ids(ItemQuery(kind=ItemKind.LICENSING))
    live = next(i for i in ids if items.live(i) is not None)
    return live, next(i for i in ids if items.live(i) is None)


def _categories(db: Database) -> frozenset[int]:
    """Two categories that hold items in force, one of them with licensing items."""
    catalogue = Catalogue(db)
    licensing = catalogue.items.get(catalogue.items.search_ids()[0])
    ids = {
        item.content.category_id
        for item in catalogue.items.iter_items(in_force=True)
        if item.kind is ItemKind.LICENSING
    }
    ids.add(licensing.content.category_id)
    return frozenset(i for i in sorted(ids, key=str)[:2] if i is not None)


@pytest.mark.usefixtures("invariant")
def test_every_document_is_byte_for_byte_the_full_paths(demo_db_path: Path, tmp_path: Path) -> None:
    board = PrintRequest(DocumentKind.NOTICE_BOARD, date=DATE)
    with open_database(demo_db_path, readonly=True) as db:
        categories = _categories(db)
        live, pending = _licensing(db)
        requests = [
            board,
            dataclasses.replace(board, paper="A4", landscape=True),
            dataclasses.replace(board, include_drafts=True),
            dataclasses.replace(board, category_ids=categories),
            PrintRequest(DocumentKind.CATALOGUE, date=DATE),
            PrintRequest(
                DocumentKind.CATALOGUE, date=DATE, include_drafts=True, category_ids=categories
            ),
            PrintRequest(DocumentKind.GUIDE, date=DATE, item_id=live),
            PrintRequest(DocumentKind.GUIDE, date=DATE, item_id=pending, include_drafts=True),
        ]
        results = [_both(demo_db_path, db, r, tmp_path) for r in requests]
    # What was compared holds what it should: charts on the board, drafts when asked.
    assert results[0].items > 20 and results[0].pages > 1
    assert results[2].items > results[0].items
    assert 0 < results[3].items < results[0].items
    with open_database(demo_db_path, readonly=True) as db:
        _both(demo_db_path, db, requests[0], tmp_path)
    text = compact(Pdf(tmp_path / "light.pdf").text())
    assert "示范市公安局城关派出所" in text and "2026年9月20日" in text


@pytest.mark.usefixtures("invariant")
def test_private_data_is_refused_or_masked_alike(
    station_db: Database, station_db_path: Path, actors: Actors, tmp_path: Path
) -> None:
    _approved_with_id(station_db, actors)
    request = PrintRequest(DocumentKind.NOTICE_BOARD, date=DATE)
    with pytest.raises(PrivacyBlocked) as full:
        produce(station_db, request, tmp_path / "full.pdf")
    with pytest.raises(PrivacyBlocked) as light:
        print_light(station_db_path, lambda _reads: request, tmp_path / "light.pdf")
    assert str(light.value) == str(full.value) and ID_NUMBER not in str(light.value)
    assert light.value.exit_code == full.value.exit_code
    assert not (tmp_path / "light.pdf").exists()
    result = _both(
        station_db_path, station_db, dataclasses.replace(request, mask_private=True), tmp_path
    )
    assert any("已对1处个人信息打码" in note for note in result.notes)
    assert MASKED_ID in compact(Pdf(tmp_path / "light.pdf").text())


def test_an_older_database_or_a_refusal_takes_the_full_path(
    demo_db_path: Path, tmp_path: Path
) -> None:
    """An older database; a guide of an item without an approved revision (the full
    path says so, as ``tests/cli`` checks)."""
    with open_database(demo_db_path, readonly=True) as db:
        _live, pending = _licensing(db)
    guide = PrintRequest(DocumentKind.GUIDE, item_id=pending)
    assert print_light(demo_db_path, lambda _reads: guide, tmp_path / "guide.pdf") is None
    assert not (tmp_path / "guide.pdf").exists()
    older = _one_revision_older(demo_db_path, tmp_path)
    board = PrintRequest(DocumentKind.NOTICE_BOARD, date=DATE)
    assert print_light(older, lambda _reads: board, tmp_path / "board.pdf") is None
    assert not (tmp_path / "board.pdf").exists()


def test_what_is_not_a_current_database_takes_the_full_path(tmp_path: Path) -> None:
    """Missing, empty, not SQLite, SQLite of another application: None, nothing written
    (the full path then says what is wrong, as ``tests/cli`` checks)."""
    board = PrintRequest(DocumentKind.NOTICE_BOARD, date=DATE)
    (tmp_path / "empty.sqlite").write_bytes(b"")
    (tmp_path / "text.sqlite").write_text("这不是数据库\n" * 100, encoding="utf-8")
    with sqlite3.connect(tmp_path / "other.sqlite") as other:
        other.execute("CREATE TABLE notes (body TEXT)")
    for name in ("missing.sqlite", "empty.sqlite", "text.sqlite", "other.sqlite"):
        assert print_light(tmp_path / name, lambda _reads: board, tmp_path / "x.pdf") is None
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "missing.sqlite").exists()


def test_a_locked_database_is_said_so_after_one_wait(
    demo_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A database another process holds locked: the light path, having waited out its
    busy timeout, says what the full path says (``DatabaseLocked``) instead of handing
    over to the full path to wait as long again."""
    import gwgk_desktop.services.light_print as light

    monkeypatch.setattr(light, "BUSY_TIMEOUT_S", 0.05)
    locked = tmp_path / "locked.sqlite"
    shutil.copy(demo_db_path, locked)
    holder = sqlite3.connect(locked, isolation_level=None)
    try:
        # In WAL mode only a connection in exclusive locking mode shuts readers out.
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("COMMIT")
        board = PrintRequest(DocumentKind.NOTICE_BOARD, date=DATE)
        with pytest.raises(DatabaseLocked, match="占用"):
            print_light(locked, lambda _reads: board, tmp_path / "board.pdf")
        assert not (tmp_path / "board.pdf").exists()
    finally:
        holder.close()
    assert print_light(locked, lambda _reads: board, tmp_path / "board.pdf") is not None


def _one_revision_older(path: Path, folder: Path) -> Path:
    """A copy of the database at ``path`` taken back one schema revision."""
    from alembic import command

    older = folder / "older.sqlite"
    shutil.copy(path, older)
    engine = create_engine(f"sqlite:///{older}")
    try:
        with engine.connect() as connection, connection.begin():
            command.downgrade(migrate.alembic_config(connection), "-1")
    finally:
        engine.dispose()
    return older


WRAPPER = """
import sys
from gwgk_desktop.cli import main
code = main(sys.argv[1:])
loaded = [m for m in ("sqlalchemy", "alembic") if m in sys.modules]
print("LOADED", " ".join(loaded) or "-")
sys.exit(code)
"""


def _gwgk(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WRAPPER, *argv], capture_output=True, text=True, check=False
    )


def test_the_print_command_never_imports_sqlalchemy(demo_db_path: Path, tmp_path: Path) -> None:
    with open_database(demo_db_path, readonly=True) as db:
        number = Catalogue(db).items.get(_licensing(db)[0]).index_number
    for document, extra in (
        ("notice-board", ["--landscape"]),
        ("catalogue", ["--drafts"]),
        ("guide", ["--item", number]),
    ):
        out = tmp_path / f"{document}.pdf"
        done = _gwgk("--db", str(demo_db_path), "print", document, "--out", str(out), *extra)
        assert done.returncode == 0, done.stderr
        assert "LOADED -" in done.stdout and f"已生成：{out}" in done.stdout
        assert Pdf(out).pages >= 1
    # An older database is read the full way (an upgraded copy; the file is not changed).
    older = _one_revision_older(demo_db_path, tmp_path)
    before = older.read_bytes()
    out = tmp_path / "older.pdf"
    done = _gwgk("--db", str(older), "print", "notice-board", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "LOADED sqlalchemy alembic" in done.stdout and Pdf(out).pages >= 1
    assert older.read_bytes() == before


@pytest.fixture
def light_reads(demo_db_path: Path) -> Iterator[PrintReads]:
    with snapshot(demo_db_path) as reader:
        yield PrintReads(reader)


def test_the_light_reads_give_the_same_values(
    demo_db: Database, demo_db_path: Path, light_reads: PrintReads
) -> None:
    """Station, channels, categories, every item (head and in force), the privacy rules."""
    catalogue = Catalogue(demo_db)
    assert light_reads.profile() == station.get_profile(demo_db)
    assert light_reads.privacy_rules() == privacy.load_rules(demo_db)
    for include_inactive in (False, True):
        assert light_reads.categories(include_inactive) == catalogue.reference.categories(
            include_inactive
        )
    assert light_reads.channels() == catalogue.reference.channels()
    first = catalogue.items.get(catalogue.items.search_ids()[0])
    for ref in (first.id, first.uuid, first.index_number, f" {first.index_number} "):
        assert light_reads.resolve(ref) == first.id
    with pytest.raises(NotFound, match="找不到事项"):
        light_reads.resolve("99999999")
    ids = catalogue.items.search_ids()
    assert light_reads.item_ids() == ids
    for kind in ItemKind:
        assert light_reads.item_ids(kind=kind) == catalogue.items.search_ids(ItemQuery(kind=kind))
    for category in catalogue.reference.categories():
        assert light_reads.item_ids(category_id=category.id) == catalogue.items.search_ids(
            ItemQuery(category_id=category.id)
        )
    for in_force in (False, True):
        light = list(light_reads.items_of(ids, in_force=in_force, batch=100))
        assert light == list(catalogue.items.items_of(ids, in_force=in_force, batch=100))
    request = PrintRequest(DocumentKind.NOTICE_BOARD, date=DATE, include_drafts=True)
    notes_full, notes_light = Notes(), Notes()
    with demo_db.snapshot() as view:
        full = gather(view, request, notes_full, SILENT)
    assert collect(light_reads, request, notes_light, SILENT) == full
    assert notes_light.items == notes_full.items
