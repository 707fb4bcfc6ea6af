"""``gwgk backup``: a consistent copy of the database, safe while the app is running."""

from __future__ import annotations

import argparse
from pathlib import Path

from gwgk_desktop.cli.common import db_path, subcommand
from gwgk_desktop.store.backup import backup_database, backup_path_for
from gwgk_desktop.store.database import probe


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    backup = subcommand(subparsers, "backup", "备份数据库（程序运行时也可安全备份）")
    backup.add_argument("--out", type=Path, help="备份文件（默认：数据库旁的 backups 文件夹）")
    backup.set_defaults(handler=_backup)


def _backup(args: argparse.Namespace) -> int:
    source = db_path(args)
    probe(source)  # refuse a missing or foreign file with the usual clear message
    target = args.out or backup_path_for(source, "manual")
    backup_database(source, target)
    print(f"已备份到 {target}")
    return 0
