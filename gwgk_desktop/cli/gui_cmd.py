"""``gwgk`` without arguments (or ``gwgk gui``): the desktop application; and the one
other thing the command line needs Qt for, drawing a flowchart as PNG.

Qt is imported only here, lazily, so every other command runs without it: the CLI reaches
the GUI through this module alone (the layer test checks it).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from gwgk_desktop.cli.common import bounded_int, db_path, subcommand
from gwgk_desktop.domain.models import Flowchart
from gwgk_desktop.errors import UserError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gui = subcommand(subparsers, "gui", "打开图形界面（不带任何命令时的默认动作）")
    gui.add_argument("--quit-after", type=bounded_int, metavar="MS", help=argparse.SUPPRESS)
    gui.add_argument(
        "--screenshot",
        type=Path,
        metavar="PNG",
        help="打开窗口后截图保存并退出（无显示器的机器上查看界面用）",
    )
    gui.add_argument(
        "--user",
        metavar="NAME",
        help="登录名（预先填入登录框；若设置了环境变量 GWGK_PASSWORD 则直接登录）",
    )
    gui.set_defaults(handler=run_gui)


def require_display() -> None:
    """Refuse, in Chinese, to open a window where there is no screen to show it on: on
    Linux without X11 or Wayland (a text console, an SSH session) Qt aborts the process
    with its own English message and exit code 134. ``QT_QPA_PLATFORM`` (offscreen for
    scripts and tests) is Qt's to judge."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    raise UserError(
        "找不到图形界面（没有显示器或桌面环境），无法打开窗口。请在桌面上打开本程序；"
        "没有显示器时可以使用命令行功能（gwgk --help）",
        "no display: neither DISPLAY nor WAYLAND_DISPLAY is set "
        "(QT_QPA_PLATFORM=offscreen draws without a screen)",
    )


def run_gui(args: argparse.Namespace) -> int:
    from gwgk_desktop.store.quick_check import QuickCheck

    require_display()

    # The GUI collects garbage from a timer on its own thread (``gui.gc_guard``), and
    # keeps what start-up made out of later collections: switched off from here on, the
    # imports' 100,000 objects are not walked again and again meanwhile (60 ms of CPU).
    gc.disable()

    path = db_path(args)
    # The database's quick check reads the file on the second core while this one
    # imports Qt and SQLAlchemy; opening the database then takes its finding.
    check = QuickCheck.start(path)
    from gwgk_desktop.gui.app import run

    return run(
        path,
        quit_after_ms=getattr(args, "quit_after", None),
        screenshot=getattr(args, "screenshot", None),
        username=getattr(args, "user", None),
        ask_mode=getattr(args, "db", None) is None,
        quick_check=check,
    )


def add_bureau_gui(actions: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``gwgk bureau gui``: the bureau mode of the application (the CLI reaches the GUI
    only through this module)."""
    gui = actions.add_parser("gui", help="打开市局端图形界面", description="打开市局端图形界面")
    gui.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="市局端数据库（SQLite 文件或 PostgreSQL 地址）；不给时用本机记住的数据库",
    )
    gui.add_argument("--quit-after", type=int, metavar="MS", help=argparse.SUPPRESS)
    gui.add_argument("--screenshot", type=Path, metavar="PNG", help="打开窗口后截图保存并退出")
    gui.set_defaults(handler=run_bureau_gui)


def run_bureau_gui(args: argparse.Namespace) -> int:
    require_display()
    from gwgk_desktop.bureau.database import BUREAU_DB_ENV
    from gwgk_desktop.gui.bureau.start import run_bureau

    value = getattr(args, "db", None) or os.environ.get(BUREAU_DB_ENV)
    return run_bureau(
        None,
        str(value) if value else None,
        quit_after_ms=getattr(args, "quit_after", None),
        screenshot=getattr(args, "screenshot", None),
    )


def chart_png(chart: Flowchart, out: Path) -> None:
    """Draw ``chart`` into a PNG file, with the flowchart editor's own scene (offscreen)."""
    from gwgk_desktop.gui.flowchart.export import chart_png as draw

    draw(chart, out)
