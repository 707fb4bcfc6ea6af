"""The catalogue as Excel/WPS sheets in the GUI: 文件 → 从 Excel/WPS 导入… (a wizard: file
and sheet, column mapping with a preview, the dry run's report, the import with progress
and cancel) and 文件 → 导出为 Excel… . They call ``services.sheet_import`` and
``services.sheet_export`` only."""

from gwgk_desktop.gui.sheets.export_dialog import SheetExportDialog, save_blank_template
from gwgk_desktop.gui.sheets.wizard import SheetImportWizard

__all__ = ["SheetExportDialog", "SheetImportWizard", "save_blank_template"]
