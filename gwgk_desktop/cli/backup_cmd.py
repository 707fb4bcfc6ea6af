"""``gwgk backup``: a consistent copy of the database, safe while the app is running."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gwgk_desktop.cli.common import db_path, subcommand
from gwgk_desktop.store.backup import backup_database, backup_path_for
from gwgk_desktop.store.database import file_problems, probe


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
    problems = file_problems(source)
    if problems:
        # The copy is still made: it may be all that can be saved of a damaged file.
        print(
            f"警告：源数据库未通过完整性检查（{problems[0]}），备份中可能带有损坏的数据；"
            "请保留更早的备份，并运行 gwgk check 查看 "
            f"(warning: the source failed its integrity check: {problems[0]})",
            file=sys.stderr,
        )
        return 1
    return 0
