"""The item editor: one catalogue, licensing or fee item at a time, as a view.

Every user change becomes a command on one ``QUndoStack`` (Ctrl+Z / Ctrl+Y); the stack's
clean state is the "unsaved changes" mark. The parts live beside it:

- ``form_binding``/``fields``: which widget edits which field of the content;
- ``problems``: validation problems under their fields, on the tabs and in a summary;
- ``autosave``: the draft file that rescues unsaved typing after a crash;
- ``review_actions``: the review steps, delete and restore as QActions the main window's
  menus share;
- ``gui.operations``: saving, review steps, deleting and restoring run as operations,
  which report errors and announce what changed (``ops.executed``) to every view.
"""

from __future__ import annotations

import copy
import uuid
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.domain.models import (
    IMMEDIATE_FLAGS,
    Actor,
    Category,
    Item,
    ItemContent,
    ServiceGuide,
)
from gwgk_desktop.domain.privacy import CHECKED_ACTIONS
from gwgk_desktop.domain.validation import Problem, Strictness, validate_content
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import Conflict, UserError, ValidationFailed
from gwgk_desktop.gui.editor import item_ops
from gwgk_desktop.gui.editor.autosave import Autosave, Unsaved
from gwgk_desktop.gui.editor.commands import SetFieldCommand, StepCommand
from gwgk_desktop.gui.editor.fields import (
    Binding,
)
from gwgk_desktop.gui.editor.header import EditorHeader
from gwgk_desktop.gui.editor.history import fill_history
from gwgk_desktop.gui.editor.review_actions import ReviewActions
from gwgk_desktop.gui.editor.widgets import EDITOR_PAGE, EMPTY_PAGE, EditorWidgets, PageParts
from gwgk_desktop.gui.geometry import fit_size
from gwgk_desktop.gui.operations import Change, OpChanges, Operations
from gwgk_desktop.gui.shortcuts import UndoKeysToWindow
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.autosave import DraftSession
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.changes import new_content
from gwgk_desktop.services.queries import ItemQuery

if TYPE_CHECKING:
    from gwgk_desktop.gui.flowchart.editor import FlowchartEditor

#: The user guide's page about each kind of item.
KIND_PAGES = {
    ItemKind.CATALOGUE: "catalogue-item.md",
    ItemKind.LICENSING: "licensing-item.md",
    ItemKind.FEE: "fee-item.md",
}


class ItemEditor(EditorWidgets):
    """Edits one item. Signals: ``dirty_changed(bool)`` when unsaved changes appeared or
    went away; ``message(str)``, a short note for the status bar; ``chart_shown(bool)``
    when the flowchart tab came up or went (it wants the window's width). What its operations
    changed is announced by ``ops`` (``Operations.executed``)."""

    dirty_changed = Signal(bool)
    message = Signal(str)
    chart_shown = Signal(bool)

    VALIDATE_MS = 150

    def __init__(
        self,
        catalogue: Catalogue,
        actor: Actor,
        station_name: str,
        drafts: DraftSession | None = None,
        parent: QWidget | None = None,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.actor = actor
        self.station_name = station_name
        self.ops = ops if ops is not None else Operations(self)
        self.item: Item | None = None
        self.kind = ItemKind.CATALOGUE
        self.doc = ItemContent()
        self.read_only_reason = ""
        self.view_only = False  # a read-only view of an older revision
        self._same_name_key: tuple[str, int | None, str | None] | None = None
        self._same_name_found: list[str] = []

        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.undo_stack.indexChanged.connect(lambda _i: self._changed())
        self.undo_keys = UndoKeysToWindow(self)
        self.autosave = Autosave(drafts, self.undo_stack, self._unsaved, self)
        self.autosave.failed.connect(self.message)
        self.item_actions = ReviewActions(self)
        for step, action in self.item_actions.steps.items():
            action.triggered.connect(lambda _c=False, s=step: self.run_action(s))
        self.item_actions.delete.triggered.connect(self.delete_item)
        self.item_actions.restore.triggered.connect(self.restore_item)

        self._categories: list[Category] = []
        self._category_ids: set[int] = set()
        self._channel_codes: set[str] = set()
        self._build_widgets(
            PageParts(self.catalogue, self.undo_stack, self.undo_keys, self.item_actions)
        )
        self._chart_was_shown = False
        self.pages.currentChanged.connect(lambda _i: self._follow_chart_tab())
        self.header = EditorHeader(self)
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(self.VALIDATE_MS)
        self._validate_timer.timeout.connect(self.validate)
        self.pages.setCurrentIndex(EMPTY_PAGE)
        self.header.update_actions()
        # The categories and channels are read when the page is built (reload_reference).

    def page_built(self) -> None:
        self.ui.problems.linkActivated.connect(lambda _link: self.focus_first_problem())
        self.ui.saveButton.clicked.connect(self.save)
        self.ui.liveButton.clicked.connect(self.show_live_revision)
        for binding in self.all_bindings():
            binding.edited.connect(lambda b=binding: self._edited(b))
        self.ui.tabs.currentChanged.connect(lambda _i: self._follow_chart_tab())
        self.reload_reference()

    def chart_made(self, editor: FlowchartEditor) -> None:
        editor.changed.connect(self._flowchart_changed)

    def reload_reference(self) -> None:
        """Offer the station's categories and channels (from its reference template; again
        after a new one was installed). The open item, with any unsaved edits, stays.
        Nothing before the editor page is built: building it reads them."""
        if not self.has_page():
            return
        self._categories = self.catalogue.reference.categories()
        self._category_ids = {
            c.id for c in self.catalogue.reference.categories(include_inactive=True)
        }
        channels = self.catalogue.reference.channels()
        self._channel_codes = {c.code for c in channels}
        self.offer_choices(self._categories, channels)
        if self.is_open():
            self._show_content()
            for binding in self.active.values():
                binding.set_read_only(bool(self.read_only_reason))
            self.validate()

    # ------------------------------------------------------------------ state
    def is_dirty(self) -> bool:
        return self.is_open() and not self.undo_stack.isClean()

    def item_id(self) -> int | None:
        return self.item.id if self.item is not None else None

    def _get(self, path: str) -> Any:
        if path.startswith("guide."):
            return getattr(self.doc.guide, path[6:]) if self.doc.guide else None
        return getattr(self.doc, path)

    def _set(self, path: str, value: Any) -> None:
        if path.startswith("guide."):
            if self.doc.guide is None:
                self.doc.guide = ServiceGuide()
            setattr(self.doc.guide, path[6:], value)
        else:
            setattr(self.doc, path, value)

    def content(self) -> ItemContent:
        """What would be saved now."""
        content = copy.deepcopy(self.doc)
        if content.kind is ItemKind.LICENSING:
            content.flowchart = self.flowchart_editor.flowchart()
            if content.guide is None:
                content.guide = ServiceGuide()
        return content

    def _unsaved(self) -> Unsaved | None:
        """What autosave writes now: the content while it has unsaved changes."""
        if not self.is_dirty() or self.read_only_reason:
            return None
        item = self.item
        return Unsaved(
            self.content(),
            item.id if item else None,
            item.uuid if item else None,
            item.revision if item else None,
            self.actor.username,
        )

    # ------------------------------------------------------------------ editing
    def _edited(self, binding: Binding) -> None:
        if self.read_only_reason or self.active.get(binding.path) is not binding:
            return
        old, new = self._get(binding.path), binding.value()
        if old == new:
            return
        command: QUndoCommand = SetFieldCommand(self, binding.path, old, new, binding.merge)
        days = IMMEDIATE_FLAGS.get(binding.path.removeprefix("guide."))
        if new is True and days is not None and self._get(f"guide.{days}") is not None:
            # 即时办结 stands instead of the days: one step sets it and clears them.
            cleared = f"guide.{days}"
            command = StepCommand(
                command.text(),
                [command, SetFieldCommand(self, cleared, self._get(cleared), None, False)],
            )
        self.undo_stack.push(command)

    def apply(self, path: str, value: Any, *, reveal: bool) -> None:
        """Set a field of the content and show it (called by the undo commands)."""
        self._set(path, value)
        binding = self.active.get(path)
        if binding is not None:
            if binding.value() != value:
                binding.set_value(value)
            if reveal:
                self.reveal(binding.focus_widget())
        self.problems.touched.add(path)
        if path == "name":
            self.header.update_title()

    def replace_content(self, content: ItemContent) -> None:
        """Show a whole new content (recovery and its undo)."""
        self.doc = content
        self._show_content()
        self.problems.touched.update(self.active)
        self.header.update_title()

    def help_page(self) -> str:
        """The user guide's page about what the editor shows (F1)."""
        if not self.is_open():
            return "workbench.md"
        tab = self.ui.tabs.currentWidget()
        if tab is self.ui.flowchartPage:
            return "flowchart.md"
        if tab is self.ui.historyPage:
            return "review.md"
        return KIND_PAGES[self.kind]

    def chart_showing(self) -> bool:
        """Whether the flowchart tab is the one on show."""
        return self.is_open() and self.ui.tabs.currentWidget() is self.ui.flowchartPage

    def _follow_chart_tab(self) -> None:
        shown = self.chart_showing()
        if shown != self._chart_was_shown:
            self._chart_was_shown = shown
            self.chart_shown.emit(shown)

    def _flowchart_changed(self) -> None:
        self.doc.flowchart = self.flowchart_editor.flowchart()
        self.problems.touched.add("flowchart")

    def _changed(self) -> None:
        if not shiboken6.isValid(self.undo_stack):
            return  # the stack emits while it is destroyed with the editor
        self._validate_timer.start()
        self.header.update_save_button()

    def _clean_changed(self, clean: bool) -> None:
        if not shiboken6.isValid(self.undo_stack):
            return
        if clean:
            self.autosave.discard()  # undone back to what is saved: nothing to rescue
        self.header.update_title()
        self.header.update_save_button()
        self.dirty_changed.emit(not clean)

    # ------------------------------------------------------------------ loading
    def open_item(self, item_id: int) -> Item:
        """Show the head revision of ``item_id`` (the caller has dealt with unsaved work)."""
        item = self.catalogue.items.get(item_id)
        self._load(item, item.content)
        return item

    def new_item(self, kind: ItemKind, category: Category | None) -> None:
        self.show_new(new_content(kind, category, self.station_name))
        self.focus_first_field()

    def show_new(self, content: ItemContent) -> None:
        """Start a new item with ``content`` (the caller has dealt with unsaved work)."""
        self._load(None, content)

    def show_revision(self, item: Item) -> None:
        """A read-only view of one revision (no workflow buttons, no saving)."""
        self.view_only = True
        self.autosave.stop()
        self._load(item, item.content)

    def clear(self) -> None:
        self.autosave.discard()
        self.undo_stack.clear()
        self.item = None
        self.pages.setCurrentIndex(EMPTY_PAGE)
        self.header.update_actions()

    def _load(self, item: Item | None, content: ItemContent) -> None:
        self.build_page()
        self._same_name_key = None  # other items may have come or gone meanwhile
        self.undo_stack.clear()
        self.autosave.track(item.uuid if item is not None else f"new-{uuid.uuid4().hex}")
        self.item = item
        self.doc = copy.deepcopy(content)
        self.kind = content.kind
        self.problems.reset(self.kind)

        self.show_tabs_of(self.kind)
        if self.kind is ItemKind.LICENSING or self.has_chart_editor():
            self.flowchart_editor.set_required(self.kind is ItemKind.LICENSING)
        if self.kind is ItemKind.LICENSING:
            fees = self.catalogue.items.list_rows(ItemQuery(kind=ItemKind.FEE))
            self.fee_links.set_choices(fees)
            self.ui.feesEmpty.setVisible(not fees)

        self.read_only_reason = self._read_only_reason()
        self._show_content()
        for binding in self.active.values():
            binding.set_read_only(bool(self.read_only_reason))
        if item is not None and not self.view_only:
            fill_history(self.ui.historyTree, self.catalogue.items.history(item.id))
        else:
            self.ui.historyTree.clear()
        self.ui.tabs.setTabVisible(self.ui.tabs.indexOf(self.ui.historyPage), item is not None)
        if self.ui.tabs.currentWidget() is not None and not self.ui.tabs.isTabVisible(
            self.ui.tabs.currentIndex()
        ):
            self.ui.tabs.setCurrentWidget(self.ui.basicPage)
        self.pages.setCurrentIndex(EDITOR_PAGE)
        self.header.update_title()
        self.header.update_buttons()
        self.validate()

    def _show_content(self) -> None:
        for binding in self.active.values():
            binding.set_value(self._get(binding.path))
        if self.kind is ItemKind.LICENSING:
            self.flowchart_editor.set_flowchart(self.doc.flowchart, bool(self.read_only_reason))

    def _read_only_reason(self) -> str:
        item = self.item
        if self.view_only and item is not None:
            return fmt(self.tr("这是第%1版，只能查看"), item.revision)
        if item is None:
            return workflow.can_create(self.actor.role) or ""
        if item.deleted:
            return self.tr("事项在回收站中，恢复后才能修改")
        return workflow.can_edit(item.status, self.actor.role) or ""

    # ------------------------------------------------------------------ validation
    def validate(self) -> list[Problem]:
        """Check the content and show the problems inline; returns them all."""
        if not self.is_open():
            return []
        content = self.content()
        problems = validate_content(
            content,
            self.problems.strictness,
            known_channels=self._channel_codes,
            known_categories=self._category_ids,
            same_name=self._same_name(content),
        )
        self.problems.show(problems, bool(self.read_only_reason))
        return problems

    def _same_name(self, content: ItemContent) -> list[str]:
        """Other items of the category with this name (asked again only when the name,
        the category or the item changed, not at every validation)."""
        if self.view_only:
            return []
        key = (content.name.strip(), content.category_id, self.item.uuid if self.item else None)
        if key != self._same_name_key:
            self._same_name_key = key
            self._same_name_found = self.catalogue.items.same_name(*key)
        return self._same_name_found

    def _show_refused(self, problems: list[Problem]) -> None:
        """The service refused the content: show every reason and go to the first."""
        self.problems.show(problems, bool(self.read_only_reason))
        self.focus_first_problem()

    def focus_first_problem(self) -> None:
        widget = self.problems.first()
        if widget is not None:
            self.reveal(widget)

    def problem_text(self, path: str) -> str:
        """The message shown under ``path`` ('' when none)."""
        return self.problems.text(path)

    # ------------------------------------------------------------------ saving
    def save(self) -> bool:
        """Save the edits (create the item if new). False, with the reason shown, if not."""
        if not self.is_open() or self.read_only_reason or self.view_only:
            return False
        if self.item is not None and self.undo_stack.isClean():
            return True
        content = self.content()
        self.problems.show_all = True
        self.problems.strictness = Strictness.SAVE
        if any(p.is_error for p in self.validate()):
            self.focus_first_problem()
            self.message.emit(self.tr("有错误，未保存"))
            return False
        base = self.item
        changes = self.catalogue.changes

        def call() -> Item:
            if base is None:
                return changes.create(self.actor, content)
            return changes.update(self.actor, base.id, content, base.revision)

        def refused(error: UserError) -> None:
            assert isinstance(error, ValidationFailed)
            self._show_refused(error.problems)

        def conflict(error: UserError) -> None:
            QMessageBox.warning(self, self.tr("未保存"), error.message)

        return self.ops.run(
            self,
            self.tr("未保存"),
            call,
            lambda item: self._saved(item, created=base is None),
            {ValidationFailed: refused, Conflict: conflict},
        )

    def _saved(self, item: Item, *, created: bool) -> OpChanges:
        self.item = item
        self.autosave.discard()
        self.autosave.key = item.uuid
        self.undo_stack.setClean()
        self.read_only_reason = self._read_only_reason()
        fill_history(self.ui.historyTree, self.catalogue.items.history(item.id))
        self.ui.tabs.setTabVisible(self.ui.tabs.indexOf(self.ui.historyPage), True)
        self.header.update_title()
        self.header.update_buttons()
        self.validate()
        self.message.emit(
            fmt(self.tr("已新建“%1”，索引号 %2"), item.name, item.index_number)
            if created
            else fmt(self.tr("已保存“%1”（第%2版）"), item.name, item.revision)
        )
        return OpChanges(Change.CREATED if created else Change.SAVED, item.id, item.name)

    def discard_changes(self) -> None:
        """Throw the unsaved edits away: reload the item, or close a new one."""
        self.autosave.discard()
        if self.item is not None:
            self.open_item(self.item.id)
        else:
            self.clear()

    def maybe_leave(self) -> bool:
        """Before the editor shows something else or the window closes: ask what to do
        with unsaved changes. True when it is fine to go on."""
        if not self.is_dirty():
            return True
        name = self.doc.name.strip() or self.tr("（未命名）")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("保存修改"),
            fmt(self.tr("“%1”有尚未保存的修改。要保存吗？"), name),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("saveChangesBox")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_changes()
            return True
        return False

    # ------------------------------------------------------------------ operations
    def run_action(self, action: Action) -> bool:
        """Take review step ``action`` on the open item (unsaved edits are saved first
        when submitting)."""
        item = self.item
        if item is None:
            return False

        def incomplete(problems: list[Problem]) -> None:
            self.problems.show_all = True
            self.problems.strictness = Strictness.SUBMIT
            self._show_refused(problems)
            self.message.emit(fmt(self.tr("还有未填写完整的内容，不能%1"), action.label))

        def prepare() -> bool:
            """Save unsaved edits before submitting; the privacy check before submitting
            or approving (it may mask the item, or return it for masking: then stop)."""
            if action is Action.SUBMIT and self.is_dirty() and not self.save():
                return False
            if action not in CHECKED_ACTIONS:
                return True
            # Imported when first needed: the dialog and the privacy service are no part
            # of the window's start-up.
            from gwgk_desktop.gui.privacy_dialog import Gate, privacy_gate

            gate = privacy_gate(self, self.ops, self.catalogue, self.actor, item.id, action)
            if gate is not Gate.GO and gate is not Gate.STOP:
                self.open_item(item.id)  # masked, or returned for masking
            if gate is Gate.RETURNED:
                self.message.emit(fmt(self.tr("已退回修改：“%1”"), item.name))
            return gate is Gate.GO or gate is Gate.MASKED

        def done() -> None:
            self.open_item(item.id)
            self.message.emit(fmt(self.tr("已%1：“%2”"), action.label, item.name))

        return item_ops.take_step(
            self.ops,
            self,
            self.catalogue,
            self.actor,
            item,
            action,
            prepare=prepare,
            then=done,
            incomplete=incomplete,
        )

    def delete_item(self) -> bool:
        item = self.item
        if item is None or not self.item_actions.delete.isEnabled():
            return False
        return item_ops.delete(self.ops, self, self.catalogue, self.actor, item, then=self.clear)

    def restore_item(self) -> bool:
        item = self.item
        if item is None:
            return False

        def done() -> None:
            self.open_item(item.id)
            self.message.emit(fmt(self.tr("已从回收站恢复“%1”"), item.name))

        return item_ops.restore(
            self.ops, self, self.catalogue, self.actor, item.id, item.name, then=done
        )

    def show_live_revision(self) -> None:
        """The revision in force, read-only, in a dialog of its own."""
        item = self.item
        live = self.catalogue.items.live(item.id) if item is not None else None
        if live is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(fmt(self.tr("在用版本：%1（第%2版）"), live.name, live.revision))
        viewer = ItemEditor(self.catalogue, self.actor, self.station_name, parent=dialog)
        viewer.show_revision(live)
        QVBoxLayout(dialog).addWidget(viewer)
        fit_size(dialog, 720, 640)
        dialog.exec()

    def set_actor(self, actor: Actor) -> None:
        """Another operator logged in (the caller has dealt with unsaved work)."""
        self.actor = actor
        if self.item is not None and self.is_open():
            self.open_item(self.item.id)
        elif self.is_open():
            self.clear()
        else:
            self.header.update_actions()
