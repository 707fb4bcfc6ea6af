"""The first-run wizard: station profile, first administrator, any extra pages (the
signing-key passphrase page is one, added by the package feature), and a last page that
says what will be created.

Nothing is written until Finish: then ``station.initialize`` creates the station and the
administrator in one transaction, and each extra page that has
``apply(db: Database, admin: Actor) -> None`` is called with them, in order.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from gwgk_desktop import APP_DISPLAY_NAME
from gwgk_desktop.domain.models import Actor, Operator
from gwgk_desktop.domain.validation import Problem
from gwgk_desktop.errors import UserError, ValidationFailed
from gwgk_desktop.gui.designer.admin_form import Ui_AdminForm
from gwgk_desktop.gui.forms import InlineProblems
from gwgk_desktop.gui.geometry import fit_size
from gwgk_desktop.gui.jobs import error_text
from gwgk_desktop.gui.station_form import StationForm
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.gui.uiload import build_form
from gwgk_desktop.services import auth, station
from gwgk_desktop.store.database import Database


class StationPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("单位信息"))
        self.setSubTitle(self.tr("填写本单位的基本情况。"))
        self.form = StationForm(self)
        QVBoxLayout(self).addWidget(self.form.widget)

    def validatePage(self) -> bool:
        return self.form.check()


class AdminPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("第一位管理员"))
        self.setSubTitle(self.tr("建立管理员账号，用它登录后再添加录入员和审核人。"))
        self.ui = Ui_AdminForm()
        self.widget = build_form(self.ui, self)
        QVBoxLayout(self).addWidget(self.widget)
        ui = self.ui
        self.edits: dict[str, QLineEdit] = {
            "username": ui.username,
            "display_name": ui.display_name,
            "password": ui.password,
            "password_again": ui.password_again,
        }
        self.problems = InlineProblems()
        self.problems.attach_form(self.ui.form, dict(self.edits))

    def value(self, name: str) -> str:
        return self.edits[name].text()

    def show_problems(self, problems: list[Problem]) -> None:
        self.problems.show((p.field, p) for p in problems)
        if problems:
            self.edits[problems[0].field].setFocus()

    def validatePage(self) -> bool:
        problems = station.operator_problems(
            self.value("username").strip(), self.value("display_name"), self.value("password")
        )
        if self.value("password") != self.value("password_again"):
            problems.append(Problem("password_again", self.tr("两次输入的密码不一致")))
        self.show_problems(problems)
        return not problems


class FinishPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("确认并建立"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        QVBoxLayout(self).addWidget(self.summary)

    def set_summary(self, text: str) -> None:
        self.summary.setText(text)


class SetupWizard(QWizard):
    """After ``exec()`` returns Accepted, ``admin`` is the new administrator and ``actor``
    the one to log in as."""

    def __init__(
        self,
        db: Database,
        extra_pages: Sequence[QWizardPage] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.admin: Operator | None = None
        self.setWindowTitle(fmt(self.tr("首次设置 — %1"), APP_DISPLAY_NAME))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.station_page = StationPage(self)
        self.admin_page = AdminPage(self)
        self.extra_pages = list(extra_pages)
        self.finish_page = FinishPage(self)
        for page in (self.station_page, self.admin_page, *self.extra_pages, self.finish_page):
            self.addPage(page)
        self.currentIdChanged.connect(self._page_changed)
        fit_size(self, 640, 560)

    @property
    def actor(self) -> Actor | None:
        return station.actor_for(self.admin) if self.admin is not None else None

    def _page_changed(self, _page_id: int) -> None:
        if self.currentPage() is self.finish_page:
            profile = self.station_page.form.profile()
            self.finish_page.set_summary(
                fmt(
                    self.tr(
                        "点击“完成”后将建立：\n\n单位：%1（%2，组织机构代码 %3）\n"
                        "管理员：%4（登录名 %5）\n\n同时装入参考范本中的信息类别、"
                        "公开渠道和工作阶段。\n\n建立后会显示管理员的恢复码（忘记密码时用），"
                        "请准备好打印机或纸笔。"
                    ),
                    profile.name,
                    profile.level.label,
                    profile.org_code,
                    self.admin_page.value("display_name"),
                    self.admin_page.value("username").strip(),
                )
            )

    def accept(self) -> None:
        try:
            self.admin = station.initialize(
                self.db,
                self.station_page.form.profile(),
                self.admin_page.value("username").strip(),
                self.admin_page.value("display_name").strip(),
                self.admin_page.value("password"),
            )
        except ValidationFailed as error:
            # Checked page by page already; only reachable if the rules changed.
            QMessageBox.warning(self, self.tr("首次设置"), error.message)
            return
        except UserError as error:
            QMessageBox.critical(self, self.tr("首次设置"), error_text(error))
            return
        admin = self.actor
        assert admin is not None
        for page in self.extra_pages:
            apply = getattr(page, "apply", None)
            if apply is None:
                continue
            try:
                apply(self.db, admin)
            except UserError as error:
                # The station exists now; the page's step can be done later from the menu.
                QMessageBox.warning(
                    self,
                    page.title() or self.tr("首次设置"),
                    fmt(
                        self.tr("单位已建立，但这一步没有完成：%1\n可以稍后在菜单中重新设置。"),
                        error.message,
                    ),
                )
        self.show_recovery_code(admin)
        super().accept()

    def show_recovery_code(self, admin: Actor) -> None:
        """The administrator's recovery code, shown this once to be printed."""
        from gwgk_desktop.gui.password_recovery import RecoveryCodeDialog

        try:
            code = auth.issue_recovery_code(self.db, admin)
        except UserError as error:
            QMessageBox.warning(
                self,
                self.tr("首次设置"),
                fmt(
                    self.tr("恢复码没有生成：%1\n可以稍后在“单位 → 操作员”中生成。"),
                    error.message,
                ),
            )
            return
        RecoveryCodeDialog(self.db, admin.username, code, self).exec()
