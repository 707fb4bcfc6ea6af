"""``gwgk check``: is this database sound? SQLite's integrity and foreign-key checks, the
audit-log hash chain and its protecting triggers, whether every revision's status is
backed by its recorded history (``store.history``), and the validation problems of every
item."""

from __future__ import annotations

from dataclasses import dataclass, field

from gwgk_desktop.domain.enums import Severity, Status
from gwgk_desktop.domain.validation import Problem, Strictness, validate_content
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store import audit, history, migrate
from gwgk_desktop.store.database import Database, integrity_problems
from gwgk_desktop.store.station import station_row
from gwgk_desktop.store.triggers import trigger_problems


@dataclass(frozen=True)
class ItemProblems:
    item_id: int
    index_number: str
    name: str
    status: Status
    problems: list[Problem]

    @property
    def blocking(self) -> bool:
        """Errors in an item past the draft stage: it should never have got there."""
        return self.status is not Status.DRAFT and any(p.is_error for p in self.problems)


@dataclass
class CheckReport:
    schema_revision: str | None
    schema_head: str
    integrity: list[str] = field(default_factory=list)
    audit_rows: int = 0
    #: The chain itself, its triggers, and facts without their audit records.
    audit_problems: list[str] = field(default_factory=list)
    #: Revisions whose status their transitions and audit records do not bear out.
    unbacked: list[str] = field(default_factory=list)
    items_checked: int = 0
    items: list[ItemProblems] = field(default_factory=list)
    #: The file checked is an upgraded temporary copy of an older database.
    read_from_copy: bool = False

    @property
    def ok(self) -> bool:
        return not (
            self.integrity
            or self.audit_problems
            or self.unbacked
            or any(i.blocking for i in self.items)
        )

    @property
    def needs_upgrade(self) -> bool:
        return self.schema_revision != self.schema_head


def run_check(db: Database) -> CheckReport:
    with db.connect() as connection:
        revision = migrate.current_revision(connection)
        triggers = trigger_problems(connection)
    if db.condition.copy_of is not None and db.upgraded_from:
        # An older file read through an upgraded temporary copy: the file's own version.
        revision = db.upgraded_from
    report = CheckReport(
        schema_revision=revision,
        schema_head=migrate.head_revision(),
        read_from_copy=db.condition.copy_of is not None,
    )
    report.integrity = integrity_problems(db)
    if report.integrity:
        return report  # nothing else can be trusted
    with db.read() as session:
        station_row(session)
        chain = audit.verify_chain(session)
        report.audit_problems = chain.problems + triggers + history.unrecorded_facts(session)
        report.unbacked = [u.line() for u in history.unbacked_revisions(session)]
    report.audit_rows = chain.rows
    catalogue = Catalogue(db)
    channels = {c.code for c in catalogue.reference.channels()}
    categories = {c.id for c in catalogue.reference.categories(include_inactive=True)}
    for item in catalogue.items.iter_items():
        report.items_checked += 1
        found = validate_content(
            item.content, Strictness.SUBMIT, known_channels=channels, known_categories=categories
        )
        problems = [
            p for p in found if p.severity is Severity.ERROR or item.status is not Status.DRAFT
        ]
        if problems:
            report.items.append(
                ItemProblems(item.id, item.index_number, item.name, item.status, problems)
            )
    return report
