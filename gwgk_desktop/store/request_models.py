"""SQLAlchemy models of the 依申请公开 register: the working-day calendar as edited at the
station, the requests and their steps, the annual reports and the request clock's state.
Alembic's migration 0004 owns these tables on disk (see ``store.models``, also for why the
annotations are not postponed)."""

import datetime as dt
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gwgk_desktop.domain.requests import (
    ApplicantType,
    Delivery,
    InfoForm,
    Outcome,
    RequestChannel,
    RequestStatus,
)
from gwgk_desktop.store.base import Base
from gwgk_desktop.store.types import CodeEnum, JsonText, utcnow


class CalendarYearRow(Base):
    """A year's working-day calendar as edited at the station. It overrides the year in
    the reference template until a newer template brings that year again."""

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    #: ISO dates, ascending.
    holidays: Mapped[Any] = mapped_column(JsonText)
    workdays: Mapped[Any] = mapped_column(JsonText)
    source: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100), default="")


class DisclosureRequestRow(Base):
    """One request for disclosure (依申请公开) in the register. The columns after
    ``note`` are derived from the steps and the calendar and kept for fast listing;
    they are recomputed whenever a step is recorded or the calendar changes."""

    __tablename__ = "disclosure_requests"
    __table_args__ = (
        UniqueConstraint("year", "serial"),
        # The due and overdue lists look at open requests by due day.
        Index(
            "ix_disclosure_requests_open_due",
            "due",
            "correction_due",
            sqlite_where=text("status != 'answered'"),
        ),
        Index("ix_disclosure_requests_received", "received"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    year: Mapped[int]
    serial: Mapped[int]
    received: Mapped[dt.date] = mapped_column(Date)
    channel: Mapped[RequestChannel] = mapped_column(CodeEnum(RequestChannel))
    oral: Mapped[bool] = mapped_column(Boolean, default=False)
    applicant_type: Mapped[ApplicantType] = mapped_column(CodeEnum(ApplicantType))
    applicant: Mapped[str] = mapped_column(String(200))
    id_number: Mapped[str] = mapped_column(String(200), default="")
    agent: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    postcode: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    doc_number: Mapped[str] = mapped_column(String(200), default="")
    form: Mapped[InfoForm] = mapped_column(CodeEnum(InfoForm))
    delivery: Mapped[Delivery] = mapped_column(CodeEnum(Delivery))
    note: Mapped[str] = mapped_column(Text, default="")

    status: Mapped[RequestStatus] = mapped_column(CodeEnum(RequestStatus))
    due: Mapped[dt.date | None] = mapped_column(Date)
    correction_due: Mapped[dt.date | None] = mapped_column(Date)
    answered: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[Outcome | None] = mapped_column(CodeEnum(Outcome))
    extended: Mapped[bool] = mapped_column(Boolean, default=False)

    registered_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    registered_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    steps: Mapped[list["RequestStepRow"]] = relationship(
        cascade="all, delete-orphan", order_by="RequestStepRow.position"
    )


class RequestStepRow(Base):
    """One step of a request: who recorded what happened on which day."""

    __tablename__ = "request_steps"
    __table_args__ = (UniqueConstraint("request_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("disclosure_requests.id", ondelete="CASCADE")
    )
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(30))
    on: Mapped[dt.date] = mapped_column(Date)
    days: Mapped[int] = mapped_column(default=0)
    party: Mapped[str] = mapped_column(String(200), default="")
    outcome: Mapped[Outcome | None] = mapped_column(CodeEnum(Outcome))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    operator_id: Mapped[int | None] = mapped_column(ForeignKey("operators.id"))
    operator_name: Mapped[str] = mapped_column(String(100), default="")


class AnnualReportRow(Base):
    """The figures and texts of a year's annual report that the clerk enters (the rest
    is counted from the register and the catalogue when the report is made)."""

    __tablename__ = "annual_reports"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    entered: Mapped[Any] = mapped_column(JsonText)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100), default="")


class RequestClockState(Base):
    """The working-day calendar the register's stored due days were computed with (its
    SHA-256; row id 1). When the calendar in force differs (a local edit, a new reference
    template, a newer app shipping another year), the open requests are recomputed."""

    __tablename__ = "request_clock_state"

    id: Mapped[int] = mapped_column(primary_key=True)
    calendar_sha256: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
