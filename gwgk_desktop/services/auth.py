"""Logging in, and what protects it.

- Five wrong passwords in a row lock the operator: 15 minutes the first time, twice as long
  each further time without a good login in between (at most a day). The message says
  "已锁定" and until when; an administrator can unlock (GUI and ``gwgk operator unlock``).
- Every failure and every lock-out is in the audit log.
- An unknown login name costs the same as a known one: the password is checked against a
  dummy hash of the current cost and the failure is recorded, so the answer and its time
  say nothing about which names exist (``benchmarks/login_bench.py`` measures it).
- The KDF costs what a login can afford (``services.passwords``); older, cheaper hashes are
  replaced on the next successful login.
- An administrator gets a recovery code at set-up, shown once, to be printed. With it a
  sole administrator who forgot the password sets a new one (even while locked out) and
  gets a new code; the old one is used up.

The password check runs outside any transaction (it takes a tenth of a second); the
counters are read again and changed in one short write transaction, so two logins at once
never lose a failure.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwgk_desktop.domain.enums import Role
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.domain.validation import Problem
from gwgk_desktop.errors import AuthenticationFailed, NotFound, PermissionDenied, ValidationFailed
from gwgk_desktop.services import passwords, station
from gwgk_desktop.services.station import actor_for, operator_of
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import Operator as OperatorRow
from gwgk_desktop.store.types import utcnow

MAX_FAILURES = 5
FIRST_LOCK = dt.timedelta(minutes=15)
LONGEST_LOCK = dt.timedelta(hours=24)
#: Recovery codes: 20 characters of this alphabet (no 0/O, 1/I/L, U), about 100 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS, CODE_GROUP_LENGTH = 5, 4

WRONG = "登录名或密码不正确"


class AccountLocked(AuthenticationFailed):
    """Too many wrong passwords; ``until`` is when the lock ends (UTC)."""

    def __init__(self, until: dt.datetime) -> None:
        local = until.replace(tzinfo=dt.UTC).astimezone()
        super().__init__(
            f"已锁定：连续{MAX_FAILURES}次密码错误，该操作员已锁定至"
            f"{local.month}月{local.day}日 {local:%H:%M}。请稍后再试，或请管理员解除锁定",
            f"locked after {MAX_FAILURES} wrong passwords until {local:%Y-%m-%d %H:%M}",
        )
        self.until = until


def lock_duration(lockouts: int) -> dt.timedelta:
    """How long the ``lockouts``-th lock-out in a row lasts: 15 min, 30 min, 1 h, …, 24 h."""
    return min(FIRST_LOCK * 2 ** max(lockouts - 1, 0), LONGEST_LOCK)


def _row(session: Session, username: str) -> OperatorRow | None:
    return session.scalars(select(OperatorRow).where(OperatorRow.username == username)).first()


def _shown_name(username: str) -> str:
    """An unknown login name as the audit log keeps it: the first two characters (a
    password typed into the name field must not end up in an append-only log)."""
    head = username[:2]
    return head + "*" * min(max(len(username) - 2, 0), 30)


@dataclass(frozen=True)
class LoginAttempt:
    """A login between reading the operator and recording the outcome (``begin_login``,
    ``check_password``, ``finish_login``): the GUI runs the KDF on a worker thread and
    builds the window meanwhile. Holds the typed password; never logged or shown."""

    username: str
    password: str = field(repr=False)
    stored: str = field(repr=False)
    known: bool


def begin_login(db: Database, username: str, password: str) -> LoginAttempt:
    """Read what ``password`` is checked against (a dummy hash of the current cost when
    the name is unknown, so the check takes as long either way)."""
    name = username.strip()
    # A plain table query, not the ORM's: the first ORM query sets up every mapper (about
    # 25 ms), which the GUI's start-up does while the KDF runs.
    table = OperatorRow.__table__
    with db.read() as session:
        found = session.execute(
            select(table.c.password_hash).where(table.c.username == name)
        ).first()
    stored = found[0] if found is not None else passwords.DUMMY_HASH
    return LoginAttempt(name, password, stored, found is not None)


def check_password(attempt: LoginAttempt) -> bool:
    """The KDF (a third of a second by design): no database, safe on any thread."""
    return passwords.verify_password(attempt.password, attempt.stored) and attempt.known


def authenticate(
    db: Database, username: str, password: str, *, now: dt.datetime | None = None
) -> Actor:
    """Check a login (see the module docstring). Raises ``AuthenticationFailed`` with
    the same message whether the name or the password was wrong, ``AccountLocked``."""
    attempt = begin_login(db, username, password)
    # Always exactly one KDF run, known name or not, locked or not.
    return finish_login(db, attempt, check_password(attempt), now=now)


def finish_login(
    db: Database, attempt: LoginAttempt, good: bool, *, now: dt.datetime | None = None
) -> Actor:
    """Record the outcome of ``attempt`` whose KDF said ``good`` (one short write
    transaction) and return the operator, or raise as ``authenticate`` does. A password
    changed since ``begin_login`` read the old one is checked again against the new."""
    name, password = attempt.username, attempt.password
    with db.read() as session:
        row = _row(session, name)
        stored = row.password_hash if row is not None else passwords.DUMMY_HASH
    if stored != attempt.stored:
        good = check_password(LoginAttempt(name, password, stored, row is not None))
    now = now or utcnow()
    if not db.writable:
        # Read-only media or a damaged file: nothing can be recorded, and nothing can be
        # changed either, so the login only lets the operator look.
        if row is not None and row.locked_until is not None and row.locked_until > now:
            raise AccountLocked(row.locked_until)
        if not good or row is None or not row.active:
            raise AuthenticationFailed(WRONG, "wrong username or password")
        return actor_for(operator_of(row))
    with db.write() as session:
        row = _row(session, name)
        if row is None:
            audit.append(
                session,
                Actor.system(),
                "operator.login_failed",
                "operator",
                _shown_name(name),
                "登录失败：登录名不存在",
            )
            failure: AuthenticationFailed | None = AuthenticationFailed(
                WRONG, "wrong username or password"
            )
        else:
            failure = _settle(session, row, good, password, now)
    if failure is not None:
        raise failure
    assert row is not None
    return actor_for(operator_of(row))


def _settle(
    session: Session, row: OperatorRow, good: bool, password: str, now: dt.datetime
) -> AuthenticationFailed | None:
    """Count a failure or a success on ``row`` (in the caller's transaction); the error
    to raise once it is committed, or None for a good login."""
    actor = actor_for(operator_of(row))

    def failed(summary: str) -> None:
        audit.append(session, actor, "operator.login_failed", "operator", row.username, summary)

    if row.locked_until is not None and row.locked_until > now:
        failed("登录失败：操作员已锁定")
        return AccountLocked(row.locked_until)
    if not good:
        row.failed_logins += 1
        failed(f"登录失败：密码错误（连续第{row.failed_logins}次）")
        if row.failed_logins < MAX_FAILURES:
            return AuthenticationFailed(WRONG, "wrong username or password")
        row.lockouts += 1
        row.failed_logins = 0
        row.locked_until = now + lock_duration(row.lockouts)
        audit.append(
            session,
            actor,
            "operator.lockout",
            "operator",
            row.username,
            f"连续{MAX_FAILURES}次密码错误，锁定{_minutes(lock_duration(row.lockouts))}",
            after={"locked_until": row.locked_until.isoformat(), "lockouts": row.lockouts},
        )
        return AccountLocked(row.locked_until)
    if not row.active:
        return AuthenticationFailed("该操作员已停用，请联系管理员", "operator disabled")
    rehashed = passwords.needs_rehash(row.password_hash)
    if rehashed:
        row.password_hash = passwords.hash_password(password)
    _clear_lock(row)
    row.last_login_at = now
    audit.append(
        session,
        actor,
        "operator.login",
        "operator",
        row.username,
        "登录",
        after={"password_rehashed": True} if rehashed else None,
    )
    return None


def _clear_lock(row: OperatorRow) -> None:
    row.failed_logins = 0
    row.lockouts = 0
    row.locked_until = None


def _minutes(span: dt.timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 60}小时" if minutes % 60 == 0 and minutes >= 60 else f"{minutes}分钟"


def unlock(db: Database, actor: Actor, username: str) -> None:
    """An administrator lifts a lock-out (and the count of failures)."""
    if actor.role is not Role.ADMIN:
        raise PermissionDenied("只有管理员可以解除锁定", "admin only")
    with db.write() as session:
        row = _row(session, username)
        if row is None:
            raise NotFound(f"没有操作员“{username}”", f"no operator {username!r}")
        _clear_lock(row)
        audit.append(session, actor, "operator.unlock", "operator", row.username, "解除锁定")


# ---------------------------------------------------------------- recovery codes


def new_code() -> str:
    """A fresh recovery code, grouped for reading aloud: ``K7QX-2M9D-…``."""
    chars = [secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LENGTH)]
    groups = [
        "".join(chars[i : i + CODE_GROUP_LENGTH]) for i in range(0, len(chars), CODE_GROUP_LENGTH)
    ]
    return "-".join(groups)


def _normal(code: str) -> str:
    """What the user typed, as it was hashed: upper case, without separators."""
    return "".join(c for c in code.upper() if c.isalnum())


def issue_recovery_code(db: Database, actor: Actor) -> str:
    """A new recovery code for the administrator ``actor`` (any earlier one stops
    working). Returned once: only its hash is kept."""
    if actor.role is not Role.ADMIN or actor.operator_id is None:
        raise PermissionDenied("只有管理员有恢复码", "admin only")
    code = new_code()
    digest = passwords.hash_password(_normal(code))
    with db.write() as session:
        row = session.get(OperatorRow, actor.operator_id)
        if row is None:
            raise NotFound("找不到该操作员", "no such operator")
        row.recovery_hash = digest
        audit.append(
            session, actor, "operator.recovery_code", "operator", row.username, "生成新的恢复码"
        )
    return code


def recover(db: Database, username: str, code: str, new_password: str) -> tuple[Actor, str]:
    """Set a new password with the recovery code (works while locked out; lifts the
    lock). Returns the operator and the new recovery code that replaces the used one."""
    reason = passwords.password_problem(new_password)
    if reason:
        raise ValidationFailed([Problem("password", reason)])
    name = username.strip()
    with db.read() as session:
        row = _row(session, name)
        stored = (
            row.recovery_hash if row is not None and row.recovery_hash else passwords.DUMMY_HASH
        )
    good = passwords.verify_password(_normal(code), stored) and row is not None
    password_hash = passwords.hash_password(new_password) if good else ""
    fresh = new_code()
    fresh_hash = passwords.hash_password(_normal(fresh)) if good else ""
    with db.write() as session:
        row = _row(session, name)
        if row is None or not good or row.recovery_hash != stored:
            who = actor_for(operator_of(row)) if row is not None else Actor.system()
            audit.append(
                session,
                who,
                "operator.recover_failed",
                "operator",
                row.username if row is not None else _shown_name(name),
                "用恢复码重设密码失败",
            )
            failed = True
        else:
            row.password_hash = password_hash
            row.recovery_hash = fresh_hash
            _clear_lock(row)
            actor = actor_for(operator_of(row))
            audit.append(
                session,
                actor,
                "operator.recover",
                "operator",
                row.username,
                "用恢复码重设密码并解除锁定，旧恢复码作废",
            )
            failed = False
    if failed:
        raise AuthenticationFailed("登录名或恢复码不正确", "wrong username or recovery code")
    return actor, fresh


def write_recovery_sheet(db: Database, username: str, code: str, path: Path) -> Path:
    """The printable sheet of a recovery code just issued (the code is not kept, so the
    caller passes it in)."""
    from gwgk_desktop.pdf.recovery_sheet import RecoverySheetData, write_recovery_sheet

    profile = station.get_profile(db)
    with db.read() as session:
        row = _row(session, username)
        if row is None:
            raise NotFound(f"没有操作员“{username}”", f"no operator {username!r}")
        display_name = row.display_name
    write_recovery_sheet(
        path,
        RecoverySheetData(
            profile.name, profile.org_code, username, display_name, code, dt.date.today()
        ),
    )
    return path
