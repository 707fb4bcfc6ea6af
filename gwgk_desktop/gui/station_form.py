"""The station profile form (``ui/station_form.ui``), shared by the set-up wizard and the
"单位信息" dialog: reads a ``StationProfile`` and shows ``validate_station``'s problems
under the fields."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain.enums import Level
from gwgk_desktop.domain.models import Actor, StationProfile
from gwgk_desktop.domain.validation import Problem, validate_station
from gwgk_desktop.errors import UserError, ValidationFailed
from gwgk_desktop.gui.designer.station_form import Ui_StationForm
from gwgk_desktop.gui.forms import InlineProblems
from gwgk_desktop.gui.geometry import fit_size
from gwgk_desktop.gui.jobs import show_error
from gwgk_desktop.gui.uiload import build_form
from gwgk_desktop.services import station
from gwgk_desktop.store.database import Database


class StationForm:
    """Widgets of the station form and the profile they describe."""

    def __init__(self, parent: QWidget) -> None:
        self.ui = Ui_StationForm()
        self.widget = build_form(self.ui, parent)
        ui = self.ui
        # Keyed by the StationProfile field each edits.
        self.edits: dict[str, QLineEdit] = {
            "name": ui.name,
            "org_code": ui.org_code,
            "parent_unit": ui.parent_unit,
            "address": ui.address,
            "office_hours": ui.office_hours,
            "phone": ui.phone,
            "complaint_phone": ui.complaint_phone,
            "email": ui.email,
        }
        self.level = self.ui.level
        for level in (Level.STATION, Level.COUNTY, Level.CITY):
            self.level.addItem(level.label, level.value)
        self.problems = InlineProblems()
        fields: dict[str, QWidget] = {f"station.{k}": w for k, w in self.edits.items()}
        self.problems.attach_form(self.ui.form, fields)

    def profile(self) -> StationProfile:
        text = {name: edit.text().strip() for name, edit in self.edits.items()}
        return StationProfile(level=Level(self.level.currentData()), **text)

    def set_profile(self, profile: StationProfile) -> None:
        for name, edit in self.edits.items():
            edit.setText(getattr(profile, name))
        self.level.setCurrentIndex(max(self.level.findData(profile.level.value), 0))

    def check(self) -> bool:
        """Show the problems; True when there is no error (warnings are fine)."""
        problems = validate_station(self.profile())
        self.show(problems)
        return not any(p.is_error for p in problems)

    def show(self, problems: list[Problem]) -> None:
        self.problems.show((p.field, p) for p in problems)
        for problem in problems:
            if problem.is_error:
                widget = self.problems.widget(problem.field)
                if widget is not None:
                    widget.setFocus()
                break


class StationDialog(QDialog):
    """Edit the station profile (administrators; the organisation code is fixed)."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(self.tr("单位信息"))
        layout = QVBoxLayout(self)
        self.form = StationForm(self)
        layout.addWidget(self.form.widget)
        self.form.set_profile(station.get_profile(db))
        self.form.edits["org_code"].setReadOnly(True)
        self.form.edits["org_code"].setToolTip(self.tr("组织机构代码是索引号的前段码，不能修改"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_size(self, 560, 480)

    def accept(self) -> None:
        if not self.form.check():
            return
        try:
            station.update_profile(self.db, self.actor, self.form.profile())
        except ValidationFailed as error:
            self.form.show(error.problems)
            return
        except UserError as error:
            show_error(self, self.tr("单位信息"), error)
            return
        super().accept()
