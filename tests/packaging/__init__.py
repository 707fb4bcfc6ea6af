"""Tests of the desktop bundle and its build helpers.

The helpers in ``packaging/gwgk_pack`` are build scripts, not an installed package (and
``packaging`` is also the name of a PyPI library), so their folder goes on ``sys.path``
here, before any test module imports them.
"""

import sys
from pathlib import Path

_PACKAGING = str(Path(__file__).resolve().parents[2] / "packaging")
if _PACKAGING not in sys.path:
    sys.path.insert(0, _PACKAGING)
