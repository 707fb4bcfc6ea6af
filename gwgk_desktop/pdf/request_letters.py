"""The documents of a disclosure request, as official documents (``official_document``):
登记回执, 补正通知书, 延期答复告知书, 征求第三方意见书 and the answer (告知书) for each
outcome, worded after the articles of the 2019 regulation they apply."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from gwgk_desktop.domain.models import StationProfile
from gwgk_desktop.domain.request_info import RequestRecord
from gwgk_desktop.domain.requests import (
    ANSWER_NOTICES,
    THIRD_PARTY_DAYS,
    Outcome,
    RequestDocument,
    Step,
    StepKind,
)
from gwgk_desktop.pdf.official_document import TEXT_WIDTH, Writer, write_official
from gwgk_desktop.pdf.styles import chinese_date

REGULATION = "《中华人民共和国政府信息公开条例》"
SHORT = "《条例》"

TITLES: dict[RequestDocument, str] = {
    RequestDocument.RECEIPT: "政府信息公开申请登记回执",
    RequestDocument.CORRECTION: "政府信息公开申请补正通知书",
    RequestDocument.EXTENSION: "政府信息公开申请延期答复告知书",
    RequestDocument.THIRD_PARTY: "政府信息公开征求第三方意见书",
}

_WITHHELD = "本机关决定不予公开。"
#: What each outcome's answer says, and on which article; {delivery}, {notice},
#: {corrected} and {correction_due} are filled in from the request.
OUTCOME_TEXTS: dict[Outcome, str] = {
    Outcome.DISCLOSED: "经审查，您申请获取的政府信息属于公开范围。根据"
    + REGULATION
    + "第三十六条第（二）项的规定，本机关决定予以公开，现按您选择的“{delivery}”方式向您提供。",
    Outcome.PARTLY: "经审查，您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，"
    "但能够作区分处理。根据"
    + REGULATION
    + "第三十七条的规定，本机关按您选择的“{delivery}”方式向您提供可以公开的信息内容，"
    "对不予公开的内容说明理由如下。",
    Outcome.STATE_SECRET: "经审查，您申请获取的政府信息依法确定为国家秘密。根据"
    + REGULATION
    + "第十四条、第三十六条第（三）项的规定，"
    + _WITHHELD,
    Outcome.LAW_FORBIDS: "经审查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。根据"
    + REGULATION
    + "第十四条、第三十六条第（三）项的规定，"
    + _WITHHELD,
    Outcome.SECURITY: "经审查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、"
    "社会稳定。根据" + REGULATION + "第十四条、第三十六条第（三）项的规定，" + _WITHHELD,
    Outcome.THIRD_PARTY: "经审查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方"
    "合法权益造成损害。根据" + REGULATION + "第十五条、第三十六条第（三）项的规定，" + _WITHHELD,
    Outcome.INTERNAL: "经审查，您申请获取的政府信息属于本机关人事管理、后勤管理、内部工作流程"
    "等方面的内部事务信息。根据"
    + REGULATION
    + "第十六条第一款、第三十六条第（三）项的规定，"
    + _WITHHELD,
    Outcome.PROCESS: "经审查，您申请获取的政府信息属于本机关在履行行政管理职能过程中形成的"
    "讨论记录、过程稿、磋商信函、请示报告等过程性信息。根据"
    + REGULATION
    + "第十六条第二款、第三十六条第（三）项的规定，"
    + _WITHHELD,
    Outcome.ENFORCEMENT: "经审查，您申请获取的政府信息属于行政执法案卷信息。根据"
    + REGULATION
    + "第十六条第二款、第三十六条第（三）项的规定，"
    + _WITHHELD,
    Outcome.ADMIN_QUERY: "经审查，您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的"
    "查询事项。根据"
    + REGULATION
    + "第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理。",
    Outcome.NOT_HELD: "经检索，本机关没有制作或者获取您申请的政府信息，或者该信息不属于本机关"
    "负责公开。根据" + REGULATION + "第三十六条第（四）项、第（五）项的规定，特此告知。",
    Outcome.NOT_EXISTING: "经审查，本机关没有与您申请内容相符的现成信息，需要对现有政府信息进行"
    "加工、分析才能形成。根据" + REGULATION + "第三十八条的规定，本机关不予提供。",
    Outcome.STILL_UNCLEAR: "本机关已于{notice}告知您补正，并于{corrected}收到补正后的申请，"
    "但申请内容仍不明确，本机关无法确定您所需的政府信息。根据"
    + REGULATION
    + "第三十条的规定，特此告知；您明确所需信息后可以重新提出申请。",
    Outcome.PETITION: "经审查，您是以政府信息公开申请的形式进行信访、投诉、举报等活动。根据"
    + REGULATION
    + "第三十九条第一款的规定，本机关不作为政府信息公开申请处理，您可以通过信访、投诉、"
    "举报等相应渠道提出。",
    Outcome.REPEATED: "本机关已就您提出的政府信息公开申请作出答复，您又申请公开相同的政府信息。"
    "根据" + REGULATION + "第三十六条第（六）项的规定，本机关不予重复处理。",
    Outcome.PUBLICATION: "经审查，您申请的内容为要求提供政府公报、报刊、书籍等公开出版物。根据"
    + REGULATION
    + "第三十九条第二款的规定，本机关不作为政府信息公开申请处理，您可以通过公开发行的渠道获取。",
    Outcome.MASS: "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由，"
    "经审查理由不合理。根据" + REGULATION + "第三十五条的规定，本机关不予处理。",
    Outcome.CONFIRMATION: "经审查，您的申请是要求本机关确认或者重新出具您已经获取的信息，"
    "不属于获取政府信息的申请，本机关不作为政府信息公开申请处理。",
    Outcome.NO_CORRECTION: "本机关已于{notice}书面告知您补正，补正期限至{correction_due}。"
    "您无正当理由逾期未补正，根据"
    + REGULATION
    + "第三十条的规定，视为放弃申请，本机关不再处理该政府信息公开申请。",
    Outcome.NO_FEE: "本机关已向您发出收费通知，您逾期未按通知要求缴纳费用。根据"
    + REGULATION
    + "第四十二条和信息处理费的有关规定，本机关不再处理该政府信息公开申请。",
    Outcome.OTHER: "经审查，本机关对您的申请作如下处理。",
}
REMEDY = (
    "如对本告知书不服，可以自收到本告知书之日起六十日内依法申请行政复议，"
    "或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。"
)


@dataclass(frozen=True)
class LetterSource:
    """Everything one document shows."""

    station: StationProfile
    record: RequestRecord
    document: RequestDocument


@dataclass(frozen=True)
class Written:
    path: Path
    pages: int
    font_messages: tuple[str, ...]


def title_of(source: LetterSource) -> str:
    if source.document is RequestDocument.ANSWER:
        step = _step(source, StepKind.ANSWER)
        assert step.outcome is not None
        return ANSWER_NOTICES[step.outcome.group]
    return TITLES[source.document]


def _step(source: LetterSource, kind: StepKind) -> Step:
    step = source.record.last(kind)
    if step is None:
        raise ValueError(f"the request has no {kind.value} step")
    return step


def _date(day: dt.date | None) -> str:
    return chinese_date(day) if day else "（未定）"


def _received(record: RequestRecord) -> str:
    info = record.info
    return (
        f"本机关于{_date(info.received)}收到您提出的政府信息公开申请"
        f"（登记编号{record.number}），申请获取“{info.content}”。"
    )


def _contact(writer: Writer, station: StationProfile) -> None:
    parts = []
    if station.address:
        parts.append(f"通信地址：{station.address}")
    if station.phone:
        parts.append(f"联系电话：{station.phone}")
    if parts:
        writer.blank(0.5)
        writer.note("　".join(parts))


def _receipt(writer: Writer, source: LetterSource) -> dt.date:
    record, info = source.record, source.record.info
    writer.line(f"{info.applicant}：")
    writer.paragraphs(
        _received(record)
        + "\n根据"
        + REGULATION
        + "第三十三条的规定，本机关将自收到申请之日起20个工作日内"
        f"（即{_date(record.clock.initial_due)}前）予以答复；需要延长答复期限的，将另行告知。"
        "征求第三方和其他机关意见所需时间不计算在内。"
    )
    channel = info.channel.label + ("（口头提出，工作人员代为填写）" if info.oral else "")
    content = info.content + (f"（文号：{info.doc_number}）" if info.doc_number else "")
    rows: list[list[object]] = [
        ["登记编号", record.number, "收到申请日期", info.received.isoformat()],
        ["申请人", info.applicant, "申请人类型", info.applicant_type.label],
        ["申请方式", channel, "联系电话", info.phone or "—"],
        ["所需信息", content, "", ""],
        ["信息载体形式", info.form.label, "获取信息方式", info.delivery.label],
    ]
    spans = [((1, 3), (3, 3))]
    if info.oral:
        rows.append(["申请人确认", "以上内容根据本人口头申请代为填写，经核对无误。签名：", "", ""])
        spans.append(((1, 5), (3, 5)))
    writer.blank(0.3)
    quarter = TEXT_WIDTH / 4
    writer.table(
        rows,
        [quarter * 0.8, quarter * 1.2, quarter * 0.8, quarter * 1.2],
        spans=spans,
        header_rows=0,
    )
    return info.received


def _correction(writer: Writer, source: LetterSource) -> dt.date:
    record = source.record
    step = _step(source, StepKind.CORRECTION_NOTICE)
    writer.line(f"{record.info.applicant}：")
    writer.paragraphs(
        _received(record)
        + "经审查，您的申请内容不明确。根据"
        + REGULATION
        + "第三十条的规定，请您对以下内容作出补正：\n"
        + step.note
        + f"\n请于{_date(record.clock.correction_due)}前（{step.days}个工作日内）将补正后的申请"
        "提交本机关。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，"
        "视为放弃申请，本机关不再处理该政府信息公开申请。"
    )
    return step.on


def _extension(writer: Writer, source: LetterSource) -> dt.date:
    record = source.record
    step = _step(source, StepKind.EXTENSION)
    writer.line(f"{record.info.applicant}：")
    reason = step.note.rstrip("。")
    writer.paragraphs(
        _received(record)
        + f"因{reason}，根据"
        + REGULATION
        + "第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，"
        f"答复期限延长{step.days}个工作日，本机关将于{_date(record.clock.due)}前作出答复。"
        "\n特此告知。"
    )
    return step.on


def _third_party(writer: Writer, source: LetterSource) -> dt.date:
    record = source.record
    step = _step(source, StepKind.CONSULT_SENT)
    writer.line(f"{step.party}：")
    writer.paragraphs(
        f"本机关于{_date(record.info.received)}收到政府信息公开申请（登记编号{record.number}），"
        f"申请人申请获取“{record.info.content}”。该政府信息的公开可能损害您（单位）的合法权益，"
        "根据" + REGULATION + "第三十二条的规定，现书面征求您（单位）的意见。"
        f"\n请您（单位）自收到本意见书之日起{THIRD_PARTY_DAYS}个工作日内提出书面意见，"
        "同意或者不同意公开均请说明理由。逾期未提出意见的，由本机关依照"
        + SHORT
        + "的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；"
        "本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，"
        "并将决定公开的政府信息内容和理由书面告知您（单位）。"
    )
    return step.on


def _answer(writer: Writer, source: LetterSource) -> dt.date:
    record = source.record
    step = _step(source, StepKind.ANSWER)
    assert step.outcome is not None
    notice = record.last(StepKind.CORRECTION_NOTICE)
    corrected = record.last(StepKind.CORRECTION_RECEIVED)
    text = OUTCOME_TEXTS[step.outcome].format(
        delivery=record.info.delivery.label,
        notice=_date(notice.on if notice else None),
        corrected=_date(corrected.on if corrected else None),
        correction_due=_date(record.clock.correction_deadline),
    )
    writer.line(f"{record.info.applicant}：")
    body = _received(record) + "现答复如下：\n" + text
    if step.note.strip():
        body += "\n" + step.note.strip()
    body += "\n" + REMEDY
    writer.paragraphs(body)
    return step.on


_BODIES = {
    RequestDocument.RECEIPT: _receipt,
    RequestDocument.CORRECTION: _correction,
    RequestDocument.EXTENSION: _extension,
    RequestDocument.THIRD_PARTY: _third_party,
    RequestDocument.ANSWER: _answer,
}


def write_letter(path: Path, source: LetterSource) -> Written:
    """Write ``source``'s document to ``path`` (atomically)."""
    writer = Writer()
    title = title_of(source)
    writer.title(title)
    writer.centred(f"编号：{source.record.number}")
    writer.blank(0.5)
    dated = _BODIES[source.document](writer, source)
    writer.signature(source.station.name, dated)
    _contact(writer, source.station)
    pages = write_official(
        path, writer, title=title, author=source.station.name, subject=source.record.number
    )
    return Written(path, pages, tuple(writer.styles.fonts.messages))
