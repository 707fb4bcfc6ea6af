"""Reporting rounds: the office sets a round (e.g. 集中填报, opens 9月10日, due 9月20日), and
a station has reported in it when a package of its arrives on or after the opening day; on
time when that was by the due date (the day of receipt at the bureau counts, as a postmark
would)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.models import RoundRow
from gwgk_desktop.errors import Conflict, NotFound, UserError


@dataclass(frozen=True)
class Round:
    id: int
    name: str
    opens_on: dt.date
    due_on: dt.date
    note: str = ""

    def describe(self) -> str:
        return (
            f"{self.name}（{self.opens_on.month}月{self.opens_on.day}日至"
            f"{self.due_on.month}月{self.due_on.day}日，{self.due_on.year}年）"
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "opens_on": self.opens_on.isoformat(),
            "due_on": self.due_on.isoformat(),
            "note": self.note,
        }


def _round(row: RoundRow) -> Round:
    return Round(row.id, row.name, row.opens_on, row.due_on, row.note)


def _check(name: str, opens_on: dt.date, due_on: dt.date) -> str:
    name = name.strip()
    if not name:
        raise UserError("请填写报送轮次的名称（如“集中填报”）", "round name is empty")
    if len(name) > 100:
        raise UserError("报送轮次的名称太长（最多100个字）", "round name too long")
    if due_on < opens_on:
        raise UserError("截止日期不能早于开始日期", "due date before opening date")
    return name


def rounds(db: BureauDatabase) -> list[Round]:
    """Every round, the latest first."""
    with db.read() as session:
        rows = session.scalars(select(RoundRow).order_by(RoundRow.opens_on.desc(), RoundRow.id))
        return [_round(r) for r in rows]


def add_round(
    db: BureauDatabase, name: str, opens_on: dt.date, due_on: dt.date, note: str = ""
) -> Round:
    name = _check(name, opens_on, due_on)
    try:
        with db.write() as session:
            row = RoundRow(name=name, opens_on=opens_on, due_on=due_on, note=note.strip())
            session.add(row)
            session.flush()
            return _round(row)
    except IntegrityError as error:
        raise Conflict(f"已有名为“{name}”的报送轮次", f"round {name!r} exists") from error


def update_round(
    db: BureauDatabase, round_id: int, name: str, opens_on: dt.date, due_on: dt.date, note: str
) -> Round:
    name = _check(name, opens_on, due_on)
    try:
        with db.write() as session:
            row = session.get(RoundRow, round_id)
            if row is None:
                raise NotFound("该报送轮次已不存在", f"no round {round_id}")
            row.name, row.opens_on, row.due_on, row.note = name, opens_on, due_on, note.strip()
            session.flush()
            return _round(row)
    except IntegrityError as error:
        raise Conflict(f"已有名为“{name}”的报送轮次", f"round {name!r} exists") from error


def delete_round(db: BureauDatabase, round_id: int) -> None:
    with db.write() as session:
        row = session.get(RoundRow, round_id)
        if row is None:
            raise NotFound("该报送轮次已不存在", f"no round {round_id}")
        session.delete(row)


def find_round(db: BureauDatabase, ref: str) -> Round:
    """A round by its number or its name."""
    text = ref.strip()
    with db.read() as session:
        row = None
        if text.isdigit():
            row = session.get(RoundRow, int(text))
        if row is None:
            row = session.scalars(select(RoundRow).where(RoundRow.name == text)).first()
        if row is None:
            raise NotFound(f"没有报送轮次“{text}”", f"no round {text!r}")
        return _round(row)


def latest_round(db: BureauDatabase, today: dt.date | None = None) -> Round | None:
    """The round opened most recently (by ``today``), if any."""
    today = today or dt.date.today()
    opened = [r for r in rounds(db) if r.opens_on <= today]
    return opened[0] if opened else None
