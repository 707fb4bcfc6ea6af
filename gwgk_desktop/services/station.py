"""The station itself: first set-up, profile and operators (logging in: ``services.auth``)."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from gwgk_desktop.domain.enums import Role
from gwgk_desktop.domain.models import Actor, Operator, StationProfile
from gwgk_desktop.domain.serialize import diff, station_to_dict
from gwgk_desktop.domain.unsafe_text import text_problem
from gwgk_desktop.domain.validation import Problem, errors, validate_station
from gwgk_desktop.errors import (
    AuthenticationFailed,
    Conflict,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from gwgk_desktop.services import template
from gwgk_desktop.services.passwords import hash_password, password_problem, verify_password
from gwgk_desktop.services.print_reads import PrintReads
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import Operator as OperatorRow
from gwgk_desktop.store.models import Station
from gwgk_desktop.store.reads import SessionReader
from gwgk_desktop.store.row_mapping import from_row
from gwgk_desktop.store.station import station_row
from gwgk_desktop.store.types import utcnow

_USERNAME = re.compile(r"^[A-Za-z0-9_.\-]{2,32}$")


def _profile(row: Station) -> StationProfile:
    return from_row(StationProfile, row)


def operator_of(row: OperatorRow) -> Operator:
    return Operator(
        row.id,
        row.username,
        row.display_name,
        row.role,
        row.active,
        row.locked_until,
        row.recovery_hash is not None,
    )


def actor_for(operator: Operator) -> Actor:
    return Actor(operator.id, operator.username, operator.display_name, operator.role)


def is_initialized(db: Database) -> bool:
    # A plain table query, not the ORM's: the first ORM query sets up every mapper (about
    # 25 ms), which the start-up does later, while the login's KDF runs.
    table = Station.__table__
    with db.read() as session:
        return session.execute(select(table.c.id).where(table.c.id == 1)).first() is not None


def get_profile(db: Database) -> StationProfile:
    with db.read() as session:
        return PrintReads(SessionReader(session)).profile()


def _operator_problems(username: str, display_name: str, password: str) -> list[Problem]:
    problems: list[Problem] = []
    if not _USERNAME.match(username):
        problems.append(Problem("username", "登录名应为2到32位英文字母、数字、下划线、点或连字符"))
    if not display_name.strip():
        problems.append(Problem("display_name", "请填写姓名"))
    elif len(display_name) > 100:
        problems.append(Problem("display_name", "姓名不能超过100个字"))
    else:
        bad = text_problem(display_name, one_line=True)
        if bad:
            problems.append(Problem("display_name", f"姓名{bad}"))
    reason = password_problem(password)
    if reason:
        problems.append(Problem("password", reason))
    return problems


def operator_problems(username: str, display_name: str, password: str) -> list[Problem]:
    """What is wrong with a new operator's details, for forms that check before saving
    (field paths ``username``, ``display_name``, ``password``)."""
    return _operator_problems(username, display_name, password)


def initialize(
    db: Database,
    profile: StationProfile,
    admin_username: str,
    admin_display_name: str,
    admin_password: str,
) -> Operator:
    """Set up a new station: profile, reference template, first administrator."""
    problems = errors(validate_station(profile)) + _operator_problems(
        admin_username, admin_display_name, admin_password
    )
    if problems:
        raise ValidationFailed(problems)
    password_hash = hash_password(admin_password)
    system = Actor.system()
    with db.write() as session:
        if session.get(Station, 1) is not None:
            raise Conflict("该数据库已经建立过单位信息，不能重复初始化", "station already set up")
        session.add(Station(id=1, **_station_columns(profile)))
        template.install(session, template.builtin_template(), system)
        admin = OperatorRow(
            username=admin_username,
            display_name=admin_display_name,
            role=Role.ADMIN,
            password_hash=password_hash,
        )
        session.add(admin)
        session.flush()
        audit.append(
            session,
            system,
            "station.init",
            "station",
            profile.org_code,
            f"建立单位“{profile.name}”",
            after=station_to_dict(profile),
        )
        audit.append(
            session,
            system,
            "operator.create",
            "operator",
            admin_username,
            f"建立管理员“{admin_display_name}”",
            after={"username": admin_username, "role": Role.ADMIN.value},
        )
        return operator_of(admin)


def _station_columns(profile: StationProfile) -> dict[str, object]:
    return {
        "name": profile.name.strip(),
        "org_code": profile.org_code.strip(),
        "level": profile.level,
        "parent_unit": profile.parent_unit,
        "address": profile.address,
        "office_hours": profile.office_hours,
        "phone": profile.phone,
        "complaint_phone": profile.complaint_phone,
        "email": profile.email,
    }


def update_profile(db: Database, actor: Actor, profile: StationProfile) -> StationProfile:
    if actor.role is not Role.ADMIN:
        raise PermissionDenied("只有管理员可以修改单位信息", "admin only")
    problems = errors(validate_station(profile))
    if problems:
        raise ValidationFailed(problems)
    with db.write() as session:
        row = station_row(session)
        before = station_to_dict(_profile(row))
        if profile.org_code != row.org_code:
            raise Conflict(
                "组织机构代码是索引号的前段码，建立后不能修改",
                "org code is part of every index number and cannot change",
            )
        for key, value in _station_columns(profile).items():
            setattr(row, key, value)
        row.updated_at = utcnow()
        old, new = diff(before, station_to_dict(profile))
        audit.append(
            session,
            actor,
            "station.update",
            "station",
            row.org_code,
            "修改单位信息",
            before=old,
            after=new,
        )
        return _profile(row)


def create_operator(
    db: Database,
    actor: Actor,
    username: str,
    display_name: str,
    role: Role,
    password: str,
) -> Operator:
    if actor.role is not Role.ADMIN:
        raise PermissionDenied("只有管理员可以添加操作员", "admin only")
    problems = _operator_problems(username, display_name, password)
    if problems:
        raise ValidationFailed(problems)
    password_hash = hash_password(password)
    with db.write() as session:
        taken = session.scalar(
            select(func.count()).select_from(OperatorRow).where(OperatorRow.username == username)
        )
        if taken:
            raise Conflict(f"登录名“{username}”已被使用", "username taken")
        row = OperatorRow(
            username=username, display_name=display_name, role=role, password_hash=password_hash
        )
        session.add(row)
        session.flush()
        audit.append(
            session,
            actor,
            "operator.create",
            "operator",
            username,
            f"添加操作员“{display_name}”（{role.label}）",
            after={"username": username, "role": role.value},
        )
        return operator_of(row)


def list_operators(db: Database) -> list[Operator]:
    with db.read() as session:
        rows = session.scalars(select(OperatorRow).order_by(OperatorRow.id))
        return [operator_of(r) for r in rows]


def get_operator(db: Database, operator_id: int) -> Operator:
    with db.read() as session:
        row = session.get(OperatorRow, operator_id)
        if row is None:
            raise NotFound("找不到该操作员", "no such operator")
        return operator_of(row)


def change_password(db: Database, actor: Actor, old: str, new: str) -> None:
    reason = password_problem(new)
    if reason:
        raise ValidationFailed([Problem("password", reason)])
    with db.write() as session:
        row = session.get(OperatorRow, actor.operator_id)
        if row is None or not verify_password(old, row.password_hash):
            raise AuthenticationFailed("原密码不正确", "wrong password")
        row.password_hash = hash_password(new)
        audit.append(session, actor, "operator.password", "operator", row.username, "修改密码")
