"""City-wide text search is exact: on both databases it finds exactly the current items
whose text contains every word (a substring test), for words of any length, including
one- and two-character words, wildcards of LIKE and FTS5's query syntax."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, insert, text

from gwgk_desktop.bureau import search
from gwgk_desktop.bureau.catalogue import CityCatalogue, CityQuery
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.models import ItemRecord, PackageRow, StationRow
from gwgk_desktop.domain.enums import ItemKind, Status

ALPHABET = st.sampled_from(
    list("户籍管理居民身份证出生登记派出所中华人民共和国abcAB12 %_\\\"'()*-.\n")
)
TEXTS = st.lists(st.text(ALPHABET, min_size=0, max_size=30), min_size=1, max_size=25)


def _fill(db: BureauDatabase, texts: list[str], current: list[bool]) -> dict[int, str]:
    """Items with the given texts (as name); returns id → search text of current ones."""
    now = dt.datetime(2026, 9, 1)
    with db.write() as session:
        if db.is_sqlite:
            session.execute(
                text("INSERT INTO bureau_item_fts(bureau_item_fts) VALUES('delete-all')")
            )
        for model in (ItemRecord, PackageRow, StationRow):
            session.execute(delete(model))
        station = StationRow(org_code="110000001", name="城东派出所", registered_at=now)
        session.add(station)
        session.flush()
        package = PackageRow(
            station_id=station.id, sha256="a" * 64, package_id="p", sequence=1, key_id="k" * 16,
            format_version="1.1", station_name="城东派出所", created_at=now, received_at=now,
            size=1, counts={}, warnings=[], profile={}, reference={}, summary={},
            continuity="first", current=True,
        )  # fmt: skip
        session.add(package)
        session.flush()
        indexed: dict[int, str] = {}
        for number, (value, is_current) in enumerate(zip(texts, current, strict=True)):
            search_text = search.item_search_text(value, "", "", f"110000001/2026-{number:05d}")
            item_id = session.scalar(
                insert(ItemRecord)
                .values(
                    package_id=package.id,
                    station_id=station.id,
                    uuid=f"u{number}",
                    revision=1,
                    kind=ItemKind.CATALOGUE,
                    index_number=f"{number:05d}",
                    status=Status.PUBLISHED,
                    name=value,
                    created_at=now,
                    updated_at=now,
                    search_text=search_text,
                    current=is_current,
                )
                .returning(ItemRecord.id)
            )
            assert item_id is not None
            if is_current:
                indexed[item_id] = search_text
        search.add_to_index(session, list(indexed.items()))
    return indexed


def _expected(indexed: dict[int, str], query: str) -> set[int]:
    words = query.lower().split()
    return {i for i, t in indexed.items() if all(w in t for w in words)}


@st.composite
def cases(draw: st.DrawFn) -> tuple[list[str], list[bool], str]:
    texts = draw(TEXTS)
    current = draw(st.lists(st.booleans(), min_size=len(texts), max_size=len(texts)))
    source = draw(st.sampled_from(texts))
    start = draw(st.integers(0, max(0, len(source) - 1)))
    length = draw(st.integers(1, 5))
    picked = source[start : start + length]
    query = draw(st.one_of(st.just(picked), st.text(ALPHABET, max_size=8), st.just(f"{picked} 户")))
    return texts, current, query


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=cases())
def test_search_finds_exactly_the_substring_matches(
    bureau: BureauDatabase, case: tuple[list[str], list[bool], str]
) -> None:
    texts, current, query = case
    indexed = _fill(bureau, texts, current)
    found = set(CityCatalogue(bureau).search_ids(CityQuery(text=query)))
    assert found == _expected(indexed, query)


def test_short_and_long_words_and_syntax_characters(bureau: BureauDatabase) -> None:
    texts = ["户籍管理", "居民身份证", "出生登记", "100%_完成", '引号"与(括号)', "ab AND cd", "籍"]
    indexed = _fill(bureau, texts, [True] * len(texts))
    catalogue = CityCatalogue(bureau)
    for query in (
        "户",
        "籍",
        "户籍",
        "户籍管",
        "身份证",
        "%",
        "_",
        "0%_",
        '"',
        "(",
        "and",
        "籍 户",
    ):
        assert set(catalogue.search_ids(CityQuery(text=query))) == _expected(indexed, query), query
    assert catalogue.search_ids(CityQuery(text="无此内容")) == []
    assert len(catalogue.search_ids(CityQuery())) == len(texts)


def test_a_word_that_begins_many_trigrams_is_scanned(bureau: BureauDatabase) -> None:
    # "户" begins 40 different trigrams, one per item: ORing them all costs more than
    # reading the 41 texts, so the shared plan tests the texts instead (and stays exact).
    texts = [f"户{chr(0x4E00 + n)}{n}" for n in range(40)] + ["其他"]
    indexed = _fill(bureau, texts, [True] * len(texts))
    if bureau.is_sqlite:
        with bureau.read() as session:
            driver = session.connection().connection.driver_connection
            plan = search.INDEX.plan(driver, "户", len(texts))
        assert plan is not None and plan.scans == ("户",) and plan.match is None
    found = set(CityCatalogue(bureau).search_ids(CityQuery(text="户")))
    assert found == _expected(indexed, "户") and len(found) == 40


def test_a_word_in_every_current_item_restricts_nothing(bureau: BureauDatabase) -> None:
    # Every current item holds the trigram "户籍管", so "户籍" is in all of them; the
    # item that is not current does not count.
    texts = ["户籍管理一", "户籍管理二", "派出所户籍管", "其他"]
    indexed = _fill(bureau, texts, [True, True, True, False])
    if bureau.is_sqlite:
        with bureau.read() as session:
            assert search.text_condition(session, "户籍") is None
            assert search.text_condition(session, "户籍 一") is not None
    catalogue = CityCatalogue(bureau)
    assert set(catalogue.search_ids(CityQuery(text="户籍"))) == set(indexed)
    assert set(catalogue.search_ids(CityQuery(text="户籍 一"))) == _expected(indexed, "户籍 一")
