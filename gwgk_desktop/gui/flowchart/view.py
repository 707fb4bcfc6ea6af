"""The view on the chart scene: zoom with Ctrl+wheel or the keyboard, fit to window, a
light grid behind the chart, rubber-band selection, and drops from the palette.

Signals: ``zoom_changed(float)`` with the new scale (1.0 = actual size);
``node_dropped(str, QPointF)`` with a node kind's value and the scene position.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from gwgk_desktop.domain.flowchart_geometry import GRID
from gwgk_desktop.gui.flowchart import style
from gwgk_desktop.gui.flowchart.scene import FlowchartScene

NODE_KIND_MIME = "application/x-gwgk-node-kind"
MIN_ZOOM, MAX_ZOOM = 0.1, 4.0
ZOOM_STEP = 1.2


class FlowchartView(QGraphicsView):
    zoom_changed = Signal(float)
    node_dropped = Signal(str, QPointF)

    def __init__(self, scene: FlowchartScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setAcceptDrops(True)
        self.setMouseTracking(True)

    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom()
        if math.isclose(factor, current):
            return
        self.scale(factor / current, factor / current)
        self.zoom_changed.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def fit(self) -> None:
        """Show the whole chart (never blown up beyond 100 %)."""
        scene = self.scene()
        assert isinstance(scene, FlowchartScene)
        rect = scene.chart_rect()
        if rect.isEmpty():
            self.actual_size()
            return
        rect = rect.adjusted(-20, -20, 20, 20)
        view = self.viewport().rect()
        factor = min(view.width() / rect.width(), view.height() / rect.height(), 1.0)
        self.set_zoom(factor)
        self.centerOn(rect.center())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.zoom() * ZOOM_STEP**steps)
            event.accept()
            return
        super().wheelEvent(event)

    def drawBackground(self, painter: QPainter, area: QRectF | QRect) -> None:
        rect = QRectF(area)
        painter.fillRect(rect, Qt.GlobalColor.white)
        if self.zoom() < 0.5:
            return
        step = GRID * 5
        painter.setPen(style.pen(style.GRID_LINE, 0))
        left = math.floor(rect.left() / step) * step
        top = math.floor(rect.top() / step) * step
        x = left
        while x < rect.right():
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            x += step
        y = top
        while y < rect.bottom():
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
            y += step

    # -- drops from the palette ------------------------------------------------------------

    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        scene = self.scene()
        return (
            isinstance(scene, FlowchartScene)
            and not scene.read_only
            and event.mimeData().hasFormat(NODE_KIND_MIME)
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        if not self._accepts(event):
            super().dropEvent(event)
            return
        kind = bytes(event.mimeData().data(NODE_KIND_MIME).data()).decode("ascii")
        self.node_dropped.emit(kind, self.mapToScene(event.position().toPoint()))
        event.acceptProposedAction()
