"""文件 → 从 Excel/WPS 导入…: the import wizard (file and sheet → mapping with a preview →
the dry run's report → the import with progress and cancel)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from gwgk_desktop.domain.models import Actor
from gwgk_desktop.gui.sheets.check_page import CheckPage
from gwgk_desktop.gui.sheets.file_page import FilePage
from gwgk_desktop.gui.sheets.import_page import ImportPage
from gwgk_desktop.gui.sheets.mapping_page import MappingPage
from gwgk_desktop.gui.sheets.state import ImportState
from gwgk_desktop.store.database import Database


class SheetImportWizard(QWizard):
    """Signals: ``imported(result)`` once items were imported (``ImportResult``)."""

    imported = Signal(object)

    def __init__(
        self, db: Database, actor: Actor, parent: QWidget | None = None, path: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.state = ImportState(db, actor)
        self.setWindowTitle(self.tr("从 Excel/WPS 导入政务公开目录"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步(&N) >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< 上一步(&B)"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成(&F)"))
        self.file_page = FilePage(self.state)
        self.mapping_page = MappingPage(self.state)
        self.check_page = CheckPage(self.state)
        self.import_page = ImportPage(self.state)
        for page in (self.file_page, self.mapping_page, self.check_page, self.import_page):
            self.addPage(page)
        self.import_page.finished_import.connect(self._finished)
        # Fits a 1366×768 screen with the task bar.
        self.resize(1120, 680)
        if path is not None:
            self.file_page.load(path)

    def _finished(self, ok: bool) -> None:
        if ok and self.state.result is not None:
            self.imported.emit(self.state.result)
