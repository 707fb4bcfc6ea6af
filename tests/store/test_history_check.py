"""The history check (``store.history.unbacked_revisions``) reads the audit records' JSON
without the decoder when it is in the plain form the application writes. These tests hold
it to what the check did before (every record decoded by the JSON column type, kept here
as ``_decoded_check``) on random histories changed behind the application's back, and the
plain-form reading itself to ``json.loads`` on random JSON texts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, String, select, type_coerce
from sqlalchemy.orm import Session

from gwgk_desktop.domain.enums import Status
from gwgk_desktop.domain.workflow import Action, Step, history_problem
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store import history
from gwgk_desktop.store.database import Database, open_database
from gwgk_desktop.store.history import Unbacked, unbacked_revisions
from gwgk_desktop.store.models import AuditRow, ItemRow, RevisionRow, TransitionRow
from tests.conftest import actors_of
from tests.factories import catalogue_content

_REVIEW_ACTIONS = {f"item.{action.value}": action.value for action in Action}
STATUSES = [status.value for status in Status]


# ----------------------------------------------------------------- the check as it was
def _part(text: str | None) -> dict[str, Any]:
    """A record decoded; one that is not a JSON object says nothing (issue 11's version
    stopped with the decoder's error here)."""
    try:
        value = None if text is None else json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _revision_key(record: dict[str, Any]) -> Any:
    """The revision a record names; a list or an object names none (issue 11's version
    stopped with a TypeError looking it up)."""
    revision = record.get("revision")
    return None if isinstance(revision, list | dict) else revision


def _decoded_check(session: Session) -> list[Unbacked]:
    """The history check before its audit records were read as text: every record's
    ``before`` and ``after`` decoded (issue 11's version, with the two fixes above)."""
    audited: dict[tuple[str, Any], list[Step]] = defaultdict(list)
    for uuid, action, operator, before, after in session.execute(
        select(
            AuditRow.entity_uuid,
            AuditRow.action,
            AuditRow.operator_name,
            type_coerce(AuditRow.before, String),
            type_coerce(AuditRow.after, String),
        )
        .where(AuditRow.entity == "item", AuditRow.action.in_(list(_REVIEW_ACTIONS)))
        .order_by(AuditRow.id)
    ):
        old, new = _part(before), _part(after)
        step = Step(
            _REVIEW_ACTIONS[action],
            str(old.get("status", "")),
            str(new.get("status", "")),
            operator,
        )
        audited[(uuid, _revision_key(old))].append(step)
    steps: dict[int, list[Step]] = defaultdict(list)
    for revision_id, action, source, target, operator in session.execute(
        select(
            TransitionRow.revision_id,
            TransitionRow.action,
            TransitionRow.from_status,
            TransitionRow.to_status,
            TransitionRow.operator_name,
        ).order_by(TransitionRow.id)
    ):
        steps[revision_id].append(Step(action, source.value, target.value, operator))
    found = []
    for revision_id, number, status, name, uuid, index_number in session.execute(
        select(
            RevisionRow.id,
            RevisionRow.revision,
            RevisionRow.status,
            RevisionRow.name,
            ItemRow.uuid,
            ItemRow.index_number,
        ).join(ItemRow, RevisionRow.item_id == ItemRow.id)
    ):
        problem = history_problem(
            status, steps.get(revision_id, []), audited.get((uuid, number), [])
        )
        if problem:
            found.append(Unbacked(revision_id, uuid, index_number, name, number, problem))
    return found


# ----------------------------------------------------------------- random JSON texts
_codes = st.sampled_from([*STATUSES, "", "Draft", "草稿", "drafts", "x" * 30])
_revisions = st.one_of(
    st.integers(-2, 4),
    st.sampled_from([True, False, 1.0, 2.5, "1", None, 10**20, [1], {"n": 1}]),
)
_values = st.one_of(_codes, _revisions, st.text(max_size=5))


@st.composite
def _objects(draw: st.DrawFn, status_last: bool) -> dict[str, Any]:
    """A ``before``/``after``-like object: revision and status (sometimes missing or of
    another type), other members, in random key order."""
    members: list[tuple[str, Any]] = []
    if draw(st.booleans()) or not status_last:
        members.append(("revision", draw(_revisions)))
    extra = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["comment", "published_on", "note", "状态"]),
                st.one_of(
                    st.text(alphabet='a"\\{}[],:\n\u0000审核 ', max_size=30),
                    st.none(),
                    st.lists(st.integers(), max_size=3),
                ),
            ),
            max_size=3,
        )
    )
    members += extra
    if draw(st.booleans()):
        members.append(("status", draw(st.one_of(_codes, _values))))
    members = draw(st.permutations(members))
    return dict(members)


def _texts_of(value: dict[str, Any], draw: st.DrawFn) -> str:
    """``value`` as JSON in one of several spellings: the application's, other key
    orders, spaces, escaped keys, a duplicate key."""
    style = draw(st.sampled_from(["app", "spaced", "unsorted", "escaped", "duplicate"]))
    if style == "app":
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    if style == "spaced":
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if style == "unsorted":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    body = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    key = "\\u0073tatus" if style == "escaped" else "status"
    extra = json.dumps(draw(_codes))
    # The extra member first or last: the decoder keeps the last of equal keys.
    if draw(st.booleans()) or body == "{}":
        return "{" + f'"{key}":{extra}' + ("," + body[1:] if body != "{}" else "}")
    return body[:-1] + f',"{key}":{extra}' + "}"


@st.composite
def json_texts(draw: st.DrawFn, status_last: bool = False) -> str | None:
    """What a ``before`` or ``after`` column may hold: NULL, the application's plain
    form, other spellings of objects, other JSON values, text that is not JSON."""
    kind = draw(st.sampled_from(["plain", "object", "object", "other", "null", "broken"]))
    if kind == "null":
        return None
    if kind == "plain":
        if status_last:
            comment = draw(st.text(alphabet='审核"\\a{[', max_size=20))
            return json.dumps(
                {"comment": comment, "revision": 1, "status": draw(_codes)},
                ensure_ascii=False,
                sort_keys=True,
                separators=(",", ":"),
            )
        return f'{{"revision":{draw(st.integers(0, 12))},"status":"{draw(_codes)}"}}'
    if kind == "object":
        return _texts_of(draw(_objects(status_last)), draw)
    if kind == "other":
        return json.dumps(draw(st.one_of(_values, st.lists(_values, max_size=3))))
    return draw(st.sampled_from(['{"revision":01,"status":"draft"}', "{", '{"status":NaN}']))


def _json_valid(text: str) -> bool:
    with sqlite3.connect(":memory:") as connection:
        return bool(connection.execute("SELECT json_valid(?)", (text,)).fetchone()[0])


@given(json_texts())
@settings(max_examples=400, deadline=None)  # a loaded machine must not fail it
def test_plain_before_reads_as_the_decoder_reads_it(text: str | None) -> None:
    found = history._PLAIN_BEFORE.fullmatch(text) if text is not None else None
    if found is not None:
        assert json.loads(text or "") == {"revision": int(found[1]), "status": found[2]}
        assert type(json.loads(text or "")["revision"]) is int


@given(
    st.one_of(
        json_texts(status_last=True),
        json_texts(status_last=True).map(lambda t: None if t is None else t + " "),
    )
)
@settings(max_examples=600, deadline=None)
def test_the_last_status_of_a_readable_after_is_the_one_the_decoder_keeps(
    text: str | None,
) -> None:
    if text is None or len(text) > 1000 or not _json_valid(text):
        return
    found = history._last_status(text)
    if found is not None:
        decoded = json.loads(text)
        assert isinstance(decoded, dict) and decoded["status"] == found


# ----------------------------------------------------------------- random histories
@pytest.fixture
def histories(station_db_path: Path) -> Iterator[Database]:
    """A station whose items went through the workflow in different ways: approved,
    published, withdrawn, returned and resubmitted, retracted, revised after approval."""
    with open_database(station_db_path) as db:
        catalogue = Catalogue(db)
        actors = actors_of(db)
        clerk, reviewer = actors.clerk, actors.reviewer
        review = catalogue.review.transition
        ids = [
            catalogue.changes.create(clerk, catalogue_content(catalogue, f"事项{n}")).id
            for n in range(6)
        ]
        for item_id in ids[:5]:
            review(clerk, item_id, Action.SUBMIT)
        review(reviewer, ids[0], Action.APPROVE)
        review(reviewer, ids[1], Action.APPROVE)
        review(reviewer, ids[1], Action.PUBLISH, publish_date=dt.date(2026, 3, 1))
        review(reviewer, ids[2], Action.APPROVE)
        review(reviewer, ids[2], Action.WITHDRAW, comment="内容过时")
        review(reviewer, ids[3], Action.RETURN, comment="请补充依据")
        review(clerk, ids[3], Action.SUBMIT)
        review(clerk, ids[4], Action.RETRACT)
        item = catalogue.items.get(ids[0])
        content = item.content
        content.summary = "修订"
        catalogue.changes.update(clerk, ids[0], content, base_revision=item.revision)
        review(clerk, ids[0], Action.SUBMIT)
        yield db


_ROWS = {
    "revisions": "SELECT id FROM item_revisions ORDER BY id",
    "transitions": "SELECT id FROM transitions ORDER BY id",
    "audits": (
        "SELECT id FROM audit_log WHERE entity = 'item' AND action IN "
        f"({', '.join(repr(a) for a in _REVIEW_ACTIONS)}) ORDER BY id"
    ),
    "uuids": "SELECT uuid FROM items ORDER BY id",
}
_operators = st.sampled_from(["张录入", "李审核", "冒名者", ""])


@st.composite
def tamperings(draw: st.DrawFn, rows: dict[str, list[Any]]) -> list[tuple[str, tuple[Any, ...]]]:
    """A few changes someone makes with sqlite3: statuses, transition rows and audit
    records added, changed or removed."""
    pick = {name: st.sampled_from(values) for name, values in rows.items()}
    actions = st.sampled_from([a.value for a in Action])
    statuses = st.sampled_from(STATUSES)
    change = st.one_of(
        st.tuples(
            st.just("UPDATE item_revisions SET status = ? WHERE id = ?"),
            st.tuples(statuses, pick["revisions"]),
        ),
        st.tuples(st.just("DELETE FROM transitions WHERE id = ?"), st.tuples(pick["transitions"])),
        st.tuples(
            st.just(
                "INSERT INTO transitions (revision_id, action, from_status, to_status, at,"
                " operator_name, comment) VALUES (?, ?, ?, ?, '2026-01-01', ?, '')"
            ),
            st.tuples(pick["revisions"], actions, statuses, statuses, _operators),
        ),
        st.tuples(
            st.just("UPDATE transitions SET operator_name = ?, to_status = ? WHERE id = ?"),
            st.tuples(_operators, statuses, pick["transitions"]),
        ),
        st.tuples(
            st.just(
                "INSERT INTO audit_log (at, operator_name, action, entity, entity_uuid,"
                " summary, before, after, prev_hash, hash) VALUES ('2026-01-01', ?,"
                " 'item.' || ?, 'item', ?, '', ?, ?, '', lower(hex(randomblob(32))))"
            ),
            st.tuples(_operators, actions, pick["uuids"], json_texts(), json_texts(True)),
        ),
        st.tuples(
            st.just("UPDATE audit_log SET before = ?, after = ?, operator_name = ? WHERE id = ?"),
            st.tuples(json_texts(), json_texts(True), _operators, pick["audits"]),
        ),
        st.tuples(st.just("DELETE FROM audit_log WHERE id = ?"), st.tuples(pick["audits"])),
    )
    return draw(st.lists(change, min_size=1, max_size=4))


def _outcome(check: Any, connection: Connection) -> Any:
    # A record that is not JSON, or whose revision is a list, gives a verdict too: no
    # error stops either version.
    with Session(bind=connection) as session:
        return check(session)


def _rows(db: Database) -> dict[str, list[Any]]:
    with db.connect() as connection:
        return {
            name: [row[0] for row in connection.exec_driver_sql(sql)] for name, sql in _ROWS.items()
        }


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_the_check_finds_what_the_decoding_check_found(
    histories: Database, data: st.DataObject
) -> None:
    changes = data.draw(tamperings(_rows(histories)))
    with histories.connect() as connection:
        transaction = connection.begin()
        try:
            connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            connection.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
            for sql, parameters in changes:
                connection.exec_driver_sql(sql, parameters)
            assert _outcome(unbacked_revisions, connection) == _outcome(_decoded_check, connection)
        finally:
            transaction.rollback()


def test_the_sound_histories_pass_and_a_forged_status_is_found(histories: Database) -> None:
    with histories.connect() as connection:
        transaction = connection.begin()
        with Session(bind=connection) as session:
            assert unbacked_revisions(session) == _decoded_check(session) == []
        connection.exec_driver_sql("UPDATE item_revisions SET status = 'approved' WHERE id = 6")
        with Session(bind=connection) as session:
            found = unbacked_revisions(session)
            assert found == _decoded_check(session) and [u.revision_id for u in found] == [6]
        transaction.rollback()


def test_records_out_of_the_plain_form_are_decoded(histories: Database) -> None:
    """The approval of item 1 recorded with its keys in another order and a space: read
    as before (so still backing the approval), and a duplicate ``status`` whose last
    value contradicts the transition is caught as the decoder saw it."""
    respelled = (
        'UPDATE audit_log SET before = \'{"status": "pending", "revision": 1}\''
        " WHERE action = 'item.approve' AND entity_uuid = (SELECT uuid FROM items WHERE id = 1)"
    )
    contradicting = (
        "UPDATE audit_log SET after = substr(after, 1, length(after) - 1)"
        " || ',\"status\":\"draft\"}' WHERE action = 'item.approve'"
        " AND entity_uuid = (SELECT uuid FROM items WHERE id = 2)"
    )
    with histories.connect() as connection:
        transaction = connection.begin()
        connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        connection.exec_driver_sql(respelled)
        connection.exec_driver_sql(contradicting)
        with Session(bind=connection) as session:
            found = unbacked_revisions(session)
            assert found == _decoded_check(session)
        transaction.rollback()
    assert [u.index_number for u in found] == [_index(histories, 2)]
    assert "与审计日志不符" in found[0].problem


def _index(db: Database, item_id: int) -> str:
    with db.read() as session:
        return str(session.scalar(select(ItemRow.index_number).where(ItemRow.id == item_id)))


# ----------------------------------------------------------------- from a checkpoint
_IN_PLACE = ("UPDATE transitions", "UPDATE audit_log", "DELETE")


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_the_check_since_a_checkpoint_finds_what_the_whole_check_finds(
    histories: Database, data: st.DataObject
) -> None:
    """Changes made after a checkpoint: statuses written and rows added are found exactly
    as the whole check finds them (and the checkpoint left is the whole check's); rows
    changed or removed in place (the whole check's business, ``gwgk check``) may be
    missed, but nothing is found that the whole check does not find."""
    changes = data.draw(tamperings(_rows(histories)))
    with histories.connect() as connection:
        transaction = connection.begin()
        try:
            with Session(bind=connection) as session:
                found, checked = history.check_history(session)
                assert found == []
            connection.exec_driver_sql("DROP TRIGGER audit_log_no_update")
            connection.exec_driver_sql("DROP TRIGGER audit_log_no_delete")
            for sql, parameters in changes:
                connection.exec_driver_sql(sql, parameters)
            with Session(bind=connection) as session:
                whole, fresh = history.check_history(session)
                since = history.unbacked_since(session, checked)
            in_place = any(sql.startswith(_IN_PLACE) for sql, _ in changes)
            if since is None:
                assert any(sql.startswith("DELETE") for sql, _ in changes)
            elif in_place:
                assert all(found in whole for found in since[0])
            else:
                assert since == (whole, fresh)
        finally:
            transaction.rollback()


def test_a_checkpoint_of_another_chain_or_with_transitions_gone_is_not_used(
    histories: Database,
) -> None:
    with histories.connect() as connection:
        transaction = connection.begin()
        with Session(bind=connection) as session:
            _, checked = history.check_history(session)
            assert history.unbacked_since(session, checked) == ([], checked)
            other_chain = dataclasses.replace(checked, audit_hash="0" * 64)
            assert history.unbacked_since(session, other_chain) is None
        connection.exec_driver_sql("DELETE FROM transitions WHERE id = 1")
        with Session(bind=connection) as session:
            assert history.unbacked_since(session, checked) is None
        transaction.rollback()


def test_a_checkpoint_survives_its_json_form(histories: Database) -> None:
    with histories.read() as session:
        _, checked = history.check_history(session)
    assert checked.backed and history.Checked.from_json(checked.to_json()) == checked
