"""City-wide text search over the stations' current items: exact (the same items as a plain
substring test of every word) and indexed on both databases.

What is searched is the station's own search text (name, content, basis and 索引号,
lower-cased), stored as the shared trigram index holds it (``text_search.indexed``).

- SQLite: the station's mechanism (``store.text_search``): an FTS5 trigram index
  (``bureau_item_fts``, external content, holding the current items only; intake keeps it
  in step) and its vocabulary (``bureau_item_terms``), planned word by word, so a word of
  any length, a word in every item and a word the index would answer slowly are handled
  as they are in a station's filter.
- PostgreSQL: the listing index of the current items includes their text, so a search is
  one pass over that index in the listing's order, testing ``LIKE '%word%'``: exact, the
  same for a word of any length, no extension to install and no dependence on the
  database's locale (pg_trgm needs a locale that counts Chinese characters as letters and
  cannot index words under three characters). At 60,000 items the pass takes about 0.1 s
  on the shared 2-core test machine (see benchmarks/bureau_bench.py and the README).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, text
from sqlalchemy.orm import Session

from gwgk_desktop.bureau.models import ItemRecord
from gwgk_desktop.store.item_content import search_text as station_search_text
from gwgk_desktop.store.text_search import TrigramIndex, indexed, words

#: The current items' index (created by migration ``bureau_0001_initial``).
INDEX = TrigramIndex("bureau_item_fts", column="search_text", terms="bureau_item_terms")


def item_search_text(name: str, content: str, basis: str, index_number: str) -> str:
    return indexed(station_search_text(name, content, basis, index_number))


def add_to_index(session: Session, rows: Sequence[tuple[int, str]]) -> None:
    """Index newly current items (``(id, search_text)``); PostgreSQL's index follows the
    table by itself."""
    if rows and session.get_bind().dialect.name == "sqlite":
        session.execute(
            text(f"INSERT INTO {INDEX.name}(rowid, {INDEX.column}) VALUES (:id, :text)"),
            [{"id": item_id, "text": value} for item_id, value in rows],
        )


def remove_from_index(session: Session, rows: Sequence[tuple[int, str]]) -> None:
    """Take items that are no longer current out of the index (with the text they were
    indexed with, as FTS5's external-content tables require)."""
    if rows and session.get_bind().dialect.name == "sqlite":
        session.execute(
            text(
                f"INSERT INTO {INDEX.name}({INDEX.name}, rowid, {INDEX.column}) "
                "VALUES ('delete', :id, :text)"
            ),
            [{"id": item_id, "text": value} for item_id, value in rows],
        )


def _sqlite_condition(session: Session, query: str) -> ColumnElement[bool] | None:
    driver: Any = session.connection().connection.driver_connection
    # How many documents the index holds, from its table of document sizes (one row per
    # document): 0.3 ms, where counting the current items takes 3 ms at 57,000.
    documents = driver.execute(f"SELECT count(*) FROM {INDEX.name}_docsize").fetchone()[0]
    plan = INDEX.plan(driver, query, documents)
    if plan is None:
        return None
    # "id + 0": not a rowid lookup per match and a sort of them all, but a walk of the
    # listing index in order, testing each row: a few milliseconds more for a rare
    # word, and no sort of tens of thousands of rows for a common one.
    return INDEX.condition(plan, ItemRecord.id + 0, ItemRecord.search_text)


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _postgresql_condition(query_words: list[str]) -> ColumnElement[bool]:
    return and_(*(ItemRecord.search_text.like(_like_pattern(w), escape="\\") for w in query_words))


def text_condition(session: Session, query: str) -> ColumnElement[bool] | None:
    """A condition on ``ItemRecord`` (current items) for the words of ``query``; None when
    it restricts nothing (no words, or words in every current item)."""
    query_words = words(query)
    if not query_words:
        return None
    if session.get_bind().dialect.name == "sqlite":
        return _sqlite_condition(session, query)
    return _postgresql_condition(query_words)
