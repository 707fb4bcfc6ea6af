"""SQLAlchemy models of the bureau database (SQLite or PostgreSQL alike).

The bureau's own Alembic migrations (``bureau/migrations``) own the schema on disk; these
models match them (a test migrates an empty database of each dialect and compares). The
full-text index is not here: it is dialect-specific and lives in ``bureau.search`` and the
migrations.

A station's *current* package is its accepted package with the highest sequence; its items
are the station's catalogue at the bureau and carry ``current`` too, so the city-wide
queries read one narrow, indexed set of rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from gwgk_desktop.domain.enums import ItemKind, Status
from gwgk_desktop.store.base import NAMING_CONVENTION
from gwgk_desktop.store.types import CodeEnum, JsonText, utcnow

#: The office a new bureau database is set up for (changed with ``gwgk bureau office``).
DEFAULT_OFFICE = "市公安局政务公开办公室"


class BureauBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: dict[Any, Any] = {  # noqa: RUF012
        str: String(),
        dt.datetime: DateTime(),
    }


def current_only(column: str = "current") -> dict[str, Any]:
    """A partial index's condition in both dialects' spelling."""
    return {"sqlite_where": text(f"{column} = 1"), "postgresql_where": text(column)}


class Office(BureauBase):
    """The one office this database belongs to (row id 1); its presence marks a bureau
    database."""

    __tablename__ = "bureau_office"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class StationRow(BureauBase):
    """A station the bureau knows: registered with its key, named by its latest package."""

    __tablename__ = "bureau_stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    org_code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(20), default="")
    parent_unit: Mapped[str] = mapped_column(String(200), default="")
    registered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class KeyRow(BureauBase):
    """One public key of the registry (a station's, or the bureau's own template key)."""

    __tablename__ = "bureau_keys"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    owner: Mapped[str] = mapped_column(String(20))
    org_code: Mapped[str] = mapped_column(String(40), default="")
    name: Mapped[str] = mapped_column(String(200), default="")
    #: As the key record says (the station's clock), kept as given.
    created_at: Mapped[str] = mapped_column(String(40), default="")
    status: Mapped[str] = mapped_column(String(20))
    revoked_at: Mapped[str | None] = mapped_column(String(40))
    station_id: Mapped[int | None] = mapped_column(ForeignKey("bureau_stations.id"))
    registered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    registered_by: Mapped[str] = mapped_column(String(100), default="")


class PackageRow(BureauBase):
    """An accepted package: what its manifest says, when it came, how it continues the
    station's history, and (in ``bureau_package_chunks``) the file itself."""

    __tablename__ = "bureau_packages"
    __table_args__ = (
        UniqueConstraint("station_id", "sequence"),
        Index("uq_bureau_packages_current", "station_id", unique=True, **current_only()),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("bureau_stations.id"))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    package_id: Mapped[str] = mapped_column(String(36), unique=True)
    sequence: Mapped[int]
    key_id: Mapped[str] = mapped_column(String(16))
    format_version: Mapped[str] = mapped_column(String(16))
    station_name: Mapped[str] = mapped_column(String(200))
    #: The station's own time of making it (UTC, from the signed manifest).
    created_at: Mapped[dt.datetime]
    #: When the bureau received it (UTC); what timeliness is judged by.
    received_at: Mapped[dt.datetime] = mapped_column(index=True)
    taken_in_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    taken_in_by: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(Text, default="")
    size: Mapped[int] = mapped_column(BigInteger)
    counts: Mapped[Any] = mapped_column(JsonText)
    warnings: Mapped[Any] = mapped_column(JsonText)
    #: ``data/station.json`` and ``data/reference.json`` of the package: the station's
    #: profile and the categories and channels its items refer to.
    profile: Mapped[Any] = mapped_column(JsonText)
    reference: Mapped[Any] = mapped_column(JsonText)
    #: Per-package figures for the status view: statuses, categories, failing items,
    #: update-due dates (so status reads one row per station, not its items).
    summary: Mapped[Any] = mapped_column(JsonText)
    previous_package_id: Mapped[str | None] = mapped_column(String(36))
    previous_sha256: Mapped[str | None] = mapped_column(String(64))
    chain_count: Mapped[int | None]
    chain_head: Mapped[str | None] = mapped_column(String(64))
    chain_from_count: Mapped[int | None]
    chain_from_head: Mapped[str | None] = mapped_column(String(64))
    continuity: Mapped[str] = mapped_column(String(20))
    continuity_note: Mapped[str] = mapped_column(Text, default="")
    current: Mapped[bool] = mapped_column(Boolean, default=False)


class PackageChunk(BureauBase):
    """The package file, content-addressed by the package's SHA-256, in 1 MiB pieces."""

    __tablename__ = "bureau_package_chunks"

    package_id: Mapped[int] = mapped_column(
        ForeignKey("bureau_packages.id", ondelete="CASCADE"), primary_key=True
    )
    number: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ItemRecord(BureauBase):
    """One item of an accepted package, parsed: the columns the lists and filters need,
    its searchable text and how many submit checks it fails (the whole record is in
    ``bureau_item_records``)."""

    __tablename__ = "bureau_items"
    __table_args__ = (
        Index("ix_bureau_items_package_id", "package_id"),
        # With the id, PostgreSQL answers the ordered listing from the index alone (SQLite's
        # indexes carry the rowid anyway).
        Index(
            "ix_bureau_items_current_listing",
            "station_id",
            "index_number",
            postgresql_include=["id"],
            **current_only(),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[int] = mapped_column(ForeignKey("bureau_packages.id", ondelete="CASCADE"))
    station_id: Mapped[int] = mapped_column(ForeignKey("bureau_stations.id"))
    uuid: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int]
    kind: Mapped[ItemKind] = mapped_column(CodeEnum(ItemKind))
    index_number: Mapped[str] = mapped_column(String(64))
    status: Mapped[Status] = mapped_column(CodeEnum(Status))
    published_on: Mapped[dt.date | None] = mapped_column(Date)
    category_code: Mapped[str | None] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)
    level1: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[str] = mapped_column(String(20), default="")
    update_due: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    search_text: Mapped[str] = mapped_column(Text)
    problems: Mapped[int] = mapped_column(default=0)
    current: Mapped[bool] = mapped_column(Boolean, default=False)


class ItemContentRow(BureauBase):
    """An item's whole record as the package has it, and what the submit checks found:
    kept apart from ``bureau_items`` so the listing and searches read narrow rows."""

    __tablename__ = "bureau_item_records"

    item_id: Mapped[int] = mapped_column(
        ForeignKey("bureau_items.id", ondelete="CASCADE"), primary_key=True
    )
    record: Mapped[Any] = mapped_column(JsonText)
    problem_text: Mapped[Any] = mapped_column(JsonText)


class Rejection(BureauBase):
    """A package that was offered and refused, with the reason (what the intake list
    showed the clerk)."""

    __tablename__ = "bureau_rejections"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    by: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(BigInteger)
    failure: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    org_code: Mapped[str | None] = mapped_column(String(40))
    key_id: Mapped[str | None] = mapped_column(String(16))
    sequence: Mapped[int | None]


class ReplayState(BureauBase):
    """The last accepted sequence per station: what makes a replayed or older package
    detectable. Intake locks a station's row while it records a package; a state file of
    ``gwgk verify --state`` imports into it."""

    __tablename__ = "bureau_replay_state"

    org_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    sequence: Mapped[int] = mapped_column(default=0)
    package_sha256: Mapped[str] = mapped_column(String(64), default="")
    key_id: Mapped[str] = mapped_column(String(16), default="")
    accepted_at: Mapped[str] = mapped_column(String(40), default="")
    source: Mapped[str] = mapped_column(String(20), default="intake")


class RoundRow(BureauBase):
    """A reporting round the office set (e.g. 集中填报, opens 9月10日, due 9月20日)."""

    __tablename__ = "bureau_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    opens_on: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


#: "Is current" as the partial indexes are written (SQLite's planner uses them for
#: ``current = 1``, not for a bare boolean column).
CURRENT_PACKAGE = PackageRow.current == true()
CURRENT_ITEM = ItemRecord.current == true()
