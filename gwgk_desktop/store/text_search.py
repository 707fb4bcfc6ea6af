"""Exact substring search over an SQLite FTS5 trigram index: one mechanism for the station's
item filter (``store.items``) and the bureau's city-wide search.

What matches is fixed by the words, not by the index: a document matches a query when
every word of the query (split at white space, lower-cased) occurs in the document's text
(lower-cased when it was stored), exactly as SQLite's ``instr`` or Python's ``in`` say. The
index only finds those documents without reading every text
(tests/store/test_text_search.py compares both on random data and queries).

- The index is FTS5 with the trigram tokenizer, case-sensitive (both sides are lower-cased
  by Python, so nothing is folded twice or differently) and with positions (``detail=full``)
  for phrases. Every indexed text ends in ``TAIL`` (two line breaks), so every character of
  the text begins a trigram.
- A word of three or more characters is one phrase: its trigrams one after another.
- A word of one or two characters is shorter than a trigram. The index's vocabulary
  (``fts5vocab``, one row per trigram with the number of documents holding it) lists the
  trigrams that begin with the word; the word occurs in exactly the documents holding one
  of them (``TAIL``). When one of them is in every document the word restricts nothing
  (typing a 索引号 from its first digit); when ORing them all would read more than the
  texts themselves, the word is tested by reading the texts (``instr``) instead.
- A word with a control character is always tested by reading the texts (``instr``):
  the trigram tokenizer and FTS5's query syntax are not asked to agree with ``instr`` on
  characters no clerk types.

The station keeps its index in step with ``item_search`` by triggers (``ITEM_TEXT``);
the bureau indexes its current items from its intake (an external-content table).
"""

from __future__ import annotations

from dataclasses import dataclass
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
)
from sqlalchemy.sql.elements import SQLCoreOperations

#: Ends every indexed text (see the module docstring).
TAIL = "\n\n"
#: The shortest word the index answers by itself.
TRIGRAM = 3
#: The highest code point: a trigram beginning with a short word sorts at most this far
#: past it.
_LAST = "\U0010ffff"
#: Cost model of a short word's OR (in "texts read" units, measured on 20,000 items): each
#: trigram costs about as much as reading this many texts, and each document listed under
#: a trigram a quarter of one.
_COST_PER_TERM = 150
_COST_PER_LISTED = 0.25


def words(query: str) -> list[str]:
    """The words of a query; each must occur in a matching document."""
    return query.lower().split()


def indexed(value: str) -> str:
    """What the index holds for a document whose search text is ``value``."""
    return value + TAIL


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _needs_scan(word: str) -> bool:
    return any(ord(c) < 32 or ord(c) == 127 for c in word)


@dataclass(frozen=True)
class Plan:
    """How to find the documents holding every word of a query: an FTS5 ``match``
    expression (None: the index is not asked), words tested by reading the texts
    (``scans``), or known to match ``nothing``. A plan with neither a match nor scans
    (and not ``nothing``) matches every document."""

    match: str | None = None
    scans: tuple[str, ...] = ()
    nothing: bool = False

    @property
    def everything(self) -> bool:
        return not self.nothing and self.match is None and not self.scans


EVERYTHING = Plan()
NOTHING = Plan(nothing=True)


@dataclass(frozen=True)
class TrigramIndex:
    """An FTS5 trigram index named ``name`` over one text ``column``, with its vocabulary
    table ``<name>_terms``."""

    name: str
    column: str = "text"

    @property
    def vocabulary(self) -> str:
        return f"{self.name}_terms"

    # ------------------------------------------------------------------ schema
    def create_statements(
        self, *, content: str = "", content_rowid: str | None = None
    ) -> list[str]:
        """DDL of the index and its vocabulary. ``content=''`` (contentless: the index
        keeps no copy of the texts) unless an external ``content`` table holds them."""
        options = [f"content='{content}'"]
        if content and content_rowid:
            options.append(f"content_rowid='{content_rowid}'")
        if not content:
            # No per-document sizes: nothing here ranks results.
            options.append("columnsize=0")
        return [
            f"CREATE VIRTUAL TABLE {self.name} USING fts5({self.column}, "
            + ", ".join(options)
            + ", tokenize='trigram case_sensitive 1', detail=full)",
            f"CREATE VIRTUAL TABLE {self.vocabulary} USING fts5vocab({self.name}, 'row')",
        ]

    def drop_statements(self) -> list[str]:
        return [f"DROP TABLE IF EXISTS {self.vocabulary}", f"DROP TABLE IF EXISTS {self.name}"]

    def sync_triggers(self, source: str, rowid: str, value: str) -> dict[str, str]:
        """Triggers that keep a contentless index in step with table ``source`` (every
        insert, update and delete of its rows, whoever makes it): the document
        ``source.<rowid>`` holds ``indexed(source.<value>)``."""
        old = f"old.{value} || char(10, 10)"
        new = f"new.{value} || char(10, 10)"
        insert = f"INSERT INTO {self.name}(rowid, {self.column}) VALUES (new.{rowid}, {new});"
        delete = (
            f"INSERT INTO {self.name}({self.name}, rowid, {self.column}) "
            f"VALUES ('delete', old.{rowid}, {old});"
        )
        return {
            f"{source}_text_insert": (
                f"CREATE TRIGGER {source}_text_insert AFTER INSERT ON {source} BEGIN {insert} END"
            ),
            f"{source}_text_delete": (
                f"CREATE TRIGGER {source}_text_delete AFTER DELETE ON {source} BEGIN {delete} END"
            ),
            f"{source}_text_update": (
                f"CREATE TRIGGER {source}_text_update AFTER UPDATE OF {value}, {rowid} "
                f"ON {source} BEGIN {delete} {insert} END"
            ),
        }

    def rebuild_statements(self, source: str, rowid: str, value: str) -> list[str]:
        """Fill a contentless index afresh from ``source`` (a migration, a repair)."""
        return [
            f"INSERT INTO {self.name}({self.name}) VALUES ('delete-all')",
            f"INSERT INTO {self.name}(rowid, {self.column}) "
            f"SELECT {rowid}, {value} || char(10, 10) FROM {source}",
        ]

    # ------------------------------------------------------------------ searching
    def plan(self, connection: Any, query: str, documents: int) -> Plan | None:
        """How to answer ``query`` (None: it has no words). ``connection`` is a DB-API
        connection or cursor (anything with ``execute``); ``documents`` is how many
        documents the index holds, so that a trigram found in all of them is known to be
        everywhere."""
        query_words = list(dict.fromkeys(words(query)))
        if not query_words:
            return None
        phrases: list[str] = []
        scans: list[str] = []
        for word in query_words:
            if _needs_scan(word):
                scans.append(word)
                continue
            if len(word) > TRIGRAM:
                phrases.append(_phrase(word))
                continue
            found = self._terms_starting_with(connection, word)
            if not found:
                return NOTHING
            if max(found.values()) >= documents:
                continue  # in every document: restricts nothing
            cost = _COST_PER_TERM * len(found) + _COST_PER_LISTED * sum(found.values())
            if cost > documents:
                scans.append(word)
            else:
                phrases.append(" OR ".join(_phrase(t) for t in found))
        if len(phrases) > 1:
            phrases = [f"({p})" if " OR " in p else p for p in phrases]
        return Plan(" AND ".join(phrases) or None, tuple(scans))

    def _terms_starting_with(self, connection: Any, word: str) -> dict[str, int]:
        """The trigrams that begin with ``word`` (a three-character word: the one equal
        to it) and how many documents hold each."""
        rows = connection.execute(
            f"SELECT term, doc FROM {self.vocabulary} WHERE term >= ? AND term <= ?",
            (word, word + _LAST * (TRIGRAM - len(word))),
        ).fetchall()
        return {term: doc for term, doc in rows if term.startswith(word)}

    def matching_rowids(self, match: str) -> Select[Any]:
        """The rowids of the documents that ``match`` (an FTS5 expression from a plan)."""
        return (
            select(literal_column("rowid"))
            .select_from(table(self.name))
            .where(text(f"{self.name} MATCH :fts_query").bindparams(fts_query=match))
        )

    def condition(
        self,
        plan: Plan,
        rowid: SQLCoreOperations[int],
        value: SQLCoreOperations[str],
    ) -> ColumnElement[bool] | None:
        """``plan`` as a condition on the rows whose document id is ``rowid`` and whose
        (stored, lower-cased) text is ``value``; None when it restricts nothing."""
        if plan.nothing:
            return false()
        conditions: list[ColumnElement[bool]] = [func.instr(value, w) > 0 for w in plan.scans]
        if plan.match is not None:
            conditions.insert(0, rowid.in_(self.matching_rowids(plan.match)))
        if not conditions:
            return None
        result = conditions[0]
        for condition in conditions[1:]:
            result = result & condition
        return result

    def rowids(self, connection: Any, plan: Plan, source: str, rowid: str, value: str) -> list[int]:
        """The ids ``plan`` finds, straight from the DB-API ``connection`` (no per-row
        objects: a common word finds most of 20,000 items on every keystroke). ``source``
        holds the texts: its ``rowid`` column is the document id, ``value`` the text. Not
        for a plan that matches everything (the caller knows all its ids)."""
        if plan.nothing:
            return []
        params: list[str] = []
        where: list[str] = []
        if plan.match is not None:
            if not plan.scans:
                sql = f"SELECT rowid FROM {self.name} WHERE {self.name} MATCH ?"
                return [r for (r,) in connection.execute(sql, (plan.match,)).fetchall()]
            where.append(f"{rowid} IN (SELECT rowid FROM {self.name} WHERE {self.name} MATCH ?)")
            params.append(plan.match)
        for word in plan.scans:
            where.append(f"instr({value}, ?) > 0")
            params.append(word)
        sql = f"SELECT {rowid} FROM {source} WHERE " + " AND ".join(where)
        return [r for (r,) in connection.execute(sql, params).fetchall()]
