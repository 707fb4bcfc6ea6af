"""Every failure logged and findable: the rotating log file, uncaught exceptions of the main
thread and of other threads in it, refusals of the CLI, and ``gwgk info``."""

from __future__ import annotations

import logging.handlers
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gwgk_desktop import diagnostics, logs
from gwgk_desktop.cli import main

pytestmark = pytest.mark.usefixtures("restored_logging")


def _run(code: str, log_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, logs.LOG_DIR_ENV: str(log_dir)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_an_uncaught_exception_goes_to_the_log_and_still_to_stderr(tmp_path: Path) -> None:
    result = _run(
        "from gwgk_desktop import logs; logs.setup(); logs.install_excepthooks();"
        "raise RuntimeError('boom in the main thread')",
        tmp_path,
    )
    assert result.returncode == 1
    assert "RuntimeError: boom in the main thread" in result.stderr
    text = (tmp_path / "gwgk.log").read_text(encoding="utf-8")
    assert "CRITICAL gwgk_desktop: uncaught exception" in text
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: boom in the main thread" in text


def test_an_exception_in_another_thread_goes_to_the_log(tmp_path: Path) -> None:
    result = _run(
        "import threading; from gwgk_desktop import logs; logs.setup(); logs.install_excepthooks();"
        "t = threading.Thread(target=lambda: 1 / 0, name='worker-7'); t.start(); t.join()",
        tmp_path,
    )
    assert result.returncode == 0
    text = (tmp_path / "gwgk.log").read_text(encoding="utf-8")
    assert "uncaught exception in thread worker-7" in text
    assert "ZeroDivisionError" in text


def test_cli_commands_and_their_refusals_are_logged(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(db_path), "station"]) == 3
    capsys.readouterr()
    text = logs.log_file().read_text(encoding="utf-8")
    assert "INFO gwgk_desktop: gwgk station (" in text
    assert "INFO gwgk_desktop: refused: no such database" in text


def test_the_log_rotates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path))
    assert logs.setup(console=False) == tmp_path / "gwgk.log"
    handlers = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.handlers.RotatingFileHandler)
    ]
    assert [(h.maxBytes, h.backupCount) for h in handlers] == [(1 << 20, 5)]
    line = "x" * 1000
    for _ in range(1200):
        logs.log.info(line)
    assert (tmp_path / "gwgk.log.1").is_file()
    assert (tmp_path / "gwgk.log").stat().st_size <= 1 << 20


def test_an_unwritable_log_folder_is_reported_not_fatal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(blocker / "logs"))
    assert logs.setup(console=False) is None
    assert "无法写入日志文件" in capsys.readouterr().err


def test_info_says_what_support_asks_first(
    station_db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(station_db_path), "info"]) == 0
    out = capsys.readouterr().out
    labels = [line.split("：", 1)[0] for line in out.splitlines()]
    assert labels == [label for label, _ in diagnostics.info()]
    assert labels[:4] == ["程序", "Python", "Qt", "PySide6"]
    assert labels[5:] == ["数据文件夹", "日志文件", "数据库", "中文字体"]
    assert f"日志文件：{logs.log_file()}" in out
    assert f"数据库：{station_db_path}（" in out
    assert "Qt：6." in out
