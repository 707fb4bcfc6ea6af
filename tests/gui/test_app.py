"""Start-up: the real ``run`` path (log in, window, quit), a database that cannot be
opened, and a failed automatic login falling back to the dialog."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.gui import app as gui_app
from gwgk_desktop.gui.login_dialog import LoginDialog
from gwgk_desktop.services.autosave import drafts_dir
from gwgk_desktop.store.database import Database
from tests.gui.conftest import on_next_modal

ROOT = Path(__file__).resolve().parents[2]


def test_run_logs_in_shows_the_window_and_quits(
    qtbot: QtBot, station_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GWGK_PASSWORD", "clerk123")
    assert gui_app.run(station_db_path, quit_after_ms=200, username="clerk") == 0
    assert not drafts_dir(station_db_path).exists(), "a clean exit leaves no draft folder"


def test_quit_after_closes_a_login_nobody_answers(
    qtbot: QtBot, station_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``gwgk gui --quit-after`` in a script without a password must not wait forever."""
    monkeypatch.delenv("GWGK_PASSWORD", raising=False)
    assert gui_app.run(station_db_path, quit_after_ms=100) == 0


def test_a_file_that_is_no_database_gets_a_message(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("这不是数据库", encoding="utf-8")
    texts: list[str] = []

    def read_and_close(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        texts.append(widget.text())
        widget.accept()

    on_next_modal(read_and_close)
    assert gui_app.run(path) == 3
    assert texts and "notes.sqlite" in texts[0]
    assert path.read_text(encoding="utf-8") == "这不是数据库", "left as it was"


def test_a_wrong_automatic_password_falls_back_to_the_dialog(
    qtbot: QtBot, station_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GWGK_PASSWORD", "wrong")

    def give_up(widget: QWidget) -> None:
        widget.close()

    seen = on_next_modal(give_up)
    assert gui_app.first_actor(station_db, "clerk") is None
    assert seen and isinstance(seen[0], LoginDialog)
    assert seen[0].username.text() == "clerk", "the name is filled in already"


def test_a_headless_screenshot_without_a_password_shows_the_login(
    qtbot: QtBot, station_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GWGK_PASSWORD", raising=False)
    picture = tmp_path / "shot.png"
    assert gui_app.run(station_db_path, screenshot=picture) == 0
    assert picture.is_file() and picture.stat().st_size > 1000

    monkeypatch.setenv("GWGK_PASSWORD", "clerk123")
    window_picture = tmp_path / "window.png"
    assert gui_app.run(station_db_path, screenshot=window_picture, username="clerk") == 0
    assert window_picture.stat().st_size > picture.stat().st_size, "the whole workbench"


@pytest.mark.parametrize("where", ["under a file", "a folder"])
def test_a_screenshot_that_cannot_be_written_says_so_and_ends_with_1(
    qtbot: QtBot,
    station_db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    where: str,
) -> None:
    """A picture that cannot be written is not reported as saved, and the window still
    closes (it had said "已保存截图" with exit code 0, and a failing folder left the
    window open)."""
    monkeypatch.setenv("GWGK_PASSWORD", "clerk123")
    (tmp_path / "file").write_text("x")
    (tmp_path / "folder.png").mkdir()
    picture = tmp_path / "file" / "x.png" if where == "under a file" else tmp_path / "folder.png"
    assert gui_app.run(station_db_path, screenshot=picture, username="clerk") == 1
    out, err = capsys.readouterr()
    assert "已保存截图" not in out
    assert f"无法保存截图：{picture}" in err
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_the_workbench_picture_waits_for_the_tree_counts(
    qtbot: QtBot, station_db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``gui --screenshot`` pictures the settled workbench: the counts that follow the
    table's first paint are in it (the timer started before the login fired during the
    KDF and caught the first frame without them)."""
    from gwgk_desktop.gui.main_window import MainWindow

    monkeypatch.setenv("GWGK_PASSWORD", "clerk123")
    seen: list[bool] = []
    real = gui_app.save_screenshot

    def look_then_save(path: Path) -> None:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
        seen.append(window.counts_pending)
        real(path)

    monkeypatch.setattr(gui_app, "save_screenshot", look_then_save)
    picture = tmp_path / "window.png"
    assert gui_app.run(station_db_path, screenshot=picture, username="clerk", quit_after_ms=1) == 0
    assert seen == [False], "one picture, taken once the tree had its counts"
    assert picture.is_file()


#: What the window's start-up leaves until first used (each imported when needed).
LATER = (
    "gwgk_desktop.gui.privacy_dialog",
    "gwgk_desktop.gui.help",
    "gwgk_desktop.gui.error_dialog",
    "gwgk_desktop.gui.flowchart",
    "gwgk_desktop.gui.printing",
    "gwgk_desktop.pdf",
)


def test_start_up_imports_no_dialog_that_comes_later() -> None:
    """The modules the GUI's start-up imports (in a fresh process) hold none of the
    dialogs and viewers opened later: each is imported when first used."""
    code = (
        "import sys, gwgk_desktop.gui.app, gwgk_desktop.gui.main_window; "
        "print('\\n'.join(sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded = set(done.stdout.split())
    assert "gwgk_desktop.gui.main_window" in loaded
    assert [m for m in loaded if m in LATER or m.startswith(tuple(f"{p}." for p in LATER))] == []
