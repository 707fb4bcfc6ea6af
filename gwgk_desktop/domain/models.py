"""Dataclasses for the things the catalogue is made of.

These are the values that cross layer boundaries: the store turns rows into them, the
services hand them to the GUI, the PDF writer and the package builder. No live ORM object
ever leaves the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from gwgk_desktop.domain.enums import (
    Audience,
    DisclosureMode,
    ItemKind,
    Level,
    MaterialForm,
    NodeKind,
    Role,
    Status,
    Validity,
)

#: The usual 公开时限 of the 2019 regulation, art. 26.
DEFAULT_TIME_LIMIT = "信息形成或者变更之日起20个工作日内"
DEFAULT_TOPIC = "公安"


@dataclass(frozen=True)
class StationProfile:
    """The unit that keeps this catalogue (派出所 / 所队 / 县(区)局 ...)."""

    name: str
    org_code: str
    level: Level = Level.STATION
    parent_unit: str = ""
    address: str = ""
    office_hours: str = ""
    phone: str = ""
    complaint_phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Operator:
    id: int
    username: str
    display_name: str
    role: Role
    active: bool = True
    #: Locked after too many wrong passwords until then (UTC); None: not locked.
    locked_until: dt.datetime | None = None
    #: An administrator's recovery code is set (only its hash is kept).
    has_recovery_code: bool = False

    def locked(self, now: dt.datetime | None = None) -> bool:
        """Locked out at ``now`` (naive UTC, like every stored time; default: now)."""
        now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
        return self.locked_until is not None and self.locked_until > now


@dataclass(frozen=True)
class Actor:
    """The operator on whose behalf a service call runs (who is written to the audit log)."""

    operator_id: int | None
    username: str
    display_name: str
    role: Role

    @classmethod
    def system(cls) -> Actor:
        """The application itself, for set-up steps no person performed."""
        return cls(None, "system", "系统", Role.ADMIN)

    @classmethod
    def key_holder(cls) -> Actor:
        """Whoever knows the station key's passphrase, exporting from the command line
        without logging in: the passphrase is what authorises the signing, so this actor
        is no operator (no id) and has the least rights of any role."""
        return cls(None, "cli", "命令行", Role.CLERK)


@dataclass(frozen=True)
class Category:
    id: int
    code: str
    name: str
    description: str = ""
    lead_unit: str = ""
    responsible_unit: str = ""
    sort_order: int = 0


@dataclass(frozen=True)
class Channel:
    code: str
    name: str


@dataclass(frozen=True)
class Stage:
    code: str
    name: str
    start: dt.date
    end: dt.date
    description: str = ""


@dataclass
class Material:
    """One entry of a licensing item's materials list (申请材料)."""

    name: str = ""
    copies: int = 1
    form: MaterialForm = MaterialForm.ORIGINAL
    required: bool = True
    note: str = ""
    #: SHA-256 of the sample form (申报范本) attachment, if any.
    sample_sha256: str | None = None
    sample_filename: str = ""


#: What a time limit of "handled on the spot" is called (many 户籍 items are).
IMMEDIATE = "即时办结"


def limit_text(days: int | None, immediate: bool) -> str:
    """A time limit as printed: "即时办结", "20个工作日", or "" when not filled in."""
    if immediate:
        return IMMEDIATE
    return f"{days}个工作日" if days else ""


@dataclass
class ServiceGuide:
    """The 办事指南 of a licensing item (Licensing Law art. 30). A time limit (法定期限,
    承诺期限) is a number of working days or, with its ``*_immediate`` flag, 即时办结."""

    item_code: str = ""
    department: str = ""
    legal_basis: str = ""
    conditions: str = ""
    procedure: str = ""
    legal_limit_days: int | None = None
    promised_limit_days: int | None = None
    legal_limit_immediate: bool = False
    promised_limit_immediate: bool = False
    fee_text: str = "不收费"
    result: str = ""
    place: str = ""
    hours: str = ""
    phone: str = ""
    complaint_phone: str = ""
    faq: str = ""

    def legal_limit(self) -> str:
        return limit_text(self.legal_limit_days, self.legal_limit_immediate)

    def promised_limit(self) -> str:
        return limit_text(self.promised_limit_days, self.promised_limit_immediate)

    def limits(self) -> str:
        """Both limits in one line: "法定期限20个工作日；承诺期限即时办结"."""
        parts = [("法定期限", self.legal_limit()), ("承诺期限", self.promised_limit())]
        return "；".join(name + value for name, value in parts if value)


#: Each time limit's 即时办结 flag and the days field it stands instead of.
IMMEDIATE_FLAGS = {
    "legal_limit_immediate": "legal_limit_days",
    "promised_limit_immediate": "promised_limit_days",
}


@dataclass
class FlowNode:
    key: str
    kind: NodeKind
    text: str = ""
    post: str = ""
    time_limit_days: int | None = None
    x: float = 0.0
    y: float = 0.0


@dataclass
class FlowEdge:
    key: str
    source: str | None
    target: str | None
    label: str = ""


@dataclass
class Flowchart:
    """An approval-procedure flowchart (审批程序流程图): nodes and directed edges."""

    title: str = ""
    nodes: list[FlowNode] = field(default_factory=list)
    edges: list[FlowEdge] = field(default_factory=list)

    def node(self, key: str) -> FlowNode | None:
        for node in self.nodes:
            if node.key == key:
                return node
        return None


@dataclass
class Attachment:
    sha256: str
    filename: str
    size: int
    media_type: str = "application/octet-stream"
    note: str = ""


@dataclass
class ItemContent:
    """Everything a clerk edits in one revision of a catalogue, licensing or fee item."""

    kind: ItemKind = ItemKind.CATALOGUE
    category_id: int | None = None
    name: str = ""
    level1: str = ""
    level2: str = ""
    content: str = ""
    basis: str = ""
    time_limit: str = DEFAULT_TIME_LIMIT
    subject: str = ""
    channels: tuple[str, ...] = ()
    audience: Audience = Audience.PUBLIC
    mode: DisclosureMode = DisclosureMode.ACTIVE
    level: Level = Level.STATION
    lead_unit: str = ""
    responsible_unit: str = ""
    summary: str = ""
    generated_date: dt.date | None = None
    doc_number: str = ""
    validity: Validity = Validity.VALID
    topic: str = DEFAULT_TOPIC
    publisher: str = ""
    update_due: dt.date | None = None
    #: 收费标准, for fee items (项目 is the name, 依据 the basis).
    fee_standard: str = ""
    guide: ServiceGuide | None = None
    materials: list[Material] = field(default_factory=list)
    #: UUIDs of the fee items a licensing item charges.
    fee_links: list[str] = field(default_factory=list)
    flowchart: Flowchart | None = None
    attachments: list[Attachment] = field(default_factory=list)


@dataclass(frozen=True)
class Transition:
    """One recorded workflow step of a revision."""

    action: str
    from_status: Status
    to_status: Status
    at: dt.datetime
    by: str
    comment: str = ""


@dataclass
class Item:
    """One revision of an item with its identity and workflow state."""

    id: int
    uuid: str
    revision_id: int
    revision: int
    status: Status
    index_number: str
    content: ItemContent
    created_at: dt.datetime
    updated_at: dt.datetime
    updated_by: str = ""
    submitted_by: str = ""
    published_on: dt.date | None = None
    deleted: bool = False
    #: The revision number of the approved/published revision that is still in force
    #: while this (newer) revision is being edited, if there is one.
    live_revision: int | None = None

    @property
    def kind(self) -> ItemKind:
        return self.content.kind

    @property
    def name(self) -> str:
        return self.content.name


@dataclass(frozen=True)
class ItemRow:
    """The few fields the item table shows; cheap to fetch for thousands of rows."""

    id: int
    uuid: str
    kind: ItemKind
    category_id: int | None
    name: str
    level1: str
    status: Status
    level: Level
    index_number: str
    revision: int
    updated_at: dt.datetime
    update_due: dt.date | None
    live_revision: int | None = None

    def overdue(self, today: dt.date) -> bool:
        return self.update_due is not None and self.update_due < today
