"""The ``gwgk`` command: no arguments opens the GUI; subcommands run the same services
headless. Each command group lives in its own module with a ``register(subparsers)``.

Errors a user can act on print one line (Chinese, then English) and exit non-zero; they
never show a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import sys
from collections.abc import Iterator, Sequence
from types import ModuleType

from gwgk_desktop import APP_DISPLAY_NAME, __version__, logs, startup_trace
from gwgk_desktop.cli.common import add_db_option, add_db_option_everywhere, visible_controls
from gwgk_desktop.cli.parser import ChineseArgumentParser
from gwgk_desktop.errors import UserError

#: Command groups (modules of this package), in the order ``gwgk --help`` lists them,
#: with the commands each registers. ``gwgk CMD`` imports only CMD's module: a command
#: group's module imports what its commands need, and the bureau's ``gwgk verify`` needs
#: neither SQLAlchemy nor the services (half a second of a 0.9 s check).
#: tests/cli/test_cli.py checks the commands against what the modules register.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "station_cmds": ("init", "station", "operator"),
    "item_cmds": ("item", "review"),
    "sheet_cmds": ("sheet",),
    "flowchart_cmd": ("flowchart",),
    "print_cmd": ("print",),
    "request_cmds": ("calendar", "request", "annual-report"),
    "privacy_cmd": ("privacy",),
    "submission_cmds": ("export", "verify", "exports", "receipt", "keys", "registry", "template"),
    "bureau_cmds": ("bureau",),
    "demo_cmd": ("demo",),
    "check_cmd": ("check",),
    "backup_cmd": ("backup",),
    "drafts_cmd": ("drafts",),
    "gui_cmd": ("gui",),
    "info_cmd": ("info",),
    "guide_cmd": ("guide",),
    "selftest_cmd": ("self-test",),
}
_MODULE_OF = {command: name for name, commands in COMMAND_MODULES.items() for command in commands}


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{name}")


def _command_word(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names (the first word that is neither an option nor the
    value of ``--db``), None when there is none."""
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def _modules_for(argv: Sequence[str]) -> list[str]:
    """The command modules parsing ``argv`` needs: the named command's; without a
    command (the GUI) the GUI's; all of them for help and for a word that is no command
    (argparse then lists them)."""
    command = _command_word(argv)
    if command is None:
        return list(COMMAND_MODULES) if {"-h", "--help"} & set(argv) else ["gui_cmd"]
    module = _MODULE_OF.get(command)
    return [module] if module is not None else list(COMMAND_MODULES)


def build_parser(modules: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The ``gwgk`` parser with the commands of ``modules`` (default: every command)."""
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
    for name in COMMAND_MODULES if modules is None else modules:
        command_module(name).register(subparsers)
    add_db_option_everywhere(parser)
    return parser


#: The cyclic garbage collector's thresholds while a command other than the GUI runs.
#: Python's default (a young pass every 700 new objects, a full pass over everything
#: alive every 100 young ones) walks the imported modules' 200,000-odd objects again and
#: again in a short run that creates few cycles: a tenth of a notice board's CPU time.
#: The memory of a command's run is the same either way (benchmarks/speed.py).
COMMAND_GC_THRESHOLDS = (50_000, 100, 100)


@contextlib.contextmanager
def _collect_less_often(command: str | None, restore: bool) -> Iterator[None]:
    """Raise the collector's thresholds while a one-shot command runs (not for the
    GUI, which runs for hours). With ``restore`` (``main`` called from code that goes
    on, such as tests) they are put back afterwards. A process that ends with the
    command instead freezes what is alive: putting the thresholds back would start a
    full collection of everything, and so would the interpreter's exit, each a
    pointless walk over every object just before the process ends (together 0.1 s of
    a notice board's CPU time)."""
    if command in (None, "gui"):
        yield
        return
    before = gc.get_threshold()
    gc.set_threshold(*COMMAND_GC_THRESHOLDS)
    try:
        yield
    finally:
        if restore:
            gc.set_threshold(*before)
        else:
            gc.freeze()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``gwgk`` command ``argv`` (default: this process's arguments)."""
    words = sys.argv[1:] if argv is None else list(argv)
    with _collect_less_often(_command_word(words), restore=argv is not None):
        return _run(words)


def _run(words: list[str]) -> int:
    parser = build_parser(_modules_for(words))
    args = parser.parse_args(words)
    # The self-test logs into its own temporary folder (see selftest.run): it never
    # touches the user's data folder.
    logs.setup(verbose=args.verbose, file=args.command != "self-test")
    logs.install_excepthooks()
    handler = getattr(args, "handler", None)
    startup_trace.mark("command line read, log set up")
    if handler is None:
        handler = command_module("gui_cmd").run_gui
    logs.log.info("gwgk %s (%s)", args.command or "gui", __version__)
    try:
        with visible_controls():
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
