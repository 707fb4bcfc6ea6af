"""GUI of the signed submission package: the set-up wizard's key page, the export dialog
(with progress, cancel and history), key management, and bureau template import.

The lead wires these into the main window's menus; they call services only.
"""

from gwgk_desktop.gui.submission.export_dialog import ExportDialog
from gwgk_desktop.gui.submission.history import ExportHistoryModel, ExportHistoryView
from gwgk_desktop.gui.submission.key_dialog import KeyDialog, PassphraseDialog
from gwgk_desktop.gui.submission.key_page import StationKeyPage
from gwgk_desktop.gui.submission.template_dialog import TemplateImportDialog

__all__ = [
    "ExportDialog",
    "ExportHistoryModel",
    "ExportHistoryView",
    "KeyDialog",
    "PassphraseDialog",
    "StationKeyPage",
    "TemplateImportDialog",
]
