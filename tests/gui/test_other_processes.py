"""One GUI per database (a second one brings the first to the front, or says who has it),
and a window that notices when a ``gwgk`` command changes its database: it reloads what it
shows and keeps an unsaved edit."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop import logs
from gwgk_desktop.domain.enums import Status
from gwgk_desktop.domain.request_info import RequestInfo
from gwgk_desktop.domain.requests import ApplicantType, RequestChannel
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.gui import app as app_module
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.gui.single_instance import InstanceGuard, ask_first_to_activate, lock_path
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.requests import Register
from gwgk_desktop.store.database import open_database
from tests.conftest import Actors
from tests.factories import catalogue_content
from tests.gui.conftest import on_next_modal, opened_item, type_text

WAIT_MS = 20_000


def test_a_second_instance_is_refused_and_asks_the_first_to_come_to_the_front(
    qtbot: QtBot, station_db_path: Path
) -> None:
    first = InstanceGuard.acquire(station_db_path)
    assert first is not None
    try:
        assert InstanceGuard.acquire(station_db_path) is None
        with qtbot.waitSignal(first.activate_requested, timeout=WAIT_MS):
            assert ask_first_to_activate(station_db_path)
    finally:
        first.release()
    again = InstanceGuard.acquire(station_db_path)
    assert again is not None, "released with the first instance"
    again.release()


def test_an_instance_killed_outright_leaves_nothing_in_the_way(
    qtbot: QtBot, station_db_path: Path
) -> None:
    # A power cut or kill -9: the lock and the listening address go with the process.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path;"
            "from gwgk_desktop.gui.single_instance import InstanceGuard;"
            "guard = InstanceGuard.acquire(Path(sys.argv[1]));"
            "print('held' if guard else 'refused', flush=True); time.sleep(60)",
            str(station_db_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert InstanceGuard.acquire(station_db_path) is None
        assert ask_first_to_activate(station_db_path)  # the holder answers
    finally:
        holder.kill()
        holder.wait()
    assert not ask_first_to_activate(station_db_path)
    guard = InstanceGuard.acquire(station_db_path)
    assert guard is not None
    try:
        with qtbot.waitSignal(guard.activate_requested, timeout=WAIT_MS):
            assert ask_first_to_activate(station_db_path)
    finally:
        guard.release()
    assert not ask_first_to_activate(station_db_path)


def test_a_second_gui_says_the_database_is_open_and_ends(
    qtbot: QtBot, station_db_path: Path, log_to_file: Path
) -> None:
    first = InstanceGuard.acquire(station_db_path)
    assert first is not None
    seen: list[str] = []

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    try:
        on_next_modal(read_and_close)
        with qtbot.waitSignal(first.activate_requested, timeout=WAIT_MS):
            assert app_module.run(station_db_path) == 0
    finally:
        first.release()
    assert seen == [
        "这个数据库已经在另一个窗口中打开，已切换到那个窗口。\n同一个数据库同时只能在一个窗口中打开。"
    ]
    assert "is open in another window" in log_to_file.read_text(encoding="utf-8")


def test_a_lock_held_by_someone_who_does_not_answer_is_explained(
    qtbot: QtBot, station_db_path: Path
) -> None:
    # Another user's instance: it holds the lock, but this user cannot reach its socket.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'ab');"
            "fcntl.flock(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
            str(lock_path(station_db_path)),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        seen: list[str] = []

        def read_and_close(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            seen.append(box.text())
            box.accept()

        on_next_modal(read_and_close)
        assert app_module.run(station_db_path) == 8
    finally:
        holder.kill()
        holder.wait()
    assert "已被另一个程序窗口打开" in seen[0] and str(station_db_path) in seen[0]


def _gwgk(db: Path, *args: str, password: str = "clerk123") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gwgk_desktop", "--db", str(db), *args],
        env={**os.environ, "GWGK_PASSWORD": password, logs.LOG_DIR_ENV: str(logs.log_dir())},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_a_command_line_change_shows_up_in_the_open_window(
    qtbot: QtBot, clerk_window: MainWindow, tmp_path: Path
) -> None:
    before = len(clerk_window.model.ids)
    item = tmp_path / "item.json"
    item.write_text(
        json.dumps(
            {
                "kind": "catalogue",
                "category_code": "06",
                "name": "命令行新增的便民服务事项",
                "content": "服务内容",
                "basis": "《中华人民共和国政府信息公开条例》",
                "channels": ["website"],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    with qtbot.waitSignal(clerk_window.watcher.changed, timeout=WAIT_MS):
        _gwgk(clerk_window.db.path, "item", "add", "--json", str(item), "--user", "clerk")
    assert len(clerk_window.model.ids) == before + 1
    names = [clerk_window.catalogue.items.get(i).name for i in clerk_window.model.ids]
    assert "命令行新增的便民服务事项" in names


def test_an_open_item_is_reloaded_when_it_has_no_unsaved_edit(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    item = opened_item(clerk_window, actors.clerk)
    with open_database(clerk_window.db.path) as other:  # another process's connection
        Catalogue(other).review.transition(actors.clerk, item.id, Action.SUBMIT)
    with qtbot.waitSignal(clerk_window.watcher.changed, timeout=WAIT_MS):
        pass
    assert clerk_window.editor.item is not None
    assert clerk_window.editor.item.status is Status.PENDING
    assert clerk_window.editor.read_only_reason, "pending: no longer editable"


def test_an_unsaved_edit_is_kept_when_the_item_changes_elsewhere(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    item = opened_item(clerk_window, actors.clerk)
    summary = clerk_window.editor.active["summary"].focus_widget()
    type_text(qtbot, summary, "正在录入、尚未保存的概述")
    assert clerk_window.editor.is_dirty()
    with open_database(clerk_window.db.path) as other:
        changed = catalogue_content(Catalogue(other), name="在别处改过的名称")
        Catalogue(other).changes.update(actors.clerk, item.id, changed, item.revision)
    with qtbot.waitSignal(clerk_window.watcher.changed, timeout=WAIT_MS):
        pass
    assert clerk_window.editor.is_dirty()
    assert clerk_window.editor.doc.summary == "正在录入、尚未保存的概述"
    assert clerk_window.info_bar.isVisible()
    assert "已被其他程序修改" in clerk_window.info_text.text()
    assert not clerk_window.info_undo.isVisible()


def test_the_watcher_does_not_fire_for_the_windows_own_saves(
    qtbot: QtBot, clerk_window: MainWindow
) -> None:
    clerk_window.new_item(clerk_window.editor.kind)
    type_text(qtbot, clerk_window.editor.active["name"].focus_widget(), "本窗口新建的事项")
    qtbot.mouseClick(clerk_window.editor.ui.saveButton, Qt.MouseButton.LeftButton)
    assert clerk_window.editor.item is not None, "saved"
    assert not clerk_window.watcher.poll()


def test_a_request_registered_elsewhere_shows_up_in_the_open_register(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    area = clerk_window.show_requests()
    before = len(area.model.ids)
    with open_database(clerk_window.db.path) as other:  # e.g. ``gwgk request add``
        record = Register(other).register(
            actors.clerk,
            RequestInfo(
                received=dt.date.today(),
                channel=RequestChannel.IN_PERSON,
                applicant_type=ApplicantType.NATURAL,
                applicant="别处登记的申请人",
                content="本所办公时间",
                address="测试市河西区长江路2号",
            ),
        )
    with qtbot.waitSignal(clerk_window.watcher.changed, timeout=WAIT_MS):
        pass
    assert len(area.model.ids) == before + 1
    assert record.id in area.model.ids
    assert area.count_label.text() == f"共 {before + 1} 件"
