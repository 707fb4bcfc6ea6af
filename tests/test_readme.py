"""The README keeps its promises: the quick start is the two commands, the command-line
section says how to call ``gwgk`` after ``make run`` (issue 14, point 18: it is not on the
PATH), every command its table names exists, and every picture it shows is in the
repository."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.test_parser import ALL

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else None]


def test_the_quick_start_is_two_commands() -> None:
    block = re.search(r"```sh\n(.*?)```", section("Quick start"), re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines()]
    assert [c for c in commands if c] == ["make run", "make test"]


def test_the_command_line_section_says_how_to_call_gwgk() -> None:
    text = section("The command line")
    assert ".venv/bin/gwgk" in text and "source .venv/bin/activate" in text


def test_every_command_in_the_table_exists() -> None:
    known = {" ".join(path) for path, _parser in ALL}
    for row in re.findall(r"^\| `gwgk ([a-z-]+)", section("The command line"), re.M):
        assert row in known, row


def test_every_picture_is_there() -> None:
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)|src=\"([^\"]+\.png)\"", README)
    paths = [a or b for a, b in pictures]
    assert len(paths) > 10
    for path in paths:
        assert (ROOT / path).is_file(), path
