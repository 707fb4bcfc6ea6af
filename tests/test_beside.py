"""``Beside``: work on a thread of its own whose outcome the caller takes."""

from __future__ import annotations

import threading

import pytest

from gwgk_desktop.beside import Beside


def test_the_result_is_what_the_work_returned_from_its_own_thread() -> None:
    seen: list[str] = []

    def work() -> int:
        seen.append(threading.current_thread().name)
        return 42

    assert Beside(work, "worker").result() == 42
    assert seen == ["worker"]


def test_what_the_work_raised_is_raised_in_the_caller_and_wait_does_not_raise() -> None:
    def work() -> int:
        raise OSError(5, "设备出错")

    beside = Beside(work, "failing")
    beside.wait()
    with pytest.raises(OSError, match="设备出错"):
        beside.result()
    with pytest.raises(OSError):
        beside.result()  # again: the same outcome
