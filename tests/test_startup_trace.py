"""The start-up timeline (``GWGK_STARTUP_TRACE``) as the start-up yardstick reads it
(``benchmarks/startup.py``): the real ``gwgk gui`` command in a process of its own reports
its first frame with the item table's rows, in either form, on the clock the parent
spawned it by."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from gwgk_desktop import startup_trace

ROOT = Path(__file__).resolve().parent.parent


def _yardstick() -> ModuleType:
    spec = importlib.util.spec_from_file_location("startup", ROOT / "benchmarks" / "startup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("form", ["json", "1"])
def test_the_real_command_reports_its_first_frame(demo_db_path: Path, form: str) -> None:
    startup = _yardstick()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GWGK_")}
    env["PYTHONPATH"] = str(ROOT)
    start = startup.start_once(sys.executable, ROOT, demo_db_path, env, form)

    steps = [line.split(maxsplit=5)[-1] for line in start.timeline]
    assert steps[0] == "python running, gwgk imported"
    assert steps[-2:] == ["item table paints its first rows", startup_trace.FIRST_FRAME]
    assert "main window shown" in steps and "database opened" in steps
    assert start.own is not None and start.own > 0, "the kernel's start of the process is known"
    assert start.cpu > 0
    # The report is read from the pipe after the frame it reports; the kernel's record of
    # the start (whole 10 ms ticks) is not before the moment the parent began to spawn.
    assert start.wall <= start.seen
    assert start.own <= start.wall + 0.0105
    if form == "1":  # the table gives no clock to set against the parent's
        assert start.wall == start.seen


def test_without_the_variable_nothing_is_marked_or_reported(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert os.environ.get(startup_trace.ENV) is None
    startup_trace.mark("something")
    startup_trace.report()
    assert capsys.readouterr().err == ""
