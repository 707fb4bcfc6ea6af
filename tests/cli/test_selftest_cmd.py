"""``gwgk self-test`` on the command line: exit codes and the work folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwgk_desktop import selftest
from gwgk_desktop.cli import main
from gwgk_desktop.selftest import Context, Step


def _ok(ctx: Context) -> str:
    (ctx.folder / "made.txt").write_text("x", encoding="utf-8")
    return "做好了"


def _broken(_ctx: Context) -> str:
    raise RuntimeError("坏了")


def test_exit_code_is_zero_when_every_step_passes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(selftest, "STEPS", (Step("一步", _ok),))
    assert main(["self-test", "--keep", str(tmp_path / "work")]) == 0
    assert (tmp_path / "work" / "made.txt").is_file()
    assert "自检结果：全部正常" in capsys.readouterr().out


def test_exit_code_is_one_when_a_step_fails(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(selftest, "STEPS", (Step("一步", _broken),))
    assert main(["self-test"]) == 1
    assert "失败：RuntimeError: 坏了" in capsys.readouterr().out


def test_keep_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "mine.txt").write_text("user data", encoding="utf-8")
    assert main(["self-test", "--keep", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：文件夹") and "不是空的" in err and "Traceback" not in err
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "user data"
