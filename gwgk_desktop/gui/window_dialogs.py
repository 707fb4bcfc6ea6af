"""The feature dialogs the workbench opens from its menus (station, operators, keys, the
reference template, the Excel/WPS sheets, printing, the package, the working-day calendar,
the annual report, about): each is built for the logged-in operator, run modally, and the
window brought up to date afterwards. The heavier ones are imported only when opened, so
start-up does not load QtPdf, reportlab or the key code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from gwgk_desktop import APP_DISPLAY_NAME
from gwgk_desktop.gui.operators_dialog import OperatorsDialog
from gwgk_desktop.gui.station_form import StationDialog
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services import station

if TYPE_CHECKING:
    from gwgk_desktop.gui.main_window import MainWindow


def run_dialog(dialog: QDialog) -> int:
    """Show a feature dialog modally and delete it afterwards (with its workers and
    progress windows) instead of keeping it, hidden, for the session."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog.exec()


class WindowDialogs(QObject):
    """Opens the dialogs of ``window``'s menus."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def edit_station(self) -> None:
        window = self.window
        dialog = StationDialog(window.db, window.actor, window)
        if dialog.exec() == StationDialog.DialogCode.Accepted:
            window.profile = station.get_profile(window.db)
            window.station_label.setText(window.profile.name)
            window.setWindowTitle(f"{window.profile.name}[*] — {APP_DISPLAY_NAME}")

    def edit_operators(self) -> None:
        OperatorsDialog(self.window.db, self.window.actor, self.window).exec()

    def manage_keys(self) -> None:
        from gwgk_desktop.gui.submission.key_dialog import KeyDialog

        run_dialog(KeyDialog(self.window.db, self.window.actor, self.window))

    def import_template(self) -> None:
        from gwgk_desktop.gui.submission.template_dialog import TemplateImportDialog

        dialog = TemplateImportDialog(self.window.db, self.window.actor, self.window)
        dialog.imported.connect(self._template_imported)
        run_dialog(dialog)

    def _template_imported(self, version: int) -> None:
        self.window.reload_reference()
        QMessageBox.information(
            self.window,
            self.tr("参考范本"),
            fmt(self.tr("已导入第 %1 版参考范本，类别和公开渠道已更新。"), version),
        )

    def import_sheet(self) -> None:
        from gwgk_desktop.gui.sheets import SheetImportWizard

        window = self.window
        wizard = SheetImportWizard(window.db, window.actor, window)
        wizard.imported.connect(lambda _result: window.refresh())
        run_dialog(wizard)

    def export_sheet(self) -> None:
        from gwgk_desktop.gui.sheets import SheetExportDialog

        run_dialog(SheetExportDialog(self.window.db, self.window))

    def save_blank_sheet(self) -> None:
        from gwgk_desktop.gui.sheets import save_blank_template

        path = save_blank_template(self.window.db, self.window)
        if path is not None:
            message = fmt(self.tr("空白目录表已保存到 %1"), path)
            self.window.statusBar().showMessage(message, 8000)

    def print_documents(self) -> None:
        from gwgk_desktop.gui.printing.dialog import PrintDialog

        run_dialog(PrintDialog(self.window.db, self.window, settings=self.window.settings))

    def export_package(self) -> None:
        from gwgk_desktop.gui.submission.export_dialog import ExportDialog

        window = self.window
        run_dialog(ExportDialog(window.db, window.actor, window, settings=window.settings))

    def edit_calendar(self) -> None:
        from gwgk_desktop.gui.requests.calendar_dialog import CalendarDialog

        dialog = CalendarDialog(self.window.db, self.window.actor, parent=self.window)
        dialog.saved.connect(self._calendar_saved)
        run_dialog(dialog)

    def _calendar_saved(self, _year: int) -> None:
        if self.window.requests is not None:
            self.window.requests.refresh()

    def annual_report(self) -> None:
        from gwgk_desktop.gui.requests.report_dialog import ReportDialog, report_year_default

        window = self.window
        year = report_year_default()
        run_dialog(ReportDialog(window.db, window.actor, year, window, settings=window.settings))

    def about(self) -> None:
        from gwgk_desktop.gui.about_dialog import AboutDialog

        run_dialog(AboutDialog(self.window.db.path, self.window))
