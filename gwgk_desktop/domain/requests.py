"""依申请公开: disclosure requests under the 2019 Regulation on Government Information
Disclosure (《政府信息公开条例》), their steps and their statutory clock.

The rules (articles of the regulation):

- art. 31, the day a request is received: handed in → that day; by post → the day the
  unit signs for it (ordinary mail: the day it is confirmed with the applicant); by web or
  fax → the day both sides confirm.
- art. 33: answer on the spot, or within 20 working days of receipt; one extension of at
  most 20 more working days, approved by the head of the disclosure office and notified to
  the applicant. Time waiting for a third party's or another body's opinion does not count.
- art. 32: a third party has 15 working days from receiving the request for its opinion.
- art. 30: an unclear request is answered, within 7 working days of receipt, with one
  notice listing everything to correct (一次性告知) and a reasonable time to do it; the
  clock then runs from the day the correction arrives; no correction in time without a
  good reason counts as the request withdrawn.

Every limit counts from the day after the event (see ``workdays``). The outcomes are the
rows of table 三 of the national annual-report format (国办公开办函〔2021〕30号).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from gwgk_desktop.domain.enums import LabelledEnum, Role
from gwgk_desktop.domain.workdays import WorkCalendar

ANSWER_DAYS = 20
MAX_EXTENSION_DAYS = 20
CORRECTION_NOTICE_DAYS = 7
THIRD_PARTY_DAYS = 15
#: The time given to correct a request when the clerk does not choose one.
DEFAULT_CORRECTION_DAYS = 15
#: "Due soon": the start-up reminder and the register's filter.
DUE_SOON_DAYS = 5


class ApplicantType(LabelledEnum):
    """The applicant columns of table 三: 自然人, then the five kinds of 法人或其他组织."""

    NATURAL = "natural", "自然人"
    BUSINESS = "business", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICE = "legal_service", "法律服务机构"
    OTHER = "other", "其他"

    @property
    def is_person(self) -> bool:
        return self is ApplicantType.NATURAL


class RequestChannel(LabelledEnum):
    IN_PERSON = "in_person", "当面"
    POST = "post", "邮寄"
    WEB = "web", "网络"
    FAX = "fax", "传真"


#: What counts as the day received, by channel (art. 31), for the form's hint.
RECEIPT_RULES: dict[RequestChannel, str] = {
    RequestChannel.IN_PERSON: "当面提交的，以提交之日为收到申请之日",
    RequestChannel.POST: "邮寄提交的，以本机关签收之日为收到申请之日；平常信函等无需签收的，"
    "以与申请人确认之日为收到申请之日",
    RequestChannel.WEB: "通过互联网渠道提交的，以双方确认之日为收到申请之日",
    RequestChannel.FAX: "通过传真提交的，以双方确认之日为收到申请之日",
}


class InfoForm(LabelledEnum):
    """The form in which the applicant wants the information."""

    PAPER = "paper", "纸质"
    ELECTRONIC = "electronic", "电子"
    OTHER = "other", "其他"


class Delivery(LabelledEnum):
    """How the applicant wants to receive it."""

    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    FAX = "fax", "传真"
    PICKUP = "pickup", "自行领取"
    ON_SITE = "on_site", "当场阅读、抄录"


class OutcomeGroup(LabelledEnum):
    DISCLOSED = "disclosed", "予以公开"
    PARTLY = "partly", "部分公开"
    WITHHELD = "withheld", "不予公开"
    UNABLE = "unable", "无法提供"
    DECLINED = "declined", "不予处理"
    OTHER = "other", "其他处理"


class Outcome(LabelledEnum):
    """How a request ended: exactly the leaf rows of table 三 (labels as in the format)."""

    DISCLOSED = "disclosed", "予以公开"
    PARTLY = "partly", "部分公开"
    STATE_SECRET = "state_secret", "属于国家秘密"
    LAW_FORBIDS = "law_forbids", "其他法律行政法规禁止公开"
    SECURITY = "security", "危及“三安全一稳定”"
    THIRD_PARTY = "third_party", "保护第三方合法权益"
    INTERNAL = "internal", "属于三类内部事务信息"
    PROCESS = "process", "属于四类过程性信息"
    ENFORCEMENT = "enforcement", "属于行政执法案卷"
    ADMIN_QUERY = "admin_query", "属于行政查询事项"
    NOT_HELD = "not_held", "本机关不掌握相关政府信息"
    NOT_EXISTING = "not_existing", "没有现成信息需要另行制作"
    STILL_UNCLEAR = "still_unclear", "补正后申请内容仍不明确"
    PETITION = "petition", "信访举报投诉类申请"
    REPEATED = "repeated", "重复申请"
    PUBLICATION = "publication", "要求提供公开出版物"
    MASS = "mass", "无正当理由大量反复申请"
    CONFIRMATION = "confirmation", "要求行政机关确认或重新出具已获取信息"
    NO_CORRECTION = (
        "no_correction",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    )
    NO_FEE = (
        "no_fee",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    )
    OTHER = "other", "其他"

    @property
    def group(self) -> OutcomeGroup:
        return OUTCOME_GROUPS[self]

    @classmethod
    def from_text(cls, text: str) -> Outcome:
        """The outcome named by its row label (straight or curly quotes) or its code."""
        wanted = text.strip().replace('"', "").replace("“", "").replace("”", "")
        for member in cls:
            if wanted in (member.value, member.label.replace("“", "").replace("”", "")):
                return member
        raise ValueError(f"unknown outcome {text!r}")


_W, _U, _D, _O = (
    OutcomeGroup.WITHHELD,
    OutcomeGroup.UNABLE,
    OutcomeGroup.DECLINED,
    OutcomeGroup.OTHER,
)
OUTCOME_GROUPS: dict[Outcome, OutcomeGroup] = {
    Outcome.DISCLOSED: OutcomeGroup.DISCLOSED,
    Outcome.PARTLY: OutcomeGroup.PARTLY,
    Outcome.STATE_SECRET: _W,
    Outcome.LAW_FORBIDS: _W,
    Outcome.SECURITY: _W,
    Outcome.THIRD_PARTY: _W,
    Outcome.INTERNAL: _W,
    Outcome.PROCESS: _W,
    Outcome.ENFORCEMENT: _W,
    Outcome.ADMIN_QUERY: _W,
    Outcome.NOT_HELD: _U,
    Outcome.NOT_EXISTING: _U,
    Outcome.STILL_UNCLEAR: _U,
    Outcome.PETITION: _D,
    Outcome.REPEATED: _D,
    Outcome.PUBLICATION: _D,
    Outcome.MASS: _D,
    Outcome.CONFIRMATION: _D,
    Outcome.NO_CORRECTION: _O,
    Outcome.NO_FEE: _O,
    Outcome.OTHER: _O,
}


#: The answer notice (告知书) each kind of outcome is given in.
ANSWER_NOTICES: dict[OutcomeGroup, str] = {
    OutcomeGroup.DISCLOSED: "政府信息公开告知书",
    OutcomeGroup.PARTLY: "政府信息部分公开告知书",
    OutcomeGroup.WITHHELD: "政府信息不予公开告知书",
    OutcomeGroup.UNABLE: "政府信息无法提供告知书",
    OutcomeGroup.DECLINED: "政府信息公开申请不予处理告知书",
    OutcomeGroup.OTHER: "政府信息公开申请处理告知书",
}


class RequestStatus(LabelledEnum):
    PROCESSING = "processing", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    CONSULTING = "consulting", "征求意见中"
    ANSWERED = "answered", "已办结"


class StepKind(LabelledEnum):
    REGISTER = "register", "登记"
    CORRECTION_NOTICE = "correction_notice", "告知补正"
    CORRECTION_RECEIVED = "correction_received", "收到补正"
    CONSULT_SENT = "consult_sent", "征求第三方意见"
    CONSULT_REPLIED = "consult_replied", "第三方答复"
    EXTENSION = "extension", "延期答复"
    ANSWER = "answer", "答复办结"


_CLERKS = frozenset({Role.CLERK, Role.ADMIN})
_LEADERS = frozenset({Role.REVIEWER, Role.ADMIN})

#: Who may record each step: the clerk does the paperwork; an extension needs the
#: approval of a leader (art. 33), so a reviewer (station leader) or an administrator
#: records it.
STEP_ROLES: dict[StepKind, frozenset[Role]] = {
    StepKind.REGISTER: _CLERKS,
    StepKind.CORRECTION_NOTICE: _CLERKS,
    StepKind.CORRECTION_RECEIVED: _CLERKS,
    StepKind.CONSULT_SENT: _CLERKS,
    StepKind.CONSULT_REPLIED: _CLERKS,
    StepKind.EXTENSION: _LEADERS,
    StepKind.ANSWER: _CLERKS,
}


class RequestRefusal(Exception):
    """A step the rules do not allow now; ``message`` is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Step:
    """One recorded step of a request (what happened on which day, and who recorded it)."""

    kind: StepKind
    on: dt.date
    operator: str = ""
    recorded_at: dt.datetime | None = None
    #: Working days given to correct (补正) or added by an extension (延期).
    days: int = 0
    #: The third party consulted (征求第三方意见), or the leader who approved an extension.
    party: str = ""
    outcome: Outcome | None = None
    #: What to correct, the reason for an extension, the third party's opinion, the
    #: answer's wording: free text for the record and the printed document.
    note: str = ""


@dataclass(frozen=True)
class Consultation:
    sent: dt.date
    party: str
    replied: dt.date | None = None


@dataclass(frozen=True)
class Timeline:
    """What happened to a request, read from its steps."""

    received: dt.date
    correction_notice: dt.date | None = None
    correction_days: int = 0
    correction_received: dt.date | None = None
    consultations: tuple[Consultation, ...] = ()
    extension: dt.date | None = None
    extension_days: int = 0
    answered: dt.date | None = None
    outcome: Outcome | None = None

    @classmethod
    def of(cls, received: dt.date, steps: Sequence[Step]) -> Timeline:
        values: dict[str, object] = {}
        consultations: list[Consultation] = []
        for step in steps:
            if step.kind is StepKind.CORRECTION_NOTICE:
                values.update(correction_notice=step.on, correction_days=step.days)
            elif step.kind is StepKind.CORRECTION_RECEIVED:
                values["correction_received"] = step.on
            elif step.kind is StepKind.CONSULT_SENT:
                consultations.append(Consultation(step.on, step.party))
            elif step.kind is StepKind.CONSULT_REPLIED and consultations:
                last = consultations[-1]
                consultations[-1] = Consultation(last.sent, last.party, step.on)
            elif step.kind is StepKind.EXTENSION:
                values.update(extension=step.on, extension_days=step.days)
            elif step.kind is StepKind.ANSWER:
                values.update(answered=step.on, outcome=step.outcome)
        return cls(received, consultations=tuple(consultations), **values)  # type: ignore[arg-type]

    @property
    def awaiting_correction(self) -> bool:
        return self.correction_notice is not None and self.correction_received is None

    @property
    def open_consultation(self) -> Consultation | None:
        if self.consultations and self.consultations[-1].replied is None:
            return self.consultations[-1]
        return None

    @property
    def last_date(self) -> dt.date:
        dates = [self.received]
        dates += [d for d in (self.correction_notice, self.correction_received) if d]
        dates += [d for d in (self.extension, self.answered) if d]
        for consultation in self.consultations:
            dates += [d for d in (consultation.sent, consultation.replied) if d]
        return max(dates)


@dataclass(frozen=True)
class Clock:
    """Where a request stands against its time limits."""

    status: RequestStatus
    #: The last day to send the 补正 notice (7 working days after receipt).
    correction_notice_due: dt.date
    #: The applicant's last day to correct, while a correction is awaited.
    correction_due: dt.date | None
    #: The last day to correct that the notice gave (kept after the correction came).
    correction_deadline: dt.date | None
    #: The day the 20 working days count from (receipt, or the correction's arrival).
    start: dt.date
    #: The due day as it was at registration (20 working days after receipt): the
    #: registration receipt promises this one.
    initial_due: dt.date
    #: The last day to answer; None while the clock is stopped awaiting a correction.
    due: dt.date | None
    #: Working days allowed: 20, plus the extension.
    limit: int
    #: Working days not counted while waiting for third parties (each at most 15).
    paused_days: int
    #: The notice to correct came later than 7 working days after receipt.
    late_correction_notice: bool = False
    #: Answered after the due day.
    late_answer: bool = False

    def overdue(self, today: dt.date) -> bool:
        return (
            self.status is not RequestStatus.ANSWERED and self.due is not None and today > self.due
        )

    def correction_overdue(self, today: dt.date) -> bool:
        return self.correction_due is not None and today > self.correction_due


def _pauses(
    consultations: Sequence[Consultation], calendar: WorkCalendar
) -> list[tuple[dt.date, dt.date]]:
    """Working-day ranges ``(after, until]`` that do not count: each consultation from
    the day after it was sent until the reply, at most 15 working days; merged."""
    ranges = []
    for consultation in consultations:
        cap = calendar.add(consultation.sent, THIRD_PARTY_DAYS)
        end = min(consultation.replied, cap) if consultation.replied else cap
        if end > consultation.sent:
            ranges.append((consultation.sent, end))
    merged: list[tuple[dt.date, dt.date]] = []
    for after, until in sorted(ranges):
        if merged and after <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], until))
        else:
            merged.append((after, until))
    return merged


def due_date(
    start: dt.date,
    limit: int,
    pauses: Sequence[tuple[dt.date, dt.date]],
    calendar: WorkCalendar,
) -> tuple[dt.date, int]:
    """The ``limit``-th counted working day after ``start`` when the working days inside
    ``pauses`` do not count; and how many were not counted."""
    skipped = 0
    while True:
        due = calendar.add(start, limit + skipped)
        paused = sum(calendar.count(max(after, start), min(until, due)) for after, until in pauses)
        if paused == skipped:
            return due, skipped
        skipped = paused


def clock(timeline: Timeline, calendar: WorkCalendar) -> Clock:
    """The request's status and time limits under ``calendar``."""
    notice_due = calendar.add(timeline.received, CORRECTION_NOTICE_DAYS)
    late_notice = timeline.correction_notice is not None and timeline.correction_notice > notice_due
    deadline = None
    if timeline.correction_notice is not None:
        deadline = calendar.add(
            timeline.correction_notice, timeline.correction_days or DEFAULT_CORRECTION_DAYS
        )
    correction_due = deadline if timeline.awaiting_correction else None
    start = timeline.correction_received or timeline.received
    limit = ANSWER_DAYS + timeline.extension_days
    due: dt.date | None = None
    paused = 0
    if not timeline.awaiting_correction:
        due, paused = due_date(start, limit, _pauses(timeline.consultations, calendar), calendar)
    if timeline.answered is not None:
        status = RequestStatus.ANSWERED
    elif timeline.awaiting_correction:
        status = RequestStatus.AWAITING_CORRECTION
    elif timeline.open_consultation is not None:
        status = RequestStatus.CONSULTING
    else:
        status = RequestStatus.PROCESSING
    late_answer = timeline.answered is not None and due is not None and timeline.answered > due
    return Clock(
        status=status,
        correction_notice_due=notice_due,
        correction_due=correction_due,
        correction_deadline=deadline,
        start=start,
        initial_due=calendar.add(timeline.received, ANSWER_DAYS),
        due=due,
        limit=limit,
        paused_days=paused,
        late_correction_notice=late_notice,
        late_answer=late_answer,
    )


# ------------------------------------------------------------------------------ steps
def role_refusal(kind: StepKind, role: Role) -> str | None:
    """Why ``role`` may not record ``kind``; None when it may."""
    allowed = STEP_ROLES[kind]
    if role in allowed:
        return None
    names = "、".join(r.label for r in Role if r in allowed)
    if kind is StepKind.EXTENSION:
        return f"延期答复须经单位负责人批准，应由{names}办理，当前角色为{role.label}"
    return f"{kind.label}需要{names}权限，当前角色为{role.label}"


def state_refusal(
    timeline: Timeline,
    calendar: WorkCalendar,
    kind: StepKind,
    on: dt.date,
    *,
    days: int = 0,
    party: str = "",
    outcome: Outcome | None = None,
) -> str | None:
    """Why a step of ``kind`` on ``on`` may not be recorded now; None when it may."""
    if kind is StepKind.REGISTER:
        return "申请已经登记"
    if timeline.answered is not None:
        return f"该申请已于{timeline.answered.isoformat()}答复办结，不能再{kind.label}"
    if on < timeline.last_date:
        return f"{kind.label}日期不能早于上一步的日期（{timeline.last_date.isoformat()}）"
    current = clock(timeline, calendar)
    if kind is StepKind.CORRECTION_NOTICE:
        if timeline.correction_notice is not None:
            return "补正应一次性告知，该申请已经告知过补正"
        if timeline.consultations or timeline.extension is not None:
            return "已征求第三方意见或延期的申请不能再告知补正"
        if not 1 <= days <= 60:
            return "补正期限应为1至60个工作日"
    elif kind is StepKind.CORRECTION_RECEIVED:
        if not timeline.awaiting_correction:
            return "该申请没有待补正的告知"
    elif kind is StepKind.CONSULT_SENT:
        if timeline.awaiting_correction:
            return "申请待补正，收到补正后才能征求第三方意见"
        if timeline.open_consultation is not None:
            return "上一次征求意见尚未答复，请先登记第三方答复（或逾期未答复）"
        if not party.strip():
            return "请填写第三方名称"
    elif kind is StepKind.CONSULT_REPLIED:
        if timeline.open_consultation is None:
            return "该申请没有正在征求的第三方意见"
    elif kind is StepKind.EXTENSION:
        if timeline.awaiting_correction:
            return "申请待补正，答复期限尚未起算，不能延期"
        if timeline.extension is not None:
            return "答复期限只能延长一次"
        if not 1 <= days <= MAX_EXTENSION_DAYS:
            return f"延长的期限最长不得超过{MAX_EXTENSION_DAYS}个工作日"
        if current.due is not None and on > current.due:
            return f"答复期限已于{current.due.isoformat()}届满，延期须在期限届满前决定并告知申请人"
        if not party.strip():
            return "请填写批准延期的单位负责人"
    elif kind is StepKind.ANSWER:
        if outcome is None:
            return "请选择办理结果"
        return _answer_refusal(timeline, current, on, outcome)
    return None


def _answer_refusal(
    timeline: Timeline, current: Clock, on: dt.date, outcome: Outcome
) -> str | None:
    if outcome is Outcome.NO_CORRECTION:
        if not timeline.awaiting_correction:
            return "只有告知补正后申请人未补正的申请才能按“逾期不补正”办结"
        assert current.correction_due is not None
        if on <= current.correction_due:
            return f"补正期限至{current.correction_due.isoformat()}，期限届满后才能按逾期不补正办结"
        return None
    if outcome is Outcome.STILL_UNCLEAR and timeline.correction_received is None:
        return "“补正后申请内容仍不明确”只适用于已经补正的申请"
    if timeline.awaiting_correction and outcome is not Outcome.OTHER:
        return "申请待补正：请登记收到补正，或在补正期限届满后按“逾期不补正”办结"
    return None


def check_step(
    timeline: Timeline,
    calendar: WorkCalendar,
    kind: StepKind,
    role: Role,
    on: dt.date,
    **details: object,
) -> None:
    """Raise RequestRefusal saying why the step may not be recorded."""
    reason = role_refusal(kind, role) or state_refusal(
        timeline,
        calendar,
        kind,
        on,
        **details,  # type: ignore[arg-type]
    )
    if reason:
        raise RequestRefusal(reason)


def available_steps(timeline: Timeline) -> list[StepKind]:
    """The steps that exist for a request in this state (for enabling buttons)."""
    if timeline.answered is not None:
        return []
    if timeline.awaiting_correction:
        return [StepKind.CORRECTION_RECEIVED, StepKind.ANSWER]
    steps = []
    if timeline.correction_notice is None and not timeline.consultations and not timeline.extension:
        steps.append(StepKind.CORRECTION_NOTICE)
    if timeline.open_consultation is None:
        steps.append(StepKind.CONSULT_SENT)
    else:
        steps.append(StepKind.CONSULT_REPLIED)
    if timeline.extension is None:
        steps.append(StepKind.EXTENSION)
    steps.append(StepKind.ANSWER)
    return steps


class RequestDocument(LabelledEnum):
    """The documents printed for a request, each once its step has been recorded."""

    RECEIPT = "receipt", "登记回执"
    CORRECTION = "correction", "补正通知书"
    EXTENSION = "extension", "延期答复告知书"
    THIRD_PARTY = "third-party", "征求第三方意见书"
    ANSWER = "answer", "答复告知书"


#: The step each document records (the receipt: the registration itself).
DOCUMENT_STEPS: dict[RequestDocument, StepKind] = {
    RequestDocument.RECEIPT: StepKind.REGISTER,
    RequestDocument.CORRECTION: StepKind.CORRECTION_NOTICE,
    RequestDocument.EXTENSION: StepKind.EXTENSION,
    RequestDocument.THIRD_PARTY: StepKind.CONSULT_SENT,
    RequestDocument.ANSWER: StepKind.ANSWER,
}


def documents_for(steps: Sequence[Step]) -> list[RequestDocument]:
    """The documents a request with ``steps`` can print now."""
    kinds = {s.kind for s in steps} | {StepKind.REGISTER}
    return [d for d, kind in DOCUMENT_STEPS.items() if kind in kinds]
