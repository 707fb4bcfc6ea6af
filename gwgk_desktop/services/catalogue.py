"""A station's catalogue as the services that work on it (the shape of Anki's collection,
``col.decks``, ``col.models``): each does one job, the GUI and the CLI hold one
``Catalogue`` and call the service they need.

- ``reference``: categories, channels, stages; checking content against them;
- ``items``: reading items (filtered ids, table rows, whole items, history);
- ``changes``: create, edit, delete, restore;
- ``review``: the review workflow's steps and why one is not allowed;
- ``attachments``: the files items refer to.

How content maps to rows is ``store.item_content``; the rules are in ``domain``.
"""

from __future__ import annotations

from gwgk_desktop.services.attachments import Attachments
from gwgk_desktop.services.changes import ItemChanges
from gwgk_desktop.services.queries import ItemQueries
from gwgk_desktop.services.reference import ReferenceData
from gwgk_desktop.services.review import Review
from gwgk_desktop.store.database import Database


class Catalogue:
    """The item services of one open station database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.reference = ReferenceData(db)
        self.items = ItemQueries(db)
        self.changes = ItemChanges(db)
        self.review = Review(db)
        self.attachments = Attachments(db)
