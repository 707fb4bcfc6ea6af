"""One station's catalogue at the bureau (its latest accepted package), read-only, in the
shape of the station's ``Catalogue`` so that the station's own item table and editor show
it: ``reference`` (the package's categories and channels), ``items`` (``search_ids``,
``text_matches``, ``rows``, ``get``, …), ``review`` (which allows nothing) and
``attachments`` (out of the stored package).

A station's catalogue is a few hundred items, so its rows are read once and filtered here
with the station's own rules (every word a substring of the same searched text).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from gwgk_desktop.bureau import intake
from gwgk_desktop.bureau.catalogue import item_from_record
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.models import (
    CURRENT_PACKAGE,
    ItemContentRow,
    ItemRecord,
    PackageRow,
    StationRow,
)
from gwgk_desktop.domain.enums import ItemKind, Level, Status
from gwgk_desktop.domain.models import Actor, Category, Channel, Item, ItemRow
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import NotFound
from gwgk_desktop.services.queries import ItemQuery, SortKey
from gwgk_desktop.submission.reader import open_package

#: Every item (the default query).
ALL = ItemQuery()
#: Why nothing can be changed here (shown on the editor's disabled buttons).
READ_ONLY = "市局端只读：这是该单位报送包中的内容"


@dataclass(frozen=True)
class _Entry:
    row: ItemRow
    search_text: str
    record: dict[str, Any]


class StationCatalogueView:
    """The current catalogue of the station ``org_code``."""

    #: Nothing here takes the flowchart editor's standard procedure from a station template.
    db = None

    def __init__(self, bureau: BureauDatabase, org_code: str) -> None:
        self.bureau = bureau
        with bureau.read() as session:
            found = session.execute(
                select(StationRow.name, PackageRow.id, PackageRow.sha256, PackageRow.sequence,
                       PackageRow.reference, PackageRow.received_at)
                .join(PackageRow, (PackageRow.station_id == StationRow.id) & CURRENT_PACKAGE)
                .where(StationRow.org_code == org_code)
            ).first()  # fmt: skip
            if found is None:
                raise NotFound(f"单位 {org_code} 还没有报送包", f"no package for {org_code}")
            self.station, package_id, self.sha256, self.sequence, reference, self.received_at = (
                found
            )
            records = session.execute(
                select(ItemRecord.id, ItemContentRow.record, ItemRecord.search_text)
                .join(ItemContentRow, ItemContentRow.item_id == ItemRecord.id)
                .where(ItemRecord.package_id == package_id)
            ).all()
        self.org_code = org_code
        self.reference = PackageReference(reference)
        self.items = PackageItems(
            {
                item_id: _Entry(_row(item_id, record), text, record)
                for item_id, record, text in records
            }
        )
        self.review = ReadOnlyReview()
        self.attachments = PackageAttachments(bureau, self.sha256)


class PackageReference:
    """The categories and channels the package carries (the station's template in force)."""

    def __init__(self, reference: dict[str, Any]) -> None:
        self._categories = [
            Category(
                int(c["id"]),
                str(c["code"]),
                str(c["name"]),
                str(c.get("description", "")),
                str(c.get("lead_unit", "")),
                str(c.get("responsible_unit", "")),
                int(c.get("sort_order", 0)),
            )
            for c in reference.get("categories", [])
        ]
        self._channels = [Channel(str(c["code"]), str(c["name"])) for c in reference["channels"]]

    def categories(self, include_inactive: bool = False) -> list[Category]:
        return sorted(self._categories, key=lambda c: (c.sort_order, c.code))

    def channels(self) -> list[Channel]:
        return list(self._channels)


class PackageItems:
    """The package's items, queried as the station's ``ItemQueries`` are."""

    def __init__(self, entries: dict[int, _Entry]) -> None:
        self._entries = entries

    def _matches(self, entry: _Entry, query: ItemQuery) -> bool:
        row = entry.row
        return not (
            query.deleted
            or (query.category_id is not None and row.category_id != query.category_id)
            or (query.kind is not None and row.kind is not query.kind)
            or (query.statuses and row.status not in query.statuses)
            or (query.level is not None and row.level is not query.level)
            or (query.overdue_on is not None and not row.overdue(query.overdue_on))
            or not all(word in entry.search_text for word in query.text.lower().split())
        )

    def search_ids(self, query: ItemQuery = ALL) -> list[int]:
        keys = {
            SortKey.INDEX: lambda r: (r.index_number,),
            SortKey.NAME: lambda r: (r.name, r.index_number),
            SortKey.STATUS: lambda r: (r.status.value, r.index_number),
            SortKey.UPDATED: lambda r: (r.updated_at, r.index_number),
            SortKey.CATEGORY: lambda r: (r.category_id or 0, r.index_number),
            SortKey.LEVEL: lambda r: (r.level.value, r.index_number),
            SortKey.KIND: lambda r: (r.kind.value, r.index_number),
        }
        rows = [e.row for e in self._entries.values() if self._matches(e, query)]
        rows.sort(key=keys[query.sort], reverse=query.descending)
        return [r.id for r in rows]

    def text_matches(self, text: str) -> set[int] | None:
        words = text.lower().split()
        if not words:
            return None
        return {i for i, e in self._entries.items() if all(w in e.search_text for w in words)}

    def count(self, query: ItemQuery = ALL) -> int:
        return len(self.search_ids(query))

    def rows(self, ids: Sequence[int]) -> list[ItemRow]:
        return [self._entries[i].row for i in ids if i in self._entries]

    def list_rows(self, query: ItemQuery = ALL) -> list[ItemRow]:
        return self.rows(self.search_ids(query))

    def get(self, item_id: int, number: int | None = None) -> Item:
        entry = self._entries.get(item_id)
        if entry is None:
            raise NotFound("该事项不在这个报送包中", f"no item {item_id}")
        return item_from_record(item_id, entry.record)

    def live(self, item_id: int) -> Item | None:
        return self.get(item_id)

    def history(self, item_id: int) -> list[Any]:
        return []  # a package carries no history of the station's edits


class ReadOnlyReview:
    """Nothing can be changed at the bureau."""

    def allowed(self, actor: Actor, item_id: int, action: Action) -> str:
        return READ_ONLY


class PackageAttachments:
    """Attachments and sample forms, out of the stored package."""

    def __init__(self, bureau: BureauDatabase, sha256: str) -> None:
        self.bureau = bureau
        self.sha256 = sha256

    def save(self, sha256: str, target: Path) -> Path:
        """Write an attachment (or a material's sample form) to ``target``."""
        with tempfile.TemporaryDirectory(prefix="gwgk-package-") as folder:
            package = Path(folder) / "package.gwgk"
            with package.open("wb") as handle:
                for chunk in intake.iter_package_file(self.bureau, self.sha256):
                    handle.write(chunk)
            with open_package(package) as contents, target.open("wb") as out:
                if f"attachments/{sha256}" not in contents.entries:
                    raise NotFound("报送包中没有这个附件", f"no attachment {sha256}")
                for chunk in contents.attachment(sha256):
                    out.write(chunk)
        return target


def _row(item_id: int, record: dict[str, Any]) -> ItemRow:
    content = record["content"]
    due = content.get("update_due")
    return ItemRow(
        id=item_id,
        uuid=str(record["uuid"]),
        kind=ItemKind(record["kind"]),
        category_id=content.get("category_id"),
        name=str(content.get("name", "")),
        level1=str(content.get("level1", "")),
        status=Status(record["status"]),
        level=Level(content.get("level", Level.STATION.value)),
        index_number=str(record["index_number"]),
        revision=int(record["revision"]),
        updated_at=dt.datetime.fromisoformat(str(record["updated_at"])),
        update_due=dt.date.fromisoformat(due) if due else None,
    )
