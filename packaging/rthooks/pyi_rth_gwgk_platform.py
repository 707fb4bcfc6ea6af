"""PyInstaller runtime hook: in a Wayland session the Linux bundle runs on X11 (XWayland).

The bundle ships Qt's X11 platform only (``gwgk_pack/trim.py``): 统信UOS 20 and 银河麒麟
V10 start X11 sessions on the x86_64 PCs the bundle is for. Where a desktop runs Wayland
(XDG_SESSION_TYPE=wayland) Qt would look for its Wayland platform first; this points it at
X11, which every such desktop provides through XWayland. An explicit QT_QPA_PLATFORM
(offscreen for tests, a user's choice) is left alone.
"""

import os
import sys


def _prefer_x11() -> None:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if os.environ.get("XDG_SESSION_TYPE") == "wayland":
        os.environ["QT_QPA_PLATFORM"] = "xcb"


_prefer_x11()
del _prefer_x11
