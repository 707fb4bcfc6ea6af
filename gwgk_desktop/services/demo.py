"""A realistic demo station: profile, three operators, 户籍 licensing items with service
guides, materials and flowcharts, fee items, and N catalogue items spread over every
category and status, each with a coherent workflow history and audit trail.

The bulk of the items is written with plain INSERTs so that 20,000 items take seconds.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from gwgk_desktop.domain.enums import (
    Audience,
    DisclosureMode,
    ItemKind,
    Level,
    MaterialForm,
    Role,
    Status,
    Validity,
)
from gwgk_desktop.domain.models import (
    DEFAULT_TIME_LIMIT,
    DEFAULT_TOPIC,
    IMMEDIATE,
    Actor,
    Flowchart,
    ItemContent,
    Material,
    ServiceGuide,
    StationProfile,
)
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import UserError
from gwgk_desktop.services import demo_data, keys, station
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.request_demo import add_demo_requests
from gwgk_desktop.services.template import standard_procedure
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import Database, new_database
from gwgk_desktop.store.item_content import revision_columns, search_text
from gwgk_desktop.store.models import IndexCounter, RevisionRow, SearchRow, TransitionRow
from gwgk_desktop.store.models import ItemRow as ItemTable
from gwgk_desktop.store.types import utcnow

# Status mix of the bulk items: (status of the head, weight). "revising" is a published
# item with a newer draft revision being edited.
_MIX: list[tuple[str, int]] = [
    ("published", 45),
    ("approved", 10),
    ("pending", 15),
    ("draft", 22),
    ("withdrawn", 3),
    ("revising", 5),
]
#: A station that has approved and published everything (the bureau's demo stations).
IN_FORCE_MIX: list[tuple[str, int]] = [("published", 80), ("approved", 20)]
_CHAINS: dict[str, list[tuple[Action, Status, Status]]] = {
    "draft": [],
    "pending": [(Action.SUBMIT, Status.DRAFT, Status.PENDING)],
    "approved": [
        (Action.SUBMIT, Status.DRAFT, Status.PENDING),
        (Action.APPROVE, Status.PENDING, Status.APPROVED),
    ],
    "published": [
        (Action.SUBMIT, Status.DRAFT, Status.PENDING),
        (Action.APPROVE, Status.PENDING, Status.APPROVED),
        (Action.PUBLISH, Status.APPROVED, Status.PUBLISHED),
    ],
    "withdrawn": [
        (Action.SUBMIT, Status.DRAFT, Status.PENDING),
        (Action.APPROVE, Status.PENDING, Status.APPROVED),
        (Action.PUBLISH, Status.APPROVED, Status.PUBLISHED),
        (Action.WITHDRAW, Status.PUBLISHED, Status.WITHDRAWN),
    ],
}


@dataclass(frozen=True)
class DemoSummary:
    path: Path
    catalogue_items: int
    licensing_items: int
    fee_items: int


#: The demo station's signing-key passphrase when ``GWGK_KEY_PASSPHRASE`` is not set.
DEMO_KEY_PASSPHRASE = "gwgk-demo-key"  # noqa: S105 (published in the README)


def demo_key_passphrase() -> str:
    return os.environ.get("GWGK_KEY_PASSPHRASE") or DEMO_KEY_PASSPHRASE


def build_demo(
    path: Path,
    items: int = 200,
    seed: int = 20260901,
    key_passphrase: str | None = None,
    *,
    profile: StationProfile | None = None,
    mix: list[tuple[str, int]] | None = None,
) -> DemoSummary:
    """Create a new demo database at ``path`` (which must not exist yet). The station gets
    a signing key sealed with ``key_passphrase`` (default: ``demo_key_passphrase()``);
    ``profile`` replaces the demo station's, ``mix`` the statuses of the bulk items
    (weights of ``draft``, ``pending``, ``approved``, ``published``, ``withdrawn`` and
    ``revising``)."""
    if items < 0:
        raise UserError("事项数量不能为负数", "--items must be >= 0")
    if path.exists():
        raise UserError(
            f"{path} 已存在；演示数据只写入新文件，请换一个文件名或先删除它",
            f"{path} exists; the demo only writes a new file",
        )
    with new_database(path) as db:
        _populate(db, items, random.Random(seed), profile, mix or _MIX)
        admin = station.actor_for(station.list_operators(db)[0])
        keys.create_key(db, admin, key_passphrase or demo_key_passphrase())
        with db.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
    return DemoSummary(path, items, len(demo_data.LICENSING_ITEMS), len(demo_data.FEE_ITEMS))


def _populate(
    db: Database,
    items: int,
    rng: random.Random,
    profile: StationProfile | None,
    mix: list[tuple[str, int]],
) -> None:
    profile = profile or StationProfile(level=Level.STATION, **demo_data.STATION)
    username, display, _role, password = demo_data.OPERATORS[0]
    station.initialize(db, profile, username, display, password)
    admin = station.actor_for(station.list_operators(db)[0])
    actors = {Role.ADMIN: admin}
    for username, display, role, password in demo_data.OPERATORS[1:]:
        operator = station.create_operator(db, admin, username, display, Role(role), password)
        actors[Role(role)] = station.actor_for(operator)
    catalogue = Catalogue(db)
    fee_uuids = _add_fee_items(catalogue, actors, profile)
    _add_licensing_items(catalogue, actors, profile, fee_uuids)
    _add_bulk_items(db, catalogue, actors, profile, items, rng, mix)
    add_demo_requests(db, actors[Role.CLERK], actors[Role.REVIEWER], rng)


def _publish(catalogue: Catalogue, actors: dict[Role, Actor], item_id: int) -> None:
    catalogue.review.transition(actors[Role.CLERK], item_id, Action.SUBMIT)
    catalogue.review.transition(actors[Role.REVIEWER], item_id, Action.APPROVE)
    catalogue.review.transition(
        actors[Role.REVIEWER], item_id, Action.PUBLISH, publish_date=dt.date.today()
    )


def _category(catalogue: Catalogue, code: str) -> int:
    for category in catalogue.reference.categories():
        if category.code == code:
            return category.id
    raise LookupError(code)


def _add_fee_items(
    catalogue: Catalogue, actors: dict[Role, Actor], profile: StationProfile
) -> dict[str, str]:
    category_id = _category(catalogue, "04")
    uuids: dict[str, str] = {}
    for fee in demo_data.FEE_ITEMS:
        content = ItemContent(
            kind=ItemKind.FEE,
            category_id=category_id,
            name=fee["name"],
            basis=fee["basis"],
            fee_standard=fee["standard"],
            subject=profile.name,
            publisher=profile.name,
            channels=("bulletin_board", "service_center"),
            generated_date=dt.date.today(),
        )
        item = catalogue.changes.create(actors[Role.CLERK], content)
        _publish(catalogue, actors, item.id)
        uuids[fee["name"]] = item.uuid
    return uuids


def _licensing_chart(name: str) -> Flowchart:
    chart = standard_procedure()
    chart.title = f"{name}审批程序流程图"
    registration = name.endswith(("登记", "注销"))
    for node in chart.nodes:
        if node.key == "apply":
            node.text = f"申请人申报{name}"
        elif node.key == "deliver":
            node.text = "办理登记、签发证件" if registration else "制发许可证件、送达决定"
    for edge in chart.edges:
        if registration and edge.label == "准予许可":
            edge.label = "准予登记"
        elif registration and edge.label == "不予许可":
            edge.label = "不予登记"
    return chart


def _add_licensing_items(
    catalogue: Catalogue,
    actors: dict[Role, Actor],
    profile: StationProfile,
    fee_uuids: dict[str, str],
) -> None:
    category_id = _category(catalogue, "03")
    for n, data in enumerate(demo_data.LICENSING_ITEMS):
        legal, promised = data["days"]
        content = ItemContent(
            kind=ItemKind.LICENSING,
            category_id=category_id,
            name=data["name"],
            level1="户籍管理" if data["code"].startswith("HJ") else "治安管理",
            level2=data["name"],
            content="受理部门、办理条件、办理流程、所需材料、办理时限、收费依据及标准",
            basis=data["basis"],
            time_limit=DEFAULT_TIME_LIMIT,
            subject=profile.name,
            channels=("website", "service_center", "bulletin_board", "reading_point"),
            audience=Audience.PUBLIC,
            mode=DisclosureMode.ACTIVE,
            level=Level.STATION,
            lead_unit="法制部门",
            responsible_unit="户籍窗口" if data["code"].startswith("HJ") else "治安管理队",
            summary=f"{data['name']}的办理条件、材料、流程、时限和结果。",
            generated_date=dt.date.today() - dt.timedelta(days=30 + n),
            publisher=profile.name,
            update_due=dt.date.today() + dt.timedelta(days=330 - n),
            guide=ServiceGuide(
                item_code=data["code"],
                department=f"{profile.name}户籍窗口",
                legal_basis=data["basis"],
                conditions=data["conditions"],
                procedure="申请→受理→审查→决定→送达（详见流程图）",
                legal_limit_days=legal,
                promised_limit_days=None if promised == IMMEDIATE else promised,
                promised_limit_immediate=promised == IMMEDIATE,
                fee_text="；".join(f"{fee}：{_fee_standard(fee)}" for fee in data["fee"])
                or "不收费",
                result=data["result"],
                place=f"{profile.address}一楼户籍窗口",
                hours=profile.office_hours,
                phone=profile.phone,
                complaint_phone=profile.complaint_phone,
                faq="问：可以委托他人代办吗？答：可以，代办人须携带本人及申请人的居民身份证。",
            ),
            materials=[
                Material(
                    name=m, copies=1, form=MaterialForm.BOTH if "证" in m else MaterialForm.ORIGINAL
                )
                for m in data["materials"]
            ],
            fee_links=[fee_uuids[fee] for fee in data["fee"]],
            flowchart=_licensing_chart(data["name"]),
        )
        item = catalogue.changes.create(actors[Role.CLERK], content)
        if n % 4 != 3:
            _publish(catalogue, actors, item.id)
        else:
            catalogue.review.transition(actors[Role.CLERK], item.id, Action.SUBMIT)


def _demo_name(category_code: str, base: str, seen: int, year: int) -> str:
    """Distinct, plausible names when a category holds many more items than its pool."""
    if seen == 1:
        return base
    if category_code in demo_data.PERIODIC:
        return f"{year}年第{seen}期{base}"
    communities = demo_data.COMMUNITIES
    community = communities[(seen - 2) % len(communities)]
    round_ = (seen - 2) // len(communities)
    return f"{base}（{community}社区{'' if round_ == 0 else f'，第{round_ + 1}批'}）"


def _fee_standard(name: str) -> str:
    for fee in demo_data.FEE_ITEMS:
        if fee["name"] == name:
            return fee["standard"]
    return ""


def _add_bulk_items(
    db: Database,
    catalogue: Catalogue,
    actors: dict[Role, Actor],
    profile: StationProfile,
    count: int,
    rng: random.Random,
    mix_weights: list[tuple[str, int]],
) -> None:
    categories = catalogue.reference.categories()
    channel_codes = [c.code for c in catalogue.reference.channels()]
    clerk, reviewer = actors[Role.CLERK], actors[Role.REVIEWER]
    kinds = [k for k, _ in mix_weights]
    weights = [w for _, w in mix_weights]
    now = utcnow()
    today = dt.date.today()
    year = today.year

    with db.write() as session:
        counter = session.get(IndexCounter, (profile.org_code, year))
        first_serial = (counter.last_serial if counter else 0) + 1
        next_item_id = (session.scalar(select(ItemTable.id).order_by(ItemTable.id.desc())) or 0) + 1
        next_rev_id = (
            session.scalar(select(RevisionRow.id).order_by(RevisionRow.id.desc())) or 0
        ) + 1
        item_rows: list[dict[str, Any]] = []
        rev_rows: list[dict[str, Any]] = []
        transition_rows: list[dict[str, Any]] = []
        search_rows: list[dict[str, Any]] = []
        records: list[audit.Record] = []
        used: dict[tuple[str, str], int] = {}

        for n in range(count):
            category = categories[n % len(categories)]
            pool = demo_data.POOLS.get(category.code, demo_data.POOLS["06"])
            base = pool["names"][(n // len(categories)) % len(pool["names"])]
            seen = used.get((category.code, base), 0) + 1
            used[(category.code, base)] = seen
            created = now - dt.timedelta(days=rng.uniform(1, 600), seconds=rng.uniform(0, 86400))
            generated = created.date()
            name = _demo_name(category.code, base, seen, generated.year)
            mix = rng.choices(kinds, weights)[0]
            item_id = next_item_id + n
            item_uuid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            number = f"{profile.org_code}/{year}-{first_serial + n:05d}"
            item_rows.append(
                {
                    "id": item_id,
                    "uuid": item_uuid,
                    "kind": ItemKind.CATALOGUE,
                    "index_number": number,
                    "created_at": created,
                    "created_by_id": clerk.operator_id,
                    "deleted_at": None,
                    "deleted_by_id": None,
                }
            )
            channels = sorted(rng.sample(channel_codes, rng.randint(1, 4)), key=channel_codes.index)
            content = ItemContent(
                category_id=category.id,
                name=name,
                level1=category.name,
                level2=base.strip("《》"),
                content=demo_data.CONTENTS.get(base) or rng.choice(pool["content"]),
                basis=rng.choice(pool["basis"]),
                time_limit=DEFAULT_TIME_LIMIT,
                subject=profile.name,
                channels=tuple(channels),
                audience=Audience.PUBLIC if rng.random() < 0.9 else Audience.SPECIFIC,
                mode=DisclosureMode.ACTIVE if rng.random() < 0.85 else DisclosureMode.ON_REQUEST,
                level=Level.STATION if rng.random() < 0.8 else Level.COUNTY,
                lead_unit=category.lead_unit,
                responsible_unit=category.responsible_unit,
                summary=f"{profile.name}{category.name}：{name}。",
                generated_date=generated,
                doc_number=f"城公〔{generated.year}〕{rng.randint(1, 300)}号"
                if rng.random() < 0.3
                else "",
                validity=Validity.VALID,
                topic=DEFAULT_TOPIC,
                publisher=profile.name,
                # About one in eight is overdue for its yearly update.
                update_due=generated + dt.timedelta(days=rng.choice([365, 365, 365, 180])),
            )
            fields: dict[str, Any] = {
                **revision_columns(content),
                "item_id": item_id,
                "created_at": created,
                "updated_at": created,
                "updated_by_id": clerk.operator_id,
                "superseded": False,
                "submitted_by_id": None,
                "published_on": None,
            }
            records.append(
                audit.Record(
                    created,
                    clerk.operator_id,
                    clerk.display_name,
                    "item.create",
                    "item",
                    item_uuid,
                    f"新建目录事项“{name}”（{number}）",
                    after={"name": name, "category_id": category.id},
                )
            )
            chain_name = "published" if mix == "revising" else mix
            first = {
                **fields,
                "id": next_rev_id,
                "revision": 1,
                "is_head": mix != "revising",
                "status": Status.DRAFT,
            }
            next_rev_id += 1
            at = created
            for action, source, target in _CHAINS[chain_name]:
                at += dt.timedelta(hours=rng.uniform(1, 72))
                who = clerk if action is Action.SUBMIT else reviewer
                first["status"] = target
                if action is Action.SUBMIT:
                    first["submitted_by_id"] = clerk.operator_id
                if action is Action.PUBLISH:
                    first["published_on"] = at.date()
                comment = "信息已过时，撤回更新" if action is Action.WITHDRAW else ""
                transition_rows.append(
                    {
                        "revision_id": first["id"],
                        "action": action.value,
                        "from_status": source,
                        "to_status": target,
                        "at": at,
                        "operator_id": who.operator_id,
                        "operator_name": who.display_name,
                        "comment": comment,
                    }
                )
                records.append(
                    audit.Record(
                        at,
                        who.operator_id,
                        who.display_name,
                        f"item.{action.value}",
                        "item",
                        item_uuid,
                        f"{action.label}“{name}”第1版",
                        before={"status": source.value, "revision": 1},
                        after={"status": target.value, "revision": 1, "comment": comment},
                    )
                )
            rev_rows.append(first)
            head_content = fields["content"] + ("（拟更新）" if mix == "revising" else "")
            search_rows.append(
                {
                    "item_id": item_id,
                    "text": search_text(name, head_content, fields["basis"], number),
                }
            )
            if mix == "revising":
                at += dt.timedelta(days=rng.uniform(30, 200))
                rev_rows.append(
                    {
                        **fields,
                        "id": next_rev_id,
                        "revision": 2,
                        "is_head": True,
                        "status": Status.DRAFT,
                        "created_at": at,
                        "updated_at": at,
                        "content": head_content,
                    }
                )
                next_rev_id += 1
                records.append(
                    audit.Record(
                        at,
                        clerk.operator_id,
                        clerk.display_name,
                        "item.revise",
                        "item",
                        item_uuid,
                        f"修改已公开的“{name}”，生成第2版草稿",
                        before={"content": fields["content"]},
                        after={"content": fields["content"] + "（拟更新）"},
                    )
                )

        for table, rows in (
            (ItemTable, item_rows),
            (RevisionRow, rev_rows),
            (SearchRow, search_rows),
            (TransitionRow, transition_rows),
        ):
            for start in range(0, len(rows), 5000):
                session.execute(insert(table), rows[start : start + 5000])
        # The audit chain is in time order of appending, which is now; the records keep
        # their own (earlier) times as the demo's story.
        audit.append_many(session, records)
        if counter is None:
            session.add(
                IndexCounter(
                    org_code=profile.org_code, year=year, last_serial=first_serial + count - 1
                )
            )
        else:
            counter.last_serial = first_serial + count - 1
