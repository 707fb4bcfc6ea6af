"""Hypothesis strategies for domain values (random but valid-shaped catalogue content)."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

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
)
from gwgk_desktop.domain.workdays import WorkCalendar, YearCalendar

CHANNELS = ("website", "gazette", "bulletin_board", "service_center", "hotline_12345", "other")
# Chinese, Latin, digits, punctuation and the odd emoji: what clerks paste from Word.
text = st.text(
    alphabet=st.sampled_from("政务公开目录派出所户籍登记申请材料（）、，。《》ABCabc0123 -\n😀"),
    max_size=40,
)
short = st.text(alphabet=st.sampled_from("受理审查决定送达是否补正ABC12"), max_size=12)
dates = st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))
days = st.one_of(st.none(), st.integers(1, 365))


@st.composite
def flowcharts(draw: st.DrawFn, max_nodes: int = 12) -> Flowchart:
    count = draw(st.integers(0, max_nodes))
    keys = [f"n{i}" for i in range(count)]
    nodes = [
        FlowNode(
            key=key,
            kind=draw(st.sampled_from(NodeKind)),
            text=draw(short),
            post=draw(short),
            time_limit_days=draw(days),
            x=draw(st.floats(-2000, 2000, allow_nan=False).map(lambda v: round(v, 1))),
            y=draw(st.floats(-2000, 2000, allow_nan=False).map(lambda v: round(v, 1))),
        )
        for key in keys
    ]
    edges = []
    if keys:
        pairs = draw(
            st.lists(
                st.tuples(st.sampled_from(keys), st.sampled_from(keys)),
                max_size=count * 2,
                unique=True,
            )
        )
        edges = [FlowEdge(f"e{i}", a, b, draw(short)) for i, (a, b) in enumerate(pairs)]
    return Flowchart(title=draw(short), nodes=nodes, edges=edges)


@st.composite
def item_contents(
    draw: st.DrawFn,
    category_ids: tuple[int, ...] = (1, 2, 3, 4, 5, 6),
    with_attachments: bool = True,
) -> ItemContent:
    kind = draw(st.sampled_from(ItemKind))
    guide = None
    materials: list[Material] = []
    chart = None
    if kind is ItemKind.LICENSING:
        legal = draw(days)
        # a promise longer than the legal limit is refused even for a draft
        promised = draw(st.one_of(st.none(), st.integers(1, legal or 365)))
        guide = ServiceGuide(
            item_code=draw(short),
            department=draw(text),
            conditions=draw(text),
            legal_limit_days=legal,
            promised_limit_days=promised,
            result=draw(text),
            place=draw(text),
            hours=draw(text),
            faq=draw(text),
        )
        materials = draw(
            st.lists(
                st.builds(
                    Material,
                    name=text,
                    copies=st.integers(1, 9),
                    form=st.sampled_from(MaterialForm),
                    required=st.booleans(),
                    note=text,
                ),
                max_size=4,
            )
        )
        chart = draw(st.one_of(st.none(), flowcharts()))
    attachments: list[Attachment] = []
    return ItemContent(
        kind=kind,
        category_id=draw(st.sampled_from(category_ids)),
        name=draw(text.filter(lambda s: s.strip() != "")),
        level1=draw(text),
        level2=draw(text),
        content=draw(text),
        basis=draw(text),
        time_limit=draw(text),
        subject=draw(text),
        channels=tuple(draw(st.lists(st.sampled_from(CHANNELS), unique=True, max_size=4))),
        audience=draw(st.sampled_from(Audience)),
        mode=draw(st.sampled_from(DisclosureMode)),
        level=draw(st.sampled_from(Level)),
        lead_unit=draw(text),
        responsible_unit=draw(text),
        summary=draw(text),
        generated_date=draw(dates),
        doc_number=draw(short),
        validity=draw(st.sampled_from(Validity)),
        topic=draw(short),
        publisher=draw(text),
        update_due=None,
        fee_standard=draw(text) if kind is ItemKind.FEE else "",
        guide=guide,
        materials=materials,
        flowchart=chart,
        attachments=attachments,
    )


@st.composite
def year_calendars(draw: st.DrawFn, year: int) -> YearCalendar:
    """A random but valid calendar of ``year``: some days off, some weekend days worked."""
    first = dt.date(year, 1, 1)
    days = [first + dt.timedelta(days=n) for n in range((dt.date(year, 12, 31) - first).days + 1)]
    holidays = draw(st.sets(st.sampled_from(days), max_size=40))
    weekends = [d for d in days if d.weekday() >= 5 and d not in holidays]
    workdays = draw(st.sets(st.sampled_from(weekends), max_size=12))
    return YearCalendar(year, frozenset(holidays), frozenset(workdays))


@st.composite
def work_calendars(draw: st.DrawFn) -> WorkCalendar:
    """Calendars for some of the years 2024–2028 (the others count weekends only)."""
    years = draw(st.sets(st.integers(2024, 2028), max_size=5))
    return WorkCalendar.of([draw(year_calendars(year)) for year in sorted(years)])
