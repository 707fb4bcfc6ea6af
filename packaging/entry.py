"""The frozen application's entry point: PyInstaller runs this file as ``__main__``.

It is the ``gwgk`` command (``gwgk`` alone opens the window, ``gwgk self-test`` checks the
installation, every other subcommand works as in a source checkout).
"""

import sys

from gwgk_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
