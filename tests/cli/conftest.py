"""Running ``gwgk`` in-process for the command-line tests."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable

import pytest

from gwgk_desktop.cli import main

Runner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Runner:
    """Run ``gwgk`` in-process; returns (exit code, stdout, stderr)."""

    def runner(
        *args: str, password: str | None = None, stdin: str | None = None
    ) -> tuple[int, str, str]:
        if password is None:
            monkeypatch.delenv("GWGK_PASSWORD", raising=False)
        else:
            monkeypatch.setenv("GWGK_PASSWORD", password)
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return runner
