"""Fixtures for the packaging tests: the built bundle and .deb.

Tests marked ``bundle`` check the built artefacts; ``make bundle-test`` builds them and runs
those tests (the default test run leaves them out, see pyproject's ``addopts``). A missing
bundle there is a failure, not a skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.packaging.helpers import DIST


@pytest.fixture(scope="session")
def bundle_dir() -> Path:
    path = DIST / "gwgk-desktop"
    if not (path / "gwgk").is_file():
        pytest.fail(f"no bundle at {path}: run 'make bundle' (or 'make bundle-test')")
    return path


@pytest.fixture(scope="session")
def deb_file() -> Path:
    found = sorted(DIST.glob("gwgk-desktop_*.deb"), key=lambda p: p.stat().st_mtime)
    if not found:
        pytest.fail(f"no .deb in {DIST}: run 'make deb' (or 'make bundle-test')")
    return found[-1]
