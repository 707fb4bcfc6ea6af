"""``gwgk self-test``: check this installation end to end in a temporary folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from gwgk_desktop.errors import UserError


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "self-test",
        help="自检：在临时文件夹中完整走一遍建库、录入、审核、打印、检查（不动您的数据）",
        description=(
            "在临时文件夹中建立一个测试单位，录入事项（含流程图），审核公开，生成 PDF，"
            "检查数据库、升级旧版数据库并打开主窗口（离屏），每一步输出一行结果。"
            "任何一步失败或有意外的错误输出时返回非零。不读写您的数据库。"
        ),
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="在此文件夹中运行并保留生成的文件（供查看；默认用临时文件夹并在结束后删除）",
    )
    parser.set_defaults(handler=_self_test)


def _self_test(args: argparse.Namespace) -> int:
    from gwgk_desktop import selftest

    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        raise UserError(
            f"文件夹 {args.keep} 不是空的；自检只在新的或空的文件夹中运行",
            f"{args.keep} is not empty",
        )
    report = selftest.run(folder=args.keep, verbose=bool(getattr(args, "verbose", False)))
    return 0 if report.ok else 1
