"""The export's checked items (``services.checked_items``): records an earlier export found
clean are taken as they are, and the result is the same as checking every record: the
same findings, the same package records, under random edits written straight into the
database (content, categories, channels, dates, names made equal, personal data, control
characters), on another day, with masking. A forged, damaged or foreign file never lets
a finding through; a full disk when it is written costs only the next export's time."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import sqlite3
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.services import checked_items, export, keys
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import open_database
from gwgk_desktop.submission.format import ITEM_FILES
from gwgk_desktop.submission.keys import KeyPair
from tests.conftest import actors_of, full_first, small_tmpfs
from tests.factories import catalogue_content, fee_content, licensing_content
from tests.submission.conftest import PASSPHRASE

TODAY = dt.date(2026, 10, 8)
ID_NUMBER = "11010519491231002X"  # a valid resident ID number: blocks, or is masked
NAMES = ["便民服务承诺", "户籍业务办理", "出入境咨询", "出生登记", "工本费"]


@pytest.fixture(scope="module")
def _template(tmp_path_factory: pytest.TempPathFactory, _station_template: Path) -> Path:
    """A station with five approved items (catalogue, licensing, fee) and a key."""
    folder = tmp_path_factory.mktemp("checked-items")
    path = folder / "station.sqlite"
    shutil.copyfile(_station_template, path)
    with open_database(path) as db:
        catalogue = Catalogue(db)
        actors = actors_of(db)
        contents = [
            catalogue_content(catalogue, NAMES[0]),
            catalogue_content(catalogue, NAMES[1], code="07"),
            catalogue_content(catalogue, NAMES[2]),
            licensing_content(catalogue, NAMES[3]),
            fee_content(catalogue, NAMES[4]),
        ]
        for content in contents:
            item = catalogue.changes.create(actors.clerk, content)
            catalogue.review.transition(actors.clerk, item.id, Action.SUBMIT)
            catalogue.review.transition(actors.reviewer, item.id, Action.APPROVE)
        keys.create_key(db, actors.admin, PASSPHRASE)
    return path


@pytest.fixture(scope="module")
def _exported(_template: Path) -> Path:
    """The station after one export (on ``TODAY``), which left its checked items."""
    path = _template.with_name("exported.sqlite")
    _copy(_template, path)
    with pytest.MonkeyPatch.context() as patch, _signer(path) as signer:
        patch.setattr(export, "today", lambda: TODAY)
        assert _outcome(path, path.with_name("first.gwgk"), signer)[2] is not None
    assert checked_items.load(path) is not None
    return path


def _copy(source: Path, target: Path) -> None:
    """A station's database with the files an export leaves beside it."""
    shutil.copyfile(source, target)
    for kind in ("history-checked", "items-checked"):
        beside = source.with_name(f".{source.name}.{kind}")
        if beside.exists():
            shutil.copyfile(beside, target.with_name(f".{target.name}.{kind}"))


@pytest.fixture
def station(_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(export, "today", lambda: TODAY)
    path = tmp_path / "station.sqlite"
    shutil.copyfile(_template, path)
    return path


@contextlib.contextmanager
def _signer(path: Path) -> Iterator[KeyPair]:
    with open_database(path) as db:
        yield keys.unlock(db, PASSPHRASE)


def _sql(path: Path, *statements: tuple[str, tuple[Any, ...]]) -> None:
    connection = sqlite3.connect(path)
    with connection:
        for statement, values in statements:
            connection.execute(statement, values)
    connection.close()


def _outcome(path: Path, out: Path, signer: KeyPair, mask: bool = False) -> tuple[Any, ...]:
    """What an export found and wrote: its findings, and its item records (None when it
    was refused)."""
    with open_database(path) as db:
        try:
            result = export.export_package(
                db, actors_of(db).admin, out, signer=signer, mask_private=mask
            )
        except export.ExportBlocked as blocked:
            assert not out.exists()
            check = blocked.check
            return [f.line() for f in check.errors], [f.line() for f in check.warnings], None
    with zipfile.ZipFile(out) as package:
        records = {name: package.read(name) for name in ITEM_FILES.values()}
    out.unlink()
    return [], [f.line() for f in result.warnings], records


def _full_check(path: Path, mask: bool) -> tuple[list[str], list[str]]:
    with open_database(path) as db:
        check = export.check_export(db, mask_private=mask)
    return [f.line() for f in check.errors], [f.line() for f in check.warnings]


def _in_force(path: Path) -> list[int]:
    connection = sqlite3.connect(path)
    ids = [row[0] for row in connection.execute("SELECT id FROM item_revisions ORDER BY id")]
    connection.close()
    return ids


edits = st.lists(
    st.tuples(
        st.integers(0, 4),
        st.sampled_from(
            [
                ("name", st.sampled_from([*NAMES, f"身份证{ID_NUMBER}", "名\x1b称", " 空格 "])),
                ("content", st.sampled_from(["", "新的内容", f"联系人 {ID_NUMBER}"])),
                ("basis", st.sampled_from(["", "新的依据", "手机13912345678"])),
                ("category_id", st.sampled_from([1, 2, 6, 7, 999])),
                (
                    "generated_date",
                    st.sampled_from(
                        [None, "2026-09-01", TODAY.isoformat(), "2026-10-09", "2027-01-01"]
                    ),
                ),
                (
                    "channels",
                    st.sampled_from(['["website"]', "[]", '["website","website"]', '["nowhere"]']),
                ),
            ]
        ).flatmap(lambda pair: st.tuples(st.just(pair[0]), pair[1])),
    ),
    max_size=4,
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    edits=edits,
    # 0: the same day; later days (the file still holds); -1: the clock set back.
    days_later=st.sampled_from([0, 0, 1, 9, -1]),
    mask=st.booleans(),
    twice=st.booleans(),
)
def test_checked_items_give_what_the_full_check_gives(
    _exported: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    edits: list[tuple[int, tuple[str, object]]],
    days_later: int,
    mask: bool,
    twice: bool,
) -> None:
    """After an export left its checked items: random edits (and perhaps a new day);
    the export that uses them finds and writes what one without them does, and what
    the full check (``check_export``) finds."""
    path = tmp_path / f"example-{len(list(tmp_path.iterdir()))}.sqlite"
    _copy(_exported, path)
    with _signer(path) as signer:
        assert checked_items.load(path) is not None
        revisions = _in_force(path)
        for which, (column, value) in edits:
            _sql(
                path,
                (f"UPDATE item_revisions SET {column} = ? WHERE id = ?", (value, revisions[which])),
            )
        later = TODAY + dt.timedelta(days=days_later)
        monkeypatch.setattr(export, "today", lambda: later)
        remembered = _outcome(path, tmp_path / "remembered.gwgk", signer, mask)
        if twice:  # the file this export left, used at once
            assert _outcome(path, tmp_path / "again.gwgk", signer, mask) == remembered
        checked_items.path_for(path).unlink(missing_ok=True)
        full = _outcome(path, tmp_path / "full.gwgk", signer, mask)
    assert remembered == full
    assert (remembered[0], remembered[1]) == _full_check(path, mask)


def _records_digest(path: Path, name: str) -> bytes:
    """The digest of the package record ``name``'s item would have, as the export makes it."""
    with open_database(path) as db:
        catalogue = Catalogue(db)
        codes = {c.id: c.code for c in catalogue.reference.categories(include_inactive=True)}
        for item in catalogue.items.iter_items(ItemQuery(), in_force=True):
            if item.name == name:
                record = export._item_record(item, codes)
                return checked_items.record_digest(export.canonical.encode(record))
    raise AssertionError(name)


def _forge(path: Path, digest: bytes, pair: KeyPair) -> None:
    """Add ``digest`` to the checked items (the context as it is) and seal with ``pair``."""
    loaded = checked_items.load(path)
    assert loaded is not None
    checked_items.save(path, loaded.context, loaded.day, {*loaded.digests, digest}, pair)


@pytest.mark.parametrize("sealed_by", ["other key", "signing key"])
def test_a_record_with_an_id_number_forged_as_checked_is_still_refused(
    station: Path, tmp_path: Path, sealed_by: str
) -> None:
    """Someone writes an ID number into an approved item and adds its record to the
    checked items, sealed with a key of their own: the export checks it and refuses.
    Sealed with the signing key (which they cannot open) it would be believed: the seal
    is what stops it."""
    with _signer(station) as signer:
        assert _outcome(station, tmp_path / "first.gwgk", signer)[2] is not None
        name = f"身份证{ID_NUMBER}"
        _sql(station, ("UPDATE item_revisions SET name = ? WHERE id = 1", (name,)))
        _forge(
            station,
            _records_digest(station, name),
            KeyPair.generate() if sealed_by == "other key" else signer,
        )
        errors, _warnings, records = _outcome(station, tmp_path / "second.gwgk", signer)
    if sealed_by == "other key":
        assert records is None and any("身份证号码" in line for line in errors)
    else:
        assert records is not None and ID_NUMBER.encode() in records[ITEM_FILES["catalogue"]]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"x" * 65,
        b"0" * 64 + b"\n{}",
        b"0" * 64 + b'\n{"format":"gwgk-items-checkpoint-1"',
        b"\xff" * 200,
    ],
)
def test_a_damaged_file_costs_only_the_full_check(
    station: Path, tmp_path: Path, damage: bytes
) -> None:
    with _signer(station) as signer:
        _outcome(station, tmp_path / "first.gwgk", signer)
        checked_items.path_for(station).write_bytes(damage)
        assert checked_items.load(station) is None
        _sql(station, ("UPDATE item_revisions SET content = ? WHERE id = 2", (ID_NUMBER,)))
        errors, _warnings, records = _outcome(station, tmp_path / "second.gwgk", signer)
        assert records is None and any("身份证号码" in line for line in errors)
        assert checked_items.load(station) is not None  # a fresh one left


def test_a_file_cut_short_or_lengthened_is_not_used(station: Path, tmp_path: Path) -> None:
    with _signer(station) as signer:
        _outcome(station, tmp_path / "first.gwgk", signer)
        data = checked_items.path_for(station).read_bytes()
        for changed in (data[:-1], data + b"\0" * 32, data[:-32]):
            checked_items.path_for(station).write_bytes(changed)
            assert checked_items.load(station) is None


def test_the_file_is_only_believed_in_its_own_context(
    station: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 生成日期 of tomorrow is a warning today and not tomorrow, also when the records
    were found clean yesterday or today; other privacy rules are another context."""
    with _signer(station) as signer:
        _sql(
            station, ("UPDATE item_revisions SET generated_date = ? WHERE id = 1", ("2026-10-09",))
        )
        warned = _outcome(station, tmp_path / "a.gwgk", signer)[1]
        assert any("生成日期晚于今天" in line for line in warned)
        again = _outcome(station, tmp_path / "b.gwgk", signer)[1]
        assert again == warned
        monkeypatch.setattr(export, "today", lambda: TODAY + dt.timedelta(days=1))
        assert not any(
            "生成日期" in line for line in _outcome(station, tmp_path / "c.gwgk", signer)[1]
        )
    with open_database(station) as db:
        rules = export.privacy.load_rules(db)

    def context(rules: Any = rules, categories: frozenset[int] = frozenset({1})) -> str | None:
        return checked_items.context(
            rules=rules, known_channels={"website"}, known_categories=categories
        )

    assert context() == context() is not None
    assert context(rules=rules[1:]) != context()
    assert context(categories=frozenset({1, 2})) != context()


def validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the items the export validates from now on, in order."""
    names: list[str] = []
    validate = export.validate_content

    def counting(content: Any, *args: Any, **kwargs: Any) -> Any:
        names.append(content.name)
        return validate(content, *args, **kwargs)

    monkeypatch.setattr(export, "validate_content", counting)
    return names


def test_clean_records_stay_clean_on_later_days_not_on_earlier_ones(
    station: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A week later only the changed record is checked again (a 生成日期 that was not
    after the day of the check is not after a later one). With the clock set back to
    before the file's day, every record is checked: a 生成日期 between the two days is a
    warning again."""
    checked = validated(monkeypatch)
    with _signer(station) as signer:
        day = TODAY - dt.timedelta(days=3)
        _sql(station, ("UPDATE item_revisions SET generated_date = ? WHERE id = 1", (day,)))
        _outcome(station, tmp_path / "a.gwgk", signer)
        assert sorted(checked) == sorted(NAMES)
        checked.clear()
        monkeypatch.setattr(export, "today", lambda: TODAY + dt.timedelta(days=7))
        _sql(station, ("UPDATE item_revisions SET content = ? WHERE id = 3", ("改过的内容",)))
        _outcome(station, tmp_path / "b.gwgk", signer)
        assert checked == [NAMES[2]]
        checked.clear()
        monkeypatch.setattr(export, "today", lambda: TODAY - dt.timedelta(days=5))
        warnings = _outcome(station, tmp_path / "c.gwgk", signer)[1]
        assert sorted(checked) == sorted(NAMES)
        assert any("生成日期晚于今天" in line for line in warnings)


def test_the_second_export_takes_the_clean_records_as_they_are(
    station: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the file saves: the second export validates only the record that changed."""
    checked = validated(monkeypatch)
    with _signer(station) as signer:
        _outcome(station, tmp_path / "a.gwgk", signer)
        assert sorted(checked) == sorted(NAMES)
        checked.clear()
        _sql(station, ("UPDATE item_revisions SET content = ? WHERE id = 3", ("改过的内容",)))
        _outcome(station, tmp_path / "b.gwgk", signer)
    assert checked == [NAMES[2]]


def test_a_full_disk_when_the_file_is_written_costs_only_time(
    station: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database on a small tmpfs (mounted here) that is full when the export leaves
    its checked items: the package stands, no file or temporary file is left, and the
    next export checks every record (and still refuses an ID number)."""
    with small_tmpfs(tmp_path / "stick", "16m") as mount:
        database = mount / station.name
        shutil.copyfile(station, database)
        save = checked_items.save
        monkeypatch.setattr(checked_items, "save", full_first(mount, save))
        with _signer(database) as signer:
            assert _outcome(database, tmp_path / "first.gwgk", signer)[2] is not None
        assert not checked_items.path_for(database).exists()
        assert not [p for p in mount.iterdir() if ".tmp" in p.name or "items-checked" in p.name]
        (mount / "filler").unlink()
        monkeypatch.setattr(checked_items, "save", save)
        _sql(database, ("UPDATE item_revisions SET basis = ? WHERE id = 1", (ID_NUMBER,)))
        with _signer(database) as signer:
            errors, _w, records = _outcome(database, tmp_path / "second.gwgk", signer)
        assert records is None and any("身份证号码" in line for line in errors)


def test_the_file_lists_each_clean_record_once(station: Path, tmp_path: Path) -> None:
    with _signer(station) as signer:
        _sql(station, ("UPDATE item_revisions SET basis = ? WHERE id = 1", ("手机13912345678",)))
        _outcome(station, tmp_path / "a.gwgk", signer)
    loaded = checked_items.load(station)
    assert loaded is not None and len(loaded.digests) == len(NAMES) - 1
    head = checked_items.path_for(station).read_bytes().split(b"\n")[1]
    assert json.loads(head)["count"] == len(NAMES) - 1
