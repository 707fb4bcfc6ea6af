"""The session's temporary folder (gwgk_desktop/session_temp.py): nothing with personal data
outlives the session, whether it ends normally or not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gwgk_desktop import session_temp
from gwgk_desktop.session_temp import PREFIX, SessionFolder, remove_stale


def _child(base: Path, body: str) -> subprocess.Popen[str]:
    """A process that makes a session folder in ``base`` with a file in it, prints the
    file's path, then runs ``body``."""
    code = textwrap.dedent(f"""
        import os, sys, time
        from pathlib import Path
        from gwgk_desktop.session_temp import SESSION
        SESSION._base = Path({str(base)!r})
        target = SESSION.folder("open-") / "身份证.jpg"
        target.write_bytes(b"personal")
        print(target, flush=True)
    """) + textwrap.dedent(body)
    return subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=Path.cwd()
    )


def test_folders_are_private_and_go_with_the_session(tmp_path: Path) -> None:
    session = SessionFolder(tmp_path)
    first, second = session.folder("open-"), session.folder("print-")
    assert first != second and first.parent == second.parent
    assert first.parent.name.startswith(PREFIX) and first.name.startswith("open-")
    if os.name == "posix":
        assert first.stat().st_mode & 0o077 == 0
    (first / "扫描件.pdf").write_bytes(b"x")
    session.remove()
    assert list(tmp_path.iterdir()) == []
    # Used again after removal: a new folder.
    assert session.folder("open-").is_dir()
    session.remove()


def test_a_normal_exit_removes_the_folder(tmp_path: Path) -> None:
    child = _child(tmp_path, "")
    out, _ = child.communicate(timeout=60)
    assert child.returncode == 0
    assert Path(out.strip()).parent.parent.parent == tmp_path
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_killed_session_s_folder_goes_at_the_next_start_a_live_one_stays(
    tmp_path: Path,
) -> None:
    killed = _child(tmp_path, "time.sleep(60)")
    assert killed.stdout is not None
    left = Path(killed.stdout.readline().strip())
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=60)
    live = _child(tmp_path, "time.sleep(60)")
    assert live.stdout is not None
    live_file = Path(live.stdout.readline().strip())
    try:
        # The live session's start already swept the killed one's folder away.
        assert not left.exists()
        assert live_file.exists()
        # A third session leaves the live one's alone.
        session = SessionFolder(tmp_path)
        session.folder("print-")
        assert live_file.exists()
        assert remove_stale(tmp_path) == 0
        session.remove()
    finally:
        live.kill()
        live.wait(timeout=60)
    assert remove_stale(tmp_path) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_folder_being_made_or_not_ours_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / f"{PREFIX}half-made").mkdir()
    (tmp_path / "gwgk-other").mkdir()
    assert remove_stale(tmp_path) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gwgk-other", f"{PREFIX}half-made"]


def test_no_session_folder_gives_a_template_qt_reports_invalid(tmp_path: Path) -> None:
    missing = tmp_path / "gone"
    session = SessionFolder(missing)
    assert session.template("print-") == str(missing / "gwgk-print-XXXXXX")
    with pytest.raises(OSError):
        session.folder("open-")


def test_the_process_session_is_registered() -> None:
    assert session_temp.template("print-").endswith("print-XXXXXX")
    assert Path(session_temp.folder("open-")).parent.name.startswith(PREFIX)
