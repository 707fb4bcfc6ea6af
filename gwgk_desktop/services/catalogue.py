"""Catalogue, licensing and fee items: create, edit (in place or as a new revision), list,
search, soft-delete, attachments, and the review workflow.

The GUI's table asks for ordered ids (``search_ids``) and fetches rows for the visible ones
(``rows``), so 20,000 items never become 20,000 objects at once.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import uuid as uuid_module
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session, aliased, joinedload

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.enums import ItemKind, Level, Status
from gwgk_desktop.domain.models import (
    Actor,
    Attachment,
    Category,
    Channel,
    Item,
    ItemContent,
    ItemRow,
    ServiceGuide,
    Stage,
    Transition,
)
from gwgk_desktop.domain.serialize import content_to_dict, diff
from gwgk_desktop.domain.validation import Problem, Strictness, errors, validate_content
from gwgk_desktop.domain.workflow import Action, WorkflowRefusal
from gwgk_desktop.errors import Conflict, NotFound, PermissionDenied, UserError, ValidationFailed
from gwgk_desktop.services import privacy
from gwgk_desktop.store import audit, blobs
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.item_content import read_content, write_content
from gwgk_desktop.store.items import (
    LIVE_STATUSES,
    allocate_index_number,
    item_row,
    live_revision,
    revision,
    text_matching,
    to_item,
)
from gwgk_desktop.store.models import (
    AuditRow,
    CategoryRow,
    ChannelRow,
    RevisionRow,
    StageRow,
    TransitionRow,
)
from gwgk_desktop.store.models import ItemRow as ItemTable
from gwgk_desktop.store.models import Operator as OperatorRow
from gwgk_desktop.store.station import station_row
from gwgk_desktop.store.types import utcnow


class SortKey(Enum):
    INDEX = "index_number"
    NAME = "name"
    STATUS = "status"
    UPDATED = "updated_at"
    CATEGORY = "category"
    LEVEL = "level"
    KIND = "kind"


@dataclass(frozen=True)
class ItemQuery:
    """A filter over the head revisions of items (what the item table shows)."""

    text: str = ""
    category_id: int | None = None
    kind: ItemKind | None = None
    statuses: frozenset[Status] = frozenset()
    level: Level | None = None
    #: Only items whose 下次更新日期 is before this date.
    overdue_on: dt.date | None = None
    #: List soft-deleted items (the recycle bin) instead of live ones.
    deleted: bool = False
    sort: SortKey = SortKey.INDEX
    descending: bool = False


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    operator: str
    action: str
    summary: str
    before: dict[str, object] = field(default_factory=dict)
    after: dict[str, object] = field(default_factory=dict)


def new_content(
    kind: ItemKind,
    category: Category | None,
    station_name: str,
    today: dt.date | None = None,
) -> ItemContent:
    """A blank item with the defaults a clerk would otherwise type every time."""
    content = ItemContent(
        kind=kind,
        category_id=category.id if category else None,
        subject=station_name,
        publisher=station_name,
        lead_unit=category.lead_unit if category else "",
        responsible_unit=category.responsible_unit if category else "",
        level1=category.name if category else "",
        generated_date=today or dt.date.today(),
    )
    if kind is ItemKind.LICENSING:
        content.guide = ServiceGuide(department=station_name)
        content.content = "受理部门、办理条件、办理流程、所需材料、办理时限、收费依据及标准"
    return content


class Catalogue:
    """Every read and write of items goes through here."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # ---------------------------------------------------------------- reference data
    def categories(self, include_inactive: bool = False) -> list[Category]:
        with self.db.read() as session:
            stmt = select(CategoryRow).order_by(CategoryRow.sort_order, CategoryRow.code)
            if not include_inactive:
                stmt = stmt.where(CategoryRow.active)
            return [
                Category(
                    r.id,
                    r.code,
                    r.name,
                    r.description,
                    r.lead_unit,
                    r.responsible_unit,
                    r.sort_order,
                )
                for r in session.scalars(stmt)
            ]

    def channels(self) -> list[Channel]:
        with self.db.read() as session:
            stmt = select(ChannelRow).where(ChannelRow.active).order_by(ChannelRow.sort_order)
            return [Channel(r.code, r.name) for r in session.scalars(stmt)]

    def stages(self) -> list[Stage]:
        with self.db.read() as session:
            stmt = select(StageRow).order_by(StageRow.sort_order)
            return [
                Stage(r.code, r.name, r.start_date, r.end_date, r.description)
                for r in session.scalars(stmt)
            ]

    # ---------------------------------------------------------------- queries
    def _filtered(self, stmt: Select[Any], query: ItemQuery) -> Select[Any]:
        stmt = stmt.where(RevisionRow.is_head)
        if query.deleted:
            stmt = stmt.where(ItemTable.deleted_at.is_not(None))
        else:
            stmt = stmt.where(ItemTable.deleted_at.is_(None))
        if query.category_id is not None:
            stmt = stmt.where(RevisionRow.category_id == query.category_id)
        if query.kind is not None:
            stmt = stmt.where(ItemTable.kind == query.kind)
        if query.statuses:
            stmt = stmt.where(RevisionRow.status.in_([s.value for s in query.statuses]))
        if query.level is not None:
            stmt = stmt.where(RevisionRow.level == query.level)
        if query.overdue_on is not None:
            stmt = stmt.where(RevisionRow.update_due < query.overdue_on)
        matching = text_matching(query.text)
        if matching is not None:
            stmt = stmt.where(ItemTable.id.in_(matching))
        return stmt

    def text_matches(self, text: str) -> set[int] | None:
        """Ids of the items whose searched text (see ``search_text``) contains every word
        of ``text``; None when ``text`` has no words. ``search_ids`` applies the same test,
        so a caller holding the ordered ids of a query without text may narrow them by
        this set instead of ordering all rows again for every keystroke."""
        matching = text_matching(text)
        if matching is None:
            return None
        with self.db.read() as session:
            return set(session.execute(matching).scalars())

    def search_ids(self, query: ItemQuery = ItemQuery()) -> list[int]:
        """Ids of the items matching ``query``, in the requested order."""
        orders: dict[SortKey, list[Any]] = {
            SortKey.INDEX: [ItemTable.index_number],
            SortKey.NAME: [RevisionRow.name, ItemTable.index_number],
            SortKey.STATUS: [RevisionRow.status, ItemTable.index_number],
            SortKey.UPDATED: [RevisionRow.updated_at, ItemTable.index_number],
            SortKey.CATEGORY: [RevisionRow.category_id, ItemTable.index_number],
            SortKey.LEVEL: [RevisionRow.level, ItemTable.index_number],
            SortKey.KIND: [ItemTable.kind, ItemTable.index_number],
        }
        order_columns = orders[query.sort]
        stmt = self._filtered(
            select(ItemTable.id).join(RevisionRow, RevisionRow.item_id == ItemTable.id), query
        )
        stmt = stmt.order_by(*[c.desc() if query.descending else c for c in order_columns])
        with self.db.read() as session:
            return list(session.scalars(stmt))

    def count(self, query: ItemQuery = ItemQuery()) -> int:
        stmt = self._filtered(
            select(func.count())
            .select_from(ItemTable)
            .join(RevisionRow, RevisionRow.item_id == ItemTable.id),
            query,
        )
        with self.db.read() as session:
            return int(session.scalar(stmt) or 0)

    def rows(self, ids: Sequence[int]) -> list[ItemRow]:
        """Table rows for ``ids``, in the same order (missing ids are skipped)."""
        if not ids:
            return []
        live = aliased(RevisionRow)
        live_revision = (
            select(func.max(live.revision))
            .where(
                live.item_id == ItemTable.id,
                live.is_head.is_(False),
                live.superseded.is_(False),
                live.status.in_(LIVE_STATUSES),
            )
            .correlate(ItemTable)
            .scalar_subquery()
        )
        stmt = select(
            ItemTable.id,
            ItemTable.uuid,
            ItemTable.kind,
            RevisionRow.category_id,
            RevisionRow.name,
            RevisionRow.level1,
            RevisionRow.status,
            RevisionRow.level,
            ItemTable.index_number,
            RevisionRow.revision,
            RevisionRow.updated_at,
            RevisionRow.update_due,
            live_revision,
        ).join(RevisionRow, and_(RevisionRow.item_id == ItemTable.id, RevisionRow.is_head))
        found: dict[int, ItemRow] = {}
        with self.db.read() as session:
            for start in range(0, len(ids), 900):
                chunk = list(ids[start : start + 900])
                for r in session.execute(stmt.where(ItemTable.id.in_(chunk))):
                    found[r[0]] = ItemRow(*r)  # type: ignore[call-arg]
        return [found[i] for i in ids if i in found]

    def list_rows(self, query: ItemQuery = ItemQuery()) -> list[ItemRow]:
        return self.rows(self.search_ids(query))

    def status_counts(self) -> dict[tuple[ItemKind, int | None], dict[Status, int]]:
        """Counts of live (not deleted) items by (kind, category) and status."""
        stmt = (
            select(ItemTable.kind, RevisionRow.category_id, RevisionRow.status, func.count())
            .join(RevisionRow, and_(RevisionRow.item_id == ItemTable.id, RevisionRow.is_head))
            .where(ItemTable.deleted_at.is_(None))
            .group_by(ItemTable.kind, RevisionRow.category_id, RevisionRow.status)
        )
        counts: dict[tuple[ItemKind, int | None], dict[Status, int]] = {}
        with self.db.read() as session:
            for kind, category_id, status, n in session.execute(stmt):
                counts.setdefault((kind, category_id), {})[status] = n
        return counts

    def resolve(self, ref: str | int) -> int:
        """An item id from an id, a UUID or a 索引号 (for the CLI)."""
        text = str(ref).strip()
        with self.db.read() as session:
            if text.isdigit():
                found = session.get(ItemTable, int(text))
            else:
                found = session.scalars(
                    select(ItemTable).where(
                        or_(ItemTable.uuid == text, ItemTable.index_number == text)
                    )
                ).first()
            if found is None:
                raise NotFound(f"找不到事项：{text}", f"no such item: {text}")
            return found.id

    def get(self, item_id: int, number: int | None = None) -> Item:
        """An item's head revision, or revision ``number``."""
        with self.db.read() as session:
            item = item_row(session, item_id, allow_deleted=True)
            return to_item(session, item, revision(item, number))

    def live(self, item_id: int) -> Item | None:
        """The revision in force (approved or published), if any."""
        with self.db.read() as session:
            item = item_row(session, item_id, allow_deleted=True)
            rev = live_revision(session, item.id)
            return to_item(session, item, rev) if rev else None

    def iter_items(
        self,
        query: ItemQuery = ItemQuery(),
        *,
        in_force: bool = False,
        batch: int = 400,
    ) -> Iterator[Item]:
        """Items matching ``query`` in its order, loaded in batches (for checks, printing
        and export). With ``in_force`` each item's approved/published revision is given
        instead of its head, and items with none are skipped."""
        ids = self.search_ids(query)
        with self.db.read() as session:
            names = dict(session.execute(select(OperatorRow.id, OperatorRow.display_name)).all())
            for start in range(0, len(ids), batch):
                chunk = ids[start : start + batch]
                stmt = (
                    select(RevisionRow)
                    .options(joinedload(RevisionRow.item))
                    .where(RevisionRow.item_id.in_(chunk))
                )
                if in_force:
                    stmt = stmt.where(
                        RevisionRow.superseded.is_(False), RevisionRow.status.in_(LIVE_STATUSES)
                    )
                else:
                    stmt = stmt.where(RevisionRow.is_head)
                chosen: dict[int, RevisionRow] = {}
                for rev in session.scalars(stmt):
                    current = chosen.get(rev.item_id)
                    if current is None or rev.revision > current.revision:
                        chosen[rev.item_id] = rev
                for item_id in chunk:
                    found = chosen.get(item_id)
                    if found is not None:
                        # live_revision is left unset here: one query per item is too dear
                        # in bulk, and bulk readers ask for what they need explicitly.
                        yield to_item(session, found.item, found, names=names, with_live=False)
                session.expunge_all()

    def revisions(self, item_id: int) -> list[Item]:
        with self.db.read() as session:
            item = item_row(session, item_id, allow_deleted=True)
            return [to_item(session, item, rev) for rev in item.revisions]

    def history(self, item_id: int) -> list[HistoryEntry]:
        """Who did what to an item, oldest first (from the audit log)."""
        with self.db.read() as session:
            item = item_row(session, item_id, allow_deleted=True)
            stmt = (
                select(AuditRow)
                .where(AuditRow.entity == "item", AuditRow.entity_uuid == item.uuid)
                .order_by(AuditRow.id)
            )
            return [
                HistoryEntry(
                    r.at, r.operator_name, r.action, r.summary, r.before or {}, r.after or {}
                )
                for r in session.scalars(stmt)
            ]

    def transitions(self, item_id: int) -> list[Transition]:
        with self.db.read() as session:
            item = item_row(session, item_id, allow_deleted=True)
            return [
                Transition(t.action, t.from_status, t.to_status, t.at, t.operator_name, t.comment)
                for rev in item.revisions
                for t in rev.transitions
            ]

    def problems(
        self, content: ItemContent, strictness: Strictness = Strictness.SUBMIT
    ) -> list[Problem]:
        """Validate against this database's categories and channels."""
        with self.db.read() as session:
            return self._problems(session, content, strictness)

    # ---------------------------------------------------------------- changes
    def create(self, actor: Actor, content: ItemContent) -> Item:
        self._require_editor(actor)
        with self.db.write() as session:
            self._raise_on_errors(session, content, Strictness.SAVE)
            station = station_row(session)
            number = allocate_index_number(session, station.org_code, dt.date.today().year)
            item = ItemTable(
                uuid=str(uuid_module.uuid4()),
                kind=content.kind,
                index_number=number,
                created_by_id=actor.operator_id,
            )
            session.add(item)
            rev = RevisionRow(item=item, revision=1, is_head=True, status=Status.DRAFT)
            session.add(rev)
            _stamp(rev, actor)
            write_content(session, rev, content)
            session.flush()
            after = content_to_dict(content)
            audit.append(
                session,
                actor,
                "item.create",
                "item",
                item.uuid,
                f"新建{content.kind.label}“{content.name}”（{number}）",
                after=after,
            )
            return to_item(session, item, rev)

    def update(self, actor: Actor, item_id: int, content: ItemContent, base_revision: int) -> Item:
        """Save an edit made on top of revision ``base_revision``.

        A draft is changed in place; an approved, published or withdrawn item gets a new
        draft revision and the old one stays in force until the new one is approved.
        """
        with self.db.write() as session:
            item = item_row(session, item_id)
            head = revision(item, None)
            if head.revision != base_revision:
                raise Conflict(
                    f"“{head.name}”已被他人修改（现为第{head.revision}版），请重新打开后再编辑",
                    "item changed since it was opened",
                )
            if content.kind is not item.kind:
                raise UserError("不能改变事项的类型", "item kind cannot change")
            reason = workflow.can_edit(head.status, actor.role)
            if reason:
                raise PermissionDenied(reason, "not allowed to edit")
            self._raise_on_errors(session, content, Strictness.SAVE)
            before = content_to_dict(read_content(session, item, head))
            after = content_to_dict(content)
            if head.status in workflow.EDITABLE:
                target = head
                action, summary = "item.update", f"修改“{content.name}”"
            else:
                head.is_head = False
                session.flush()
                target = RevisionRow(
                    item=item, revision=head.revision + 1, is_head=True, status=Status.DRAFT
                )
                session.add(target)
                action = "item.revise"
                summary = (
                    f"修改{head.status.label}的“{content.name}”，生成第{target.revision}版草稿"
                )
            _stamp(target, actor)
            write_content(session, target, content)
            session.flush()
            old, new = diff(before, after)
            audit.append(session, actor, action, "item", item.uuid, summary, before=old, after=new)
            return to_item(session, item, target)

    def delete(self, actor: Actor, item_id: int) -> None:
        """Soft-delete (into the recycle bin); ``restore`` undoes it."""
        self._require_editor(actor)
        with self.db.write() as session:
            item = item_row(session, item_id)
            if live_revision(session, item.id) is not None:
                raise PermissionDenied(
                    "已审核或已公开的事项不能直接删除，请先撤回公开",
                    "withdraw before deleting",
                )
            item.deleted_at = utcnow()
            item.deleted_by_id = actor.operator_id
            audit.append(
                session,
                actor,
                "item.delete",
                "item",
                item.uuid,
                f"删除“{item.revisions[-1].name}”（可恢复）",
            )

    def restore(self, actor: Actor, item_id: int) -> None:
        self._require_editor(actor)
        with self.db.write() as session:
            item = item_row(session, item_id, allow_deleted=True)
            if item.deleted_at is None:
                return
            item.deleted_at = None
            item.deleted_by_id = None
            audit.append(
                session,
                actor,
                "item.restore",
                "item",
                item.uuid,
                f"恢复“{item.revisions[-1].name}”",
            )

    def transition(
        self,
        actor: Actor,
        item_id: int,
        action: Action,
        *,
        comment: str = "",
        publish_date: dt.date | None = None,
    ) -> Item:
        """Move an item through the review workflow (see ``domain.workflow``)."""
        with self.db.write() as session:
            item = item_row(session, item_id)
            rev = revision(item, None)
            if action is Action.WITHDRAW and rev.status not in workflow.LIVE:
                rev = live_revision(session, item.id) or rev
            try:
                rule = workflow.check(
                    action,
                    rev.status,
                    actor.role,
                    actor_is_submitter=(
                        rev.submitted_by_id is not None and rev.submitted_by_id == actor.operator_id
                    ),
                    comment=comment,
                    has_date=publish_date is not None,
                )
            except WorkflowRefusal as refusal:
                raise PermissionDenied(refusal.message, "transition refused") from refusal
            if action in (Action.SUBMIT, Action.APPROVE):
                content = read_content(session, item, rev)
                self._raise_on_errors(
                    session,
                    content,
                    Strictness.SUBMIT,
                    message=f"“{rev.name}”还有未填写完整的内容，不能{action.label}：",
                )
                # No ID or bank card number goes further (domain.privacy.CHECKED_ACTIONS).
                privacy.refuse_if_blocked(
                    session, item.id, item.index_number, content, action.label
                )
            old_status = rev.status
            rev.status = rule.target
            if action is Action.SUBMIT:
                rev.submitted_by_id = actor.operator_id
            if action is Action.PUBLISH:
                rev.published_on = publish_date
            if action is Action.APPROVE:
                for other in item.revisions:
                    if other.id != rev.id and other.status in workflow.LIVE:
                        other.superseded = True
            rev.transitions.append(
                TransitionRow(
                    action=action.value,
                    from_status=old_status,
                    to_status=rule.target,
                    operator_id=actor.operator_id,
                    operator_name=actor.display_name,
                    comment=comment,
                )
            )
            extra = f"：{comment}" if comment else ""
            audit.append(
                session,
                actor,
                f"item.{action.value}",
                "item",
                item.uuid,
                f"{action.label}“{rev.name}”第{rev.revision}版{extra}",
                before={"status": old_status.value, "revision": rev.revision},
                after={
                    "status": rule.target.value,
                    "revision": rev.revision,
                    "comment": comment,
                    "published_on": publish_date.isoformat() if publish_date else None,
                },
            )
            session.flush()
            return to_item(session, item, rev)

    def allowed(self, actor: Actor, item_id: int, action: Action) -> str | None:
        """Why ``actor`` may not perform ``action`` on the item now; None if allowed."""
        with self.db.read() as session:
            item = item_row(session, item_id)
            rev = revision(item, None)
            if action is Action.WITHDRAW and rev.status not in workflow.LIVE:
                rev = live_revision(session, item.id) or rev
            return workflow.refusal_reason(
                action,
                rev.status,
                actor.role,
                actor_is_submitter=rev.submitted_by_id == actor.operator_id,
            )

    # ---------------------------------------------------------------- attachments
    def add_blob(self, path: Path) -> Attachment:
        """Store a file's bytes and return an Attachment to put into an item's content."""
        with self.db.write() as session:
            sha, size = blobs.store_file(session, path)
        return Attachment(
            sha256=sha, filename=path.name, size=size, media_type=_media_type(path.name)
        )

    def blob_bytes(self, sha256: str) -> bytes:
        with self.db.read() as session:
            return blobs.read_bytes(session, sha256)

    def save_blob(self, sha256: str, target: Path) -> Path:
        """Write an attachment out (for opening with the system viewer)."""
        with self.db.read() as session, target.open("wb") as handle:
            for chunk in blobs.read_chunks(session, sha256):
                handle.write(chunk)
        return target

    # ---------------------------------------------------------------- internals
    @staticmethod
    def _require_editor(actor: Actor) -> None:
        if actor.role not in workflow.EDITOR_ROLES:
            raise PermissionDenied(
                f"{actor.role.label}不能新建或删除事项，请由录入员办理", "editor role required"
            )

    def _problems(
        self, session: Session, content: ItemContent, strictness: Strictness
    ) -> list[Problem]:
        known_channels = set(session.scalars(select(ChannelRow.code)))
        known_categories = set(session.scalars(select(CategoryRow.id)))
        return validate_content(
            content, strictness, known_channels=known_channels, known_categories=known_categories
        )

    def _raise_on_errors(
        self, session: Session, content: ItemContent, strictness: Strictness, message: str = ""
    ) -> None:
        found = errors(self._problems(session, content, strictness))
        if found:
            text = (message or "内容有误，未保存：") + "\n" + "\n".join(str(p) for p in found)
            raise ValidationFailed(found, text)


def _stamp(rev: RevisionRow, actor: Actor) -> None:
    """Who changed the revision's content, and when."""
    rev.updated_at = utcnow()
    rev.updated_by_id = actor.operator_id


def _media_type(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"
