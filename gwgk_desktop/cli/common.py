"""Helpers shared by the command modules: the ``--db`` option, opening the database,
reading passwords without putting them on the command line, logging in."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

from gwgk_desktop.domain.models import Actor
from gwgk_desktop.errors import UserError
from gwgk_desktop.paths import default_database
from gwgk_desktop.services import auth
from gwgk_desktop.store.database import Database, open_database


def add_db_option(parser: argparse.ArgumentParser, *, subcommand: bool = False) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        # On a subcommand the default is "not given", so "gwgk --db X cmd" keeps X.
        default=argparse.SUPPRESS if subcommand else None,
        metavar="PATH",
        help=f"数据库文件（默认：{default_database()}）",
    )


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_database()


def open_db(args: argparse.Namespace, *, readonly: bool = False) -> Database:
    return open_database(db_path(args), readonly=readonly)


def read_secret(env_name: str, prompt: str) -> str:
    """A password from the environment, else a terminal prompt, else one line of stdin.

    Never from argv: command lines are visible to other users and end up in shell history.
    """
    value = os.environ.get(env_name)
    if value is not None:
        return value
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise UserError(
            f"未提供密码：请设置环境变量 {env_name} 或从标准输入提供",
            f"no password: set {env_name} or pipe it on stdin",
        )
    return line.rstrip("\r\n")


def add_login_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        required=True,
        metavar="NAME",
        help="操作员登录名（密码从环境变量 GWGK_PASSWORD 或标准输入读取）",
    )


def login(db: Database, args: argparse.Namespace) -> Actor:
    password = read_secret("GWGK_PASSWORD", f"{args.user} 的密码：")
    return auth.authenticate(db, args.user, password)


def add_font_option(parser: argparse.ArgumentParser) -> None:
    """``--font``: the Chinese font a PDF is made with."""
    parser.add_argument(
        "--font",
        type=Path,
        metavar="FONT.ttf",
        help="中文字体文件（TrueType .ttf/.ttc；也可用环境变量 GWGK_FONT）",
    )


def subcommand(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    help_text: str,
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    add_db_option(parser, subcommand=True)
    return parser


def read_json_object(path: Path) -> dict[str, Any]:
    """A JSON object from ``path`` (``-``: standard input), or one clear error."""
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
        data = json.loads(text)
    except OSError as error:
        raise UserError(f"无法读取 {path}：{error.strerror}", str(error)) from error
    except json.JSONDecodeError as error:
        raise UserError(
            f"{path} 不是有效的 JSON：第{error.lineno}行 {error.msg}", str(error)
        ) from error
    if not isinstance(data, dict):
        raise UserError(f"{path} 应为一个 JSON 对象", "expected a JSON object")
    return data


def iso_date(text: str) -> dt.date:
    """An argparse type: a YYYY-MM-DD date."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD：{text}") from None


class TerminalProgress:
    """A job's progress on one line of a terminal's stderr (nothing when stderr is not a
    terminal); the command line does not cancel (Ctrl+C interrupts)."""

    def __init__(self) -> None:
        self.shown = sys.stderr.isatty()

    def report(self, done: int, total: int, text: str = "") -> None:
        if self.shown:
            print(f"\r{text} {done}/{total}", end="", file=sys.stderr, flush=True)

    def is_cancelled(self) -> bool:
        return False

    def finish(self) -> None:
        if self.shown:
            print(file=sys.stderr)
