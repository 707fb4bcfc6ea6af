"""``gwgk_desktop.selftest``: the real job end to end, and what counts as a failure."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gwgk_desktop import selftest
from gwgk_desktop.errors import UserError
from gwgk_desktop.selftest import Context, Outcome, Skip, Step


@pytest.mark.slow
def test_self_test_command_passes_and_writes_nothing_to_stderr() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gwgk_desktop", "self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    for number, step in enumerate(selftest.STEPS, start=1):
        assert any(line.startswith(f"{number:>2}. {step.title} …… ") for line in lines), step
    assert "导出签名报送包并校验 …… 通过" in result.stdout
    for step in selftest.STEPS:
        if step.run.__qualname__.startswith("not_built"):
            assert f"{step.title} …… 跳过：尚未实现" in result.stdout
    assert "失败" not in result.stdout
    assert lines[-1].startswith("自检结果：全部正常")


def test_steps_leave_their_files_in_the_given_folder(tmp_path: Path, log_to_file: Path) -> None:
    # Everything but the window (other tests may already own this process's QApplication).
    steps = [s for s in selftest.STEPS if s.run is not selftest.main_window]
    out = io.StringIO()
    report = selftest.run(steps, folder=tmp_path, out=out)
    assert report.ok, out.getvalue()
    not_built = [s for s in steps if s.run.__qualname__.startswith("not_built")]
    assert report.count(Outcome.PASSED) == len(steps) - len(not_built)
    assert (tmp_path / "selftest.sqlite").is_file()
    assert (tmp_path / "报送.gwgk").is_file() and (tmp_path / "bureau-state.json").is_file()
    assert list((tmp_path / "backups").glob("old-schema-*.sqlite"))
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "flowchart.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = "".join(text.split())  # the drawing wraps long node texts
    assert "受理审查" in words and "申请人申报出生登记（自检修改）" in words


def _steps(*functions: object) -> list[Step]:
    return [Step(f"第{n}步", f) for n, f in enumerate(functions, start=1)]  # type: ignore[arg-type]


def test_a_failure_stops_the_run_and_says_what_failed(tmp_path: Path) -> None:
    def boom(_ctx: Context) -> str:
        raise RuntimeError("坏了")

    def never(_ctx: Context) -> str:
        raise AssertionError("must not run")

    out = io.StringIO()
    report = selftest.run(_steps(lambda _ctx: "好", boom, never), folder=tmp_path, out=out)
    assert [r.outcome for r in report.results] == [
        Outcome.PASSED,
        Outcome.FAILED,
        Outcome.NOT_RUN,
    ]
    assert not report.ok
    text = out.getvalue()
    assert " 1. 第1步 …… 通过（" in text and "）：好" in text
    assert " 2. 第2步 …… 失败：RuntimeError: 坏了" in text
    assert " 3. 第3步 …… 未运行：前面的步骤失败" in text
    assert "自检结果：有问题" in text and "1 项失败" in text


def test_user_errors_show_their_message_and_verbose_adds_the_traceback(tmp_path: Path) -> None:
    def refused(_ctx: Context) -> str:
        raise UserError("数据库文件已损坏", "corrupt")

    quiet = selftest.run(_steps(refused), folder=tmp_path / "a", out=io.StringIO())
    assert quiet.results[0].detail == "数据库文件已损坏"
    loud = selftest.run(_steps(refused), folder=tmp_path / "b", out=io.StringIO(), verbose=True)
    assert "Traceback" in loud.results[0].detail and "in refused" in loud.results[0].detail


def test_skipped_steps_do_not_fail_the_run(tmp_path: Path) -> None:
    def later(_ctx: Context) -> str:
        raise Skip("尚未实现")

    out = io.StringIO()
    report = selftest.run(
        _steps(later, selftest.not_built("x"), lambda _ctx: ""), folder=tmp_path, out=out
    )
    assert report.ok
    assert [r.outcome for r in report.results] == [
        Outcome.SKIPPED,
        Outcome.SKIPPED,
        Outcome.PASSED,
    ]
    assert out.getvalue().count("跳过：尚未实现") == 2


@pytest.mark.parametrize(
    "write",
    [
        lambda: print("Python 写到 stderr", file=sys.stderr),
        lambda: os.write(2, "C 库写到 fd 2\n".encode()),
    ],
    ids=["sys.stderr", "fd2"],
)
def test_anything_on_stderr_fails_the_step(tmp_path: Path, write: object) -> None:
    def noisy(_ctx: Context) -> str:
        write()  # type: ignore[operator]
        return "看起来没问题"

    out = io.StringIO()
    report = selftest.run(_steps(noisy), folder=tmp_path, out=out)
    assert report.results[0].outcome is Outcome.FAILED
    assert "标准错误输出中有意外内容" in report.results[0].detail
    assert "写到" in report.results[0].detail


@pytest.mark.slow
def test_a_python_warning_fails_the_step(tmp_path: Path) -> None:
    # Out of process: pytest records warnings itself instead of printing them.
    script = textwrap.dedent(
        """
        import sys, warnings
        from pathlib import Path
        from gwgk_desktop import selftest
        def warns(ctx):
            warnings.warn("过时的用法", UserWarning, stacklevel=1)
            return "完成"
        report = selftest.run([selftest.Step("警告", warns)], folder=Path(sys.argv[1]))
        sys.exit(0 if report.ok else 1)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "失败：标准错误输出中有意外内容" in result.stdout
    assert "UserWarning: 过时的用法" in result.stdout
    assert result.stderr == ""
