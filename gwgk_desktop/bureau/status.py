"""What the office sees of every registered station (检查督促): packages received, the
catalogue in force at the bureau, what it lacks, and for a reporting round whether the
station reported on time, late or not at all, with the reporting and on-time rates (as
DHIS2 reports them: received, and received on time, over expected).

Read with a handful of queries whatever the number of stations: per-package figures are
computed once at intake (``bureau_packages.summary``).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import func, select

from gwgk_desktop.bureau.continuity import Continuity
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.models import CURRENT_PACKAGE, KeyRow, PackageRow, StationRow
from gwgk_desktop.bureau.rounds import Round
from gwgk_desktop.domain.enums import LabelledEnum
from gwgk_desktop.submission.registry import REVOKED, STATION


class Standing(LabelledEnum):
    """A station in a round, best first (the notice ranks by this)."""

    ON_TIME = "on_time", "按时报送"
    LATE = "late", "逾期报送"
    PENDING = "pending", "尚未报送（未到截止日）"
    MISSING = "missing", "未报送"


@cache
def standard_categories() -> tuple[tuple[str, str], ...]:
    """The plan's categories (code, name) from the reference template the bureau issues:
    what every station's catalogue should cover."""
    from gwgk_desktop.services.template import builtin_template

    return tuple((str(c["code"]), str(c["name"])) for c in builtin_template()["categories"])


def local_day(when: dt.datetime) -> dt.date:
    """The local calendar day of a stored (naive UTC) time."""
    return when.replace(tzinfo=dt.UTC).astimezone().date()


def utc_start_of(day: dt.date) -> dt.datetime:
    """Local midnight at the start of ``day``, as naive UTC."""
    local = dt.datetime.combine(day, dt.time()).astimezone()
    return local.astimezone(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class StationStatus:
    """One row of the status table."""

    org_code: str
    name: str
    parent_unit: str
    key_ids: tuple[str, ...]
    revoked_keys: tuple[str, ...]
    packages: int
    last_sequence: int | None
    last_received: dt.datetime | None
    items: int
    statuses: dict[str, int]
    categories: dict[str, int]
    empty_categories: tuple[str, ...]
    failing: int
    overdue: int
    continuity: Continuity | None
    continuity_note: str
    days_since_last: int | None
    standing: Standing | None = None
    round_received: dt.datetime | None = None

    @property
    def severity(self) -> str:
        """``ok``, ``warning``, ``danger`` or ``none``: the row's colour."""
        if self.packages == 0 or self.standing is Standing.MISSING:
            return "danger"
        if self.continuity is not None and self.continuity.severity == "danger":
            return "danger"
        if (
            self.standing is Standing.LATE
            or self.empty_categories
            or self.failing
            or self.overdue
            or (self.continuity is not None and self.continuity.severity == "warning")
        ):
            return "warning"
        if self.standing is Standing.PENDING:
            return "none"
        return "ok"

    def lacks(self, names: dict[str, str]) -> list[str]:
        """What the station lacks, in Chinese (the notice lists these)."""
        found: list[str] = []
        if self.packages == 0:
            found.append("从未报送")
        elif self.standing is Standing.MISSING:
            found.append("本轮未报送")
        elif self.standing is Standing.LATE and self.round_received is not None:
            found.append(f"逾期报送（{local_day(self.round_received).isoformat()}送达）")
        if self.empty_categories:
            found.append("缺少类别：" + "、".join(names.get(c, c) for c in self.empty_categories))
        if self.failing:
            found.append(f"{self.failing}个事项未通过报送检查")
        if self.overdue:
            found.append(f"{self.overdue}个事项逾期未更新")
        if self.continuity is not None and self.continuity.severity in ("warning", "danger"):
            found.append(f"{self.continuity.label}：{self.continuity_note}")
        if not self.key_ids:
            found.append("没有有效的签名密钥")
        return found

    def rank_key(self) -> tuple[Any, ...]:
        standing = list(Standing).index(self.standing) if self.standing else 0
        received = self.round_received or self.last_received or dt.datetime.max
        return (
            self.packages == 0,
            standing,
            len(self.empty_categories),
            self.failing,
            self.overdue,
            received,
            self.org_code,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "org_code": self.org_code,
            "name": self.name,
            "parent_unit": self.parent_unit,
            "key_ids": list(self.key_ids),
            "revoked_keys": list(self.revoked_keys),
            "packages": self.packages,
            "last_sequence": self.last_sequence,
            "last_received": _iso(self.last_received),
            "days_since_last": self.days_since_last,
            "items": self.items,
            "statuses": self.statuses,
            "categories": self.categories,
            "empty_categories": list(self.empty_categories),
            "failing": self.failing,
            "overdue": self.overdue,
            "continuity": self.continuity.value if self.continuity else None,
            "continuity_note": self.continuity_note,
            "severity": self.severity,
            "round": None
            if self.standing is None
            else {"standing": self.standing.value, "received": _iso(self.round_received)},
        }


def _iso(when: dt.datetime | None) -> str | None:
    if when is None:
        return None
    return when.replace(tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class StatusReport:
    stations: list[StationStatus]
    today: dt.date
    round: Round | None = None
    categories: tuple[tuple[str, str], ...] = field(default_factory=standard_categories)

    def count(self, standing: Standing) -> int:
        return sum(1 for s in self.stations if s.standing is standing)

    @property
    def expected(self) -> int:
        return len(self.stations)

    @property
    def received(self) -> int:
        return self.count(Standing.ON_TIME) + self.count(Standing.LATE)

    @property
    def reporting_rate(self) -> float:
        return self.received / self.expected if self.expected else 0.0

    @property
    def on_time_rate(self) -> float:
        return self.count(Standing.ON_TIME) / self.expected if self.expected else 0.0

    def ranked(self) -> list[StationStatus]:
        return sorted(self.stations, key=StationStatus.rank_key)

    def summary(self) -> str:
        text = f"登记单位{self.expected}个"
        if self.round is not None:
            text += (
                f"；{self.round.describe()}：已报送{self.received}个（按时"
                f"{self.count(Standing.ON_TIME)}个、逾期{self.count(Standing.LATE)}个），"
                f"未报送{self.count(Standing.MISSING)}个"
            )
            if self.count(Standing.PENDING):
                text += f"、尚未到截止日{self.count(Standing.PENDING)}个"
            text += f"；报送率{self.reporting_rate:.0%}，按时报送率{self.on_time_rate:.0%}"
        else:
            text += f"，已有报送{sum(1 for s in self.stations if s.packages)}个"
        return text

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "today": self.today.isoformat(),
            "categories": [{"code": c, "name": n} for c, n in self.categories],
            "stations": [s.to_dict() for s in self.stations],
        }
        if self.round is not None:
            data["round"] = {
                **self.round.to_dict(),
                "expected": self.expected,
                "received": self.received,
                "on_time": self.count(Standing.ON_TIME),
                "late": self.count(Standing.LATE),
                "missing": self.count(Standing.MISSING),
                "pending": self.count(Standing.PENDING),
                "reporting_rate": round(self.reporting_rate, 4),
                "on_time_rate": round(self.on_time_rate, 4),
            }
        return data


def _standing(
    round_: Round, received: dt.datetime | None, today: dt.date
) -> tuple[Standing, dt.datetime | None]:
    if received is None:
        return (Standing.PENDING if today <= round_.due_on else Standing.MISSING), None
    on_time = local_day(received) <= round_.due_on
    return (Standing.ON_TIME if on_time else Standing.LATE), received


def status(
    db: BureauDatabase,
    round_: Round | None = None,
    today: dt.date | None = None,
    org_codes: Sequence[str] | None = None,
) -> StatusReport:
    """The status of every registered station (or of ``org_codes``), optionally in a
    round, as of ``today``."""
    today = today or dt.date.today()
    codes = [c for c, _ in standard_categories()]
    with db.read() as session:
        stations_stmt = select(StationRow).order_by(StationRow.org_code)
        if org_codes is not None:
            stations_stmt = stations_stmt.where(StationRow.org_code.in_(list(org_codes)))
        stations = session.scalars(stations_stmt).all()
        keys: dict[int, tuple[list[str], list[str]]] = {}
        for station_id, key_id, state in session.execute(
            select(KeyRow.station_id, KeyRow.key_id, KeyRow.status).where(
                KeyRow.owner == STATION, KeyRow.station_id.is_not(None)
            )
        ):
            assert station_id is not None
            active, revoked = keys.setdefault(station_id, ([], []))
            (revoked if state == REVOKED else active).append(key_id)
        totals = {
            station_id: (count, last_sequence, last_received)
            for station_id, count, last_sequence, last_received in session.execute(
                select(
                    PackageRow.station_id,
                    func.count(),
                    func.max(PackageRow.sequence),
                    func.max(PackageRow.received_at),
                ).group_by(PackageRow.station_id)
            )
        }
        current = {
            row.station_id: row
            for row in session.execute(
                select(
                    PackageRow.station_id,
                    PackageRow.summary,
                    PackageRow.continuity,
                    PackageRow.continuity_note,
                ).where(CURRENT_PACKAGE)
            )
        }
        in_round: dict[int, dt.datetime] = {}
        if round_ is not None:
            in_round = dict(
                session.execute(
                    select(PackageRow.station_id, func.min(PackageRow.received_at))
                    .where(PackageRow.received_at >= utc_start_of(round_.opens_on))
                    .group_by(PackageRow.station_id)
                ).all()
            )
    rows = []
    for station in stations:
        count, last_sequence, last_received = totals.get(station.id, (0, None, None))
        package = current.get(station.id)
        summary: dict[str, Any] = package.summary if package is not None else {}
        categories = dict(summary.get("categories", {}))
        due = summary.get("due", [])
        standing = received = None
        if round_ is not None:
            standing, received = _standing(round_, in_round.get(station.id), today)
        active, revoked = keys.get(station.id, ([], []))
        rows.append(
            StationStatus(
                org_code=station.org_code,
                name=station.name,
                parent_unit=station.parent_unit,
                key_ids=tuple(sorted(active)),
                revoked_keys=tuple(sorted(revoked)),
                packages=count,
                last_sequence=last_sequence,
                last_received=last_received,
                items=int(summary.get("items", 0)),
                statuses=dict(summary.get("statuses", {})),
                categories=categories,
                empty_categories=tuple(c for c in codes if not categories.get(c))
                if package is not None
                else tuple(codes),
                failing=int(summary.get("failing", 0)),
                overdue=bisect.bisect_left(due, today.isoformat()),
                continuity=Continuity(package.continuity) if package is not None else None,
                continuity_note=package.continuity_note if package is not None else "",
                days_since_last=(today - local_day(last_received)).days if last_received else None,
                standing=standing,
                round_received=received,
            )
        )
    return StatusReport(rows, today, round_)
