"""Validation problems shown inline, under the field they concern, in Chinese.

Forms come from ``ui/*.ui`` with ``QFormLayout``s; ``add_error_rows`` inserts one hidden
message label under each field, and ``InlineProblems`` fills them from the domain's
``Problem`` list (each tied to a field path). The field itself gets a ``problem`` property
("error" / "warning") that the style sheet draws as a coloured border.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFormLayout, QLabel, QLayoutItem, QSizePolicy, QWidget

from gwgk_desktop.domain.validation import Problem
from gwgk_desktop.gui.text import fmt


def _holds(item: QLayoutItem | None, widget: QWidget) -> bool:
    """Whether ``item`` is ``widget`` or a layout that (at any depth) holds it."""
    if item is None:
        return False
    if item.widget() is widget:
        return True
    inner = item.layout()
    return inner is not None and any(
        _holds(inner.itemAt(index), widget) for index in range(inner.count())
    )


def form_row(form: QFormLayout, widget: QWidget) -> int:
    """The row of ``form`` whose field is ``widget`` or a layout holding it; -1 if none."""
    for row in range(form.rowCount()):
        if _holds(form.itemAt(row, QFormLayout.ItemRole.FieldRole), widget):
            return row
    return -1


def message_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setVisible(False)
    label.setProperty("role", "error")
    return label


def add_error_rows(form: QFormLayout, fields: Mapping[str, QWidget]) -> dict[str, QLabel]:
    """Insert a hidden message row under each field of ``form``; keys are field paths."""
    rows: list[tuple[int, str]] = []
    for key, widget in fields.items():
        row = form_row(form, widget)
        if row >= 0:
            rows.append((row, key))
    labels: dict[str, QLabel] = {}
    # Bottom-up, so inserting a row does not shift the rows still to come.
    for row, key in sorted(rows, reverse=True):
        label = message_label(form.parentWidget())
        label.setObjectName(f"{key}_problem")
        form.insertRow(row + 1, "", label)
        form.setRowVisible(row + 1, False)
        labels[key] = label
    return labels


#: The colour of an error where the style sheet cannot reach (list items, painting);
#: the same as ``QLabel[role="error"]`` in resources/style/app.qss.
ERROR_COLOUR = "#b3261e"


def _repolish(widget: QWidget) -> None:
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def set_role(widget: QWidget, role: str) -> None:
    """Give ``widget`` the look resources/style/app.qss defines for ``role`` (colours
    live in the style sheet, not in the code)."""
    if widget.property("role") != role:
        widget.setProperty("role", role)
        _repolish(widget)


class InlineProblems:
    """Which message label and which field widget belong to each field path. A field
    attached without a label shows its problems itself (the flowchart editor lists them
    beside the chart); it still gets the coloured border and its tab the warning icon."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel | None] = {}
        self._texts: dict[str, str] = {}
        self._widgets: dict[str, QWidget] = {}
        self._forms: dict[str, QFormLayout] = {}
        self._shown: set[str] = set()

    def attach(
        self,
        key: str,
        widget: QWidget,
        label: QLabel | None,
        form: QFormLayout | None = None,
    ) -> None:
        self._labels[key] = label
        self._widgets[key] = widget
        if form is not None:
            self._forms[key] = form

    def attach_form(self, form: QFormLayout, fields: Mapping[str, QWidget]) -> None:
        for key, label in add_error_rows(form, fields).items():
            self.attach(key, fields[key], label, form)

    def include(self, other: InlineProblems) -> None:
        """Also show the fields of ``other`` (forms shared by several item kinds)."""
        for key, label in other._labels.items():
            self.attach(key, other._widgets[key], label, other._forms.get(key))

    def keys(self) -> Iterable[str]:
        return self._labels.keys()

    def widget(self, key: str) -> QWidget | None:
        return self._widgets.get(key)

    def _set_visible(self, key: str, visible: bool) -> None:
        label = self._labels[key]
        if label is None:
            return
        form = self._forms.get(key)
        if form is not None:
            row = form_row(form, label)
            if row >= 0:
                form.setRowVisible(row, visible)
        label.setVisible(visible)

    def clear(self) -> None:
        for key in list(self._shown):
            self._set_visible(key, False)
            widget = self._widgets[key]
            widget.setProperty("problem", "")
            _repolish(widget)
        self._shown.clear()

    def show(self, problems: Iterable[tuple[str, Problem]]) -> None:
        """Show ``(field key, problem)`` pairs; several problems of a field are joined,
        errors before warnings."""
        grouped: dict[str, list[Problem]] = {}
        for key, problem in problems:
            if key in self._labels:
                grouped.setdefault(key, []).append(problem)
        for key in self._shown - grouped.keys():
            self._set_visible(key, False)
            self._widgets[key].setProperty("problem", "")
            _repolish(self._widgets[key])
        for key, found in grouped.items():
            found.sort(key=lambda p: not p.is_error)
            severity = "error" if found[0].is_error else "warning"
            self._texts[key] = "\n".join(
                fmt(
                    QCoreApplication.translate("InlineProblems", "%1：%2"),
                    p.severity.label,
                    p.message,
                )
                for p in found
            )
            label = self._labels[key]
            if label is not None:
                label.setText(self._texts[key])
                label.setProperty("role", severity)
                _repolish(label)
            self._set_visible(key, True)
            widget = self._widgets[key]
            if widget.property("problem") != severity:
                widget.setProperty("problem", severity)
                _repolish(widget)
        self._shown = set(grouped)

    def shown(self) -> set[str]:
        return set(self._shown)

    def text(self, key: str) -> str:
        """The message shown for ``key`` ('' when none); for tests and screen readers."""
        return self._texts.get(key, "") if key in self._shown else ""


class ElidedLabel(QLabel):
    """A one-line label that always takes the same height: text too long for its width
    ends in "…", and the whole text is its tooltip. For a status line above something the
    user works in, which must not move when the text changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        # From the font, not the text: a symbol from a fallback font (✓) would make it
        # a pixel or two taller.
        margins = self.contentsMargins()
        height = self.fontMetrics().height() + 4 + margins.top() + margins.bottom()
        return QSize(super().sizeHint().width(), height + 2 * self.margin())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.sizeHint().height())

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        margins = self.contentsMargins()
        room = self.width() - margins.left() - margins.right() - 2 * self.margin()
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, room))
