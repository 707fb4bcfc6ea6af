"""The set-up wizard's page for the station's signing key (and, optionally, the bureau's
public key for signed templates)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from gwgk_desktop.domain.models import Actor
from gwgk_desktop.errors import UserError
from gwgk_desktop.gui.submission.widgets import (
    NewPassphraseFields,
    error_label,
    read_bureau_key,
    set_message,
)
from gwgk_desktop.gui.text import fmt
from gwgk_desktop.services import keys
from gwgk_desktop.store.database import Database
from gwgk_desktop.submission.registry import KeyRecord


class StationKeyPage(QWizardPage):
    """Choose the key passphrase now (twice, with a strength hint) or "稍后设置"; and
    optionally pick the bureau's public-key file. ``apply(db, admin)`` is called by the
    wizard after the station and its first administrator exist.

    Signals: ``completeChanged()`` (QWizardPage's) when the page becomes (in)complete."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("签名密钥"))
        self.setSubTitle(
            self.tr(
                "报送包用本单位的签名密钥签名，市局据此确认报送包确由本单位制作、途中未被改动。"
                "密钥口令用于保护密钥，每次导出报送包时输入；请牢记，丢失后只能更换密钥。"
            )
        )
        self.now = QRadioButton(self.tr("现在生成签名密钥"))
        self.now.setObjectName("key_now")
        self.later = QRadioButton(self.tr("稍后设置（导出报送包前，须在“签名密钥”中生成）"))
        self.later.setObjectName("key_later")
        self.now.setChecked(True)
        choice = QButtonGroup(self)
        choice.addButton(self.now)
        choice.addButton(self.later)
        self.fields = NewPassphraseFields()

        self.bureau_path = QLineEdit()
        self.bureau_path.setReadOnly(True)
        self.bureau_path.setPlaceholderText(self.tr("可不选；以后可在“签名密钥”中设置"))
        browse = QPushButton(self.tr("选择文件…"))
        browse.setObjectName("choose_bureau_key")
        browse.clicked.connect(lambda: self.choose_bureau_key())  # noqa: PLW0108 (drops `checked`)
        self.bureau_info = QLabel()
        self.bureau_info.setWordWrap(True)
        self.error = error_label()
        self._bureau: list[KeyRecord] = []

        bureau_box = QGroupBox(self.tr("市局公钥（用于核验市局签发的参考范本，可选）"))
        row = QHBoxLayout()
        row.addWidget(self.bureau_path, 1)
        row.addWidget(browse)
        bureau_layout = QVBoxLayout(bureau_box)
        bureau_layout.addLayout(row)
        bureau_layout.addWidget(self.bureau_info)

        layout = QVBoxLayout(self)
        layout.addWidget(self.now)
        layout.addWidget(self.fields)
        layout.addWidget(self.later)
        layout.addSpacing(12)
        layout.addWidget(bureau_box)
        layout.addWidget(self.error)
        layout.addStretch(1)

        self.fields.changed.connect(self.completeChanged)
        self.now.toggled.connect(self._choice_changed)

    def _choice_changed(self, now: bool) -> None:
        self.fields.setEnabled(now)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.later.isChecked() or self.fields.acceptable()

    def choose_bureau_key(self, path: Path | None = None) -> None:
        try:
            found = read_bureau_key(self, path)
        except UserError as error:
            self._bureau = []
            self.bureau_path.clear()
            self.bureau_info.clear()
            set_message(self.error, error.message)
            return
        if found is None:
            return
        path, records = found
        set_message(self.error, "")
        self._bureau = records
        self.bureau_path.setText(str(path))
        self.bureau_info.setText(
            "\n".join(
                fmt(self.tr("%1 的公钥指纹：%2（请与市局提供的指纹核对）"), r.name, r.fingerprint)
                for r in records
            )
        )

    def apply(self, db: Database, admin: Actor) -> None:
        """Create the key (unless "later") and trust the chosen bureau key."""
        if self.now.isChecked():
            keys.create_key(db, admin, self.fields.passphrase())
        if self._bureau:
            keys.add_bureau_keys(db, admin, self._bureau)
