"""The workbench's table, tree and filters over the demo station."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import ItemKind, Level, Status
from gwgk_desktop.domain.models import ItemRow
from gwgk_desktop.gui.item_table import PAGE, STATUS_COLOURS, Column, ItemTableModel
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.queries import ItemQuery, SortKey
from gwgk_desktop.store.database import Database
from tests.conftest import Actors
from tests.gui.conftest import settings_in, type_text


def test_the_table_model_passes_the_model_tester(
    qapp: QApplication, qtmodeltester: object, demo_db: Database
) -> None:
    catalogue = Catalogue(demo_db)
    model = ItemTableModel(catalogue, catalogue.reference.categories())
    model.set_query(ItemQuery())
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_rows_are_fetched_lazily_page_by_page(
    qapp: QApplication, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = Catalogue(demo_db)
    requested: list[int] = []
    original = catalogue.items.rows

    def counting(ids: Sequence[int]) -> list[ItemRow]:
        requested.extend(ids)
        return original(ids)

    monkeypatch.setattr(catalogue.items, "rows", counting)
    model = ItemTableModel(catalogue, catalogue.reference.categories())
    model.set_query(ItemQuery())
    assert model.rowCount() > 0 and requested == [], "ids only until a row is looked at"
    model.data(model.index(0, Column.NAME))
    first = len(requested)
    assert 0 < first <= PAGE
    for row in range(min(40, model.rowCount())):
        model.data(model.index(row, Column.STATUS))
    assert len(requested) == first, "neighbouring rows came with the first page"


def test_a_keystroke_reuses_what_the_last_ones_found_and_stays_exact(
    qapp: QApplication, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Erasing what was typed asks the index nothing (the texts leading up to the current
    one are remembered), rows already fetched are not fetched again for another filter,
    and every step shows exactly what ``search_ids`` finds; a refresh forgets it all."""
    catalogue = Catalogue(demo_db)
    asked: list[str] = []
    fetched: list[int] = []
    matches, rows = catalogue.items.text_matches, catalogue.items.rows

    def asking(text: str) -> set[int] | None:
        asked.append(text)
        return matches(text)

    def fetching(ids: Sequence[int]) -> list[ItemRow]:
        fetched.extend(ids)
        return rows(ids)

    monkeypatch.setattr(catalogue.items, "text_matches", asking)
    monkeypatch.setattr(catalogue.items, "rows", fetching)
    model = ItemTableModel(catalogue, catalogue.reference.categories())
    typed = ["户", "户籍", "户籍登", "户籍", "户", "", "身", "身份", "身", "户"]
    for text in typed:
        model.set_query(ItemQuery(text=text))
        assert model.ids == catalogue.items.search_ids(ItemQuery(text=text)), text
        for row in range(min(20, model.rowCount())):
            assert model.data(model.index(row, Column.NAME))
    assert asked == ["户", "户籍", "户籍登", "", "身", "身份", "户"]
    assert len(fetched) == len(set(fetched)), "no row fetched twice"
    model.refresh()
    assert asked[-1] == "户" and len(asked) == 8, "a refresh asks again"
    model.data(model.index(0, Column.NAME))
    assert fetched.count(model.ids[0]) == 2, "and fetches the rows again"


def test_status_is_text_and_colour(qapp: QApplication, demo_db: Database) -> None:
    catalogue = Catalogue(demo_db)
    model = ItemTableModel(catalogue, catalogue.reference.categories())
    model.set_query(ItemQuery(statuses=frozenset({Status.PENDING})))
    index = model.index(0, Column.STATUS)
    assert model.data(index) == "待审核"
    assert isinstance(model.data(index, Qt.ItemDataRole.DecorationRole), QIcon)
    brush = model.data(index, Qt.ItemDataRole.ForegroundRole)
    assert brush.color() == QColor(STATUS_COLOURS[Status.PENDING])


def test_only_the_status_cell_is_painted_in_its_colour(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """Painted, only the status column has the status's dot and colour: a view hands the
    same role data from cell to cell, and a cell's roles left unanswered showed the last
    status cell's dot and colour in every column."""
    window = demo_window
    window.show()
    qtbot.waitExposed(window)
    table = window.table
    table.scrollToTop()
    picture = table.viewport().grab().toImage()
    colours = {QColor(c).rgb() for c in STATUS_COLOURS.values()}

    def coloured(column: Column) -> int:
        left = table.columnViewportPosition(column)
        width = min(table.columnWidth(column), picture.width() - left)
        height = min(table.rowHeight(0) * 8, picture.height())
        return sum(
            picture.pixel(x, y) in colours for x in range(left, left + width) for y in range(height)
        )

    assert coloured(Column.STATUS) > 0
    assert coloured(Column.NAME) == 0 and coloured(Column.INDEX) == 0


def test_overdue_items_say_so_in_words(qapp: QApplication, demo_db: Database) -> None:
    catalogue = Catalogue(demo_db)
    model = ItemTableModel(catalogue, catalogue.reference.categories(), today=dt.date(2100, 1, 1))
    model.set_query(ItemQuery(overdue_on=dt.date(2100, 1, 1)))
    assert model.rowCount() > 0
    assert str(model.data(model.index(0, Column.DUE))).endswith("（已逾期）")


def test_typing_in_the_filter_updates_the_table(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    catalogue = window.catalogue
    everything = len(window.model.ids)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.filter_text
    type_text(qtbot, window.filter_text, "户籍")
    expected = catalogue.items.search_ids(ItemQuery(text="户籍"))
    assert window.model.ids == expected and 0 < len(expected) < everything
    assert window.count_label.text() == f"共 {len(expected)} 项"

    # Down goes to the table and opens the first match; Escape clears the filter.
    qtbot.keyClick(window.filter_text, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.table
    assert window.editor.item_id() == expected[0]
    window.filter_text.setFocus()
    qtbot.keyClick(window.filter_text, Qt.Key.Key_Escape)
    assert window.filter_text.text() == "" and len(window.model.ids) == everything
    assert window.model.row_of(expected[0]) >= 0


def _shown_with_a_filter(qtbot: QtBot, window: MainWindow) -> None:
    """Show ``window`` with one character in its filter, settled: the first character
    shows the line's clear button, which does widen the line, and its layout requests go
    up the window one level per round of events."""
    window.show()
    qtbot.waitExposed(window)
    type_text(qtbot, window.filter_text, "户")
    for _round in range(10):
        QApplication.processEvents()


def test_a_keystroke_that_changes_the_count_lays_out_nothing(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """The count beside the filter keeps its size: a new count asks no layout to run
    again (which moved nothing, but repainted the whole window, tree, editor and tabs,
    on every keystroke that changed the count)."""
    window = demo_window
    _shown_with_a_filter(qtbot, window)
    requests: list[QObject] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.LayoutRequest:
                requests.append(watched)
            return False

    watch = Watch(window)
    for pane in (window.ui.centerPane, window.ui.splitter, window):
        pane.installEventFilter(watch)
    counts = [window.count_label.text()]
    for text in ("籍", "\b", "籍"):
        if text == "\b":
            qtbot.keyClick(window.filter_text, Qt.Key.Key_Backspace)
        else:
            type_text(qtbot, window.filter_text, text)
        QApplication.processEvents()  # the posted events: a layout request, the repaint
        counts.append(window.count_label.text())
    assert counts[0] != counts[1] and counts[1] != counts[2] and counts[1] == counts[3]
    assert requests == []


def test_a_keystroke_paints_its_new_rows_once(qtbot: QtBot, demo_window: MainWindow) -> None:
    """A keystroke that changes the rows lays them out at once: the frame that shows the
    filter's new text shows its rows too, and no second frame paints the table again
    (the view laid out a new result from a timer, after the first frame: the whole table
    was painted twice per keystroke)."""
    window = demo_window
    _shown_with_a_filter(qtbot, window)
    frames: list[int] = []  # per frame of the window: the table's paints before it

    class Watch(QObject):
        paints = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if watched is window and event.type() == QEvent.Type.UpdateRequest:
                frames.append(self.paints)
            elif watched is not window and event.type() == QEvent.Type.Paint:
                self.paints += 1
            return False

    watch = Watch(window)
    window.installEventFilter(watch)
    window.table.viewport().installEventFilter(watch)
    for text in ("籍", "\b", "口"):
        frames.clear()
        watch.paints = 0
        before = list(window.model.ids)
        if text == "\b":
            qtbot.keyClick(window.filter_text, Qt.Key.Key_Backspace)
        else:
            type_text(qtbot, window.filter_text, text)
        assert window.model.ids != before
        for _round in range(10):
            QApplication.processEvents()
        # The window's first frame painted the rows (the filter applied synchronously);
        # a later frame (the line's clear button) did not paint them again.
        assert frames and watch.paints == 1, (text, frames, watch.paints)
        assert all(before_frame == 1 for before_frame in frames[1:]), (text, frames)


def test_a_keystroke_paints_its_cells_without_asking_the_counts(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The view asks the model for the index of every cell it paints; Qt's own ``index``
    asks ``rowCount`` and ``columnCount`` first, two calls into Python per cell. The
    model's ``index`` answers without them: a keystroke's frame asks them a few times,
    not once per painted cell."""
    window = demo_window
    _shown_with_a_filter(qtbot, window)
    asked: list[str] = []  # rowCount, columnCount
    cells: list[str] = []  # multiData: one per painted cell
    for name in ("rowCount", "columnCount", "multiData"):
        original = getattr(ItemTableModel, name)

        def counting(
            self: ItemTableModel, *args: Any, _original: Any = original, _name: str = name
        ) -> Any:
            (cells if _name == "multiData" else asked).append(_name)
            return _original(self, *args)

        monkeypatch.setattr(ItemTableModel, name, counting)
    type_text(qtbot, window.filter_text, "籍")
    for _round in range(10):
        QApplication.processEvents()
    assert len(cells) >= 6, "the new rows' cells were painted"
    assert len(asked) < len(cells) // 2, (asked, len(cells))


def test_status_level_overdue_and_tree_filters(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    catalogue = window.catalogue
    window.status_filter.setCurrentIndex(window.status_filter.findData(Status.PUBLISHED.value))
    assert window.model.ids == catalogue.items.search_ids(
        ItemQuery(statuses=frozenset({Status.PUBLISHED}))
    )
    window.level_filter.setCurrentIndex(window.level_filter.findData(Level.COUNTY.value))
    both = catalogue.items.search_ids(
        ItemQuery(statuses=frozenset({Status.PUBLISHED}), level=Level.COUNTY)
    )
    assert window.model.ids == both
    window.status_filter.setCurrentIndex(0)
    window.level_filter.setCurrentIndex(0)

    qtbot.mouseClick(window.overdue_filter, Qt.MouseButton.LeftButton)
    assert window.model.ids == catalogue.items.search_ids(ItemQuery(overdue_on=dt.date.today()))
    qtbot.mouseClick(window.overdue_filter, Qt.MouseButton.LeftButton)

    # The tree: click 许可审批事项.
    licensing = window.tree_model.index_of(
        next(s for s in window.tree_model.rows if s.kind is ItemKind.LICENSING)
    )
    rect = window.tree.visualRect(licensing)
    qtbot.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.model.ids == catalogue.items.search_ids(ItemQuery(kind=ItemKind.LICENSING))
    assert window.tree_model.total(window.current_filter()) == len(window.model.ids)


def test_the_tree_counts_items_per_status(demo_window: MainWindow) -> None:
    window = demo_window
    counts = window.catalogue.items.status_counts()
    published = sum(by.get(Status.PUBLISHED, 0) for by in counts.values())
    cells = window.tree_model.rows[window.tree_model.all_filter]
    status_column = 2 + list(Status).index(Status.PUBLISHED)
    assert cells[status_column].text() == str(published)
    assert cells[1].text() == str(window.catalogue.items.count())


def test_the_tree_shows_five_digit_counts_whole(demo_window: MainWindow) -> None:
    """A station of 20,011 items: its totals are not cut to "200…" (they were)."""
    window = demo_window
    category = window.categories[0].id
    window.tree_model.update_counts(
        {(ItemKind.CATALOGUE, category): dict.fromkeys(Status, 20011)}, deleted=20011
    )
    header = window.tree.header()
    for column in range(1, window.tree_model.columnCount()):
        assert window.tree.sizeHintForColumn(column) <= header.sectionSize(column), column


def test_the_first_frame_does_not_wait_for_the_counts(
    qtbot: QtBot, demo_db: Database, demo_actors: Actors
) -> None:
    window = MainWindow(demo_db, demo_actors.clerk, settings=settings_in(demo_db.path.parent))
    # Built: the table holds its rows, the tree its categories, but no count yet.
    assert window.model.ids == window.catalogue.items.search_ids(ItemQuery())
    assert window.counts_pending
    assert window.tree_model.rows[window.tree_model.all_filter][1].text() == ""
    window.show()
    qtbot.waitUntil(lambda: not window.counts_pending)
    cells = window.tree_model.rows[window.tree_model.all_filter]
    assert cells[1].text() == str(window.catalogue.items.count())
    window.close()


def test_clicking_a_header_sorts(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.NAME) + header.sectionSize(Column.NAME) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert window.model.query.sort is SortKey.NAME
    assert window.model.ids == window.catalogue.items.search_ids(ItemQuery(sort=SortKey.NAME))


def test_next_and_previous_item_shortcuts(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    window.table.setCurrentIndex(window.model.index(0, 0))
    qtbot.keyClick(window, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.item_id() == window.model.ids[1]
    qtbot.keyClick(window, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.item_id() == window.model.ids[0]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(
        st.sampled_from(["", "户", "户籍", "登记", "2026-00", "诈骗 宣传", "x", "证"]), max_size=4
    ),
    status=st.sampled_from([None, *Status]),
    kind=st.sampled_from([None, *ItemKind]),
    sort=st.sampled_from(list(SortKey)),
)
def test_narrowing_by_text_gives_exactly_the_service_search(
    qapp: QApplication,
    demo_db: Database,
    texts: list[str],
    status: Status | None,
    kind: ItemKind | None,
    sort: SortKey,
) -> None:
    catalogue = Catalogue(demo_db)
    model = ItemTableModel(catalogue, catalogue.reference.categories())
    model.query = ItemQuery(sort=sort)
    for text in texts:  # keystrokes reuse the ordered ids of the query without text
        query = ItemQuery(
            text=text, kind=kind, statuses=frozenset({status}) if status else frozenset()
        )
        model.set_query(query)
        expected = catalogue.items.search_ids(dataclasses.replace(query, sort=sort))
        assert model.ids == expected


def test_f11_gives_the_editor_the_whole_window(qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    editor_width = window.editor.width()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.tree.isVisible() and not window.table.isVisible()
    qtbot.waitUntil(lambda: window.editor.width() > editor_width * 2)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.table.isVisible(), "finding something brings the list back"
    assert QApplication.focusWidget() is window.filter_text
    assert not window.menus.editor_only.isChecked()
