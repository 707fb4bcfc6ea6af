"""The audit log's hash chain as plain data: how one record's hash is computed, a chain's
head (how many records, the last hash), and checking that a run of records (a *segment*)
leads from one head to another.

The station's store appends and verifies records with these rules; a submission package of
format 1.1 carries the station's head and the records since its previous package, so the
city bureau can check, record by record, that a station's history only ever grew.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gwgk_desktop.domain.serialize import canonical_json

#: The "previous hash" of the first record.
GENESIS = "0" * 64

#: The fields of a record as a segment carries them, besides ``id``, ``prev_hash``, ``hash``.
RECORD_FIELDS = (
    "at",
    "operator_id",
    "operator_name",
    "action",
    "entity",
    "entity_uuid",
    "summary",
    "before",
    "after",
)


def record_hash(record: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of ``id``, the fields of ``RECORD_FIELDS`` (``at`` as
    its ISO 8601 text) and ``prev_hash``."""
    body = {key: record[key] for key in ("id", *RECORD_FIELDS, "prev_hash")}
    return hashlib.sha256(canonical_json(body)).hexdigest()


@dataclass(frozen=True)
class ChainHead:
    """Where a chain ends: ``count`` records, the last one's hash ``head`` (GENESIS when
    there are none). Record ids run from 1 to ``count``."""

    count: int
    head: str

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "head": self.head}


EMPTY = ChainHead(0, GENESIS)


def segment_problems(
    records: Iterable[Mapping[str, Any]], start: ChainHead, end: ChainHead, limit: int = 5
) -> list[str]:
    """Why ``records`` are not exactly the records ``start.count + 1`` … ``end.count`` of a
    chain that had head ``start`` and then head ``end`` (empty list: they are). Each
    record's hash is recomputed, so an edited, missing, extra or reordered record shows."""
    problems: list[str] = []
    expected_id, prev = start.count + 1, start.head
    for record in records:
        if len(problems) >= limit:
            break
        try:
            record_id, stated_prev, stated = record["id"], record["prev_hash"], record["hash"]
            digest = record_hash(record)
        except (KeyError, TypeError, ValueError):
            problems.append(f"第{expected_id}条审计记录缺少字段或格式不对")
            break
        if record_id != expected_id:
            problems.append(f"审计记录应为第{expected_id}条，实为第{record_id}条（有缺失或多余）")
        if stated_prev != prev:
            problems.append(f"第{record_id}条审计记录与前一条不衔接")
        if digest != stated:
            problems.append(f"第{record_id}条审计记录的内容与其校验值不符（被改动过）")
        expected_id = record_id + 1 if isinstance(record_id, int) else expected_id + 1
        prev = stated
    if not problems and (expected_id - 1 != end.count or prev != end.head):
        problems.append(
            f"审计记录止于第{expected_id - 1}条，与报送包注明的链头（第{end.count}条）不符"
        )
    return problems
