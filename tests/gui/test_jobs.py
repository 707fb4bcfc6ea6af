"""The one helper for background jobs: result, failure and cancel (exactly one of them),
the progress dialog that appears after a delay with a working Cancel, and the worker
never outliving the window that owns it."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.errors import UserError
from gwgk_desktop.gui import jobs
from gwgk_desktop.gui.jobs import Job, make_job, run_job

WAIT_MS = 10_000


class Outcomes:
    """Every end signal a job sent, in order."""

    def __init__(self, job: Job) -> None:
        self.seen: list[tuple[str, object]] = []
        job.succeeded.connect(lambda value: self.seen.append(("succeeded", value)))
        job.failed.connect(lambda error: self.seen.append(("failed", error)))
        job.cancelled.connect(lambda: self.seen.append(("cancelled", None)))


@pytest.fixture
def owner(qtbot: QtBot) -> Iterator[QDialog]:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog


def run_to_end(qtbot: QtBot, job: Job) -> Outcomes:
    outcomes = Outcomes(job)
    with qtbot.waitSignal(job.finished, timeout=WAIT_MS):
        job.start()
    return outcomes


def until_cancelled(release: threading.Event, running: threading.Event | None = None) -> jobs.Work:
    """Work that reports progress until it is cancelled (or ``release`` is set); sets
    ``running`` once it has reported."""

    def work(job: Job) -> str:
        n = 0
        while not release.wait(0.005):
            if job.is_cancelled():
                raise UserError("已取消", "cancelled")
            n += 1
            job.report(n % 100, 100, "第 1 步")
            if running is not None:
                running.set()
        return "released"

    return work


def wait_running(qtbot: QtBot, running: threading.Event) -> None:
    """Wait until the work has started reporting.

    Not with ``qtbot.waitSignal(job.progressed)``: that connects a Python callable to a
    signal emitted from the worker many times a second and disconnects it afterwards, and
    PySide6 (6.8 too) still delivers calls queued before the disconnect to the freed
    connection: a segfault about once in 400 tries under load. The app never disconnects
    from a job's signals."""
    qtbot.waitUntil(running.is_set, timeout=WAIT_MS)


def test_the_result_arrives_once(qtbot: QtBot, owner: QDialog) -> None:
    outcomes = run_to_end(qtbot, make_job(owner, lambda job: 6 * 7))
    assert outcomes.seen == [("succeeded", 42)]


def test_a_user_error_fails_with_its_message(qtbot: QtBot, owner: QDialog) -> None:
    def work(_job: Job) -> None:
        raise UserError("磁盘已满", "disk full")

    outcomes = run_to_end(qtbot, make_job(owner, work))
    [(kind, error)] = outcomes.seen
    assert kind == "failed" and isinstance(error, UserError)
    assert jobs.error_text(error) == "磁盘已满"


def test_a_bug_fails_with_an_apology_and_is_logged(
    qtbot: QtBot, owner: QDialog, caplog: pytest.LogCaptureFixture
) -> None:
    def work(_job: Job) -> None:
        raise KeyError("oops")

    outcomes = run_to_end(qtbot, make_job(owner, work))
    [(kind, error)] = outcomes.seen
    assert kind == "failed" and isinstance(error, KeyError)
    assert jobs.error_text(error).startswith("发生了意外错误")
    assert "KeyError" in jobs.error_text(error)
    assert any(r.exc_info for r in caplog.records if r.name == jobs.__name__)


def test_work_that_ends_anyway_after_a_cancel_reports_its_result(
    qtbot: QtBot, owner: QDialog
) -> None:
    def work(job: Job) -> str:
        job.cancel()  # too late: the work does not look any more
        return "written"

    outcomes = run_to_end(qtbot, make_job(owner, work))
    assert outcomes.seen == [("succeeded", "written")]


def test_the_progress_dialog_appears_after_a_delay_and_cancel_cancels(
    qtbot: QtBot, owner: QDialog
) -> None:
    release = threading.Event()
    job = make_job(owner, until_cancelled(release), "正在处理")
    outcomes = Outcomes(job)
    job.start()
    try:
        dialog = job.progress_dialog
        assert dialog is not None and not dialog.isVisible()  # not for a quick job
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: dialog.maximum() == 100, timeout=WAIT_MS)
        assert dialog.labelText() == "第 1 步"
        cancel = dialog.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "取消"
        with qtbot.waitSignal(job.finished, timeout=WAIT_MS):
            qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    finally:
        release.set()
    assert outcomes.seen == [("cancelled", None)]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)


def test_closing_the_owner_cancels_and_waits(qtbot: QtBot, owner: QDialog) -> None:
    release, running = threading.Event(), threading.Event()
    job = make_job(owner, until_cancelled(release, running))
    outcomes = Outcomes(job)
    job.start()
    try:
        wait_running(qtbot, running)
        owner.reject()  # a dialog's way out: done() hides it, no close event
        assert job.isFinished()  # already, not some time later
    finally:
        release.set()
    qtbot.waitUntil(lambda: bool(outcomes.seen), timeout=WAIT_MS)
    assert outcomes.seen == [("cancelled", None)]


def test_deleting_the_owner_waits_for_the_worker(qtbot: QtBot) -> None:
    owner = QWidget()  # never shown: only its deletion ends the job
    release, running = threading.Event(), threading.Event()
    ended: list[bool] = []

    def work(job: Job) -> None:
        try:
            until_cancelled(release, running)(job)
        finally:
            ended.append(job.is_cancelled())

    job = make_job(owner, work)
    job.start()
    try:
        wait_running(qtbot, running)
        with qtbot.waitSignal(owner.destroyed, timeout=WAIT_MS):
            owner.deleteLater()  # Qt aborts the process if a running QThread is deleted
        assert ended == [True]  # cancelled, and over before the owner was gone
    finally:
        release.set()


def test_run_job_hands_the_result_on_and_cannot_be_cancelled(qtbot: QtBot, owner: QDialog) -> None:
    got: list[object] = []
    job = run_job(owner, "正在保存", lambda: "stored", got.append)
    assert job.progress_dialog is not None
    assert job.progress_dialog.findChild(QPushButton) is None  # no Cancel button
    job.cancel()
    assert not job.is_cancelled()
    qtbot.waitUntil(lambda: got == ["stored"], timeout=WAIT_MS)


def test_run_job_gives_errors_to_on_error(qtbot: QtBot, owner: QDialog) -> None:
    errors: list[BaseException] = []

    def work() -> None:
        raise UserError("找不到文件", "missing")

    run_job(owner, "正在保存", work, lambda _value: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT_MS)
    [error] = errors
    assert isinstance(error, UserError) and error.message == "找不到文件"


def test_a_spent_job_is_deleted_when_the_owner_makes_its_next_one(
    qtbot: QtBot, owner: QDialog
) -> None:
    """Jobs are not deleted with deleteLater() (Qt 6.12 delivered a job's deferred delete
    after the QThread was gone); the owner's next job deletes the spent ones at once."""
    first = make_job(owner, lambda _job: 1)
    run_to_end(qtbot, first)
    qtbot.waitUntil(lambda: first.spent, timeout=WAIT_MS)
    gone: list[bool] = []
    first.destroyed.connect(lambda: gone.append(True))
    second = make_job(owner, lambda _job: 2)
    assert gone == [True]
    assert owner.findChildren(Job) == [second]


def test_a_job_is_kept_until_every_slot_on_finished_has_run(qtbot: QtBot, owner: QDialog) -> None:
    job = make_job(owner, lambda _job: 1)
    made: list[Job] = []
    # A slot on ``finished`` that starts the next job (as the print dialog's does) must
    # not delete the job whose ``finished`` is still being delivered.
    job.finished.connect(lambda: made.append(make_job(owner, lambda _job: 2)))
    job.finished.connect(lambda: made.append(job))
    run_to_end(qtbot, job)
    qtbot.waitUntil(lambda: len(made) == 2, timeout=WAIT_MS)
    assert made[1] is job and shiboken6.isValid(job)
    qtbot.waitUntil(lambda: job.spent, timeout=WAIT_MS)
    assert jobs.delete_spent_jobs(owner) == 1
    assert not shiboken6.isValid(job)


def wait_spent(qtbot: QtBot, job: Job) -> None:
    qtbot.waitUntil(lambda: job.spent, timeout=WAIT_MS)


def test_an_owner_let_go_by_python_after_its_job_ended_goes_quietly(qtbot: QtBot) -> None:
    """Seen in the GUI soak: a dialog whose Python wrapper is collected deletes its C++
    object, whose ``destroyed`` then calls the finished job's ``stop`` through a fresh
    wrapper that never ran ``__init__`` (the job's own wrapper went first): 'Job' object
    has no attribute 'cancellable', caught in Qt's event loop."""
    owner = QWidget()
    job = make_job(owner, lambda _job: 1)
    run_to_end(qtbot, job)
    wait_spent(qtbot, job)
    del job
    gc.collect()
    gone: list[bool] = []
    owner.destroyed.connect(lambda: gone.append(True))
    del owner  # the last reference: Python deletes the widget and its children
    gc.collect()
    assert gone == [True]
