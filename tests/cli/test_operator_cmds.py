"""``gwgk init`` shows the recovery code once; ``gwgk operator list/unlock/recover/
recovery-code`` handle lock-outs and a forgotten administrator password headless."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gwgk_desktop.cli import main
from gwgk_desktop.services import auth
from gwgk_desktop.store.database import Database, open_database
from gwgk_desktop.store.types import utcnow
from tests.pdf.pdfcheck import Pdf, compact
from tests.services.test_auth import _cheap, _fail

CODE = re.compile(r"[2-9A-Z]{4}(?:-[2-9A-Z]{4}){4}")


def test_init_shows_the_recovery_code_once_and_writes_its_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db, sheet = tmp_path / "new.sqlite", tmp_path / "恢复码.pdf"
    monkeypatch.setenv("GWGK_PASSWORD", "secret123")
    args = ["--db", str(db), "init", "--name", "测试派出所", "--org-code", "000099001"]
    assert main([*args, "--recovery-sheet", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "只显示这一次" in out
    code = CODE.search(out)
    assert code is not None
    assert code.group() in compact(Pdf(sheet).text())
    with open_database(db) as opened:
        auth.recover(opened, "admin", code.group(), "new-secret-1")


def test_a_locked_operator_is_listed_and_unlocked(
    station_db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _cheap(station_db, "clerk", "clerk123")
    _fail(station_db, 5, utcnow())
    db = ["--db", str(station_db.path)]
    assert main([*db, "operator", "list"]) == 0
    assert re.search(
        r"clerk\t张录入\t录入员（已锁定至\d\d-\d\d \d\d:\d\d）", capsys.readouterr().out
    )
    monkeypatch.setenv("GWGK_PASSWORD", "clerk123")
    assert main([*db, "review", "submit", "1", "--user", "clerk"]) == 5
    assert "已锁定" in capsys.readouterr().err
    monkeypatch.setenv("GWGK_PASSWORD", "admin123")
    assert main([*db, "operator", "unlock", "clerk", "--user", "clerk"]) == 5
    assert main([*db, "operator", "unlock", "clerk", "--user", "admin"]) == 0
    assert "已解除 clerk 的锁定" in capsys.readouterr().out
    assert auth.authenticate(station_db, "clerk", "clerk123").username == "clerk"


def test_a_forgotten_admin_password_is_reset_with_the_recovery_code(
    station_db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(station_db.path)]
    monkeypatch.setenv("GWGK_PASSWORD", "admin123")
    assert main([*db, "operator", "recovery-code", "--user", "admin"]) == 0
    first = CODE.search(capsys.readouterr().out)
    assert first is not None
    monkeypatch.setenv("GWGK_RECOVERY_CODE", "2222-3333-4444-5555-6666")
    monkeypatch.setenv("GWGK_NEW_PASSWORD", "forgotten-1")
    assert main([*db, "operator", "recover", "admin"]) == 5
    assert "恢复码不正确" in capsys.readouterr().err
    monkeypatch.setenv("GWGK_RECOVERY_CODE", first.group())
    assert main([*db, "operator", "recover", "admin"]) == 0
    out = capsys.readouterr().out
    second = CODE.search(out)
    assert second is not None and second.group() != first.group()
    assert "原恢复码已作废" in out
    assert auth.authenticate(station_db, "admin", "forgotten-1").username == "admin"
