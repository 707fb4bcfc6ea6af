"""Login hardening: lock-out after five wrong passwords (growing), failures and lock-outs in
the audit log, unlocking by an administrator, the same work for unknown names, the KDF cost
and rehashing old hashes, and the recovery code of a sole administrator.

Most operators here get a cheap hash (``_cheap``) so thirty logins take no time; what is
tested (counting, locking, recording) does not depend on the cost. The cost itself and
the time of each answer are measured by ``benchmarks/login_bench.py``.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from gwgk_desktop.domain.models import Actor
from gwgk_desktop.errors import AuthenticationFailed, PermissionDenied, ValidationFailed
from gwgk_desktop.services import auth, passwords, station
from gwgk_desktop.services.auth import AccountLocked
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import AuditRow
from gwgk_desktop.store.models import Operator as OperatorRow
from gwgk_desktop.store.types import utcnow
from tests.conftest import Actors

CHEAP = 2**8


def _cheap(db: Database, username: str, password: str) -> None:
    with db.write() as session:
        row = session.scalars(select(OperatorRow).where(OperatorRow.username == username)).one()
        row.password_hash = passwords.hash_password(password, n=CHEAP)


def _audit(db: Database, *actions: str) -> list[tuple[str, str, str]]:
    with db.read() as session:
        rows = session.scalars(select(AuditRow).where(AuditRow.action.in_(actions)))
        return [(r.action, r.entity_uuid, r.summary) for r in rows.all()]


def _fail(db: Database, times: int, now: dt.datetime, username: str = "clerk") -> list[str]:
    messages = []
    for _ in range(times):
        with pytest.raises(AuthenticationFailed) as failed:
            auth.authenticate(db, username, "wrong-password", now=now)
        messages.append(failed.value.message)
    return messages


def test_thirty_wrong_passwords_then_the_right_one_is_refused(station_db: Database) -> None:
    _cheap(station_db, "clerk", "clerk123")
    now = utcnow()
    messages = _fail(station_db, 30, now)
    assert messages[:4] == ["登录名或密码不正确"] * 4
    assert all(m.startswith("已锁定") for m in messages[4:])
    with pytest.raises(AccountLocked):
        auth.authenticate(station_db, "clerk", "clerk123", now=now)


def test_the_lock_lasts_15_minutes_then_grows(station_db: Database) -> None:
    _cheap(station_db, "clerk", "clerk123")
    start = utcnow()
    _fail(station_db, 5, start)
    with pytest.raises(AccountLocked) as locked:
        auth.authenticate(station_db, "clerk", "clerk123", now=start + dt.timedelta(minutes=14))
    assert locked.value.until == start + dt.timedelta(minutes=15)
    # After the lock: five more wrong ones lock for 30 minutes, then an hour.
    later = start + dt.timedelta(minutes=16)
    _fail(station_db, 5, later)
    with pytest.raises(AccountLocked) as locked:
        auth.authenticate(station_db, "clerk", "clerk123", now=later)
    assert locked.value.until == later + dt.timedelta(minutes=30)
    assert auth.lock_duration(3) == dt.timedelta(hours=1)
    assert auth.lock_duration(20) == dt.timedelta(hours=24)
    # A good login after the lock resets everything.
    after = later + dt.timedelta(minutes=31)
    assert auth.authenticate(station_db, "clerk", "clerk123", now=after).username == "clerk"
    assert _fail(station_db, 4, after) == ["登录名或密码不正确"] * 4


def test_a_good_login_resets_the_count(station_db: Database) -> None:
    _cheap(station_db, "clerk", "clerk123")
    now = utcnow()
    _fail(station_db, 4, now)
    auth.authenticate(station_db, "clerk", "clerk123", now=now)
    assert _fail(station_db, 4, now) == ["登录名或密码不正确"] * 4


def test_failures_and_lockouts_are_in_the_audit_log(station_db: Database) -> None:
    _cheap(station_db, "clerk", "clerk123")
    _fail(station_db, 6, utcnow())
    _fail(station_db, 1, utcnow(), username="nobody-here")
    recorded = _audit(station_db, "operator.login_failed", "operator.lockout")
    assert [a for a, _, _ in recorded] == ["operator.login_failed"] * 5 + [
        "operator.lockout",
        "operator.login_failed",
        "operator.login_failed",
    ]
    assert recorded[4][2] == "登录失败：密码错误（连续第5次）"
    assert recorded[5][2] == "连续5次密码错误，锁定15分钟"
    assert recorded[6][2] == "登录失败：操作员已锁定"
    # An unknown name is recorded, but only its first two characters.
    assert recorded[7][1:] == ("no*********", "登录失败：登录名不存在")


def test_an_administrator_unlocks(station_db: Database, actors: Actors) -> None:
    _cheap(station_db, "clerk", "clerk123")
    _fail(station_db, 5, utcnow())
    locked = next(o for o in station.list_operators(station_db) if o.username == "clerk")
    assert locked.locked(utcnow())
    with pytest.raises(PermissionDenied):
        auth.unlock(station_db, actors.reviewer, "clerk")
    auth.unlock(station_db, actors.admin, "clerk")
    assert auth.authenticate(station_db, "clerk", "clerk123").username == "clerk"
    assert _audit(station_db, "operator.unlock")[0][1:] == ("clerk", "解除锁定")


def test_an_unknown_name_costs_one_kdf_of_the_current_cost(
    station_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = passwords.verify_password

    def counting(password: str, stored: str) -> bool:
        checked.append(stored)
        return real(password, stored)

    monkeypatch.setattr(passwords, "verify_password", counting)
    with pytest.raises(AuthenticationFailed) as unknown:
        auth.authenticate(station_db, "nobody", "whatever1")
    with pytest.raises(AuthenticationFailed) as wrong:
        auth.authenticate(station_db, "clerk", "whatever1")
    assert unknown.value.message == wrong.value.message == "登录名或密码不正确"
    assert len(checked) == 2
    assert checked[0] == passwords.DUMMY_HASH
    assert checked[0].split("$")[:4] == checked[1].split("$")[:4]  # same cost as a real one


def test_the_kdf_cost_is_raised_and_old_hashes_are_replaced_on_login(
    station_db: Database,
) -> None:
    assert passwords.N >= 2**16 and passwords.R == 8
    assert passwords.hash_password("x" * 8).startswith(f"scrypt${2**16}$8$1$")
    old = passwords.hash_password("clerk123", n=2**14)
    with station_db.write() as session:
        row = session.scalars(select(OperatorRow).where(OperatorRow.username == "clerk")).one()
        row.password_hash = old
    with pytest.raises(AuthenticationFailed):
        auth.authenticate(station_db, "clerk", "wrong-one")
    with station_db.read() as session:
        assert (
            session.scalars(
                select(OperatorRow.password_hash).where(OperatorRow.username == "clerk")
            ).one()
            == old
        )
    auth.authenticate(station_db, "clerk", "clerk123")
    with station_db.read() as session:
        new = session.scalars(
            select(OperatorRow.password_hash).where(OperatorRow.username == "clerk")
        ).one()
    assert new != old and not passwords.needs_rehash(new)
    assert passwords.verify_password("clerk123", new)
    auth.authenticate(station_db, "clerk", "clerk123")


def test_a_sole_administrator_gets_back_in_with_the_recovery_code(
    station_db: Database, actors: Actors
) -> None:
    code = auth.issue_recovery_code(station_db, actors.admin)
    assert len(code) == 24 and code.count("-") == 4
    _cheap(station_db, "admin", "admin123")
    _fail(station_db, 5, utcnow(), username="admin")
    with pytest.raises(AuthenticationFailed, match="恢复码不正确"):
        auth.recover(station_db, "admin", "AAAA-BBBB-CCCC-DDDD-EEEE", "new-secret-1")
    with pytest.raises(ValidationFailed):
        auth.recover(station_db, "admin", code, "123")
    # Typed in lower case and without dashes, as people do.
    actor, fresh = auth.recover(station_db, "admin", code.lower().replace("-", ""), "new-secret-1")
    assert actor.username == "admin" and fresh != code
    assert auth.authenticate(station_db, "admin", "new-secret-1").username == "admin"
    with pytest.raises(AuthenticationFailed):
        auth.recover(station_db, "admin", code, "new-secret-2")  # used up
    auth.recover(station_db, "admin", fresh, "new-secret-2")
    summaries = [s for _, _, s in _audit(station_db, "operator.recover", "operator.recover_failed")]
    assert summaries == [
        "用恢复码重设密码失败",
        "用恢复码重设密码并解除锁定，旧恢复码作废",
        "用恢复码重设密码失败",
        "用恢复码重设密码并解除锁定，旧恢复码作废",
    ]


def test_only_administrators_have_recovery_codes(station_db: Database, actors: Actors) -> None:
    with pytest.raises(PermissionDenied):
        auth.issue_recovery_code(station_db, actors.clerk)
    with pytest.raises(AuthenticationFailed):
        auth.recover(station_db, "clerk", auth.new_code(), "new-secret-1")
    with pytest.raises(PermissionDenied):
        auth.issue_recovery_code(station_db, Actor.system())


def test_a_login_in_steps_is_settled_against_the_password_in_force(station_db: Database) -> None:
    """The GUI checks the password on a worker thread (``begin_login``, ``check_password``,
    ``finish_login``); a password changed meanwhile is checked again, against the new one."""
    _cheap(station_db, "clerk", "clerk123")
    attempt = auth.begin_login(station_db, " clerk ", "clerk123")
    assert "clerk123" not in repr(attempt)
    good = auth.check_password(attempt)
    assert good
    _cheap(station_db, "clerk", "changed-meanwhile")
    with pytest.raises(AuthenticationFailed):
        auth.finish_login(station_db, attempt, good)
    assert [a for a, _, _ in _audit(station_db, "operator.login_failed")] == [
        "operator.login_failed"
    ]
    again = auth.begin_login(station_db, "clerk", "changed-meanwhile")
    assert auth.finish_login(station_db, again, auth.check_password(again)).username == "clerk"
    unknown = auth.begin_login(station_db, "nobody", "clerk123")
    assert unknown.stored == passwords.DUMMY_HASH and not auth.check_password(unknown)
