"""Nothing cut off at a normal width (issue 14, point 11): the item list shows the whole
索引号, the history tab's 说明 wraps onto as many lines as it needs, and the flowchart's
tools wrap onto a second row instead of hiding behind ». At the stations' 1366×768."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.gui.editor.history import SUMMARY
from gwgk_desktop.gui.flowchart.editor import FlowchartEditor
from gwgk_desktop.gui.item_table import Column
from gwgk_desktop.gui.main_window import MainWindow
from tests.conftest import Actors
from tests.factories import catalogue_content
from tests.gui.conftest import opened_item

STATION_SCREEN = (1366, 768)


def test_the_list_shows_the_whole_index_number(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    window = clerk_window
    window.resize(*STATION_SCREEN)
    item = opened_item(window, actors.clerk)
    qtbot.waitUntil(window.table.isVisible)
    table = window.table
    header = table.horizontalHeader()
    text = table.fontMetrics().horizontalAdvance(item.index_number)
    assert header.sectionSize(Column.INDEX) >= text + 8
    # …and the column is on screen without scrolling sideways.
    right = header.sectionViewportPosition(Column.INDEX) + header.sectionSize(Column.INDEX)
    assert header.sectionViewportPosition(Column.INDEX) >= 0
    assert right <= table.viewport().width()


def test_the_history_wraps_a_long_note(
    qtbot: QtBot, clerk_window: MainWindow, actors: Actors
) -> None:
    window = clerk_window
    window.resize(*STATION_SCREEN)
    catalogue = window.catalogue
    item = catalogue.changes.create(actors.clerk, catalogue_content(catalogue))
    review = catalogue.review
    review.transition(actors.clerk, item.id, Action.SUBMIT)
    comment = "公开依据应写明文件全称和文号，" * 6 + "请补充后重新提交。"
    review.transition(actors.reviewer, item.id, Action.RETURN, comment=comment)
    window.refresh()
    assert window.go_to_item(item.id)
    editor = window.editor
    editor.ui.tabs.setCurrentWidget(editor.ui.historyPage)
    tree = editor.ui.historyTree
    qtbot.waitUntil(tree.isVisible)
    row = next(
        tree.topLevelItem(r)
        for r in range(tree.topLevelItemCount())
        if comment[:20] in (tree.topLevelItem(r).text(SUMMARY) or "")
    )
    assert row is not None
    shown = tree.visualItemRect(row)
    width = tree.header().sectionSize(SUMMARY) - 8
    needed = tree.fontMetrics().boundingRect(
        QRect(0, 0, width, 1 << 20),
        Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere,
        row.text(SUMMARY),
    )
    line = tree.fontMetrics().height()
    assert needed.height() > 2 * line  # long enough to need several lines here
    assert shown.height() >= needed.height()


def test_the_chart_tools_wrap_instead_of_hiding(qtbot: QtBot) -> None:
    editor = FlowchartEditor()
    qtbot.addWidget(editor)
    editor.resize(560, 600)  # the chart beside the panes in a small window
    editor.show()
    qtbot.waitExposed(editor)
    found: list[QAbstractButton] = list(editor.toolbar.findChildren(QAbstractButton))
    buttons = [b for b in found if not b.isHidden()]
    assert len(buttons) >= 10
    area = editor.toolbar.rect()
    for button in buttons:
        assert button.isVisible() and area.contains(button.geometry()), button.text()
    rows = {button.geometry().top() for button in buttons}
    assert len(rows) >= 2  # wrapped
    assert not [b for b in buttons if b.text() == "»"]
    editor.close()
