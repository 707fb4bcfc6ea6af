"""Every window and dialog fits the stations' 1366×768 screens (issue 14, point 0): the
main window opens maximised there and at its own size on a large screen. Runs
``tools/screen_tour.py`` in a subprocess, since the screen's size is fixed when the
application starts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def tour(size: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "screen_tour.py"), "--size", size],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.mark.slow
def test_everything_fits_a_1366_by_768_screen() -> None:
    report = tour("1366x768")
    results = {r["name"]: r for r in report["results"]}
    assert not [name for name, r in results.items() if not r["fits"]], report
    assert results["main-window"]["maximised"]
    assert len(results) > 25  # every dialog was opened


@pytest.mark.slow
def test_a_large_screen_gets_the_window_at_its_own_size() -> None:
    report = tour("1920x1080")
    main = next(r for r in report["results"] if r["name"] == "main-window")
    assert not main["maximised"] and main["fits"]
    x, y, width, height = main["frame"]
    assert (width, height) >= (1440, 880) and x > 0 and y > 0  # centred
