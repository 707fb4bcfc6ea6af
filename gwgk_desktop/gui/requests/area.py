"""The 依申请公开 area beside the catalogue: the register (filtered by status, year, due
within 5 working days, overdue; coloured by how close each request is to its due day), and
the chosen request with its steps, its clock, the step actions (each records who and when
and offers its document) and its documents."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain.models import Actor
from gwgk_desktop.domain.request_info import RequestRecord
from gwgk_desktop.domain.requests import (
    DOCUMENT_STEPS,
    DUE_SOON_DAYS,
    RequestDocument,
    RequestStatus,
    StepKind,
    documents_for,
)
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.jobs import show_error
from gwgk_desktop.gui.requests.document_dialog import show_document
from gwgk_desktop.gui.requests.request_dialog import RequestDialog
from gwgk_desktop.gui.requests.step_dialog import StepDialog
from gwgk_desktop.gui.requests.table_model import (
    DONE,
    DUE_SOON,
    OVERDUE,
    WAITING,
    Column,
    RequestTableModel,
)
from gwgk_desktop.gui.settings import Settings
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services import calendars, request_documents
from gwgk_desktop.services.requests import Register, RequestQuery
from gwgk_desktop.store.database import Database

#: The steps offered as buttons, in the order a request goes through them.
STEP_BUTTONS = (
    StepKind.CORRECTION_NOTICE,
    StepKind.CORRECTION_RECEIVED,
    StepKind.CONSULT_SENT,
    StepKind.CONSULT_REPLIED,
    StepKind.EXTENSION,
    StepKind.ANSWER,
)
COLUMN_SAMPLES = {
    Column.NUMBER: "2026-0000",
    Column.RECEIVED: "2026-12-31",
    Column.APPLICANT: "示范市正衡律师",
    Column.KIND: "法律服务机构",
    Column.CONTENT: "本所辖区上一年度",
    Column.STATUS: "已办结（已延期）",
    Column.DUE: "2026-12-31（还剩20个工作日）",
}


class RequestsArea(QWidget):
    """Signals: ``changed()`` after a request was registered or a step recorded."""

    changed = Signal()

    def __init__(
        self,
        db: Database,
        actor: Actor,
        parent: QWidget | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.register = Register(db, today)
        self.record: RequestRecord | None = None

        self.new_button = QPushButton(self.tr("登记申请(&N)…"), self)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem(self.tr("全部状态"), None)
        for status in RequestStatus:
            self.status_filter.addItem(status.label, status.value)
        self.year_filter = QComboBox(self)
        self.year_filter.addItem(self.tr("全部年份"), None)
        self.soon_filter = QCheckBox(fmt(self.tr("%1个工作日内到期"), DUE_SOON_DAYS), self)
        self.overdue_filter = QCheckBox(self.tr("已逾期"), self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("查找编号、申请人、内容、电话"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.calendar_button = QPushButton(self.tr("工作日历…"), self)
        self.report_button = QPushButton(self.tr("年度报告…"), self)
        bar = QHBoxLayout()
        left: list[QWidget] = [
            self.new_button,
            self.status_filter,
            self.year_filter,
            self.soon_filter,
            self.overdue_filter,
        ]
        for widget in left:
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        right: list[QWidget] = [self.count_label, self.calendar_button, self.report_button]
        for widget in right:
            bar.addWidget(widget)
        self.calendar_note = QLabel(self)
        self.calendar_note.setProperty("role", "error")
        self.calendar_note.setWordWrap(True)

        self.table = QTableView(self)
        self.model = RequestTableModel(self.register, self.register.today())
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSortIndicator(Column.RECEIVED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        metrics = self.table.fontMetrics()
        for column, sample in COLUMN_SAMPLES.items():
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 20)
        header.setStretchLastSection(True)

        self.detail = self._detail_panel()
        splitter = QSplitter(self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([900, 400])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.calendar_note)
        layout.addWidget(splitter, 1)

        self.new_button.clicked.connect(self.new_request)
        for signal in (
            self.status_filter.currentIndexChanged,
            self.year_filter.currentIndexChanged,
            self.soon_filter.toggled,
            self.overdue_filter.toggled,
            self.search.textChanged,
        ):
            signal.connect(self.apply_filters)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.new_button.setEnabled(self.register.allowed_to_register(actor) is None)
        self.new_button.setToolTip(self.register.allowed_to_register(actor) or "")
        self.refresh()

    # ------------------------------------------------------------------ detail panel
    def _detail_panel(self) -> QWidget:
        panel = QWidget(self)
        self.title = QLabel(panel)
        self.title.setObjectName("requestTitle")
        self.title.setWordWrap(True)
        self.info = QLabel(panel)
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(panel)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.info)
        self.steps = QTreeWidget(panel)
        self.steps.setHeaderLabels(
            [self.tr("日期"), self.tr("办理步骤"), self.tr("经办人"), self.tr("说明")]
        )
        self.steps.setRootIsDecorated(False)
        self.steps.setMinimumHeight(120)
        for column, width in enumerate((86, 96, 64)):
            self.steps.setColumnWidth(column, width)
        self.step_buttons: dict[StepKind, QPushButton] = {}
        grid = QGridLayout()
        for index, kind in enumerate(STEP_BUTTONS):
            button = QPushButton(kind.label, panel)
            button.setObjectName(f"step_{kind.value}")
            button.clicked.connect(lambda _c=False, k=kind: self.record_step(k))
            grid.addWidget(button, index // 3, index % 3)
            self.step_buttons[kind] = button
        self.documents_button = QToolButton(panel)
        self.documents_button.setText(self.tr("打印文书"))
        self.documents_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.documents_menu = QMenu(self.documents_button)
        self.documents_button.setMenu(self.documents_menu)
        self.edit_button = QPushButton(self.tr("修改登记…"), panel)
        self.edit_button.clicked.connect(self.edit_request)
        tools = QHBoxLayout()
        tools.addWidget(self.documents_button)
        tools.addWidget(self.edit_button)
        tools.addStretch(1)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        layout.addLayout(grid)
        layout.addLayout(tools)
        layout.addWidget(self.steps, 1)
        return panel

    # ------------------------------------------------------------------ filtering
    def query(self) -> RequestQuery:
        status = self.status_filter.currentData()
        year = self.year_filter.currentData()
        return RequestQuery(
            text=self.search.text(),
            status=RequestStatus(status) if status else None,
            overdue=self.overdue_filter.isChecked(),
            due_within=DUE_SOON_DAYS if self.soon_filter.isChecked() else None,
            year=int(year) if year else None,
        )

    def apply_filters(self) -> None:
        current = self.record.id if self.record else None
        try:
            self.model.set_query(self.query())
        except UserError as error:
            show_error(self, self.tr("依申请公开"), error)
            return
        self.count_label.setText(fmt(self.tr("共 %1 件"), len(self.model.ids)))
        self.select(current)

    def refresh(self) -> None:
        """Read everything again (after a change here or elsewhere)."""
        years = self.register.years()
        chosen = self.year_filter.currentData()
        self.year_filter.blockSignals(True)
        self.year_filter.clear()
        self.year_filter.addItem(self.tr("全部年份"), None)
        for year in reversed(years):
            self.year_filter.addItem(fmt(self.tr("%1年"), year), year)
        self.year_filter.setCurrentIndex(max(0, self.year_filter.findData(chosen)))
        self.year_filter.blockSignals(False)
        self.model.refresh()
        today = self.register.today()
        missing = self.model.calendar.missing_years(today, self.model.calendar.add(today, 40))
        self.calendar_note.setText(calendars.missing_text(missing) if missing else "")
        self.calendar_note.setVisible(bool(missing))
        self.apply_filters()

    def show_only(self, *, overdue: bool = False, soon: bool = False) -> None:
        """Filter the register to what the start-up reminder listed."""
        for box, on in ((self.overdue_filter, overdue), (self.soon_filter, soon)):
            box.blockSignals(True)
            box.setChecked(on)
            box.blockSignals(False)
        self.status_filter.setCurrentIndex(0)
        self.apply_filters()

    # ------------------------------------------------------------------ selection
    def select(self, request_id: int | None) -> None:
        row = self.model.row_of(request_id) if request_id is not None else -1
        selection = self.table.selectionModel()
        if row >= 0:
            index = self.model.index(row, 0)
            selection.setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        else:
            selection.clearSelection()
            self.show_record(None)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        request_id = self.model.request_id(current.row())
        if request_id is None:
            self.show_record(None)
            return
        try:
            self.show_record(self.register.get(request_id))
        except UserError as error:
            show_error(self, self.tr("依申请公开"), error)

    def show_record(self, record: RequestRecord | None) -> None:
        self.record = record
        self.detail.setEnabled(record is not None)
        self.documents_menu.clear()
        self.steps.clear()
        if record is None:
            self.title.setText(self.tr("选择左侧的一件申请查看办理情况"))
            self.info.setText("")
            for button in self.step_buttons.values():
                button.setEnabled(False)
            self.documents_button.setEnabled(False)
            self.edit_button.setEnabled(False)
            return
        clock = record.clock
        today = self.register.today()
        colour = (
            DONE
            if clock.status is RequestStatus.ANSWERED
            else (OVERDUE if clock.overdue(today) or clock.correction_overdue(today) else WAITING)
        )
        open_ = clock.status is not RequestStatus.ANSWERED and not clock.overdue(today)
        if open_ and clock.due is not None and clock.due <= self.model.soon_limit:
            colour = DUE_SOON
        self.title.setText(
            fmt(
                self.tr('<b>%1</b>　%2　<span style="color:%3"><b>%4</b></span>'),
                record.number,
                escape(record.info.applicant),
                colour,
                clock.status.label,
            )
        )
        self.info.setText(self._info_html(record))
        for step in record.steps:
            detail = self.tr("，").join(
                part
                for part in (
                    step.outcome.label if step.outcome else "",
                    step.party,
                    fmt(self.tr("%1个工作日"), step.days) if step.days else "",
                    step.note,
                )
                if part
            )
            item = QTreeWidgetItem([step.on.isoformat(), step.kind.label, step.operator, detail])
            item.setToolTip(3, detail)
            self.steps.addTopLevelItem(item)
        for kind, button in self.step_buttons.items():
            reason = self.register.allowed(self.actor, record.id, kind)
            button.setEnabled(reason is None)
            button.setToolTip(reason or "")
        for document in documents_for(record.steps):
            action = QAction(document.label, self.documents_menu)
            action.setObjectName(f"document_{document.value}")
            action.triggered.connect(lambda _c=False, d=document: self.print_document(d))
            self.documents_menu.addAction(action)
        self.documents_button.setEnabled(True)
        editable = clock.status is not RequestStatus.ANSWERED
        self.edit_button.setEnabled(
            editable and self.register.allowed_to_register(self.actor) is None
        )

    def _info_html(self, record: RequestRecord) -> str:
        info, clock = record.info, record.clock
        today = self.register.today()
        rows = [
            (
                self.tr("收到日期"),
                fmt(
                    self.tr("%1（%2%3）"),
                    info.received.isoformat(),
                    info.channel.label,
                    self.tr("，口头申请") if info.oral else "",
                ),
            ),
            (
                self.tr("申请人"),
                fmt(self.tr("%1（%2）"), info.applicant, info.applicant_type.label),
            ),
            (
                self.tr("联系方式"),
                self.tr("　").join(v for v in (info.phone, info.address, info.email) if v),
            ),
            (
                self.tr("所需信息"),
                info.content
                + (fmt(self.tr("（文号：%1）"), info.doc_number) if info.doc_number else ""),
            ),
            (self.tr("形式"), fmt(self.tr("%1，%2"), info.form.label, info.delivery.label)),
        ]
        if clock.due is not None:
            due = clock.due.isoformat()
            if clock.status is not RequestStatus.ANSWERED:
                if clock.overdue(today):
                    due = fmt(self.tr("%1（已逾期%2天）"), due, (today - clock.due).days)
                else:
                    due = fmt(
                        self.tr("%1（还剩%2个工作日）"),
                        due,
                        self.model.calendar.count(today, clock.due),
                    )
            detail = fmt(self.tr("共%1个工作日"), clock.limit)
            if clock.paused_days:
                detail += fmt(self.tr("，征求意见不计%1个工作日"), clock.paused_days)
            rows.append((self.tr("答复期限"), due))
            rows.append(("", detail))
        if clock.correction_due is not None:
            rows.append((self.tr("补正期限"), clock.correction_due.isoformat()))
        warnings = []
        if clock.late_correction_notice:
            warnings.append(self.tr("补正告知晚于收到申请后7个工作日"))
        if clock.late_answer:
            warnings.append(self.tr("答复晚于答复期限"))
        if record.missing_years:
            warnings.append(calendars.missing_text(list(record.missing_years)))
        cell = "<td style='color:#6b7280;padding-right:8px'>"
        lines = [
            f"<tr>{cell}{escape(label)}</td><td>{escape(value)}</td></tr>" for label, value in rows
        ]
        html = "<table>" + "".join(lines) + "</table>"
        if warnings:
            html += "".join(f"<p style='color:{OVERDUE}'>{escape(w)}</p>" for w in warnings)
        return html

    # ------------------------------------------------------------------ actions
    def _after_change(self, record: RequestRecord) -> None:
        self.refresh()
        self.select(record.id)
        if self.model.row_of(record.id) < 0:
            self.show_record(record)
        self.changed.emit()

    def new_request(self) -> None:
        dialog = RequestDialog(self.register, self.actor, self)
        if dialog.exec() != RequestDialog.DialogCode.Accepted or dialog.record is None:
            return
        record = dialog.record
        self._after_change(record)
        self.print_document(RequestDocument.RECEIPT)

    def edit_request(self) -> None:
        if self.record is None:
            return
        dialog = RequestDialog(self.register, self.actor, self, self.record)
        if dialog.exec() == RequestDialog.DialogCode.Accepted and dialog.record is not None:
            self._after_change(dialog.record)

    def record_step(self, kind: StepKind) -> None:
        if self.record is None:
            return
        dialog = StepDialog(self.register, self.actor, self.record, kind, self)
        if dialog.exec() != StepDialog.DialogCode.Accepted or dialog.record is None:
            return
        self._after_change(dialog.record)
        if dialog.print_after:
            document = next(d for d, step in DOCUMENT_STEPS.items() if step is kind)
            self.print_document(document)

    def print_document(self, document: RequestDocument) -> None:
        record = self.record
        if record is None:
            return
        db = self.db
        show_document(
            self,
            fmt(self.tr("%1 — %2"), document.label, record.number),
            lambda path: request_documents.write_document(db, record.id, document, path),
            request_documents.default_filename(record, document),
        )

    def restore_layout(self, settings: Settings) -> None:
        """Column and pane widths as the clerk left them."""
        if columns := settings.request_columns:
            self.table.horizontalHeader().restoreState(columns)
        if panes := settings.request_panes:
            self.splitter.restoreState(panes)

    def save_layout(self, settings: Settings) -> None:
        settings.request_columns = bytes(self.table.horizontalHeader().saveState().data())
        settings.request_panes = bytes(self.splitter.saveState().data())

    def set_actor(self, actor: Actor) -> None:
        self.actor = actor
        reason = self.register.allowed_to_register(actor)
        self.new_button.setEnabled(reason is None)
        self.new_button.setToolTip(reason or "")
        self.show_record(self.record)
