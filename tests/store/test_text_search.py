"""The item filter on the trigram index finds exactly what a plain substring test finds.

The reference is the filter as it was before the index: every word of the query
(lower-cased, split at white space) occurs in the item's searched text, tested by SQLite's
``instr`` over ``item_search`` (and by Python's ``in``, which must agree with it). Random
texts (Chinese, Latin, digits, punctuation, 索引号 with ``/`` and ``-``, line breaks, the odd
character outside the BMP) are written, rewritten and deleted through the ORM, so the
triggers keep the index in step; then random queries (one, two and three or more
characters, several words, words found nowhere, words every item has) are compared.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.queries import ItemQueries, ItemQuery
from gwgk_desktop.store import item_text
from gwgk_desktop.store.database import Database, open_database
from gwgk_desktop.store.models import ItemRow as ItemTable
from gwgk_desktop.store.models import SearchRow
from gwgk_desktop.store.text_search import Plan, ResidentTexts, TrigramIndex, narrows
from tests.conftest import Actors
from tests.factories import catalogue_content

#: Few distinct characters, so that words recur across items (and some are in all).
CHINESE = "户籍登记身份证办理派出所公开目录申请材料第条"
ALPHABET = CHINESE + 'abcAB0126/-（），。、《》 \n\u3000😀𠀀"*:^'
texts = st.text(alphabet=st.sampled_from(ALPHABET), max_size=60)
INDEX_NUMBER = "000014349/2026-000"


def _reference(db: Database, query: str) -> set[int]:
    words = query.lower().split()
    with db.read() as session:
        rows = session.execute(select(SearchRow.item_id, SearchRow.text)).all()
    found = {item_id for item_id, value in rows if all(w in value for w in words)}
    # SQLite's instr, the old filter's test, agrees with Python's.
    with db.read() as session:
        stmt = select(SearchRow.item_id)
        for word in words:
            stmt = stmt.where(func.instr(SearchRow.text, word) > 0)
        assert set(session.scalars(stmt)) == found
    return found


@pytest.fixture(scope="module")
def search_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A demo station (its items are the documents); each example rewrites their texts."""
    from gwgk_desktop.services.demo import build_demo

    path: Path = tmp_path_factory.mktemp("search") / "search.sqlite"
    build_demo(path, items=40)
    db = open_database(path)
    yield db
    db.close()


def _write(db: Database, values: list[str | None]) -> list[int]:
    """Give the first items these texts (None: no search row at all); the rest keep a
    text every item shares, so that "in every item" is tested too."""
    with db.write() as session:
        ids = list(session.scalars(select(ItemTable.id).order_by(ItemTable.id)))
        for n, item_id in enumerate(ids):
            value = values[n] if n < len(values) else f"共同的文字 {INDEX_NUMBER}{n:02d}"
            row = session.get(SearchRow, item_id)
            if value is None:
                if row is not None:
                    session.execute(delete(SearchRow).where(SearchRow.item_id == item_id))
                continue
            if row is None:
                session.add(SearchRow(item_id=item_id, text=value.lower()))
            else:
                row.text = value.lower()
    return ids


@st.composite
def queries(draw: st.DrawFn, values: list[str | None]) -> str:
    """Substrings of the texts (of every length), random words, several of them."""
    present = [v for v in values if v]
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()) and present:
            source = draw(st.sampled_from(present))
            start = draw(st.integers(0, max(0, len(source) - 1)))
            length = draw(st.sampled_from([1, 2, 3, 4, 6]))
            parts.append(source[start : start + length])
        else:
            parts.append(draw(st.text(alphabet=st.sampled_from(ALPHABET), min_size=1, max_size=5)))
    return draw(st.sampled_from([" ", "\u3000", "\n"])).join(parts)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), values=st.lists(st.one_of(st.none(), texts), max_size=30))
def test_the_index_finds_what_a_substring_test_finds(
    search_db: Database, data: st.DataObject, values: list[str | None]
) -> None:
    _write(search_db, values)
    items = Catalogue(search_db).items
    # The same with the texts held in memory: words in many items are answered from them.
    kept = Catalogue(search_db).items
    kept.keep_texts()
    for _ in range(8):
        query = data.draw(queries(values))
        with search_db.read() as session:
            every = set(session.scalars(select(ItemTable.id)))
        # A query without words restricts nothing (as before the index).
        expected = _reference(search_db, query) if query.split() else every
        found = items.text_matches(query)
        assert (found if found is not None else every) == expected, query
        assert kept.text_matches(query) == found, query
        # The same through the table's query (the sub-query path, with the other filters).
        listed = set(items.search_ids(ItemQuery(text=query)))
        assert listed == expected & set(items.search_ids(ItemQuery())), query


#: Characters whose lower case depends on their neighbours (Greek capital sigma) or is
#: longer than they are (dotted capital I), beside the usual ones.
CASED = ALPHABET + "ΣσςΑİi"


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.data(),
    values=st.lists(
        st.one_of(st.none(), st.text(alphabet=st.sampled_from(CASED), max_size=60)), max_size=30
    ),
)
def test_typing_on_finds_what_a_substring_test_finds(
    search_db: Database, data: st.DataObject, values: list[str | None]
) -> None:
    """With the texts in memory, a text typed on from an earlier one is tested on the
    earlier one's items only (``narrows``); each keystroke still finds exactly what the
    substring test finds, also where lower-casing depends on the next character."""
    _write(search_db, values)
    items = Catalogue(search_db).items
    items.keep_texts()
    with search_db.read() as session:
        every = set(session.scalars(select(ItemTable.id)))
    for _ in range(3):
        typed = data.draw(queries([v for v in values if v] or ["ΑΣ"]))
        typed += data.draw(st.text(alphabet=st.sampled_from(CASED), max_size=4))
        # Typed key by key, then erased key by key, as a clerk does.
        steps = [typed[:n] for n in range(1, len(typed) + 1)]
        for text in steps + steps[-2::-1]:
            found = items.text_matches(text)
            expected = _reference(search_db, text) if text.split() else every
            assert (found if found is not None else every) == expected, text


def test_typing_on_reads_only_the_items_found_a_keystroke_ago(
    search_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typing on from a word that few items have asks the index nothing: the texts in
    memory of the items the word found are read again, and only those."""
    ids = _write(search_db, ["户籍登记", "户口迁移", "身份证"])
    items = Catalogue(search_db).items
    items.keep_texts()
    assert items.text_matches("户") == {ids[0], ids[1]}
    planned: list[str] = []
    read: list[set[int] | None] = []
    plan, matching = item_text.plan, ResidentTexts.matching

    def planning(session: Session, text: str, **costs: float | None) -> Plan | None:
        planned.append(text)
        return plan(session, text, **costs)

    monkeypatch.setattr(item_text, "plan", planning)

    def reading(self: ResidentTexts, query: str, within: Collection[int] | None = None) -> set[int]:
        read.append(None if within is None else set(within))
        return matching(self, query, within)

    monkeypatch.setattr(ResidentTexts, "matching", reading)
    assert items.text_matches("户籍") == {ids[0]}
    assert items.text_matches("户籍 登") == {ids[0]}
    assert planned == [] and read == [{ids[0], ids[1]}, {ids[0]}]
    # Not typed on from anything answered: the index is asked as before.
    assert items.text_matches("身份") == {ids[2]}
    assert planned == ["身份"]
    # "ΑΣ" is "ας" lower-cased, "ΑΣΑ" is "ασα": not typed on from it, asked afresh.
    assert not narrows("ΑΣΑ", "ΑΣ") and narrows("户籍 登", "户") and not narrows("户", "户籍")


def test_a_word_every_item_has_restricts_nothing_only_when_every_item_has_it(
    search_db: Database,
) -> None:
    # Typing a 索引号 from its first digit: every item has "0", "00", "000", ...
    values: list[str | None] = ["户籍登记 身份证", "派出所", None, "办理"]
    ids = _write(search_db, [f"{v} {INDEX_NUMBER}9{n}" if v else v for n, v in enumerate(values)])
    items = Catalogue(search_db).items
    for prefix in ("0", "00", "000", "000014349/2026-"):
        # ... except the item without a searched text, which matches nothing.
        assert items.text_matches(prefix) == set(ids) - {ids[2]}
    ids = _write(search_db, [f"甲 {INDEX_NUMBER}9{n}" for n in range(4)])
    for prefix in ("0", "00", "000"):
        # Known from the vocabulary alone: a trigram in as many documents as there are items.
        assert items.text_matches(prefix) is None
    # A longer word is a phrase (whose answer is every item).
    assert items.text_matches("000014349/2026-") == set(ids)
    for prefix in ("0", "00", "000", "000014349/2026-"):
        assert len(items.search_ids(ItemQuery(text=prefix))) == len(ids)
    with search_db.read() as session:
        nothing = item_text.plan(session, "鼹")
    assert nothing is not None and nothing.nothing
    assert items.text_matches("鼹") == set()
    assert items.text_matches("甲 9000") == set()
    assert items.text_matches("") is None
    assert items.text_matches("   ") is None


def test_a_phrase_costs_what_its_trigrams_list(search_db: Database) -> None:
    """Asked to, a plan looks up what a phrase's trigrams list (until it is over the
    caller's budget); a phrase with a trigram no item has matches nothing."""
    _write(search_db, [])  # every item: "共同的文字 000014349/2026-000NN"
    with search_db.read() as session:
        resident = item_text.resident_texts(session)
        common = item_text.plan(session, "000014349/2026", phrase_costs=1e9)
        capped = item_text.plan(session, "000014349/2026", phrase_costs=resident.cost())
        unasked = item_text.plan(session, "000014349/2026")
        missing = item_text.plan(session, "共同的鼹鼠", phrase_costs=1e9)
    assert common is not None and capped is not None and unasked is not None
    assert common.cost > capped.cost > resident.cost() > 0 == unasked.cost
    assert resident.cheaper(common) and not resident.cheaper(unasked)
    assert missing is not None and missing.nothing


def test_every_item_having_the_words_restricts_nothing(search_db: Database) -> None:
    ids = _write(search_db, ["共同的 甲", "共同的 乙"])
    items = Catalogue(search_db).items
    assert items.text_matches("共同") is None
    assert items.text_matches("共") is None
    assert items.text_matches("共同 甲") == {ids[0]}
    # Its trigrams together are in every item, but none of them alone: found, not assumed.
    _write(search_db, ["共同 甲", "共同 乙"])
    assert items.text_matches("共同") == set(ids)
    assert len(items.search_ids(ItemQuery(text="共同"))) == len(ids)


def test_the_index_follows_deletes_and_rewrites(search_db: Database) -> None:
    ids = _write(search_db, ["第一条", "第二条"])
    items = Catalogue(search_db).items
    assert items.text_matches("第一条") == {ids[0]}
    _write(search_db, ["第三条", None])
    assert items.text_matches("第一条") == set()
    assert items.text_matches("第二条") == set()
    assert items.text_matches("第三条") == {ids[0]}
    # FTS5's own check of a contentless index against nothing but itself.
    index = TrigramIndex("item_text")
    with search_db.write() as session:
        session.connection().exec_driver_sql(
            f"INSERT INTO {index.name}({index.name}) VALUES ('integrity-check')"
        )


def _found(items: ItemQueries, text: str) -> set[int]:
    return set(items.search_ids(ItemQuery(text=text)))


def test_every_write_path_keeps_the_index(station_db: Database, actors: Actors) -> None:
    catalogue = Catalogue(station_db)
    items = catalogue.items
    one = catalogue.changes.create(actors.clerk, catalogue_content(catalogue, "鹦鹉螺登记"))
    assert _found(items, "鹦鹉螺") == {one.id}
    assert _found(items, one.index_number) == {one.id}
    # Bulk creation (a sheet's import) writes its rows in bulk, past the ORM's unit of work.
    many = catalogue.changes.create_many(
        actors.clerk, [catalogue_content(catalogue, f"海葵{n}号") for n in range(3)]
    )
    assert _found(items, "海葵") == set(many)
    assert _found(items, "海葵2") == {many[2]}
    # An edit changes the head revision's text; the old words are gone.
    content = items.get(one.id).content
    content.name = "珊瑚礁登记"
    catalogue.changes.update(actors.clerk, one.id, content, base_revision=1)
    assert _found(items, "鹦鹉螺") == set()
    assert _found(items, "珊瑚") == {one.id}


#: The migration that builds the index (for a database made before it).
INDEX_MIGRATION = "0007_item_text_index"


def test_an_older_database_gets_its_index_built(demo_db_path: Path) -> None:
    from alembic import command
    from alembic.script import ScriptDirectory
    from sqlalchemy import create_engine

    from gwgk_desktop.store import migrate

    with open_database(demo_db_path) as db:
        expected = Catalogue(db).items.search_ids(ItemQuery(text="户籍"))
    assert expected
    engine = create_engine(f"sqlite:///{demo_db_path}")
    with engine.connect() as connection, connection.begin():
        config = migrate.alembic_config(connection)
        before = ScriptDirectory.from_config(config).get_revision(INDEX_MIGRATION).down_revision
        assert isinstance(before, str)
        command.downgrade(config, before)
    engine.dispose()
    # Opening it migrates it (after a backup): the texts already there are indexed.
    with open_database(demo_db_path) as db:
        assert db.upgraded_from == before
        assert Catalogue(db).items.search_ids(ItemQuery(text="户籍")) == expected
        assert Catalogue(db).items.search_ids(ItemQuery(text="户")) == Catalogue(
            db
        ).items.search_ids(ItemQuery(text="户 户"))
