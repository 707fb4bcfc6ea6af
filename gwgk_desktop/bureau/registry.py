"""The key registry in the bureau database: stations' public keys (and the bureau's own
template key), imported from the registry files ``gwgk registry`` and ``gwgk keys
export-public`` write, with the same rules as those files (a key id naming another key is
refused, revocation is sticky); revoking; and the replay state imported from the state file
of ``gwgk verify --state``.

Registering a station's key also registers the station: it is then expected to report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.models import KeyRow, ReplayState, StationRow
from gwgk_desktop.errors import NotFound
from gwgk_desktop.store.types import utcnow
from gwgk_desktop.submission.registry import (
    REVOKED,
    STATION,
    KeyRecord,
    MergeReport,
    Registry,
    now_text,
)
from gwgk_desktop.submission.state import State


@dataclass(frozen=True)
class KeyInfo:
    """One registered key as the registry page lists it."""

    record: KeyRecord
    station_name: str
    registered_at: dt.datetime
    registered_by: str

    @property
    def key_id(self) -> str:
        return self.record.key_id

    @property
    def revoked(self) -> bool:
        return self.record.revoked


def _record(row: KeyRow) -> KeyRecord:
    return KeyRecord(
        key_id=row.key_id,
        public_key=row.public_key,
        owner=row.owner,
        org_code=row.org_code,
        name=row.name,
        created_at=row.created_at,
        status=row.status,
        revoked_at=row.revoked_at,
    )


def _registry(session: Session) -> Registry:
    return Registry([_record(row) for row in session.scalars(select(KeyRow))])


def load(db: BureauDatabase) -> Registry:
    """Every key, as the package verifier takes them."""
    with db.read() as session:
        return _registry(session)


def station_for(session: Session, org_code: str, name: str) -> StationRow:
    """The station with ``org_code``, registered now if it is new."""
    row = session.scalars(select(StationRow).where(StationRow.org_code == org_code)).first()
    if row is None:
        row = StationRow(org_code=org_code, name=name or org_code, registered_at=utcnow())
        session.add(row)
        session.flush()
    return row


def import_registry(db: BureauDatabase, incoming: Registry, by: str = "") -> MergeReport:
    """Merge ``incoming`` into the database's registry (all or nothing)."""
    with db.write() as session:
        mine = _registry(session)
        report = mine.merge(incoming)  # refuses, changing nothing, on a conflicting key
        now = utcnow()
        for record in report.added:
            station = (
                station_for(session, record.org_code, record.name).id
                if record.owner == STATION
                else None
            )
            session.add(
                KeyRow(
                    key_id=record.key_id,
                    public_key=record.public_key,
                    owner=record.owner,
                    org_code=record.org_code,
                    name=record.name,
                    created_at=record.created_at,
                    status=record.status,
                    revoked_at=record.revoked_at,
                    station_id=station,
                    registered_at=now,
                    registered_by=by,
                )
            )
        for record in report.revoked:
            row = session.get(KeyRow, record.key_id)
            assert row is not None
            row.status, row.revoked_at = REVOKED, record.revoked_at or now_text()
    return report


def import_file(db: BureauDatabase, path: Path, by: str = "") -> MergeReport:
    """Import a registry file (or one station's public-key file)."""
    return import_registry(db, Registry.load(path), by)


def revoke(db: BureauDatabase, key_id: str) -> KeyRecord:
    """Revoke a key: packages it signed are refused from now on, old ones included."""
    with db.write() as session:
        row = session.get(KeyRow, key_id.strip().lower())
        if row is None:
            raise NotFound(f"登记册中没有密钥 {key_id}", f"no key {key_id}")
        if row.status != REVOKED:
            row.status, row.revoked_at = REVOKED, now_text()
        return _record(row)


def keys(db: BureauDatabase) -> list[KeyInfo]:
    """Every key, stations' by station name, then the bureau's."""
    with db.read() as session:
        names = dict(session.execute(select(StationRow.id, StationRow.name)).all())
        rows = session.scalars(select(KeyRow).order_by(KeyRow.owner.desc(), KeyRow.org_code))
        return [
            KeyInfo(
                _record(row),
                names.get(row.station_id, row.name) if row.station_id else row.name,
                row.registered_at,
                row.registered_by,
            )
            for row in rows
        ]


def export(db: BureauDatabase, path: Path) -> Registry:
    """Write the registry as a registry file (for ``gwgk verify --keys``)."""
    registry = load(db)
    registry.save(path)
    return registry


def import_state(db: BureauDatabase, path: Path) -> int:
    """Take over the replay state of a ``gwgk verify --state`` file: a station's sequence
    only ever rises. Returns how many stations' sequences rose."""
    state = State.load(path)
    raised = 0
    with db.write() as session:
        for org_code, accepted in sorted(state.stations.items()):
            row = session.get(ReplayState, org_code)
            if row is None:
                row = ReplayState(org_code=org_code, sequence=0)
                session.add(row)
            if accepted.sequence > row.sequence:
                row.sequence = accepted.sequence
                row.package_sha256 = accepted.package_sha256
                row.key_id = accepted.key_id
                row.accepted_at = accepted.accepted_at
                row.source = "imported"
                raised += 1
    return raised
