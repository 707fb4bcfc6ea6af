"""``python -m gwgk_desktop`` is the same as ``gwgk``."""

import sys

from gwgk_desktop.cli import main

sys.exit(main())
