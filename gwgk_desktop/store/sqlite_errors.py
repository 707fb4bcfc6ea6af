"""SQLite failures a user can act on, told apart by SQLite's own result codes
(``sqlite3.Error.sqlite_errorcode``), not by the wording of its messages."""

from __future__ import annotations

import sqlite3

from gwgk_desktop.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseReadOnly,
    DiskFull,
    UserError,
)

_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_CORRUPT = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_IOERR}


def result_code(error: BaseException | None) -> int | None:
    """SQLite's primary result code of ``error`` (extended codes folded into theirs),
    or None for anything that is not an error SQLite itself reported."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_disk_full(error: BaseException | None) -> bool:
    return result_code(error) == sqlite3.SQLITE_FULL


def user_error(error: BaseException | None) -> UserError | None:
    """The message for a failure a user can act on (locked, full, read-only, corrupt);
    None for anything else, which is a bug."""
    code = result_code(error)
    if code in _BUSY:
        return DatabaseLocked(
            "数据库正被另一个程序或窗口占用，请稍后再试，或关闭其他正在使用它的程序",
            "database is locked by another process",
        )
    if code == sqlite3.SQLITE_FULL:
        return DiskFull(
            "磁盘空间已满，数据未能保存。请清理磁盘后重试，已有数据不受影响",
            "disk full: nothing was written",
        )
    if code == sqlite3.SQLITE_READONLY:
        return DatabaseReadOnly(
            "数据库文件是只读的（可能在只读U盘或没有写权限的文件夹中），不能保存修改",
            "database file is read-only",
        )
    if code in _CORRUPT:
        return DatabaseCorrupt(
            "数据库文件已损坏，无法读取。请用备份恢复（“备份”文件夹中），或联系管理员",
            "database file is corrupt",
        )
    return None
