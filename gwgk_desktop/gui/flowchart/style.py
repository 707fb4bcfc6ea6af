"""Colours, pens, fonts and shape outlines of the on-screen chart. The outlines, text lines
and fill colours are the ones the PDF drawing uses (``pdf.flowchart``), so the editor shows
what will be printed."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainterPath, QPen, QPolygonF

from gwgk_desktop.domain.enums import NodeKind
from gwgk_desktop.domain.flowchart_geometry import (
    FONT_SIZE,
    NODE_FILLS,
    SMALL_FONT_SIZE,
    document_outline,
    size_of,
)
from gwgk_desktop.domain.models import FlowNode

FONT_FAMILIES = [
    "Microsoft YaHei",
    "SimHei",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
]
LINE = QColor("#000000")
SELECTED = QColor("#1E64C8")
PROBLEM = QColor("#D0021B")
HANDLE = QColor("#1E64C8")
GRID_LINE = QColor("#EEF0F3")
DETAIL = QColor("#444444")


def fill(kind: NodeKind) -> QColor:
    return QColor(NODE_FILLS[kind])


def font(size: float = FONT_SIZE) -> QFont:
    """The chart font at ``size`` scene units (1 unit = 1 pt, as in the PDF)."""
    result = QFont()
    result.setFamilies(FONT_FAMILIES)
    result.setPixelSize(round(size))
    return result


def small_font() -> QFont:
    return font(SMALL_FONT_SIZE)


def pen(
    color: QColor = LINE, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine
) -> QPen:
    result = QPen(color, width, style)
    result.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    result.setCosmetic(False)
    return result


def node_path(node: FlowNode) -> QPainterPath:
    """The node's outline around (0, 0), its centre."""
    size = size_of(node)
    w, h = size.width, size.height
    path = QPainterPath()
    if node.kind in (NodeKind.START, NodeKind.END):
        path.addEllipse(QRectF(-w / 2, -h / 2, w, h))
    elif node.kind is NodeKind.DECISION:
        path.addPolygon(
            QPolygonF(
                [QPointF(-w / 2, 0), QPointF(0, -h / 2), QPointF(w / 2, 0), QPointF(0, h / 2)]
            )
        )
        path.closeSubpath()
    elif node.kind is NodeKind.DOCUMENT:
        local = FlowNode(node.key, node.kind, node.text, node.post, node.time_limit_days, 0, 0)
        tl, tr, br, c1, c2, bl = document_outline(local)
        path.moveTo(*tl)
        path.lineTo(*tr)
        path.lineTo(*br)
        path.cubicTo(QPointF(*c1), QPointF(*c2), QPointF(*bl))
        path.closeSubpath()
    else:
        path.addRect(QRectF(-w / 2, -h / 2, w, h))
    return path
