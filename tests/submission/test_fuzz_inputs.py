"""Every parser of what a user or another program hands us, fuzzed (Hypothesis): item JSON,
quick-entry text, packages, key registries, the verifier's state file, templates (plain
and signed), calendars and the request JSON of ``gwgk request add``.

The property is the same everywhere: a valid result or the parser's one clear error
(a ``UserError`` or the domain's own error with a Chinese message), never any other
exception (a traceback), and where the input would be written, nothing half-written: a
refused input leaves the database exactly as it was.

Inputs are made three ways: structural (a valid document with one part replaced by an
arbitrary JSON value, or a key added), textual (the document's text with characters
inserted, removed or repeated, a key doubled, the encoding changed) and raw (any bytes).
"""

from __future__ import annotations

import copy
import io
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from gwgk_desktop.domain.flowchart import validate_flowchart
from gwgk_desktop.domain.flowchart_quick import QuickEntryError, parse_quick_entry
from gwgk_desktop.domain.json_input import JsonInputError, loads
from gwgk_desktop.domain.models import ItemContent
from gwgk_desktop.domain.serialize import content_from_dict, content_to_dict
from gwgk_desktop.domain.typed import FieldError
from gwgk_desktop.domain.workdays import CalendarFormatError, parse_year
from gwgk_desktop.errors import UserError
from gwgk_desktop.services import calendars, template
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.request_json import info_from_dict
from gwgk_desktop.services.requests import Register
from gwgk_desktop.store.database import Database, open_database
from gwgk_desktop.submission.errors import PackageError
from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.registry import BUREAU, KeyRecord, Registry
from gwgk_desktop.submission.state import State
from gwgk_desktop.submission.template_sign import open_signed_template, sign_template
from gwgk_desktop.submission.verify import verify_stream
from tests.conftest import actors_of
from tests.factories import catalogue_content
from tests.submission.conftest import Exported

FUZZ = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# ------------------------------------------------------------------------ strategies

JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(["", "2026-01-01", "2026-02-30", "website", "catalogue", "\x1b[2J", "\u202e"])
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


@st.composite
def mutated(draw: st.DrawFn, base: Any) -> Any:
    """``base`` with one part replaced by an arbitrary value, or a key added."""
    value = copy.deepcopy(base)
    paths = list(_paths(value))
    path = draw(st.sampled_from(paths))
    replacement = draw(JSON_VALUES)
    if not path:
        return replacement
    parent = value
    for step in path[:-1]:
        parent = parent[step]
    if isinstance(parent, dict) and draw(st.booleans()):
        parent[draw(st.text(max_size=10))] = replacement
    else:
        parent[path[-1]] = replacement
    return value


@st.composite
def garbled(draw: st.DrawFn, base: Any) -> bytes:
    """The text of ``base`` (JSON) with characters changed, or in another encoding."""
    text = json.dumps(base, ensure_ascii=False)
    choice = draw(st.integers(0, 5))
    if choice == 0:  # characters inserted
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.text(max_size=5)) + text[at:]
    elif choice == 1:  # a slice removed
        at = draw(st.integers(0, len(text)))
        text = text[:at] + text[at + draw(st.integers(1, 20)) :]
    elif choice == 2:  # a key doubled
        text = text.replace('{"', '{"x":1,"x":2,"', 1)
    elif choice == 3:  # nested deep
        depth = draw(st.integers(60, 3000))
        text = "[" * depth + text + "]" * depth
    elif choice == 4:  # a huge number
        text = text.replace(":", ":" + "9" * draw(st.integers(19, 6000)) + ',"y":', 1)
    else:
        return text.encode(
            draw(st.sampled_from(["gbk", "utf-16", "utf-8-sig", "latin-1"])), "replace"
        )
    return text.encode("utf-8", "surrogatepass")


def inputs(base: Any) -> st.SearchStrategy[bytes]:
    """Bytes of every kind for a parser whose valid input looks like ``base``."""
    as_bytes = mutated(base).map(lambda v: json.dumps(v, ensure_ascii=False).encode("utf-8"))
    return as_bytes | garbled(base) | st.binary(max_size=200)


def clear_or_valid(call: Callable[[], object], *errors: type[BaseException]) -> bool:
    """Run ``call``: True if it gave a result, False if it refused with one of
    ``errors`` carrying a message; anything else fails the test."""
    try:
        call()
    except errors as error:
        message = getattr(error, "message", None) or str(error)
        assert message and "Traceback" not in message
        event(f"refused: {type(error).__name__}")
        return False
    event("accepted")
    return True


# ------------------------------------------------------------------------ item JSON


@pytest.fixture(scope="module")
def _fuzz_station(_station_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "station.sqlite"
    shutil.copyfile(_station_template, path)
    return path


@pytest.fixture
def fuzz_db(_fuzz_station: Path) -> Iterator[Database]:
    with open_database(_fuzz_station) as db:
        yield db


def _rows(db: Database) -> tuple[int, ...]:
    with db.connect() as connection:
        return tuple(
            connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0
            for table in ("items", "item_revisions", "audit_log", "disclosure_requests")
        )


def _valid_item() -> dict[str, Any]:
    from gwgk_desktop.domain.enums import NodeKind
    from gwgk_desktop.domain.models import Flowchart, FlowEdge, FlowNode, ServiceGuide

    content = ItemContent(
        name="出生登记",
        category_id=3,
        channels=("website",),
        guide=ServiceGuide(department="户籍室", legal_limit_days=20),
        flowchart=Flowchart(
            "流程",
            [FlowNode("s", NodeKind.START, "开始"), FlowNode("e", NodeKind.END, "结束", x=1.5)],
            [FlowEdge("1", "s", "e", "是")],
        ),
    )
    return content_to_dict(content)


@FUZZ
@given(data=inputs(_valid_item()))
def test_item_json(fuzz_db: Database, data: bytes) -> None:
    catalogue = Catalogue(fuzz_db)
    clerk = actors_of(fuzz_db).clerk
    before = _rows(fuzz_db)

    def add() -> None:
        value = loads(data)
        assume_object = value if isinstance(value, dict) else None
        if assume_object is None:
            raise JsonInputError("不是对象", "not an object")
        catalogue.changes.create(clerk, content_from_dict(assume_object))

    if clear_or_valid(add, JsonInputError, FieldError, UserError):
        assert _rows(fuzz_db)[0] == before[0] + 1
    else:
        assert _rows(fuzz_db) == before


# ------------------------------------------------------------------------ quick entry

QUICK_LINES = st.lists(
    st.one_of(
        st.builds(
            "{}{} {}".format,
            st.integers(-3, 400).map(str) | st.text("0123456789０１２", max_size=6),
            st.sampled_from([".", "、", ")", "）", ":", ""]),
            st.text(max_size=15),
        ),
        st.builds(
            "  - {} → {}".format, st.text(max_size=6), st.text("0123456789结束 ", max_size=6)
        ),
        st.text(max_size=30),
        st.just("# 标题"),
    ),
    max_size=40,
).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(text=QUICK_LINES | st.text(max_size=300))
def test_quick_entry(text: str) -> None:
    try:
        chart = parse_quick_entry(text)
    except QuickEntryError as error:
        assert error.problems and all(str(p) for p in error.problems)
        return
    validate_flowchart(chart)


# ------------------------------------------------------------------------ packages


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_packages(exported: Exported, data: st.DataObject) -> None:
    package = exported.package.read_bytes()
    registry = Registry.load(exported.registry)
    how = data.draw(st.integers(0, 3))
    if how == 0:
        at = data.draw(st.integers(0, len(package) - 1))
        changed = package[:at] + data.draw(st.binary(min_size=1, max_size=8)) + package[at + 1 :]
    elif how == 1:
        changed = package[: data.draw(st.integers(0, len(package)))]
    elif how == 2:
        at = data.draw(st.integers(0, len(package)))
        changed = package[:at] + data.draw(st.binary(max_size=64)) + package[at:]
    else:
        changed = data.draw(st.binary(max_size=600))
    state = State()
    clear_or_valid(
        lambda: verify_stream(io.BytesIO(changed), len(changed), registry, state), PackageError
    )


# ------------------------------------------------------------------------ key registries


def _valid_registry() -> dict[str, Any]:
    pair = KeyPair.generate()
    record = KeyRecord(pair.key_id, pair.public.hex(), "station", "000014349", "派出所", "t")
    return json.loads(Registry([record]).to_bytes())


@FUZZ
@given(data=inputs(_valid_registry()))
def test_registries(data: bytes) -> None:
    from gwgk_desktop.submission.errors import RegistryError

    clear_or_valid(lambda: Registry.from_bytes(data, "fuzz.json"), RegistryError)


# ------------------------------------------------------------------------ state files

_STATE = {
    "format": "gwgk-verify-state",
    "format_version": 1,
    "stations": {
        "000014349": {
            "sequence": 3,
            "package_sha256": "a" * 64,
            "key_id": "b" * 16,
            "accepted_at": "2026-11-26T09:00:00Z",
        }
    },
}


@FUZZ
@given(data=inputs(_STATE))
def test_state_files(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    from gwgk_desktop.submission.errors import StateFileError

    path = tmp_path_factory.mktemp("state") / "state.json"
    path.write_bytes(data)
    clear_or_valid(lambda: State.load(path), StateFileError)


# ------------------------------------------------------------------------ templates

_SMALL_TEMPLATE = {
    **{k: v for k, v in template.builtin_template().items() if k not in ("calendars", "privacy")},
    "calendars": template.builtin_template()["calendars"][:1],
}
_BUREAU = KeyPair.generate()
_BUREAU_RECORD = KeyRecord(_BUREAU.key_id, _BUREAU.public.hex(), BUREAU, "", "市局", "t")


@FUZZ
@given(value=mutated(_SMALL_TEMPLATE))
def test_templates(value: Any) -> None:
    clear_or_valid(lambda: template.check_payload(value), template.TemplateError)


@FUZZ
@given(data=inputs(json.loads(sign_template(_SMALL_TEMPLATE, _BUREAU, "市局"))))
def test_signed_templates(data: bytes) -> None:
    from gwgk_desktop.submission.template_sign import TemplateSignatureError

    def read() -> None:
        signed = open_signed_template(data, [_BUREAU_RECORD])
        template.check_payload(signed.payload)

    clear_or_valid(read, TemplateSignatureError, template.TemplateError)


@FUZZ
@given(value=mutated(_SMALL_TEMPLATE))
def test_signed_template_import_writes_all_or_nothing(
    fuzz_db: Database, tmp_path_factory: pytest.TempPathFactory, value: Any
) -> None:
    """A template that passes the signature but not the check installs nothing."""
    from gwgk_desktop.services import keys
    from gwgk_desktop.submission.template_sign import TemplateSignatureError

    admin = actors_of(fuzz_db).admin
    if not keys.bureau_keys(fuzz_db):
        keys.add_bureau_keys(fuzz_db, admin, [_BUREAU_RECORD])
    if isinstance(value, dict):
        value = {**value, "version": 99} if value.get("version") == 2 else value
    try:
        signed = sign_template(value, _BUREAU, "市局")
    except (TypeError, ValueError):
        assume(False)  # cannot even be encoded as canonical JSON
        return
    path = tmp_path_factory.mktemp("template") / "t.gwgkt"
    path.write_bytes(signed)
    with fuzz_db.read() as session:
        before = template.active_template(session)
        before_id = before.id if before else None
    installed = clear_or_valid(
        lambda: template.import_signed(fuzz_db, admin, path),
        template.TemplateError,
        TemplateSignatureError,
        UserError,
    )
    with fuzz_db.read() as session:
        after = template.active_template(session)
    after_id = after.id if after else None
    assert after_id != before_id if installed else after_id == before_id


# ------------------------------------------------------------------------ calendars

_CALENDAR = {"year": 2026, "basis": "通知", "holidays": ["2026-01-01"], "workdays": ["2026-01-04"]}


@FUZZ
@given(data=inputs(_CALENDAR))
def test_calendar_files(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("calendar") / "calendar.json"
    path.write_bytes(data)
    clear_or_valid(lambda: calendars.read_file(path), UserError)


@FUZZ
@given(value=mutated(_CALENDAR))
def test_calendar_values(value: Any) -> None:
    clear_or_valid(lambda: parse_year(value), CalendarFormatError)


# ------------------------------------------------------------------------ request JSON

_REQUEST = {
    "received": "2026-09-28",
    "channel": "in_person",
    "applicant_type": "natural",
    "applicant": "张三",
    "content": "2025年户籍统计",
    "phone": "13800000000",
    "address": "城关路1号",
    "oral": False,
}


@FUZZ
@given(data=inputs(_REQUEST))
def test_request_json(fuzz_db: Database, data: bytes) -> None:
    register = Register(fuzz_db)
    clerk = actors_of(fuzz_db).clerk
    before = _rows(fuzz_db)

    def add() -> None:
        value = loads(data)
        if not isinstance(value, dict):
            raise JsonInputError("不是对象", "not an object")
        register.register(clerk, info_from_dict(value))

    if clear_or_valid(add, JsonInputError, UserError):
        assert _rows(fuzz_db)[3] == before[3] + 1
    else:
        assert _rows(fuzz_db) == before


def test_the_fuzzers_reach_valid_inputs(fuzz_db: Database) -> None:
    """The bases are valid, so the fuzzers start from the accepted side of each parser."""
    catalogue = Catalogue(fuzz_db)
    catalogue.changes.create(actors_of(fuzz_db).clerk, content_from_dict(_valid_item()))
    catalogue.changes.create(actors_of(fuzz_db).clerk, catalogue_content(catalogue))
    Registry.from_bytes(json.dumps(_valid_registry()).encode())
    template.check_payload(copy.deepcopy(_SMALL_TEMPLATE))
    parse_year(_CALENDAR)
    info_from_dict(dict(_REQUEST))
