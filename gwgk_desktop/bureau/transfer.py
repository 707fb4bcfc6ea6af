"""Moving a bureau database from SQLite to PostgreSQL (``gwgk bureau copy``): every table,
rows and ids as they are, into an empty PostgreSQL bureau database, in one transaction
(nothing is left half-copied), then the id sequences set past the copied ids and the row
counts of both sides compared. The SQLite file is only read."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, func, select, text, update
from sqlalchemy.orm import Session

from gwgk_desktop.bureau.bulk import copy_rows
from gwgk_desktop.bureau.database import BureauDatabase, open_bureau
from gwgk_desktop.bureau.models import (
    ItemContentRow,
    ItemRecord,
    KeyRow,
    Office,
    PackageChunk,
    PackageRow,
    Rejection,
    ReplayState,
    RoundRow,
    StationRow,
)
from gwgk_desktop.errors import UserError
from gwgk_desktop.progress import SILENT, Cancelled, Progress, step

#: In the order foreign keys allow; the office row is updated, not copied.
TABLES = (
    StationRow,
    KeyRow,
    RoundRow,
    ReplayState,
    Rejection,
    PackageRow,
    PackageChunk,
    ItemRecord,
    ItemContentRow,
)
#: Rows read from SQLite at a time.
BATCH = 2000


@dataclass(frozen=True)
class CopyReport:
    source: str
    target: str
    rows: dict[str, int]

    def summary(self) -> str:
        parts = "，".join(f"{name} {count}" for name, count in self.rows.items())
        return f"已从 {self.source} 复制到 {self.target}：{parts}"


def _rows(session: Session, table: Table) -> Iterator[Mapping[str, Any]]:
    stmt = select(table).order_by(*table.primary_key.columns)
    names = [c.name for c in table.columns]
    for row in session.execute(stmt.execution_options(yield_per=BATCH)):
        yield dict(zip(names, row, strict=True))


def _count(session: Session, table: Table) -> int:
    return int(session.scalar(select(func.count()).select_from(table)) or 0)


class CopyCancelled(Cancelled):
    def __init__(self) -> None:
        super().__init__("已取消复制，目标数据库未作改动", "copy cancelled")


def copy_database(source: str, target: str, progress: Progress = SILENT) -> CopyReport:
    """Copy the SQLite bureau database ``source`` into the PostgreSQL one at ``target``
    (created if new, and refused unless it holds no bureau data yet), in one transaction:
    a failure or a cancel leaves the target as it was."""
    with open_bureau(source) as sqlite_db, open_bureau(target, create=True) as pg_db:
        if not sqlite_db.is_sqlite or pg_db.is_sqlite:
            raise UserError(
                "只能从 SQLite 文件复制到 PostgreSQL 数据库", "copy goes from SQLite to PostgreSQL"
            )
        return _copy(sqlite_db, pg_db, progress)


def _copy(sqlite_db: BureauDatabase, pg_db: BureauDatabase, progress: Progress) -> CopyReport:
    tables = [cast(Table, model.__table__) for model in TABLES]
    with pg_db.write() as target:
        occupied = [t.name for t in tables if _count(target, t)]
        if occupied:
            raise UserError(
                f"目标 PostgreSQL 数据库中已有市局端数据（{'、'.join(occupied)}），未作任何改动；"
                "请换一个空数据库",
                f"target already holds data in {', '.join(occupied)}; nothing was changed",
            )
        counts: dict[str, int] = {}
        with sqlite_db.read() as source:
            office = source.get(Office, 1)
            if office is not None:
                target.execute(update(Office).values(name=office.name))
            for done, table in enumerate(tables):
                step(progress, done, len(tables), f"正在复制 {table.name}", CopyCancelled)
                counts[table.name] = copy_rows(target, table, _rows(source, table))
        for table in tables:
            if "id" in table.columns and table.c.id.autoincrement is not False:
                target.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                    )
                )
        for table in tables:
            if _count(target, table) != counts[table.name]:
                raise UserError(
                    f"复制后 {table.name} 的行数不符，已全部撤销",
                    f"row count of {table.name} differs",
                )
    progress.report(len(tables), len(tables), "复制完成")
    return CopyReport(sqlite_db.label, pg_db.label, counts)
