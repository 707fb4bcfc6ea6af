"""Changing items: create (one, or many at once for an import), edit (in place, or as a
new revision of an approved one), delete into the recycle bin and restore. Every change is
one write transaction with its audit record; the review steps are ``services.review``."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections.abc import Sequence

from sqlalchemy import insert
from sqlalchemy.orm import Session

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.enums import ItemKind, Status
from gwgk_desktop.domain.models import Actor, Category, Item, ItemContent, ServiceGuide
from gwgk_desktop.domain.serialize import content_to_dict, diff
from gwgk_desktop.domain.validation import Problem, Strictness, errors, validate_content
from gwgk_desktop.errors import Conflict, PermissionDenied, UserError, ValidationFailed
from gwgk_desktop.services.reference import known_codes, require_valid
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.item_content import (
    read_content,
    revision_columns,
    search_text,
    write_content,
)
from gwgk_desktop.store.items import (
    allocate_index_number,
    allocate_index_numbers,
    check_kept_numbers,
    item_row,
    live_revision,
    revision,
    to_item,
)
from gwgk_desktop.store.models import ItemRow as ItemTable
from gwgk_desktop.store.models import RevisionRow, SearchRow
from gwgk_desktop.store.station import station_row
from gwgk_desktop.store.types import utcnow


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


def _refuse(reason: str | None, english: str) -> None:
    if reason:
        raise PermissionDenied(reason, english)


class ItemChanges:
    """Every write of an item's content or existence."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, actor: Actor, content: ItemContent) -> Item:
        _refuse(workflow.can_create(actor.role), "editor role required")
        with self.db.write() as session:
            require_valid(session, content, Strictness.SAVE)
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
            audit.append(
                session,
                actor,
                "item.create",
                "item",
                item.uuid,
                f"新建{content.kind.label}“{content.name}”（{number}）",
                after=content_to_dict(content),
            )
            return to_item(session, item, rev)

    def create_many(
        self,
        actor: Actor,
        contents: Sequence[ItemContent],
        index_numbers: Sequence[str] = (),
    ) -> list[int]:
        """Create drafts of every one of ``contents`` in one transaction (an import): the
        checks, 索引号 and audit records of ``create``, the rows written in bulk (one by
        one, 5,000 items take a minute). Content with child rows (a guide, materials, a
        flowchart, attachments, fee links) is created one by one in the same transaction.

        ``index_numbers`` (one per content, "" for none) keeps the 索引号 an item already
        has elsewhere (a sheet kept before, an earlier installation): it must be this
        station's and free; the others get the next free numbers.
        Returns the new items' ids in the order of ``contents``."""
        _refuse(workflow.can_create(actor.role), "editor role required")
        if not contents:
            return []
        wanted = list(index_numbers) or [""] * len(contents)
        with self.db.write() as session:
            known_channels, known_categories = known_codes(session)
            found: list[Problem] = []
            for content in contents:
                problems = validate_content(
                    content,
                    Strictness.SAVE,
                    known_channels=known_channels,
                    known_categories=known_categories,
                )
                found += [
                    Problem(p.field, f"“{content.name}”：{p.message}", p.severity)
                    for p in errors(problems)
                ]
            if found:
                text = "内容有误，未保存：\n" + "\n".join(str(p) for p in found[:50])
                raise ValidationFailed(found, text)
            station = station_row(session)
            simple = [i for i, c in enumerate(contents) if not _has_children(c)]
            check_kept_numbers(session, station.org_code, [wanted[i] for i in simple])
            fresh = iter(
                allocate_index_numbers(
                    session,
                    station.org_code,
                    dt.date.today().year,
                    sum(1 for i in simple if not wanted[i]),
                )
            )
            numbers = [wanted[i] or next(fresh) for i in simple]
            ids = dict(
                zip(simple, _insert_new(session, actor, contents, simple, numbers), strict=True)
            )
            for i, content in enumerate(contents):
                if i not in ids:
                    ids[i] = self.create(actor, content).id
            return [ids[i] for i in range(len(contents))]

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
            _refuse(workflow.can_edit(head.status, actor.role), "not allowed to edit")
            require_valid(session, content, Strictness.SAVE)
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
        with self.db.write() as session:
            item = item_row(session, item_id)
            in_force = live_revision(session, item.id) is not None
            _refuse(workflow.can_delete(actor.role, in_force=in_force), "may not delete")
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
        _refuse(workflow.can_restore(actor.role), "editor role required")
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


def _has_children(content: ItemContent) -> bool:
    """Whether ``content`` needs rows besides its revision (``write_content`` writes them)."""
    return bool(
        (content.kind is ItemKind.LICENSING and content.guide is not None)
        or content.materials
        or content.fee_links
        or content.flowchart is not None
        or content.attachments
    )


def _insert_new(
    session: Session,
    actor: Actor,
    contents: Sequence[ItemContent],
    chosen: list[int],
    numbers: list[str],
) -> list[int]:
    """Insert items ``chosen`` of ``contents`` (content without child rows) with their
    first draft revision, searched text and audit record, in bulk; their new ids."""
    if not chosen:
        return []
    now = utcnow()
    uuids = [str(uuid_module.uuid4()) for _ in chosen]
    ids = list(
        session.scalars(
            insert(ItemTable).returning(ItemTable.id, sort_by_parameter_order=True),
            [
                {
                    "uuid": uuids[n],
                    "kind": contents[i].kind,
                    "index_number": numbers[n],
                    "created_at": now,
                    "created_by_id": actor.operator_id,
                }
                for n, i in enumerate(chosen)
            ],
        )
    )
    session.execute(
        insert(RevisionRow),
        [
            {
                **revision_columns(contents[i]),
                "item_id": ids[n],
                "revision": 1,
                "is_head": True,
                "status": Status.DRAFT,
                "created_at": now,
                "updated_at": now,
                "updated_by_id": actor.operator_id,
            }
            for n, i in enumerate(chosen)
        ],
    )
    session.execute(
        insert(SearchRow),
        [
            {
                "item_id": ids[n],
                "text": search_text(
                    contents[i].name, contents[i].content, contents[i].basis, numbers[n]
                ),
            }
            for n, i in enumerate(chosen)
        ],
    )
    audit.append_many(
        session,
        [
            audit.Record(
                at=now,
                operator_id=actor.operator_id,
                operator_name=actor.display_name,
                action="item.create",
                entity="item",
                entity_uuid=uuids[n],
                summary=f"新建{contents[i].kind.label}“{contents[i].name}”（{numbers[n]}）",
                after=content_to_dict(contents[i]),
            )
            for n, i in enumerate(chosen)
        ],
    )
    return ids


def _stamp(rev: RevisionRow, actor: Actor) -> None:
    """Who changed the revision's content, and when."""
    rev.updated_at = utcnow()
    rev.updated_by_id = actor.operator_id
