"""Helpers shared by the command modules: the ``--db`` option, opening the database,
reading passwords without putting them on the command line, logging in."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import getpass
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from gwgk_desktop.domain import json_input
from gwgk_desktop.domain.unsafe_text import UNSAFE_CHARACTERS
from gwgk_desktop.errors import UserError
from gwgk_desktop.files import read_input
from gwgk_desktop.paths import default_database

if TYPE_CHECKING:
    # Imported where used: a command that needs no database (``gwgk verify``) does not
    # load SQLAlchemy and the services (see cli.main).
    from gwgk_desktop.domain.models import Actor
    from gwgk_desktop.store.database import Database
    from gwgk_desktop.store.quick_check import QuickCheck


def add_db_option(parser: argparse.ArgumentParser, *, subcommand: bool = False) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        # On a subcommand the default is "not given", so "gwgk --db X cmd" keeps X.
        default=argparse.SUPPRESS if subcommand else None,
        metavar="PATH",
        help=f"数据库文件（默认：{default_database()}）",
    )


def add_db_option_everywhere(parser: argparse.ArgumentParser) -> None:
    """Give every subcommand, at every depth, the ``--db`` option, so it may stand
    before the command, after it or after the action (``gwgk item list --db X``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in set(action.choices.values()):
                if not any("--db" in a.option_strings for a in child._actions):
                    add_db_option(child, subcommand=True)
                add_db_option_everywhere(child)


def bounded_int(text: str) -> int:
    """An argparse type: a plain decimal integer of at most nine digits (a number of days,
    a year, a sequence number), so that no huge value reaches the database."""
    digits = text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 9:
        raise argparse.ArgumentTypeError(f"应为不超过9位的整数：{text[:30]}")
    return int(text)


def _visible(text: str) -> str:
    # ``\\uXXXX`` is also what the character means inside a JSON string, so JSON output
    # stays the same document.
    return UNSAFE_CHARACTERS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _Visible:
    """A text stream that writes control characters as ``\\uXXXX`` into another (and is
    that stream in every other respect)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(_visible(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def visible_controls() -> Iterator[None]:
    """For the block, what is printed shows control characters instead of letting the
    terminal act on them: a name stored with an ANSI escape or a bidi override (by an
    older version, or another program) cannot recolour or reorder the screen."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = cast(TextIO, _Visible(out)), cast(TextIO, _Visible(err))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_database()


def open_db(
    args: argparse.Namespace, *, readonly: bool = False, quick_check: QuickCheck | None = None
) -> Database:
    """``quick_check``: that check started early on the file (``QuickCheck.start``)."""
    from gwgk_desktop.store.database import open_database

    return open_database(db_path(args), readonly=readonly, quick_check=quick_check)


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
    from gwgk_desktop.services import auth

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


#: The largest JSON file a command reads (items with long texts are a few hundred KB).
MAX_JSON_INPUT = 16 * 1024 * 1024


def read_input_bytes(path: Path, what: str = "文件") -> bytes:
    """The bytes of a file the user named (``-``: standard input): a regular file of at
    most ``MAX_JSON_INPUT`` bytes (``files.read_input``), or one clear error."""
    if str(path) != "-":
        return read_input(path, MAX_JSON_INPUT, what)
    data = (
        sys.stdin.buffer.read(MAX_JSON_INPUT + 1)
        if hasattr(sys.stdin, "buffer")
        else sys.stdin.read(MAX_JSON_INPUT + 1).encode("utf-8", "surrogateescape")
    )
    if len(data) > MAX_JSON_INPUT:
        raise UserError(f"标准输入的{what}太大", "input on stdin too large")
    return data


def read_text_input(path: Path, what: str = "文本文件") -> str:
    """A UTF-8 text file the user named (``-``: standard input), or one clear error."""
    try:
        return json_input.decode_text(read_input_bytes(path, what))
    except json_input.JsonInputError as error:
        raise UserError(f"{path}：{error.message}", error.english) from error


def read_json_object(path: Path) -> dict[str, Any]:
    """A JSON object from ``path`` (``-``: standard input), read strictly
    (``domain.json_input``: UTF-8, no duplicate keys …), or one clear error."""
    data = read_input_bytes(path, "JSON 文件")
    try:
        value = json_input.loads(data)
    except json_input.JsonInputError as error:
        raise UserError(f"{path} 的内容有误：{error.message}", error.english) from error
    if not isinstance(value, dict):
        raise UserError(f"{path} 应为一个 JSON 对象", "expected a JSON object")
    return value


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
