"""kill -9 during writes (tools/kill_harness.py, bounded for the suite): at least 50 real
``gwgk`` processes doing item add/edit, submit, approve, export and template import are
killed at random moments, and after each the database is whole (``gwgk check``'s integrity,
chain, trigger and history checks), nothing committed is lost, and every package under its
final name is one the station recorded. The longer run: ``python tools/kill_harness.py``."""

from __future__ import annotations

import importlib.util
import io
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
KILLS = 50
#: The run's bound: on CI's two cores it needs about two minutes.
SECONDS = 420


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kill_harness", ROOT / "tools/kill_harness.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="the harness forks its commands (POSIX)")
def test_random_kills_lose_nothing_and_leave_no_unknown_package(tmp_path: Path) -> None:
    harness = _harness()
    progress = io.StringIO()
    tally = harness.run(tmp_path, KILLS, seed=20261201, seconds=SECONDS, progress=progress)
    report = tally.summary() + "\n" + progress.getvalue()
    assert tally.integrity_failures == [], report
    assert tally.lost_commits == [], report
    assert tally.unknown_packages == [], report
    assert tally.kills >= KILLS, report
    # Every kind of command was killed, and some ran to the end (their commits checked).
    assert all(tally.killed_by_operation[op] for op in harness.OPERATIONS), report
    assert tally.completed >= 5, report


def test_the_harness_sees_an_unknown_package_and_a_lost_commit(tmp_path: Path) -> None:
    """The checks can fail: a package file the station has no record of, and an audit
    record that disappears, are both counted."""
    import sqlite3

    harness = _harness()
    db_path = harness.build_station(tmp_path, templates=1)
    seen, tally = harness.Observed(), harness.Tally()
    harness.inspect(db_path, tmp_path / "packages", seen, tally, "start")
    assert tally.ok and seen.audit
    (tmp_path / "packages" / "forged.gwgk").write_bytes(b"PK\x03\x04 not recorded")
    connection = sqlite3.connect(db_path)
    # What a lost commit looks like: the newest audit record gone (triggers out of the way).
    last = max(seen.audit)
    connection.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    connection.execute("DELETE FROM audit_log WHERE id = ?", (last,))
    connection.commit()
    connection.close()
    harness.inspect(db_path, tmp_path / "packages", seen, tally, "after")
    assert [line for line in tally.unknown_packages if "forged.gwgk" in line]
    assert [line for line in tally.lost_commits if f"audit record {last} " in line]
    assert tally.integrity_failures  # the chain no longer matches its head
