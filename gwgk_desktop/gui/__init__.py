"""The PySide6 desktop application. The only package that imports Qt."""

from gwgk_desktop.gui._refcount_guard import make_singletons_immortal

# Before any Qt call: see _refcount_guard for the PySide6 6.12 leak this prevents.
make_singletons_immortal()
