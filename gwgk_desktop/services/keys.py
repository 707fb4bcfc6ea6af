"""The station's signing keys and the bureau keys it trusts.

A station has at most one active Ed25519 key; its private half is kept only sealed with a
passphrase that is never stored. Replacing a key retires the old one (packages name the
key that signed them, so the bureau can still tell which key that was). The bureau's
public key, configured at set-up, is what a signed reference template must verify
against. Key files outside the database (the bureau's own key) use the same sealed form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from gwgk_desktop.beside import Beside
from gwgk_desktop.domain.enums import Role
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.domain.validation import Problem
from gwgk_desktop.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    ReadFailed,
    ValidationFailed,
)
from gwgk_desktop.files import read_input, write_bytes_atomic
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.models import BureauKey, StationKey
from gwgk_desktop.store.station import station_row
from gwgk_desktop.store.types import utcnow
from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.errors import KeyProblem
from gwgk_desktop.submission.keys import (
    KeyPair,
    fingerprint,
    passphrase_problem,
    seal,
    unseal,
)
from gwgk_desktop.submission.registry import BUREAU, STATION, KeyRecord, Registry, now_text

if TYPE_CHECKING:
    from gwgk_desktop.pdf.key_form import KeyFormData

ACTIVE = "active"
RETIRED = "retired"
MAX_KEY_FILE = 1 << 20


@dataclass(frozen=True)
class StationKeyInfo:
    """A station key as shown to people (never the private half)."""

    key_id: str
    public_key: str
    status: str
    created_at: dt.datetime
    created_by: str
    retired_at: dt.datetime | None

    @property
    def fingerprint(self) -> str:
        return fingerprint(bytes.fromhex(self.public_key))

    @property
    def active(self) -> bool:
        return self.status == ACTIVE


class NoStationKey(NotFound):
    pass


def _info(row: StationKey) -> StationKeyInfo:
    return StationKeyInfo(
        row.key_id, row.public_key, row.status, row.created_at, row.created_by, row.retired_at
    )


def _require_admin(actor: Actor) -> None:
    if actor.role is not Role.ADMIN:
        raise PermissionDenied("只有管理员可以管理签名密钥", "admin only")


def _check_new_passphrase(passphrase: str) -> None:
    reason = passphrase_problem(passphrase)
    if reason:
        raise ValidationFailed([Problem("passphrase", reason)], reason)


def list_keys(db: Database) -> list[StationKeyInfo]:
    with db.read() as session:
        return [_info(r) for r in session.scalars(select(StationKey).order_by(StationKey.id))]


def active_key(db: Database) -> StationKeyInfo | None:
    with db.read() as session:
        row = session.scalars(select(StationKey).where(StationKey.status == ACTIVE)).first()
        return _info(row) if row else None


def require_active_key(db: Database) -> StationKeyInfo:
    info = active_key(db)
    if info is None:
        raise NoStationKey(
            "本单位尚未生成签名密钥：请先在“签名密钥”中生成（或运行 gwgk keys init）",
            "no station key: run 'gwgk keys init'",
        )
    return info


def create_key(
    db: Database, actor: Actor, passphrase: str, *, replace: bool = False
) -> StationKeyInfo:
    """Make the station's key pair; with ``replace`` the current key is retired."""
    _require_admin(actor)
    _check_new_passphrase(passphrase)
    pair = KeyPair.generate()
    sealed = seal(pair, passphrase)
    with db.write() as session:
        station_row(session)
        current = session.scalars(select(StationKey).where(StationKey.status == ACTIVE)).first()
        if current is not None and not replace:
            raise Conflict(
                f"本单位已有签名密钥 {current.key_id}；如需更换，请使用“更换密钥”",
                "a station key exists; use replace",
            )
        if current is not None:
            current.status = RETIRED
            current.retired_at = utcnow()
            session.flush()
        row = StationKey(
            key_id=pair.key_id,
            public_key=pair.public.hex(),
            sealed=sealed,
            status=ACTIVE,
            created_by=actor.display_name,
        )
        session.add(row)
        session.flush()
        audit.append(
            session,
            actor,
            "key.replace" if current is not None else "key.create",
            "station_key",
            pair.key_id,
            f"生成签名密钥 {pair.key_id}"
            + (f"，停用原密钥 {current.key_id}" if current is not None else ""),
            before={"key_id": current.key_id} if current is not None else None,
            after={"key_id": pair.key_id, "fingerprint": pair.fingerprint},
        )
        return _info(row)


def _sealed_active_key(db: Database) -> Any:
    info = require_active_key(db)
    with db.read() as session:
        row = session.scalars(select(StationKey).where(StationKey.key_id == info.key_id)).one()
        return row.sealed


def unlock(db: Database, passphrase: str) -> KeyPair:
    """The active private key, opened with its passphrase (WrongPassphrase otherwise)."""
    return unseal(_sealed_active_key(db), passphrase)


def unlocking(db: Database, passphrase: str) -> Callable[[], KeyPair]:
    """``unlock`` begun on a thread of its own, so that its scrypt (which lets go of the
    GIL) runs beside the caller's work: the key is read now (NoStationKey at once); the
    function returned waits for the passphrase to open it and returns the key, or raises
    what ``unlock`` raises (WrongPassphrase ...)."""
    sealed = _sealed_active_key(db)
    return Beside(lambda: unseal(sealed, passphrase), "key-unlock").result


def change_passphrase(db: Database, actor: Actor, old: str, new: str) -> None:
    _require_admin(actor)
    _check_new_passphrase(new)
    pair = unlock(db, old)
    sealed = seal(pair, new)
    with db.write() as session:
        row = session.scalars(select(StationKey).where(StationKey.key_id == pair.key_id)).one()
        row.sealed = sealed
        audit.append(
            session, actor, "key.passphrase", "station_key", pair.key_id, "修改签名密钥口令"
        )


def public_record(db: Database, info: StationKeyInfo | None = None) -> KeyRecord:
    """The station's public-key record (what the bureau registers)."""
    info = info or require_active_key(db)
    with db.read() as session:
        station = station_row(session)
        name, org_code = station.name, station.org_code
    return KeyRecord(
        key_id=info.key_id,
        public_key=info.public_key,
        owner=STATION,
        org_code=org_code,
        name=name,
        created_at=info.created_at.replace(microsecond=0).isoformat() + "Z",
    )


def export_public(db: Database, out: Path) -> KeyRecord:
    """Write the active key's record as a one-station registry file."""
    record = public_record(db)
    Registry([record]).save(out)
    return record


# ---------------------------------------------------------------- bureau keys


def bureau_keys(db: Database) -> list[KeyRecord]:
    with db.read() as session:
        rows = session.scalars(select(BureauKey).where(BureauKey.active).order_by(BureauKey.key_id))
        return [
            KeyRecord(r.key_id, r.public_key, BUREAU, "", r.name, r.added_at.isoformat() + "Z")
            for r in rows
        ]


def read_bureau_key_file(path: Path) -> list[KeyRecord]:
    """The active bureau keys in a public-key file; refuses a file without one."""
    registry = Registry.load(path)
    found = [r for r in registry.records.values() if r.owner == BUREAU and not r.revoked]
    if not found:
        raise KeyProblem(
            f"{path.name} 中没有市局的公钥（可能选成了某个单位的公钥文件）",
            "no active bureau key in the file",
        )
    return found


def add_bureau_keys(db: Database, actor: Actor, records: list[KeyRecord]) -> None:
    """Trust these bureau keys for signed templates (administrators; set-up wizard)."""
    _require_admin(actor)
    with db.write() as session:
        for record in records:
            row = session.get(BureauKey, record.key_id)
            if row is None:
                row = BureauKey(key_id=record.key_id, added_by=actor.display_name)
                session.add(row)
            elif row.public_key != record.public_key:
                raise Conflict("同一密钥标识对应不同的公钥，未保存", "bureau key id conflict")
            row.public_key = record.public_key
            row.name = record.name or "市公安局政务公开办公室"
            row.active = True
            audit.append(
                session,
                actor,
                "bureau_key.add",
                "bureau_key",
                record.key_id,
                f"设置市局公钥 {record.key_id}（指纹 {record.fingerprint}）",
                after={"key_id": record.key_id, "fingerprint": record.fingerprint},
            )


# ---------------------------------------------------------------- key files


def generate_key_file(
    private_out: Path,
    public_out: Path,
    passphrase: str,
    name: str,
    owner: str = BUREAU,
    org_code: str = "",
) -> KeyRecord:
    """A sealed key file and its public record, outside any station database (the bureau
    signs templates with such a key)."""
    _check_new_passphrase(passphrase)
    if private_out.exists():
        raise Conflict(f"{private_out} 已存在，不会覆盖已有的密钥文件", "key file exists")
    pair = KeyPair.generate()
    record = KeyRecord(pair.key_id, pair.public.hex(), owner, org_code, name, now_text())
    write_bytes_atomic(private_out, canonical.encode(seal(pair, passphrase)))
    Registry([record]).save(public_out)
    return record


def load_key_file(path: Path, passphrase: str) -> KeyPair:
    try:
        data = read_input(path, MAX_KEY_FILE, "密钥文件")
    except ReadFailed as error:
        raise KeyProblem(error.message, error.english) from error
    try:
        sealed = canonical.parse(data, thorough=True)
    except canonical.NotJson as error:
        raise KeyProblem(f"{path.name} 不是密钥文件", "not a key file") from error
    return unseal(sealed, passphrase)


def key_form_data(db: Database, info: StationKeyInfo | None = None) -> KeyFormData:
    """What the key-registration form prints for ``info`` (default: the active key)."""
    from gwgk_desktop.pdf.key_form import KeyFormData  # reportlab only when printing

    info = info or require_active_key(db)
    keys = list_keys(db)
    position = next(i for i, k in enumerate(keys) if k.key_id == info.key_id)
    with db.read() as session:
        station = station_row(session)
        name, org_code, level, parent = (
            station.name,
            station.org_code,
            station.level.label,
            station.parent_unit,
        )
    return KeyFormData(
        station_name=name,
        org_code=org_code,
        level=level,
        parent_unit=parent,
        key_id=info.key_id,
        fingerprint=info.fingerprint,
        public_key=info.public_key,
        created_on=info.created_at.date(),
        replaces=keys[position - 1].key_id if position > 0 else None,
        public_file=f"{org_code}-{info.key_id}.json",
    )


def write_key_form(db: Database, out: Path, info: StationKeyInfo | None = None) -> KeyFormData:
    from gwgk_desktop.pdf.key_form import write_key_form as write_pdf

    data = key_form_data(db, info)
    write_pdf(out, data)
    return data
