"""The item editor's widgets, without its behaviour: an empty page and the editor page
(``ui/item_editor.ui``) whose basic tab holds the catalogue or the fee form, the guide
form, the materials, fee-link and attachment lists, the flowchart editor, the bindings of
every form field and where problems are shown. ``ItemEditor`` builds on this and says
what the widgets do.

The editor page (some 300 widgets: 40 ms) is built when first needed, not with the
window, which opens with the empty page: when an item is opened or made, when one of the
page's attributes (``PAGE_ATTRIBUTES``) is first asked for, or by the window once its
first frame is on screen (``build_page``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.domain.models import Category, Channel
from gwgk_desktop.domain.workflow import Action
from gwgk_desktop.gui.designer.catalogue_form import Ui_CatalogueForm
from gwgk_desktop.gui.designer.fee_form import Ui_FeeForm
from gwgk_desktop.gui.designer.guide_form import Ui_GuideForm
from gwgk_desktop.gui.designer.item_editor import Ui_ItemEditorForm
from gwgk_desktop.gui.editor.fields import (
    Binding,
    ChecksBinding,
    ComboBinding,
    set_tab_order,
    tab_chain,
)
from gwgk_desktop.gui.editor.form_binding import bind_form
from gwgk_desktop.gui.editor.history import SUMMARY, WrappingDelegate
from gwgk_desktop.gui.editor.lists import AttachmentsBinding, FeeLinksBinding, MaterialsBinding
from gwgk_desktop.gui.editor.problems import ProblemDisplay, kind_views
from gwgk_desktop.gui.editor.review_actions import ReviewActions, bind_button
from gwgk_desktop.gui.forms import InlineProblems
from gwgk_desktop.gui.shortcuts import UndoKeysToWindow
from gwgk_desktop.gui.uiload import build_form, children, embed_form
from gwgk_desktop.services.catalogue import Catalogue

if TYPE_CHECKING:
    from gwgk_desktop.gui.flowchart.editor import FlowchartEditor

EMPTY_PAGE, EDITOR_PAGE = 0, 1

#: What ``_build_page`` makes: asking for any of these builds the editor page.
PAGE_ATTRIBUTES = frozenset(
    {
        "ui",
        "form",
        "review_buttons",
        "basic_stack",
        "catalogue_ui",
        "fee_ui",
        "guide_ui",
        "catalogue_form",
        "fee_form",
        "guide_form",
        "form_bindings",
        "materials",
        "attachments",
        "fee_links",
        "lists",
        "bindings",
        "problems",
    }
)


class PageParts(NamedTuple):
    """What the editor page is built with."""

    catalogue: Catalogue
    undo_stack: QUndoStack
    undo_keys: UndoKeysToWindow
    item_actions: ReviewActions


class EditorWidgets(QWidget):
    """The widgets of the item editor, and the bindings of its fields per item kind."""

    kind = ItemKind.CATALOGUE

    # Made by ``_build_page`` (see PAGE_ATTRIBUTES).
    ui: Ui_ItemEditorForm
    form: QWidget
    review_buttons: dict[Action, QPushButton]
    basic_stack: QStackedWidget
    catalogue_ui: Ui_CatalogueForm
    fee_ui: Ui_FeeForm
    guide_ui: Ui_GuideForm
    catalogue_form: QWidget
    fee_form: QWidget
    guide_form: QWidget
    form_bindings: tuple[list[Binding], list[Binding], list[Binding]]
    materials: MaterialsBinding
    attachments: AttachmentsBinding
    fee_links: FeeLinksBinding
    lists: list[Binding]
    bindings: dict[ItemKind, dict[str, Binding]]
    problems: ProblemDisplay

    def _build_widgets(self, parts: PageParts) -> None:
        """The empty page now; the editor page from ``parts`` when first needed."""
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
        self._page_parts: PageParts | None = parts
        # The chart editor is made when first needed (``flowchart_editor``): the first
        # window does not wait for it, nor for its modules.
        self._flowchart_editor: FlowchartEditor | None = None
        #: The chart editor's pane widths as the clerk left them (the window's saved
        #: layout), restored when it is made.
        self.chart_panes = b""
        #: The history tab's column widths as the clerk left them, restored when the
        #: page is made.
        self.history_columns = b""

    if not TYPE_CHECKING:  # for mypy the page's attributes are simply there

        def __getattr__(self, name: str) -> object:
            # Only called for attributes not (yet) set: the page's, before it is built.
            if name in PAGE_ATTRIBUTES and self.__dict__.get("_page_parts") is not None:
                self.build_page()
                return getattr(self, name)
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def has_page(self) -> bool:
        """Whether the editor page has been built."""
        return self._page_parts is None

    def build_page(self) -> None:
        """Build the editor page now, if it is not built yet."""
        parts = self._page_parts
        if parts is None:
            return
        self._page_parts = None
        self._build_page(parts)
        self.setMinimumWidth(0)  # what the page needs, not what was guessed for it
        self.page_built()

    def page_built(self) -> None:
        """The editor page has just been built (``ItemEditor`` connects to it)."""

    def _build_page(self, parts: PageParts) -> None:
        catalogue, undo_stack, undo_keys, item_actions = parts
        host = QWidget(self.pages)
        self.pages.addWidget(host)
        self.ui = ui = Ui_ItemEditorForm()
        self.form = embed_form(ui, host)
        ui.title.setProperty("role", "title")
        ui.banner.setProperty("role", "banner")
        ui.problems.setProperty("role", "error")
        bind_button(ui.deleteButton, item_actions.delete)
        bind_button(ui.restoreButton, item_actions.restore)
        self.review_buttons = {
            Action.SUBMIT: ui.submitButton,
            Action.RETRACT: ui.retractButton,
            Action.APPROVE: ui.approveButton,
            Action.RETURN: ui.returnButton,
            Action.PUBLISH: ui.publishButton,
            Action.WITHDRAW: ui.withdrawButton,
        }
        for step, button in self.review_buttons.items():
            bind_button(button, item_actions.steps[step])
        for scroll in (ui.basicScroll, ui.guideScroll):
            scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # A long 说明 wraps instead of ending in "…".
        ui.historyTree.setItemDelegateForColumn(SUMMARY, WrappingDelegate(ui.historyTree))
        if self.history_columns:
            ui.historyTree.header().restoreState(self.history_columns)

        # The basic tab holds either the catalogue form or the fee form.
        self.basic_stack = QStackedWidget()
        QVBoxLayout(ui.basicHost).addWidget(self.basic_stack)
        self.catalogue_ui, self.fee_ui, self.guide_ui = (
            Ui_CatalogueForm(),
            Ui_FeeForm(),
            Ui_GuideForm(),
        )
        self.catalogue_form = build_form(self.catalogue_ui)
        self.fee_form = build_form(self.fee_ui)
        self.basic_stack.addWidget(self.catalogue_form)
        self.basic_stack.addWidget(self.fee_form)
        self.guide_form = embed_form(self.guide_ui, ui.guideHost)
        catalogue_fields = bind_form(self.catalogue_form, undo_keys)
        fee_fields = bind_form(self.fee_form, undo_keys)
        guide_fields = bind_form(self.guide_form, undo_keys)
        self.form_bindings = (catalogue_fields, fee_fields, guide_fields)

        self.materials = MaterialsBinding(
            ui.materialsTable,
            catalogue,
            add=ui.materialAdd,
            remove=ui.materialRemove,
            up=ui.materialUp,
            down=ui.materialDown,
            choose_sample=ui.sampleChoose,
            open_sample=ui.sampleOpen,
            clear_sample=ui.sampleClear,
        )
        self.attachments = AttachmentsBinding(
            ui.attachmentTable,
            catalogue,
            add=ui.attachmentAdd,
            open_=ui.attachmentOpen,
            remove=ui.attachmentRemove,
        )
        self.fee_links = FeeLinksBinding(ui.feeList)
        self.lists: list[Binding] = [self.materials, self.fee_links, self.attachments]

        flowchart_layout = QVBoxLayout(ui.flowchartHost)
        flowchart_layout.setContentsMargins(0, 0, 0, 0)
        self._chart_parts = (undo_stack, catalogue, flowchart_layout)

        self.bindings: dict[ItemKind, dict[str, Binding]] = {
            ItemKind.CATALOGUE: {b.path: b for b in [*catalogue_fields, self.attachments]},
            ItemKind.LICENSING: {b.path: b for b in catalogue_fields + guide_fields + self.lists},
            ItemKind.FEE: {b.path: b for b in [*fee_fields, self.attachments]},
        }
        for label in (ui.materialsError, ui.attachmentsError):
            label.setVisible(False)
        views = kind_views(
            {
                ItemKind.CATALOGUE: (self.catalogue_form, catalogue_fields),
                ItemKind.FEE: (self.fee_form, fee_fields),
                "guide": (self.guide_form, guide_fields),
            },
            {
                "materials": (self.materials.table, ui.materialsError),
                # The chart editor lists its problems itself, beside the chart; its
                # host stands for it (the tab it is on).
                "flowchart": (ui.flowchartHost, None),
                "attachments": (self.attachments.table, ui.attachmentsError),
            },
        )
        self.problems = ProblemDisplay(views, lambda: self.active, ui.tabs, ui.problems, self)
        self.problems.quiet_page = ui.flowchartPage

    @property
    def flowchart_editor(self) -> FlowchartEditor:
        """The 流程图 tab's editor, made the first time it is asked for."""
        if self._flowchart_editor is None:
            from gwgk_desktop.gui.flowchart.editor import FlowchartEditor

            self.build_page()
            undo_stack, catalogue, layout = self._chart_parts
            editor = FlowchartEditor(self.ui.flowchartHost, undo_stack=undo_stack, db=catalogue.db)
            layout.addWidget(editor, 1)
            if self.chart_panes:
                editor.splitter.restoreState(self.chart_panes)
            self._flowchart_editor = editor
            self.chart_made(editor)
        return self._flowchart_editor

    def has_chart_editor(self) -> bool:
        return self._flowchart_editor is not None

    def chart_made(self, editor: FlowchartEditor) -> None:
        """The chart editor has just been made (``ItemEditor`` follows its changes)."""

    @property
    def active(self) -> dict[str, Binding]:
        """The bindings of the fields the current item's kind has."""
        return self.bindings[self.kind]

    @property
    def problem_view(self) -> InlineProblems:
        return self.problems.view

    def all_bindings(self) -> list[Binding]:
        return [b for bindings in self.form_bindings for b in bindings] + self.lists

    def is_open(self) -> bool:
        return self.pages.currentIndex() == EDITOR_PAGE

    def offer_choices(self, categories: list[Category], channels: list[Channel]) -> None:
        """The category combos and channel check boxes offer these (reference data)."""
        for bindings in self.form_bindings:
            for binding in bindings:
                if isinstance(binding, ChecksBinding):
                    binding.set_choices([(c.code, c.name) for c in channels])
                elif isinstance(binding, ComboBinding):
                    binding.set_choices(
                        [(c.id, f"{c.code} {c.name}") for c in categories],
                        empty=self.tr("（请选择）"),
                    )
            set_tab_order(tab_chain(bindings))

    def show_tabs_of(self, kind: ItemKind) -> None:
        """The tabs and the basic form of an item of ``kind``."""
        ui = self.ui
        licensing = kind is ItemKind.LICENSING
        for page in (ui.guidePage, ui.materialsPage, ui.feesPage, ui.flowchartPage):
            ui.tabs.setTabVisible(ui.tabs.indexOf(page), licensing)
        fee = kind is ItemKind.FEE
        self.basic_stack.setCurrentWidget(self.fee_form if fee else self.catalogue_form)
        ui.tabs.setTabText(
            ui.tabs.indexOf(ui.basicPage), self.tr("收费信息") if fee else self.tr("基本信息")
        )

    def reveal(self, widget: QWidget) -> None:
        """Bring ``widget`` into view (its tab, its scroll position) and focus it."""
        tabs = self.ui.tabs
        for index in range(tabs.count()):
            page = tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                tabs.setCurrentIndex(index)
                break
        for scroll in children(self.form, QScrollArea):
            inner = scroll.widget()
            if inner is not None and inner.isAncestorOf(widget):
                scroll.ensureWidgetVisible(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_first_field(self) -> None:
        binding = self.active.get("name")
        if binding is not None:
            self.ui.tabs.setCurrentWidget(self.ui.basicPage)
            self.reveal(binding.focus_widget())
