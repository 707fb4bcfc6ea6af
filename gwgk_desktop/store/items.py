"""Finding an item's rows inside a session and turning them into ``domain.models.Item``:
the item, a revision of it, the revision in force, the operators' names, the next 索引号
(one, or many at once).
The catalogue's item services share these; none of them lets a row leave its session.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.index_number import MAX_SERIAL, IndexNumber
from gwgk_desktop.domain.models import Item
from gwgk_desktop.errors import Conflict, NotFound, UserError, item_not_found
from gwgk_desktop.store.item_content import read_content
from gwgk_desktop.store.models import IndexCounter, RevisionRow
from gwgk_desktop.store.models import ItemRow as ItemTable
from gwgk_desktop.store.models import Operator as OperatorRow
from gwgk_desktop.store.row_mapping import LIVE_STATUSES, item_value


def item_row(session: Session, item_id: int, allow_deleted: bool = False) -> ItemTable:
    item = session.get(ItemTable, item_id)
    if item is None or (item.deleted_at is not None and not allow_deleted):
        raise item_not_found(item_id)
    return item


def revision(item: ItemTable, number: int | None) -> RevisionRow:
    """Revision ``number`` of ``item``, or its head when None."""
    for rev in item.revisions:
        if (number is None and rev.is_head) or rev.revision == number:
            return rev
    raise NotFound(f"找不到该事项的第{number}版", "no such revision")


def live_revision(session: Session, item_id: int) -> RevisionRow | None:
    """The revision in force (approved or published, not superseded), if any."""
    return session.scalars(
        select(RevisionRow)
        .where(
            RevisionRow.item_id == item_id,
            RevisionRow.superseded.is_(False),
            RevisionRow.status.in_(LIVE_STATUSES),
        )
        .order_by(RevisionRow.revision.desc())
    ).first()


def operator_names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(OperatorRow.id, OperatorRow.display_name).where(OperatorRow.id.in_(wanted))
    )
    # .all(): dict() would take a Result for a mapping, since it has keys().
    return dict(rows.all())


def to_item(
    session: Session,
    item: ItemTable,
    rev: RevisionRow,
    names: dict[int, str] | None = None,
    with_live: bool = True,
) -> Item:
    """Revision ``rev`` of ``item`` as a plain ``Item``. ``names`` (operator id → name)
    saves a query per item in bulk; so does ``with_live=False``, which leaves
    ``live_revision`` unset."""
    if names is None:
        names = operator_names(session, {rev.updated_by_id, rev.submitted_by_id})
    live = None
    if with_live and rev.is_head and rev.status not in workflow.LIVE:
        live_rev = live_revision(session, item.id)
        live = live_rev.revision if live_rev else None
    return item_value(item, rev, read_content(session, item, rev), names, live)


def allocate_index_number(session: Session, org_code: str, year: int) -> str:
    """The next free 索引号 for ``org_code`` and ``year``; serials are never handed out twice.

    Must run inside a write (``BEGIN IMMEDIATE``) transaction, which serialises concurrent
    processes on the counter row.
    """
    return allocate_index_numbers(session, org_code, year, 1)[0]


def allocate_index_numbers(session: Session, org_code: str, year: int, count: int) -> list[str]:
    """The next ``count`` free 索引号 in order (see ``allocate_index_number``), with one
    query per 900 numbers for those already taken (by an item brought in with its number,
    say)."""
    counter = session.get(IndexCounter, (org_code, year))
    if counter is None:
        counter = IndexCounter(org_code=org_code, year=year, last_serial=0)
        session.add(counter)
    numbers: list[str] = []
    serial = counter.last_serial
    while len(numbers) < count:
        wanted = min(count - len(numbers), 900)
        if serial + wanted > MAX_SERIAL:
            raise UserError(
                f"{year}年的索引号已用完（最多{MAX_SERIAL}个）", "index serials exhausted"
            )
        candidates = [
            str(IndexNumber(org_code, year, s)) for s in range(serial + 1, serial + wanted + 1)
        ]
        taken = set(
            session.scalars(
                select(ItemTable.index_number).where(ItemTable.index_number.in_(candidates))
            )
        )
        numbers += [n for n in candidates if n not in taken]
        serial += wanted
    counter.last_serial = serial
    session.flush()
    return numbers


def check_kept_numbers(session: Session, org_code: str, numbers: Sequence[str]) -> None:
    """索引号 brought along by new items must be this station's, well formed, each once,
    and not taken (a number is never given to two items)."""
    kept = [n for n in numbers if n]
    for number in kept:
        try:
            parsed = IndexNumber.parse(number)
        except ValueError as error:
            raise UserError(str(error), f"malformed index number {number!r}") from error
        if parsed.org_code != org_code:
            raise UserError(
                f"索引号“{number}”不是本单位的（前段码应为 {org_code}）",
                f"index number {number} belongs to another organisation",
            )
    if len(set(kept)) != len(kept):
        raise UserError("同一个索引号不能给两个事项", "duplicate index numbers")
    for start in range(0, len(kept), 900):
        taken = session.scalars(
            select(ItemTable.index_number).where(
                ItemTable.index_number.in_(kept[start : start + 900])
            )
        ).first()
        if taken is not None:
            raise Conflict(
                f"索引号“{taken}”已被本单位的另一事项使用", f"index number {taken} is taken"
            )
