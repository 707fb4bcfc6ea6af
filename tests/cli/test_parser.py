"""Every ``gwgk`` command's help and usage errors are in Chinese (issue 14, point 16): the
walk below visits every registered command, so a command added later is checked too."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator

import pytest

from gwgk_desktop.cli import build_parser, main
from gwgk_desktop.cli.parser import UNTRANSLATED, ChineseArgumentParser, translate

#: What argparse prints in English when its messages are not translated.
ENGLISH = re.compile(
    r"usage:|positional arguments|options:|optional arguments|show this help|"
    r"error:(?! the| argument| unrecognized| one of| not allowed| expected| ambiguous| invalid)"
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def commands(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """Every parser under ``parser`` with the words that reach it."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands(sub, (*path, name))


PARSER = build_parser()  # what ``main`` parses with
ALL = list(commands(PARSER))


def test_the_walk_finds_the_commands() -> None:
    names = {" ".join(path) for path, _parser in ALL}
    assert {"", "item show", "print guide", "request answer", "keys init"} <= names
    assert len(names) > 60


@pytest.mark.parametrize(("path", "parser"), ALL, ids=[" ".join(p) or "gwgk" for p, _ in ALL])
def test_help_and_usage_errors_are_chinese(
    path: tuple[str, ...],
    parser: argparse.ArgumentParser,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert isinstance(parser, ChineseArgumentParser)
    with pytest.raises(SystemExit) as done:
        PARSER.parse_args([*path, "--help"])
    assert done.value.code == 0
    help_text = capsys.readouterr().out
    assert help_text.startswith("用法：gwgk"), help_text
    assert "显示本帮助并退出" in help_text
    assert not ENGLISH.search(help_text), help_text

    with pytest.raises(SystemExit) as refused:
        PARSER.parse_args([*path, "--no-such-option"])
    assert refused.value.code == 2
    err = capsys.readouterr().err
    usage, message = err.rstrip("\n").split("\n", 1)[0], err.rstrip("\n").splitlines()[-1]
    assert usage.startswith("用法：gwgk")
    # One line: what went wrong in Chinese, then argparse's English in brackets.
    chinese, english = message.split(" (error: ", 1)
    # (an unknown option is reported by the top parser, once it has heard everyone out)
    assert chinese.startswith("gwgk") and "：错误：" in chinese, message
    assert UNTRANSLATED not in chinese, message
    assert CHINESE.search(chinese.split("错误：", 1)[1])
    assert english.endswith(")")


def test_errors_the_commands_meet(capsys: pytest.CaptureFixture[str]) -> None:
    """The messages a clerk actually meets: a missing argument, a bad number, a bad date,
    an unknown command, a wrong choice."""
    cases = {
        ("print", "guide"): "缺少必需的参数：--item",
        ("demo", "--items", "abc"): "参数 --items：应为不超过9位的整数：abc",
        ("request", "list", "--as-of", "2026-13-01"): "参数 --as-of：日期格式应为 YYYY-MM-DD",
        ("nosuch",): "参数 命令：无效的选择：'nosuch'（可选：",
        ("print", "guide", "--item", "1", "--paper", "B5"): "无效的选择：'B5'",
    }
    for argv, expected in cases.items():
        with pytest.raises(SystemExit) as refused:
            main(list(argv))
        assert refused.value.code == 2
        assert expected in capsys.readouterr().err, argv


def test_every_template_translates_itself() -> None:
    samples = {
        "the following arguments are required: --item, --out": "缺少必需的参数：--item, --out",
        "argument --items: expected one argument": "参数 --items：需要一个参数值",
        "argument --x: not allowed with argument --y": "参数 --x：不能与参数 --y 同时使用",
        "ambiguous option: --it could match --item, --items": (
            "选项 --it 有歧义，可能是：--item, --items"
        ),
        "argument --paper: invalid choice: 'B5' (choose from A4, A3)": (
            "参数 --paper：无效的选择：'B5'（可选：A4, A3）"
        ),
        "unrecognized arguments: a b": "无法识别的参数：a b",
    }
    for english, chinese in samples.items():
        assert translate(english) == chinese
    assert translate("something argparse says one day") is None
