"""The view on the chart scene: zoom with Ctrl+wheel or the keyboard, fit to window, a
light grid behind the chart, rubber-band selection, and drops from the palette.

Scene units are points, as on paper, so 100 % shows the chart at its printed size (a
point is 1/72 inch; the screen's dots per inch say how many pixels that is). Fitting the
chart to the window never makes its smallest text (post, time limit, a connection's
condition) smaller than ``MIN_TEXT_PX``: a chart too big for the window at that size is
shown from its top and scrolled. A fitted chart is fitted again when the view changes size
(the panes beside it hidden or shown, F11), until the clerk zooms by hand.

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
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from gwgk_desktop.domain.flowchart_geometry import GRID, SMALL_FONT_SIZE
from gwgk_desktop.gui.flowchart import style
from gwgk_desktop.gui.flowchart.scene import FlowchartScene

NODE_KIND_MIME = "application/x-gwgk-node-kind"
MIN_ZOOM, MAX_ZOOM = 0.1, 4.0
ZOOM_STEP = 1.2
#: The height in pixels the chart's smallest text keeps when the chart is fitted.
MIN_TEXT_PX = 10.5


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
        self.fitted = False  # shown by ``fit``, not zoomed by hand since
        ppp = self.pixels_per_point()
        self.scale(ppp, ppp)  # 100 %

    def pixels_per_point(self) -> float:
        """How many pixels a point (a scene unit) is at 100 %."""
        return self.logicalDpiX() / 72.0

    def zoom(self) -> float:
        return self.transform().m11() / self.pixels_per_point()

    def readable_zoom(self) -> float:
        """The zoom at which the chart's smallest text is ``MIN_TEXT_PX`` high."""
        return MIN_TEXT_PX / (SMALL_FONT_SIZE * self.pixels_per_point())

    def set_zoom(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom()
        if math.isclose(factor, current):
            return
        self.scale(factor / current, factor / current)
        self.zoom_changed.emit(self.zoom())

    def zoom_by_hand(self, factor: float) -> None:
        self.fitted = False
        self.set_zoom(factor)

    def zoom_in(self) -> None:
        self.zoom_by_hand(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.zoom_by_hand(self.zoom() / ZOOM_STEP)

    def actual_size(self) -> None:
        self.zoom_by_hand(1.0)

    def fit(self) -> None:
        """Show the whole chart, never blown up beyond 100 % and never so small that its
        text is hard to read; a chart too big for that is shown from its top."""
        scene = self.scene()
        assert isinstance(scene, FlowchartScene)
        self.fitted = True
        rect = scene.chart_rect()
        if rect.isEmpty():
            self.set_zoom(1.0)
            return
        rect = rect.adjusted(-20, -20, 20, 20)
        view = self.viewport().rect()
        whole = min(view.width() / rect.width(), view.height() / rect.height())
        factor = max(min(whole / self.pixels_per_point(), 1.0), self.readable_zoom())
        self.set_zoom(factor)
        shown = self.mapToScene(view).boundingRect()
        if shown.height() >= rect.height():
            self.centerOn(rect.center())
        else:
            self.centerOn(rect.center().x(), rect.top() + shown.height() / 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitted:
            self.fit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by_hand(self.zoom() * ZOOM_STEP**steps)
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
