"""``gwgk guide``: the user guide (使用手册) as a PDF to print, the same as the guide
viewer's 另存为 PDF… (F1 in the application); ``--list`` names its pages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gwgk_desktop.cli.common import TerminalProgress, add_font_option, subcommand
from gwgk_desktop.pdf.fonts import cjk_font
from gwgk_desktop.services import user_guide


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    guide = subcommand(subparsers, "guide", "把使用手册存成 PDF（可打印），或列出它的各页")
    guide.add_argument(
        "--out",
        type=Path,
        metavar="文件.pdf",
        help=f"存到这里（默认当前文件夹的“{user_guide.PDF_NAME}”；给文件夹则存到其中）",
    )
    add_font_option(guide)
    guide.add_argument("--list", action="store_true", help="只列出各页（文件名和标题）")
    guide.set_defaults(handler=_guide)


def _guide(args: argparse.Namespace) -> int:
    if args.list:
        for page in user_guide.pages():
            print(f"{page.name}\t{page.title}")
        return 0
    target = args.out or Path(user_guide.PDF_NAME)
    if target.is_dir():
        target = target / user_guide.PDF_NAME
    font = cjk_font(args.font)
    progress = TerminalProgress()
    sheets = user_guide.write_pdf(target, font, progress)
    progress.finish()
    print(f"已生成：{target}（使用手册，共 {sheets} 页）")
    for message in font.messages:
        print(f"警告：{message}", file=sys.stderr)
    return 0
