"""A database on a write-protected stick, and a database found corrupt.

Before, a database on read-only media was reported as "已损坏" (its WAL index could not be
made); and on a corrupt database ``item add``, ``approve`` and ``template import`` still
wrote, spreading the damage, while ``backup`` said nothing about it."""

from __future__ import annotations

import contextlib
import copy
import json
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from gwgk_desktop.cli.submission_cmds import KEY_ENV
from gwgk_desktop.services import keys, template
from gwgk_desktop.services.demo import demo_key_passphrase
from gwgk_desktop.store.database import open_database
from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.registry import BUREAU, KeyRecord
from gwgk_desktop.submission.template_sign import sign_template
from tests.cli.conftest import Runner
from tests.conftest import PASSWORDS, actors_of, corrupt_a_page, small_tmpfs


def _count(path: Path, table: str) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    (count,) = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    connection.close()
    return int(count)


@contextlib.contextmanager
def read_only_stick(tmp_path: Path, database: Path) -> Iterator[Path]:
    """``database`` copied onto a small tmpfs that is then made read-only (a
    write-protected USB stick); skipped where mounting is not allowed."""
    with small_tmpfs(tmp_path / "stick", "32m") as mount:
        copy = mount / database.name
        shutil.copyfile(database, copy)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield copy


def test_a_database_on_a_write_protected_stick_is_read_and_says_so(
    run: Runner, demo_db_path: Path, tmp_path: Path
) -> None:
    with open_database(demo_db_path):
        pass  # a clean close: no -wal file beside it, as on a stick taken out safely
    with read_only_stick(tmp_path, demo_db_path) as db:
        code, out, err = run("item", "list", "--db", str(db))
        assert code == 0, err
        assert "共" in out and "损坏" not in err
        code, out, err = run("check", "--db", str(db))
        assert code == 0 and "结论：正常" in out, out + err
        item = tmp_path / "item.json"
        item.write_text(json.dumps({"name": "新事项"}), encoding="utf-8")
        code, _, err = run(
            "item",
            "add",
            "--json",
            str(item),
            "--user",
            "clerk",
            "--db",
            str(db),
            password=PASSWORDS["clerk"],
        )
        assert code == 3 and "只读的位置" in err and "损坏" not in err
        with open_database(db) as opened:
            assert opened.readonly and not opened.writable
        backup = tmp_path / "copy.sqlite"
        code, _, err = run("backup", "--db", str(db), "--out", str(backup))
        assert code == 0, err
    assert _count(backup, "items") > 0


def test_writing_stops_on_a_corrupt_database(
    run: Runner, demo_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    signed = tmp_path / "t.gwgkt"
    with open_database(demo_db_path) as opened:
        bureau = KeyPair.generate()
        record = KeyRecord(bureau.key_id, bureau.public.hex(), BUREAU, "", "市局", "t")
        keys.add_bureau_keys(opened, actors_of(opened).admin, [record])
        newer = copy.deepcopy(template.builtin_template())
        newer["version"] += 1
        signed.write_bytes(sign_template(newer, bureau, "市局"))
    corrupt_a_page(demo_db_path)
    items = _count(demo_db_path, "items")
    audit = _count(demo_db_path, "audit_log")
    item = tmp_path / "item.json"
    item.write_text(json.dumps({"name": "新事项"}), encoding="utf-8")
    db = str(demo_db_path)
    for args, user in (
        (("item", "add", "--json", str(item)), "clerk"),
        (("review", "submit", "20"), "clerk"),
        (("review", "approve", "20"), "reviewer"),
        (("template", "import", str(signed)), "admin"),
    ):
        code, _, err = run(*args, "--user", user, "--db", db, password=PASSWORDS[user])
        assert code == 3, (args, err)
        assert "已停止写入" in err and "Traceback" not in err, err
    # Export takes the quick check started before its imports: refused all the same.
    monkeypatch.setenv(KEY_ENV, demo_key_passphrase())
    code, _, err = run("export", "--db", db, "--out", str(tmp_path / "p.gwgk"))
    assert code == 3 and "已停止写入" in err and "Traceback" not in err, err
    assert not (tmp_path / "p.gwgk").exists()
    assert (_count(demo_db_path, "items"), _count(demo_db_path, "audit_log")) == (items, audit)

    code, out, err = run("backup", "--db", db, "--out", str(tmp_path / "salvage.sqlite"))
    assert code == 1 and "已备份到" in out
    assert err.startswith("警告：源数据库未通过完整性检查")
    code, out, _ = run("check", "--db", db)
    assert code == 1 and "数据库文件损坏" in out
