"""Key management and bureau template import dialogs, driven with real events."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialogButtonBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from gwgk_desktop.domain.enums import ItemKind
from gwgk_desktop.gui import window_dialogs
from gwgk_desktop.gui.submission.key_dialog import KeyDialog, PassphraseDialog
from gwgk_desktop.gui.submission.template_dialog import TemplateImportDialog
from gwgk_desktop.gui.uiload import children
from gwgk_desktop.services import keys, template
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.store.database import Database
from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.registry import BUREAU, KeyRecord, Registry
from gwgk_desktop.submission.template_sign import sign_template
from tests.conftest import Actors
from tests.gui.conftest import close_window, commit_text, make_window, on_next_modal
from tests.gui.submission.conftest import bureau_key_file


def _type_new_passphrase(qtbot: QtBot, text: str, old: str | None = None) -> None:
    def fill(modal: QWidget) -> None:
        assert isinstance(modal, PassphraseDialog)
        if old is not None:
            qtbot.keyClicks(modal.findChild(QLineEdit, "old_passphrase"), old)
        qtbot.keyClicks(modal.findChild(QLineEdit, "passphrase"), text)
        qtbot.keyClicks(modal.findChild(QLineEdit, "passphrase_again"), text)
        ok = modal.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok.isEnabled()
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    on_next_modal(fill)


def test_generate_replace_and_change_passphrase(
    qtbot: QtBot,
    station_db: Database,
    actors: Actors,
    tmp_path: Path,
    choose_file: Callable[[Path], None],
) -> None:
    dialog = KeyDialog(station_db, actors.admin)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.key_id.text() == "尚未生成" and not dialog.public_button.isEnabled()
    _type_new_passphrase(qtbot, "station passphrase")
    with qtbot.waitSignal(dialog.key_changed):
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    first = keys.active_key(station_db)
    assert first is not None and dialog.key_id.text() == first.key_id
    assert first.fingerprint.split()[0] in dialog.fingerprint.text()
    assert dialog.generate_button.text() == "更换密钥…"

    choose_file(tmp_path / "public.json")
    qtbot.mouseClick(dialog.public_button, Qt.MouseButton.LeftButton)
    assert Registry.load(tmp_path / "public.json").get(first.key_id) is not None
    choose_file(tmp_path / "form.pdf")
    qtbot.mouseClick(dialog.form_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "form.pdf").read_bytes().startswith(b"%PDF")

    _type_new_passphrase(qtbot, "changed passphrase", old="wrong old one")
    qtbot.mouseClick(dialog.passphrase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible)
    assert dialog.error.text() == "密钥口令不正确"
    _type_new_passphrase(qtbot, "changed passphrase", old="station passphrase")
    qtbot.mouseClick(dialog.passphrase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() == "已修改密钥口令")
    assert keys.unlock(station_db, "changed passphrase").key_id == first.key_id

    _type_new_passphrase(qtbot, "replacement passphrase")
    with qtbot.waitSignal(dialog.key_changed):
        qtbot.mouseClick(dialog.generate_button, Qt.MouseButton.LeftButton)
    assert dialog.all_keys.count() == 2
    assert keys.active_key(station_db).key_id != first.key_id  # type: ignore[union-attr]


def test_clerks_see_but_cannot_change(qtbot: QtBot, demo_db: Database, demo_actors: Actors) -> None:
    dialog = KeyDialog(demo_db, demo_actors.clerk)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.generate_button.isEnabled()
    assert not dialog.passphrase_button.isEnabled()
    assert not dialog.bureau_button.isEnabled()
    assert dialog.public_button.isEnabled() and dialog.form_button.isEnabled()


def _bureau_files(tmp_path: Path) -> tuple[KeyPair, Path, Path]:
    public = tmp_path / "bureau.json"
    bureau = bureau_key_file(public)
    payload = copy.deepcopy(template.builtin_template())
    payload["version"] += 1
    payload["categories"].append({"code": "11", "name": "双随机抽查"})
    payload["channels"].append({"code": "miniapp", "name": "政务小程序"})
    signed = tmp_path / "template.gwgkt"
    signed.write_bytes(sign_template(payload, bureau, "市局政务公开办公室"))
    return bureau, public, signed


def _trusted_template(db: Database, actors: Actors, tmp_path: Path) -> Path:
    """A signed template whose bureau key the station already trusts."""
    bureau, _public, signed = _bureau_files(tmp_path)
    keys.add_bureau_keys(
        db, actors.admin, [KeyRecord(bureau.key_id, bureau.public.hex(), BUREAU, "", "市局", "t")]
    )
    return signed


def test_set_bureau_key_then_import_template(
    qtbot: QtBot,
    station_db: Database,
    actors: Actors,
    tmp_path: Path,
    choose_file: Callable[[Path], None],
) -> None:
    bureau, public, signed = _bureau_files(tmp_path)
    importer = TemplateImportDialog(station_db, actors.admin)
    qtbot.addWidget(importer)
    importer.show()
    choose_file(signed)
    qtbot.mouseClick(importer.findChild(QWidget, "choose"), Qt.MouseButton.LeftButton)
    assert "尚未设置市局公钥" in importer.error.text()
    assert not importer.import_button.isEnabled()

    dialog = KeyDialog(station_db, actors.admin)
    qtbot.addWidget(dialog)
    dialog.show()
    choose_file(public)
    qtbot.mouseClick(dialog.bureau_button, Qt.MouseButton.LeftButton)
    assert bureau.fingerprint in dialog.bureau.text()

    choose_file(signed)
    qtbot.mouseClick(importer.findChild(QWidget, "choose"), Qt.MouseButton.LeftButton)
    assert not importer.error.isVisible()
    assert "签名核验通过" in importer.origin.text()
    assert "新增类别：双随机抽查" in importer.changes.toPlainText()
    with qtbot.waitSignal(importer.imported) as imported:
        qtbot.mouseClick(importer.import_button, Qt.MouseButton.LeftButton)
    assert imported.args == [template.builtin_template()["version"] + 1]
    assert "双随机抽查" in [c.name for c in Catalogue(station_db).reference.categories()]


def test_only_admins_import(
    qtbot: QtBot,
    station_db: Database,
    actors: Actors,
    tmp_path: Path,
    choose_file: Callable[[Path], None],
) -> None:
    signed = _trusted_template(station_db, actors, tmp_path)
    importer = TemplateImportDialog(station_db, actors.clerk)
    qtbot.addWidget(importer)
    importer.show()
    choose_file(signed)
    qtbot.mouseClick(importer.findChild(QWidget, "choose"), Qt.MouseButton.LeftButton)
    assert "新增类别" in importer.changes.toPlainText()
    assert not importer.import_button.isEnabled()


def test_the_open_editor_offers_the_new_categories_and_channels_at_once(
    qtbot: QtBot,
    station_db: Database,
    actors: Actors,
    tmp_path: Path,
    choose_file: Callable[[Path], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before, the editor kept the old lists until the program was restarted."""
    signed = _trusted_template(station_db, actors, tmp_path)
    told: list[str] = []
    monkeypatch.setattr(
        window_dialogs.QMessageBox, "information", lambda _p, _t, text, *_a: told.append(text)
    )
    window = make_window(qtbot, station_db, actors.admin)
    try:
        window.new_item(ItemKind.CATALOGUE)
        editor = window.editor
        name = editor.catalogue_ui.name
        name.setFocus()
        commit_text(name, "未保存的事项")
        categories = editor.catalogue_ui.category_id
        assert categories.findText("11 双随机抽查") == -1
        assert editor.catalogue_form.findChild(QCheckBox, "channels_miniapp") is None

        def import_it(dialog: QWidget) -> None:
            assert isinstance(dialog, TemplateImportDialog)
            choose_file(signed)
            qtbot.mouseClick(dialog.findChild(QWidget, "choose"), Qt.MouseButton.LeftButton)
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
            dialog.close()

        seen = on_next_modal(import_it)
        window.menus.template.trigger()
        version = template.builtin_template()["version"] + 1
        assert seen and told == [f"已导入第 {version} 版参考范本，类别和公开渠道已更新。"]

        assert categories.findText("11 双随机抽查") >= 0
        shown = [
            b.text()
            for b in children(editor.catalogue_form, QCheckBox)
            if b.objectName().startswith("channels_") and b.isVisibleTo(editor.catalogue_form)
        ]
        assert shown == [c.name for c in Catalogue(station_db).reference.channels()]  # each once
        box = editor.catalogue_form.findChild(QCheckBox, "channels_miniapp")
        assert box is not None and box.text() == "政务小程序" and box.isEnabled()
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        assert "miniapp" in editor.content().channels
        assert name.text() == "未保存的事项" and editor.is_dirty()
    finally:
        close_window(window)
