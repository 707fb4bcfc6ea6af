"""Whatever a clerk enters comes back from the database exactly (property-based)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gwgk_desktop.domain.models import ItemContent
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import open_database
from tests.conftest import actors_of
from tests.strategies import item_contents


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(contents=st.lists(item_contents(category_ids=(1, 3, 6)), min_size=1, max_size=3))
def test_store_then_load_gives_back_the_same_content(
    station_db_path: Path, contents: list[ItemContent]
) -> None:
    db = open_database(station_db_path)
    try:
        catalogue = Catalogue(db)
        clerk = actors_of(db).clerk
        for content in contents:
            item = catalogue.changes.create(clerk, content)
            assert catalogue.items.get(item.id).content == content
            # an edit in place round-trips too (children replaced, not appended)
            edited = catalogue.changes.update(clerk, item.id, content, base_revision=item.revision)
            assert edited.content == content
    finally:
        db.close()
