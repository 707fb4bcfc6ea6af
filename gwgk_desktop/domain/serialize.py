"""Plain-JSON forms of the domain values (for the audit log, autosaved drafts and the
submission package). ``*_from_dict(*_to_dict(x)) == x`` for every value."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, fields
from typing import Any

from gwgk_desktop.domain.enums import (
    Audience,
    DisclosureMode,
    ItemKind,
    Level,
    MaterialForm,
    NodeKind,
    Validity,
)
from gwgk_desktop.domain.models import (
    Attachment,
    Flowchart,
    FlowEdge,
    FlowNode,
    ItemContent,
    Material,
    ServiceGuide,
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


def flowchart_from_dict(data: dict[str, Any]) -> Flowchart:
    return Flowchart(
        title=data.get("title", ""),
        nodes=[
            FlowNode(
                key=n["key"],
                kind=NodeKind(n["kind"]),
                text=n.get("text", ""),
                post=n.get("post", ""),
                time_limit_days=n.get("time_limit_days"),
                x=float(n.get("x", 0.0)),
                y=float(n.get("y", 0.0)),
            )
            for n in data.get("nodes", [])
        ],
        edges=[
            FlowEdge(
                key=e["key"],
                source=e.get("source"),
                target=e.get("target"),
                label=e.get("label", ""),
            )
            for e in data.get("edges", [])
        ],
    )


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


def content_from_dict(data: dict[str, Any]) -> ItemContent:
    """The inverse of ``content_to_dict``; absent keys take ``ItemContent``'s defaults."""
    base = ItemContent()
    guide_fields = {f.name for f in fields(ServiceGuide)}
    guide = data.get("guide")

    def text(key: str) -> str:
        value = data.get(key, getattr(base, key))
        return "" if value is None else str(value)

    return ItemContent(
        kind=ItemKind(data.get("kind", base.kind.value)),
        category_id=data.get("category_id"),
        name=text("name"),
        level1=text("level1"),
        level2=text("level2"),
        content=text("content"),
        basis=text("basis"),
        time_limit=text("time_limit"),
        subject=text("subject"),
        channels=tuple(data.get("channels", ())),
        audience=Audience(data.get("audience", base.audience.value)),
        mode=DisclosureMode(data.get("mode", base.mode.value)),
        level=Level(data.get("level", base.level.value)),
        lead_unit=text("lead_unit"),
        responsible_unit=text("responsible_unit"),
        summary=text("summary"),
        generated_date=_parse_date(data.get("generated_date")),
        doc_number=text("doc_number"),
        validity=Validity(data.get("validity", base.validity.value)),
        topic=text("topic"),
        publisher=text("publisher"),
        update_due=_parse_date(data.get("update_due")),
        fee_standard=text("fee_standard"),
        guide=ServiceGuide(**{k: v for k, v in guide.items() if k in guide_fields})
        if guide
        else None,
        materials=[
            Material(**{**m, "form": MaterialForm(m.get("form", MaterialForm.ORIGINAL.value))})
            for m in data.get("materials", [])
        ],
        fee_links=list(data.get("fee_links", [])),
        flowchart=flowchart_from_dict(data["flowchart"]) if data.get("flowchart") else None,
        attachments=[Attachment(**a) for a in data.get("attachments", [])],
    )


def station_to_dict(profile: StationProfile) -> dict[str, Any]:
    return {**asdict(profile), "level": profile.level.value}


def station_from_dict(data: dict[str, Any]) -> StationProfile:
    return StationProfile(**{**data, "level": Level(data["level"])})


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The top-level keys whose values differ, as (old values, new values)."""
    keys = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return {k: before.get(k) for k in keys}, {k: after.get(k) for k in keys}
