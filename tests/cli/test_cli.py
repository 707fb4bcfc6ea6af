"""The gwgk command line: every data operation headless, clear errors, no tracebacks."""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gwgk_desktop.cli import COMMAND_MODULES, build_parser, command_module
from tests.cli.conftest import Runner

GOOD_INIT = [
    "init",
    "--name",
    "测试市公安局河西派出所",
    "--org-code",
    "000099001",
    "--complaint-phone",
    "0531-88889110",
]


def test_init_reads_the_password_from_the_environment_or_stdin(run: Runner, tmp_path: Path) -> None:
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    code, out, _ = run("--db", str(a), *GOOD_INIT, password="secret123")
    assert code == 0 and "已建立单位" in out
    code, out, _ = run("--db", str(b), *GOOD_INIT, stdin="secret456\n")
    assert code == 0
    assert run("--db", str(b), "item", "list", "--deleted")[0] == 0
    assert run("--db", str(b), "operator", "list")[1].startswith("admin\t管理员\t管理员")


def test_init_refuses_bad_input_and_leaves_no_file(run: Runner, tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite"
    code, _, err = run(
        "--db", str(path), "init", "--name", "所", "--org-code", "a/b", password="secret123"
    )
    assert code == 9 and "组织机构代码" in err and "Traceback" not in err
    assert not path.exists()
    code, _, err = run("--db", str(path), *GOOD_INIT, password="123")
    assert code != 0 and "密码至少需要6个字符" in err
    assert not path.exists()
    run("--db", str(path), *GOOD_INIT, password="secret123")
    code, _, err = run("--db", str(path), *GOOD_INIT, password="secret123")
    assert code == 2 and "已存在" in err


def test_item_lifecycle_through_the_cli(run: Runner, station_db_path: Path, tmp_path: Path) -> None:
    db = str(station_db_path)
    item_json = tmp_path / "item.json"
    item_json.write_text(
        json.dumps(
            {
                "kind": "catalogue",
                "category_code": "06",
                "name": "便民服务承诺",
                "level1": "公共服务",
                "content": "服务承诺全文",
                "basis": "政府信息公开条例",
                "subject": "河西派出所",
                "channels": ["website"],
                "generated_date": "2026-09-01",
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    code, out, err = run(
        "--db", db, "item", "add", "--json", str(item_json), "--user", "clerk", password="clerk123"
    )
    assert code == 0, err
    item_id = out.split()[1]
    code, out, _ = run("--db", db, "item", "show", item_id, "--json")
    data = json.loads(out)
    assert data["name"] == "便民服务承诺"
    data["content"] = "修改后的服务承诺"
    item_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert (
        run(
            "--db",
            db,
            "item",
            "edit",
            item_id,
            "--json",
            str(item_json),
            "--base-revision",
            "1",
            "--user",
            "clerk",
            password="clerk123",
        )[0]
        == 0
    )

    code, _, err = run(
        "--db", db, "review", "approve", item_id, "--user", "clerk", password="clerk123"
    )
    assert code == 6 and "“草稿”状态的事项不能审核通过" in err
    assert (
        run("--db", db, "review", "submit", item_id, "--user", "clerk", password="clerk123")[0] == 0
    )
    code, _, err = run(
        "--db", db, "review", "return", item_id, "--user", "reviewer", password="review123"
    )
    assert code == 6 and "须填写意见" in err
    assert (
        run(
            "--db",
            db,
            "review",
            "return",
            item_id,
            "--comment",
            "依据不全",
            "--user",
            "reviewer",
            password="review123",
        )[0]
        == 0
    )
    assert (
        run("--db", db, "review", "submit", item_id, "--user", "clerk", password="clerk123")[0] == 0
    )
    assert (
        run("--db", db, "review", "approve", item_id, "--user", "reviewer", password="review123")[0]
        == 0
    )
    code, out, _ = run(
        "--db",
        db,
        "review",
        "publish",
        item_id,
        "--date",
        "2026-09-20",
        "--user",
        "reviewer",
        password="review123",
    )
    assert code == 0 and "已公开" in out
    code, out, _ = run("--db", db, "item", "history", item_id)
    assert [line.split("\t")[1] for line in out.splitlines()] == [
        "张录入",
        "张录入",
        "张录入",
        "李审核",
        "张录入",
        "李审核",
        "李审核",
    ]
    assert "退回修改“便民服务承诺”第1版：依据不全" in out
    code, out, _ = run("--db", db, "item", "list", "--status", "published")
    assert "已公开\t便民服务承诺" in out


def test_an_edit_based_on_a_stale_revision_is_refused(
    run: Runner, demo_db_path: Path, tmp_path: Path
) -> None:
    """Two people edit the same approved item from the command line: the second edit, made
    on the revision the first one has since replaced, is refused and changes nothing."""
    db = str(demo_db_path)
    code, out, _ = run("--db", db, "item", "list", "--status", "published", "--kind", "catalogue")
    item_id = out.split()[0]
    code, out, _ = run("--db", db, "item", "show", item_id)
    assert "第1版，已公开" in out
    content = json.loads(run("--db", db, "item", "show", item_id, "--json")[1])

    def edit(summary: str, base: int) -> tuple[int, str, str]:
        changed = tmp_path / f"{summary}.json"
        changed.write_text(json.dumps({**content, "summary": summary}, ensure_ascii=False))
        return run(
            "--db", db, "item", "edit", item_id, "--json", str(changed),
            "--base-revision", str(base), "--user", "clerk", password="clerk123",
        )  # fmt: skip

    code, out, err = edit("第一位录入员的修改", 1)
    assert code == 0, err
    assert "第2版" in out  # an edit of a published item makes a new draft revision
    code, out, err = edit("第二位录入员的修改", 1)
    assert code == 8, "Conflict"
    assert "已被他人修改（现为第2版）" in err and "item changed since it was opened" in err
    saved = json.loads(run("--db", db, "item", "show", item_id, "--json")[1])
    assert saved["summary"] == "第一位录入员的修改"
    # Based on the revision it now has, the second edit goes through.
    assert edit("第二位录入员的修改", 2)[0] == 0
    with pytest.raises(SystemExit) as refused:  # argparse: the base must be given
        run("--db", db, "item", "edit", item_id, "--json", str(tmp_path / "x.json"))
    assert refused.value.code == 2


def test_wrong_password_is_refused(run: Runner, station_db_path: Path) -> None:
    code, _, err = run(
        "--db", str(station_db_path), "review", "submit", "1", "--user", "clerk", password="nope"
    )
    assert code == 5 and err.startswith("错误：登录名或密码不正确")


def test_delete_restore_and_backup(run: Runner, demo_db_path: Path, tmp_path: Path) -> None:
    db = str(demo_db_path)
    _code, out, _ = run("--db", db, "item", "list", "--status", "draft")
    draft = out.split()[0]
    assert run("--db", db, "item", "delete", draft, "--user", "clerk", password="clerk123")[0] == 0
    assert draft in run("--db", db, "item", "list", "--deleted")[1].split()
    assert run("--db", db, "item", "restore", draft, "--user", "clerk", password="clerk123")[0] == 0
    target = tmp_path / "copy.sqlite"
    assert run("--db", db, "backup", "--out", str(target))[0] == 0
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM items").fetchone()[0] > 40
    copy.close()


def test_check_passes_on_the_demo_and_fails_on_tampering(run: Runner, demo_db_path: Path) -> None:
    code, out, _ = run("--db", str(demo_db_path), "check")
    assert code == 0 and "结论：正常" in out
    with sqlite3.connect(demo_db_path) as connection:
        connection.execute("DROP TRIGGER audit_log_no_update")
        connection.execute("UPDATE audit_log SET summary = '篡改' WHERE id = 5")
    connection.close()
    code, out, _ = run("--db", str(demo_db_path), "check")
    assert code == 1 and "审计日志第5条的内容被改动过" in out


def test_check_on_a_corrupted_file(run: Runner, demo_db_path: Path) -> None:
    data = bytearray(demo_db_path.read_bytes())
    for offset in range(4096 * 2, 4096 * 6):
        data[offset] = (data[offset] * 7 + 13) % 256
    demo_db_path.write_bytes(bytes(data))
    code, out, err = run("--db", str(demo_db_path), "check")
    assert code != 0
    assert ("损坏" in out + err) and "Traceback" not in out + err
    assert demo_db_path.read_bytes() == bytes(data)  # checking never writes


@pytest.mark.parametrize(
    ("content", "message", "exit_code"),
    [
        (None, "找不到数据库文件", 3),
        (b"PK\x03\x04 not a database", "不是政务公开目录的数据库文件", 3),
    ],
)
def test_bad_files_get_one_line_and_a_non_zero_exit(
    run: Runner, tmp_path: Path, content: bytes | None, message: str, exit_code: int
) -> None:
    path = tmp_path / "input.sqlite"
    if content is not None:
        path.write_bytes(content)
    for command in (["check"], ["item", "list"], ["station"]):
        code, _out, err = run("--db", str(path), *command)
        assert code == exit_code
        assert message in err and len(err.strip().splitlines()) == 1
    assert (path.read_bytes() if content is not None else None) == content


def test_newer_schema_is_refused_by_every_command(run: Runner, station_db_path: Path) -> None:
    with sqlite3.connect(station_db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff'")
    connection.close()
    for command in (["check"], ["item", "list"]):
        code, _, err = run("--db", str(station_db_path), *command)
        assert code == 3 and "更新版本" in err


def test_demo_refuses_to_overwrite(run: Runner, demo_db_path: Path) -> None:
    code, _, err = run("--db", str(demo_db_path), "demo", "--items", "5")
    assert code == 2 and "已存在" in err


@pytest.mark.slow
def test_the_real_console_script_without_qt(tmp_path: Path) -> None:
    """``gwgk demo`` and ``gwgk check`` as a separate process, and Qt never loaded."""
    path = tmp_path / "demo.sqlite"
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from gwgk_desktop.cli import main; code = main(sys.argv[1:]); "
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'; "
            "sys.exit(code)",
            "--db",
            str(path),
            "demo",
            "--items",
            "30",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "gwgk_desktop", "--db", str(path), "check"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0 and "结论：正常" in result.stdout
    assert result.stderr == ""


def test_attachments_and_sample_forms_through_the_cli(
    run: Runner, demo_db_path: Path, tmp_path: Path
) -> None:
    db = str(demo_db_path)
    code, out, _ = run("--db", db, "item", "list", "--kind", "licensing", "--status", "published")
    item_id = out.split()[0]
    sample = tmp_path / "出生登记申请表.docx"
    sample.write_bytes(b"PK\x03\x04 sample form " * 1000)
    notice = tmp_path / "说明.pdf"
    notice.write_bytes(b"%PDF-1.4 notice")
    assert (
        run(
            "--db",
            db,
            "item",
            "attach",
            item_id,
            str(sample),
            "--material",
            "1",
            "--user",
            "clerk",
            password="clerk123",
        )[0]
        == 0
    )
    code, out, _ = run(
        "--db",
        db,
        "item",
        "attach",
        item_id,
        str(notice),
        "--note",
        "告知书",
        "--user",
        "clerk",
        password="clerk123",
    )
    assert code == 0 and "第2版" in out  # a published item gets a new draft revision
    data = json.loads(run("--db", db, "item", "show", item_id, "--json")[1])
    assert data["materials"][0]["sample_filename"] == sample.name
    assert [(a["filename"], a["note"]) for a in data["attachments"]] == [(notice.name, "告知书")]
    copy = tmp_path / "copy.docx"
    assert run("--db", db, "item", "attachment", item_id, sample.name, "--out", str(copy))[0] == 0
    assert copy.read_bytes() == sample.read_bytes()
    code, _, err = run(
        "--db",
        db,
        "item",
        "attach",
        item_id,
        str(notice),
        "--material",
        "99",
        "--user",
        "clerk",
        password="clerk123",
    )
    assert code == 2 and "申请材料" in err
    assert (
        run(
            "--db",
            db,
            "item",
            "detach",
            item_id,
            notice.name,
            "--user",
            "clerk",
            password="clerk123",
        )[0]
        == 0
    )
    data = json.loads(run("--db", db, "item", "show", item_id, "--json")[1])
    assert data["attachments"] == []
    code, _, err = run(
        "--db", db, "item", "detach", item_id, notice.name, "--user", "clerk", password="clerk123"
    )
    assert code == 2 and "没有名为" in err


def test_immediate_time_limits_in_the_items_json(
    run: Runner, station_db_path: Path, tmp_path: Path
) -> None:
    """即时办结 in and out of the command line's JSON, refused together with days."""
    from gwgk_desktop.domain.serialize import content_to_dict
    from gwgk_desktop.services.catalogue import Catalogue
    from gwgk_desktop.store.database import open_database
    from tests.factories import licensing_content

    db = str(station_db_path)
    with open_database(station_db_path) as database:
        data = content_to_dict(licensing_content(Catalogue(database), "死亡注销"))
    data["guide"].update(promised_limit_days=None, promised_limit_immediate=True)
    item_json = tmp_path / "item.json"
    item_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(
        "--db", db, "item", "add", "--json", str(item_json), "--user", "clerk", password="clerk123"
    )
    assert code == 0, err
    item_id = out.split()[1]
    code, out, _ = run("--db", db, "item", "show", item_id)
    assert "法定期限30个工作日；承诺期限即时办结" in out
    code, out, _ = run("--db", db, "item", "show", item_id, "--json")
    shown = json.loads(out)["guide"]
    assert shown["promised_limit_immediate"] is True and shown["promised_limit_days"] is None

    data["guide"]["promised_limit_days"] = 1
    item_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code, _out, err = run(
        "--db", db, "item", "add", "--json", str(item_json), "--user", "clerk", password="clerk123"
    )
    assert code != 0 and "已选“即时办结”，不能再填工作日数" in err


def test_the_same_name_in_one_category_is_pointed_out(
    run: Runner, station_db_path: Path, tmp_path: Path
) -> None:
    item = {
        "kind": "catalogue",
        "category_code": "06",
        "name": "便民服务承诺",
        "level1": "公共服务",
        "content": "服务承诺全文",
        "basis": "政府信息公开条例",
        "subject": "河西派出所",
        "channels": ["website"],
        "generated_date": "2026-09-01",
    }
    path = tmp_path / "item.json"
    path.write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
    args = ("--db", str(station_db_path), "item", "add", "--json", str(path), "--user", "clerk")
    code, out, err = run(*args, password="clerk123")
    assert code == 0 and "同名" not in err
    number = out.split()[2]
    code, _out, err = run(*args, password="clerk123")
    assert code == 0
    assert f"注意：本类别已有同名事项（索引号 {number}）" in err


def test_each_command_is_found_in_its_module() -> None:
    """``gwgk CMD`` imports only the module ``COMMAND_MODULES`` names for CMD: the table
    lists exactly what each module registers, and every command parses on its own."""
    for name, commands in COMMAND_MODULES.items():
        subparsers = argparse.ArgumentParser().add_subparsers()
        command_module(name).register(subparsers)
        assert tuple(subparsers.choices) == commands, name
    everything = build_parser()
    listed = next(
        a for a in everything._actions if isinstance(a, argparse._SubParsersAction)
    ).choices
    assert list(listed) == [c for commands in COMMAND_MODULES.values() for c in commands]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland are Linux's")
@pytest.mark.parametrize("command", [("gui",), ("bureau", "gui"), ()])
def test_no_screen_gets_one_chinese_line_not_qt_s_abort(
    run: Runner,
    station_db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    """Without X11 or Wayland (a text console, SSH) the GUI commands say so in Chinese and
    exit 2 before importing Qt, which aborted with its own English message (exit 134)."""
    for variable in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(variable, raising=False)
    args = command if command != ("gui",) else ("--db", str(station_db_path), *command)
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert err.startswith("错误：找不到图形界面") and err.count("\n") == 1
    # With a display, or Qt told to draw offscreen, nothing is refused.
    from gwgk_desktop.cli.gui_cmd import require_display

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    require_display()
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    require_display()
