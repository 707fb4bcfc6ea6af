"""City-wide text search over the stations' current items: exact (the same items as a plain
substring test of every word) and indexed on both databases.

What is searched is the station's own search text (name, content, basis and 索引号,
lower-cased), ended with two line breaks so that every character starts a trigram.

- SQLite: an FTS5 trigram index (``bureau_item_fts``, external content, holding the
  current items only; intake keeps it in step). A word of three or more characters is one
  phrase query. A word of one or two characters is shorter than a trigram; the index's
  vocabulary (``bureau_item_terms``) gives every trigram that begins with it, and the word
  matches exactly the items holding one of those (thanks to the two closing characters).
  A word so common that it begins hundreds of trigrams is tested by scanning instead.
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

from sqlalchemy import (
    ColumnElement,
    Select,
    false,
    func,
    literal_column,
    select,
    table,
    text,
    true,
)
from sqlalchemy.orm import Session

from gwgk_desktop.bureau.models import ItemRecord
from gwgk_desktop.store.item_content import search_text as station_search_text

#: Closes every search text (see the module docstring).
TAIL = "\n\n"
#: Beyond this many trigrams starting with a short word, scanning is cheaper.
MAX_TERMS = 300
#: Shortest word the trigram index answers by itself.
TRIGRAM = 3


def item_search_text(name: str, content: str, basis: str, index_number: str) -> str:
    return station_search_text(name, content, basis, index_number) + TAIL


def words(query: str) -> list[str]:
    """The words of a query: every one must occur in an item's text."""
    return query.lower().split()


def add_to_index(session: Session, rows: Sequence[tuple[int, str]]) -> None:
    """Index newly current items (``(id, search_text)``); PostgreSQL's index follows the
    table by itself."""
    if rows and session.get_bind().dialect.name == "sqlite":
        session.execute(
            text("INSERT INTO bureau_item_fts(rowid, search_text) VALUES (:id, :text)"),
            [{"id": item_id, "text": value} for item_id, value in rows],
        )


def remove_from_index(session: Session, rows: Sequence[tuple[int, str]]) -> None:
    """Take items that are no longer current out of the index (with the text they were
    indexed with, as FTS5's external-content tables require)."""
    if rows and session.get_bind().dialect.name == "sqlite":
        session.execute(
            text(
                "INSERT INTO bureau_item_fts(bureau_item_fts, rowid, search_text) "
                "VALUES ('delete', :id, :text)"
            ),
            [{"id": item_id, "text": value} for item_id, value in rows],
        )


def _phrase(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _terms_starting_with(session: Session, word: str) -> list[str]:
    upper = word[:-1] + chr(ord(word[-1]) + 1)
    rows = session.execute(
        text("SELECT term FROM bureau_item_terms WHERE term >= :low AND term < :high LIMIT :limit"),
        {"low": word, "high": upper, "limit": MAX_TERMS + 1},
    )
    return [row[0] for row in rows]


def _sqlite_condition(session: Session, query_words: list[str]) -> ColumnElement[bool]:
    phrases: list[str] = []
    scans: list[ColumnElement[bool]] = []
    for word in query_words:
        if len(word) >= TRIGRAM:
            phrases.append(_phrase(word))
            continue
        terms = _terms_starting_with(session, word)
        if not terms:
            return false()
        if len(terms) > MAX_TERMS:
            scans.append(func.instr(ItemRecord.search_text, word) > 0)
        else:
            phrases.append("(" + " OR ".join(_phrase(t) for t in terms) + ")")
    conditions = list(scans)
    if phrases:
        matching: Select[Any] = (
            select(literal_column("rowid"))
            .select_from(table("bureau_item_fts"))
            .where(
                text("bureau_item_fts MATCH :fts_query").bindparams(fts_query=" AND ".join(phrases))
            )
        )
        # "id + 0": not a rowid lookup per match and a sort of them all, but a walk of the
        # listing index in order, testing each row: a few milliseconds more for a rare
        # word, and no sort of tens of thousands of rows for a common one.
        conditions.append((ItemRecord.id + 0).in_(matching))
    return _all(conditions)


def _like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _postgresql_condition(query_words: list[str]) -> ColumnElement[bool]:
    return _all([ItemRecord.search_text.like(_like_pattern(w), escape="\\") for w in query_words])


def _all(conditions: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    if not conditions:
        return true()
    result = conditions[0]
    for condition in conditions[1:]:
        result = result & condition
    return result


def text_condition(session: Session, query: str) -> ColumnElement[bool] | None:
    """A condition on ``ItemRecord`` (current items) for the words of ``query``; None when
    it has none."""
    query_words = words(query)
    if not query_words:
        return None
    if session.get_bind().dialect.name == "sqlite":
        return _sqlite_condition(session, query_words)
    return _postgresql_condition(query_words)
