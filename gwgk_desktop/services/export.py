"""Exporting the signed submission package, and the export history.

One pass over the items in force (approved or published revisions) both validates and
writes them into a temporary file beside the target, all read from one snapshot of the
database (``Database.snapshot``), so the package's parts existed together; any error
found discards the file and the export is refused with a readable report.

A sequence number is never signed twice and a package never appears under its final name
without its record. Each export is journalled in ``package_exports`` (``ExportState``):

1. **reserved**: the next number is taken and committed before anything is signed;
2. **signed**: the finished, synced file's SHA-256 is recorded (with its audit record);
3. the temporary file is renamed into place (over an earlier file only with ``overwrite``);
4. **done**.

Killed at any point, the next export resolves the journal first (``recover``): a number
reserved but never recorded as signed, or signed while its file never reached the final
name, is **void** (作废; never used again, its temporary file removed); a file under the
final name with the recorded SHA-256 is **done**; when that cannot be told (the temporary
file is gone, the final one is not the package), **unconfirmed**. While the target's
folder is absent (the USB stick is out) the record waits. One export runs at a time per
database (a lock file beside it). Progress is reported and cancellation honoured between
items and chunks; cancelled or failed before signing, the number is given back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
import uuid as uuid_module
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from sqlalchemy import func, select

from gwgk_desktop import __version__
from gwgk_desktop.beside import Beside
from gwgk_desktop.domain.audit_chain import ChainHead
from gwgk_desktop.domain.enums import ItemKind, LabelledEnum, Severity
from gwgk_desktop.domain.models import Actor, Item
from gwgk_desktop.domain.serialize import content_to_dict, station_to_dict
from gwgk_desktop.domain.validation import (
    Problem,
    Strictness,
    label,
    validate_content,
    validate_station,
)
from gwgk_desktop.errors import Conflict, UserError
from gwgk_desktop.filelock import Busy, locked
from gwgk_desktop.files import AtomicFile, file_sha256, write_error
from gwgk_desktop.progress import SILENT, Cancelled, Progress, step
from gwgk_desktop.services import (
    annual_report,
    checked_history,
    checked_items,
    keys,
    privacy,
    station,
    template,
)
from gwgk_desktop.services.blob_digests import BlobDigests
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.checked_items import record_digest
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store import audit, blobs, migrate
from gwgk_desktop.store.database import Database
from gwgk_desktop.store.history import Checked, check_history, unbacked_since
from gwgk_desktop.store.item_batches import names_of_operators, read_items
from gwgk_desktop.store.items import LIVE_STATUSES
from gwgk_desktop.store.models import AuditRow, PackageExport
from gwgk_desktop.store.reads import Reader, SqliteReader, bulk_reader
from gwgk_desktop.store.record_lines import RecordLine, record_lines
from gwgk_desktop.store.types import utcnow
from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.build import Header, PackageBuilder
from gwgk_desktop.submission.format import (
    ANNUAL_REPORTS_COUNT,
    ANNUAL_REPORTS_FILE,
    AUDIT_FILE,
    ITEM_FILES,
    LIMITS,
    REFERENCE_FILE,
    STATION_FILE,
    attachment_path,
)
from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.zipfmt import NotAsExpected

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from gwgk_desktop.pdf.receipt import ReceiptData

log = logging.getLogger(__name__)


class ExportCancelled(Cancelled):
    def __init__(self) -> None:
        super().__init__("已取消导出，未生成报送包，报送序号未变", "export cancelled")


@dataclass(frozen=True)
class Finding:
    """One validation finding about an item (or the station) in the export check."""

    severity: Severity
    message: str
    field: str = ""
    item_uuid: str = ""
    index_number: str = ""
    name: str = ""

    def line(self) -> str:
        where = f"{self.index_number} {self.name}：" if self.index_number else ""
        what = f"{label(self.field)}：" if self.field else ""
        return f"[{self.severity.label}] {where}{what}{self.message}"

    def to_manifest(self) -> dict[str, Any]:
        return {
            "item_uuid": self.item_uuid,
            "index_number": self.index_number,
            "name": self.name,
            "field": self.field,
            "message": self.message,
        }


@dataclass(frozen=True)
class CheckBasis:
    """What an export in this process may take over from a check of the same database
    (``check_export``; the export dialog checks before it exports): where its history
    check left off and the records it found clean under its context. The export checks
    again only what changed since, as from the files an earlier export left."""

    database: Path
    history: Checked
    context: str | None
    day: dt.date
    clean: frozenset[bytes]


@dataclass
class ExportCheck:
    """What the completeness and validation check found."""

    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    #: Personal data found by the privacy check (masked or not), among the findings.
    personal: int = 0
    #: For ``export_package(prechecked=...)``; None when the check did not finish.
    basis: CheckBasis | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    def report(self, limit: int = 50) -> str:
        lines = [f"发现{len(self.errors)}个错误（须改正后才能导出）、{len(self.warnings)}条提醒："]
        shown = (self.errors + self.warnings)[:limit]
        lines += [f"  {f.line()}" for f in shown]
        if len(self.errors) + len(self.warnings) > len(shown):
            lines.append(f"  ……另有{len(self.errors) + len(self.warnings) - len(shown)}条未列出")
        return "\n".join(lines)


class ExportBlocked(UserError):
    """The check found errors: nothing was written, the sequence is unchanged."""

    exit_code = 9

    def __init__(self, check: ExportCheck) -> None:
        super().__init__(
            "报送包未导出：以下问题须先改正。\n" + check.report(), "export blocked by errors"
        )
        self.check = check

    def __reduce__(self) -> tuple[type[ExportBlocked], tuple[ExportCheck]]:
        # Rebuilt from its check when it crosses a process boundary (the bureau demo builds
        # stations in a process pool); the default would call __init__ with the message.
        return (type(self), (self.check,))


class ExportState(LabelledEnum):
    """Where an export stands (see the module docstring)."""

    RESERVED = "reserved", "正在导出"
    SIGNED = "signed", "已签名，待确认写入"
    DONE = "done", "已导出"
    VOID = "void", "作废（未写成）"
    UNCONFIRMED = "unconfirmed", "未能确认是否写成"


#: States of an export whose package may exist under its final name: the next package
#: names the newest of them as its predecessor.
_MAY_EXIST = (ExportState.DONE, ExportState.SIGNED, ExportState.UNCONFIRMED)


@dataclass(frozen=True)
class ExportRecord:
    """One row of the export history."""

    sequence: int
    created_at: dt.datetime
    operator_name: str
    key_id: str
    sha256: str
    size: int
    file_name: str
    counts: dict[str, int]
    previous_sha256: str | None
    package_id: str
    state: ExportState = ExportState.DONE


@dataclass(frozen=True)
class ExportResult:
    path: Path
    record: ExportRecord
    warnings: list[Finding]


def _item_record(item: Item, category_codes: dict[int, str]) -> dict[str, Any]:
    return {
        "uuid": item.uuid,
        "revision": item.revision,
        "kind": item.kind.value,
        "index_number": item.index_number,
        "status": item.status.value,
        "published_on": item.published_on.isoformat() if item.published_on else None,
        "created_at": item.created_at.isoformat(),
        "updated_at": item.updated_at.isoformat(),
        "category_code": category_codes.get(item.content.category_id or -1),
        "content": content_to_dict(item.content),
    }


def _blob_refs(item: Item) -> Iterator[str]:
    for attachment in item.content.attachments:
        yield attachment.sha256
    for material in item.content.materials:
        if material.sample_sha256:
            yield material.sample_sha256


def today() -> dt.date:
    """The date the checks compare with (a 生成日期 after it is a warning)."""
    return dt.date.today()


class _Run:
    """One export or check: walks the items in force kind by kind, validating each."""

    def __init__(
        self,
        db: Database,
        progress: Progress,
        mask_private: bool = False,
        checkpoint: checked_history.Checkpoint | None = None,
        checked: checked_items.CheckedItems | None = None,
        *,
        remember: bool = False,
    ) -> None:
        self.db = db
        self.today = today()  # one day for the whole run
        self.privacy = privacy.OutputGuard(privacy.load_rules(db), mask_private)
        self.catalogue = Catalogue(db)
        self.progress = progress
        self.check = ExportCheck()
        categories = self.catalogue.reference.categories(include_inactive=True)
        self.category_codes = {c.id: c.code for c in categories}
        self.known_categories = set(self.category_codes)
        self.known_channels = {c.code for c in self.catalogue.reference.channels()}
        self.total = self.catalogue.items.count(ItemQuery())
        # A status not backed by the review history was written around the workflow.
        # From a checkpoint only what changed since is checked; it counts once its seal
        # is found to be the signing key's (``confirm``).
        with db.read() as session:
            since = unbacked_since(session, checkpoint.checked) if checkpoint else None
            found, self.checked = since if since is not None else check_history(session)
        self.checkpoint = checkpoint if since is not None else None
        self.unbacked = {u.revision_id: u for u in found}
        # Records found clean by an earlier export under the same context are taken as
        # they are once the file's seal is found to be the signing key's (``confirm``).
        self.context = (
            checked_items.context(
                rules=self.privacy.rules,
                known_channels=self.known_channels,
                known_categories=self.known_categories,
            )
            if remember
            else None
        )
        self._checked = (
            checked if checked is not None and checked.applies(self.context, self.today) else None
        )
        self.trusted: frozenset[bytes] = frozenset()
        #: The digests of this run's records without any finding.
        self.clean: set[bytes] = set()
        self.done = 0
        self.blobs: set[str] = set()
        self.fee_uuids: set[str] = set()
        self.fee_links: list[tuple[Item, str]] = []
        self.flowcharts = 0
        #: Whether SQLite may write the records (``_taken``); off after it failed once.
        self._sqlite_lines = True

    def confirm(self, signer: KeyPair) -> None:
        """Before any item is read: checked items and a history checkpoint not sealed by
        ``signer`` (another key, or written by hand) are ignored: every record is checked,
        and the whole history."""
        if self._checked is not None and self._checked.sealed_by(signer):
            self.trusted = self._checked.digests
        elif self._checked is not None:
            log.warning("checked items not sealed by the signing key: checking all")
        if self.checkpoint is None or self.checkpoint.sealed_by(signer):
            return
        log.warning("history checkpoint not sealed by the signing key: checking all")
        with self.db.read() as session:
            found, self.checked = check_history(session)
        self.checkpoint = None
        self.unbacked = {u.revision_id: u for u in found}

    def tick(self, what: str) -> None:
        step(self.progress, self.done, self.total, what, ExportCancelled)

    def check_station(self) -> dict[str, Any]:
        profile = station.get_profile(self.db)
        for problem in validate_station(profile):
            self._add(Finding(problem.severity, problem.message, problem.field))
        return station_to_dict(profile)

    def _add(self, finding: Finding) -> None:
        target = self.check.errors if finding.severity is Severity.ERROR else self.check.warnings
        target.append(finding)

    def _item_problem(self, item: Item, problem: Problem) -> None:
        self._add(
            Finding(
                problem.severity,
                problem.message,
                problem.field,
                item.uuid,
                item.index_number,
                item.name,
            )
        )

    def items(self, kind: ItemKind) -> Iterator[bytes]:
        """The package records (``data/*.jsonl`` lines) of the items of ``kind`` in
        force, each item checked on the way (its findings go into ``check``).

        Where records were found clean by an earlier export (``trusted``), SQLite writes
        each batch's records first (``store.record_lines``); a record whose digest is
        trusted is taken as it is, and only the other items are read and checked here:
        the same lines, a fraction of the time."""
        ids = self.catalogue.items.search_ids(ItemQuery(kind=kind))
        with self.db.read() as session:
            reader = bulk_reader(session)
            names = names_of_operators(reader)
            # Batches of 1,000: two and a half times fewer queries than the default 400.
            for start in range(0, len(ids), 1000):
                chunk = ids[start : start + 1000]
                taken = self._taken(reader, chunk)
                rest = [item_id for item_id in chunk if item_id not in taken]
                read = read_items(reader, rest, in_force=True, names=names) if rest else {}
                for item_id in chunk:
                    if item_id in taken:
                        yield self._count_taken(kind, *taken[item_id])
                    elif (item := read.get(item_id)) is not None:
                        yield self._item_line(kind, item)

    def _taken(self, reader: Reader, chunk: list[int]) -> dict[int, tuple[RecordLine, bytes]]:
        """The records of ``chunk`` SQLite wrote whose digest is trusted, with the digest;
        an item whose revision's history is not backed or that links fee items is left to
        ``_item_line`` (which says so, and keeps the links to check)."""
        if not self.trusted or not isinstance(reader, SqliteReader) or not self._sqlite_lines:
            return {}
        try:
            candidates = record_lines(reader.connection, chunk)
        except sqlite3.Error as error:  # a schema this was not written for: read in full
            log.warning("package records not written by SQLite: %s", error)
            self._sqlite_lines = False
            return {}
        taken = {}
        for item_id, record in candidates.items():
            if record.links_fees or record.revision_id in self.unbacked:
                continue
            digest = record_digest(record.line)
            if digest in self.trusted:
                taken[item_id] = (record, digest)
        return taken

    def _next(self, kind: ItemKind) -> None:
        """One more item written (the progress said every fiftieth)."""
        self.done += 1
        if self.done % 50 == 0:
            self.tick(f"正在导出{kind.label}")

    def _count_taken(self, kind: ItemKind, record: RecordLine, digest: bytes) -> bytes:
        """A trusted record taken as SQLite wrote it, counted as ``_item_line`` counts."""
        self._next(kind)
        self.clean.add(digest)
        self.blobs.update(record.blobs)
        if record.flowchart:
            self.flowcharts += 1
        if kind is ItemKind.FEE:
            self.fee_uuids.add(record.uuid)
        return record.line

    def _item_line(self, kind: ItemKind, item: Item) -> bytes:
        """``item``'s record, checked unless an earlier export found it clean."""
        self._next(kind)
        unbacked = self.unbacked.get(item.revision_id)
        if unbacked is not None:
            message = f"{unbacked.problem}，未经审核流程的事项不能报送"
            self._item_problem(item, Problem("", message, Severity.ERROR))
        line = canonical.encode(_item_record(item, self.category_codes))
        digest = record_digest(line)
        if digest not in self.trusted:
            before = len(self.check.errors) + len(self.check.warnings)
            masked = self._check_privacy(item)
            for problem in validate_content(
                item.content,
                Strictness.SUBMIT,
                known_channels=self.known_channels,
                known_categories=self.known_categories,
                today=self.today,
            ):
                self._item_problem(item, problem)
            if masked:
                line = canonical.encode(_item_record(item, self.category_codes))
            if len(self.check.errors) + len(self.check.warnings) == before:
                self.clean.add(digest)
        else:
            self.clean.add(digest)
        self.blobs.update(_blob_refs(item))
        if item.content.flowchart is not None:
            self.flowcharts += 1
        if kind is ItemKind.FEE:
            self.fee_uuids.add(item.uuid)
        self.fee_links += [(item, link) for link in item.content.fee_links]
        return line

    def _check_privacy(self, item: Item) -> bool:
        """Personal data blocks the export, unless masking was asked for (the package
        then holds the masked text; the manifest lists what was masked). True when
        ``item``'s content was replaced by its masked copy."""
        found = self.privacy.visit(item)
        for finding in found.findings if found else ():
            self.check.personal += 1
            masked = self.privacy.mask
            if finding.blocks and not masked:
                severity, text = Severity.ERROR, "不能公开，请打码后再报送（或选择打码后导出）"
            else:
                severity = Severity.WARNING
                text = "已打码后报送" if masked else "请确认可以公开"
            message = f"{finding.where}有{finding.rule_name} {finding.masked}，{text}"
            self._item_problem(item, Problem("", message, severity))
        return bool(found) and self.privacy.mask

    def finish_checks(self, exported: int) -> None:
        for item, link in self.fee_links:
            if link not in self.fee_uuids:
                self._add(
                    Finding(
                        Severity.WARNING,
                        "所关联的收费事项尚未审核通过，未随本次报送",
                        "fee_links",
                        item.uuid,
                        item.index_number,
                        item.name,
                    )
                )
        with self.db.read() as session:
            sizes = blobs.sizes(session, self.blobs)
        for missing in sorted(self.blobs - sizes.keys()):
            self._add(Finding(Severity.ERROR, f"附件内容缺失（SHA-256 {missing[:12]}…）"))
        total = sum(sizes.values())
        if total > LIMITS.total_size // 2 or len(self.blobs) > LIMITS.entries - 10:
            self._add(
                Finding(
                    Severity.ERROR,
                    f"附件共{len(self.blobs)}个、{total // (1 << 20)} MB，超过报送包的上限",
                )
            )
        pending = self.total - exported
        if pending > 0:
            self._add(
                Finding(
                    Severity.WARNING,
                    f"有{pending}个事项尚无审核通过的版本（草稿、待审核或已撤回），未纳入本次报送",
                )
            )
        if exported == 0:
            self._add(Finding(Severity.ERROR, "没有已审核或已公开的事项，无可报送的内容"))


def check_export(
    db: Database, progress: Progress = SILENT, *, mask_private: bool = False
) -> ExportCheck:
    """The completeness and validation check alone (the export dialog shows it first)."""
    with db.snapshot() as view:
        run = _Run(view, progress, mask_private, remember=True)
        run.check_station()
        exported = 0
        for kind in ItemKind:
            count = sum(1 for _ in run.items(kind))
            run.check.counts[kind.value] = count
            exported += count
        run.finish_checks(exported)
    run.check.counts["flowcharts"] = run.flowcharts
    run.check.counts["attachments"] = len(run.blobs)
    run.check.basis = CheckBasis(db.path, run.checked, run.context, run.today, frozenset(run.clean))
    return run.check


def _reference(db: Database) -> tuple[dict[str, Any], dict[str, Any] | None]:
    catalogue = Catalogue(db)
    with db.read() as session:
        active = template.active_template(session)
        template_info = (
            {"template_id": active.template_id, "version": active.version, "sha256": active.sha256}
            if active
            else None
        )
    reference = {
        "template": template_info,
        "categories": [
            {
                "id": c.id,
                "code": c.code,
                "name": c.name,
                "description": c.description,
                "lead_unit": c.lead_unit,
                "responsible_unit": c.responsible_unit,
                "sort_order": c.sort_order,
            }
            for c in catalogue.reference.categories(include_inactive=True)
        ],
        "channels": [{"code": c.code, "name": c.name} for c in catalogue.reference.channels()],
        "stages": [
            {
                "code": s.code,
                "name": s.name,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "description": s.description,
            }
            for s in catalogue.reference.stages()
        ],
    }
    return reference, template_info


def _predecessor(session: Session) -> PackageExport | None:
    """The newest export whose package may have reached the bureau: the one the next
    package follows (a void one never existed under its name and is skipped)."""
    return session.scalars(
        select(PackageExport)
        .where(PackageExport.state.in_([state.value for state in _MAY_EXIST]))
        .order_by(PackageExport.sequence.desc())
    ).first()


#: The audit action that records an export; its ``after`` keeps the chain head the
#: package carried, where the next package's audit segment starts.
EXPORT_ACTION = "package.export"


def _recorded_head(db: Database, last: PackageExport | None) -> ChainHead | None:
    """The audit-chain head the previous package carried (None: no previous package, or one
    written before format 1.2, which carried none)."""
    if last is None:
        return None
    with db.read() as session:
        after = session.scalar(
            select(AuditRow.after).where(
                AuditRow.action == EXPORT_ACTION, AuditRow.entity_uuid == last.package_id
            )
        )
    chain = after.get("audit_chain") if isinstance(after, dict) else None
    if not isinstance(chain, dict):
        return None
    return ChainHead(int(chain["count"]), str(chain["head"]))


def _write_audit_segment(
    db: Database, builder: PackageBuilder, start: ChainHead | None
) -> tuple[dict[str, Any], int]:
    """``data/audit.jsonl``: the audit records since the previous package's head (none when
    that head is unknown); returns the manifest's ``audit_chain`` and the record count."""
    writer, lines = builder.open_lines(AUDIT_FILE)
    with db.read() as session:
        end = audit.head(session)
        if start is not None:
            for record in audit.segment(session, start, end):
                lines.add(record)
    builder.close_lines(AUDIT_FILE, writer)
    chain = {
        **end.to_dict(),
        "from_count": start.count if start is not None else None,
        "from_head": start.head if start is not None else None,
    }
    return chain, lines.count


def _record(row: PackageExport) -> ExportRecord:
    return ExportRecord(
        row.sequence,
        row.created_at,
        row.operator_name,
        row.key_id,
        row.sha256,
        row.size,
        row.file_name,
        dict(row.counts),
        row.previous_sha256,
        row.package_id,
        ExportState(row.state),
    )


def history(db: Database) -> list[ExportRecord]:
    """Every export that took a number (void ones too), newest first."""
    with db.read() as session:
        rows = session.scalars(select(PackageExport).order_by(PackageExport.sequence.desc()))
        return [_record(r) for r in rows]


def get_export(db: Database, sequence: int) -> ExportRecord:
    with db.read() as session:
        row = session.scalars(
            select(PackageExport).where(PackageExport.sequence == sequence)
        ).first()
        if row is None:
            raise UserError(f"没有第{sequence}号报送的记录", f"no export number {sequence}")
        return _record(row)


def _given(signer: KeyPair) -> Callable[[], KeyPair]:
    return lambda: signer


def _export_lock(db: Database) -> contextlib.AbstractContextManager[None]:
    return locked(db.path.with_name(f".{db.path.name}.export-lock"))


def export_package(
    db: Database,
    actor: Actor,
    out: Path,
    *,
    passphrase: str | None = None,
    signer: KeyPair | None = None,
    progress: Progress = SILENT,
    overwrite: bool = False,
    mask_private: bool = False,
    prechecked: ExportCheck | None = None,
) -> ExportResult:
    """Check, write, sign and record one package at ``out`` (see the module docstring).
    ``mask_private``: mask personal data in the package instead of refusing to export.
    ``prechecked``: a ``check_export`` of ``db`` made in this process just before: only
    what changed since it is checked again (one whole check per export in the GUI)."""
    out = Path(out).absolute()
    if signer is None and passphrase is None:
        raise UserError("导出报送包需要签名密钥口令", "key passphrase required")
    signer_of = _given(signer) if signer is not None else None
    active = keys.require_active_key(db)
    if signer is not None and signer.key_id != active.key_id:
        raise Conflict("签名密钥不是本单位当前使用的密钥", "signer is not the active key")
    if out.exists() and not overwrite:
        raise Conflict(f"{out} 已存在；请换一个文件名，或确认覆盖", f"{out} exists")
    # The active key is opened (scrypt) beside the history check: a wrong passphrase
    # is still found before anything is signed, and the number taken is given back.
    if signer_of is None:
        assert passphrase is not None
        signer_of = keys.unlocking(db, passphrase)
    try:
        with _export_lock(db):
            recover(db)
            basis = prechecked.basis if prechecked is not None else None
            return _export(db, actor, out, active.key_id, signer_of, progress, mask_private, basis)
    except Busy:
        raise Conflict(
            "另一个窗口或命令正在导出本单位的报送包，请等它完成后再导出",
            "another export of this database is running",
        ) from None
    except OSError as error:
        raise write_error(error, out) from error
    except NotAsExpected as error:
        sha = error.name.rpartition("/")[2]
        raise UserError(
            f"附件（SHA-256 {sha[:12]}…）两次读出的内容不一致（数据库文件或磁盘可能已损坏），"
            "报送包未导出。请先用“gwgk check”检查数据库",
            f"attachment {error.name} read differently twice: package not written",
        ) from error


@dataclass(frozen=True)
class _Reservation:
    row_id: int
    sequence: int
    package_id: str
    previous: PackageExport | None


def _export(
    db: Database,
    actor: Actor,
    out: Path,
    key_id: str,
    signer_of: Callable[[], KeyPair],
    progress: Progress,
    mask_private: bool,
    basis: CheckBasis | None = None,
) -> ExportResult:
    file = AtomicFile(out)
    handle = file.open()
    checkpoint: checked_history.Checkpoint | None
    checked: checked_items.CheckedItems | None
    if basis is not None and basis.database == db.path:
        checkpoint = checked_history.Checkpoint.held(basis.history)
        checked = (
            checked_items.CheckedItems.held(basis.context, basis.day, basis.clean)
            if basis.context
            else None
        )
    else:
        checkpoint = checked_history.load(db.path)
        checked = checked_items.load(db.path)
    # The attachments are digested on the second core while the items are read.
    digests = BlobDigests.start(db.path, LIVE_STATUSES)
    try:
        reservation = _reserve(db, actor, key_id, file)
        signing = False
        try:
            with db.snapshot() as view:
                run = _Run(view, progress, mask_private, checkpoint, checked, remember=True)
                signer = signer_of()
                run.confirm(signer)
                run.tick("正在检查")
                with PackageBuilder(handle) as builder:
                    header, counts = _write(view, run, reservation, builder, digests)
                    signing = True  # from here on the number may be signed: never given back
                    warnings = [w.to_manifest() for w in run.check.warnings]
                    builder.finish(header, signer, counts, warnings)
            run.tick("正在写入磁盘")
            sha = _synced_sha256(file, handle)
            size = handle.tell()
            _record_signed(db, actor, reservation, file, sha, size, counts, header)
            file.commit()
        except BaseException as error:
            _abandon(db, actor, reservation, signing, error)
            if isinstance(error, ExportBlocked):  # what was found clean still is
                try:
                    _remember(db, run, signer)
                except Exception:  # the refusal is what the user must see
                    log.exception("checked items not written after a refused export")
            raise
    finally:
        digests.stop()
        file.discard()
    checked_history.save(db.path, run.checked, signer)
    _remember(db, run, signer)
    record = _confirm(db, reservation.row_id)
    progress.report(run.total, run.total, "完成")
    return ExportResult(out, record, list(run.check.warnings))


def _remember(db: Database, run: _Run, signer: KeyPair) -> None:
    """Leave the records this run found clean for the next export (``checked_items``)."""
    if run.context is not None:
        checked_items.save(db.path, run.context, run.today, run.clean, signer)


def _synced_sha256(file: AtomicFile, handle: BinaryIO) -> str:
    """The finished file flushed to the disk and its SHA-256, the two at once: the hash
    is read through a handle of its own on a thread while fsync waits for the disk."""
    handle.flush()
    with file.temp.open("rb") as reader:
        digest = Beside(lambda: file_sha256(reader), "package-sha256")
        try:
            file.sync()
        finally:
            digest.wait()
    return digest.result()


def _write(
    view: Database,
    run: _Run,
    reservation: _Reservation,
    builder: PackageBuilder,
    digests: BlobDigests | None = None,
) -> tuple[Header, dict[str, int]]:
    """Everything of the package but its manifest and signature, read through ``view``
    (one snapshot); returns the manifest's header and counts."""
    station_data = run.check_station()
    reference, template_info = _reference(view)
    created = dt.datetime.now(dt.UTC).replace(microsecond=0)
    builder.add_json(STATION_FILE, station_data)
    builder.add_json(REFERENCE_FILE, reference)
    counts: dict[str, int] = {}
    for kind in ItemKind:
        path = ITEM_FILES[kind.value]
        writer, lines = builder.open_lines(path)
        for line in run.items(kind):
            lines.add_encoded(line)
        builder.close_lines(path, writer)
        counts[kind.value] = lines.count
    run.finish_checks(sum(counts.values()))
    if run.check.errors:
        raise ExportBlocked(run.check)
    reports = annual_report.package_reports(view)
    if reports:
        writer, lines = builder.open_lines(ANNUAL_REPORTS_FILE)
        for report in reports:
            lines.add(report)
        builder.close_lines(ANNUAL_REPORTS_FILE, writer)
    _write_attachments(view, builder, run, digests)
    previous = reservation.previous
    audit_chain, counts["audit"] = _write_audit_segment(
        view, builder, _recorded_head(view, previous)
    )
    counts.update(
        flowcharts=run.flowcharts,
        attachments=len(run.blobs),
        categories=len(reference["categories"]),
        channels=len(reference["channels"]),
        stages=len(reference["stages"]),
        warnings=len(run.check.warnings),
    )
    if reports:
        counts[ANNUAL_REPORTS_COUNT] = len(reports)
    header = Header(
        package_id=reservation.package_id,
        station={
            "org_code": station_data["org_code"],
            "name": station_data["name"],
            "level": station_data["level"],
        },
        sequence=reservation.sequence,
        created_at=created.isoformat().replace("+00:00", "Z"),
        app_version=__version__,
        schema_version=migrate.head_revision(),
        previous_package_sha256=previous.sha256 if previous else None,
        template=template_info,
        previous_package_id=previous.package_id if previous else None,
        audit_chain=audit_chain,
    )
    return header, counts


def _write_attachments(
    db: Database, builder: PackageBuilder, run: _Run, digests: BlobDigests | None
) -> None:
    with db.read() as session:
        rows = blobs.rowids(session, run.blobs)  # all there: finish_checks said so
        for sha in sorted(run.blobs):
            run.tick("正在写入附件")

            def chunks(rowid: int = rows[sha]) -> Iterator[bytes]:
                for chunk in blobs.row_chunks(session, rowid):
                    if run.progress.is_cancelled():
                        raise ExportCancelled()
                    yield chunk

            expected = digests.expected(sha) if digests is not None else None
            builder.add_stream(attachment_path(sha), chunks(), expected)


def _reserve(db: Database, actor: Actor, key_id: str, file: AtomicFile) -> _Reservation:
    """Step 1: take the next number, committed before anything is signed."""
    with db.write() as session:
        taken = session.scalar(select(func.max(PackageExport.sequence))) or 0
        previous = _predecessor(session)
        row = PackageExport(
            sequence=taken + 1,
            package_id=str(uuid_module.uuid4()),
            created_at=utcnow(),
            operator_id=actor.operator_id,
            operator_name=actor.display_name,
            key_id=key_id,
            sha256="",
            size=0,
            file_name=str(file.target),
            previous_sha256=previous.sha256 if previous else None,
            counts={},
            state=ExportState.RESERVED.value,
            temp_name=str(file.temp),
        )
        session.add(row)
        session.flush()
        return _Reservation(row.id, row.sequence, row.package_id, previous)


def _record_signed(
    db: Database,
    actor: Actor,
    reservation: _Reservation,
    file: AtomicFile,
    sha: str,
    size: int,
    counts: dict[str, int],
    header: Header,
) -> None:
    """Step 2: the finished file's hash, before it may appear under its final name. Its
    audit record keeps the chain head the package carries (the next package's segment
    starts there)."""
    with db.write() as session:
        row = session.get(PackageExport, reservation.row_id)
        if row is None or row.state != ExportState.RESERVED.value:
            raise Conflict(
                "本次导出的报送序号已被作废（另一个程序处理了中断的导出），请重新导出",
                "the reservation was resolved elsewhere",
            )
        row.sha256, row.size, row.counts = sha, size, counts
        row.state = ExportState.SIGNED.value
        audit.append(
            session,
            actor,
            EXPORT_ACTION,
            "package",
            reservation.package_id,
            f"导出第{reservation.sequence}号报送包 {file.target.name}",
            after={
                "sequence": reservation.sequence,
                "sha256": sha,
                "counts": counts,
                "audit_chain": {
                    "count": header.audit_chain["count"],
                    "head": header.audit_chain["head"],
                },
            },
        )


def _confirm(db: Database, row_id: int) -> ExportRecord:
    """Step 4: the package is under its final name. Should this last step fail (the
    database busy), the package stays recorded as signed and ``recover`` confirms it."""
    try:
        with db.write() as session:
            row = session.get(PackageExport, row_id)
            assert row is not None
            row.state = ExportState.DONE.value
            return _record(row)
    except UserError as error:
        log.warning("export %s written, its confirmation deferred: %s", row_id, error)
        with db.read() as session:
            row = session.get(PackageExport, row_id)
            assert row is not None
            return _record(row)


def _abandon(
    db: Database, actor: Actor, reservation: _Reservation, signing: bool, error: BaseException
) -> None:
    """After a failure: give the number back if nothing was signed with it, else void it.
    A failure here leaves the journal for ``recover``; the first error is what counts."""
    try:
        with db.write() as session:
            row = session.get(PackageExport, reservation.row_id)
            if row is None:
                return
            if not signing:
                session.delete(row)
                return
            reason = error.message if isinstance(error, UserError) else type(error).__name__
            _resolve(session, actor, row, ExportState.VOID, reason)
    except Exception:
        log.exception("export %s: journal not updated after a failure", reservation.sequence)


def _resolve(
    session: Session, actor: Actor, row: PackageExport, state: ExportState, reason: str
) -> None:
    row.state = state.value
    if state is ExportState.DONE:
        return
    text = {
        ExportState.VOID: "作废（报送包没有写到目标文件名），该序号不再使用",
        ExportState.UNCONFIRMED: "未能确认报送包是否写到了目标文件名",
    }[state]
    audit.append(
        session,
        actor,
        f"package.{state.value}",
        "package",
        row.package_id,
        f"第{row.sequence}号报送包{text}：{reason}",
        after={"sequence": row.sequence, "sha256": row.sha256 or None, "state": state.value},
    )


def _same_file(path: Path, sha: str) -> bool:
    try:
        with path.open("rb") as handle:
            return bool(sha) and file_sha256(handle) == sha
    except OSError:
        return False


def _outcome(row: PackageExport) -> tuple[ExportState, str] | None:
    """How an export a crash interrupted ended, from what is on disk; None while its
    target folder is absent (a USB stick not plugged in)."""
    target, temp = Path(row.file_name), Path(row.temp_name)
    if row.state == ExportState.RESERVED.value:
        return ExportState.VOID, "导出中断（程序被关闭或断电），报送包未完成签名"
    if _same_file(target, row.sha256):
        return ExportState.DONE, ""
    if temp.exists():
        return ExportState.VOID, "导出中断（程序被关闭或断电），报送包未改到目标文件名"
    if not target.parent.is_dir():
        return None
    return ExportState.UNCONFIRMED, "目标文件不存在或已被替换，临时文件也已不在"


def recover(db: Database) -> list[ExportRecord]:
    """Resolve the journal of exports a crash interrupted (see the module docstring);
    their temporary files are removed. Returns the records resolved. Called by each
    export while it holds the export lock, so no live export is touched."""
    with db.read() as session:
        pending = list(
            session.scalars(
                select(PackageExport).where(
                    PackageExport.state.in_([ExportState.RESERVED.value, ExportState.SIGNED.value])
                )
            )
        )
    resolved = []
    for stale in pending:
        outcome = _outcome(stale)
        if outcome is None:
            continue
        with contextlib.suppress(OSError):
            Path(stale.temp_name).unlink(missing_ok=True)
        state, reason = outcome
        with db.write() as session:
            row = session.get(PackageExport, stale.id)
            if row is None or row.state != stale.state:
                continue
            _resolve(session, Actor.system(), row, state, reason)
            session.flush()
            resolved.append(_record(row))
        log.info("export %s resolved as %s: %s", stale.sequence, state.value, reason)
    return resolved


def receipt_data(db: Database, sequence: int) -> ReceiptData:
    """What the submission receipt of export number ``sequence`` prints."""
    from gwgk_desktop.pdf.receipt import ReceiptData  # reportlab only when printing

    record = get_export(db, sequence)
    if record.state is not ExportState.DONE:
        raise UserError(
            f"第{sequence}号报送包的状态是“{record.state.label}”，没有回执",
            f"export {sequence} is {record.state.value}: no receipt",
        )
    profile = station.get_profile(db)
    return ReceiptData(
        station_name=profile.name,
        org_code=profile.org_code,
        sequence=record.sequence,
        created_at=record.created_at.replace(tzinfo=dt.UTC).astimezone(),
        file_name=Path(record.file_name).name,
        size=record.size,
        sha256=record.sha256,
        key_id=record.key_id,
        fingerprint=next(
            (k.fingerprint for k in keys.list_keys(db) if k.key_id == record.key_id), ""
        ),
        operator=record.operator_name,
        counts=record.counts,
        previous_sha256=record.previous_sha256,
    )


def write_receipt(db: Database, sequence: int, out: Path) -> ReceiptData:
    from gwgk_desktop.pdf.receipt import write_receipt as write_pdf

    data = receipt_data(db, sequence)
    write_pdf(out, data)
    return data
