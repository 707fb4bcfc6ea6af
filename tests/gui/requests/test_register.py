"""The 依申请公开 area driven with real clicks and typing: registering with the form, the
steps as actions (roles respected, documents offered), filters and colours, the calendar
editor, the annual report screen, and the start-up reminder in the main window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialogButtonBox, QSpinBox, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.request_info import RequestInfo
from gwgk_desktop.domain.requests import (
    ApplicantType,
    Outcome,
    RequestChannel,
    RequestStatus,
    StepKind,
)
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.gui.requests.area import RequestsArea
from gwgk_desktop.gui.requests.calendar_dialog import CalendarDialog
from gwgk_desktop.gui.requests.document_dialog import DocumentDialog
from gwgk_desktop.gui.requests.reminder import ReminderDialog
from gwgk_desktop.gui.requests.report_dialog import ReportDialog
from gwgk_desktop.gui.requests.request_dialog import RequestDialog
from gwgk_desktop.gui.requests.step_dialog import StepDialog
from gwgk_desktop.gui.requests.table_model import DUE_SOON, OVERDUE, Column
from gwgk_desktop.services import annual_report
from gwgk_desktop.services.requests import Register
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.gui.conftest import close_window, make_window, on_next_modal, type_text

TODAY = dt.date(2026, 11, 3)


def info(received: dt.date, applicant: str = "张三") -> RequestInfo:
    return RequestInfo(
        received=received,
        channel=RequestChannel.POST,
        applicant_type=ApplicantType.NATURAL,
        applicant=applicant,
        content="本所2025年辖区治安情况",
        phone="13800000000",
        address="测试市河西区长江路2号",
    )


@pytest.fixture
def area(qtbot: QtBot, station_db: Database, actors: Actors) -> Iterator[RequestsArea]:
    widget = RequestsArea(station_db, actors.clerk, today=TODAY)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.close()
    widget.deleteLater()


def click_row(qtbot: QtBot, area: RequestsArea, row: int) -> None:
    index = area.model.index(row, Column.APPLICANT)
    area.table.scrollTo(index)
    rect = area.table.visualRect(index)
    qtbot.mouseClick(area.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert area.record is not None and area.record.id == area.model.request_id(row)


def toggle(qtbot: QtBot, box: QCheckBox) -> None:
    """Click a check box where its indicator is (its centre may be empty space)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def press_ok(qtbot: QtBot, buttons: QDialogButtonBox) -> None:
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)


def wait_for_document(qtbot: QtBot) -> DocumentDialog:
    """The preview the last action opened: wait until its PDF is shown, then close it."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, DocumentDialog)
    if dialog.preview.path is None:
        with qtbot.waitSignal(dialog.ready, timeout=20000):
            pass
    return dialog


def test_registering_a_request_with_the_form(qtbot: QtBot, area: RequestsArea) -> None:
    errors: list[str] = []

    def fill(widget: QWidget) -> None:
        assert isinstance(widget, RequestDialog)
        ui = widget.ui
        press_ok(qtbot, ui.buttons)  # empty: refused inside the dialog
        errors.append(ui.errorLabel.text())
        ui.channel.setCurrentIndex(ui.channel.findData(RequestChannel.IN_PERSON.value))
        toggle(qtbot, ui.oral)
        type_text(qtbot, ui.applicant, "李四")
        type_text(qtbot, ui.content, "本所2025年度接处警数量统计")
        type_text(qtbot, ui.phone, "13900000000")
        type_text(qtbot, ui.address, "测试市河西区长江路8号")
        assert "以提交之日为收到申请之日" in ui.receiptRule.text()
        press_ok(qtbot, ui.buttons)

    on_next_modal(fill)
    qtbot.mouseClick(area.new_button, Qt.MouseButton.LeftButton)
    assert errors and "请填写申请人姓名或名称" in errors[0] and "联系方式" in errors[0]
    receipt = wait_for_document(qtbot)
    assert receipt.preview.page_count() == 1
    receipt.reject()
    assert area.model.ids and area.record is not None
    record = area.record
    assert record.number == "2026-0001" and record.info.oral
    assert record.info.received == TODAY
    assert area.model.data(area.model.index(0, Column.DUE)) == "2026-12-01（还剩20个工作日）"


def _step(qtbot: QtBot, area: RequestsArea, kind: StepKind, setup: object = None) -> list[QWidget]:
    def fill(widget: QWidget) -> None:
        assert isinstance(widget, StepDialog)
        if callable(setup):
            setup(widget)
        press_ok(qtbot, widget.ui.buttons)

    seen = on_next_modal(fill)
    button = area.step_buttons[kind]
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return seen


def test_the_steps_as_actions(qtbot: QtBot, area: RequestsArea, actors: Actors) -> None:
    register = area.register
    register.register(actors.clerk, info(dt.date(2026, 10, 12)))
    area.refresh()
    click_row(qtbot, area, 0)

    def no_print(widget: StepDialog) -> None:
        toggle(qtbot, widget.ui.printAfter)
        assert not widget.ui.printAfter.isChecked()
        widget.ui.date.setDate(widget.ui.date.date().addDays(-20))  # 2026-10-14

    _step(qtbot, area, StepKind.CORRECTION_NOTICE, no_print)
    assert area.record is not None and area.record.clock.status is RequestStatus.AWAITING_CORRECTION
    assert not area.step_buttons[StepKind.CONSULT_SENT].isEnabled()
    assert "补正期限" in area.model.data(area.model.index(0, Column.DUE))

    def corrected(widget: StepDialog) -> None:
        widget.ui.date.setDate(widget.ui.date.date().addDays(-14))  # 2026-10-20

    _step(qtbot, area, StepKind.CORRECTION_RECEIVED, corrected)
    assert area.record.clock.due == dt.date(2026, 11, 17)

    extension = area.step_buttons[StepKind.EXTENSION]
    assert not extension.isEnabled() and "单位负责人" in extension.toolTip()
    area.set_actor(actors.reviewer)
    assert extension.isEnabled()
    assert not area.step_buttons[StepKind.ANSWER].isEnabled()

    def approve(widget: StepDialog) -> None:
        assert widget.ui.party.text() == actors.reviewer.display_name
        toggle(qtbot, widget.ui.printAfter)

    _step(qtbot, area, StepKind.EXTENSION, approve)
    assert area.record.clock.due == dt.date(2026, 12, 15)
    assert "（已延期）" in area.model.data(area.model.index(0, Column.STATUS))

    area.set_actor(actors.clerk)

    def answer(widget: StepDialog) -> None:
        combo = widget.ui.outcome
        combo.setFocus()
        start = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # 予以公开 → 部分公开
        assert combo.currentIndex() == start + 1
        assert "《政府信息部分公开告知书》" in widget.ui.rule.text()
        type_text(qtbot, widget.ui.note, "其中涉及个人隐私的部分不予公开")

    _step(qtbot, area, StepKind.ANSWER, answer)
    notice = wait_for_document(qtbot)
    assert "部分公开" in notice.windowTitle() or notice.windowTitle().startswith("答复告知书")
    notice.reject()
    record = area.register.get(area.record.id)
    assert record.clock.status is RequestStatus.ANSWERED
    assert record.last(StepKind.ANSWER) is not None
    assert record.last(StepKind.ANSWER).outcome is Outcome.PARTLY  # type: ignore[union-attr]
    assert [b.isEnabled() for b in area.step_buttons.values()] == [False] * 6
    names = [a.text() for a in area.documents_menu.actions()]
    assert names == ["登记回执", "补正通知书", "延期答复告知书", "答复告知书"]


def test_filters_and_colours(qtbot: QtBot, area: RequestsArea, actors: Actors) -> None:
    register = area.register
    late = register.register(actors.clerk, info(dt.date(2026, 9, 28), "逾期甲"))  # due 10-30
    soon = register.register(actors.clerk, info(dt.date(2026, 10, 12), "将到乙"))  # due 11-09
    done = register.register(actors.clerk, info(dt.date(2026, 10, 13), "办结丙"))
    register.record(
        actors.clerk, done.id, StepKind.ANSWER, dt.date(2026, 10, 20), outcome=Outcome.NOT_HELD
    )
    area.refresh()
    assert area.count_label.text() == "共 3 件"
    due_of = {
        area.model.line(r).applicant: area.model.index(r, Column.DUE)  # type: ignore[union-attr]
        for r in range(3)
    }
    assert "已逾期4天" in area.model.data(due_of["逾期甲"])
    assert (
        area.model.data(due_of["逾期甲"], Qt.ItemDataRole.ForegroundRole).color().name() == OVERDUE
    )
    assert (
        area.model.data(due_of["将到乙"], Qt.ItemDataRole.ForegroundRole).color().name() == DUE_SOON
    )
    toggle(qtbot, area.overdue_filter)
    assert area.model.ids == [late.id]
    toggle(qtbot, area.soon_filter)
    assert sorted(area.model.ids) == sorted([late.id, soon.id])
    toggle(qtbot, area.overdue_filter)
    toggle(qtbot, area.soon_filter)
    type_text(qtbot, area.search, "办结")
    assert area.model.ids == [done.id]
    area.search.clear()
    area.status_filter.setCurrentIndex(area.status_filter.findData(RequestStatus.ANSWERED.value))
    assert area.model.ids == [done.id]


def _click_day(qtbot: QtBot, dialog: CalendarDialog, day: dt.date) -> None:
    grid = dialog.months[day.month - 1]
    (row, column) = next(cell for cell, found in grid.days.items() if found == day)
    rect = grid.visualRect(grid.model().index(row, column))
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_calendar_editor(
    qtbot: QtBot, station_db: Database, actors: Actors, area: RequestsArea
) -> None:
    record = area.register.register(actors.clerk, info(dt.date(2026, 11, 2)))
    assert record.clock.due == dt.date(2026, 11, 30)
    clerk_view = CalendarDialog(station_db, actors.clerk, 2026)
    qtbot.addWidget(clerk_view)
    assert not clerk_view.save_button.isEnabled() and not clerk_view.months[10].isEnabled()

    dialog = CalendarDialog(station_db, actors.admin, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "参考范本第2版" in dialog.source_label.text()
    friday = dt.date(2026, 11, 6)
    _click_day(qtbot, dialog, friday)
    assert friday in dialog.holidays and dialog.dirty
    saturday = dt.date(2026, 11, 7)
    _click_day(qtbot, dialog, saturday)
    assert saturday in dialog.worked
    _click_day(qtbot, dialog, saturday)
    assert saturday not in dialog.worked
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "本单位修改" in dialog.source_label.text() and dialog.reset_button.isEnabled()
    assert Register(station_db, TODAY).get(record.id).clock.due == dt.date(2026, 12, 1)
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert friday not in dialog.holidays
    assert Register(station_db, TODAY).get(record.id).clock.due == dt.date(2026, 11, 30)
    qtbot.keyClick(dialog.year_spin, Qt.Key.Key_Up)
    assert dialog.year() == 2027 and "2027年的工作日历尚未设置" in dialog.source_label.text()


def test_the_annual_report_screen(
    qtbot: QtBot, station_db: Database, actors: Actors, area: RequestsArea
) -> None:
    register = area.register
    answered = register.register(actors.clerk, info(dt.date(2026, 3, 2)))
    register.record(
        actors.clerk, answered.id, StepKind.ANSWER, dt.date(2026, 3, 9), outcome=Outcome.DISCLOSED
    )
    register.register(actors.clerk, info(dt.date(2026, 10, 12)))
    dialog = ReportDialog(station_db, actors.clerk, 2026)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "各列相符" in dialog.check_label.text()
    table = dialog.table3
    cells = [table.item(0, c) for c in (0, 6)]  # 新收: 自然人, 总计
    assert [c.text() if c else None for c in cells] == ["2", "2"]
    dialog.tabs.setCurrentIndex(1)
    licences = dialog.table2[("行政许可", "本年处理决定数量")]
    assert isinstance(licences, QSpinBox)
    licences.setFocus()
    licences.selectAll()
    qtbot.keyClicks(licences, "45")
    dialog.tabs.setCurrentIndex(0)
    type_text(qtbot, dialog.texts["一"], "本所依法做好政府信息公开工作。")
    assert dialog.dirty and dialog.save_button.isEnabled()
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    kept = annual_report.entered(station_db, 2026)
    assert kept.table2["行政许可"]["本年处理决定数量"] == 45
    assert kept.texts["一"] == "本所依法做好政府信息公开工作。"
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    preview = wait_for_document(qtbot)
    assert preview.preview.page_count() >= 3
    preview.reject()


def test_the_reminder_at_start_up_opens_the_register(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    today = dt.date.today()
    register = Register(station_db)
    register.register(actors.clerk, info(today - dt.timedelta(days=70), "逾期甲"))
    window: MainWindow = make_window(qtbot, station_db, actors.clerk)
    try:
        seen: list[QWidget] = []

        def open_register(widget: QWidget) -> None:
            assert isinstance(widget, ReminderDialog)
            seen.append(widget)
            first = widget.tree.topLevelItem(0)
            assert first is not None and first.text(0).startswith("已逾期")
            qtbot.mouseClick(widget.open_button, Qt.MouseButton.LeftButton)

        on_next_modal(open_register)
        window.startup_checks()
        assert seen
        assert window.tabs.currentWidget() is window.requests_host
        area = window.requests
        assert area is not None and area.overdue_filter.isChecked()
        assert len(area.model.ids) == 1
        # back to the catalogue and again to the register by clicking the tabs
        bar = window.tabs.tabBar()
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
        assert window.tabs.currentWidget() is window.workbench
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
        assert window.tabs.currentWidget() is window.requests_host
    finally:
        close_window(window)


def test_no_reminder_when_nothing_is_due(
    qtbot: QtBot, station_db: Database, actors: Actors
) -> None:
    window = make_window(qtbot, station_db, actors.clerk)
    try:
        assert not window.show_reminder(only_when_due=True)
        assert window.requests is None  # the register is built only when opened
    finally:
        close_window(window)
