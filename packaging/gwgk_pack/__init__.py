"""Build helpers for the desktop bundle: what goes into it (``trim``), the Debian package
(``deb``), the icon (``icon``) and the Windows version resource (``winver``).

Imported by ``packaging/gwgk-desktop.spec`` and ``packaging/build.py``; not part of the app.
"""
