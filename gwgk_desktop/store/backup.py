"""Copies of a live database made with SQLite's online backup API (consistent even while
another connection writes), written to a temporary name and renamed into place."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from gwgk_desktop.errors import DiskFull, UserError


def backup_path_for(path: Path, label: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.parent / "backups" / f"{path.stem}-{stamp}-{label}{path.suffix or '.sqlite'}"


def backup_database(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` atomically; raise a UserError on failure, leaving no
    partial file under ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.partial")
    try:
        src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True, timeout=5)
        try:
            dst = sqlite3.connect(temp)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        temp.replace(target)
    except sqlite3.Error as error:
        temp.unlink(missing_ok=True)
        if "full" in str(error).lower():
            raise DiskFull(
                "磁盘空间不足，备份未完成", f"disk full during backup: {error}"
            ) from error
        raise UserError(f"备份失败：{error}", f"backup failed: {error}") from error
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise UserError(
            f"备份失败：无法写入 {target.parent}（{error.strerror}）", f"backup failed: {error}"
        ) from error
    return target
