"""``gwgk demo``: build a realistic demo station database."""

from __future__ import annotations

import argparse
import time

from gwgk_desktop.cli.common import bounded_int, db_path, subcommand


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = subcommand(subparsers, "demo", "生成演示单位数据库（操作员 admin / reviewer / clerk）")
    demo.add_argument("--items", type=bounded_int, default=200, help="目录事项数量（默认200）")
    demo.add_argument(
        "--seed", type=bounded_int, default=20260901, help="随机种子（相同种子生成相同数据）"
    )
    demo.set_defaults(handler=_demo)


def _demo(args: argparse.Namespace) -> int:
    # Imported here: the demo pulls in key generation, which no other start-up needs.
    from gwgk_desktop.services.demo import build_demo, demo_key_passphrase

    started = time.perf_counter()
    summary = build_demo(db_path(args), args.items, args.seed)
    print(
        f"已生成演示数据库 {summary.path}：目录事项{summary.catalogue_items}项，"
        f"许可审批事项{summary.licensing_items}项，收费事项{summary.fee_items}项"
        f"（用时{time.perf_counter() - started:.1f}秒）"
    )
    print(
        "演示操作员：admin/admin123（管理员）、reviewer/review123（审核人）、clerk/clerk123（录入员）"
    )
    print(f"演示单位签名密钥口令：{demo_key_passphrase()}（可用环境变量 GWGK_KEY_PASSPHRASE 指定）")
    return 0
