"""Taking in stations' packages: files and folders (a USB stick) are verified with the
package verifier against the registry in the database and recorded, each accepted package
in one transaction (its file, its parsed items, the replay state, the full-text index), so
an interrupted intake leaves nothing half-recorded and running it again completes it.

The input files are only ever read. Each is first copied (while hashed) into a private
temporary file, and what is verified, parsed and stored is that copy: a file changed on the
stick half-way cannot slip different bytes past the check.

The same package offered again is "已接收过" and not recorded twice, also when two intakes
of the same stick run at once: a station's replay-state row is locked while one of its
packages is recorded (PostgreSQL ``FOR UPDATE``; on SQLite the write transaction holds the
database), and the package's SHA-256 is unique.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from sqlalchemy import Table, func, insert, select, text, update
from sqlalchemy.orm import Session

from gwgk_desktop import hashing
from gwgk_desktop.bureau import registry, search
from gwgk_desktop.bureau.bulk import copy_rows
from gwgk_desktop.bureau.continuity import Continuity, Held, Offered, judge
from gwgk_desktop.bureau.database import BureauDatabase
from gwgk_desktop.bureau.models import (
    CURRENT_ITEM,
    CURRENT_PACKAGE,
    ItemContentRow,
    ItemRecord,
    PackageChunk,
    PackageRow,
    ReplayState,
)
from gwgk_desktop.domain.audit_chain import ChainHead
from gwgk_desktop.domain.enums import ItemKind, Severity, Status
from gwgk_desktop.domain.serialize import content_from_dict
from gwgk_desktop.domain.validation import Strictness, validate_content
from gwgk_desktop.errors import DatabaseLocked, UserError
from gwgk_desktop.progress import SILENT, Progress
from gwgk_desktop.store.types import utcnow
from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.errors import Failure, PackageError
from gwgk_desktop.submission.format import (
    ITEM_FILES,
    LIMITS,
    MANIFEST,
    REFERENCE_FILE,
    STATION_FILE,
    SUFFIX,
)
from gwgk_desktop.submission.reader import PackageContents
from gwgk_desktop.submission.registry import Registry
from gwgk_desktop.submission.state import Accepted, State
from gwgk_desktop.submission.verify import Verified, replay_problem, verify_stream
from gwgk_desktop.submission.zipfmt import CHUNK, read_directory, read_entry

ACCEPTED = "accepted"
ALREADY = "already"
REJECTED = "rejected"
FAILED = "failed"
LABELS = {ACCEPTED: "已接收", ALREADY: "已接收过", REJECTED: "拒收", FAILED: "未完成"}

#: A package's content that does not parse although it verified (a signed but broken
#: package): the bureau's own failure code beside the verifier's.
CONTENT_INVALID = "content-invalid"
#: Packages up to this size are handled in memory; larger ones spill to a temporary file.
SPOOL_IN_MEMORY = 16 << 20
#: A busy SQLite database (another intake writing) is retried this often.
ATTEMPTS = 4
ITEMS = cast(Table, ItemRecord.__table__)
CONTENTS = cast(Table, ItemContentRow.__table__)


@dataclass(frozen=True)
class Outcome:
    """What became of one file."""

    source: str
    result: str
    message: str
    english: str = ""
    failure: str = ""
    org_code: str = ""
    station: str = ""
    sequence: int | None = None
    continuity: Continuity | None = None

    @property
    def label(self) -> str:
        return LABELS[self.result]

    def line(self) -> str:
        return f"{self.label}  {Path(self.source).name}  {self.message}"


@dataclass
class IntakeReport:
    outcomes: list[Outcome] = field(default_factory=list)
    #: Files not reached because the run was cancelled or stopped by a database failure.
    not_reached: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Every package given was accepted or had been received already."""
        return not self.not_reached and all(o.result in (ACCEPTED, ALREADY) for o in self.outcomes)

    def count(self, result: str) -> int:
        return sum(1 for o in self.outcomes if o.result == result)

    def summary(self) -> str:
        total = len(self.outcomes) + len(self.not_reached)
        text = (
            f"共{total}个报送包：已接收{self.count(ACCEPTED)}个，"
            f"已接收过{self.count(ALREADY)}个，拒收{self.count(REJECTED)}个"
        )
        if self.count(FAILED):
            text += f"，未完成{self.count(FAILED)}个"
        if self.not_reached:
            text += f"，未处理{len(self.not_reached)}个"
        return text


# ---------------------------------------------------------------------------------- files
def find_packages(paths: Sequence[Path]) -> list[Path]:
    """The package files among ``paths``: files as given, folders searched (recursively)
    for ``*.gwgk``, leaving out hidden files (a station's half-written ``.part`` files)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() == SUFFIX and not p.name.startswith(".")
            )
        elif path.exists():
            found.append(path)
        else:
            raise UserError(f"找不到文件或文件夹：{path}", f"no such file or folder: {path}")
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path.absolute(), None)
    return list(unique)


@dataclass(frozen=True)
class _Peek:
    """What a package's manifest claims, read without verifying (to order the intake and
    to describe a refused package)."""

    org_code: str = ""
    sequence: int = 0
    key_id: str = ""


def _peek(path: Path) -> _Peek:
    try:
        with path.open("rb") as handle:
            size = path.stat().st_size
            entries = {e.name: e for e in read_directory(handle, size, LIMITS)}
            entry = entries[MANIFEST]
            if entry.size > 1 << 20:
                return _Peek()
            parts: list[bytes] = []
            read_entry(handle, entry, parts.append)
        manifest = canonical.parse(b"".join(parts))
        station = manifest.get("station") or {}
        return _Peek(
            str(station.get("org_code", "")),
            int(manifest.get("sequence") or 0),
            str(manifest.get("key_id", "")),
        )
    except (OSError, PackageError, KeyError, ValueError, TypeError, AttributeError):
        return _Peek()


def _spool(path: Path) -> tuple[IO[bytes], int, str]:
    """A private copy of ``path`` (in memory when small), its size and SHA-256."""
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115
    digest = hashing.sha256()
    size = 0
    try:
        with path.open("rb") as source:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                if size > LIMITS.package_size:
                    raise PackageError(
                        Failure.TOO_LARGE, "文件超过报送包的大小上限（2 GB）", "file too large"
                    )
                digest.update(chunk)
                spool.write(chunk)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool, size, digest.hexdigest()


# ---------------------------------------------------------------------------------- parsing
@dataclass
class _Parsed:
    station: dict[str, Any]
    reference: dict[str, Any]
    items: list[dict[str, Any]]
    summary: dict[str, Any]
    audit_hashes: dict[int, str]


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _time(value: Any) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(str(value))
    return parsed.astimezone(dt.UTC).replace(tzinfo=None) if parsed.tzinfo else parsed


def _item_row(record: dict[str, Any], checks: dict[str, Any]) -> dict[str, Any]:
    content = content_from_dict(record["content"])
    problems = validate_content(content, Strictness.SUBMIT, **checks)
    return {
        "uuid": str(record["uuid"]),
        "revision": int(record["revision"]),
        "kind": ItemKind(record["kind"]),
        "index_number": str(record["index_number"]),
        "status": Status(record["status"]),
        "published_on": _date(record.get("published_on")),
        "category_code": record.get("category_code"),
        "name": content.name,
        "level1": content.level1,
        "level": content.level.value,
        "update_due": content.update_due,
        "created_at": _time(record["created_at"]),
        "updated_at": _time(record["updated_at"]),
        "record": record,
        "search_text": search.item_search_text(
            content.name, content.content, content.basis, str(record["index_number"])
        ),
        "problems": sum(1 for p in problems if p.severity is Severity.ERROR),
        "problem_text": [
            {"field": p.field, "message": p.message, "severity": p.severity.value} for p in problems
        ],
    }


def _summary(items: list[dict[str, Any]]) -> dict[str, Any]:
    statuses: dict[str, int] = {}
    kinds: dict[str, int] = {}
    categories: dict[str, int] = {}
    for item in items:
        statuses[item["status"].value] = statuses.get(item["status"].value, 0) + 1
        kinds[item["kind"].value] = kinds.get(item["kind"].value, 0) + 1
        code = item["category_code"] or ""
        categories[code] = categories.get(code, 0) + 1
    return {
        "items": len(items),
        "statuses": statuses,
        "kinds": kinds,
        "categories": categories,
        "failing": sum(1 for item in items if item["problems"]),
        "due": sorted(item["update_due"].isoformat() for item in items if item["update_due"]),
    }


def _parse(spool: IO[bytes], size: int) -> _Parsed:
    contents = PackageContents(spool, size)  # type: ignore[arg-type]
    station = contents.json(STATION_FILE)
    reference = contents.json(REFERENCE_FILE)
    checks = {
        "known_channels": {str(c["code"]) for c in reference["channels"]},
        "known_categories": {int(c["id"]) for c in reference["categories"]},
    }
    items = [_item_row(record, checks) for kind in ITEM_FILES for record in contents.records(kind)]
    hashes = {int(r["id"]): str(r["hash"]) for r in contents.audit_records()}
    return _Parsed(station, reference, items, _summary(items), hashes)


# ---------------------------------------------------------------------------------- recording
def _lock_station_state(db: BureauDatabase, session: Session, org_code: str) -> ReplayState:
    """The station's replay-state row, created if missing, locked until commit."""
    if session.get(ReplayState, org_code) is None:
        if db.is_sqlite:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        else:
            from sqlalchemy.dialects.postgresql import insert as dialect_insert  # type: ignore[assignment]
        session.execute(
            dialect_insert(ReplayState)
            .values(org_code=org_code, sequence=0)
            .on_conflict_do_nothing()
        )
    return session.scalars(
        db.for_update(select(ReplayState).where(ReplayState.org_code == org_code))
    ).one()


def _held(session: Session, station_id: int) -> Held:
    rows = session.execute(
        select(
            PackageRow.package_id,
            PackageRow.sequence,
            PackageRow.chain_count,
            PackageRow.chain_head,
        )
        .where(PackageRow.station_id == station_id)
        .order_by(PackageRow.sequence)
    ).all()
    packages = {package_id: sequence for package_id, sequence, _c, _h in rows}
    last_head = None
    for _id, _sequence, count, head in rows:
        if count is not None and head is not None:
            last_head = ChainHead(count, head)
    last = rows[-1] if rows else None
    return Held(packages, last[0] if last else None, last[1] if last else 0, last_head)


def _retire_current(session: Session, station_id: int) -> None:
    """The station's current package and its items stop being current."""
    old = session.scalars(
        select(PackageRow).where(PackageRow.station_id == station_id, CURRENT_PACKAGE)
    ).first()
    if old is None:
        return
    indexed = session.execute(
        select(ItemRecord.id, ItemRecord.search_text).where(
            ItemRecord.package_id == old.id, CURRENT_ITEM
        )
    ).all()
    search.remove_from_index(session, indexed)
    session.execute(update(ItemRecord).where(ItemRecord.package_id == old.id).values(current=False))
    old.current = False
    session.flush()


def _store_file(session: Session, package_id: int, spool: IO[bytes]) -> None:
    spool.seek(0)
    number = 0
    while chunk := spool.read(CHUNK):
        session.execute(
            insert(PackageChunk).values(package_id=package_id, number=number, data=chunk)
        )
        number += 1


def _insert_items(
    db: BureauDatabase,
    session: Session,
    package_id: int,
    station_id: int,
    items: list[dict[str, Any]],
) -> list[int]:
    """Insert a package's items in bulk; returns their ids, in order. Ids are taken
    first (on SQLite the write transaction holds the database; on PostgreSQL from the
    table's sequence), so the rows go in without RETURNING: one executemany, or COPY."""
    extra = {"package_id": package_id, "station_id": station_id, "current": True}
    content = ("record", "problem_text")

    def item_rows(ids: list[int]) -> Iterator[dict[str, Any]]:
        for item_id, item in zip(ids, items, strict=True):
            yield {**{k: v for k, v in item.items() if k not in content}, **extra, "id": item_id}

    def content_rows(ids: list[int]) -> Iterator[dict[str, Any]]:
        for item_id, item in zip(ids, items, strict=True):
            yield {"item_id": item_id, **{k: item[k] for k in content}}

    if db.is_sqlite:
        first = (session.scalar(select(func.max(ItemRecord.id))) or 0) + 1
        ids = list(range(first, first + len(items)))
        # Core, not the ORM's bulk insert: one executemany of plain rows per table.
        session.connection().execute(insert(ITEMS), list(item_rows(ids)))
        session.connection().execute(insert(CONTENTS), list(content_rows(ids)))
        return ids
    ids = list(
        session.scalars(
            text(
                "SELECT nextval(pg_get_serial_sequence('bureau_items', 'id')) "
                "FROM generate_series(1, :n)"
            ),
            {"n": len(items)},
        )
    )
    copy_rows(session, ITEMS, item_rows(ids))
    copy_rows(session, CONTENTS, content_rows(ids))
    return ids


@dataclass(frozen=True)
class _Offer:
    source: Path
    spool: IO[bytes]
    size: int
    sha256: str
    verified: Verified
    parsed: _Parsed
    received_at: dt.datetime
    by: str


def _record(db: BureauDatabase, offer: _Offer) -> Outcome:
    verified, parsed = offer.verified, offer.parsed
    org_code = verified.org_code
    with db.write() as session:
        state = _lock_station_state(db, session, org_code)
        if session.scalar(select(PackageRow.id).where(PackageRow.sha256 == offer.sha256)):
            return _already(offer.source, verified)  # another intake took it meanwhile
        previous = Accepted(state.sequence, state.package_sha256, state.key_id, state.accepted_at)
        problem = replay_problem(verified.manifest, previous if state.sequence else None)
        if problem is not None:
            raise problem
        station = registry.station_for(session, org_code, verified.station_name)
        station.name = verified.station_name
        station.level = str(parsed.station.get("level", ""))
        station.parent_unit = str(parsed.station.get("parent_unit", ""))
        verdict = judge(
            Offered(
                verified.sequence,
                verified.previous_package_id,
                verified.chain_head,
                verified.chain_start,
                verified.chain_problems,
            ),
            _held(session, station.id),
            parsed.audit_hashes.get,
        )
        _retire_current(session, station.id)
        head, start = verified.chain_head, verified.chain_start
        package = PackageRow(
            station_id=station.id,
            sha256=offer.sha256,
            package_id=str(verified.manifest["package_id"]),
            sequence=verified.sequence,
            key_id=verified.key_id,
            format_version=str(verified.manifest["format_version"]),
            station_name=verified.station_name,
            created_at=_time(str(verified.manifest["created_at"]).replace("Z", "+00:00")),
            received_at=offer.received_at,
            taken_in_at=utcnow(),
            taken_in_by=offer.by,
            source=str(offer.source),
            size=offer.size,
            counts=verified.counts,
            warnings=verified.warnings,
            profile=parsed.station,
            reference=parsed.reference,
            summary=parsed.summary,
            previous_package_id=verified.previous_package_id,
            previous_sha256=verified.manifest.get("previous_package_sha256"),
            chain_count=head.count if head else None,
            chain_head=head.head if head else None,
            chain_from_count=start.count if start else None,
            chain_from_head=start.head if start else None,
            continuity=verdict.continuity.value,
            continuity_note=verdict.note,
            current=True,
        )
        session.add(package)
        session.flush()
        _store_file(session, package.id, offer.spool)
        if parsed.items:
            ids = _insert_items(db, session, package.id, station.id, parsed.items)
            search.add_to_index(
                session,
                [(i, item["search_text"]) for i, item in zip(ids, parsed.items, strict=True)],
            )
        state.sequence = verified.sequence
        state.package_sha256 = offer.sha256
        state.key_id = verified.key_id
        state.accepted_at = offer.received_at.isoformat(timespec="seconds") + "Z"
        state.source = "intake"
    return Outcome(
        str(offer.source),
        ACCEPTED,
        f"{verified.station_name}（{org_code}）第{verified.sequence}号，"
        f"{parsed.summary['items']}个事项；{verdict.continuity.label}：{verdict.note}",
        f"accepted {org_code} #{verified.sequence}",
        org_code=org_code,
        station=verified.station_name,
        sequence=verified.sequence,
        continuity=verdict.continuity,
    )


def _already(source: Path, verified: Verified) -> Outcome:
    return Outcome(
        str(source),
        ALREADY,
        f"{verified.station_name}（{verified.org_code}）第{verified.sequence}号，此前已接收，未重复记录",
        "already received",
        org_code=verified.org_code,
        station=verified.station_name,
        sequence=verified.sequence,
    )


def _rejected(
    db: BureauDatabase,
    source: Path,
    peek: _Peek,
    error: PackageError | UserError,
    failure: str,
    sha256: str | None,
    size: int | None,
    by: str,
) -> Outcome:
    from gwgk_desktop.bureau.models import Rejection

    with db.write() as session:
        session.add(
            Rejection(
                at=utcnow(),
                by=by,
                source=str(source),
                sha256=sha256,
                size=size,
                failure=failure,
                message=error.message,
                org_code=peek.org_code or None,
                key_id=peek.key_id or None,
                sequence=peek.sequence or None,
            )
        )
    english = f"{failure}: {error.english}" if error.english else failure
    return Outcome(
        str(source), REJECTED, error.message, english, failure=failure, org_code=peek.org_code
    )


# ---------------------------------------------------------------------------------- the run
def _state(db: BureauDatabase) -> State:
    with db.read() as session:
        return State(
            {
                row.org_code: Accepted(
                    row.sequence, row.package_sha256, row.key_id, row.accepted_at
                )
                for row in session.scalars(select(ReplayState).where(ReplayState.sequence > 0))
            }
        )


def _received_before(db: BureauDatabase, source: Path, sha256: str) -> Outcome | None:
    """ "已接收过" when a package with these exact bytes is on record."""
    with db.read() as session:
        row = session.execute(
            select(PackageRow.station_name, PackageRow.sequence, PackageRow.received_at).where(
                PackageRow.sha256 == sha256
            )
        ).first()
    if row is None:
        return None
    # The org code is not needed for the line: the name and the sequence say which.
    name, sequence, when = row
    return Outcome(
        str(source),
        ALREADY,
        f"{name}第{sequence}号，已于{_local_day(when)}接收，未重复记录",
        "already received",
        station=name,
        sequence=sequence,
    )


def _local_day(when: dt.datetime) -> str:
    local = when.replace(tzinfo=dt.UTC).astimezone()
    return f"{local.year}年{local.month}月{local.day}日"


def _take_one(
    db: BureauDatabase,
    path: Path,
    peek: _Peek,
    keys: Registry,
    received_at: dt.datetime,
    by: str,
) -> Outcome:
    try:
        spool, size, sha = _spool(path)
    except PackageError as error:
        return _rejected(db, path, peek, error, error.failure.value, None, None, by)
    except OSError as error:
        return Outcome(
            str(path),
            FAILED,
            f"无法读取文件（{error.strerror or error}），U盘可能被拔出，未作记录",
            f"cannot read {path}: {error}",
        )
    with spool:
        before = _received_before(db, path, sha)
        if before is not None:
            return before
        try:
            verified = verify_stream(spool, size, keys, _state(db))  # type: ignore[arg-type]
        except PackageError as error:
            # Another intake may have recorded this very package since the look above.
            before = _received_before(db, path, sha) if error.failure is Failure.REPLAY else None
            if before is not None:
                return before
            return _rejected(db, path, peek, error, error.failure.value, sha, size, by)
        try:
            parsed = _parse(spool, size)
        except (ValueError, KeyError, TypeError, AttributeError, PackageError) as error:
            problem = UserError(
                f"报送包签名有效，但其中的事项内容无法读取（{type(error).__name__}），请联系该单位重新导出",
                f"content does not parse: {error}",
            )
            return _rejected(db, path, peek, problem, CONTENT_INVALID, sha, size, by)
        offer = _Offer(path, spool, size, sha, verified, parsed, received_at, by)
        for attempt in range(ATTEMPTS):
            try:
                return _record(db, offer)
            except PackageError as error:  # a replay found under the lock
                return _rejected(db, path, peek, error, error.failure.value, sha, size, by)
            except DatabaseLocked:
                if attempt == ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")


def take_in(
    db: BureauDatabase,
    paths: Sequence[Path],
    *,
    received_at: dt.datetime | None = None,
    by: str = "",
    progress: Progress = SILENT,
) -> IntakeReport:
    """Take in every package among ``paths`` (see the module docstring). ``received_at``
    (naive UTC) overrides the time of receipt, e.g. the day a stick came by post; the
    default is now. A database failure (full disk, lost server) stops the run: what was
    recorded before it stays, the rest is listed as not reached. Cancelling (polled between
    packages, never inside one's transaction) lists the rest as not reached too."""
    files = find_packages(paths)
    peeks = {path: _peek(path) for path in files}
    # Each station's packages in sequence order, so a stick holding several of them is
    # taken in oldest first (a newer one first would make the older ones replays).
    files.sort(key=lambda p: (peeks[p].org_code, peeks[p].sequence, str(p)))
    keys = registry.load(db)
    report = IntakeReport()
    for number, path in enumerate(files):
        if progress.is_cancelled():
            report.not_reached = [str(p) for p in files[number:]]
            break
        progress.report(number, len(files), f"正在接收 {path.name}")
        when = received_at or utcnow()
        try:
            report.outcomes.append(_take_one(db, path, peeks[path], keys, when, by))
        except UserError as error:
            report.outcomes.append(
                Outcome(str(path), FAILED, f"{error.message}（未作记录）", error.english)
            )
            report.not_reached = [str(p) for p in files[number + 1 :]]
            break
    if report.count(ACCEPTED) and not db.is_sqlite:
        progress.report(len(files), len(files), "正在整理数据库")
        db.tidy()
    progress.report(len(files), len(files), report.summary())
    return report


def iter_package_file(db: BureauDatabase, sha256: str) -> Iterator[bytes]:
    """The stored bytes of an accepted package (to save a copy, or verify it again)."""
    with db.read() as session:
        package = session.scalar(select(PackageRow.id).where(PackageRow.sha256 == sha256))
        if package is None:
            raise UserError(f"没有 SHA-256 为 {sha256[:12]}… 的报送包", f"no package {sha256}")
        yield from session.scalars(
            select(PackageChunk.data)
            .where(PackageChunk.package_id == package)
            .order_by(PackageChunk.number)
        )
