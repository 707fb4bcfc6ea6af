"""Recording one step of a request (告知补正, 收到补正, 征求第三方意见, 第三方答复, 延期答复,
答复办结): the day it happened and what it needs, the rule it follows shown beside it, and
the service's refusal, if any, shown in the dialog. Form: ``ui/request_step.ui``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from gwgk_desktop.domain.models import Actor
from gwgk_desktop.domain.request_info import RequestRecord
from gwgk_desktop.domain.requests import (
    ANSWER_NOTICES,
    DEFAULT_CORRECTION_DAYS,
    DOCUMENT_STEPS,
    MAX_EXTENSION_DAYS,
    Outcome,
    OutcomeGroup,
    StepKind,
)
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.designer.request_step import Ui_RequestStepForm
from gwgk_desktop.gui.requests.request_dialog import to_date, to_qdate
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.requests import (
    DEFAULT_CORRECTION_ITEMS,
    DEFAULT_EXTENSION_REASON,
    Register,
)


def _date_text(value: object) -> str:
    return str(value) if value else "—"


class StepDialog(QDialog):
    """After ``exec()`` returns Accepted, ``record`` is the request with the step added
    and ``print_after`` says whether the clerk wants its document."""

    def __init__(
        self,
        register: Register,
        actor: Actor,
        record: RequestRecord,
        kind: StepKind,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.register = register
        self.actor = actor
        self.kind = kind
        self.source = record
        self.record: RequestRecord | None = None
        self.print_after = False
        #: The form's rows this step uses.
        self.fields: set[str] = set()
        self.setWindowTitle(fmt(self.tr("%1 — %2"), kind.label, record.number))
        host = QWidget(self)
        self.ui = Ui_RequestStepForm()
        self.ui.setupUi(host)
        QVBoxLayout(self).addWidget(host)
        ui = self.ui
        ui.errorLabel.setProperty("role", "error")
        ui.errorLabel.setVisible(False)
        ui.rule.setProperty("role", "hint")
        today = register.today()
        ui.date.setMaximumDate(to_qdate(today))
        ui.date.setMinimumDate(to_qdate(record.timeline.last_date))
        ui.date.setDate(to_qdate(today))
        ui.prompt.setText(
            fmt(
                self.tr("申请 %1：%2（%3），%4"),
                record.number,
                record.info.applicant,
                record.info.content,
                record.clock.status.label,
            )
        )
        ui.printAfter.setVisible(kind in DOCUMENT_STEPS.values())
        ok = ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(kind.label)
        ui.buttons.accepted.connect(self.accept)
        ui.buttons.rejected.connect(self.reject)
        self._fill_outcomes()
        ui.outcome.currentIndexChanged.connect(self._outcome_changed)
        self._arrange()

    # ------------------------------------------------------------------ layout per step
    def _show_row(self, name: str, visible: bool) -> None:
        for widget in (getattr(self.ui, name), getattr(self.ui, f"{name}Label")):
            widget.setVisible(visible)
        if visible:
            self.fields.add(name)

    def _arrange(self) -> None:
        ui, kind, clock = self.ui, self.kind, self.source.clock
        self._show_row("days", kind in (StepKind.CORRECTION_NOTICE, StepKind.EXTENSION))
        self._show_row("party", kind in (StepKind.CONSULT_SENT, StepKind.EXTENSION))
        self._show_row("outcome", kind is StepKind.ANSWER)
        self._show_row(
            "note",
            kind
            in (
                StepKind.CORRECTION_NOTICE,
                StepKind.CONSULT_REPLIED,
                StepKind.EXTENSION,
                StepKind.ANSWER,
            ),
        )
        if kind is StepKind.CORRECTION_NOTICE:
            ui.dateLabel.setText(self.tr("告知日期："))
            ui.daysLabel.setText(self.tr("补正期限："))
            ui.days.setRange(1, 60)
            ui.days.setValue(DEFAULT_CORRECTION_DAYS)
            ui.noteLabel.setText(self.tr("补正事项："))
            ui.note.setPlainText(DEFAULT_CORRECTION_ITEMS)
            rule = fmt(
                self.tr(
                    "第三十条：申请内容不明确的，应自收到申请之日起7个工作日内（即%1前）"
                    "一次性告知需要补正的事项和合理的补正期限；答复期限自收到补正的申请之日起"
                    "计算；无正当理由逾期不补正的，视为放弃申请。"
                ),
                clock.correction_notice_due,
            )
        elif kind is StepKind.CORRECTION_RECEIVED:
            ui.dateLabel.setText(self.tr("收到补正日期："))
            rule = fmt(
                self.tr("答复期限自收到补正的申请之日起重新计算20个工作日。补正期限：%1"),
                _date_text(clock.correction_due),
            )
        elif kind is StepKind.CONSULT_SENT:
            ui.dateLabel.setText(self.tr("发出日期："))
            ui.partyLabel.setText(self.tr("第三方名称："))
            rule = self.tr(
                "第三十二条：公开会损害第三方合法权益的，应书面征求第三方意见；第三方自收到"
                "征求意见书之日起15个工作日内提出意见。征求意见的时间不计入答复期限。"
            )
        elif kind is StepKind.CONSULT_REPLIED:
            ui.dateLabel.setText(self.tr("答复日期："))
            ui.noteLabel.setText(self.tr("第三方意见："))
            rule = self.tr(
                "第三方不同意公开且有合理理由的，不予公开；逾期未提出意见的，由本机关依照"
                "《条例》的规定决定是否公开。期限最多扣除15个工作日。"
            )
        elif kind is StepKind.EXTENSION:
            ui.dateLabel.setText(self.tr("批准日期："))
            ui.daysLabel.setText(self.tr("延长："))
            ui.days.setRange(1, MAX_EXTENSION_DAYS)
            ui.days.setValue(MAX_EXTENSION_DAYS)
            ui.partyLabel.setText(self.tr("批准的负责人："))
            ui.party.setText(self.actor.display_name)
            ui.noteLabel.setText(self.tr("延期理由："))
            ui.note.setPlaceholderText(fmt(self.tr("不填时：%1"), DEFAULT_EXTENSION_REASON))
            rule = fmt(
                self.tr(
                    "第三十三条：需要延长答复期限的，应经政府信息公开工作机构负责人同意并告知"
                    "申请人，延长不超过20个工作日，只能延长一次。当前答复期限：%1。"
                ),
                _date_text(clock.due),
            )
        else:
            ui.dateLabel.setText(self.tr("答复日期："))
            ui.noteLabel.setText(self.tr("具体说明："))
            ui.note.setPlaceholderText(self.tr("印入告知书，如不予公开的具体理由、负责公开的机关"))
            rule = ""
        ui.rule.setText(rule)
        self._outcome_changed()

    def _fill_outcomes(self) -> None:
        """Outcomes under their group of table 三 (group names are headings, not choices)."""
        combo = self.ui.outcome
        model = combo.model()
        assert isinstance(model, QStandardItemModel)
        for group in OutcomeGroup:
            members = [o for o in Outcome if o.group is group]
            if len(members) > 1:
                combo.addItem(fmt(self.tr("—— %1 ——"), group.label), None)
                item = model.item(combo.count() - 1)
                item.setFlags(
                    item.flags() & ~Qt.ItemFlag.ItemIsEnabled & ~Qt.ItemFlag.ItemIsSelectable
                )
            for outcome in members:
                combo.addItem(outcome.label, outcome.value)
        combo.setCurrentIndex(combo.findData(Outcome.DISCLOSED.value))

    def outcome(self) -> Outcome | None:
        value = self.ui.outcome.currentData()
        return Outcome(value) if value else None

    def _outcome_changed(self) -> None:
        if self.kind is not StepKind.ANSWER:
            return
        outcome = self.outcome()
        if outcome is None:
            return
        self.ui.rule.setText(
            fmt(
                self.tr("计入年度报告表三“%1”一行；答复文书为《%2》。"),
                outcome.label,
                ANSWER_NOTICES[outcome.group],
            )
        )

    # ------------------------------------------------------------------ saving
    def accept(self) -> None:
        ui = self.ui
        try:
            self.record = self.register.record(
                self.actor,
                self.source.id,
                self.kind,
                to_date(ui.date.date()),
                days=ui.days.value() if "days" in self.fields else 0,
                party=ui.party.text() if "party" in self.fields else "",
                outcome=self.outcome() if "outcome" in self.fields else None,
                note=ui.note.toPlainText() if "note" in self.fields else "",
            )
        except UserError as error:
            ui.errorLabel.setText(error.message)
            ui.errorLabel.setVisible(True)
            return
        self.print_after = self.kind in DOCUMENT_STEPS.values() and ui.printAfter.isChecked()
        super().accept()
