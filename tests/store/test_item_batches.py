"""Items read in bulk (``store.item_batches``) are the items ``to_item`` reads one by one."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sqlalchemy import select

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.item_batches import load_items
from gwgk_desktop.store.items import item_row, live_revision, to_item
from gwgk_desktop.store.models import Operator
from tests.conftest import Actors


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
            found = load_items(session, ids, in_force=in_force, names=names)
            expected = {}
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
            assert found == expected
    charted = [i for i in found.values() if i.content.flowchart and i.content.flowchart.nodes]
    assert charted and any(i.content.materials for i in found.values())
    assert any(i.content.fee_links for i in found.values())
    with demo_db.read() as session:
        head = load_items(session, [first], in_force=False, names=names)[first]
    assert [a.filename for a in head.content.attachments] == ["扫描件2.pdf", "扫描件1.pdf"]
    assert [a.size for a in head.content.attachments] == [18, 9]
