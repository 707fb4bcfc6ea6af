"""Printing from the GUI: ``PrintDialog(db, parent)`` picks the document and options,
previews the real PDF pages (QtPdf), prints through Qt and saves the PDF. Run it alone with
``python -m gwgk_desktop.gui.printing --db PATH``."""

from gwgk_desktop.gui.printing.dialog import PrintDialog, open_print_dialog

__all__ = ["PrintDialog", "open_print_dialog"]
