"""The demo station's request register: a year and a bit of disclosure requests as a
派出所 receives them, taken through the same service calls as a clerk's (so they obey
every rule): most answered in time, a few extended, corrected or sent to a third party,
some still open (one overdue, some due within days), and last year's annual report."""

from __future__ import annotations

import datetime as dt
import random

from gwgk_desktop.domain.annual_report import FEE_ROW, REVIEW
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.domain.request_info import RequestInfo
from gwgk_desktop.domain.requests import (
    ApplicantType,
    Delivery,
    InfoForm,
    Outcome,
    RequestChannel,
    StepKind,
)
from gwgk_desktop.domain.workdays import WorkCalendar
from gwgk_desktop.services import annual_report
from gwgk_desktop.services.requests import Register
from gwgk_desktop.store.database import Database

PEOPLE = ("刘建华", "陈秀英", "赵志强", "孙丽娟", "周海涛", "吴桂芳", "郑国庆", "何小燕", "马文军")
ORGANISATIONS = {
    ApplicantType.BUSINESS: ("示范市安居物业服务有限公司", "城关区惠民超市有限公司"),
    ApplicantType.LEGAL_SERVICE: ("示范市正衡律师事务所", "城关区法律援助工作站"),
    ApplicantType.RESEARCH: ("示范大学法学院",),
    ApplicantType.PUBLIC_INTEREST: ("示范市青少年发展基金会",),
    ApplicantType.OTHER: ("城关区人民路社区居民委员会",),
}
CONTENTS = (
    "本所辖区上一年度入室盗窃案件立案数量",
    "人民路与建设路交叉口交通信号设置的依据文件",
    "本所户籍窗口办理户口迁入业务的办事指南及所需材料清单",
    "本人所在小区周边治安巡逻工作安排",
    "本所2025年度行政事业性收费项目及标准",
    "本所对某娱乐场所开展治安检查的情况",
    "辖区内旅馆业治安管理的检查记录",
    "城关派出所内设机构及职能",
    "某起治安案件的调查案卷材料",
    "本人户籍迁移时提交的材料复印件",
)
#: Outcomes with how often they come up at a station.
OUTCOMES = (
    (Outcome.DISCLOSED, 10),
    (Outcome.PARTLY, 3),
    (Outcome.ENFORCEMENT, 2),
    (Outcome.THIRD_PARTY, 1),
    (Outcome.ADMIN_QUERY, 2),
    (Outcome.NOT_HELD, 3),
    (Outcome.PETITION, 1),
    (Outcome.REPEATED, 1),
)


def add_demo_requests(
    db: Database, clerk: Actor, leader: Actor, rng: random.Random, today: dt.date | None = None
) -> int:
    """Register and work through the demo requests; returns how many were added."""
    today = today or dt.date.today()
    register = Register(db, today)
    calendar = register.calendar()
    start = dt.date(today.year - 1, 10, 1)
    days = (today - start).days - 45
    outcomes = [o for o, weight in OUTCOMES for _ in range(weight)]
    count = 0
    arrivals = {
        n: _working_days_before(calendar, today, RECENT[n])
        if n in RECENT
        else calendar.next_workday(start + dt.timedelta(days=days * n // 29))
        for n in range(36)
    }
    # Registered in the order they came in, as a clerk does (numbers follow the dates).
    for n, received in sorted(arrivals.items(), key=lambda pair: (pair[1], pair[0])):
        kind = ApplicantType.NATURAL if rng.random() < 0.7 else rng.choice(list(ORGANISATIONS))
        name = rng.choice(PEOPLE if kind.is_person else ORGANISATIONS[kind])
        channel = rng.choice(list(RequestChannel))
        info = RequestInfo(
            received=received,
            channel=channel,
            applicant_type=kind,
            applicant=name,
            content=rng.choice(CONTENTS),
            phone=f"139{rng.randrange(10**8):08d}",
            address=f"示范市城关区人民路{rng.randrange(1, 300)}号",
            form=InfoForm.PAPER if rng.random() < 0.7 else InfoForm.ELECTRONIC,
            delivery=Delivery.POST if rng.random() < 0.6 else Delivery.PICKUP,
            oral=channel is RequestChannel.IN_PERSON and rng.random() < 0.2,
        )
        record = register.register(clerk, info)
        count += 1
        due = record.clock.due
        assert due is not None
        if n == 30:
            # Still waiting for the applicant's correction.
            notice = calendar.add(received, 3)
            if notice <= today:
                register.record(clerk, record.id, StepKind.CORRECTION_NOTICE, notice, days=15)
            continue
        if n >= 31:
            continue  # received lately: open, two of them due within days
        if n == 5:
            notice = calendar.add(received, 2)
            register.record(clerk, record.id, StepKind.CORRECTION_NOTICE, notice, days=10)
            corrected = calendar.add(notice, 4)
            register.record(clerk, record.id, StepKind.CORRECTION_RECEIVED, corrected)
        if n in (8, 22):
            sent = calendar.add(received, 3)
            party = "示范市安居物业服务有限公司" if kind.is_person else ORGANISATIONS[kind][0]
            register.record(clerk, record.id, StepKind.CONSULT_SENT, sent, party=party)
            register.record(
                clerk, record.id, StepKind.CONSULT_REPLIED, calendar.add(sent, 9), note="不同意公开"
            )
        if n in (12, 27):
            current = register.get(record.id).clock.due
            assert current is not None
            approve = calendar.add(register.get(record.id).clock.start, 15)
            if approve <= min(current, today):
                register.record(
                    leader,
                    record.id,
                    StepKind.EXTENSION,
                    approve,
                    days=20,
                    party=leader.display_name,
                )
        if n == 29:
            continue  # left open past its due day: the overdue one
        current_record = register.get(record.id)
        answered = calendar.add(current_record.clock.start, rng.randrange(2, 18))
        answered = max(answered, current_record.timeline.last_date)
        if answered > today:
            continue
        outcome = rng.choice(outcomes)
        if n in (8, 22):
            outcome = Outcome.THIRD_PARTY
        register.record(clerk, record.id, StepKind.ANSWER, answered, outcome=outcome)
    _last_year_report(db, clerk, today.year - 1)
    return count


#: The requests received lately, by how many working days before today: one overdue (29),
#: one awaiting its correction (30), two due within the week (31, 32), three just in.
RECENT = {29: 24, 30: 6, 31: 17, 32: 16, 33: 8, 34: 3, 35: 1}


def _working_days_before(calendar: WorkCalendar, today: dt.date, count: int) -> dt.date:
    day = today
    while count:
        day -= dt.timedelta(days=1)
        count -= calendar.is_workday(day)
    return day


def _last_year_report(db: Database, clerk: Actor, year: int) -> None:
    figures = annual_report.Entered()
    figures.table2["行政许可"]["本年处理决定数量"] = 1286
    figures.table2["行政处罚"]["本年处理决定数量"] = 214
    figures.table2["行政强制"]["本年处理决定数量"] = 9
    figures.table2[FEE_ROW]["本年收费金额（单位：万元）"] = 3.42
    figures.table4[(REVIEW,)]["结果维持"] = 1
    figures.texts["一"] = (
        f"{year}年，本所认真贯彻《中华人民共和国政府信息公开条例》，以公开为常态、不公开为例外，"
        "依法做好主动公开和依申请公开工作。\n全年通过政务公开栏、门户网站主动公开政府信息，"
        "依申请公开登记、补正、答复全部纳入登记册管理，按工作日计算答复期限。"
    )
    figures.texts["五"] = (
        "存在的问题：依申请公开工作人员为兼职，业务培训不足。改进措施：定期组织学习《条例》，"
        "规范答复文书，确保在法定期限内答复。"
    )
    figures.texts["六"] = "本年度未收取信息处理费。"
    annual_report.save_entered(db, clerk, year, figures)
