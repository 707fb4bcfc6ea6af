"""Round trips: 索引号 text, and item content through its JSON form."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gwgk_desktop.domain.index_number import IndexNumber, is_valid
from gwgk_desktop.domain.serialize import canonical_json, content_from_dict, content_to_dict
from tests.strategies import item_contents

org_codes = st.from_regex(r"[0-9A-Z][0-9A-Z-]{4,17}", fullmatch=True)


@given(org_codes, st.integers(1000, 9999), st.integers(1, 99999))
def test_index_number_round_trips(org: str, year: int, serial: int) -> None:
    number = IndexNumber(org, year, serial)
    assert IndexNumber.parse(str(number)) == number
    assert str(number).endswith(f"/{year}-{serial:05d}")


def test_index_number_examples() -> None:
    assert str(IndexNumber("000014349", 2018, 222)) == "000014349/2018-00222"
    assert not is_valid("000014349/2018-222")
    assert not is_valid("00001/4349/2018-00222")
    with pytest.raises(ValueError, match="索引号格式不正确"):
        IndexNumber.parse("2018-00222")
    with pytest.raises(ValueError):
        IndexNumber("000014349", 2018, 100000)


@given(item_contents())
def test_content_survives_its_json_form(content: object) -> None:
    data = content_to_dict(content)  # type: ignore[arg-type]
    assert content_from_dict(data) == content
    # and the JSON is canonical: the same bytes however often it is written
    assert canonical_json(data) == canonical_json(content_to_dict(content_from_dict(data)))


def test_canonical_json_is_sorted_compact_utf8() -> None:
    assert canonical_json({"b": 1, "a": "政务", "d": dt.date(2026, 1, 1).isoformat()}) == (
        '{"a":"政务","b":1,"d":"2026-01-01"}'.encode()
    )
