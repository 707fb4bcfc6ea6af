"""Key management: the station's signing key (generate, replace, change passphrase, export
the public key, print the registration form) and the bureau's public key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gwgk_desktop.domain.enums import Role
from gwgk_desktop.domain.models import Actor
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.geometry import fit_size
from gwgk_desktop.gui.submission.widgets import (
    NewPassphraseFields,
    error_label,
    mono_font,
    read_bureau_key,
    set_message,
)
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services import keys, station
from gwgk_desktop.store.database import Database


class PassphraseDialog(QDialog):
    """Asks for a new passphrase (twice), optionally with the current one first."""

    def __init__(self, title: str, ask_old: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.old = QLineEdit()
        self.old.setObjectName("old_passphrase")
        self.old.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields = NewPassphraseFields()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if ask_old:
            form = QFormLayout()
            form.addRow(self.tr("原口令："), self.old)
            layout.addLayout(form)
        layout.addWidget(self.fields)
        layout.addWidget(self.buttons)
        self.fields.changed.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.fields.acceptable())

    def passphrase(self) -> str:
        return self.fields.passphrase()


class KeyDialog(QDialog):
    """Shows the station's keys and lets an administrator manage them.

    Signals: ``key_changed()`` after a key was generated or replaced."""

    key_changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.setWindowTitle(self.tr("签名密钥"))
        fit_size(self, 640, 520)
        admin = actor.role is Role.ADMIN

        self.key_id = QLabel()
        self.key_id.setObjectName("key_id")
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("fingerprint")
        self.fingerprint.setFont(mono_font(15))
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.created = QLabel()
        self.all_keys = QListWidget()
        self.all_keys.setMaximumHeight(90)
        current = QGroupBox(self.tr("本单位签名密钥"))
        form = QFormLayout(current)
        form.addRow(self.tr("密钥标识："), self.key_id)
        form.addRow(self.tr("公钥指纹："), self.fingerprint)
        form.addRow(self.tr("生成时间："), self.created)
        form.addRow(self.tr("全部密钥："), self.all_keys)

        self.generate_button = QPushButton()
        self.generate_button.setObjectName("generate")
        self.generate_button.clicked.connect(lambda: self.generate())  # noqa: PLW0108 (drops `checked`)
        self.passphrase_button = QPushButton(self.tr("修改口令…"))
        self.passphrase_button.setObjectName("change_passphrase")
        self.passphrase_button.clicked.connect(lambda: self.change_passphrase())  # noqa: PLW0108 (drops `checked`)
        self.public_button = QPushButton(self.tr("导出公钥文件…"))
        self.public_button.setObjectName("export_public")
        self.public_button.clicked.connect(lambda: self.export_public())  # noqa: PLW0108 (drops `checked`)
        self.form_button = QPushButton(self.tr("打印密钥登记表…"))
        self.form_button.setObjectName("key_form")
        self.form_button.clicked.connect(lambda: self.save_form())  # noqa: PLW0108 (drops `checked`)
        row = QHBoxLayout()
        for button in (
            self.generate_button,
            self.passphrase_button,
            self.public_button,
            self.form_button,
        ):
            row.addWidget(button)

        self.bureau = QLabel()
        self.bureau.setObjectName("bureau")
        self.bureau.setWordWrap(True)
        self.bureau_button = QPushButton(self.tr("设置市局公钥…"))
        self.bureau_button.setObjectName("set_bureau")
        self.bureau_button.clicked.connect(lambda: self.set_bureau())  # noqa: PLW0108 (drops `checked`)
        bureau_box = QGroupBox(self.tr("市局公钥（核验市局签发的参考范本）"))
        bureau_layout = QHBoxLayout(bureau_box)
        bureau_layout.addWidget(self.bureau, 1)
        bureau_layout.addWidget(self.bureau_button)

        help_text = QLabel(
            self.tr(
                "生成或更换密钥后，请导出公钥文件并打印密钥登记表，经单位负责人签字盖章后一并报市局；"
                "市局核对指纹后登记。密钥口令不随表报送，请妥善保管。"
            )
        )
        help_text.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.error = error_label()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(current)
        layout.addLayout(row)
        layout.addWidget(help_text)
        layout.addWidget(bureau_box)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(close)
        if not admin:
            for button in (self.generate_button, self.passphrase_button, self.bureau_button):
                button.setEnabled(False)
                button.setToolTip(self.tr("只有管理员可以管理签名密钥"))
        self.refresh()

    def refresh(self) -> None:
        info = keys.active_key(self.db)
        admin = self.actor.role is Role.ADMIN
        if info is None:
            self.key_id.setText(self.tr("尚未生成"))
            self.fingerprint.setText("—")
            self.created.setText("—")
            self.generate_button.setText(self.tr("生成密钥…"))
        else:
            self.key_id.setText(info.key_id)
            groups = info.fingerprint.split()
            self.fingerprint.setText(" ".join(groups[:5]) + "\n" + " ".join(groups[5:]))
            self.created.setText(
                fmt(self.tr("%1（%2）"), f"{info.created_at:%Y-%m-%d %H:%M}", info.created_by)
            )
            self.generate_button.setText(self.tr("更换密钥…"))
        self.passphrase_button.setEnabled(admin and info is not None)
        self.public_button.setEnabled(info is not None)
        self.form_button.setEnabled(info is not None)
        self.all_keys.clear()
        for key in keys.list_keys(self.db):
            state = self.tr("使用中") if key.active else self.tr("已停用")
            self.all_keys.addItem(
                fmt(self.tr("%1　%2　%3"), key.key_id, state, f"{key.created_at:%Y-%m-%d}")
            )
        bureau = keys.bureau_keys(self.db)
        self.bureau.setText(
            "\n".join(
                fmt(self.tr("%1：%2（指纹 %3）"), r.name, r.key_id, r.fingerprint) for r in bureau
            )
            or self.tr("尚未设置")
        )

    def _done(self, message: str) -> None:
        set_message(self.error, "")
        self.message.setText(message)

    def _failed(self, error: UserError) -> None:
        self.message.clear()
        set_message(self.error, error.message)

    def generate(self) -> None:
        replacing = keys.active_key(self.db) is not None
        title = self.tr("更换签名密钥") if replacing else self.tr("生成签名密钥")
        dialog = PassphraseDialog(title, ask_old=False, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            info = keys.create_key(self.db, self.actor, dialog.passphrase(), replace=replacing)
        except UserError as error:
            self._failed(error)
            return
        self.refresh()
        self._done(
            fmt(
                self.tr("已生成签名密钥 %1。请导出公钥文件并打印密钥登记表报市局。"),
                info.key_id,
            )
        )
        self.key_changed.emit()

    def change_passphrase(self) -> None:
        dialog = PassphraseDialog(self.tr("修改密钥口令"), ask_old=True, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            keys.change_passphrase(self.db, self.actor, dialog.old.text(), dialog.passphrase())
        except UserError as error:
            self._failed(error)
            return
        self._done(self.tr("已修改密钥口令"))

    def _save(
        self,
        path: Path | None,
        title: str,
        suggested: str,
        pattern: str,
        write: Callable[[Path], object],
        done: str,
    ) -> None:
        """Ask where to save (unless ``path`` is given), write, and say what happened."""
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, title, str(Path.home() / suggested), pattern
            )
            if not chosen:
                return
            path = Path(chosen)
        try:
            write(path)
        except UserError as error:
            self._failed(error)
            return
        self._done(fmt(done, path))

    def export_public(self, path: Path | None = None) -> None:
        info = keys.active_key(self.db)
        if info is None:
            return
        org_code = station.get_profile(self.db).org_code
        self._save(
            path,
            self.tr("导出公钥文件"),
            f"{org_code}-{info.key_id}.json",
            self.tr("公钥文件 (*.json)"),
            lambda target: keys.export_public(self.db, target),
            self.tr("已导出公钥文件：%1"),
        )

    def save_form(self, path: Path | None = None) -> None:
        info = keys.active_key(self.db)
        if info is None:
            return
        self._save(
            path,
            self.tr("保存密钥登记表"),
            fmt(self.tr("签名密钥登记表-%1.pdf"), info.key_id),
            self.tr("PDF 文件 (*.pdf)"),
            lambda target: keys.write_key_form(self.db, target),
            self.tr("已保存密钥登记表：%1"),
        )

    def set_bureau(self, path: Path | None = None) -> None:
        try:
            found = read_bureau_key(self, path)
            if found is None:
                return
            keys.add_bureau_keys(self.db, self.actor, found[1])
        except UserError as error:
            self._failed(error)
            return
        self.refresh()
        self._done(self.tr("已设置市局公钥，请核对指纹与市局提供的一致"))
