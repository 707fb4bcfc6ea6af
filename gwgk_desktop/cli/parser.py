"""The ``gwgk`` command's argument parser, in Chinese: help texts, usage lines and the
errors argparse itself reports ("the following arguments are required …").

``ChineseArgumentParser`` is the parser class of ``gwgk`` (``cli.build_parser``); every
command group's ``subparsers.add_parser`` inherits it (argparse gives subparsers the class
of their parent), so a new command speaks Chinese without doing anything. Its help shows
Chinese headings (用法、位置参数、选项); an error prints the usage and one line in Chinese
with argparse's English after it, as every other ``gwgk`` error does, and exits with 2.

argparse formats its messages in English before handing them to ``error``; they are
translated here from argparse's own message templates (``MESSAGES``), which also holds
the wording of newer Python versions. A message no template matches is still shown,
behind a Chinese lead-in, so nothing is ever lost.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from functools import cache
from typing import Any, NoReturn

#: argparse's message templates (English, with its ``%`` placeholders) and their Chinese.
#: A placeholder of the Chinese refers to the English one of the same position or name.
MESSAGES: tuple[tuple[str, str], ...] = (
    ("argument %(argument_name)s: %(message)s", "参数 %(argument_name)s：%(message)s"),
    ("the following arguments are required: %s", "缺少必需的参数：%s"),
    ("unrecognized arguments: %s", "无法识别的参数：%s"),
    ("one of the arguments %s is required", "参数 %s 必须给出其中一个"),
    ("not allowed with argument %s", "不能与参数 %s 同时使用"),
    ("ignored explicit argument %r", "多余的参数值 %r"),
    ("expected one argument", "需要一个参数值"),
    ("expected at most one argument", "最多只能有一个参数值"),
    ("expected at least one argument", "至少需要一个参数值"),
    ("expected %s argument", "需要 %s 个参数值"),
    ("expected %s arguments", "需要 %s 个参数值"),
    (
        "ambiguous option: %(option)s could match %(matches)s",
        "选项 %(option)s 有歧义，可能是：%(matches)s",
    ),
    ("unexpected option string: %s", "意外的选项：%s"),
    (
        "invalid choice: %(value)r (choose from %(choices)s)",
        "无效的选择：%(value)r（可选：%(choices)s）",
    ),
    ("invalid %(type)s value: %(value)r", "无效的%(type)s：%(value)r"),
    ("can't open '%(filename)s': %(error)s", "无法打开“%(filename)s”：%(error)s"),
    ("cannot have multiple subparser arguments", "不能有多组子命令"),
    ("option '%(option)s' is deprecated", "选项 %(option)s 已不再推荐使用"),
    ("command '%(parser_name)s' is deprecated", "命令 %(parser_name)s 已不再推荐使用"),
)

#: How a ``type=`` function's name reads in "无效的…" (others are shown as they are).
TYPE_NAMES = {
    "int": "整数",
    "float": "数字",
    "Path": "路径",
    "iso_date": "日期",
    "str": "文字",
}

#: What a message no template matched is introduced with.
UNTRANSLATED = "参数有误："

_HEADING = re.compile(r"(?m)^( *[^\x00-\x7f][^\n]*):$")
_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[sr]")


def _pattern(template: str) -> tuple[re.Pattern[str], list[str]]:
    """A regular expression matching messages made from ``template``, and the names of
    its placeholders in order (``0``, ``1`` … for positional ones)."""
    names: list[str] = []
    parts: list[str] = []
    last = 0
    for match in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last : match.start()]))
        name = match.group(1) or str(len(names))
        names.append(name)
        parts.append(f"(?P<p{len(names) - 1}>.+?)")
        last = match.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts) + r"\Z", re.DOTALL), names


@cache
def _compiled() -> list[tuple[tuple[re.Pattern[str], list[str]], str]]:
    """The templates' patterns, compiled when a message is first translated: only a
    command line with a mistake needs them, and every ``gwgk`` command paid for
    compiling the nineteen of them on start-up."""
    return [(_pattern(english), chinese) for english, chinese in MESSAGES]


def _fill(chinese: str, values: dict[str, str]) -> str:
    positional = iter(v for k, v in values.items() if k.isdigit())

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        return values[name] if name is not None else next(positional)

    return _PLACEHOLDER.sub(value, chinese)


def translate(message: str) -> str | None:
    """The Chinese of one of argparse's messages; None when no template matches."""
    for (pattern, names), chinese in _compiled():
        found = pattern.match(message)
        if found is None:
            continue
        values = {name: found.group(f"p{i}") for i, name in enumerate(names)}
        if "message" in values:  # "argument X: <another message>"
            inner = values["message"]
            values["message"] = translate(inner) or inner
        if "type" in values:
            values["type"] = TYPE_NAMES.get(values["type"], values["type"])
        return _fill(chinese, values)
    return None


def chinese(message: str) -> str:
    """``message`` in Chinese, or behind a Chinese lead-in when it has no translation."""
    translated = translate(message)
    return translated if translated is not None else UNTRANSLATED + message


class ChineseHelpFormatter(argparse.HelpFormatter):
    """argparse's help layout with a Chinese "用法：" line."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)

    def format_help(self) -> str:
        # argparse ends a section heading with an ASCII colon; a Chinese one takes "：".
        return _HEADING.sub(r"\1：", super().format_help())


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose help and errors are in Chinese (see the module)."""

    def __init__(self, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument(
                "-h", "--help", action="help", default=argparse.SUPPRESS, help="显示本帮助并退出"
            )

    def error(self, message: str) -> NoReturn:
        """Print the usage and the message in Chinese, then argparse's English; exit 2."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese(message)} (error: {message})\n")
