"""Plain-JSON forms of the domain values (for the audit log, autosaved drafts and the
submission package). ``*_from_dict(*_to_dict(x)) == x`` for every value; reading is
strict (``domain.typed``), since the JSON may come from a person or another program."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from typing import Any

from gwgk_desktop.domain import typed
from gwgk_desktop.domain.models import (
    Flowchart,
    ItemContent,
    StationProfile,
)


def canonical_json(value: Any) -> bytes:
    """UTF-8 JSON with sorted keys and no insignificant white space: equal values give equal
    bytes (what hashes and signatures are computed over)."""
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def flowchart_to_dict(chart: Flowchart) -> dict[str, Any]:
    return {
        "title": chart.title,
        "nodes": [
            {
                "key": n.key,
                "kind": n.kind.value,
                "text": n.text,
                "post": n.post,
                "time_limit_days": n.time_limit_days,
                "x": n.x,
                "y": n.y,
            }
            for n in chart.nodes
        ],
        "edges": [
            {"key": e.key, "source": e.source, "target": e.target, "label": e.label}
            for e in chart.edges
        ],
    }


def flowchart_from_dict(data: Any) -> Flowchart:
    """The inverse of ``flowchart_to_dict``, strictly (``domain.typed``: FieldError)."""
    return typed.read(Flowchart, data)


def content_to_dict(content: ItemContent) -> dict[str, Any]:
    return {
        "kind": content.kind.value,
        "category_id": content.category_id,
        "name": content.name,
        "level1": content.level1,
        "level2": content.level2,
        "content": content.content,
        "basis": content.basis,
        "time_limit": content.time_limit,
        "subject": content.subject,
        "channels": list(content.channels),
        "audience": content.audience.value,
        "mode": content.mode.value,
        "level": content.level.value,
        "lead_unit": content.lead_unit,
        "responsible_unit": content.responsible_unit,
        "summary": content.summary,
        "generated_date": _date(content.generated_date),
        "doc_number": content.doc_number,
        "validity": content.validity.value,
        "topic": content.topic,
        "publisher": content.publisher,
        "update_due": _date(content.update_due),
        "fee_standard": content.fee_standard,
        "guide": asdict(content.guide) if content.guide else None,
        "materials": [{**asdict(m), "form": m.form.value} for m in content.materials],
        "fee_links": list(content.fee_links),
        "flowchart": flowchart_to_dict(content.flowchart) if content.flowchart else None,
        "attachments": [asdict(a) for a in content.attachments],
    }


def content_from_dict(data: Any) -> ItemContent:
    """The inverse of ``content_to_dict``, strictly: absent keys take ``ItemContent``'s
    defaults; a value of another type or an unknown key is a ``typed.FieldError``."""
    return typed.read(ItemContent, data)


def station_to_dict(profile: StationProfile) -> dict[str, Any]:
    return {**asdict(profile), "level": profile.level.value}


def station_from_dict(data: Any) -> StationProfile:
    return typed.read(StationProfile, data)


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The top-level keys whose values differ, as (old values, new values)."""
    keys = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}
