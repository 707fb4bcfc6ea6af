"""``gwgk init``, ``gwgk station``, ``gwgk operator``: setting up a station headless."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from gwgk_desktop.cli.common import (
    add_login_option,
    db_path,
    login,
    open_db,
    read_secret,
    subcommand,
)
from gwgk_desktop.domain.enums import Level, Role
from gwgk_desktop.domain.models import StationProfile
from gwgk_desktop.domain.validation import errors, validate_station
from gwgk_desktop.errors import UserError, ValidationFailed
from gwgk_desktop.services import auth, station
from gwgk_desktop.services.passwords import password_problem
from gwgk_desktop.store.database import Database, new_database, open_database

_LEVELS = {level.value: level for level in Level}
_ROLES = {role.value: role for role in Role}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = subcommand(subparsers, "init", "新建单位数据库（单位信息和首位管理员）")
    init.add_argument("--name", required=True, help="单位名称，如 示范市公安局城关派出所")
    init.add_argument("--org-code", required=True, help="组织机构代码（索引号前段码）")
    init.add_argument(
        "--level",
        choices=sorted(_LEVELS),
        default="station",
        help="单位层级：city 市局 / county 县(区)局 / station 所(队)",
    )
    init.add_argument("--parent-unit", default="", help="上级单位")
    init.add_argument("--address", default="", help="办公地址")
    init.add_argument("--office-hours", default="", help="办公时间")
    init.add_argument("--phone", default="", help="咨询电话")
    init.add_argument("--complaint-phone", default="", help="监督投诉电话")
    init.add_argument("--admin", default="admin", help="首位管理员登录名")
    init.add_argument("--admin-name", default="管理员", help="首位管理员姓名")
    _sheet_option(init)
    init.set_defaults(handler=_init)

    show = subcommand(subparsers, "station", "显示单位信息")
    show.set_defaults(handler=_show_station)

    operator = subcommand(
        subparsers, "operator", "操作员：添加、列出、解除锁定、恢复码（忘记管理员密码时）"
    )
    actions = operator.add_subparsers(dest="operator_action", required=True, metavar="动作")
    add = actions.add_parser("add", help="添加操作员（新密码从 GWGK_NEW_PASSWORD 或标准输入读取）")
    add.add_argument("username")
    add.add_argument("--display-name", required=True)
    add.add_argument(
        "--role",
        choices=sorted(_ROLES),
        required=True,
        help="clerk 录入员 / reviewer 审核人 / admin 管理员",
    )
    add_login_option(add)
    add.set_defaults(handler=_add_operator)
    listing = actions.add_parser("list", help="列出操作员")
    listing.set_defaults(handler=_list_operators)
    unlock = actions.add_parser("unlock", help="解除操作员的锁定（管理员）")
    unlock.add_argument("username")
    add_login_option(unlock)
    unlock.set_defaults(handler=_unlock)
    code = actions.add_parser(
        "recovery-code", help="为登录的管理员生成新的恢复码（原恢复码作废；只显示这一次）"
    )
    add_login_option(code)
    _sheet_option(code)
    code.set_defaults(handler=_recovery_code)
    recover = actions.add_parser(
        "recover",
        help="用恢复码重设管理员密码并解除锁定（恢复码从 GWGK_RECOVERY_CODE 或标准输入读取，"
        "新密码从 GWGK_NEW_PASSWORD 或标准输入读取）",
    )
    recover.add_argument("username")
    _sheet_option(recover)
    recover.set_defaults(handler=_recover)


def _sheet_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recovery-sheet",
        type=Path,
        metavar="FILE.pdf",
        help="把新的恢复码写成可打印的恢复码单（PDF）",
    )


def _show_code(db: Database, username: str, code: str, sheet: Path | None) -> None:
    """Print a new recovery code (it is shown this once) and write its sheet if asked."""
    print(f"管理员 {username} 的恢复码（只显示这一次，请立即打印或抄写并密封保管）：")
    print(f"    {code}")
    if sheet is not None:
        auth.write_recovery_sheet(db, username, code, sheet)
        print(f"已生成恢复码单：{sheet}")


def _init(args: argparse.Namespace) -> int:
    path = db_path(args)
    if path.exists() and path.stat().st_size > 0:
        raise UserError(f"{path} 已存在，不能重复初始化", f"{path} already exists")
    profile = StationProfile(
        name=args.name,
        org_code=args.org_code,
        level=_LEVELS[args.level],
        parent_unit=args.parent_unit,
        address=args.address,
        office_hours=args.office_hours,
        phone=args.phone,
        complaint_phone=args.complaint_phone,
    )
    password = read_secret("GWGK_PASSWORD", f"管理员 {args.admin} 的密码：")
    # Validate before creating anything, so a typo leaves no empty database behind.
    problems = errors(validate_station(profile))
    if problems:
        raise ValidationFailed(problems)
    reason = password_problem(password)
    if reason:
        raise UserError(reason, "password rejected")
    with new_database(path) as db:
        admin = station.initialize(db, profile, args.admin, args.admin_name, password)
        code = auth.issue_recovery_code(db, station.actor_for(admin))
    print(f"已建立单位“{profile.name}”（{path}），管理员登录名：{args.admin}")
    # Opened again: the station exists now, and a failure from here on must not remove it.
    with open_database(path) as db:
        _show_code(db, args.admin, code, args.recovery_sheet)
    return 0


def _show_station(args: argparse.Namespace) -> int:
    with open_db(args, readonly=True) as db:
        profile = station.get_profile(db)
    for label, value in (
        ("单位名称", profile.name),
        ("组织机构代码", profile.org_code),
        ("单位层级", profile.level.label),
        ("上级单位", profile.parent_unit),
        ("办公地址", profile.address),
        ("办公时间", profile.office_hours),
        ("咨询电话", profile.phone),
        ("监督投诉电话", profile.complaint_phone),
    ):
        print(f"{label}：{value}")
    return 0


def _add_operator(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        actor = login(db, args)
        password = read_secret("GWGK_NEW_PASSWORD", f"{args.username} 的新密码：")
        operator = station.create_operator(
            db, actor, args.username, args.display_name, _ROLES[args.role], password
        )
    print(f"已添加操作员 {operator.username}（{operator.display_name}，{operator.role.label}）")
    return 0


def _list_operators(args: argparse.Namespace) -> int:
    with open_db(args, readonly=True) as db:
        for operator in station.list_operators(db):
            state = "" if operator.active else "（已停用）"
            if operator.locked() and operator.locked_until is not None:
                until = operator.locked_until.replace(tzinfo=dt.UTC).astimezone()
                state += f"（已锁定至{until:%m-%d %H:%M}）"
            print(f"{operator.username}\t{operator.display_name}\t{operator.role.label}{state}")
    return 0


def _unlock(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        auth.unlock(db, login(db, args), args.username)
    print(f"已解除 {args.username} 的锁定")
    return 0


def _recovery_code(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        actor = login(db, args)
        _show_code(db, actor.username, auth.issue_recovery_code(db, actor), args.recovery_sheet)
    return 0


def _recover(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        code = read_secret("GWGK_RECOVERY_CODE", f"{args.username} 的恢复码：")
        password = read_secret("GWGK_NEW_PASSWORD", f"{args.username} 的新密码：")
        actor, fresh = auth.recover(db, args.username, code, password)
        print(f"已为 {actor.username}（{actor.display_name}）设置新密码并解除锁定；原恢复码已作废")
        _show_code(db, actor.username, fresh, args.recovery_sheet)
    return 0
