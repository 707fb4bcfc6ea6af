"""The palette of node kinds: click one to add it in the middle of the view, or drag it onto
the chart to put it where it is dropped.

Signals: ``add_requested(NodeKind)`` when a kind is clicked.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QMimeData, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QDrag, QIcon, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QToolButton, QVBoxLayout, QWidget

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.models import FlowNode
from gwgk_desktop.gui.flowchart import style
from gwgk_desktop.gui.flowchart.view import NODE_KIND_MIME
from gwgk_desktop.gui.forms import set_role
from gwgk_desktop.gui.text import fmt

ICON = QSize(56, 30)


def hint(kind: NodeKind) -> str:
    """What a node of ``kind`` is for (the palette button's tooltip)."""
    hints = {
        NodeKind.START: QCoreApplication.translate("Palette", "流程的起点（椭圆），每张图只有一个"),
        NodeKind.END: QCoreApplication.translate("Palette", "流程的终点（椭圆），可以有多个"),
        NodeKind.STEP: QCoreApplication.translate(
            "Palette", "一个办理环节（矩形），如受理、审查、送达"
        ),
        NodeKind.DECISION: QCoreApplication.translate(
            "Palette", "需要判断的环节（菱形），每条出线都要标注条件"
        ),
        NodeKind.DOCUMENT: QCoreApplication.translate(
            "Palette", "出具的材料或文书（波浪底），如不予受理凭证"
        ),
    }
    return hints[kind]


def kind_icon(kind: NodeKind) -> QIcon:
    pixmap = QPixmap(ICON * 2)
    pixmap.setDevicePixelRatio(2)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = style.node_path(FlowNode("icon", kind))
    bounds = path.boundingRect()
    scale = min((ICON.width() - 4) / bounds.width(), (ICON.height() - 4) / bounds.height())
    painter.translate(ICON.width() / 2, ICON.height() / 2)
    painter.scale(scale, scale)
    painter.setBrush(QBrush(style.fill(kind)))
    painter.setPen(style.pen(style.LINE, 1.2 / scale))
    painter.drawPath(path)
    painter.end()
    return QIcon(pixmap)


class PaletteButton(QToolButton):
    """One kind: a click adds it, a drag carries it to the chart."""

    def __init__(self, kind: NodeKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setText(kind.label)
        self.setIcon(kind_icon(kind))
        self.setIconSize(ICON)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setToolTip(fmt(self.tr("%1：%2。单击添加，或拖到图上。"), kind.label, hint(kind)))
        self.setAutoRaise(True)
        self.setMinimumWidth(84)
        self.setObjectName(f"palette_{kind.value}")
        self._press: QPoint | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if (
            self._press is not None
            and (event.position().toPoint() - self._press).manhattanLength()
            >= QApplication.startDragDistance()
        ):
            self._press = None
            self.setDown(False)
            data = QMimeData()
            data.setData(NODE_KIND_MIME, QByteArray(self.kind.value.encode("ascii")))
            drag = QDrag(self)
            drag.setMimeData(data)
            drag.setPixmap(self.icon().pixmap(ICON))
            drag.exec(Qt.DropAction.CopyAction)
            return
        super().mouseMoveEvent(event)


class Palette(QWidget):
    add_requested = Signal(NodeKind)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        title = QLabel(self.tr("添加节点"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        self.buttons: dict[NodeKind, PaletteButton] = {}
        for kind in (
            NodeKind.START,
            NodeKind.STEP,
            NodeKind.DECISION,
            NodeKind.DOCUMENT,
            NodeKind.END,
        ):
            button = PaletteButton(kind, self)
            button.clicked.connect(lambda _checked=False, k=kind: self.add_requested.emit(k))
            self.buttons[kind] = button
            layout.addWidget(button)
        hint = QLabel(self.tr("从节点边上的小圆点拖到另一个节点即可连线"))
        hint.setWordWrap(True)
        set_role(hint, "chart-palette-hint")
        layout.addWidget(hint)
        layout.addStretch(1)
