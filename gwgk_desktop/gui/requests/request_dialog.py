"""Registering a request (申请登记), or correcting a registration: the applicant, what they
want and how it came in, with the rule for the day received shown for the channel chosen.
Form: ``ui/request_form.ui``."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from gwgk_desktop.domain.enums import LabelledEnum
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.domain.request_info import INFO_LABELS, RequestInfo, RequestRecord, info_problems
from gwgk_desktop.domain.requests import (
    RECEIPT_RULES,
    ApplicantType,
    Delivery,
    InfoForm,
    RequestChannel,
)
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.designer.request_form import Ui_RequestForm
from gwgk_desktop.gui.geometry import fit_size
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services.requests import Register


def fill(combo: QComboBox, kind: type[LabelledEnum]) -> None:
    for member in kind:
        combo.addItem(member.label, member.value)


def choose(combo: QComboBox, value: str) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


class RequestDialog(QDialog):
    """After ``exec()`` returns Accepted, ``record`` is the registered (or corrected)
    request."""

    def __init__(
        self,
        register: Register,
        actor: Actor,
        parent: QWidget | None = None,
        record: RequestRecord | None = None,
    ) -> None:
        super().__init__(parent)
        self.register = register
        self.actor = actor
        self.editing = record
        self.record: RequestRecord | None = None
        self.setWindowTitle(
            fmt(self.tr("修改登记 — %1"), record.number)
            if record
            else self.tr("登记政府信息公开申请")
        )
        host = QWidget(self)
        self.ui = Ui_RequestForm()
        self.ui.setupUi(host)
        QVBoxLayout(self).addWidget(host)
        ui = self.ui
        for grid in (ui.applicantLayout, ui.requestLayout):
            grid.setColumnStretch(1, 1)
        ui.columns.setStretch(0, 1)
        ui.columns.setStretch(1, 1)
        fit_size(self, 860, self.sizeHint().height())
        fill(ui.applicantType, ApplicantType)
        fill(ui.channel, RequestChannel)
        fill(ui.infoForm, InfoForm)
        fill(ui.delivery, Delivery)
        today = register.today()
        ui.received.setMaximumDate(to_qdate(today))
        ui.received.setDate(to_qdate(today))
        ui.errorLabel.setProperty("role", "error")
        ui.errorLabel.setVisible(False)
        ui.receiptRule.setProperty("role", "hint")
        ui.channel.currentIndexChanged.connect(self._channel_changed)
        ui.applicantType.currentIndexChanged.connect(self._type_changed)
        ok = ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(self.tr("保存修改") if record else self.tr("登记"))
        ui.buttons.accepted.connect(self.accept)
        ui.buttons.rejected.connect(self.reject)
        if record is not None:
            self._show(record.info)
            ui.received.setEnabled(len(record.steps) <= 1)
        self._channel_changed()
        self._type_changed()
        ui.applicant.setFocus()

    def _show(self, info: RequestInfo) -> None:
        ui = self.ui
        ui.received.setDate(to_qdate(info.received))
        choose(ui.channel, info.channel.value)
        choose(ui.applicantType, info.applicant_type.value)
        choose(ui.infoForm, info.form.value)
        choose(ui.delivery, info.delivery.value)
        ui.oral.setChecked(info.oral)
        for widget, text in (
            (ui.applicant, info.applicant),
            (ui.idNumber, info.id_number),
            (ui.agent, info.agent),
            (ui.phone, info.phone),
            (ui.address, info.address),
            (ui.postcode, info.postcode),
            (ui.email, info.email),
            (ui.docNumber, info.doc_number),
        ):
            widget.setText(text)
        ui.content.setPlainText(info.content)
        ui.note.setPlainText(info.note)

    def _channel_changed(self) -> None:
        channel = RequestChannel(self.ui.channel.currentData())
        self.ui.receiptRule.setText(
            fmt(
                self.tr("收到申请日期：%1（《政府信息公开条例》第三十一条）"),
                RECEIPT_RULES[channel],
            )
        )
        in_person = channel is RequestChannel.IN_PERSON
        self.ui.oral.setEnabled(in_person)
        if not in_person:
            self.ui.oral.setChecked(False)

    def _type_changed(self) -> None:
        person = ApplicantType(self.ui.applicantType.currentData()).is_person
        self.ui.agent.setEnabled(not person)
        self.ui.idNumberLabel.setText(
            self.tr("身份证件号码：") if person else self.tr("统一社会信用代码：")
        )

    def info(self) -> RequestInfo:
        """The registration the form describes."""
        ui = self.ui
        return RequestInfo(
            received=to_date(ui.received.date()),
            channel=RequestChannel(ui.channel.currentData()),
            applicant_type=ApplicantType(ui.applicantType.currentData()),
            applicant=ui.applicant.text().strip(),
            content=ui.content.toPlainText().strip(),
            id_number=ui.idNumber.text().strip(),
            agent=ui.agent.text().strip() if ui.agent.isEnabled() else "",
            phone=ui.phone.text().strip(),
            address=ui.address.text().strip(),
            postcode=ui.postcode.text().strip(),
            email=ui.email.text().strip(),
            doc_number=ui.docNumber.text().strip(),
            form=InfoForm(ui.infoForm.currentData()),
            delivery=Delivery(ui.delivery.currentData()),
            oral=ui.oral.isChecked(),
            note=ui.note.toPlainText().strip(),
        )

    def _error(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setVisible(True)

    def accept(self) -> None:
        info = self.info()
        problems = info_problems(info, self.register.today())
        if problems:
            self._error(
                "\n".join(
                    fmt(self.tr("%1：%2"), INFO_LABELS.get(name, name), message)
                    for name, message in problems
                )
            )
            return
        try:
            if self.editing is None:
                self.record = self.register.register(self.actor, info)
            else:
                self.record = self.register.update(self.actor, self.editing.id, info)
        except UserError as error:
            self._error(error.message)
            return
        super().accept()
