"""What the register holds about a disclosure request: the applicant, what they want and
how it came in (``RequestInfo``, with its checks), a row of the register
(``RequestRow``), and a request with its steps and clock (``RequestRecord``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gwgk_desktop.domain.requests import (
    ApplicantType,
    Clock,
    Delivery,
    InfoForm,
    Outcome,
    RequestChannel,
    RequestStatus,
    Step,
    Timeline,
)
from gwgk_desktop.domain.unsafe_text import text_problem
from gwgk_desktop.domain.validation import MAX_LONG

#: Chinese names of the fields, for messages and the form's labels.
INFO_LABELS: dict[str, str] = {
    "received": "收到申请日期",
    "channel": "申请方式",
    "oral": "口头申请",
    "applicant_type": "申请人类型",
    "applicant": "申请人姓名或名称",
    "id_number": "证件号码或统一社会信用代码",
    "agent": "法定代表人或联系人",
    "phone": "联系电话",
    "address": "通信地址",
    "postcode": "邮政编码",
    "email": "电子邮箱",
    "content": "所需信息的内容描述",
    "doc_number": "文号",
    "form": "信息载体形式",
    "delivery": "获取信息方式",
    "note": "备注",
}


@dataclass(frozen=True)
class RequestInfo:
    """The registration of one request (申请登记), as the clerk writes it down."""

    received: dt.date
    channel: RequestChannel
    applicant_type: ApplicantType
    applicant: str
    content: str
    id_number: str = ""
    #: For an organisation: its legal representative or contact person.
    agent: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    email: str = ""
    doc_number: str = ""
    form: InfoForm = InfoForm.PAPER
    delivery: Delivery = Delivery.POST
    #: Made orally and written down by the clerk (art. 29: only in person).
    oral: bool = False
    note: str = ""


def info_problems(info: RequestInfo, today: dt.date | None = None) -> list[tuple[str, str]]:
    """(field, message) for everything that keeps ``info`` from being registered."""
    today = today or dt.date.today()
    problems: list[tuple[str, str]] = []
    if info.received > today:
        problems.append(("received", "收到申请日期不能晚于今天"))
    if not info.applicant.strip():
        problems.append(("applicant", "请填写申请人姓名或名称"))
    if not info.content.strip():
        problems.append(("content", "请填写所需信息的内容描述（名称、文号或便于查询的特征描述）"))
    if not (info.phone.strip() or info.address.strip() or info.email.strip()):
        problems.append(("phone", "请至少填写一种联系方式（电话、地址或电子邮箱），以便答复送达"))
    if info.oral and info.channel is not RequestChannel.IN_PERSON:
        problems.append(("oral", "口头申请只能当面提出，由工作人员代为填写"))
    if info.delivery is Delivery.EMAIL and not info.email.strip():
        problems.append(("email", "选择以电子邮件获取信息的，请填写电子邮箱"))
    if info.delivery is Delivery.POST and not info.address.strip():
        problems.append(("address", "选择邮寄获取信息的，请填写通信地址"))
    if info.postcode and not (info.postcode.isdigit() and len(info.postcode) == 6):
        problems.append(("postcode", "邮政编码应为6位数字"))
    for name in ("applicant", "id_number", "agent", "phone", "postcode", "doc_number"):
        if len(str(getattr(info, name))) > 200:
            problems.append((name, "内容太长（不超过200字）"))
    for name in ("address", "email"):
        if len(getattr(info, name)) > 500:
            problems.append((name, "内容太长（不超过500字）"))
    for name in ("content", "note"):
        if len(getattr(info, name)) > MAX_LONG:
            problems.append((name, f"内容太长（不超过{MAX_LONG}字）"))
    for name in INFO_LABELS:
        value = getattr(info, name)
        problem = text_problem(value) if isinstance(value, str) else None
        if problem:
            problems.append((name, problem))
    return problems


def problems_text(problems: list[tuple[str, str]]) -> str:
    return "申请登记内容不完整：\n" + "\n".join(
        f"{INFO_LABELS.get(name, name)}：{message}" for name, message in problems
    )


@dataclass(frozen=True)
class RequestRow:
    """One line of the register (what the table shows)."""

    id: int
    number: str
    received: dt.date
    applicant: str
    applicant_type: ApplicantType
    channel: RequestChannel
    content: str
    status: RequestStatus
    due: dt.date | None
    correction_due: dt.date | None
    answered: dt.date | None
    outcome: Outcome | None
    extended: bool

    def overdue(self, today: dt.date) -> bool:
        return (
            self.status is not RequestStatus.ANSWERED and self.due is not None and today > self.due
        )

    def correction_overdue(self, today: dt.date) -> bool:
        return (
            self.status is RequestStatus.AWAITING_CORRECTION
            and self.correction_due is not None
            and today > self.correction_due
        )


@dataclass(frozen=True)
class RequestRecord:
    """A request with everything recorded about it and its clock."""

    id: int
    uuid: str
    number: str
    info: RequestInfo
    steps: tuple[Step, ...]
    clock: Clock
    registered_by: str
    registered_at: dt.datetime
    #: Years between receipt and the due day with no working-day calendar.
    missing_years: tuple[int, ...] = field(default_factory=tuple)

    @property
    def timeline(self) -> Timeline:
        return Timeline.of(self.info.received, self.steps)

    def last(self, kind: object) -> Step | None:
        found = [s for s in self.steps if s.kind is kind]
        return found[-1] if found else None
