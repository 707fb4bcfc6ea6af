"""What gets printed: picks the items of a document from the database (the revision in
force, i.e. approved or published, unless drafts are asked for), groups them by category,
chooses the font, and has ``gwgk_desktop.pdf`` write the PDF. The CLI (``gwgk print``) and
the GUI's print dialog both call ``produce``; the ``gwgk print`` commands first try
``services.light_print``, which reads the same statements without SQLAlchemy and shares
everything here but the reader (``collect``, ``check_privacy``, ``write_document``).

``produce`` reports to a ``Progress`` and stops with ``PrintCancelled`` once that is
cancelled; the target file is then left as it was (PDFs are written to a temporary name
and renamed into place).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from gwgk_desktop.domain.enums import ItemKind, LabelledEnum, Status
from gwgk_desktop.domain.models import Category, Item
from gwgk_desktop.domain.privacy import Rule
from gwgk_desktop.errors import NotFound, UserError, item_not_found
from gwgk_desktop.pdf.document import Notes, PrintCancelled
from gwgk_desktop.pdf.fonts import FontChoice, cjk_font
from gwgk_desktop.pdf.sources import PrintSource, Section
from gwgk_desktop.progress import SILENT, Progress, step
from gwgk_desktop.services.output_guard import OutputGuard
from gwgk_desktop.services.print_reads import PrintReads
from gwgk_desktop.store.reads import SessionReader, bulk_reader

if TYPE_CHECKING:
    from gwgk_desktop.store.database import Database

PAPERS = ("A4", "A3")


class DocumentKind(LabelledEnum):
    NOTICE_BOARD = "notice-board", "政务公开栏"
    GUIDE = "guide", "办事指南"
    CATALOGUE = "catalogue", "政务公开事项目录"


#: The paper each document is usually printed on: the notice board goes on the wall.
DEFAULT_PAPER = {
    DocumentKind.NOTICE_BOARD: "A3",
    DocumentKind.GUIDE: "A4",
    DocumentKind.CATALOGUE: "A4",
}


@dataclass(frozen=True)
class PrintRequest:
    """Which document, on what paper, with which items. ``category_ids`` None means every
    category; ``item_id`` is the licensing item of a guide; ``font`` overrides the font
    search (``GWGK_FONT`` and system fonts come after it)."""

    document: DocumentKind
    paper: str | None = None
    landscape: bool = False
    category_ids: frozenset[int] | None = None
    include_drafts: bool = False
    item_id: int | None = None
    date: dt.date | None = None
    font: Path | None = None
    #: Print ID, bank card and mobile numbers masked instead of refusing to print them.
    mask_private: bool = False
    #: How the asker includes unapproved items, in its own terms (the print dialog's check
    #: box, the command line's option), for the notes that suggest it.
    drafts_hint: str = "选择包含尚未审核的事项"

    @property
    def paper_size(self) -> str:
        return self.paper or DEFAULT_PAPER[self.document]


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    items: int
    font: FontChoice
    #: What was left out or changed, in Chinese, for the user.
    notes: list[str] = field(default_factory=list)

    @property
    def messages(self) -> list[str]:
        """The font messages (fallback warning first), then the notes."""
        return [*self.font.messages, *self.notes]


def default_filename(db: Database, request: PrintRequest) -> str:
    """A file name for the document, such as ``出生登记办事指南.pdf``."""
    with db.read() as session:
        return document_filename(PrintReads(SessionReader(session)), request)


def document_filename(reads: PrintReads, request: PrintRequest) -> str:
    """``default_filename``, read through ``reads``."""
    if request.document is DocumentKind.GUIDE and request.item_id is not None:
        return _safe_filename(f"{_head(reads, request.item_id).name}{DocumentKind.GUIDE.label}.pdf")
    return _safe_filename(f"{reads.profile().name}{request.document.label}.pdf")


def _head(reads: PrintReads, item_id: int) -> Item:
    head = reads.item(item_id, in_force=False)
    if head is None:
        raise item_not_found(item_id)
    return head


def chosen_categories(
    categories: Sequence[Category], names: Sequence[str] | None
) -> frozenset[int] | None:
    """The ids of the categories ``names`` (codes, names or ids) among ``categories``;
    None (every category) when no names are given."""
    if not names:
        return None
    chosen = set()
    for name in names:
        match = [c for c in categories if name in (c.code, c.name, str(c.id))]
        if not match:
            known = "、".join(f"{c.code} {c.name}" for c in categories)
            raise UserError(f"没有信息类别“{name}”；可选：{known}", f"unknown category {name!r}")
        chosen.add(match[0].id)
    return frozenset(chosen)


def check_paper(request: PrintRequest) -> None:
    if request.paper_size not in PAPERS:
        raise UserError(
            f"不支持的纸张：{request.paper_size}（可选 A4、A3）",
            f"unsupported paper {request.paper_size}",
        )


def target_path(out: Path | None, name: str) -> Path:
    """Where the document goes: ``out``, or the file ``name`` in it when ``out`` is a
    folder, or ``name`` in the current folder when there is no ``out``."""
    target = out or Path(name)
    return target / name if target.is_dir() else target


def _safe_filename(name: str) -> str:
    return "".join("_" if c in '\\/:*?"<>|' or ord(c) < 32 else c for c in name)


def produce(
    db: Database, request: PrintRequest, target: Path, progress: Progress = SILENT
) -> PrintResult:
    """Write the requested document to ``target`` and say what it holds."""
    check_paper(request)
    notes = Notes()
    # Everything the document shows is read in one read transaction: what is printed
    # fits together even while someone saves meanwhile, and the dozen reads share one
    # connection instead of opening the file (and reading its schema) a dozen times.
    with db.snapshot() as view:
        source = gather(view, request, notes, progress)
        guard_privacy(view, source, request.mask_private, notes)
    return write_document(request, source, target, notes, progress)


def write_document(
    request: PrintRequest, source: PrintSource, target: Path, notes: Notes, progress: Progress
) -> PrintResult:
    """Lay out and write the document of ``source`` to ``target``."""
    font = cjk_font(request.font)
    step(progress, 0, 0, "正在排版", PrintCancelled)
    # Each writer is imported when its document is asked for (a command prints one).
    if request.document is DocumentKind.NOTICE_BOARD:
        from gwgk_desktop.pdf.notice_board import BoardOptions, write_notice_board

        options = BoardOptions(request.paper_size, request.landscape)
        pages = write_notice_board(source, target, font, options, notes, progress)
    elif request.document is DocumentKind.GUIDE:
        from gwgk_desktop.pdf.guide import write_guide

        pages = write_guide(source, target, font, request.paper_size, notes, progress)
    else:
        from gwgk_desktop.pdf.catalogue_list import write_catalogue_list

        pages = write_catalogue_list(source, target, font, request.paper_size, notes, progress)
    step(progress, 1, 1, "已完成", PrintCancelled)
    return PrintResult(target, pages, source.item_count, font, notes.items)


def guard_privacy(db: Database, source: PrintSource, mask: bool, notes: Notes) -> None:
    """``check_privacy`` with the rules of ``db``."""
    from gwgk_desktop.services import privacy

    check_privacy(privacy.load_rules(db), source, mask, notes)


def check_privacy(rules: tuple[Rule, ...], source: PrintSource, mask: bool, notes: Notes) -> None:
    """The privacy check before printing: refuse (``PrivacyBlocked``) when an item shows
    an ID or bank card number, unless asked to ``mask``; then the printout shows every
    finding masked (the database is not changed). Warnings become notes."""
    guard = OutputGuard(rules, mask)
    guard.visit_all(item for section in source.sections for item in section.items)
    guard.visit_all(source.fees.values())
    guard.refuse_if_blocked("打印")
    report = guard.report
    if mask and report.findings:
        notes.add(f"已对{len(report.findings)}处个人信息打码后印出（数据库中的内容未改动）")
    elif report.findings:
        notes.add("以下个人信息将照样印出，请确认可以公开：")
        for line in report.lines():
            notes.add(line)


def gather(db: Database, request: PrintRequest, notes: Notes, progress: Progress) -> PrintSource:
    """The station, items and reference data the document shows (``collect`` in a
    SQLAlchemy session of ``db``)."""
    with db.read() as session:
        # The items through sqlite3 on SQLite (``bulk_reader``), as an export reads them.
        return collect(PrintReads(bulk_reader(session)), request, notes, progress)


def collect(
    reads: PrintReads, request: PrintRequest, notes: Notes, progress: Progress
) -> PrintSource:
    """The station, items and reference data the document shows."""
    profile = reads.profile()
    date = request.date or dt.date.today()
    channels = {c.code: c.name for c in reads.channels()}
    if request.document is DocumentKind.GUIDE:
        sections = [Section(None, [_guide_item(reads, request)])]
        fees = _fees(reads, request.include_drafts)
    else:
        read: list[Item] = []
        sections = _sections(reads, request, notes, progress, read)
        # Without a category filter every fee item was just read with the rest (in the
        # same order as reading them alone): not read a second time.
        fees = (
            {i.uuid: i for i in read if i.kind is ItemKind.FEE}
            if request.category_ids is None
            else _fees(reads, request.include_drafts)
        )
    return PrintSource(profile, sections, date, request.include_drafts, fees, channels)


def _fees(reads: PrintReads, drafts: bool) -> dict[str, Item]:
    """The fee items (the printed revision of each) by UUID: licensing items refer to them."""
    ids = reads.item_ids(kind=ItemKind.FEE)
    return {i.uuid: i for i in _chosen(reads, ids, drafts)}


def _guide_item(reads: PrintReads, request: PrintRequest) -> Item:
    if request.item_id is None:
        raise UserError("请指定要打印办事指南的事项", "--item is required for a guide")
    head = _head(reads, request.item_id)
    if head.deleted:
        raise NotFound(f"事项“{head.name}”已删除", f"item {request.item_id} is deleted")
    if head.kind is not ItemKind.LICENSING:
        raise UserError(
            f"“{head.name}”是{head.kind.label}，只有许可审批事项有办事指南",
            f"item {request.item_id} is not a licensing item",
        )
    if request.include_drafts:
        return head
    live = reads.item(request.item_id, in_force=True)
    if live is None:
        raise UserError(
            f"“{head.name}”还没有审核通过的版本（当前为{head.status.label}）；"
            f"如需打印核对稿，请{request.drafts_hint}",
            f"item {request.item_id} has no approved revision; include drafts for a proof",
        )
    return live


#: Items read per batch (ten queries each): a notice board's 500-odd in one, as the export
#: reads them.
BATCH = 1000


def _chosen(reads: PrintReads, ids: Sequence[int], drafts: bool) -> Iterator[Item]:
    """The revision to print of each of the items ``ids``: the one in force, or with
    ``drafts`` the newest one unless the item was withdrawn."""
    if not drafts:
        yield from reads.items_of(ids, in_force=True, batch=BATCH)
        return
    for item in reads.items_of(ids, in_force=False, batch=BATCH):
        if item.status is not Status.WITHDRAWN:
            yield item


def _sections(
    reads: PrintReads,
    request: PrintRequest,
    notes: Notes,
    progress: Progress,
    read: list[Item],
) -> list[Section]:
    """The document's sections; ``read`` gets every item printed, in the order read."""
    categories = reads.categories(include_inactive=True)
    wanted = request.category_ids
    if wanted is not None:
        unknown = wanted - {c.id for c in categories}
        if unknown:
            raise NotFound("所选信息类别不存在", f"unknown category ids {sorted(unknown)}")
        matching = [reads.item_ids(category_id=c.id) for c in categories if c.id in wanted]
    else:
        matching = [reads.item_ids()]
    total = sum(len(ids) for ids in matching)
    buckets: dict[int | None, list[Item]] = {}
    for ids in matching:
        for item in _chosen(reads, ids, request.include_drafts):
            read.append(item)
            if len(read) % 50 == 1:
                step(progress, len(read), total, "正在读取事项", PrintCancelled)
            buckets.setdefault(item.content.category_id, []).append(item)
    printed = len(read)
    known = {c.id for c in categories}
    # Every active category gets its place (an empty one is reported by the writer); an
    # inactive one only when it still holds items.
    shown = wanted if wanted is not None else {c.id for c in reads.categories()}
    sections = [
        Section(c, buckets.get(c.id, [])) for c in categories if c.id in shown or c.id in buckets
    ]
    stray = [i for cid, items in buckets.items() if cid not in known for i in items]
    if stray:
        sections.append(Section(None, stray))
    left_out = total - printed
    if left_out and request.include_drafts:
        notes.add(f"另有{left_out}项已撤回，未印入")
    elif left_out:
        notes.add(
            f"另有{left_out}项还没有审核通过的版本（草稿、待审核或已撤回），未印入；"
            f"如需核对，可{request.drafts_hint}"
        )
    return sections
