"""Errors a user can act on, each with one clear Chinese message (and English for the CLI).

Anything that is not a ``UserError`` is a bug: the GUI shows a generic apology and logs the
traceback, the CLI prints it. Code raising a ``UserError`` guarantees that nothing was
half-written.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gwgk_desktop.domain.validation import Problem


class UserError(Exception):
    """Base of every error with a message for the user. ``exit_code`` is the CLI's."""

    exit_code = 2

    def __init__(self, message: str, english: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.english = english

    def __str__(self) -> str:
        return self.message


class DatabaseError(UserError):
    """Something about the database file itself."""

    exit_code = 3


class DatabaseNotFound(DatabaseError):
    pass


class NotADatabase(DatabaseError):
    pass


class NotGwgkDatabase(DatabaseError):
    pass


class DatabaseTooNew(DatabaseError):
    pass


class DatabaseCorrupt(DatabaseError):
    pass


class DatabaseLocked(DatabaseError):
    pass


class DatabaseReadOnly(DatabaseError):
    pass


class DiskFull(UserError):
    exit_code = 4


class WriteFailed(UserError):
    """Writing a file failed (full disk, read-only target, stick pulled); nothing was left
    under the final name (see ``gwgk_desktop.files``)."""

    exit_code = 4


class ReadFailed(UserError):
    """A file the user named cannot be read as one (missing, no permission, a folder, a
    pipe or device, too large); see ``gwgk_desktop.files.open_regular``."""

    exit_code = 2


class AuthenticationFailed(UserError):
    exit_code = 5


class PermissionDenied(UserError):
    exit_code = 6


class NotFound(UserError):
    exit_code = 7


class Conflict(UserError):
    """The data changed underneath (another window or process saved first)."""

    exit_code = 8


class ValidationFailed(UserError):
    """Input that breaks the rules; ``problems`` lists every one of them."""

    exit_code = 9

    def __init__(self, problems: Sequence[Problem], message: str = "") -> None:
        self.problems = list(problems)
        lines = [str(p) for p in self.problems]
        super().__init__(
            message or "内容未通过检查：\n" + "\n".join(lines),
            "validation failed",
        )


class NotInitialized(UserError):
    """The database holds no station yet (``gwgk init`` makes one)."""

    exit_code = 3


def item_not_found(item_id: int) -> NotFound:
    return NotFound("找不到该事项（可能已被删除）", f"no such item: {item_id}")


def station_not_set_up() -> NotInitialized:
    return NotInitialized(
        "该数据库尚未建立单位信息，请先完成首次设置（或运行 gwgk init）",
        "station not set up; run 'gwgk init'",
    )
