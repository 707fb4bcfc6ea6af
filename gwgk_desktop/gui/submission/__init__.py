"""GUI of the signed submission package: the set-up wizard's key page (``key_page``), the
export dialog with progress, cancel and history (``export_dialog``, ``history``), key
management (``key_dialog``) and bureau template import (``template_dialog``). They call
services only; the main window opens them from its menus.
"""
