"""Items read in bulk (``store.item_batches``) are the items ``to_item`` reads one by one."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.domain.models import Item
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import UserError
from gwgk_desktop.pdf.document import Notes
from gwgk_desktop.progress import SILENT
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.light_print import snapshot
from gwgk_desktop.services.print_reads import PrintReads
from gwgk_desktop.services.printing import DocumentKind, PrintRequest, collect, gather
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import Database, open_database
from gwgk_desktop.store.item_batches import names_of_operators, read_items
from gwgk_desktop.store.items import item_row, live_revision, to_item
from gwgk_desktop.store.models import Operator
from gwgk_desktop.store.reads import SessionReader, SqliteReader, bulk_reader
from tests.conftest import Actors, actors_of
from tests.strategies import item_contents


def test_bulk_items_equal_the_items_read_one_by_one(
    demo_db: Database, demo_actors: Actors, tmp_path: Path
) -> None:
    catalogue = Catalogue(demo_db)
    # Attachments too (the demo has none): two on one item, in their order.
    scans = []
    for n in (1, 2):
        (tmp_path / f"扫描件{n}.pdf").write_bytes(b"%PDF-1.4 " * n)
        scans.append(catalogue.attachments.add(tmp_path / f"扫描件{n}.pdf"))
    first = catalogue.items.search_ids(ItemQuery())[0]
    content = catalogue.items.get(first).content
    content.attachments = [scans[1], scans[0]]
    catalogue.changes.update(
        demo_actors.clerk, first, content, base_revision=catalogue.items.get(first).revision
    )
    ids = catalogue.items.search_ids(ItemQuery(deleted=False)) + catalogue.items.search_ids(
        ItemQuery(deleted=True)
    )
    licensing = catalogue.items.search_ids(ItemQuery(kind=ItemKind.LICENSING))
    assert licensing, "the demo has licensing items (guides, materials, charts, fees)"
    with demo_db.read() as session:
        names = dict(session.execute(select(Operator.id, Operator.display_name)).all())
        for in_force in (False, True):
            found = read_items(bulk_reader(session), ids, in_force=in_force, names=names)
            assert found == _one_by_one(session, ids, in_force=in_force)
    charted = [i for i in found.values() if i.content.flowchart and i.content.flowchart.nodes]
    assert charted and any(i.content.materials for i in found.values())
    assert any(i.content.fee_links for i in found.values())
    with demo_db.read() as session:
        head = read_items(bulk_reader(session), [first], in_force=False, names=names)[first]
    assert [a.filename for a in head.content.attachments] == ["扫描件2.pdf", "扫描件1.pdf"]
    assert [a.size for a in head.content.attachments] == [18, 9]


def test_bulk_reads_on_sqlite_go_through_sqlite3_and_give_what_sqlalchemy_gives(
    demo_db: Database,
) -> None:
    """``bulk_reader`` (export, checks, sheet export) reads the station's SQLite file with
    the compiled statements: the same items as through SQLAlchemy's result rows."""
    ids = Catalogue(demo_db).items.search_ids(ItemQuery())
    with demo_db.read() as session:
        reader = bulk_reader(session)
        assert isinstance(reader, SqliteReader)
        names = names_of_operators(reader)
        assert names == names_of_operators(SessionReader(session))
        for in_force in (False, True):
            fast = read_items(reader, ids, in_force=in_force, names=names)
            assert fast == read_items(SessionReader(session), ids, in_force=in_force, names=names)
            assert fast


#: What happens to an item after it is created, in turn; a step the workflow refuses at
#: that point is skipped (the refusal is the workflow's business, tested elsewhere).
#: "release" is submit, approve and publish in a row, so that random histories often
#: have a revision in force (and, after an "edit", a draft on top of it).
STEPS = ("edit", "release", "submit", "approve", "withdraw", "return", "delete", "restore")


def _take(catalogue: Catalogue, actors: Actors, item_id: int, step: str, content: Any) -> None:
    try:
        if step == "edit":
            current = catalogue.items.get(item_id)
            catalogue.changes.update(actors.clerk, item_id, content, current.revision)
        elif step == "delete":
            catalogue.changes.delete(actors.admin, item_id)
        elif step == "restore":
            catalogue.changes.restore(actors.admin, item_id)
        else:
            actions = (
                [Action.SUBMIT, Action.APPROVE, Action.PUBLISH]
                if step == "release"
                else [Action(step)]
            )
            for action in actions:
                actor = actors.clerk if action is Action.SUBMIT else actors.reviewer
                if catalogue.review.allowed(actor, item_id, action) is None:
                    catalogue.review.transition(actor, item_id, action, comment="复核")
    except UserError:
        pass  # e.g. editing a deleted item, deleting one in force


def _one_by_one(session: Session, ids: list[int], *, in_force: bool) -> dict[int, Item]:
    """What ``to_item`` (the ORM path) reads for each of ``ids``."""
    expected: dict[int, Item] = {}
    for item_id in ids:
        item = item_row(session, item_id, allow_deleted=True)
        rev = (
            live_revision(session, item_id)
            if in_force
            else next(r for r in item.revisions if r.is_head)
        )
        if rev is not None:
            expected[item_id] = dataclasses.replace(
                to_item(session, item, rev, with_live=False), live_revision=None
            )
    return expected


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.data(),
    plans=st.lists(
        st.tuples(
            item_contents(category_ids=(1, 3, 6)),
            st.lists(st.sampled_from(STEPS), max_size=6),
            st.lists(st.integers(0, 2), max_size=3, unique=True),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_bulk_items_equal_to_item_on_random_items_and_histories(
    station_db_path: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject, plans: Any
) -> None:
    """Random content (guides, materials, charts, attachments, links to fee items) through
    random edits and workflow steps: both readers (and the print command's light reader)
    agree on the head and on the revision in force of every item, deleted ones too, and
    both print paths on what a notice board shows."""
    db = open_database(station_db_path)
    try:
        catalogue = Catalogue(db)
        actors = actors_of(db)
        folder = tmp_path_factory.mktemp("scans")
        pool = []
        for n in range(3):
            (folder / f"附件{n}.pdf").write_bytes(b"%PDF-1.4 " * (n + 1))
            pool.append(catalogue.attachments.add(folder / f"附件{n}.pdf"))
        fees: list[str] = []
        ids: list[int] = []
        for content in data.draw(st.lists(item_contents(category_ids=(4,)), max_size=3)):
            fee = dataclasses.replace(
                content, kind=ItemKind.FEE, guide=None, materials=[], flowchart=None
            )
            created = catalogue.changes.create(actors.clerk, fee)
            fees.append(created.uuid)
            ids.append(created.id)
        for content, steps, scans in plans:
            content.attachments = [pool[n] for n in scans]
            if content.kind is ItemKind.LICENSING and fees:
                content.fee_links = data.draw(st.lists(st.sampled_from(fees), unique=True))
            item = catalogue.changes.create(actors.clerk, content)
            ids.append(item.id)
            for step in steps:
                edited = data.draw(item_contents(category_ids=(content.category_id,)))
                edited = dataclasses.replace(
                    edited,
                    kind=content.kind,
                    guide=edited.guide if content.kind is ItemKind.LICENSING else None,
                    materials=edited.materials if content.kind is ItemKind.LICENSING else [],
                    flowchart=edited.flowchart if content.kind is ItemKind.LICENSING else None,
                    fee_links=content.fee_links,
                    attachments=list(reversed(content.attachments)),
                )
                _take(catalogue, actors, item.id, step, edited)
        with db.read() as session:
            names = dict(session.execute(select(Operator.id, Operator.display_name)).all())
            for in_force in (False, True):
                found = read_items(bulk_reader(session), ids, in_force=in_force, names=names)
                assert found == _one_by_one(session, ids, in_force=in_force)
                # The print command's light path (plain sqlite3) reads the same items.
                with snapshot(station_db_path) as reader:
                    assert read_items(reader, ids, in_force=in_force, names=names) == found
        # And the same documents' contents, whatever is in force or drafted.
        for drafts in (False, True):
            request = PrintRequest(
                DocumentKind.NOTICE_BOARD, date=dt.date(2026, 9, 1), include_drafts=drafts
            )
            full_notes, light_notes = Notes(), Notes()
            with db.snapshot() as view:
                full = gather(view, request, full_notes, SILENT)
            with snapshot(station_db_path) as reader:
                light = collect(PrintReads(reader), request, light_notes, SILENT)
            assert light == full and light_notes.items == full_notes.items
    finally:
        db.close()
