"""The station's reference data as the item services see it: categories, disclosure
channels and work stages (installed from the reference template, ``services.template``),
and checking an item's content against them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwgk_desktop.domain.models import Category, Channel, ItemContent, Stage
from gwgk_desktop.domain.validation import Problem, Strictness, errors, validate_content
from gwgk_desktop.errors import ValidationFailed
from gwgk_desktop.services.print_reads import PrintReads
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import CategoryRow, ChannelRow, StageRow
from gwgk_desktop.store.reads import SessionReader


class ReferenceData:
    """Categories, channels and stages of one station database."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def categories(self, include_inactive: bool = False) -> list[Category]:
        with self.db.read() as session:
            return PrintReads(SessionReader(session)).categories(include_inactive)

    def channels(self) -> list[Channel]:
        with self.db.read() as session:
            return PrintReads(SessionReader(session)).channels()

    def stages(self) -> list[Stage]:
        with self.db.read() as session:
            stmt = select(StageRow).order_by(StageRow.sort_order)
            return [
                Stage(r.code, r.name, r.start_date, r.end_date, r.description)
                for r in session.scalars(stmt)
            ]

    def problems(
        self, content: ItemContent, strictness: Strictness = Strictness.SUBMIT
    ) -> list[Problem]:
        """Validate against this database's categories and channels."""
        with self.db.read() as session:
            return content_problems(session, content, strictness)


def known_codes(session: Session) -> tuple[set[str], set[int]]:
    """The channel codes and category ids content may refer to."""
    return (
        set(session.scalars(select(ChannelRow.code))),
        set(session.scalars(select(CategoryRow.id))),
    )


def content_problems(
    session: Session, content: ItemContent, strictness: Strictness
) -> list[Problem]:
    known_channels, known_categories = known_codes(session)
    return validate_content(
        content, strictness, known_channels=known_channels, known_categories=known_categories
    )


def require_valid(
    session: Session, content: ItemContent, strictness: Strictness, message: str = ""
) -> None:
    """Raise ``ValidationFailed`` listing every error of ``content`` (warnings pass)."""
    found = errors(content_problems(session, content, strictness))
    if found:
        text = (message or "内容有误，未保存：") + "\n" + "\n".join(str(p) for p in found)
        raise ValidationFailed(found, text)
