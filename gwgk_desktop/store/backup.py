"""Copies of a live database made with SQLite's online backup API (consistent even while
another connection writes), written to a temporary name and renamed into place."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from gwgk_desktop.errors import DiskFull, UserError
from gwgk_desktop.files import write_error, write_via_temp
from gwgk_desktop.store.sqlite_errors import is_disk_full
from gwgk_desktop.store.uri import reading_uri


def backup_path_for(path: Path, label: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.parent / "backups" / f"{path.stem}-{stamp}-{label}{path.suffix or '.sqlite'}"


def _copy(source: Path, temp: Path) -> None:
    src = sqlite3.connect(reading_uri(source), uri=True, timeout=5)
    try:
        dst = sqlite3.connect(temp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup_database(source: Path, target: Path) -> Path:
    """Copy ``source`` to ``target`` atomically; raise a UserError on failure, leaving no
    partial file under ``target``."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise write_error(error, target) from error
    try:
        write_via_temp(target, lambda temp: _copy(source, temp))
    except sqlite3.Error as error:
        if is_disk_full(error):
            raise DiskFull(
                "磁盘空间不足，备份未完成", f"disk full during backup: {error}"
            ) from error
        raise UserError(f"备份失败：{error}", f"backup failed: {error}") from error
    return target
