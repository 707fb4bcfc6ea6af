"""The verifier's state file: the last accepted sequence (and package hash) per station,
which is what makes a replayed or older package detectable (TUF's rollback rule).

Created when missing; replaced atomically, and only after a package fully verified. A
state file that cannot be read is an error, never silently treated as empty (that would
reopen every station to replays).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gwgk_desktop.files import write_bytes_atomic
from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.errors import StateFileError

STATE_FORMAT = "gwgk-verify-state"
STATE_VERSION = 1


@dataclass(frozen=True)
class Accepted:
    sequence: int
    package_sha256: str
    key_id: str
    accepted_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "sequence": self.sequence,
            "package_sha256": self.package_sha256,
            "key_id": self.key_id,
            "accepted_at": self.accepted_at,
        }


class State:
    def __init__(self, stations: dict[str, Accepted] | None = None) -> None:
        self.stations: dict[str, Accepted] = dict(stations or {})

    def last(self, org_code: str) -> Accepted | None:
        return self.stations.get(org_code)

    def to_bytes(self) -> bytes:
        return canonical.encode(
            {
                "format": STATE_FORMAT,
                "format_version": STATE_VERSION,
                "stations": {code: a.to_dict() for code, a in self.stations.items()},
            }
        )

    @classmethod
    def load(cls, path: Path) -> State:
        if not path.exists():
            return cls()
        try:
            value = canonical.parse(path.read_bytes())
            if value.get("format") != STATE_FORMAT or value.get("format_version") != 1:
                raise ValueError("not a state file")
            stations = {
                code: Accepted(
                    int(a["sequence"]), str(a["package_sha256"]), str(a["key_id"]), a["accepted_at"]
                )
                for code, a in value["stations"].items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise StateFileError(
                f"校验状态文件 {path} 无法读取或已损坏，未作任何校验。请从备份恢复它",
                f"state file {path} is unreadable: {error}",
            ) from error
        return cls(stations)

    def save(self, path: Path) -> None:
        write_bytes_atomic(path, self.to_bytes())
