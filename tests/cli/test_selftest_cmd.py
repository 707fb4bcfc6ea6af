"""``gwgk self-test`` on the command line: exit codes and the work folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from gwgk_desktop import logs, selftest
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


def test_the_self_test_logs_into_its_own_folder_not_the_users(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It promises never to touch the user's data: not even the log file."""
    monkeypatch.delenv(logs.LOG_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "data"))
    user_log = logs.log_file()
    assert tmp_path in user_log.parents
    monkeypatch.setattr(selftest, "STEPS", (Step("日志", selftest.log_file),))
    try:
        assert main(["self-test", "--keep", str(tmp_path / "work")]) == 0
    finally:
        logs.setup(file=False)  # leave no handler on the temporary folders
    assert "自检结果：全部正常" in capsys.readouterr().out
    assert (tmp_path / "work" / "logs" / logs.LOG_NAME).is_file()
    assert not (tmp_path / "data").exists()
