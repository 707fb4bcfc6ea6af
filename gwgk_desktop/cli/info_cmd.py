"""``gwgk info``: versions, folders, the log file, the database and the fonts, for support
(the same as 帮助 → 关于 in the application)."""

from __future__ import annotations

import argparse

from gwgk_desktop.cli.common import db_path, subcommand
from gwgk_desktop.diagnostics import info_text


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    info = subcommand(
        subparsers, "info", "显示版本、数据文件夹、日志文件、数据库和字体（发给技术支持用）"
    )
    info.set_defaults(handler=_info)


def _info(args: argparse.Namespace) -> int:
    print(info_text(db_path(args)))
    return 0
