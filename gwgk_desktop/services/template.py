"""The reference-catalogue template: the categories with their lead and responsible units,
the channel list, the three levels, the four stages and the standard licensing procedure.

A template is versioned. The app ships one (``resources/templates``); the city bureau can
issue a newer one, which replaces the reference data in one transaction. Categories and
channels a newer template drops are kept inactive, so existing items still show them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gwgk_desktop.domain.enums import Role
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.domain.serialize import canonical_json
from gwgk_desktop.errors import PermissionDenied
from gwgk_desktop.services.print_reads import newest_active, template_payload
from gwgk_desktop.services.template_payload import (
    TemplateError,
    builtin_template,
    check_payload,
    month_day,
    privacy_section,
    standard_procedure,
    template_calendars,
)
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import CategoryRow, ChannelRow, ReferenceTemplate, StageRow
from gwgk_desktop.store.reads import built

if TYPE_CHECKING:
    from gwgk_desktop.submission.template_sign import SignedTemplate

# The payload's checks live in ``template_payload`` (no SQLAlchemy there: the print
# command's light path reads the privacy rules through it); callers know them as
# ``template.*`` too.
__all__ = [
    "TemplateChanges",
    "TemplateError",
    "active_payload",
    "active_template",
    "builtin_template",
    "check_payload",
    "highest_installed",
    "import_signed",
    "install",
    "preview_changes",
    "read_signed",
    "standard_procedure",
    "template_calendars",
]


@dataclass(frozen=True)
class TemplateChanges:
    """What installing a template would change, for the user to confirm."""

    added_categories: list[str]
    changed_categories: list[str]
    removed_categories: list[str]
    added_channels: list[str]
    removed_channels: list[str]
    stages_changed: bool
    from_version: int | None
    to_version: int
    #: Years whose working-day calendar the template brings (they replace earlier ones).
    calendar_years: tuple[int, ...] = ()
    #: The personal-data rules of the privacy check differ (see ``services.privacy``).
    privacy_changed: bool = False

    @property
    def empty(self) -> bool:
        return not (
            self.added_categories
            or self.changed_categories
            or self.removed_categories
            or self.added_channels
            or self.removed_channels
            or self.stages_changed
            or self.calendar_years
            or self.privacy_changed
        )

    def lines(self) -> list[str]:
        out = [f"模板版本：{self.from_version or '无'} → {self.to_version}"]
        for label, names in (
            ("新增类别", self.added_categories),
            ("修改类别", self.changed_categories),
            ("停用类别", self.removed_categories),
            ("新增渠道", self.added_channels),
            ("停用渠道", self.removed_channels),
        ):
            if names:
                out.append(f"{label}：{'、'.join(names)}")
        if self.stages_changed:
            out.append("工作阶段及日期有变化")
        if self.calendar_years:
            years = "、".join(f"{y}年" for y in self.calendar_years)
            out.append(f"工作日历：{years}（以范本为准，替换本单位此前的修改）")
        if self.privacy_changed:
            out.append("个人信息检查规则有变化")
        return out


def active_template(session: Session) -> ReferenceTemplate | None:
    return session.scalars(newest_active(ReferenceTemplate)).first()


def active_payload(session: Session) -> dict[str, Any] | None:
    """The active template's payload (None: no template installed), read from its table
    column: printing reads nothing through the ORM, whose first query in a process
    configures every mapped class (see store.station.station_values)."""
    payload: dict[str, Any] | None = session.scalars(built(template_payload)).first()
    return payload


def highest_installed(session: Session, template_id: str) -> int | None:
    """The highest version of ``template_id`` ever installed here (superseded ones too:
    installing another template id in between must not let an older version back in)."""
    return session.scalar(
        select(func.max(ReferenceTemplate.version)).where(
            ReferenceTemplate.template_id == template_id
        )
    )


def _refuse_older(session: Session, payload: dict[str, Any], allow_same: bool = False) -> None:
    highest = highest_installed(session, payload["template_id"])
    version = int(payload["version"])
    if highest is not None and (version < highest or (version == highest and not allow_same)):
        raise TemplateError(
            f"参考范本“{payload['template_id']}”的版本 {version} 不高于曾经安装过的版本 "
            f"{highest}，未导入（旧版本不能再次安装）",
            f"template version {version} is not above the highest installed {highest}",
        )


def preview_changes(session: Session, payload: dict[str, Any]) -> TemplateChanges:
    current = active_template(session)
    old_categories = {c.code: c for c in session.scalars(select(CategoryRow)) if c.active}
    new_categories = {c["code"]: c for c in payload["categories"]}
    old_channels = {c.code: c.name for c in session.scalars(select(ChannelRow)) if c.active}
    new_channels = {c["code"]: c["name"] for c in payload["channels"]}
    old_stages = [
        (s.code, s.name, s.start_date.strftime("%m-%d"), s.end_date.strftime("%m-%d"))
        for s in session.scalars(select(StageRow).order_by(StageRow.sort_order))
    ]
    new_stages = [(s["code"], s["name"], s["start"], s["end"]) for s in payload["stages"]]
    changed = [
        new_categories[code]["name"]
        for code in old_categories.keys() & new_categories.keys()
        if (
            old_categories[code].name,
            old_categories[code].lead_unit,
            old_categories[code].responsible_unit,
            old_categories[code].description,
        )
        != (
            new_categories[code]["name"],
            new_categories[code].get("lead_unit", ""),
            new_categories[code].get("responsible_unit", ""),
            new_categories[code].get("description", ""),
        )
    ]
    return TemplateChanges(
        added_categories=[
            new_categories[c]["name"] for c in new_categories.keys() - old_categories.keys()
        ],
        changed_categories=sorted(changed),
        removed_categories=[
            old_categories[c].name for c in old_categories.keys() - new_categories.keys()
        ],
        added_channels=[new_channels[c] for c in new_channels.keys() - old_channels.keys()],
        removed_channels=[old_channels[c] for c in old_channels.keys() - new_channels.keys()],
        stages_changed=old_stages != new_stages,
        from_version=current.version if current else None,
        to_version=int(payload["version"]),
        calendar_years=tuple(sorted(y.year for y in template_calendars(payload))),
        privacy_changed=privacy_section(current.payload if current else None)
        != privacy_section(payload),
    )


def install(
    session: Session,
    payload: dict[str, Any],
    actor: Actor,
    *,
    source: str = "builtin",
    year: int | None = None,
    allow_same_version: bool = False,
) -> TemplateChanges:
    """Replace the reference data with ``payload`` (inside the caller's transaction)."""
    check_payload(payload)
    _refuse_older(session, payload, allow_same_version)
    changes = preview_changes(session, payload)
    year = year or dt.date.today().year

    existing = {c.code: c for c in session.scalars(select(CategoryRow))}
    for order, data in enumerate(payload["categories"]):
        row = existing.get(data["code"]) or CategoryRow(code=data["code"])
        row.name = data["name"]
        row.description = data.get("description", "")
        row.lead_unit = data.get("lead_unit", "")
        row.responsible_unit = data.get("responsible_unit", "")
        row.sort_order = order
        row.active = True
        session.add(row)
    for code, row in existing.items():
        if code not in {c["code"] for c in payload["categories"]}:
            row.active = False

    channels = {c.code: c for c in session.scalars(select(ChannelRow))}
    for order, data in enumerate(payload["channels"]):
        channel = channels.get(data["code"]) or ChannelRow(code=data["code"])
        channel.name = data["name"]
        channel.sort_order = order
        channel.active = True
        session.add(channel)
    for code, channel in channels.items():
        if code not in {c["code"] for c in payload["channels"]}:
            channel.active = False

    for stage in session.scalars(select(StageRow)):
        session.delete(stage)
    session.flush()
    for order, data in enumerate(payload["stages"]):
        session.add(
            StageRow(
                code=data["code"],
                name=data["name"],
                start_date=month_day(data["start"], year),
                end_date=month_day(data["end"], year),
                description=data.get("description", ""),
                sort_order=order,
            )
        )

    for old in session.scalars(select(ReferenceTemplate).where(ReferenceTemplate.active)):
        old.active = False
    session.add(
        ReferenceTemplate(
            template_id=payload["template_id"],
            version=int(payload["version"]),
            name=payload["name"],
            issued_by=payload.get("issued_by", ""),
            sha256=hashlib.sha256(canonical_json(payload)).hexdigest(),
            payload=payload,
            source=source,
            active=True,
        )
    )
    audit.append(
        session,
        actor,
        "template.install",
        "template",
        payload["template_id"],
        f"安装参考范本“{payload['name']}”第{payload['version']}版",
        before={"version": changes.from_version},
        after={"version": changes.to_version, "changes": changes.lines()},
    )
    session.flush()
    return changes


# ---------------------------------------------------------------- bureau-signed templates


def read_signed(db: Database, path: Path) -> tuple[SignedTemplate, TemplateChanges]:
    """Verify a bureau-signed template against the configured bureau keys and say what
    installing it would change; nothing is written."""
    # Imported here: cryptography is only needed when a signed template is read.
    from gwgk_desktop.services.keys import bureau_keys
    from gwgk_desktop.submission.template_sign import MAX_SIGNED_TEMPLATE, open_signed_template

    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SIGNED_TEMPLATE + 1)
    except OSError as error:
        raise TemplateError(
            f"无法读取参考范本文件：{path}（{error.strerror}）", f"cannot read {path}"
        ) from error
    signed = open_signed_template(data, bureau_keys(db))
    check_payload(signed.payload)
    with db.read() as session:
        _refuse_older(session, signed.payload)
        changes = preview_changes(session, signed.payload)
    return signed, changes


def import_signed(db: Database, actor: Actor, path: Path) -> TemplateChanges:
    """Verify and install a bureau-signed template in one transaction (administrators)."""
    if actor.role is not Role.ADMIN:
        raise PermissionDenied("只有管理员可以导入参考范本", "admin only")
    signed, _preview = read_signed(db, path)
    with db.write() as session:
        return install(session, signed.payload, actor, source=f"bureau:{signed.key_id}")
