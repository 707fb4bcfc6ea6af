"""The ``gwgk`` command: no arguments opens the GUI; subcommands run the same services
headless. Each command group lives in its own module with a ``register(subparsers)``.

Errors a user can act on print one line (Chinese, then English) and exit non-zero; they
never show a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from gwgk_desktop import APP_DISPLAY_NAME, __version__, logs
from gwgk_desktop.cli import (
    backup_cmd,
    bureau_cmds,
    check_cmd,
    demo_cmd,
    drafts_cmd,
    flowchart_cmd,
    gui_cmd,
    guide_cmd,
    info_cmd,
    item_cmds,
    print_cmd,
    privacy_cmd,
    request_cmds,
    selftest_cmd,
    sheet_cmds,
    station_cmds,
    submission_cmds,
)
from gwgk_desktop.cli.common import add_db_option
from gwgk_desktop.cli.parser import ChineseArgumentParser
from gwgk_desktop.errors import UserError

#: Command groups, in the order ``gwgk --help`` lists them.
COMMAND_MODULES = (
    station_cmds,
    item_cmds,
    sheet_cmds,
    flowchart_cmd,
    print_cmd,
    request_cmds,
    privacy_cmd,
    submission_cmds,
    bureau_cmds,
    demo_cmd,
    check_cmd,
    backup_cmd,
    drafts_cmd,
    gui_cmd,
    info_cmd,
    guide_cmd,
    selftest_cmd,
)


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="gwgk",
        description=f"{APP_DISPLAY_NAME}（政务公开目录桌面工具）。不带参数时打开图形界面。",
    )
    parser.add_argument(
        "--version", action="version", version=f"gwgk {__version__}", help="显示版本号并退出"
    )
    add_db_option(parser)
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试信息")
    subparsers = parser.add_subparsers(dest="command", metavar="命令")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # The self-test logs into its own temporary folder (see selftest.run): it never
    # touches the user's data folder.
    logs.setup(verbose=args.verbose, file=args.command != "self-test")
    logs.install_excepthooks()
    handler = getattr(args, "handler", None)
    if handler is None:
        handler = gui_cmd.run_gui
    logs.log.info("gwgk %s (%s)", args.command or "gui", __version__)
    try:
        return int(handler(args) or 0)
    except UserError as error:
        logs.log.info("refused: %s", error.english or error.message)
        english = f" ({error.english})" if error.english else ""
        print(f"错误：{error.message}{english}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("已取消 (cancelled)", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
