"""One protocol for the progress of a long job (export, printing, checks), in every layer.

The work reports ``progress.report(done, total, text)`` (total 0 when unknown) and polls
``progress.is_cancelled()`` between steps; once it is cancelled the work stops by raising
a ``Cancelled`` (which says what was not done), leaving nothing half-written. The GUI's
``gui.jobs.Job`` is such a progress (shown in a dialog with a Cancel button), the CLI's
``cli.common.TerminalProgress`` another, and ``SILENT`` is nobody watching.
"""

from __future__ import annotations

from typing import Protocol

from gwgk_desktop.errors import UserError


class Progress(Protocol):
    def report(self, done: int, total: int, text: str = "") -> None: ...

    def is_cancelled(self) -> bool: ...


class Cancelled(UserError):
    """The user stopped the job; nothing was written. Subclasses say what was not done."""

    exit_code = 130

    def __init__(self, message: str = "已取消", english: str = "cancelled") -> None:
        super().__init__(message, english)


class _Silent:
    """Nobody watches and nobody cancels."""

    def report(self, done: int, total: int, text: str = "") -> None:
        return None

    def is_cancelled(self) -> bool:
        return False


SILENT: Progress = _Silent()


def step(
    progress: Progress, done: int, total: int, text: str, cancelled: type[Cancelled] = Cancelled
) -> None:
    """Report one step; first stop with ``cancelled()`` if the user asked to."""
    if progress.is_cancelled():
        raise cancelled()
    progress.report(done, total, text)
