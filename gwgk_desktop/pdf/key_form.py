"""The key-registration form (签名密钥登记表): one A4 page that goes to the bureau on
paper with the public-key file, so the bureau can compare the key's fingerprint with what
its computer shows before trusting the key (trust established out of band)."""

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

TITLE = "政务公开报送签名密钥登记表"


@dataclass(frozen=True)
class KeyFormData:
    station_name: str
    org_code: str
    level: str
    parent_unit: str
    key_id: str
    fingerprint: str
    public_key: str
    created_on: dt.date
    #: The key this one replaces, if it is a replacement.
    replaces: str | None = None
    public_file: str = ""


def write_key_form(path: Path, data: KeyFormData) -> None:
    s = styles()
    groups = data.fingerprint.split()
    reason = f"更换密钥（替换原密钥 {data.replaces}）" if data.replaces else "首次登记"
    story: list[Flowable] = heading(s, TITLE, "（报市公安局政务公开办公室）")
    story += [
        field_table(
            s,
            [
                ("单位名称", data.station_name),
                ("组织机构代码", data.org_code),
                ("单位层级", data.level),
                ("上级单位", data.parent_unit or "—"),
                ("登记事由", reason),
                ("密钥标识", f'<font name="Courier-Bold">{data.key_id}</font>'),
                ("签名算法", "Ed25519"),
                ("生成日期", data.created_on.isoformat()),
            ],
        ),
        Spacer(1, 4 * mm),
        Paragraph("公钥指纹（市局登记时逐组核对）：", s.body),
        Spacer(1, 2 * mm),
        code_block([" ".join(groups[:5]), " ".join(groups[5:])], 20),
        Spacer(1, 4 * mm),
        Paragraph("公钥（十六进制）：", s.small),
        Paragraph(data.public_key, s.code),
        Spacer(1, 4 * mm),
        Paragraph(
            "本表与公钥文件"
            + (f"（{data.public_file}）" if data.public_file else "")
            + "一并报送。市局政务公开办公室将公钥登记入密钥登记册时，须核对计算机显示的指纹"
            "与本表完全一致，不一致的不予登记。密钥口令由本单位妥善保管，不随本表报送。",
            s.body,
        ),
        Spacer(1, 4 * mm),
        signature_lines(
            s, [("经办人（签字）", "日期"), ("单位负责人（签字）", "日期"), ("单位（盖章）", "")]
        ),
        Spacer(1, 7 * mm),
        Paragraph("以下由市局政务公开办公室填写", s.small),
        signature_lines(s, [("指纹核对人（签字）", "日期"), ("登记人（签字）", "日期")]),
    ]
    write_form(path, TITLE, story)
