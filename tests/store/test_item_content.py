"""store.item_content derives which field goes to which column from the dataclasses: every
field of an item's content must have its place, or it would silently not be saved.
(That the content comes back exactly is tests/services/test_round_trip.py.)"""

from __future__ import annotations

from dataclasses import fields

import pytest

from gwgk_desktop.domain.models import (
    Attachment,
    FlowEdge,
    FlowNode,
    ItemContent,
    Material,
    ServiceGuide,
)
from gwgk_desktop.store import item_content
from gwgk_desktop.store.item_content import columns, revision_fields
from gwgk_desktop.store.models import (
    AttachmentRow,
    FlowEdgeRow,
    FlowNodeRow,
    GuideRow,
    MaterialRow,
    RevisionRow,
)
from gwgk_desktop.store.row_mapping import CHILDREN, EDGE_COLUMNS


def test_every_content_field_is_a_revision_column_or_a_child() -> None:
    names = [f.name for f in fields(ItemContent)]
    assert sorted(revision_fields() + CHILDREN) == sorted(names)
    assert set(revision_fields()) <= columns(RevisionRow)
    assert "kind" not in columns(RevisionRow)  # the item's, not the revision's


@pytest.mark.parametrize(
    ("value", "model", "renames", "not_stored"),
    [
        (ServiceGuide, GuideRow, {}, set()),
        (Material, MaterialRow, {}, set()),
        (FlowNode, FlowNodeRow, {}, set()),
        (FlowEdge, FlowEdgeRow, EDGE_COLUMNS, set()),
        # the size is the blob's, read from the blobs table
        (Attachment, AttachmentRow, {}, {"size"}),
    ],
)
def test_every_child_field_has_a_column(
    value: type, model: type, renames: dict[str, str], not_stored: set[str]
) -> None:
    missing = {
        f.name
        for f in fields(value)
        if renames.get(f.name, f.name) not in columns(model) and f.name not in not_stored
    }
    assert missing == set()


def test_revision_columns_store_tuples_as_lists() -> None:
    content = ItemContent(name="出生登记", channels=("website", "hotline_12345"))
    stored = item_content.revision_columns(content)
    assert stored["channels"] == ["website", "hotline_12345"]
    assert stored["name"] == "出生登记"
    assert set(stored) == set(revision_fields())
