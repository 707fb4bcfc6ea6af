"""The package records SQLite writes (``store.record_lines``) are the bytes Python writes
(``services.export._item_record`` through ``canonical.encode``) for the values clerks
enter, and differ (so are never taken) where SQLite cannot write a value as Python does;
the export that takes them writes the very package it writes without them."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gwgk_desktop.domain.models import Attachment, FlowNode, ItemContent
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.services import export, keys
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import Database, open_database
from gwgk_desktop.store.item_batches import names_of_operators, read_items
from gwgk_desktop.store.reads import SqliteReader
from gwgk_desktop.store.record_lines import record_lines
from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.format import ITEM_FILES
from tests.conftest import actors_of
from tests.factories import catalogue_content, fee_content, licensing_content
from tests.strategies import item_contents
from tests.submission.conftest import PASSPHRASE, add_item_with_attachments

#: Texts with what JSON must escape: quotes, backslashes, control characters, and beyond
#: the BMP (NUL aside: SQLite's JSON functions end a text there, Python does not).
awkward = st.text(
    alphabet=st.one_of(
        st.sampled_from('"\\/\b\f\n\r\t\x01\x1f\x7f\u2028\u2029\ufeff中😀'),
        st.characters(exclude_characters="\x00"),
    ),
    max_size=30,
)


def _lines(db: Database) -> tuple[dict[int, bytes], dict[int, bytes]]:
    """Every item's record in force, as SQLite writes it and as the export writes it."""
    with db.read() as session:
        connection = session.connection().connection.driver_connection
        assert isinstance(connection, sqlite3.Connection)
        ids = [row[0] for row in connection.execute("SELECT id FROM items ORDER BY id")]
        records = record_lines(connection, ids)
        sqlite_lines = {i: r.line for i, r in records.items()}
        reader = SqliteReader(connection)
        items = read_items(reader, ids, in_force=True, names=names_of_operators(reader))
        codes = {row[0]: row[1] for row in connection.execute("SELECT id, code FROM categories")}
    # What the export counts of a record it takes is what it counts of the item.
    for item_id, record in records.items():
        item = items[item_id]
        assert (record.revision_id, record.uuid) == (item.revision_id, item.uuid)
        assert sorted(record.blobs) == sorted(export._blob_refs(item))
        assert record.flowchart == (item.content.flowchart is not None)
        assert record.links_fees == bool(item.content.fee_links)
    python_lines = {
        i: canonical.encode(export._item_record(item, codes)) for i, item in items.items()
    }
    return sqlite_lines, python_lines


def _in_force(db: Database, item_id: int) -> None:
    """Approve the item's revision straight in the file (its content may not pass the
    checks of a real approval; the records do not care)."""
    with sqlite3.connect(db.path) as writer:
        writer.execute(
            "UPDATE item_revisions SET status = 'approved' WHERE item_id = ?", (item_id,)
        )
    writer.close()


@pytest.fixture
def catalogue(station_db: Database) -> Iterator[Catalogue]:
    yield Catalogue(station_db)


def _integral(content: ItemContent) -> ItemContent:
    """Flowchart positions on whole numbers, as the editor's grid places them."""
    if content.flowchart is None:
        return content
    nodes = [
        dataclasses.replace(n, x=float(round(n.x)), y=float(round(n.y)))
        for n in content.flowchart.nodes
    ]
    return dataclasses.replace(
        content, flowchart=dataclasses.replace(content.flowchart, nodes=nodes)
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(contents=st.lists(item_contents(), min_size=1, max_size=3), name=awkward, basis=awkward)
def test_sqlite_writes_the_bytes_python_writes(
    station_db_path: Path, tmp_path: Path, contents: list[ItemContent], name: str, basis: str
) -> None:
    path = tmp_path / f"example-{len(list(tmp_path.iterdir()))}.sqlite"
    path.write_bytes(station_db_path.read_bytes())
    with open_database(path) as db:
        catalogue = Catalogue(db)
        clerk = actors_of(db).clerk
        for content in contents:
            _in_force(db, catalogue.changes.create(clerk, _integral(content)).id)
        with sqlite3.connect(path) as writer:  # texts no form lets in
            writer.execute("UPDATE item_revisions SET name = ?, basis = ?", (name, basis))
        writer.close()
        sqlite_lines, python_lines = _lines(db)
    assert sqlite_lines.keys() == python_lines.keys()
    for item_id, line in python_lines.items():
        assert sqlite_lines[item_id] == line


def test_attachments_sample_forms_guides_and_fee_links_are_written_alike(
    station_db: Database, tmp_path: Path
) -> None:
    add_item_with_attachments(station_db, tmp_path)
    catalogue = Catalogue(station_db)
    actors = actors_of(station_db)
    licensing = licensing_content(catalogue, "居住证签注（收费）")
    fee = catalogue.changes.create(actors.clerk, fee_content(catalogue, "工本费"))
    licensing.fee_links = [fee.uuid]
    _in_force(station_db, catalogue.changes.create(actors.clerk, licensing).id)
    sqlite_lines, python_lines = _lines(station_db)
    assert sqlite_lines == python_lines
    records = [json.loads(line) for line in sqlite_lines.values()]
    assert any(r["content"]["attachments"] for r in records)
    assert any(r["content"]["fee_links"] for r in records)
    assert any(r["content"]["materials"] and r["content"]["guide"] for r in records)


def test_a_value_sqlite_writes_otherwise_makes_the_record_differ(
    catalogue: Catalogue,
) -> None:
    """Python writes 0.1 as ``0.1``, SQLite with all 17 digits: the record differs, so no
    earlier record's digest can match it, and the export reads the item in full."""
    db = catalogue.db
    content = licensing_content(catalogue, "出入境证件办理")
    assert content.flowchart is not None and content.flowchart.nodes
    first = content.flowchart.nodes[0]
    content.flowchart.nodes[0] = FlowNode(first.key, first.kind, first.text, x=0.1, y=-0.0)
    _in_force(db, catalogue.changes.create(actors_of(db).clerk, content).id)
    sqlite_lines, python_lines = _lines(db)
    (item_id,) = python_lines
    assert sqlite_lines[item_id] != python_lines[item_id]
    assert json.loads(sqlite_lines[item_id]) == json.loads(python_lines[item_id])


def _export(path: Path, out: Path) -> dict[str, bytes]:
    with open_database(path) as db:
        export.export_package(db, actors_of(db).admin, out, passphrase=PASSPHRASE)
    with zipfile.ZipFile(out) as package:
        return {name: package.read(name) for name in ITEM_FILES.values()}


@pytest.fixture
def exported_station(station_db_path: Path, tmp_path: Path) -> Path:
    """A station with approved items of every kind, attachments, a flowchart off the grid
    (SQLite's record of it differs), and one export behind it (its checked items)."""
    with open_database(station_db_path) as db:
        add_item_with_attachments(db, tmp_path)
        catalogue = Catalogue(db)
        actors = actors_of(db)
        content = licensing_content(catalogue, "出入境证件办理")
        assert content.flowchart is not None
        content.flowchart.nodes[0] = dataclasses.replace(content.flowchart.nodes[0], x=0.1)
        item = catalogue.changes.create(actors.clerk, content)
        catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
        catalogue.review.transition(actors.reviewer, item.id, Action.APPROVE)
        keys.create_key(db, actors.admin, PASSPHRASE)
    return station_db_path


def test_the_export_taking_sqlite_records_writes_what_reading_every_item_writes(
    exported_station: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _export(exported_station, tmp_path / "first.gwgk")
    taken: list[int] = []
    original = export._Run._count_taken

    def counting(self: export._Run, *args: object) -> bytes:
        taken.append(1)
        return original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(export._Run, "_count_taken", counting)
    again = _export(exported_station, tmp_path / "again.gwgk")
    assert again == first
    lines = sum(data.count(b"\n") for data in first.values())
    # Every record but the one whose flowchart SQLite writes otherwise was taken.
    assert len(taken) == lines - 1


def test_a_database_sqlite_cannot_write_records_of_is_read_in_full(
    exported_station: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _export(exported_station, tmp_path / "first.gwgk")

    def failing(*_: object) -> object:
        raise sqlite3.OperationalError("no such column: r.summary")

    monkeypatch.setattr(export, "record_lines", failing)
    assert _export(exported_station, tmp_path / "again.gwgk") == first


def test_attachment_records_carry_their_stored_size(station_db: Database, tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"x" * 1234)
    catalogue = Catalogue(station_db)
    attachment = catalogue.attachments.add(path)
    assert isinstance(attachment, Attachment)
    content = catalogue_content(catalogue, "附件大小")
    content.attachments = [attachment]
    _in_force(station_db, catalogue.changes.create(actors_of(station_db).clerk, content).id)
    sqlite_lines, python_lines = _lines(station_db)
    assert sqlite_lines == python_lines
    (line,) = sqlite_lines.values()
    assert json.loads(line)["content"]["attachments"][0]["size"] == 1234
