"""The test run's settings and cache folders (tests/run_folder.py) are the run's: a process
the run starts uses them too, so one that dies without cleaning up leaves nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ours() -> set[str]:
    base = Path(tempfile.gettempdir())
    return {p.name for p in base.glob("gwgk-test-c*")}


def test_a_child_that_crashes_uses_the_run_s_folders_and_leaves_none() -> None:
    before = _ours()
    code = (
        "import os, tests.conftest; "
        "print(os.environ['XDG_CONFIG_HOME'], os.environ['XDG_CACHE_HOME']); "
        "os._exit(0)"  # as a crashed GUI instance ends: no atexit
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.split() == [os.environ["XDG_CONFIG_HOME"], os.environ["XDG_CACHE_HOME"]]
    assert _ours() == before
