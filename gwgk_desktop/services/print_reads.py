"""Everything the printed documents read, as named statements (``store.reads``): the
station, channels, categories, the ids of the items to print, the items, the privacy
rules. ``services.printing`` reads through ``PrintReads`` on either reader: a SQLAlchemy
session (the GUI's print dialog, and every database not at the current schema) or plain
``sqlite3`` (``services.light_print``, the ``gwgk print`` commands).

The services that read the same things elsewhere (``ReferenceData.categories``,
``station.get_profile``, ``template.active_payload``, ``ItemQueries.search_ids``) build
their statements with the same functions, so the two paths cannot drift apart. This
module imports nothing of SQLAlchemy (the statements import it when built).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.domain.models import Category, Channel, Item, StationProfile
from gwgk_desktop.domain.privacy import Rule
from gwgk_desktop.errors import station_not_set_up
from gwgk_desktop.store.item_batches import (
    items_in_order,
    names_of_operators,
    read_items,
    resolve,
)
from gwgk_desktop.store.reads import Builder, Reader, statement
from gwgk_desktop.store.row_mapping import from_row, named

if TYPE_CHECKING:
    from sqlalchemy import Select


@statement
def station() -> Select[Any]:
    """The station's row (row id 1)."""
    from gwgk_desktop.store.models import Station

    table = Station.__table__
    return table.select().where(table.c.id == 1)


def _categories(active_only: bool) -> Select[Any]:
    from sqlalchemy import select

    from gwgk_desktop.store.models import CategoryRow

    columns = CategoryRow.__table__.c
    stmt = select(
        columns.id,
        columns.code,
        columns.name,
        columns.description,
        columns.lead_unit,
        columns.responsible_unit,
        columns.sort_order,
    ).order_by(columns.sort_order, columns.code)
    return stmt.where(columns.active) if active_only else stmt


@statement
def active_categories() -> Select[Any]:
    return _categories(active_only=True)


@statement
def all_categories() -> Select[Any]:
    """Every category, the inactive ones too."""
    return _categories(active_only=False)


def categories_statement(include_inactive: bool) -> Builder:
    return all_categories if include_inactive else active_categories


def category_of(row: Sequence[Any]) -> Category:
    return Category(*row)


@statement
def active_channels() -> Select[Any]:
    from sqlalchemy import select

    from gwgk_desktop.store.models import ChannelRow

    columns = ChannelRow.__table__.c
    return select(columns.code, columns.name).where(columns.active).order_by(columns.sort_order)


def newest_active(what: Any) -> Select[Any]:
    """``what`` of the active reference templates, newest first."""
    from sqlalchemy import select

    from gwgk_desktop.store.models import ReferenceTemplate

    templates = ReferenceTemplate.__table__.c
    return select(what).where(templates.active).order_by(templates.id.desc())


@statement
def template_payload() -> Select[Any]:
    """The payload of the active reference templates, newest first."""
    from gwgk_desktop.store.models import ReferenceTemplate

    return newest_active(ReferenceTemplate.__table__.c.payload)


def _item_ids(**given: str) -> Select[Any]:
    """``ItemQueries.search_ids``'s statement for a query without text, whose fields
    ``given`` are parameters of the same names."""
    from sqlalchemy import bindparam

    from gwgk_desktop.services.queries import ItemQuery, search_statement

    values = {name: cast(Any, bindparam(name)) for name in given}
    return search_statement(None, ItemQuery(**values))


@statement
def item_ids() -> Select[Any]:
    """The ids of the items (not deleted) in 索引号 order."""
    return _item_ids()


@statement
def item_ids_of_category() -> Select[Any]:
    """``item_ids`` of category ``category_id``."""
    return _item_ids(category_id="category_id")


@statement
def item_ids_of_kind() -> Select[Any]:
    """``item_ids`` of kind ``kind``."""
    return _item_ids(kind="kind")


class PrintReads:
    """The reads of a printed document, through ``reader``."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    def profile(self) -> StationProfile:
        found = self.reader.run(station)
        row = next(iter(found), None)
        if row is None:
            raise station_not_set_up()
        return from_row(StationProfile, named(found.keys)._make(row))

    def channels(self) -> list[Channel]:
        return [Channel(code, name) for code, name in self.reader.run(active_channels)]

    def categories(self, include_inactive: bool = False) -> list[Category]:
        return [category_of(row) for row in self.reader.run(categories_statement(include_inactive))]

    def item_ids(self, category_id: int | None = None, kind: ItemKind | None = None) -> list[int]:
        """The ids of the items (not deleted) of ``category_id`` or ``kind`` (at most one of
        them), in 索引号 order."""
        if category_id is not None:
            rows = self.reader.run(item_ids_of_category, category_id=category_id)
        elif kind is not None:
            rows = self.reader.run(item_ids_of_kind, kind=kind.value)
        else:
            rows = self.reader.run(item_ids)
        return [row[0] for row in rows]

    def resolve(self, ref: str | int) -> int:
        """An item id from an id, a UUID or a 索引号 (for the CLI)."""
        return resolve(self.reader, ref)

    def item(self, item_id: int, *, in_force: bool) -> Item | None:
        """The head revision (deleted or not) of item ``item_id``, or with ``in_force``
        the revision in force; None when there is none."""
        names = names_of_operators(self.reader)
        return read_items(self.reader, [item_id], in_force=in_force, names=names).get(item_id)

    def items_of(self, ids: Sequence[int], *, in_force: bool, batch: int) -> Iterator[Item]:
        return items_in_order(self.reader, ids, in_force=in_force, batch=batch)

    def privacy_rules(self) -> tuple[Rule, ...]:
        from gwgk_desktop.services.output_guard import rules_of

        first = next(iter(self.reader.run(template_payload)), None)
        return rules_of(first[0] if first is not None else None)
