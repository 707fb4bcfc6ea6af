"""Which items the last export found without any finding, kept beside the database so the
next export checks again only what changed.

Validating and scanning for personal data every item in force is about a third of a
20,000-item export, and nearly all of it is spent again on items that did not change. So
each export leaves ``.<database name>.items-checked``: the SHA-256 of every package record
(``data/*.jsonl`` line, the item's content as written) that had no validation problem and
no personal data, under one **context**: the rules (the code of the validators, the
privacy rules of the template, the known channels and categories), and the **day** of the
check. The next export with the same context, on that day or later, takes such a record as
it is; any other record (a changed item, other rules) is checked in full, and so is every
record with a finding, each time (its message is made fresh).

The only finding that depends on the date is a 生成日期 after today (a warning), and a date
that was not after the day of the check is not after any later day: a record found clean
stays clean as the days pass, so a station exporting once a week checks again only what it
changed. On a day before the file's (the computer's clock set back) nothing is taken as
checked.

The file is sealed like the history checkpoint (``checked_history.seal``, a label of its
own): whoever can write the database and this file but not open the signing key cannot
make the export take a record with personal data or a missing field as checked. A file
that is missing, damaged, of another context or sealed by another key only costs the
full check, which then leaves a fresh one. Nothing in it is secret.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import marshal
import secrets
import sys
from collections.abc import Collection, Iterable, Sequence
from importlib.machinery import SourceFileLoader
from pathlib import Path

from gwgk_desktop.domain.privacy import Rule
from gwgk_desktop.errors import WriteFailed
from gwgk_desktop.files import write_bytes_atomic
from gwgk_desktop.services.checked_history import seal
from gwgk_desktop.submission.keys import KeyPair

log = logging.getLogger(__name__)

FORMAT = "gwgk-items-checkpoint-2"
_LABEL = b"gwgk-desktop checked items v1"
_SEAL = 64  # hex characters of the HMAC-SHA256, the file's first line
_DIGEST = 32  # bytes of each record's SHA-256
#: The modules whose code decides a record's findings: a change to any of them (a new
#: rule, another message) is another context.
RULE_MODULES = (
    "gwgk_desktop.domain.enums",
    "gwgk_desktop.domain.models",
    "gwgk_desktop.domain.flowchart",
    "gwgk_desktop.domain.validation",
    "gwgk_desktop.domain.workflow",
    "gwgk_desktop.domain.privacy",
    "gwgk_desktop.services.privacy",
    "gwgk_desktop.services.export",
    "gwgk_desktop.services.checked_items",
)


def path_for(database: Path) -> Path:
    return database.with_name(f".{database.name}.items-checked")


def record_digest(line: bytes) -> bytes:
    return hashlib.sha256(line).digest()


def _code_digest() -> str | None:
    """SHA-256 over the compiled code of ``RULE_MODULES``; None when a module's code
    cannot be had (then nothing is taken as checked)."""
    digest = hashlib.sha256()
    for name in RULE_MODULES:
        spec = getattr(sys.modules.get(name), "__spec__", None)
        loader = getattr(spec, "loader", None)
        try:
            if isinstance(loader, SourceFileLoader) and spec is not None and spec.origin:
                # The source itself: asking for the code would compile it again where
                # no bytecode is cached (PYTHONDONTWRITEBYTECODE).
                text = loader.get_data(spec.origin)
            else:  # a bundle's frozen modules, bytecode without source
                get_code = getattr(loader, "get_code", None)
                code = get_code(name) if get_code is not None else None
                if code is None:
                    return None
                text = marshal.dumps(code)
        except (ImportError, OSError) as error:
            log.info("checked items not used: no code of %s (%s)", name, error)
            return None
        digest.update(name.encode() + b"\0" + text)
    return digest.hexdigest()


def _rule(rule: Rule) -> list[object]:
    return [
        rule.code,
        rule.name,
        rule.pattern.pattern,
        rule.pattern.flags,
        rule.level.value,
        rule.check,
        list(rule.keep),
        sorted(rule.ignore_fields),
    ]


def context(
    *,
    rules: Sequence[Rule],
    known_channels: Collection[str],
    known_categories: Collection[int],
) -> str | None:
    """The hex digest of everything besides a record that its findings depend on; None
    when it cannot be told (nothing is then taken as checked)."""
    code = _code_digest()
    if code is None:
        return None
    parts = {
        "format": FORMAT,
        "python": sys.version,
        "code": code,
        "rules": [_rule(r) for r in rules],
        "channels": sorted(known_channels),
        "categories": sorted(known_categories),
    }
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class CheckedItems:
    """The records an earlier export found clean, as read from the file, its seal not
    yet checked (``sealed_by``: that needs the signing key)."""

    def __init__(
        self, context: str, day: dt.date, digests: frozenset[bytes], body: bytes, seal: str
    ):
        self.context = context
        #: The day of the check that found them clean.
        self.day = day
        self.digests = digests
        self._body = body
        self._seal = seal
        self._held = False

    @classmethod
    def held(cls, context: str, day: dt.date, digests: frozenset[bytes]) -> CheckedItems:
        """What a check in this process found clean (the export dialog's own check): no
        file, nothing to unseal, believed as it is."""
        checked = cls(context, day, digests, b"", "")
        checked._held = True
        return checked

    def applies(self, context: str | None, today: dt.date) -> bool:
        """Whether a check under ``context`` on ``today`` may take these records as clean:
        the same context, on the day of the check or later (see the module docstring)."""
        return context is not None and self.context == context and self.day <= today

    def sealed_by(self, pair: KeyPair) -> bool:
        return self._held or secrets.compare_digest(seal(pair, self._body, _LABEL), self._seal)


def load(database: Path) -> CheckedItems | None:
    """The file beside ``database``; None when there is none or it cannot be read."""
    try:
        data = path_for(database).read_bytes()
        seal_text = data[:_SEAL].decode("ascii")
        body = data[_SEAL + 1 :]
        head_end = body.index(b"\n")
        head = json.loads(body[:head_end])
        digests = body[head_end + 1 :]
        if (
            data[_SEAL : _SEAL + 1] != b"\n"
            or head.get("format") != FORMAT
            or len(digests) != head["count"] * _DIGEST
            or not isinstance(head["context"], str)
        ):
            return None
        day = dt.date.fromisoformat(head["day"])
        found = frozenset(digests[i : i + _DIGEST] for i in range(0, len(digests), _DIGEST))
        return CheckedItems(head["context"], day, found, body, seal_text)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        log.info("checked items not used: %s", error)
        return None


def save(
    database: Path, context: str, day: dt.date, digests: Iterable[bytes], pair: KeyPair
) -> None:
    """Leave ``digests`` (of records clean under ``context`` on ``day``) for the next
    export; a failure only costs that export the full check, so it is logged, not raised."""
    ordered = sorted(set(digests))
    head = json.dumps(
        {"format": FORMAT, "context": context, "day": day.isoformat(), "count": len(ordered)}
    )
    body = head.encode("ascii") + b"\n" + b"".join(ordered)
    try:
        write_bytes_atomic(
            path_for(database), seal(pair, body, _LABEL).encode("ascii") + b"\n" + body
        )
    except (OSError, WriteFailed) as error:  # a full disk, a folder turned read-only
        log.warning("checked items not written: %s", error)
