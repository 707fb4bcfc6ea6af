"""The administrator's recovery-code sheet (管理员密码恢复码): one A4 page printed at
set-up (and after each use of the code), kept sealed away from the PC. With it a sole
administrator who forgot the password, or locked it, sets a new one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from gwgk_desktop.pdf.official_form import (
    code_block,
    field_table,
    heading,
    signature_lines,
    styles,
    write_form,
)

TITLE = "管理员密码恢复码"


@dataclass(frozen=True)
class RecoverySheetData:
    station_name: str
    org_code: str
    username: str
    display_name: str
    code: str
    issued_on: dt.date


def write_recovery_sheet(path: Path, data: RecoverySheetData) -> None:
    s = styles()
    story: list[Flowable] = heading(s, TITLE, "（请密封保管，不要与电脑放在一起）")
    story += [
        field_table(
            s,
            [
                ("单位名称", data.station_name),
                ("组织机构代码", data.org_code),
                ("管理员", data.display_name),
                ("登录名", f'<font name="Courier-Bold">{data.username}</font>'),
                ("生成日期", data.issued_on.isoformat()),
            ],
        ),
        Spacer(1, 6 * mm),
        Paragraph("恢复码：", s.body),
        Spacer(1, 2 * mm),
        code_block([data.code], 22),
        Spacer(1, 6 * mm),
        Paragraph(
            "忘记密码或因连续输错密码被锁定时：在登录窗口点“忘记密码…”，输入登录名、本恢复码和"
            "新密码（命令行：gwgk operator recover 登录名）。恢复码用过一次即作废，程序会显示"
            "新的恢复码，届时请重新打印本单并销毁旧单。恢复码与密码同样重要，任何人拿到它都能"
            "以管理员身份登录。",
            s.body,
        ),
        Spacer(1, 6 * mm),
        signature_lines(s, [("保管人（签字）", "日期"), ("单位负责人（签字）", "日期")]),
    ]
    write_form(path, TITLE, story)
