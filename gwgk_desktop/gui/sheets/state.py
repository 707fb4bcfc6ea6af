"""What the import wizard's pages share: the database and operator, the workbook read,
the sheet chosen, its mapping (changed on the mapping page), the dry run's plan and the
import's result. Plain Python, so each page reads what the one before left."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from gwgk_desktop.domain.models import Actor, Category, Channel
from gwgk_desktop.domain.sheet_detect import Grid, SheetMapping, detect
from gwgk_desktop.domain.sheet_rows import Reference
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.sheet_files import Workbook
from gwgk_desktop.services.sheet_import import ImportPlan, ImportResult
from gwgk_desktop.store.database import Database


@dataclass
class ImportState:
    db: Database
    actor: Actor
    categories: list[Category] = field(default_factory=list)
    channels: list[Channel] = field(default_factory=list)
    path: Path | None = None
    workbook: Workbook | None = None
    grid: Grid | None = None
    mapping: SheetMapping | None = None
    plan: ImportPlan | None = None
    result: ImportResult | None = None

    def __post_init__(self) -> None:
        catalogue = Catalogue(self.db)
        self.categories = catalogue.reference.categories()
        self.channels = catalogue.reference.channels()

    @property
    def reference(self) -> Reference:
        return Reference(self.categories, self.channels)

    def choose_sheet(self, name: str) -> None:
        """Make sheet ``name`` of the workbook the one imported, with its detected mapping."""
        assert self.workbook is not None
        self.grid = self.workbook.sheet(name)
        self.mapping = detect(self.grid, self.categories)
        self.plan = None
