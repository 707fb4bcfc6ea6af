"""The test run's own folders for settings and caches (tests/conftest.py)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path


def run_folder(variable: str, prefix: str) -> str:
    """The folder of this test run for ``variable``: made by the run's first process that
    imports conftest, and removed when that process exits. Every later import (pytest
    imports conftest as ``conftest``, tests that use its helpers import it again as
    ``tests.conftest``) and every process the run starts (a GUI instance a test crashes
    on purpose, which never gets to clean up) uses the same folder: each used to make one
    of its own and leave it behind in the temporary folder."""
    marker = f"GWGK_TEST_{variable}_OF"
    current = os.environ.get(variable)
    if os.environ.get(marker) and current and Path(current).is_dir():
        return current
    folder = tempfile.mkdtemp(prefix=prefix)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    os.environ[marker] = str(os.getpid())
    return folder
