"""Bad input on the command line: one clear line (Chinese, then English), a non-zero exit,
never a traceback, nothing half-written and nothing silently changed. Each case here
ended in a traceback, or was accepted wrongly, before."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine

from gwgk_desktop.cli import build_parser
from gwgk_desktop.store import migrate
from tests.cli.conftest import Runner
from tests.conftest import PASSWORDS

ITEM = {
    "kind": "catalogue",
    "category_code": "06",
    "name": "便民服务承诺",
    "level1": "公共服务",
    "content": "办理时间、地点",
    "basis": "《条例》",
    "subject": "测试市公安局河西派出所",
    "channels": ["website"],
    "generated_date": "2026-01-05",
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(run: Runner, *args: str, password: str | None = None, stdin: str | None = None) -> str:
    """Run a command that must be refused cleanly; returns its standard error."""
    code, out, err = run(*args, password=password, stdin=stdin)
    assert code != 0, (args, out)
    assert "Traceback" not in err and err.strip(), (args, err)
    assert err.startswith(("错误：", "[错误]", "gwgk")), err
    return err


def _items(path: Path) -> int:
    connection = sqlite3.connect(path)
    (count,) = connection.execute("SELECT count(*) FROM items").fetchone()
    connection.close()
    return int(count)


def _write(path: Path, value: object | str | bytes) -> Path:
    if isinstance(value, bytes):
        path.write_bytes(value)
    elif isinstance(value, str):
        path.write_text(value, encoding="utf-8")
    else:
        path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"guide": "办事指南"}, "guide：应为对象，实为文本"),
        ({"guide": 5}, "guide：应为对象，实为数字"),
        ({"flowchart": "流程"}, "flowchart：应为对象"),
        ({"flowchart": 5}, "flowchart：应为对象"),
        ({"channels": [1, 2]}, "channels[0]：应为文本"),
        ({"channels": "website"}, "channels：应为列表"),
        ({"name": 123}, "name：应为文本，实为数字"),
        ({"name": ["a"]}, "name：应为文本，实为列表"),
        ({"name": None}, "name：应为文本，实为null"),
        ({"generated_date": 20260105}, "generated_date：应为YYYY-MM-DD"),
        ({"audience": "全社会"}, "audience：应为"),
        ({"bogus": 1}, "不认识的字段“bogus”"),
        ({"category_code": 6}, "category_code 应为文本"),
        (
            {"flowchart": {"nodes": [{"key": "a", "kind": "start", "time_limit_days": "3"}]}},
            "time_limit_days：应为整数",
        ),
    ],
)
def test_wrong_types_and_unknown_keys_are_refused_not_coerced(
    run: Runner, station_db_path: Path, tmp_path: Path, change: dict[str, object], expected: str
) -> None:
    """Before: 123 became "123", ["a"] became "['a']", null became "", unknown keys were
    ignored; a guide or flowchart given as a string or a number was a traceback."""
    before = _items(station_db_path)
    path = _write(tmp_path / "item.json", {**ITEM, **change})
    err = refused(
        run,
        "item",
        "add",
        "--json",
        str(path),
        "--user",
        "clerk",
        "--db",
        str(station_db_path),
        password=PASSWORDS["clerk"],
    )
    assert expected in err
    assert _items(station_db_path) == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"name":"甲","name":"乙"}', "键“name”出现了两次"),
        ('{"name":"甲","category_id":' + "1" * 5000 + "}", "超出范围"),
        ('{"name":"甲","category_id":123456789012345678901234567890}', "超出范围"),
        ('{"name":"甲","flowchart":{"nodes":[{"key":"a","kind":"start","x":NaN}]}}', "NaN"),
        ('{"name":"甲","flowchart":{"nodes":[{"key":"a","kind":"start","x":1e999}]}}', "超出范围"),
        ("[" * 5000 + "]" * 5000, "嵌套超过"),
        ('{"name":"甲\\ud800"}', "代理字符"),
        ('{"name":"甲",}', "不是有效的 JSON：第1行"),
    ],
    ids=["duplicate", "5000 digits", "30 digits", "NaN", "infinite", "deep", "surrogate", "syntax"],
)
def test_json_that_is_not_strict_json_is_refused(
    run: Runner, station_db_path: Path, tmp_path: Path, text: str, expected: str
) -> None:
    path = _write(tmp_path / "item.json", text)
    err = refused(
        run,
        "item",
        "add",
        "--json",
        str(path),
        "--user",
        "clerk",
        "--db",
        str(station_db_path),
        password=PASSWORDS["clerk"],
    )
    assert expected in err


def test_json_saved_as_gbk_is_named_as_such(
    run: Runner, station_db_path: Path, tmp_path: Path
) -> None:
    text = json.dumps({**ITEM, "name": "中文名称"}, ensure_ascii=False)
    path = _write(tmp_path / "item.json", text.encode("gbk"))
    calendar = _write(
        tmp_path / "cal.json", '{"year":2026,"basis":"国务院办公厅通知"}'.encode("gbk")
    )
    request = _write(tmp_path / "req.json", '{"applicant":"张三"}'.encode("gbk"))
    db = str(station_db_path)
    for args, user in (
        (("item", "add", "--json", str(path)), "clerk"),
        (("calendar", "import", str(calendar)), "admin"),
        (("request", "add", "--json", str(request)), "clerk"),
    ):
        err = refused(run, *args, "--user", user, "--db", db, password=PASSWORDS[user])
        assert "GBK" in err, err


@pytest.mark.parametrize(
    ("name", "code_point"),
    [
        ("甲\x00乙", "U+0000"),
        ("甲\x1b[31m红", "U+001B"),
        ("甲\u202e乙", "U+202E"),
        ("甲\x9b乙", "U+009B"),
        ("甲\u2066乙", "U+2066"),
    ],
    ids=["NUL", "ANSI", "RLO", "C1 CSI", "isolate"],
)
def test_control_characters_are_refused_in_names_and_content(
    run: Runner, station_db_path: Path, tmp_path: Path, name: str, code_point: str
) -> None:
    """Before, such names were stored, printed raw to the terminal and signed into
    packages."""
    db = str(station_db_path)
    for change in ({"name": name}, {"content": f"内容{name}"}):
        path = _write(tmp_path / "item.json", {**ITEM, **change})
        err = refused(
            run,
            "item",
            "add",
            "--json",
            str(path),
            "--user",
            "clerk",
            "--db",
            db,
            password=PASSWORDS["clerk"],
        )
        assert code_point in err and "\x1b" not in err and "\u202e" not in err
    assert _items(station_db_path) == 0


def test_what_is_printed_shows_control_characters_instead_of_obeying_them(
    run: Runner, station_db_path: Path
) -> None:
    """A name stored with an ANSI escape by an older version is shown, not obeyed."""
    connection = sqlite3.connect(station_db_path)
    connection.execute(
        "INSERT INTO station_keys (key_id, algorithm, public_key, sealed, status, created_at,"
        " created_by) VALUES ('0000000000000000', 'ed25519', '', '{}', 'retired',"
        " '2026-01-01', '管理员\x1b[2J\u202e')"
    )
    connection.execute("UPDATE station SET name = '河西派出所\x1b[31m'")
    connection.commit()
    connection.close()
    code, out, _ = run("station", "--db", str(station_db_path))
    assert code == 0 and "\x1b" not in out and "河西派出所\\u001b[31m" in out


def test_review_comments_and_node_texts_are_bounded(
    run: Runner, station_db_path: Path, tmp_path: Path
) -> None:
    db = str(station_db_path)
    chart = {
        "nodes": [
            {"key": "s", "kind": "start", "text": "开始"},
            {"key": "a", "kind": "step", "text": "审" * 5000},
            {"key": "e", "kind": "end", "text": "结束"},
        ],
        "edges": [
            {"key": "1", "source": "s", "target": "a"},
            {"key": "2", "source": "a", "target": "e"},
        ],
    }
    path = _write(tmp_path / "item.json", {**ITEM, "flowchart": chart})
    err = refused(
        run,
        "item",
        "add",
        "--json",
        str(path),
        "--user",
        "clerk",
        "--db",
        db,
        password=PASSWORDS["clerk"],
    )
    assert "第2个流程图框的文字不能超过500个字" in err
    path = _write(tmp_path / "item.json", ITEM)
    assert (
        run(
            "item",
            "add",
            "--json",
            str(path),
            "--user",
            "clerk",
            "--db",
            db,
            password=PASSWORDS["clerk"],
        )[0]
        == 0
    )
    assert (
        run("review", "submit", "1", "--user", "clerk", "--db", db, password=PASSWORDS["clerk"])[0]
        == 0
    )
    err = refused(
        run,
        "review",
        "return",
        "1",
        "--comment",
        "改" * 5000,
        "--user",
        "reviewer",
        "--db",
        db,
        password=PASSWORDS["reviewer"],
    )
    assert "意见不能超过2000个字" in err
    err = refused(
        run,
        "review",
        "return",
        "1",
        "--comment",
        "改\x1b[2J",
        "--user",
        "reviewer",
        "--db",
        db,
        password=PASSWORDS["reviewer"],
    )
    assert "U+001B" in err


def test_ten_thousand_quick_entry_steps_are_refused_quickly(
    run: Runner, station_db_path: Path, tmp_path: Path
) -> None:
    """Before: a RecursionError after two minutes."""
    text = tmp_path / "steps.txt"
    text.write_text("\n".join(f"{n}. 第{n}步" for n in range(1, 10001)), encoding="utf-8")
    err = refused(run, "flowchart", "check", "--text", str(text), "--db", str(station_db_path))
    assert "最多300步" in err
    text.write_text("1. 申请\n" + "9" * 5000 + ". 太大\n", encoding="utf-8")
    assert "太大" in refused(
        run, "flowchart", "check", "--text", str(text), "--db", str(station_db_path)
    )


def test_huge_or_odd_numbers_on_the_command_line(
    run: Runner, station_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(station_db_path)
    for ref in ("123456789012345678901234567890", "²", "１２"):
        assert "找不到事项" in refused(run, "item", "show", ref, "--db", db)
    with pytest.raises(SystemExit) as usage:  # argparse's own clear line, exit code 2
        run("receipt", "--sequence", "99999999999999999999", "--out", "x.pdf", "--db", db)
    assert usage.value.code == 2
    assert "不超过9位" in capsys.readouterr().err


def test_a_20_digit_time_limit_is_refused(
    run: Runner, station_db_path: Path, tmp_path: Path
) -> None:
    guide = {"legal_limit_days": 12345678901234567}
    path = _write(tmp_path / "item.json", {**ITEM, "kind": "licensing", "guide": guide})
    err = refused(
        run,
        "item",
        "add",
        "--json",
        str(path),
        "--user",
        "clerk",
        "--db",
        str(station_db_path),
        password=PASSWORDS["clerk"],
    )
    assert "法定期限应为1到365" in err


@pytest.mark.parametrize(
    "change",
    [
        {"categories": "十个类别"},
        {"categories": [{"code": 1, "name": "甲"}]},
        {"categories": [{"code": "01", "name": "甲", "x": 1}]},
        {"channels": [None]},
        {"stages": [{"code": "a", "name": "b", "start": 901, "end": "09-10"}]},
        {"procedures": {"standard_licensing": "流程"}},
        {"version": "3"},
        {"calendars": [{"year": 2026, "holidays": [20260101]}]},
        {"levels": 3},
        {"unknown": True},
    ],
)
def test_malformed_templates_are_refused_by_sign_and_import(
    run: Runner, tmp_path: Path, change: dict[str, object]
) -> None:
    from gwgk_desktop.services.template import builtin_template

    path = _write(tmp_path / "template.json", {**builtin_template(), **change})
    err = refused(
        run,
        "template",
        "sign",
        str(path),
        "--key",
        str(tmp_path / "none.json"),
        "--out",
        str(tmp_path / "t.gwgkt"),
    )
    assert "参考范本" in err
    assert not (tmp_path / "t.gwgkt").exists()


def test_key_files_and_registries_with_huge_numbers_or_wrong_types(
    run: Runner, station_db_path: Path, tmp_path: Path
) -> None:
    """Before: a registry or bureau key file with a 5,000-digit number crashed verify
    and keys set-bureau; no key needed to do it."""
    huge = b'{"format":"gwgk-key-registry","format_version":1,"keys":[],"x":' + b"9" * 5000 + b"}"
    registry = _write(tmp_path / "registry.json", huge)
    package = _write(tmp_path / "p.gwgk", b"PK\x03\x04" + b"\x00" * 100)
    assert "登记册" in refused(run, "verify", str(package), "--keys", str(registry))
    assert "登记册" in refused(
        run,
        "keys",
        "set-bureau",
        "--file",
        str(registry),
        "--user",
        "admin",
        "--db",
        str(station_db_path),
        password=PASSWORDS["admin"],
    )
    wrong = {
        "format": "gwgk-key-registry",
        "format_version": 1,
        "keys": [{"key_id": 1, "public_key": [], "owner": "市局"}],
    }
    registry = _write(tmp_path / "registry.json", wrong)
    assert "密钥登记记录有误" in refused(run, "registry", "list", "--registry", str(registry))


def test_a_database_in_a_folder_that_cannot_be_entered(
    tmp_path: Path, station_db_path: Path
) -> None:
    """Before, every command ended in a PermissionError traceback."""
    folder = tmp_path / "locked"
    folder.mkdir()
    shutil.copyfile(station_db_path, folder / "station.sqlite")
    folder.chmod(0o000)
    try:
        result = _run_unprivileged(
            tmp_path, ["item", "list", "--db", str(folder / "station.sqlite")]
        )
    finally:
        folder.chmod(0o755)
    assert result.returncode != 0
    assert "没有权限进入数据库所在的文件夹" in result.stderr and "Traceback" not in result.stderr


def _run_unprivileged(home: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    """``gwgk`` in a subprocess that permissions apply to: as root (CI), without the
    capabilities that let root past them."""
    env = {**os.environ, "HOME": str(home), "GWGK_LOG_DIR": str(home / "logs")}
    prefix = []
    if os.geteuid() == 0:
        drop = "-dac_override,-dac_read_search"
        prefix = ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "gwgk_desktop", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_older_schema_is_read_from_an_upgraded_copy(run: Runner, station_db_path: Path) -> None:
    """Before, check, exports and keys show on an older schema ended in a traceback."""
    engine = create_engine(f"sqlite:///{station_db_path}")
    with engine.connect() as connection, connection.begin():
        command.downgrade(migrate.alembic_config(connection), "0004_disclosure_requests")
    engine.dispose()
    digest = _digest(station_db_path)
    code, out, err = run("check", "--db", str(station_db_path))
    assert code == 0, err
    assert "临时副本" in out and "结论：正常" in out
    for args in (("exports",), ("keys", "show"), ("item", "list"), ("operator", "list")):
        code, out, err = run(*args, "--db", str(station_db_path))
        assert code == 0 and "Traceback" not in err, (args, err)
    assert _digest(station_db_path) == digest
    assert sorted(p.name for p in station_db_path.parent.iterdir()) == [station_db_path.name]


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                found += _leaves(child, (*path, name)) or [(*path, name)]
    return found


def test_db_is_accepted_after_the_action_in_every_command_group(
    run: Runner, demo_db_path: Path
) -> None:
    """Before, ``gwgk item list --db X`` (and the other groups with actions) was refused
    while ``gwgk check --db X`` worked."""
    parser = build_parser()
    missing = []
    for leaf in _leaves(parser):
        node = parser
        for name in leaf:
            node = next(
                a for a in node._actions if isinstance(a, argparse._SubParsersAction)
            ).choices[name]
        if not any("--db" in a.option_strings for a in node._actions):
            missing.append(" ".join(leaf))
    assert missing == []
    db = str(demo_db_path)
    for args in (
        ("item", "list"),
        ("request", "list"),
        ("operator", "list"),
        ("calendar", "show", "--year", "2026"),
        ("drafts", "list"),
        ("flowchart", "templates"),
        ("keys", "show"),
        ("privacy", "check"),
    ):
        code, _, err = run(*args, "--db", db)
        assert code == 0, (args, err)
