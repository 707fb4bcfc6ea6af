"""gwgk_desktop.progress: one protocol for every long job's progress and cancel."""

from __future__ import annotations

import pytest

from gwgk_desktop.progress import SILENT, Cancelled, step
from tests.factories import RecordingProgress


class Stopped(Cancelled):
    def __init__(self) -> None:
        super().__init__("已取消测试", "test cancelled")


def test_step_reports_until_cancelled_then_raises_without_reporting() -> None:
    progress = RecordingProgress(cancel_after=3)
    step(progress, 1, 10, "第一步", Stopped)
    step(progress, 2, 10, "第二步", Stopped)
    with pytest.raises(Stopped, match="已取消测试") as raised:
        step(progress, 3, 10, "第三步", Stopped)
    assert progress.reports == [(1, 10, "第一步"), (2, 10, "第二步")]
    assert raised.value.exit_code == 130


def test_silent_progress_never_cancels() -> None:
    for done in range(100):
        step(SILENT, done, 100, "")
    assert not SILENT.is_cancelled()
