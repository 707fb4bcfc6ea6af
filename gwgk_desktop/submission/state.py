"""The verifier's state file: the last accepted sequence (and package hash) per station,
which is what makes a replayed or older package detectable (TUF's rollback rule).

Created when missing; replaced atomically, and only after a package fully verified, while
a lock on ``.<name>.lock`` beside it is held from reading to writing (``locked_state``), so
verifications at once take turns instead of losing each other's record. A state file that
cannot be read is an error, never silently treated as empty (that would reopen every
station to replays).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gwgk_desktop.errors import ReadFailed
from gwgk_desktop.filelock import Busy, locked
from gwgk_desktop.files import read_input, write_bytes_atomic
from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.errors import StateFileError

STATE_FORMAT = "gwgk-verify-state"
STATE_VERSION = 1
MAX_STATE = 64 * 1024 * 1024
#: How long a verification waits for another one to finish with the state file.
LOCK_WAIT_S = 60.0


@contextlib.contextmanager
def locked_state(path: Path) -> Iterator[None]:
    """Hold the state file's lock (waiting for another verification to finish)."""
    try:
        with locked(path.with_name(f".{path.name}.lock"), wait=LOCK_WAIT_S):
            yield
    except Busy:
        raise StateFileError(
            f"校验状态文件 {path} 正被另一个校验占用，请稍后再试", f"state file {path} is busy"
        ) from None
    except OSError as error:
        raise StateFileError(
            f"无法锁定校验状态文件 {path}（{error.strerror or error}）",
            f"cannot lock state file {path}: {error}",
        ) from error


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


def _accepted(value: Any) -> Accepted:
    """One station's record, every member of the type it must have."""
    if not isinstance(value, dict) or set(value) != {
        "sequence",
        "package_sha256",
        "key_id",
        "accepted_at",
    }:
        raise ValueError("bad station record")
    sequence = value["sequence"]
    if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 1:
        raise ValueError("bad sequence")
    texts = [value[k] for k in ("package_sha256", "key_id", "accepted_at")]
    if not all(isinstance(t, str) for t in texts):
        raise ValueError("bad station record")
    return Accepted(sequence, *texts)


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
            data = read_input(path, MAX_STATE, "校验状态文件")
        except ReadFailed as error:
            raise StateFileError(f"{error.message}，未作任何校验", error.english) from error
        try:
            value = canonical.parse(data, thorough=True)
            if (
                not isinstance(value, dict)
                or value.get("format") != STATE_FORMAT
                or value.get("format_version") != 1
                or not isinstance(value.get("stations"), dict)
            ):
                raise ValueError("not a state file")
            stations = {code: _accepted(a) for code, a in value["stations"].items()}
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise StateFileError(
                f"校验状态文件 {path} 无法读取或已损坏，未作任何校验。请从备份恢复它",
                f"state file {path} is unreadable: {error}",
            ) from error
        return cls(stations)

    def save(self, path: Path) -> None:
        write_bytes_atomic(path, self.to_bytes())
