"""The zip container and canonical JSON on their own."""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.errors import Failure, PackageError
from gwgk_desktop.submission.format import LIMITS
from gwgk_desktop.submission.zipfmt import (
    DEFLATE,
    LOCAL,
    STORE,
    Entry,
    ZipWriter,
    name_problem,
    read_directory,
    read_entry,
)


def _zip(entries: list[tuple[str, bytes, int]]) -> bytes:
    handle = io.BytesIO()
    writer = ZipWriter(handle)
    for name, data, method in entries:
        writer.add_bytes(name, data, method)
    writer.finish()
    return handle.getvalue()


@given(
    st.lists(
        st.tuples(st.binary(max_size=5000), st.sampled_from([STORE, DEFLATE])),
        min_size=1,
        max_size=6,
    )
)
def test_written_zips_read_back_here_and_in_zipfile(files: list[tuple[bytes, int]]) -> None:
    entries = [(f"data/f{i}.json", data, method) for i, (data, method) in enumerate(files)]
    raw = _zip(entries)
    handle = io.BytesIO(raw)
    found = read_directory(handle, len(raw), LIMITS)
    assert [e.name for e in found] == [name for name, _, _ in entries]
    for entry, (_, data, _) in zip(found, entries, strict=True):
        chunks: list[bytes] = []
        read_entry(handle, entry, chunks.append)
        assert b"".join(chunks) == data
    # Any zip tool can open a package.
    with zipfile.ZipFile(io.BytesIO(raw)) as other:
        assert other.testzip() is None
        assert [other.read(name) for name, _, _ in entries] == [d for _, d, _ in entries]


def test_python_zipfile_output_is_refused_as_non_canonical() -> None:
    handle = io.BytesIO()
    with zipfile.ZipFile(handle, "w") as archive:
        archive.writestr("data/station.json", "{}")
    raw = handle.getvalue()
    with pytest.raises(PackageError) as caught:
        read_directory(io.BytesIO(raw), len(raw), LIMITS)
    assert caught.value.failure is Failure.ZIP_STRUCTURE


@pytest.mark.parametrize(
    ("name", "bad"),
    [
        (b"data/station.json", False),
        (b"attachments/" + b"a" * 64, False),
        (b"/etc/passwd", True),
        (b"..", True),
        (b"a/../b", True),
        (b"a\\b", True),
        (b"C:x", True),
        (b"c:/x", True),
        (b"a:b", True),
        (b"a//b", True),
        (b"a/", True),
        (b"", True),
        (b"a b", True),
        (b"a\x00b", True),
        ("数据".encode(), True),
    ],
)
def test_entry_name_rules(name: bytes, bad: bool) -> None:
    assert (name_problem(name) is not None) is bad


def test_inflating_beyond_the_declared_size_stops_early() -> None:
    """A header that lies about the size cannot make the reader produce more."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = compressor.compress(b"\x00" * (50 << 20)) + compressor.flush()
    name = b"data/x.json"
    declared = 1 << 20
    header = LOCAL.pack(0, 0, 0, 0, 0, 0, 0, len(stream), declared, len(name), 0)
    entry = Entry(name.decode(), DEFLATE, 0, len(stream), declared, 0)
    produced = 0

    def count(chunk: bytes) -> None:
        nonlocal produced
        produced += len(chunk)

    with pytest.raises(PackageError) as caught:
        read_entry(io.BytesIO(header + name + stream), entry, count)
    assert caught.value.failure is Failure.ZIP_BOMB
    assert produced <= declared


def test_ratio_limit_applies_only_to_large_entries() -> None:
    small = _zip([("data/a.json", b"\x00" * 100_000, DEFLATE)])
    read_directory(io.BytesIO(small), len(small), LIMITS)
    strict = replace(LIMITS, ratio_floor=1000)
    with pytest.raises(PackageError) as caught:
        read_directory(io.BytesIO(small), len(small), strict)
    assert caught.value.failure is Failure.ZIP_BOMB


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(st.dictionaries(st.text(max_size=8), JSON_VALUES, max_size=6))
def test_canonical_round_trip(value: dict[str, object]) -> None:
    encoded = canonical.encode(value)
    assert canonical.parse_canonical(encoded) == value
    assert canonical.encode(json.loads(encoded)) == encoded


@pytest.mark.parametrize(
    "text",
    [
        b'{"b":1,"a":2}',
        b'{"a": 1}',
        b'{"a":1}\n',
        b' {"a":1}',
        b'{"a":"\\u4e2d"}',
        b'{"a":"\\/"}',
        b'{"a":01}',
    ],
)
def test_not_canonical(text: bytes) -> None:
    with pytest.raises((canonical.NotCanonical, canonical.NotJson)):
        canonical.parse_canonical(text)


@pytest.mark.parametrize(
    "text",
    [
        b'{"a":1,"a":2}',
        b'{"a":1.5}',
        b'{"a":NaN}',
        b'{"a":1e3}',
        b"[1]",
        b"\xff",
        b'{"a":"\\ud800"}',
    ],
)
def test_not_acceptable_json(text: bytes) -> None:
    with pytest.raises(canonical.NotJson):
        canonical.parse_canonical(text)
