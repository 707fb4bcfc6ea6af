"""The test run's own folders for settings and caches (tests/conftest.py)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile


def run_folder(variable: str, prefix: str) -> str:
    """A new folder of this test run for ``variable``, removed when the process exits.
    Made once per process, however often conftest is imported: pytest imports it as
    ``conftest`` and tests that use its helpers import it again as ``tests.conftest``; the
    folder each import had made used to stay behind in the temporary folder."""
    marker = f"GWGK_TEST_{variable}_OF"
    if os.environ.get(marker) == str(os.getpid()) and variable in os.environ:
        return os.environ[variable]
    folder = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    os.environ[marker] = str(os.getpid())
    return folder
