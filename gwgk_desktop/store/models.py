"""SQLAlchemy 2.x models: the catalogue's part of a station's database (station, operators,
reference data, items and their revisions, blobs, audit log, keys, exports; the requests'
tables are ``store.request_models``).

Alembic migrations own the schema on disk; these models must match them exactly (a test
upgrades an empty database and compares). One row of ``items`` is an item's permanent
identity (UUID, kind, 索引号); its content lives in ``item_revisions``, one row per
revision, of which exactly one is the head (the one being worked on).

No ``from __future__ import annotations`` here: SQLAlchemy reads every ``Mapped[...]``
annotation when a class is mapped, and a string annotation is ``eval``-ed first (a
seventh of the time this module takes to import, which every command pays). Only the
references to classes defined further down are written as strings.
"""

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gwgk_desktop.domain.enums import (
    Audience,
    DisclosureMode,
    ItemKind,
    Level,
    MaterialForm,
    NodeKind,
    Role,
    Status,
    Validity,
)
from gwgk_desktop.store.base import Base
from gwgk_desktop.store.types import CodeEnum, JsonText, utcnow


class Station(Base):
    """The one station this database belongs to (row id 1)."""

    __tablename__ = "station"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    org_code: Mapped[str] = mapped_column(String(20))
    level: Mapped[Level] = mapped_column(CodeEnum(Level))
    parent_unit: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    office_hours: Mapped[str] = mapped_column(String(500), default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    complaint_phone: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Operator(Base):
    __tablename__ = "operators"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(CodeEnum(Role))
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[dt.datetime | None]
    #: Wrong passwords since the last successful login or lock-out (``services.auth``).
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    #: Lock-outs in a row without a successful login in between; each lasts longer.
    lockouts: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[dt.datetime | None]
    #: scrypt hash of the recovery code printed at set-up (administrators; None: none).
    recovery_hash: Mapped[str | None] = mapped_column(String(300))


class ReferenceTemplate(Base):
    """A reference-catalogue template as installed (shipped or bureau-signed)."""

    __tablename__ = "reference_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[str] = mapped_column(String(100))
    version: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    issued_by: Mapped[str] = mapped_column(String(200), default="")
    sha256: Mapped[str] = mapped_column(String(64))
    payload: Mapped[Any] = mapped_column(JsonText)
    source: Mapped[str] = mapped_column(String(50), default="builtin")
    installed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CategoryRow(Base):
    __tablename__ = "categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    lead_unit: Mapped[str] = mapped_column(String(200), default="")
    responsible_unit: Mapped[str] = mapped_column(String(200), default="")
    sort_order: Mapped[int] = mapped_column(default=0)
    #: False once a newer template dropped it; kept so old items still show their category.
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ChannelRow(Base):
    __tablename__ = "channels"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class StageRow(Base):
    __tablename__ = "stages"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(default=0)


class IndexCounter(Base):
    """The last 索引号 serial handed out per organisation code and year; only grows."""

    __tablename__ = "index_counters"

    org_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last_serial: Mapped[int] = mapped_column(default=0)


class ItemRow(Base):
    """An item's permanent identity."""

    __tablename__ = "items"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[ItemKind] = mapped_column(CodeEnum(ItemKind))
    index_number: Mapped[str] = mapped_column(String(40), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    deleted_at: Mapped[dt.datetime | None]
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))

    revisions: Mapped[list["RevisionRow"]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="RevisionRow.revision"
    )


class RevisionRow(Base):
    """One revision of an item's content, with its workflow status."""

    __tablename__ = "item_revisions"
    __table_args__ = (
        UniqueConstraint("item_id", "revision"),
        # Exactly one head per item; the listing query starts from this index.
        Index(
            "uq_item_revisions_head",
            "item_id",
            unique=True,
            sqlite_where=text("is_head = 1"),
        ),
        # Covers the item table's filters over head revisions without touching the wide
        # rows (listing 20,000 items stays within a few milliseconds).
        Index(
            "ix_item_revisions_head_listing",
            "category_id",
            "status",
            "level",
            "update_due",
            "item_id",
            sqlite_where=text("is_head = 1"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id", ondelete="CASCADE"))
    revision: Mapped[int]
    is_head: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Set when a newer revision of the same item went into force.
    superseded: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[Status] = mapped_column(CodeEnum(Status), default=Status.DRAFT)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("categories.id"))

    name: Mapped[str] = mapped_column(String(200))
    level1: Mapped[str] = mapped_column(String(200), default="")
    level2: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    basis: Mapped[str] = mapped_column(Text, default="")
    time_limit: Mapped[str] = mapped_column(String(500), default="")
    subject: Mapped[str] = mapped_column(String(500), default="")
    channels: Mapped[Any] = mapped_column(JsonText, default=list)
    audience: Mapped[Audience] = mapped_column(CodeEnum(Audience), default=Audience.PUBLIC)
    mode: Mapped[DisclosureMode] = mapped_column(
        CodeEnum(DisclosureMode), default=DisclosureMode.ACTIVE
    )
    level: Mapped[Level] = mapped_column(CodeEnum(Level), default=Level.STATION)
    lead_unit: Mapped[str] = mapped_column(String(500), default="")
    responsible_unit: Mapped[str] = mapped_column(String(500), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    generated_date: Mapped[dt.date | None] = mapped_column(Date)
    doc_number: Mapped[str] = mapped_column(String(500), default="")
    validity: Mapped[Validity] = mapped_column(CodeEnum(Validity), default=Validity.VALID)
    topic: Mapped[str] = mapped_column(String(500), default="")
    publisher: Mapped[str] = mapped_column(String(500), default="")
    update_due: Mapped[dt.date | None] = mapped_column(Date)
    fee_standard: Mapped[str] = mapped_column(Text, default="")

    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    published_on: Mapped[dt.date | None] = mapped_column(Date)

    item: Mapped["ItemRow"] = relationship(back_populates="revisions")
    guide: Mapped["GuideRow | None"] = relationship(
        cascade="all, delete-orphan", uselist=False, lazy="selectin"
    )
    materials: Mapped[list["MaterialRow"]] = relationship(
        cascade="all, delete-orphan", order_by="MaterialRow.position", lazy="selectin"
    )
    fee_links: Mapped[list["FeeLinkRow"]] = relationship(
        cascade="all, delete-orphan", order_by="FeeLinkRow.position", lazy="selectin"
    )
    flowchart: Mapped["FlowchartRow | None"] = relationship(
        cascade="all, delete-orphan", uselist=False, lazy="selectin"
    )
    attachments: Mapped[list["AttachmentRow"]] = relationship(
        cascade="all, delete-orphan", order_by="AttachmentRow.position", lazy="selectin"
    )
    transitions: Mapped[list["TransitionRow"]] = relationship(
        cascade="all, delete-orphan", order_by="TransitionRow.id"
    )


class SearchRow(Base):
    """The head revision's searchable text (name, content, basis, 索引号), lower-cased, in a
    narrow table so a free-text filter scans one small column instead of the wide rows."""

    __tablename__ = "item_search"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text, default="")


class GuideRow(Base):
    """A licensing item's service guide (办事指南); one per revision."""

    __tablename__ = "licensing_guides"

    revision_id: Mapped[int] = mapped_column(
        ForeignKey("item_revisions.id", ondelete="CASCADE"), primary_key=True
    )
    item_code: Mapped[str] = mapped_column(String(100), default="")
    department: Mapped[str] = mapped_column(String(500), default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    procedure: Mapped[str] = mapped_column(Text, default="")
    legal_limit_days: Mapped[int | None]
    promised_limit_days: Mapped[int | None]
    legal_limit_immediate: Mapped[bool] = mapped_column(Boolean, default=False)
    promised_limit_immediate: Mapped[bool] = mapped_column(Boolean, default=False)
    fee_text: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(Text, default="")
    hours: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(String(100), default="")
    complaint_phone: Mapped[str] = mapped_column(String(100), default="")
    faq: Mapped[str] = mapped_column(Text, default="")


class MaterialRow(Base):
    __tablename__ = "materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("item_revisions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(500))
    copies: Mapped[int] = mapped_column(default=1)
    form: Mapped[MaterialForm] = mapped_column(CodeEnum(MaterialForm))
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    sample_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    sample_filename: Mapped[str] = mapped_column(String(255), default="")


class FeeLinkRow(Base):
    """A fee item charged by a licensing item."""

    __tablename__ = "fee_links"

    revision_id: Mapped[int] = mapped_column(
        ForeignKey("item_revisions.id", ondelete="CASCADE"), primary_key=True
    )
    fee_item_id: Mapped[int] = mapped_column(
        ForeignKey("items.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(default=0)

    fee_item: Mapped["ItemRow"] = relationship(lazy="joined")


class FlowchartRow(Base):
    __tablename__ = "flowcharts"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("item_revisions.id", ondelete="CASCADE"), unique=True
    )
    title: Mapped[str] = mapped_column(String(200), default="")

    nodes: Mapped[list["FlowNodeRow"]] = relationship(
        cascade="all, delete-orphan", order_by="FlowNodeRow.position", lazy="selectin"
    )
    edges: Mapped[list["FlowEdgeRow"]] = relationship(
        cascade="all, delete-orphan", order_by="FlowEdgeRow.position", lazy="selectin"
    )


class FlowNodeRow(Base):
    __tablename__ = "flow_nodes"
    __table_args__ = (UniqueConstraint("flowchart_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    flowchart_id: Mapped[int] = mapped_column(ForeignKey("flowcharts.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int]
    kind: Mapped[NodeKind] = mapped_column(CodeEnum(NodeKind))
    text: Mapped[str] = mapped_column(Text, default="")
    post: Mapped[str] = mapped_column(String(200), default="")
    time_limit_days: Mapped[int | None]
    x: Mapped[float] = mapped_column(Float, default=0.0)
    y: Mapped[float] = mapped_column(Float, default=0.0)


class FlowEdgeRow(Base):
    __tablename__ = "flow_edges"
    __table_args__ = (
        UniqueConstraint("flowchart_id", "key"),
        ForeignKeyConstraint(
            ["flowchart_id", "source_key"],
            ["flow_nodes.flowchart_id", "flow_nodes.key"],
            name="fk_flow_edges_source_flow_nodes",
            ondelete="CASCADE",
        ),
        ForeignKeyConstraint(
            ["flowchart_id", "target_key"],
            ["flow_nodes.flowchart_id", "flow_nodes.key"],
            name="fk_flow_edges_target_flow_nodes",
            ondelete="CASCADE",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    flowchart_id: Mapped[int] = mapped_column(ForeignKey("flowcharts.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(40))
    position: Mapped[int]
    source_key: Mapped[str] = mapped_column(String(40))
    target_key: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200), default="")


class BlobRow(Base):
    """Attachment bytes, stored once per SHA-256 however many items use them."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class AttachmentRow(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("item_revisions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    note: Mapped[str] = mapped_column(Text, default="")
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    blob: Mapped["BlobRow"] = relationship(lazy="raise", viewonly=True)


class TransitionRow(Base):
    """One workflow step of one revision (who did what, when, with which comment)."""

    __tablename__ = "transitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(
        ForeignKey("item_revisions.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[Status] = mapped_column(CodeEnum(Status))
    to_status: Mapped[Status] = mapped_column(CodeEnum(Status))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    operator_name: Mapped[str] = mapped_column(String(100))
    comment: Mapped[str] = mapped_column(Text, default="")


class AuditRow(Base):
    """Append-only, hash-chained log of every change (triggers forbid UPDATE and DELETE)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_uuid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime]
    operator_id: Mapped[int | None]
    operator_name: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_uuid: Mapped[str] = mapped_column(String(64), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[Any] = mapped_column(JsonText, nullable=True)
    after: Mapped[Any] = mapped_column(JsonText, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditHead(Base):
    """The newest audit row's id and hash, so cutting rows off the end is detected too."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_id: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(String(64))


class StationKey(Base):
    """A signing key of this station (Ed25519). The private half is stored only sealed
    with the key passphrase (scrypt + AES-256-GCM; see ``submission.keys``). At most one key
    is active; replaced keys stay as ``retired`` so old packages still name a known key."""

    __tablename__ = "station_keys"
    __table_args__ = (
        Index(
            "uq_station_keys_active", "status", unique=True, sqlite_where=text("status = 'active'")
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    algorithm: Mapped[str] = mapped_column(String(20), default="ed25519")
    public_key: Mapped[str] = mapped_column(String(64))
    sealed: Mapped[Any] = mapped_column(JsonText)
    status: Mapped[str] = mapped_column(String(20), default="active")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    retired_at: Mapped[dt.datetime | None]


class BureauKey(Base):
    """A public key of the city bureau, trusted to sign reference templates (configured at
    set-up or later by an administrator)."""

    __tablename__ = "bureau_keys"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    added_by: Mapped[str] = mapped_column(String(100), default="")


class PackageExport(Base):
    """One export of a submission package, from the moment its sequence number is taken
    (``services.export`` says how each ``state`` comes about): ``sequence`` is never
    used for two packages, and a package reaches its final file name only once it is
    recorded here with its SHA-256."""

    __tablename__ = "package_exports"

    id: Mapped[int] = mapped_column(primary_key=True)
    sequence: Mapped[int] = mapped_column(unique=True)
    package_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    operator_name: Mapped[str] = mapped_column(String(100), default="")
    key_id: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    file_name: Mapped[str] = mapped_column(Text, default="")
    previous_sha256: Mapped[str | None] = mapped_column(String(64))
    counts: Mapped[Any] = mapped_column(JsonText)
    #: reserved, signed, done, void or unconfirmed (``services.export.ExportState``).
    state: Mapped[str] = mapped_column(String(20), default="done", server_default="done")
    #: The temporary file the package is written to until it is renamed into place.
    temp_name: Mapped[str] = mapped_column(Text, default="", server_default="")
