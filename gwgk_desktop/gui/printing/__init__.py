"""Printing from the GUI: ``dialog.PrintDialog(db, parent)`` picks the document and
options, previews the real PDF pages (QtPdf), prints through Qt and saves the PDF. Run it
alone with ``python -m gwgk_desktop.gui.printing --db PATH``."""
