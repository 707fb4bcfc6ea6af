"""依申请公开 benchmark: a register of 10,000 requests (two years, every status and outcome),
then time the start-up reminder (overdue, due within 5 working days, corrections overdue),
the overdue list, table 三 and the whole annual report, its PDF, and recomputing every
open request after a calendar edit. Prints a Markdown table.

    python benchmarks/requests_bench.py [--requests 10000] [--repeat 20]

The register is loaded in one transaction with the store's own mapping and the domain's
clock (registering 10,000 requests one by one through the service, each with its audit
record, is what a station does over decades, not what is being measured here).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import machine  # benchmarks/ is on sys.path when run as a script

from gwgk_desktop.domain.models import StationProfile
from gwgk_desktop.domain.requests import (
    ApplicantType,
    Delivery,
    InfoForm,
    Outcome,
    RequestChannel,
    Step,
    StepKind,
)
from gwgk_desktop.domain.workdays import YearCalendar
from gwgk_desktop.services import annual_report, calendars, station
from gwgk_desktop.services.requests import Register, RequestQuery
from gwgk_desktop.store.database import Database, open_database
from gwgk_desktop.store.request_models import DisclosureRequestRow, RequestStepRow
from gwgk_desktop.store.requests import apply_clock

BUDGET_LIST_MS = 50.0
BUDGET_REPORT_S = 2.0
AS_OF = dt.date(2026, 11, 30)


def populate(db: Database, count: int, seed: int = 17) -> None:
    rng = random.Random(seed)
    calendar = calendars.load(db)
    first = dt.date(2025, 1, 2)
    span = (AS_OF - first).days
    outcomes = list(Outcome)
    with db.write() as session:
        serials: dict[int, int] = {}
        for n in range(count):
            received = calendar.next_workday(first + dt.timedelta(days=span * n // count))
            received = min(received, AS_OF)
            serials[received.year] = serials.get(received.year, 0) + 1
            row = DisclosureRequestRow(
                uuid=str(uuid.UUID(int=rng.getrandbits(128))),
                number=f"{received.year}-{serials[received.year]:05d}",
                year=received.year,
                serial=serials[received.year],
                received=received,
                channel=rng.choice(list(RequestChannel)),
                oral=False,
                applicant_type=rng.choice(list(ApplicantType)),
                applicant=f"申请人{n}",
                id_number="",
                agent="",
                phone="13800000000",
                address="示范市城关区人民路1号",
                postcode="",
                email="",
                content=f"第{n}件申请所需的政府信息",
                doc_number="",
                form=InfoForm.PAPER,
                delivery=Delivery.POST,
                note="",
                registered_by="录入员",
            )
            steps = [Step(StepKind.REGISTER, received)]
            roll = rng.random()
            age = calendar.count(received, AS_OF)
            start = received
            if roll < 0.05 and age > 3:
                steps.append(Step(StepKind.CORRECTION_NOTICE, calendar.add(received, 2), days=15))
                if age > 12:
                    start = calendar.add(received, 6)
                    steps.append(Step(StepKind.CORRECTION_RECEIVED, start))
            elif roll < 0.1 and age > 3:
                steps.append(Step(StepKind.CONSULT_SENT, calendar.add(received, 2), party="某公司"))
                if age > 12:
                    start = calendar.add(received, 10)
                    steps.append(Step(StepKind.CONSULT_REPLIED, start))
            # Nearly every request older than its time limit has been answered; a few
            # (one in fifty) were not: the overdue list.
            waiting = calendar.count(start, AS_OF)
            if waiting > 3 and ((waiting > 30 and rng.random() > 0.02) or roll < 0.85):
                answered = calendar.add(start, rng.randrange(1, min(waiting, 20) + 1))
                steps.append(Step(StepKind.ANSWER, answered, outcome=rng.choice(outcomes)))
            for position, step in enumerate(steps, start=1):
                row.steps.append(
                    RequestStepRow(
                        position=position,
                        kind=step.kind.value,
                        on=step.on,
                        days=step.days,
                        party=step.party,
                        outcome=step.outcome,
                        note="",
                        operator_name="录入员",
                    )
                )
            apply_clock(row, tuple(steps[1:]), calendar)
            session.add(row)


def timed(repeat: int, work: object) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "requests.sqlite"
        db = open_database(path, create=True)
        station.initialize(
            db,
            StationProfile(name="示范市公安局城关派出所", org_code="000014349"),
            "admin",
            "管理员",
            "admin1234",
        )
        admin = station.actor_for(station.list_operators(db)[0])
        started = time.perf_counter()
        populate(db, args.requests)
        Register(db, AS_OF).refresh()
        loaded = time.perf_counter() - started
        db.close()

        db = open_database(path)
        reminder = Register(db, AS_OF).reminder(AS_OF)
        sizes = (len(reminder.overdue), len(reminder.due_soon), len(reminder.correction_overdue))
        remind = timed(args.repeat, lambda: Register(db, AS_OF).reminder(AS_OF))
        overdue = timed(
            args.repeat,
            lambda: Register(db, AS_OF).list_rows(RequestQuery(overdue=True, as_of=AS_OF)),
        )
        whole = timed(args.repeat, lambda: Register(db, AS_OF).search_ids(RequestQuery()))
        table3 = timed(5, lambda: annual_report.build(db, 2026, AS_OF))
        report = annual_report.build(db, 2026, AS_OF)
        assert report.table3.balanced
        pdf = timed(3, lambda: annual_report.write_pdf_of(report, Path(folder) / "report.pdf"))
        # A local calendar edit: every open request's due day computed again.
        year = calendars.year_info(db, 2026).calendar
        assert year is not None
        edited = YearCalendar(2026, year.holidays | {dt.date(2026, 12, 4)}, year.workdays)
        calendars.save_year(db, admin, edited)
        started = time.perf_counter()
        changed = Register(db, AS_OF).refresh()
        recompute = time.perf_counter() - started
        db.close()

    def ms(values: list[float]) -> str:
        return f"median {statistics.median(values) * 1000:.1f} ms, max {max(values) * 1000:.1f} ms"

    print(f"Machine: {machine()}")
    print(f"{args.requests:,} requests loaded in {loaded:.1f} s; reminder lists {sizes}")
    print()
    rows = [
        ("start-up reminder (overdue, due soon, corrections)", ms(remind), "≤ 50 ms"),
        ("overdue list", ms(overdue), "≤ 50 ms"),
        (f"all {args.requests:,} ids in order (register table)", ms(whole), "—"),
        ("annual report, counted", f"median {statistics.median(table3):.2f} s", "≤ 2 s"),
        ("annual report PDF", f"median {statistics.median(pdf):.2f} s", "—"),
        (f"calendar edit: {changed} open requests recomputed", f"{recompute:.2f} s", "—"),
    ]
    print("| what | measured | budget |")
    print("|---|---|---|")
    for what, measured, budget in rows:
        print(f"| {what} | {measured} | {budget} |")
    failed = (
        statistics.median(remind) * 1000 > BUDGET_LIST_MS
        or statistics.median(overdue) * 1000 > BUDGET_LIST_MS
        or statistics.median(table3) > BUDGET_REPORT_S
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
