"""The submission receipt (报送回执): one A4 page naming a package by its station,
sequence and SHA-256, for the station's records and for the bureau to sign on receipt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from gwgk_desktop.domain.digests import grouped
from gwgk_desktop.pdf.official_form import (
    code_block,
    field_table,
    grid,
    heading,
    signature_lines,
    styles,
    write_form,
)

TITLE = "政务公开目录报送回执"
COUNT_LABELS = (
    ("catalogue", "目录事项"),
    ("licensing", "许可审批事项"),
    ("fee", "收费事项"),
    ("flowcharts", "流程图"),
    ("attachments", "附件"),
    ("warnings", "提醒"),
)


@dataclass(frozen=True)
class ReceiptData:
    station_name: str
    org_code: str
    sequence: int
    created_at: dt.datetime
    file_name: str
    size: int
    sha256: str
    key_id: str
    fingerprint: str
    operator: str
    counts: dict[str, int] = field(default_factory=dict)
    previous_sha256: str | None = None


def _size(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB（{size:,} 字节）"
    return f"{size:,} 字节"


def write_receipt(path: Path, data: ReceiptData) -> None:
    s = styles()
    groups = grouped(data.sha256).split()
    story: list[Flowable] = heading(s, TITLE, "（报送单位留存一份，报市公安局政务公开办公室一份）")
    story += [
        field_table(
            s,
            [
                ("报送单位", data.station_name),
                ("组织机构代码", data.org_code),
                ("报送序号", f"第 {data.sequence} 号"),
                ("生成时间", data.created_at.strftime("%Y-%m-%d %H:%M")),
                ("报送包文件", data.file_name),
                ("文件大小", _size(data.size)),
                (
                    "签名密钥",
                    f'<font name="Courier-Bold">{data.key_id}</font>'
                    f'（指纹 <font name="Courier-Bold">{data.fingerprint}</font>）',
                ),
                ("经办人", data.operator or "—"),
            ],
        ),
        Spacer(1, 4 * mm),
        Paragraph("报送内容：", s.body),
        Spacer(1, 2 * mm),
        grid(
            s,
            [label for _, label in COUNT_LABELS],
            [str(data.counts.get(k, 0)) for k, _ in COUNT_LABELS],
        ),
        Spacer(1, 4 * mm),
        Paragraph("报送包 SHA-256 校验值：", s.body),
        Spacer(1, 2 * mm),
        code_block([" ".join(groups[:4]), " ".join(groups[4:])], 14),
        Spacer(1, 3 * mm),
        Paragraph(
            "上一报送包校验值："
            + (
                f'<font name="Courier-Bold" size="8">{data.previous_sha256}</font>'
                if data.previous_sha256
                else "无（首次报送）"
            ),
            s.small,
        ),
        Spacer(1, 4 * mm),
        Paragraph(
            "接收单位校验报送包（gwgk verify）后，核对校验结果中的 SHA-256 与上列校验值一致，"
            "并在下方签收。校验值不一致的，说明文件与本回执所指的不是同一份，不予接收。",
            s.body,
        ),
        Spacer(1, 4 * mm),
        Paragraph("以下由报送单位填写", s.small),
        signature_lines(s, [("经办人（签字）", "日期"), ("单位负责人（签字）", "盖章")]),
        Spacer(1, 7 * mm),
        Paragraph("以下由市局政务公开办公室填写", s.small),
        signature_lines(s, [("接收人（签字）", "日期"), ("校验结果", "")]),
    ]
    write_form(path, TITLE, story)
