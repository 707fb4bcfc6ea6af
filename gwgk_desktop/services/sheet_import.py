"""Importing a clerk's catalogue sheet (Excel/WPS) into the station's catalogue.

``open_sheet`` reads the workbook, picks the catalogue sheet and proposes a mapping;
``prepare`` is the dry run: it reads every row through the mapping, matches it to the
item it updates (by 索引号 when the sheet has one, else by category and name) and plans a
new item, an update or nothing, with every problem by row and column; ``apply`` carries a
plan out in one transaction (all or nothing), through the catalogue's own create and
update, so new items are drafts of the importing operator with their 索引号, a changed
approved item gets a new draft revision while the approved one stays in force, and every
change is in the audit log. The GUI's wizard and ``gwgk sheet import`` both use these.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.enums import ItemKind, LabelledEnum, Severity
from gwgk_desktop.domain.index_number import IndexNumber
from gwgk_desktop.domain.models import Actor, Category, ItemContent, ItemRow
from gwgk_desktop.domain.sheet_detect import Grid, SheetMapping, detect, suggest_categories
from gwgk_desktop.domain.sheet_rows import (
    Reference,
    SheetItem,
    SheetProblem,
    field_columns,
    read_items,
)
from gwgk_desktop.domain.validation import Strictness, label, validate_content
from gwgk_desktop.errors import UserError
from gwgk_desktop.progress import SILENT, Cancelled, Progress, step
from gwgk_desktop.services import station
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.changes import new_content
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.services.sheet_files import SheetFileError, Workbook, read_workbook
from gwgk_desktop.store import audit
from gwgk_desktop.store.database import Database

#: Up to this many matched items are read one by one; more, in one pass over all items.
_FETCH_ONE_BY_ONE = 200
#: Items created per call of ``create_many`` (and per progress step).
_CHUNK = 500


class RowAction(LabelledEnum):
    CREATE = "create", "新建"
    UPDATE = "update", "更新"
    UNCHANGED = "unchanged", "未变"


class ImportCancelled(Cancelled):
    def __init__(self) -> None:
        super().__init__("已取消导入，数据库没有任何改动", "import cancelled; nothing changed")


class ImportBlocked(UserError):
    """The sheet still has errors; nothing was imported."""

    exit_code = 9

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(
            f"表格中还有{len(plan.errors)}个错误，没有导入任何事项。请改正后再导入：\n"
            + "\n".join(str(p) for p in plan.errors[:20])
            + ("\n……" if len(plan.errors) > 20 else ""),
            f"{len(plan.errors)} errors in the sheet; nothing was imported",
        )
        self.plan = plan


@dataclass
class PlannedRow:
    """What importing does with one item row; ``action`` is None for a row with errors."""

    source: SheetItem
    action: RowAction | None = None
    content: ItemContent | None = None
    item_id: int | None = None
    base_revision: int | None = None
    #: The 索引号 of the item it updates (a new item gets its number when imported).
    index_number: str = ""


@dataclass
class ImportPlan:
    """The dry run of importing one sheet."""

    sheet: str
    mapping: SheetMapping
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    sections: int = 0
    notes: int = 0
    file_name: str = ""

    @property
    def errors(self) -> list[SheetProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[SheetProblem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: RowAction) -> int:
        return sum(1 for r in self.rows if r.action is action)

    def summary(self) -> str:
        return "，".join(f"{a.label}{self.count(a)}项" for a in RowAction)

    def report(self) -> str:
        """The dry run as text a clerk can read, copy and save."""
        header = self.mapping.header_row + 1
        last = header + self.mapping.header_rows - 1
        rows = f"第{header}行" if last == header else f"第{header}～{last}行"
        lines = [
            f"导入检查：{self.file_name or '表格'}，工作表“{self.sheet}”",
            f"表头在{rows}；事项{len(self.rows)}行，类别行{self.sections}个，"
            f"跳过的说明行{self.notes}个",
            f"导入后将{self.summary()}",
        ]
        if self.errors:
            lines.append(f"错误{len(self.errors)}个（改正前不能导入）：")
            lines += [f"  {p}" for p in self.errors]
        else:
            lines.append("没有错误，可以导入。")
        if self.warnings:
            lines.append(f"提醒{len(self.warnings)}个（不影响导入）：")
            lines += [f"  {p}" for p in self.warnings]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    plan: ImportPlan

    def summary(self) -> str:
        return f"新建{self.created}项，更新{self.updated}项，未变{self.unchanged}项"


# ---------------------------------------------------------------- the sheet


def reference(db: Database) -> Reference:
    catalogue = Catalogue(db)
    return Reference(catalogue.reference.categories(), catalogue.reference.channels())


def catalogue_sheet(workbook: Workbook, categories: list[Category]) -> tuple[Grid, SheetMapping]:
    """The first sheet with a catalogue header (other sheets, such as 填表说明, are not
    items), with the mapping it suggests."""
    for grid in workbook.sheets:
        mapping = detect(grid, categories)
        if mapping.columns:
            return grid, mapping
    raise SheetFileError(
        f"“{workbook.path.name}”中没有找到政务公开目录表：没有哪个工作表有“序号、公开事项、"
        "公开内容、公开依据……”这样的表头。请确认选对了文件，或在向导中指定表头",
        "no sheet with a catalogue header",
    )


def open_sheet(
    db: Database, path: Path, sheet: str | None = None
) -> tuple[Workbook, Grid, SheetMapping]:
    """The workbook at ``path``, its catalogue sheet (``sheet`` by name, else the first
    one with a catalogue header) and the mapping detection proposes."""
    workbook = read_workbook(path)
    categories = Catalogue(db).reference.categories()
    if sheet is None:
        grid, mapping = catalogue_sheet(workbook, categories)
    else:
        grid = workbook.sheet(sheet)
        mapping = detect(grid, categories)
    return workbook, grid, mapping


def read_mapping(path: Path) -> SheetMapping:
    """A mapping saved to ``path`` (by the wizard or ``--save-mapping``)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(
            f"无法读取映射文件“{path.name}”（{error.strerror or error}）", str(error)
        ) from error
    try:
        return SheetMapping.from_json(data.decode("utf-8", errors="replace"))
    except ValueError as error:
        raise UserError(f"“{path.name}”：{error}", "not a mapping file") from error


def adopt_mapping(saved: SheetMapping, grid: Grid, categories: list[Category]) -> SheetMapping:
    """A saved mapping applied to ``grid``: its columns and header, and its categories
    for the section titles it knows (others as detection suggests)."""
    mapping = replace(saved, sheet=grid.name, columns=list(saved.columns))
    suggested = suggest_categories(grid, mapping, categories)
    mapping.categories = {**suggested, **saved.categories}
    return mapping


# ---------------------------------------------------------------- the dry run


def prepare(
    db: Database, actor: Actor, grid: Grid, mapping: SheetMapping, file_name: str = ""
) -> ImportPlan:
    """Read ``grid`` through ``mapping`` and plan every row; nothing is written."""
    catalogue = Catalogue(db)
    categories = catalogue.reference.categories()
    channels = catalogue.reference.channels()
    reading = read_items(grid, mapping, Reference(categories, channels))
    plan = ImportPlan(
        grid.name,
        mapping,
        problems=list(reading.problems),
        sections=reading.sections,
        notes=reading.notes,
        file_name=file_name,
    )
    _Planner(db, catalogue, actor, plan, categories, {c.code for c in channels}).run(reading.items)
    plan.problems.sort(key=lambda p: (p.row or 0, not p.is_error))
    return plan


class _Planner:
    def __init__(
        self,
        db: Database,
        catalogue: Catalogue,
        actor: Actor,
        plan: ImportPlan,
        categories: list[Category],
        channel_codes: set[str],
    ) -> None:
        self.catalogue = catalogue
        self.actor = actor
        self.plan = plan
        self.profile = station.get_profile(db)
        self.by_code = {c.code: c for c in categories}
        self.category_ids = {c.id for c in catalogue.reference.categories(include_inactive=True)}
        self.channel_codes = channel_codes
        self.columns = field_columns(plan.mapping)
        self.today = dt.date.today()
        heads = catalogue.items.list_rows(ItemQuery())
        self.by_number = {r.index_number: r for r in heads}
        self.by_name: dict[tuple[int | None, str], list[ItemRow]] = {}
        for row in heads:
            self.by_name.setdefault((row.category_id, row.name), []).append(row)
        self.deleted = {r.index_number for r in catalogue.items.list_rows(ItemQuery(deleted=True))}
        self.kept: set[str] = set()

    def problem(self, item: SheetItem, message: str, column: str = "", *, error: bool) -> None:
        severity = Severity.ERROR if error else Severity.WARNING
        self.plan.problems.append(
            SheetProblem(severity, message, item.row, column, self.plan.sheet)
        )

    def run(self, items: list[SheetItem]) -> None:
        # Rows the sheet itself gets wrong are reported as they are, not planned.
        broken = {p.row for p in self.plan.problems if p.is_error}
        matches: dict[int, ItemRow] = {}
        foreign: list[int] = []
        claimed: dict[int, int] = {}
        for n, item in enumerate(items):
            if item.row in broken:
                continue
            match = self._match(item, foreign)
            if match is not None:
                if match.id in claimed:
                    self.problem(
                        item,
                        f"与第{claimed[match.id]}行对应同一个已有事项“{match.name}”"
                        f"（{match.index_number}）",
                        error=True,
                    )
                    continue
                claimed[match.id] = item.row
                matches[n] = match
        existing = self._contents({m.id for m in matches.values()})
        for n, item in enumerate(items):
            planned = PlannedRow(item)
            self.plan.rows.append(planned)
            if item.category_code is None or not item.name or item.row in broken:
                continue
            match = matches.get(n)
            values = {**item.values, "category_id": self.by_code[item.category_code].id}
            if match is None:
                category = self.by_code[item.category_code]
                base = new_content(ItemKind.CATALOGUE, category, self.profile.name, self.today)
                base.level = self.profile.level
                content = replace(base, **values)
                if self._valid(item, content):
                    planned.action, planned.content = RowAction.CREATE, content
                    planned.index_number = self._kept_number(item)
                continue
            before = existing[match.id]
            content = replace(before, **values)
            planned.item_id, planned.index_number = match.id, match.index_number
            if content == before:
                planned.action = RowAction.UNCHANGED
                continue
            refusal = workflow.can_edit(match.status, self.actor.role)
            if refusal:
                self.problem(
                    item, f"不能更新“{match.name}”（{match.status.label}）：{refusal}", error=True
                )
                continue
            if self._valid(item, content):
                planned.action, planned.content = RowAction.UPDATE, content
                planned.base_revision = match.revision
        if foreign:
            rows = "、".join(str(r) for r in foreign[:5]) + ("等" if len(foreign) > 5 else "")
            self.plan.problems.append(
                SheetProblem(
                    Severity.WARNING,
                    f"有{len(foreign)}行的索引号不是本单位的事项（第{rows}行），"
                    "按类别和名称对应；新建的事项将分配本单位的索引号",
                    sheet=self.plan.sheet,
                )
            )

    def _match(self, item: SheetItem, foreign: list[int]) -> ItemRow | None:
        if item.category_code is None or not item.name:
            return None
        number = item.index_number
        if number:
            found = self.by_number.get(number)
            if found is not None:
                return found
            if number in self.deleted:
                self.problem(
                    item,
                    f"索引号“{number}”的事项已删除（在回收站中）。请先在回收站中恢复它，"
                    "或删去这一行的索引号作为新事项导入",
                    self.columns.get("index_number", "索引号"),
                    error=True,
                )
                return None
            if IndexNumber.parse(number).org_code != self.profile.org_code:
                foreign.append(item.row)
        category_id = self.by_code[item.category_code].id
        candidates = self.by_name.get((category_id, item.name), [])
        if len(candidates) > 1:
            self.problem(
                item,
                f"本单位已有{len(candidates)}项同一类别的“{item.name}”，无法确定更新哪一项；"
                "请在表中填写索引号",
                self.columns.get("name", ""),
                error=True,
            )
            return None
        return candidates[0] if candidates else None

    def _kept_number(self, item: SheetItem) -> str:
        """The sheet's 索引号 for a new item when it is this station's and free (the
        number is permanent: a sheet exported from this unit's earlier installation
        keeps its numbers), else "" (the next free number is given)."""
        number = item.index_number
        if not number or number in self.kept or number in self.deleted:
            return ""
        if IndexNumber.parse(number).org_code != self.profile.org_code:
            return ""
        self.kept.add(number)
        return number

    def _contents(self, ids: set[int]) -> dict[int, ItemContent]:
        if len(ids) <= _FETCH_ONE_BY_ONE:
            return {i: self.catalogue.items.get(i).content for i in ids}
        return {
            item.id: item.content
            for item in self.catalogue.items.iter_items(ItemQuery())
            if item.id in ids
        }

    def _valid(self, item: SheetItem, content: ItemContent) -> bool:
        """The catalogue's own checks for saving a draft: errors (too long, say) stop the
        row, missing fields are warnings."""
        problems = validate_content(
            content,
            Strictness.SAVE,
            known_channels=self.channel_codes,
            known_categories=self.category_ids,
            today=self.today,
        )
        for p in problems:
            column = self.columns.get(p.field.split(".")[0], "")
            message = p.message if column else f"{label(p.field)}：{p.message}"
            self.problem(item, message, column, error=p.is_error)
        return not any(p.is_error for p in problems)


# ---------------------------------------------------------------- the import


def apply(
    db: Database, actor: Actor, plan: ImportPlan, progress: Progress = SILENT
) -> ImportResult:
    """Carry ``plan`` out in one transaction; refuses a plan with errors. Cancelling (or
    any failure) leaves the database as it was."""
    if not plan.ok:
        raise ImportBlocked(plan)
    catalogue = Catalogue(db)
    creates = [r for r in plan.rows if r.action is RowAction.CREATE]
    updates = [r for r in plan.rows if r.action is RowAction.UPDATE]
    total = len(creates) + len(updates)
    done = 0
    with db.write() as session:
        step(progress, 0, total, "正在导入……", ImportCancelled)
        for start in range(0, len(creates), _CHUNK):
            chunk = creates[start : start + _CHUNK]
            ids = catalogue.changes.create_many(
                actor, [r.content for r in chunk if r.content], [r.index_number for r in chunk]
            )
            for row, item_id in zip(chunk, ids, strict=True):
                row.item_id = item_id
            done += len(chunk)
            step(progress, done, total, f"已新建{done}项", ImportCancelled)
        for row in updates:
            assert row.content is not None and row.item_id is not None
            assert row.base_revision is not None
            catalogue.changes.update(actor, row.item_id, row.content, row.base_revision)
            done += 1
            if done % 20 == 0 or done == total:
                step(progress, done, total, f"已导入{done}项", ImportCancelled)
        result = ImportResult(len(creates), len(updates), plan.count(RowAction.UNCHANGED), plan)
        audit.append(
            session,
            actor,
            "sheet.import",
            "sheet",
            "",
            f"从表格“{plan.file_name}”（工作表“{plan.sheet}”）导入：{result.summary()}",
            after={
                "file": plan.file_name,
                "sheet": plan.sheet,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
        if progress.is_cancelled():
            raise ImportCancelled()
    return result
