"""The item editor: one catalogue, licensing or fee item at a time.

Every user change becomes a command on one ``QUndoStack`` (Ctrl+Z / Ctrl+Y); the stack's
clean state is the "unsaved changes" mark. Problems are shown under their fields as you
type (errors) and after a save or submit attempt (also what is still missing). While
there are unsaved changes the content is written every few seconds to a draft file
(``services.autosave``), so a crash loses at most that much typing. Saving, the review
steps, deleting and restoring go through ``Catalogue``.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QIcon, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QTableWidget,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain import workflow
from gwgk_desktop.domain.enums import Audience, DisclosureMode, ItemKind, Level, Validity
from gwgk_desktop.domain.models import Actor, Category, Channel, Item, ItemContent, ServiceGuide
from gwgk_desktop.domain.privacy import CHECKED_ACTIONS
from gwgk_desktop.domain.validation import Problem, Strictness, label, validate_content
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.errors import Conflict, UserError, ValidationFailed
from gwgk_desktop.gui.editor.commands import ReplaceCommand, SetFieldCommand
from gwgk_desktop.gui.editor.fields import (
    Binding,
    ChecksBinding,
    ComboBinding,
    DateBinding,
    DaysBinding,
    LineBinding,
    RadioBinding,
    TextBinding,
    UndoKeysToWindow,
    set_tab_order,
    tab_chain,
)
from gwgk_desktop.gui.editor.history import fill_history
from gwgk_desktop.gui.editor.lists import AttachmentsBinding, FeeLinksBinding, MaterialsBinding
from gwgk_desktop.gui.editor.transition_dialog import TransitionDialog
from gwgk_desktop.gui.editor.workflow_bar import WorkflowBar
from gwgk_desktop.gui.flowchart import FlowchartEditor
from gwgk_desktop.gui.forms import InlineProblems, message_label
from gwgk_desktop.gui.jobs import show_error
from gwgk_desktop.gui.privacy_dialog import Gate, privacy_gate
from gwgk_desktop.gui.text import fmt, local_time
from gwgk_desktop.gui.uiload import child, children, embed_form, load_form
from gwgk_desktop.services.autosave import Draft, DraftSession
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.changes import new_content
from gwgk_desktop.services.queries import ItemQuery

CATALOGUE_FIELDS = (
    "category_id", "name", "level1", "level2", "content", "basis", "time_limit", "subject",
    "channels", "audience", "mode", "level", "lead_unit", "responsible_unit",
    "summary", "generated_date", "doc_number", "validity", "topic", "publisher", "update_due",
)  # fmt: skip
FEE_FIELDS = (
    "name", "category_id", "basis", "fee_standard", "summary", "generated_date",
    "doc_number", "validity", "publisher", "update_due",
)  # fmt: skip
GUIDE_FIELDS = tuple(
    f"guide.{name}"
    for name in (
        "item_code", "department", "legal_basis", "conditions", "procedure",
        "legal_limit_days", "promised_limit_days", "fee_text", "result", "place", "hours",
        "phone", "complaint_phone", "faq",
    )
)  # fmt: skip
RADIO_ENUMS = {"audience": Audience, "mode": DisclosureMode, "level": Level, "validity": Validity}

EMPTY_PAGE, EDITOR_PAGE = 0, 1


class ItemEditor(QWidget):
    """Edits one item. Signals:

    - ``saved(int)``: the item with this id was created or saved;
    - ``item_changed(int)``: a review step, delete or restore changed the item;
    - ``deleted(int, str)``: the item (id, name) went to the recycle bin;
    - ``dirty_changed(bool)``: unsaved changes appeared or went away;
    - ``message(str)``: a short note for the status bar;
    - ``autosaved(str)``: a draft file was written (its path).
    """

    saved = Signal(int)
    item_changed = Signal(int)
    deleted = Signal(int, str)
    dirty_changed = Signal(bool)
    message = Signal(str)
    autosaved = Signal(str)

    AUTOSAVE_MS = 5000
    VALIDATE_MS = 150

    def __init__(
        self,
        catalogue: Catalogue,
        actor: Actor,
        station_name: str,
        drafts: DraftSession | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.actor = actor
        self.station_name = station_name
        self.drafts = drafts
        self.item: Item | None = None
        self.kind = ItemKind.CATALOGUE
        self.doc = ItemContent()
        self.read_only_reason = ""
        self.view_only = False  # a read-only view of an older revision
        self.draft_key = ""
        self._autosaved_index = 0
        self._touched: set[str] = set()
        self._show_all = False
        self._strictness = Strictness.SAVE
        self._problems: list[Problem] = []
        self._autosave_warned = False

        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.undo_stack.indexChanged.connect(lambda _i: self._changed())
        self.undo_keys = UndoKeysToWindow(self)

        self._categories: list[Category] = []
        self._category_ids: set[int] = set()
        self._channels: list[Channel] = []
        self._channel_codes: set[str] = set()
        self._read_reference()

        self._build()
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(self.VALIDATE_MS)
        self._validate_timer.timeout.connect(self.validate)
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setInterval(self.AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()
        self.pages.setCurrentIndex(EMPTY_PAGE)

    # ------------------------------------------------------------------ building
    def _read_reference(self) -> None:
        """The station's categories and channels, from its reference template."""
        self._categories = self.catalogue.reference.categories()
        self._category_ids = {
            c.id for c in self.catalogue.reference.categories(include_inactive=True)
        }
        self._channels = self.catalogue.reference.channels()
        self._channel_codes = {c.code for c in self._channels}

    def _choices(self, binding: Binding) -> None:
        """Fill a category combo or the channel check boxes from the reference data."""
        if isinstance(binding, ChecksBinding):
            binding.set_choices([(c.code, c.name) for c in self._channels])
        elif isinstance(binding, ComboBinding):
            binding.set_choices(
                [(c.id, f"{c.code} {c.name}") for c in self._categories],
                empty=self.tr("（请选择）"),
            )

    def reload_reference(self) -> None:
        """A new reference template was installed: offer its categories and channels at
        once. The open item, with any unsaved edits, stays as it is."""
        self._read_reference()
        for bindings in self._form_bindings:
            for binding in bindings:
                self._choices(binding)
            set_tab_order(tab_chain(bindings))
        if self.is_open():
            self._show_content()
            for binding in self.active.values():
                binding.set_read_only(bool(self.read_only_reason))
            self.validate()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages)
        self.empty_label = QLabel(
            self.tr("在左侧列表中选择一个事项，或按 Ctrl+N 新建目录事项。"), self.pages
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.pages.addWidget(self.empty_label)
        host = QWidget(self.pages)
        self.pages.addWidget(host)
        form = embed_form("item_editor.ui", host)
        self.form = form

        self.title = child(form, QLabel, "title")
        self.title.setProperty("role", "title")
        self.meta = child(form, QLabel, "meta")
        self.banner = child(form, QLabel, "banner")
        self.banner.setProperty("role", "banner")
        self.problems_label = child(form, QLabel, "problems")
        self.problems_label.setProperty("role", "error")
        self.problems_label.linkActivated.connect(lambda _link: self.focus_first_problem())
        self.tabs = child(form, QTabWidget, "tabs")
        self.save_button = child(form, QPushButton, "saveButton")
        self.save_button.clicked.connect(self.save)
        self.delete_button = child(form, QPushButton, "deleteButton")
        self.delete_button.clicked.connect(self.delete_item)
        self.restore_button = child(form, QPushButton, "restoreButton")
        self.restore_button.clicked.connect(self.restore_item)
        self.live_button = child(form, QPushButton, "liveButton")
        self.live_button.clicked.connect(self.show_live_revision)
        self.workflow = WorkflowBar(form)
        self.workflow.requested.connect(lambda code: self.run_action(Action(code)))

        self.basic_page = child(form, QWidget, "basicPage")
        self.guide_page = child(form, QWidget, "guidePage")
        self.materials_page = child(form, QWidget, "materialsPage")
        self.fees_page = child(form, QWidget, "feesPage")
        self.flowchart_page = child(form, QWidget, "flowchartPage")
        self.attachments_page = child(form, QWidget, "attachmentsPage")
        self.history_page = child(form, QWidget, "historyPage")
        for scroll in (
            child(form, QScrollArea, "basicScroll"),
            child(form, QScrollArea, "guideScroll"),
        ):
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        # The basic tab holds either the catalogue form or the fee form.
        self.basic_stack = QStackedWidget()
        basic_host = child(form, QWidget, "basicHost")
        QVBoxLayout(basic_host).addWidget(self.basic_stack)
        self.catalogue_form = load_form("catalogue_form.ui")
        self.fee_form = load_form("fee_form.ui")
        self.basic_stack.addWidget(self.catalogue_form)
        self.basic_stack.addWidget(self.fee_form)
        self.guide_form = embed_form("guide_form.ui", child(form, QWidget, "guideHost"))

        catalogue_bindings = self._bind_form(self.catalogue_form, CATALOGUE_FIELDS)
        fee_bindings = self._bind_form(self.fee_form, FEE_FIELDS)
        guide_bindings = self._bind_form(self.guide_form, GUIDE_FIELDS)

        self.materials = MaterialsBinding(
            child(form, QTableWidget, "materialsTable"),
            self.catalogue,
            add=child(form, QPushButton, "materialAdd"),
            remove=child(form, QPushButton, "materialRemove"),
            up=child(form, QPushButton, "materialUp"),
            down=child(form, QPushButton, "materialDown"),
            choose_sample=child(form, QPushButton, "sampleChoose"),
            open_sample=child(form, QPushButton, "sampleOpen"),
            clear_sample=child(form, QPushButton, "sampleClear"),
        )
        self.attachments = AttachmentsBinding(
            child(form, QTableWidget, "attachmentTable"),
            self.catalogue,
            add=child(form, QPushButton, "attachmentAdd"),
            open_=child(form, QPushButton, "attachmentOpen"),
            remove=child(form, QPushButton, "attachmentRemove"),
        )
        self.fee_links = FeeLinksBinding(child(form, QListWidget, "feeList"))
        self.fees_empty = child(form, QLabel, "feesEmpty")
        self.history_tree = child(form, QTreeWidget, "historyTree")
        for extra in (self.materials, self.attachments, self.fee_links):
            extra.edited.connect(lambda b=extra: self._edited(b))

        flowchart_host = child(form, QWidget, "flowchartHost")
        host_layout = QVBoxLayout(flowchart_host)
        host_layout.setContentsMargins(0, 0, 0, 0)
        self.flowchart_problem = message_label(flowchart_host)
        host_layout.addWidget(self.flowchart_problem)
        self.flowchart_editor = FlowchartEditor(
            flowchart_host, undo_stack=self.undo_stack, db=self.catalogue.db
        )
        host_layout.addWidget(self.flowchart_editor, 1)
        self.flowchart_editor.changed.connect(self._flowchart_changed)

        lists = [self.attachments]
        licensing_lists: list[Binding] = [self.materials, self.fee_links, self.attachments]
        self.bindings: dict[ItemKind, dict[str, Binding]] = {
            ItemKind.CATALOGUE: {b.path: b for b in catalogue_bindings + lists},
            ItemKind.LICENSING: {
                b.path: b for b in catalogue_bindings + guide_bindings + licensing_lists
            },
            ItemKind.FEE: {b.path: b for b in fee_bindings + lists},
        }
        catalogue_view, fee_view = InlineProblems(), InlineProblems()
        guide_view = InlineProblems()
        for view, root, bindings in (
            (catalogue_view, self.catalogue_form, catalogue_bindings),
            (fee_view, self.fee_form, fee_bindings),
            (guide_view, self.guide_form, guide_bindings),
        ):
            for layout in children(root, QFormLayout):
                view.attach_form(layout, {b.path: b.widget for b in bindings})
        licensing_view = InlineProblems()
        licensing_view.include(catalogue_view)
        licensing_view.include(guide_view)
        materials_error = child(form, QLabel, "materialsError")
        attachments_error = child(form, QLabel, "attachmentsError")
        for label_widget in (materials_error, attachments_error):
            label_widget.setVisible(False)
        licensing_view.attach("materials", self.materials.table, materials_error)
        licensing_view.attach("flowchart", self.flowchart_editor, self.flowchart_problem)
        for view in (catalogue_view, licensing_view, fee_view):
            view.attach("attachments", self.attachments.table, attachments_error)
        self.problem_views = {
            ItemKind.CATALOGUE: catalogue_view,
            ItemKind.LICENSING: licensing_view,
            ItemKind.FEE: fee_view,
        }
        self._form_bindings = (catalogue_bindings, fee_bindings, guide_bindings)
        for bindings in self._form_bindings:
            set_tab_order(tab_chain(bindings))

    def _bind_form(self, root: QWidget, paths: tuple[str, ...]) -> list[Binding]:
        bindings: list[Binding] = []
        for path in paths:
            name = path.replace(".", "_")
            widget = child(root, QWidget, name)
            binding: Binding
            if path in RADIO_ENUMS:
                binding = RadioBinding(path, widget, RADIO_ENUMS[path])
            elif path == "channels":
                binding = ChecksBinding(path, widget)
                self._choices(binding)
            elif isinstance(widget, QLineEdit):
                binding = LineBinding(path, widget, self.undo_keys)
            elif isinstance(widget, QPlainTextEdit):
                binding = TextBinding(path, widget, self.undo_keys)
            elif isinstance(widget, QComboBox):
                binding = ComboBinding(path, widget)
                self._choices(binding)
            elif isinstance(widget, QDateEdit):
                binding = DateBinding(path, widget, child(root, QToolButton, f"{name}Clear"))
            elif isinstance(widget, QSpinBox):
                binding = DaysBinding(path, widget)
            else:  # pragma: no cover - a form/code mismatch
                raise TypeError(f"no binding for {type(widget).__name__} {name}")
            binding.edited.connect(lambda b=binding: self._edited(b))
            bindings.append(binding)
        return bindings

    # ------------------------------------------------------------------ state
    @property
    def active(self) -> dict[str, Binding]:
        return self.bindings[self.kind]

    @property
    def problem_view(self) -> InlineProblems:
        return self.problem_views[self.kind]

    def is_open(self) -> bool:
        return self.pages.currentIndex() == EDITOR_PAGE

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

    # ------------------------------------------------------------------ editing
    def _edited(self, binding: Binding) -> None:
        if self.read_only_reason or self.active.get(binding.path) is not binding:
            return
        old, new = self._get(binding.path), binding.value()
        if old == new:
            return
        self.undo_stack.push(SetFieldCommand(self, binding.path, old, new, binding.merge))

    def apply(self, path: str, value: Any, *, reveal: bool) -> None:
        """Set a field of the content and show it (called by the undo commands)."""
        self._set(path, value)
        binding = self.active.get(path)
        if binding is not None:
            if binding.value() != value:
                binding.set_value(value)
            if reveal:
                self.reveal(binding.focus_widget())
        self._touched.add(path)
        if path == "name":
            self._update_header()

    def replace_content(self, content: ItemContent) -> None:
        """Show a whole new content (recovery and its undo)."""
        self.doc = content
        self._show_content()
        self._touched.update(self.active)
        self._update_header()

    def _flowchart_changed(self) -> None:
        self.doc.flowchart = self.flowchart_editor.flowchart()
        self._touched.add("flowchart")

    def _changed(self) -> None:
        if not shiboken6.isValid(self.undo_stack):
            return  # the stack emits while it is destroyed with the editor
        self._validate_timer.start()
        self._update_save_button()

    def _clean_changed(self, clean: bool) -> None:
        if not shiboken6.isValid(self.undo_stack):
            return
        if clean:
            self._discard_draft()  # undone back to what is saved: nothing to rescue
        self._update_header()
        self._update_save_button()
        self.dirty_changed.emit(not clean)

    def reveal(self, widget: QWidget) -> None:
        """Bring ``widget`` into view (its tab, its scroll position) and focus it."""
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
                break
        for scroll in children(self.form, QScrollArea):
            inner = scroll.widget()
            if inner is not None and inner.isAncestorOf(widget):
                scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first_field(self) -> None:
        binding = self.active.get("name")
        if binding is not None:
            self.tabs.setCurrentWidget(self.basic_page)
            self.reveal(binding.focus_widget())

    # ------------------------------------------------------------------ loading
    def open_item(self, item_id: int) -> Item:
        """Show the head revision of ``item_id`` (the caller has dealt with unsaved work)."""
        item = self.catalogue.items.get(item_id)
        self._load(item, item.content)
        return item

    def new_item(self, kind: ItemKind, category: Category | None) -> None:
        self._load(None, new_content(kind, category, self.station_name))
        self.focus_first_field()

    def show_revision(self, item: Item) -> None:
        """A read-only view of one revision (no workflow buttons, no saving)."""
        self.view_only = True
        self._autosave_timer.stop()
        self._load(item, item.content)

    def clear(self) -> None:
        self._discard_draft()
        self.undo_stack.clear()
        self.item = None
        self.pages.setCurrentIndex(EMPTY_PAGE)

    def _load(self, item: Item | None, content: ItemContent) -> None:
        self._discard_draft()
        self.undo_stack.clear()
        self.item = item
        self.doc = copy.deepcopy(content)
        self.kind = content.kind
        self.draft_key = item.uuid if item is not None else f"new-{uuid.uuid4().hex}"
        self._touched = set()
        self._show_all = False
        self._strictness = Strictness.SAVE
        self._autosaved_index = 0

        licensing = self.kind is ItemKind.LICENSING
        for page, visible in (
            (self.guide_page, licensing),
            (self.materials_page, licensing),
            (self.fees_page, licensing),
            (self.flowchart_page, licensing),
        ):
            self.tabs.setTabVisible(self.tabs.indexOf(page), visible)
        fee = self.kind is ItemKind.FEE
        self.basic_stack.setCurrentWidget(self.fee_form if fee else self.catalogue_form)
        self.tabs.setTabText(
            self.tabs.indexOf(self.basic_page), self.tr("收费信息") if fee else self.tr("基本信息")
        )
        if licensing:
            fees = self.catalogue.items.list_rows(ItemQuery(kind=ItemKind.FEE))
            self.fee_links.set_choices(fees)
            self.fees_empty.setVisible(not fees)

        self.read_only_reason = self._read_only_reason()
        self._show_content()
        for binding in self.active.values():
            binding.set_read_only(bool(self.read_only_reason))
        if item is not None and not self.view_only:
            fill_history(self.history_tree, self.catalogue.items.history(item.id))
        else:
            self.history_tree.clear()
        self.tabs.setTabVisible(self.tabs.indexOf(self.history_page), item is not None)
        if self.tabs.currentWidget() is not None and not self.tabs.isTabVisible(
            self.tabs.currentIndex()
        ):
            self.tabs.setCurrentWidget(self.basic_page)
        self.pages.setCurrentIndex(EDITOR_PAGE)
        self._update_header()
        self._update_buttons()
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

    # ------------------------------------------------------------------ header
    def _update_header(self) -> None:
        item = self.item
        name = self.doc.name.strip() or self.tr("（未命名）")
        dirty = "" if self.undo_stack.isClean() else " *"
        self.title.setText(f"{name}{dirty}")
        if item is None:
            self.meta.setText(fmt(self.tr("新建%1 · 尚未保存，保存后分配索引号"), self.kind.label))
        else:
            self.meta.setText(
                fmt(
                    self.tr("%1 · %2 · 状态：%3 · 第%4版 · %5 %6 修改"),
                    item.index_number,
                    self.kind.label,
                    item.status.label,
                    item.revision,
                    item.updated_by or self.tr("系统"),
                    local_time(item.updated_at),
                )
            )
        self.banner.setText(self._banner_text())
        self.banner.setVisible(bool(self.banner.text()))

    def _banner_text(self) -> str:
        item = self.item
        notes: list[str] = []
        if item is not None and not self.view_only:
            if item.status in workflow.REVISABLE and not self.read_only_reason:
                notes.append(
                    fmt(
                        self.tr(
                            "本事项%1（第%2版）。修改并保存后会生成第%3版草稿；"
                            "新版审核通过前，仍以第%2版为准。"
                        ),
                        item.status.label,
                        item.revision,
                        item.revision + 1,
                    )
                )
            elif item.live_revision is not None:
                notes.append(
                    fmt(
                        self.tr("这是第%1版（%2）。已审核的第%3版仍然有效，可点“查看在用版本”。"),
                        item.revision,
                        item.status.label,
                        item.live_revision,
                    )
                )
        if self.read_only_reason:
            notes.append(fmt(self.tr("只读：%1。"), self.read_only_reason))
        return "\n".join(notes)

    def _update_save_button(self) -> None:
        editable = self.is_open() and not self.read_only_reason
        self.save_button.setEnabled(editable and not self.undo_stack.isClean())
        if not editable:
            self.save_button.setToolTip(self.read_only_reason or self.tr("没有打开的事项"))
        elif self.undo_stack.isClean():
            self.save_button.setToolTip(self.tr("没有需要保存的修改"))
        else:
            self.save_button.setToolTip(self.tr("保存修改（Ctrl+S）"))

    def _update_buttons(self) -> None:
        item = self.item
        self._update_save_button()
        self.workflow.set_visible(not self.view_only)
        note = ""
        if item is not None and item.deleted:
            note = self.tr("事项在回收站中")
        self.workflow.update(self.catalogue, self.actor, item, note)
        self.save_button.setVisible(not self.view_only)
        self.live_button.setVisible(
            not self.view_only and item is not None and item.live_revision is not None
        )
        if item is not None and item.live_revision is not None:
            self.live_button.setText(fmt(self.tr("查看在用版本（第%1版）"), item.live_revision))
        deleted = item is not None and item.deleted
        self.restore_button.setVisible(deleted and not self.view_only)
        self.delete_button.setVisible(not deleted and not self.view_only)
        reason = self._delete_refusal()
        self.delete_button.setEnabled(reason is None)
        self.delete_button.setToolTip(reason or self.tr("移到回收站（可以恢复）"))
        restore_reason = workflow.can_restore(self.actor.role)
        self.restore_button.setEnabled(restore_reason is None)
        self.restore_button.setToolTip(restore_reason or "")

    def _delete_refusal(self) -> str | None:
        item = self.item
        if item is None:
            return self.tr("事项尚未保存")
        in_force = workflow.in_force(item.status, item.live_revision)
        return workflow.can_delete(self.actor.role, in_force=in_force)

    # ------------------------------------------------------------------ validation
    def validate(self) -> list[Problem]:
        """Check the content and show the problems inline; returns them all."""
        if not self.is_open():
            return []
        self._problems = validate_content(
            self.content(),
            self._strictness,
            known_channels=self._channel_codes,
            known_categories=self._category_ids,
        )
        self._show_problems()
        return self._problems

    def _route(self, field: str) -> str | None:
        if field in self.active:
            return field
        if field.startswith("materials"):
            return "materials" if self.kind is ItemKind.LICENSING else None
        if field == "guide":
            return "guide.department"
        if field == "flowchart" and self.kind is ItemKind.LICENSING:
            return "flowchart"
        return None

    def _show_problems(self) -> None:
        shown: list[tuple[str, Problem]] = []
        for problem in self._problems:
            key = self._route(problem.field)
            if key is None:
                continue
            if problem.is_error or self._show_all or key in self._touched:
                shown.append((key, problem))
        if self.read_only_reason:
            shown = []
        view = self.problem_view
        view.show(shown)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        keys = view.shown()
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            marked = any(
                page is not None and (w := view.widget(k)) is not None and page.isAncestorOf(w)
                for k in keys
            )
            self.tabs.setTabIcon(index, icon if marked else QIcon())
        self._update_summary(shown)

    def _update_summary(self, shown: list[tuple[str, Problem]]) -> None:
        errors = [p for _k, p in shown if p.is_error]
        warnings = [p for _k, p in shown if not p.is_error]
        link = f"<a href='#first'>{self.tr('转到第一处')}</a>"
        if errors:
            names = self.tr("、").join(dict.fromkeys(label(p.field) for p in errors))
            text = (
                fmt(self.tr("有 %1 处需要改正后才能提交审核：%2"), len(errors), names)
                if self._strictness is Strictness.SUBMIT
                else fmt(self.tr("有 %1 处错误，改正后才能保存：%2"), len(errors), names)
            )
            self.problems_label.setProperty("role", "error")
        elif warnings and self._show_all:
            names = self.tr("、").join(dict.fromkeys(label(p.field) for p in warnings))
            text = fmt(self.tr("提交审核前还须填写：%1"), names)
            self.problems_label.setProperty("role", "warning")
        else:
            text = ""
        self.problems_label.setText(f"{text} {link}" if text else "")
        self.problems_label.setVisible(bool(text))
        self.problems_label.style().unpolish(self.problems_label)
        self.problems_label.style().polish(self.problems_label)

    def focus_first_problem(self) -> None:
        view = self.problem_view
        # Errors first: they are what stops the save.
        for problem in sorted(self._problems, key=lambda p: not p.is_error):
            key = self._route(problem.field)
            if key is not None and key in view.shown():
                binding = self.active.get(key)
                widget = binding.focus_widget() if binding is not None else view.widget(key)
                if widget is not None:
                    self.reveal(widget)
                return

    def problem_text(self, path: str) -> str:
        """The message shown under ``path`` ('' when none)."""
        return self.problem_view.text(path)

    # ------------------------------------------------------------------ saving
    def save(self) -> bool:
        """Save the edits (create the item if new). False, with the reason shown, if not."""
        if not self.is_open() or self.read_only_reason or self.view_only:
            return False
        if self.item is not None and self.undo_stack.isClean():
            return True
        content = self.content()
        self._show_all = True
        self._strictness = Strictness.SAVE
        if any(p.is_error for p in self.validate()):
            self.focus_first_problem()
            self.message.emit(self.tr("有错误，未保存"))
            return False
        try:
            if self.item is None:
                item = self.catalogue.changes.create(self.actor, content)
            else:
                item = self.catalogue.changes.update(
                    self.actor, self.item.id, content, self.item.revision
                )
        except ValidationFailed as error:
            self._problems = error.problems
            self._show_problems()
            self.focus_first_problem()
            return False
        except Conflict as error:
            QMessageBox.warning(self, self.tr("未保存"), error.message)
            return False
        except UserError as error:
            show_error(self, self.tr("未保存"), error)
            return False
        created = self.item is None
        self.item = item
        self._discard_draft()
        self.draft_key = item.uuid
        self.undo_stack.setClean()
        self.read_only_reason = self._read_only_reason()
        fill_history(self.history_tree, self.catalogue.items.history(item.id))
        self.tabs.setTabVisible(self.tabs.indexOf(self.history_page), True)
        self._update_header()
        self._update_buttons()
        self.validate()
        self.message.emit(
            fmt(self.tr("已新建“%1”，索引号 %2"), item.name, item.index_number)
            if created
            else fmt(self.tr("已保存“%1”（第%2版）"), item.name, item.revision)
        )
        self.saved.emit(item.id)
        return True

    def discard_changes(self) -> None:
        """Throw the unsaved edits away: reload the item, or close a new one."""
        self._discard_draft()
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

    # ------------------------------------------------------------------ autosave
    def autosave(self) -> str | None:
        """Write the unsaved content to this editor's draft file, if it changed since the
        last write; returns the path written."""
        if self.drafts is None or not self.is_dirty() or self.read_only_reason:
            return None
        if self.undo_stack.index() == self._autosaved_index:
            return None
        item = self.item
        try:
            path = self.drafts.write(
                self.draft_key,
                self.content(),
                item_id=item.id if item else None,
                item_uuid=item.uuid if item else None,
                base_revision=item.revision if item else None,
                operator=self.actor.username,
            )
        except UserError as error:
            if not self._autosave_warned:
                self._autosave_warned = True
                self.message.emit(error.message)
            return None
        self._autosaved_index = self.undo_stack.index()
        self.autosaved.emit(str(path))
        return str(path)

    def _discard_draft(self) -> None:
        if self.drafts is not None and self.draft_key:
            self.drafts.remove(self.draft_key)
        self._autosaved_index = -1

    def recover(self, draft: Draft) -> bool:
        """Open an autosaved draft as unsaved changes (undoable). False if it cannot be."""
        if draft.item_id is None:
            self._load(None, new_content(draft.kind, None, self.station_name))
        else:
            try:
                item = self.open_item(draft.item_id)
            except UserError as error:
                show_error(self, self.tr("恢复自动保存的内容"), error)
                return False
            if self.read_only_reason:
                QMessageBox.warning(
                    self,
                    self.tr("恢复自动保存的内容"),
                    fmt(self.tr("“%1”现在不能修改：%2"), item.name, self.read_only_reason),
                )
                return False
            if draft.base_revision is not None and item.revision != draft.base_revision:
                answer = QMessageBox.question(
                    self,
                    self.tr("恢复自动保存的内容"),
                    fmt(
                        self.tr(
                            "“%1”在自动保存之后又有了新的版本（现为第%2版）。"
                            "恢复会用自动保存的内容替换当前内容，保存前可以核对。要恢复吗？"
                        ),
                        item.name,
                        item.revision,
                    ),
                )
                if answer != QMessageBox.StandardButton.Yes:
                    return False
        self.undo_stack.push(
            ReplaceCommand(
                self.tr("恢复自动保存的内容"), self.replace_content, self.doc, draft.content
            )
        )
        self._show_all = True
        self.autosave()
        return True

    # ------------------------------------------------------------------ workflow
    def run_action(self, action: Action) -> bool:
        item = self.item
        if item is None:
            return False
        reason = self.catalogue.review.allowed(self.actor, item.id, action)
        if reason:
            QMessageBox.information(self, action.label, reason)
            return False
        if action is Action.SUBMIT and self.is_dirty() and not self.save():
            return False
        if action in CHECKED_ACTIONS:
            gate = privacy_gate(self, self.catalogue, self.actor, item.id, action)
            if gate is Gate.STOP:
                return False
            if gate is not Gate.GO:
                item = self.open_item(item.id)  # masked, or returned for masking
            if gate is Gate.RETURNED:
                self.message.emit(fmt(self.tr("已退回修改：“%1”"), item.name))
                self.item_changed.emit(item.id)
                return False
        comment, publish_date = "", None
        if action in (Action.RETURN, Action.WITHDRAW, Action.APPROVE, Action.PUBLISH):
            dialog = TransitionDialog(
                self,
                action,
                item.name,
                ask_comment=action is not Action.PUBLISH,
                comment_required=action in (Action.RETURN, Action.WITHDRAW),
                ask_date=action is Action.PUBLISH,
            )
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            comment = dialog.comment_text()
            publish_date = dialog.date() if action is Action.PUBLISH else None
        try:
            self.catalogue.review.transition(
                self.actor, item.id, action, comment=comment, publish_date=publish_date
            )
        except ValidationFailed as error:
            self._problems = error.problems
            self._show_all = True
            self._strictness = Strictness.SUBMIT
            self._show_problems()
            self.focus_first_problem()
            self.message.emit(fmt(self.tr("还有未填写完整的内容，不能%1"), action.label))
            return False
        except UserError as error:
            show_error(self, action.label, error)
            return False
        self.open_item(item.id)
        self.message.emit(fmt(self.tr("已%1：“%2”"), action.label, item.name))
        self.item_changed.emit(item.id)
        return True

    def delete_item(self) -> bool:
        item = self.item
        reason = self._delete_refusal()
        if item is None or reason:
            return False
        try:
            self.catalogue.changes.delete(self.actor, item.id)
        except UserError as error:
            show_error(self, self.tr("删除"), error)
            return False
        self.clear()
        self.deleted.emit(item.id, item.name)
        return True

    def restore_item(self) -> bool:
        item = self.item
        if item is None:
            return False
        try:
            self.catalogue.changes.restore(self.actor, item.id)
        except UserError as error:
            show_error(self, self.tr("恢复"), error)
            return False
        self.open_item(item.id)
        self.message.emit(fmt(self.tr("已从回收站恢复“%1”"), item.name))
        self.item_changed.emit(item.id)
        return True

    def show_live_revision(self) -> None:
        item = self.item
        if item is None:
            return
        live = self.catalogue.items.live(item.id)
        if live is None:
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(fmt(self.tr("在用版本：%1（第%2版）"), live.name, live.revision))
        viewer = ItemEditor(self.catalogue, self.actor, self.station_name, parent=dialog)
        viewer.show_revision(live)
        QVBoxLayout(dialog).addWidget(viewer)
        dialog.resize(720, 640)
        dialog.exec()

    def set_actor(self, actor: Actor) -> None:
        """Another operator logged in (the caller has dealt with unsaved work)."""
        self.actor = actor
        if self.item is not None and self.is_open():
            self.open_item(self.item.id)
        elif self.is_open():
            self.clear()
