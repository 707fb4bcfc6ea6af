"""``gwgk check``: integrity, audit chain and validation report; non-zero when unsound."""

from __future__ import annotations

import argparse

from gwgk_desktop.cli.common import db_path, subcommand
from gwgk_desktop.services.check import run_check
from gwgk_desktop.store.database import open_database

MAX_LISTED = 50


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    check = subcommand(
        subparsers, "check", "检查数据库：完整性、审计日志校验链、事项内容（有问题时返回非零）"
    )
    check.add_argument("--all", action="store_true", help="列出全部有问题的事项（默认最多50项）")
    check.set_defaults(handler=_check)


def _check(args: argparse.Namespace) -> int:
    # Read-only and without upgrading: checking must never change the file.
    with open_database(db_path(args), readonly=True, upgrade=False) as db:
        report = run_check(db)
    if report.needs_upgrade:
        copy = (
            "以下是在升级后的临时副本上检查的结果，原文件未作改动；"
            if report.read_from_copy
            else ""
        )
        print(
            f"提示：数据库结构版本 {report.schema_revision}，低于程序的 {report.schema_head}；"
            f"{copy}下次用程序打开时将先备份再升级"
        )
    if report.integrity:
        print("数据库文件损坏（SQLite 完整性检查未通过）：")
        for line in report.integrity[:MAX_LISTED]:
            print(f"  {line}")
        return 1
    print("数据库完整性：正常")
    if report.audit_problems:
        print(f"审计日志校验：发现问题（共{report.audit_rows}条记录）")
        for line in report.audit_problems:
            print(f"  {line}")
    else:
        print(f"审计日志校验：正常（共{report.audit_rows}条记录）")
    if report.unbacked:
        print(f"审核记录核对：{len(report.unbacked)}个版本的状态没有相应的审核记录（被直接改动过）")
        for line in report.unbacked[:MAX_LISTED]:
            print(f"  ! {line}")
    else:
        print("审核记录核对：各版本的状态都有相应的流转和审计记录")
    blocking = [i for i in report.items if i.blocking]
    drafts = [i for i in report.items if not i.blocking]
    print(
        f"事项检查：共{report.items_checked}项，"
        f"{len(blocking)}项已送审或已公开但内容不完整，{len(drafts)}项草稿待完善"
    )
    listed = report.items if args.all else report.items[:MAX_LISTED]
    for entry in listed:
        mark = "!" if entry.blocking else "-"
        print(f" {mark} {entry.index_number} {entry.name}（{entry.status.label}）")
        for problem in entry.problems:
            print(f"     {problem}")
    if len(listed) < len(report.items):
        print(f"  ……另有{len(report.items) - len(listed)}项未列出（用 --all 查看全部）")
    print("结论：" + ("正常" if report.ok else "有问题，请处理上面列出的问题"))
    return 0 if report.ok else 1
