"""The station's free-text filter over its items, on the shared trigram index
(``store.text_search``).

``item_search`` holds each item's searched text (name, content, basis and 索引号 of its head
revision, lower-cased: ``item_content.search_text``); the FTS5 table ``item_text`` indexes
it, kept in step by triggers on ``item_search``, so every path that writes items (editing,
bulk creation from a sheet, the demo, a migration) keeps the index right without knowing
about it. Migration ``0007_item_text_index`` builds the index for existing databases.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from gwgk_desktop.store.models import SearchRow
from gwgk_desktop.store.text_search import Plan, ResidentTexts, TrigramIndex

ITEM_TEXT = TrigramIndex("item_text")
#: ``matching_ids`` reads the texts of at most this many items of an earlier query without
#: asking the index anything (about 0.2 ms; planning alone asks the index two or three
#: questions that cost as much). Reading more of them is weighed against the index's plan.
FEW_CANDIDATES = 1000

#: Schema objects beyond the models' tables: the index, its vocabulary and the triggers.
INDEX_DDL: list[str] = ITEM_TEXT.create_statements()
TRIGGERS: dict[str, str] = ITEM_TEXT.sync_triggers("item_search", "item_id", "text")
#: The index's tables (FTS5 keeps its data in shadow tables beside the virtual one); they
#: are not models, so schema comparisons leave them out.
TABLES = frozenset(
    {ITEM_TEXT.name, ITEM_TEXT.vocabulary}
    | {f"{ITEM_TEXT.name}_{shadow}" for shadow in ("data", "idx", "config", "docsize", "content")}
)


def _driver(session: Session) -> Any:
    return session.connection().connection.driver_connection


def plan(session: Session, text: str, *, phrase_costs: float | None = None) -> Plan | None:
    """How the filter ``text`` is answered (None: it has no words); ``phrase_costs``
    as for ``TrigramIndex.plan``."""
    driver = _driver(session)
    if not text.split():
        return None
    # The index holds one document per item (a subset of items): a trigram in as many
    # documents as there are items is in every item.
    documents = driver.execute("SELECT count(*) FROM items").fetchone()[0]
    return ITEM_TEXT.plan(driver, text, documents, phrase_costs=phrase_costs)


def matching(session: Session, text: str) -> Select[Any] | None:
    """The ids of the items whose searched text holds every word of ``text``, as a
    sub-query; None when ``text`` restricts nothing (no words, or words every item has)."""
    found = plan(session, text)
    if found is None:
        return None
    if found.match is not None and not found.scans:
        return ITEM_TEXT.matching_rowids(found.match)
    condition = ITEM_TEXT.condition(found, SearchRow.item_id, SearchRow.text)
    if condition is None:
        return None
    return select(SearchRow.item_id).where(condition)


def matching_ids(
    session: Session,
    text: str,
    resident: ResidentTexts | None = None,
    within: Collection[int] | None = None,
) -> set[int] | None:
    """``matching`` run at once: the ids as a set, read straight from the driver (a
    keystroke may find most of 20,000 items), or from ``resident`` (the items' searched
    texts as they are in this session's database) where reading those is cheaper.
    ``within``, with ``resident``: the items of an earlier query that ``text`` narrows
    (``text_search.narrows``) in this same database: only their texts are read when
    that is the cheaper way (when they are few, without asking the index anything)."""
    if resident is None or within is None or len(within) * 2 > len(resident.texts):
        # Picking more than half of the texts out of memory one by one takes longer than
        # reading them all in order (1.3-1.5 times as long per text, on 20,000).
        within = None
    elif len(within) <= FEW_CANDIDATES and text.split():
        return resident.matching(text, within)
    found = plan(session, text, phrase_costs=None if resident is None else resident.cost(within))
    if found is None or found.everything:
        return None
    if resident is not None and not found.nothing and resident.cheaper(found, within):
        return resident.matching(text, within)
    return set(ITEM_TEXT.rowids(_driver(session), found, "item_search", "item_id", "text"))


def resident_texts(session: Session) -> ResidentTexts:
    """Every item's searched text, to be held in memory (``matching_ids``)."""
    return ResidentTexts.load(_driver(session), "item_search", "item_id", "text")
