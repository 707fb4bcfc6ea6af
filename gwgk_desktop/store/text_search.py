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
- A plan knows what the index would read to answer it (``Plan.cost``). Words in nearly
  every document (a 索引号's organisation code and year, "第") make the index read more
  than there are texts: a caller holding the texts in memory (``ResidentTexts``) then
  tests them with Python's ``in`` instead (1.8 ms for 20,000 items, where the index took
  6-24 ms). Asked to (``phrase_costs``), a plan looks up what each phrase's trigrams
  cost, and finds a phrase with a trigram no document has to match nothing.

The station keeps its index in step with ``item_search`` by triggers (``ITEM_TEXT``);
the bureau indexes its current items from its intake (an external-content table).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
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
#: Cost model (in units of one text read by SQLite's ``instr``, measured on 20,000 items):
#: each trigram ORed for a short word costs about as much as reading this many texts, each
#: document listed under a trigram the index reads a quarter of one, and testing a text
#: held in memory (``ResidentTexts``) a fifth of one.
_COST_PER_TERM = 150
_COST_PER_LISTED = 0.25
_COST_PER_RESIDENT_TEXT = 0.2


def words(query: str) -> list[str]:
    """The words of a query; each must occur in a matching document."""
    return query.lower().split()


def narrows(query: str, earlier: str) -> bool:
    """Whether every document matching ``query`` also matches ``earlier`` (which has
    words), as typing on from ``earlier`` does: each word of ``earlier`` occurs within a
    word of ``query``. The words are compared as matching compares them (lower-cased
    each on its own), so this holds however lower-casing depends on the characters
    around it."""
    earlier_words = words(earlier)
    query_words = words(query)
    return bool(earlier_words) and all(any(w in q for q in query_words) for w in earlier_words)


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
    #: What answering it from the index and the stored texts costs (see ``_COST_PER_TERM``);
    #: the phrases' part only when the plan was asked for it (``phrase_costs``).
    cost: float = 0.0

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
    #: The vocabulary table's name, when it is not ``<name>_terms`` (the bureau's schema
    #: named it before the two shared this class).
    terms: str = ""

    @property
    def vocabulary(self) -> str:
        return self.terms or f"{self.name}_terms"

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
    def plan(
        self,
        connection: Any,
        query: str,
        documents: int,
        *,
        phrase_costs: float | None = None,
    ) -> Plan | None:
        """How to answer ``query`` (None: it has no words). ``connection`` is a DB-API
        connection or cursor (anything with ``execute``); ``documents`` is how many
        documents the index holds, so that a trigram found in all of them is known to be
        everywhere. With ``phrase_costs`` (a cost above which the caller answers another
        way) the cost of each phrase (a word of more than three characters) is looked up
        too, trigram by trigram until the plan costs more than that (``Plan.cost``; the
        look-up costs about a fifth of what it finds)."""
        query_words = list(dict.fromkeys(words(query)))
        if not query_words:
            return None
        phrases: list[str] = []
        scans: list[str] = []
        cost = 0.0
        for word in query_words:
            if _needs_scan(word):
                scans.append(word)
                continue
            if len(word) > TRIGRAM:
                if phrase_costs is not None and cost <= phrase_costs:
                    budget = (phrase_costs - cost) / _COST_PER_LISTED
                    listed = self._documents_of_trigrams(connection, word, budget)
                    if listed is None:
                        return NOTHING
                    cost += _COST_PER_LISTED * listed
                phrases.append(_phrase(word))
                continue
            found = self._terms_starting_with(connection, word)
            if not found:
                return NOTHING
            if max(found.values()) >= documents:
                continue  # in every document: restricts nothing
            term_cost = _COST_PER_TERM * len(found) + _COST_PER_LISTED * sum(found.values())
            if term_cost > documents:
                scans.append(word)
            else:
                cost += term_cost
                phrases.append(" OR ".join(_phrase(t) for t in found))
        if len(phrases) > 1:
            phrases = [f"({p})" if " OR " in p else p for p in phrases]
        if scans:
            cost += documents  # one pass over the stored texts tests every scanned word
        return Plan(" AND ".join(phrases) or None, tuple(scans), cost=cost)

    def _documents_of_trigrams(self, connection: Any, word: str, budget: float) -> int | None:
        """How many documents the index lists under the trigrams of ``word``, added up
        trigram by trigram until the sum exceeds ``budget``; None when one of them is in
        no document (then no document holds the word)."""
        listed = 0
        for trigram in dict.fromkeys(word[i : i + TRIGRAM] for i in range(len(word) - 2)):
            row = connection.execute(
                f"SELECT doc FROM {self.vocabulary} WHERE term = ?", (trigram,)
            ).fetchone()
            if row is None:
                return None
            listed += row[0]
            if listed > budget:
                break
        return listed

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


class ResidentTexts:
    """Every document's text held in memory (as stored: lower-cased, without ``TAIL``),
    so that a query the index would answer slowly is answered by reading them with
    Python's ``in``, the very test that defines a match. For a caller that asks often
    (a filter on every keystroke) and knows when the texts change."""

    def __init__(self, texts: Mapping[int, str]) -> None:
        self.texts = dict(texts)

    @classmethod
    def load(cls, connection: Any, source: str, rowid: str, value: str) -> ResidentTexts:
        """The texts of table ``source``: its ``rowid`` column is the document id, ``value``
        the text (as ``TrigramIndex.rowids`` names them)."""
        return cls(dict(connection.execute(f"SELECT {rowid}, {value} FROM {source}").fetchall()))

    def cost(self, within: Collection[int] | None = None) -> float:
        """What reading every text costs (in ``Plan.cost``'s units), or only those of
        the documents ``within``."""
        return _COST_PER_RESIDENT_TEXT * len(self.texts if within is None else within)

    def cheaper(self, plan: Plan, within: Collection[int] | None = None) -> bool:
        """Whether reading every text (or those of the documents ``within``) costs less
        than answering ``plan`` from the index (a plan's phrases count only when it was
        made with ``phrase_costs``)."""
        return plan.cost > self.cost(within)

    def matching(self, query: str, within: Collection[int] | None = None) -> set[int]:
        """The documents holding every word of ``query`` (which has words); only those
        ``within`` are read when given (the documents of a query ``query`` narrows,
        ``narrows``: typing on, only what the last keystroke found is read again)."""
        query_words = list(dict.fromkeys(words(query)))
        texts = self.texts
        if within is not None:
            # A document without a text holds no word: "" contains no word.
            if len(query_words) == 1:
                word = query_words[0]
                return {doc for doc in within if word in texts.get(doc, "")}
            return {doc for doc in within if all(w in texts.get(doc, "") for w in query_words)}
        if len(query_words) == 1:
            word = query_words[0]
            return {doc for doc, text in texts.items() if word in text}
        return {doc for doc, text in texts.items() if all(w in text for w in query_words)}
