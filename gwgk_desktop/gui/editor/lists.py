"""Bindings for the list-valued fields of a licensing item: the materials table (with its
申报范本 sample forms), the attachments and the linked fee items.

Each keeps its rows in a plain Qt widget; ``value()`` reads them back into dataclasses.
Every button press or cell edit is one ``edited`` signal, hence one undo step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from gwgk_desktop.domain.enums import MaterialForm
from gwgk_desktop.domain.models import Attachment, ItemRow, Material
from gwgk_desktop.gui.editor.fields import Binding
from gwgk_desktop.gui.editor.files import choose_and_store, open_stored
from gwgk_desktop.gui.text import file_size, fmt
from gwgk_desktop.services.catalogue import Catalogue

DATA = Qt.ItemDataRole.UserRole
AnyIndex = QModelIndex | QPersistentModelIndex


class MaterialFormDelegate(QStyledItemDelegate):
    """Edits the 原件/复印件 column with a combo box of ``MaterialForm`` labels."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        for form in MaterialForm:
            combo.addItem(form.label, form.value)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(DATA)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        form = MaterialForm(editor.currentData())
        model.setData(index, form.value, DATA)
        model.setData(index, form.label, Qt.ItemDataRole.DisplayRole)


def _text_item(text: str, editable: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class _TableBinding(Binding):
    """Shared behaviour of the table-backed bindings."""

    def __init__(self, path: str, table: QTableWidget, buttons: list[QPushButton]) -> None:
        super().__init__(path, table)
        self.table = table
        self.buttons = buttons
        self.read_only = False
        table.itemChanged.connect(self._user_edit)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.itemSelectionChanged.connect(self.update_buttons)

    def current_row(self) -> int:
        row = self.table.currentRow()
        return row if 0 <= row < self.table.rowCount() else -1

    def _select(self, row: int) -> None:
        if 0 <= row < self.table.rowCount():
            self.table.setCurrentCell(row, 0)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.update_buttons()

    def update_buttons(self) -> None:
        for button in self.buttons:
            button.setEnabled(not self.read_only)


class MaterialsBinding(_TableBinding):
    """The 申请材料 table: name, copies, original/copy, required, note, sample form."""

    NAME, COPIES, FORM, REQUIRED, NOTE, SAMPLE = range(6)

    def __init__(
        self,
        table: QTableWidget,
        catalogue: Catalogue,
        *,
        add: QPushButton,
        remove: QPushButton,
        up: QPushButton,
        down: QPushButton,
        choose_sample: QPushButton,
        open_sample: QPushButton,
        clear_sample: QPushButton,
    ) -> None:
        super().__init__(
            "materials", table, [add, remove, up, down, choose_sample, clear_sample, open_sample]
        )
        self.catalogue = catalogue
        self.add_button, self.remove_button = add, remove
        self.up_button, self.down_button = up, down
        self.choose_button, self.open_button, self.clear_button = (
            choose_sample,
            open_sample,
            clear_sample,
        )
        table.setItemDelegateForColumn(self.FORM, MaterialFormDelegate(table))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        add.clicked.connect(self.add_row)
        remove.clicked.connect(self.remove_row)
        up.clicked.connect(lambda: self.move_row(-1))
        down.clicked.connect(lambda: self.move_row(1))
        choose_sample.clicked.connect(self.choose_sample)
        open_sample.clicked.connect(self.open_sample)
        clear_sample.clicked.connect(self.clear_sample)

    # ------------------------------------------------------------------ value
    def value(self) -> list[Material]:
        materials = []
        for row in range(self.table.rowCount()):

            def cell(column: int, r: int = row) -> QTableWidgetItem:
                item = self.table.item(r, column)
                assert item is not None
                return item

            copies = cell(self.COPIES).data(Qt.ItemDataRole.EditRole)
            materials.append(
                Material(
                    name=cell(self.NAME).text(),
                    copies=int(copies) if copies is not None else 1,
                    form=MaterialForm(cell(self.FORM).data(DATA)),
                    required=cell(self.REQUIRED).checkState() == Qt.CheckState.Checked,
                    note=cell(self.NOTE).text(),
                    sample_sha256=cell(self.SAMPLE).data(DATA) or None,
                    sample_filename=cell(self.SAMPLE).text(),
                )
            )
        return materials

    def _show(self, value: Any) -> None:
        materials: list[Material] = list(value or [])
        keep = self.current_row()
        self.table.setRowCount(len(materials))
        for row, material in enumerate(materials):
            self._fill_row(row, material)
        self._select(min(keep, len(materials) - 1))
        self.update_buttons()

    def _fill_row(self, row: int, material: Material) -> None:
        self.table.setItem(row, self.NAME, _text_item(material.name))
        copies = QTableWidgetItem()
        copies.setData(Qt.ItemDataRole.EditRole, material.copies)
        self.table.setItem(row, self.COPIES, copies)
        form = _text_item(material.form.label)
        form.setData(DATA, material.form.value)
        self.table.setItem(row, self.FORM, form)
        required = _text_item("", editable=False)
        required.setFlags(required.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        required.setCheckState(
            Qt.CheckState.Checked if material.required else Qt.CheckState.Unchecked
        )
        self.table.setItem(row, self.REQUIRED, required)
        self.table.setItem(row, self.NOTE, _text_item(material.note))
        sample = _text_item(material.sample_filename, editable=False)
        sample.setData(DATA, material.sample_sha256 or "")
        self.table.setItem(row, self.SAMPLE, sample)

    # ------------------------------------------------------------------ actions
    def _change(self, materials: list[Material], select: int) -> None:
        self.set_value(materials)
        self._select(select)
        self.edited.emit()

    def add_row(self) -> None:
        materials = self.value()
        materials.append(Material())
        self._change(materials, len(materials) - 1)
        self.table.setFocus()
        item = self.table.item(len(materials) - 1, self.NAME)
        if item is not None:
            self.table.editItem(item)

    def remove_row(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        materials = self.value()
        del materials[row]
        self._change(materials, min(row, len(materials) - 1))

    def move_row(self, step: int) -> None:
        row = self.current_row()
        target = row + step
        materials = self.value()
        if row < 0 or not 0 <= target < len(materials):
            return
        materials[row], materials[target] = materials[target], materials[row]
        self._change(materials, target)

    def choose_sample(self) -> None:
        row = self.current_row()
        if row < 0:
            return

        def stored(attachment: Attachment) -> None:
            materials = self.value()
            if row < len(materials):
                materials[row].sample_sha256 = attachment.sha256
                materials[row].sample_filename = attachment.filename
                self._change(materials, row)

        choose_and_store(self.table, self.catalogue, self.tr("选择申报范本"), stored)

    def open_sample(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        material = self.value()[row]
        if material.sample_sha256:
            open_stored(
                self.table, self.catalogue, material.sample_sha256, material.sample_filename
            )

    def clear_sample(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        materials = self.value()
        materials[row].sample_sha256 = None
        materials[row].sample_filename = ""
        self._change(materials, row)

    def update_buttons(self) -> None:
        row = self.current_row()
        count = self.table.rowCount()
        has_sample = row >= 0 and bool(
            (item := self.table.item(row, self.SAMPLE)) and item.data(DATA)
        )
        editable = not self.read_only
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and row >= 0)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < count - 1)
        self.choose_button.setEnabled(editable and row >= 0)
        self.clear_button.setEnabled(editable and has_sample)
        self.open_button.setEnabled(has_sample)


class AttachmentsBinding(_TableBinding):
    """The 附件 table: stored files with a note; open with the system viewer."""

    NAME, SIZE, TYPE, NOTE = range(4)

    def __init__(
        self,
        table: QTableWidget,
        catalogue: Catalogue,
        *,
        add: QPushButton,
        open_: QPushButton,
        remove: QPushButton,
    ) -> None:
        super().__init__("attachments", table, [add, open_, remove])
        self.catalogue = catalogue
        self.add_button, self.open_button, self.remove_button = add, open_, remove
        header = table.horizontalHeader()
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        add.clicked.connect(self.add_file)
        open_.clicked.connect(self.open_file)
        remove.clicked.connect(self.remove_file)
        table.itemActivated.connect(lambda _item: self.open_file())

    def value(self) -> list[Attachment]:
        found = []
        for row in range(self.table.rowCount()):
            name = self.table.item(row, self.NAME)
            note = self.table.item(row, self.NOTE)
            assert name is not None and note is not None
            sha256, size, media_type = name.data(DATA)
            found.append(Attachment(sha256, name.text(), size, media_type, note.text()))
        return found

    def _show(self, value: Any) -> None:
        attachments: list[Attachment] = list(value or [])
        keep = self.current_row()
        self.table.setRowCount(len(attachments))
        for row, attachment in enumerate(attachments):
            name = _text_item(attachment.filename, editable=False)
            name.setData(DATA, (attachment.sha256, attachment.size, attachment.media_type))
            self.table.setItem(row, self.NAME, name)
            self.table.setItem(row, self.SIZE, _text_item(file_size(attachment.size), False))
            self.table.setItem(row, self.TYPE, _text_item(attachment.media_type, False))
            self.table.setItem(row, self.NOTE, _text_item(attachment.note))
        self._select(min(keep, len(attachments) - 1))
        self.update_buttons()

    def add_file(self) -> None:
        def stored(attachment: Attachment) -> None:
            attachments = self.value()
            attachments.append(attachment)
            self.set_value(attachments)
            self._select(len(attachments) - 1)
            self.edited.emit()

        choose_and_store(self.table, self.catalogue, self.tr("添加附件"), stored)

    def open_file(self) -> None:
        row = self.current_row()
        if row >= 0:
            attachment = self.value()[row]
            open_stored(self.table, self.catalogue, attachment.sha256, attachment.filename)

    def remove_file(self) -> None:
        row = self.current_row()
        if row < 0:
            return
        attachments = self.value()
        del attachments[row]
        self.set_value(attachments)
        self._select(min(row, len(attachments) - 1))
        self.edited.emit()

    def update_buttons(self) -> None:
        row = self.current_row()
        self.add_button.setEnabled(not self.read_only)
        self.remove_button.setEnabled(not self.read_only and row >= 0)
        self.open_button.setEnabled(row >= 0)


class FeeLinksBinding(Binding):
    """The fee items a licensing item charges: a checkable list of the station's fees."""

    def __init__(self, widget: QListWidget) -> None:
        super().__init__("fee_links", widget)
        self.list = widget
        widget.itemChanged.connect(self._user_edit)

    def set_choices(self, fees: list[ItemRow]) -> None:
        self._setting = True
        try:
            self.list.clear()
            for row in fees:
                item = QListWidgetItem(fmt(self.tr("%1（%2）"), row.name, row.index_number))
                item.setData(DATA, row.uuid)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.list.addItem(item)
        finally:
            self._setting = False

    def _items(self) -> list[QListWidgetItem]:
        return [item for i in range(self.list.count()) if (item := self.list.item(i))]

    def value(self) -> list[str]:
        return [
            str(item.data(DATA))
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _show(self, value: Any) -> None:
        wanted = list(value or [])
        known = {str(item.data(DATA)) for item in self._items()}
        for uuid in wanted:
            if uuid not in known:
                # Linked to a fee item that is gone from the list: keep the link visible.
                item = QListWidgetItem(self.tr("（已删除的收费事项）"))
                item.setData(DATA, uuid)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                self.list.addItem(item)
        for item in self._items():
            checked = str(item.data(DATA)) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def set_read_only(self, read_only: bool) -> None:
        self._setting = True  # changing flags emits itemChanged; that is no user edit
        try:
            for item in self._items():
                flags = item.flags()
                if read_only:
                    flags &= ~Qt.ItemFlag.ItemIsUserCheckable
                else:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
        finally:
            self._setting = False
