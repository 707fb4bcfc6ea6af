"""Public-key records and the bureau's key registry.

A registry file lists public-key records; a file written by ``gwgk keys export-public``
holds one record and is itself a valid one-station registry. The bureau merges such files
into its registry (``gwgk registry merge``), comparing each new key's fingerprint with the
paper key-registration form first, and revokes keys it no longer trusts. Revocation is
sticky: merging a file that still says "active" never un-revokes a key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gwgk_desktop.domain import typed
from gwgk_desktop.domain.unsafe_text import text_problem
from gwgk_desktop.errors import ReadFailed
from gwgk_desktop.files import read_input, write_bytes_atomic
from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.errors import KeyProblem, RegistryError
from gwgk_desktop.submission.format import is_key_id
from gwgk_desktop.submission.keys import fingerprint, key_id, load_public

REGISTRY_FORMAT = "gwgk-key-registry"
REGISTRY_VERSION = 1
STATION = "station"
BUREAU = "bureau"
ACTIVE = "active"
REVOKED = "revoked"
MAX_REGISTRY = 64 * 1024 * 1024


def now_text() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class KeyRecord:
    """One public key and whom it belongs to: a station (by organisation code) or the
    bureau (which signs reference templates)."""

    key_id: str
    public_key: str
    owner: str
    org_code: str
    name: str
    created_at: str
    status: str = ACTIVE
    revoked_at: str | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(bytes.fromhex(self.public_key))

    @property
    def revoked(self) -> bool:
        return self.status == REVOKED

    def same_key(self, other: KeyRecord) -> bool:
        return (self.public_key, self.owner, self.org_code) == (
            other.public_key,
            other.owner,
            other.org_code,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "key_id": self.key_id,
            "algorithm": "ed25519",
            "public_key": self.public_key,
            "fingerprint": self.fingerprint,
            "owner": {"kind": self.owner, "org_code": self.org_code, "name": self.name},
            "created_at": self.created_at,
            "status": self.status,
            "revoked_at": self.revoked_at,
        }

    @classmethod
    def from_dict(cls, data: Any) -> KeyRecord:
        try:
            shape = typed.read(_RecordShape, data)
        except typed.FieldError as error:
            raise RegistryError(
                f"密钥登记记录有误：{error}", f"bad key record at {error.path}"
            ) from error
        record = cls(
            key_id=shape.key_id,
            public_key=shape.public_key,
            owner=shape.owner.kind,
            org_code=shape.owner.org_code,
            name=shape.owner.name,
            created_at=shape.created_at,
            status=shape.status,
            revoked_at=shape.revoked_at,
        )
        if shape.algorithm != "ed25519":
            raise RegistryError(f"不支持的密钥算法：{shape.algorithm}", "unsupported algorithm")
        if not is_key_id(record.key_id):
            raise RegistryError("密钥标识格式不对", f"bad key id {record.key_id!r}")
        try:
            load_public(record.public_key)
        except KeyProblem as error:
            raise RegistryError(f"密钥 {record.key_id} 的公钥格式不对", "bad public key") from error
        if key_id(bytes.fromhex(record.public_key)) != record.key_id:
            raise RegistryError(
                f"密钥 {record.key_id} 的标识与公钥不符（记录可能被改动）", "key id mismatch"
            )
        if shape.fingerprint is not None and shape.fingerprint != record.fingerprint:
            raise RegistryError(
                f"密钥 {record.key_id} 的指纹与公钥不符（记录可能被改动）", "fingerprint mismatch"
            )
        if record.owner not in (STATION, BUREAU) or record.status not in (ACTIVE, REVOKED):
            raise RegistryError(f"密钥 {record.key_id} 的归属或状态无法识别", "bad owner/status")
        if record.owner == STATION and not record.org_code:
            raise RegistryError(f"密钥 {record.key_id} 没有注明单位代码", "station key lacks org")
        for text in (record.org_code, record.name, record.created_at, record.revoked_at or ""):
            if text_problem(text, one_line=True) or len(text) > 200:
                raise RegistryError(
                    f"密钥 {record.key_id} 的登记内容含有控制字符或太长", "bad text in key record"
                )
        return record


@dataclass(frozen=True)
class _OwnerShape:
    kind: str
    org_code: str = ""
    name: str = ""


@dataclass(frozen=True)
class _RecordShape:
    """A key record's JSON, read with ``domain.typed`` (exact types, no unknown key)."""

    key_id: str
    public_key: str
    owner: _OwnerShape
    algorithm: str = ""
    created_at: str = ""
    status: str = ACTIVE
    revoked_at: str | None = None
    fingerprint: str | None = None


@dataclass
class MergeReport:
    added: list[KeyRecord]
    revoked: list[KeyRecord]
    unchanged: int


class Registry:
    """Key records by key id."""

    def __init__(self, records: list[KeyRecord] | None = None) -> None:
        self.records: dict[str, KeyRecord] = {}
        for record in records or []:
            if record.key_id in self.records:
                raise RegistryError(f"密钥 {record.key_id} 重复登记", "duplicate key id")
            self.records[record.key_id] = record

    def get(self, kid: str) -> KeyRecord | None:
        return self.records.get(kid)

    def for_station(self, org_code: str) -> list[KeyRecord]:
        return [r for r in self.records.values() if r.owner == STATION and r.org_code == org_code]

    def to_bytes(self) -> bytes:
        return canonical.encode(
            {
                "format": REGISTRY_FORMAT,
                "format_version": REGISTRY_VERSION,
                "keys": [self.records[k].to_dict() for k in sorted(self.records)],
            }
        )

    def save(self, path: Path) -> None:
        write_bytes_atomic(path, self.to_bytes())

    def merge(self, other: Registry) -> MergeReport:
        """Add ``other``'s keys; refuse (changing nothing) if a key id names another key."""
        for record in other.records.values():
            mine = self.records.get(record.key_id)
            if mine is not None and not mine.same_key(record):
                raise RegistryError(
                    f"密钥 {record.key_id} 在两个文件中的内容不同，未合并（请核实来源）",
                    f"conflicting records for key {record.key_id}",
                )
        report = MergeReport([], [], 0)
        for record in other.records.values():
            mine = self.records.get(record.key_id)
            if mine is None:
                self.records[record.key_id] = record
                report.added.append(record)
            elif record.revoked and not mine.revoked:
                self.records[record.key_id] = replace(
                    mine, status=REVOKED, revoked_at=record.revoked_at
                )
                report.revoked.append(record)
            else:
                report.unchanged += 1
        return report

    def revoke(self, kid: str) -> KeyRecord:
        record = self.records.get(kid)
        if record is None:
            raise RegistryError(f"登记册中没有密钥 {kid}", f"no key {kid}")
        if not record.revoked:
            record = replace(record, status=REVOKED, revoked_at=now_text())
            self.records[kid] = record
        return record

    @classmethod
    def from_bytes(cls, data: bytes, source: str = "") -> Registry:
        where = f"（{source}）" if source else ""
        try:
            value = canonical.parse(data, thorough=True)
        except canonical.NotJson as error:
            raise RegistryError(
                f"密钥登记册文件{where}不是有效的JSON", f"registry is not JSON: {error}"
            ) from error
        if not isinstance(value, dict) or value.get("format") != REGISTRY_FORMAT:
            raise RegistryError(f"不是密钥登记册文件{where}", "not a key registry")
        unknown = sorted(set(value) - {"format", "format_version", "keys"})
        if unknown:
            raise RegistryError(
                f"密钥登记册{where}有不认识的字段：{'、'.join(unknown)}", "unknown registry keys"
            )
        if value.get("format_version") != REGISTRY_VERSION:
            raise RegistryError(
                f"密钥登记册{where}的格式版本不受支持", "unsupported registry version"
            )
        keys = value.get("keys")
        if not isinstance(keys, list):
            raise RegistryError(f"密钥登记册{where}缺少 keys 列表", "registry lacks keys")
        return cls([KeyRecord.from_dict(k) for k in keys])

    @classmethod
    def load(cls, path: Path) -> Registry:
        try:
            data = read_input(path, MAX_REGISTRY, "密钥登记册")
        except ReadFailed as error:
            raise RegistryError(error.message, error.english) from error
        return cls.from_bytes(data, path.name)
