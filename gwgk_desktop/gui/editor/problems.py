"""Where the item editor shows an item's validation problems: under their fields (one
``InlineProblems`` per item kind, since the kinds' forms differ), as a warning icon on the
tabs that hold one, and as a summary line above the tabs with a link to the first.

Errors are always shown; a warning (something still missing for submission) only for a
field the clerk has touched, or for every field after a save or submit attempt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFormLayout, QLabel, QStyle, QTabWidget, QWidget

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.domain.validation import Problem, Strictness, label
from gwgk_desktop.gui.editor.fields import Binding
from gwgk_desktop.gui.forms import InlineProblems
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.gui.uiload import children


class ProblemDisplay(QObject):
    """The problems of the item being edited and how they are shown. ``touched`` holds
    the field paths the clerk changed; ``show_all`` is set by a save or submit attempt;
    ``strictness`` says which check the summary talks about."""

    def __init__(
        self,
        views: Mapping[ItemKind, InlineProblems],
        bindings: Callable[[], Mapping[str, Binding]],
        tabs: QTabWidget,
        summary: QLabel,
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.views = views
        self.bindings = bindings
        self.tabs = tabs
        self.summary = summary
        self.kind = ItemKind.CATALOGUE
        self.problems: list[Problem] = []
        self.touched: set[str] = set()
        self.show_all = False
        self.strictness = Strictness.SAVE
        #: A tab on which the summary stays hidden (the chart's: it lists its problems
        #: beside the chart, and a line appearing above would move the chart).
        self.quiet_page: QWidget | None = None
        tabs.currentChanged.connect(lambda _i: self._place_summary())
        # The warning icon no taller than the tab's text: a tab that gets one must not
        # make the tab bar taller and move what is under it.
        size = min(16, tabs.tabBar().fontMetrics().height() - 2)
        tabs.setIconSize(QSize(size, size))

    def _place_summary(self) -> None:
        quiet = self.quiet_page is not None and self.tabs.currentWidget() is self.quiet_page
        self.summary.setVisible(bool(self.summary.text()) and not quiet)

    def reset(self, kind: ItemKind) -> None:
        """A new item is shown: nothing touched, only errors until a save or submit."""
        self.kind = kind
        self.problems = []
        self.touched = set()
        self.show_all = False
        self.strictness = Strictness.SAVE

    @property
    def view(self) -> InlineProblems:
        return self.views[self.kind]

    def route(self, field: str) -> str | None:
        """The field path (or list) a problem of ``field`` is shown at, if any."""
        if field in self.bindings():
            return field
        if field.startswith("materials"):
            return "materials" if self.kind is ItemKind.LICENSING else None
        if field == "guide":
            return "guide.department"
        if field == "flowchart" and self.kind is ItemKind.LICENSING:
            return "flowchart"
        return None

    def show(self, problems: list[Problem], read_only: bool) -> None:
        self.problems = problems
        shown: list[tuple[str, Problem]] = []
        for problem in problems:
            key = self.route(problem.field)
            if key is None:
                continue
            if problem.is_error or self.show_all or key in self.touched:
                shown.append((key, problem))
        if read_only:
            shown = []
        view = self.view
        view.show(shown)
        icon = self.tabs.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        keys = view.shown()
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            marked = any(
                page is not None and (w := view.widget(k)) is not None and page.isAncestorOf(w)
                for k in keys
            )
            self.tabs.setTabIcon(index, icon if marked else QIcon())
        self._summarise(shown)

    def _summarise(self, shown: list[tuple[str, Problem]]) -> None:
        errors = [p for _k, p in shown if p.is_error]
        warnings = [p for _k, p in shown if not p.is_error]
        link = f"<a href='#first'>{self.tr('转到第一处')}</a>"
        if errors:
            names = self.tr("、").join(dict.fromkeys(label(p.field) for p in errors))
            text = (
                fmt(
                    self.tr("有 %1 处需要改正后才能提交审核：%2"),
                    len(errors),
                    names,
                )
                if self.strictness is Strictness.SUBMIT
                else fmt(
                    self.tr("有 %1 处错误，改正后才能保存：%2"),
                    len(errors),
                    names,
                )
            )
            self.summary.setProperty("role", "error")
        elif warnings and self.show_all:
            names = self.tr("、").join(dict.fromkeys(label(p.field) for p in warnings))
            text = fmt(self.tr("提交审核前还须填写：%1"), names)
            self.summary.setProperty("role", "warning")
        else:
            text = ""
        self.summary.setText(f"{text} {link}" if text else "")
        self._place_summary()
        self.summary.style().unpolish(self.summary)
        self.summary.style().polish(self.summary)

    def first(self) -> QWidget | None:
        """The widget of the first problem shown (errors first: they stop the save)."""
        view = self.view
        for problem in sorted(self.problems, key=lambda p: not p.is_error):
            key = self.route(problem.field)
            if key is not None and key in view.shown():
                binding = self.bindings().get(key)
                return binding.focus_widget() if binding is not None else view.widget(key)
        return None

    def text(self, path: str) -> str:
        """The message shown under ``path`` ('' when none)."""
        return self.view.text(path)


def kind_views(
    forms: Mapping[ItemKind | str, tuple[QWidget, list[Binding]]],
    lists: Mapping[str, tuple[QWidget, QLabel | None]],
) -> dict[ItemKind, InlineProblems]:
    """One ``InlineProblems`` per item kind: the message rows under the fields of its
    forms (``forms``: the catalogue, fee and ``"guide"`` forms with their bindings) and
    the labels of the lists and the chart (``lists``: ``materials``, ``flowchart`` and
    ``attachments``, each a widget and its message label)."""
    views: dict[ItemKind | str, InlineProblems] = {}
    for key, (root, bindings) in forms.items():
        view = InlineProblems()
        for layout in children(root, QFormLayout):
            view.attach_form(layout, {b.path: b.widget for b in bindings})
        views[key] = view
    licensing = InlineProblems()
    licensing.include(views[ItemKind.CATALOGUE])
    licensing.include(views["guide"])
    for name in ("materials", "flowchart"):
        licensing.attach(name, *lists[name])
    by_kind = {
        ItemKind.CATALOGUE: views[ItemKind.CATALOGUE],
        ItemKind.LICENSING: licensing,
        ItemKind.FEE: views[ItemKind.FEE],
    }
    for view in by_kind.values():
        view.attach("attachments", *lists["attachments"])
    return by_kind
