"""Graphics items of the chart: a node, an edge, the handles to start a connection, and the
inline text editor. Items only draw what the document says; they never change it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPolygonF,
    QTextOption,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from gwgk_desktop.domain.flowchart_geometry import (
    LINE_HEIGHT,
    SMALL_LINE_HEIGHT,
    arrow_head,
    node_text,
    port,
    size_of,
    text_top,
)
from gwgk_desktop.domain.flowchart_routing import EdgeRoute
from gwgk_desktop.domain.models import FlowNode
from gwgk_desktop.gui.flowchart import style
from gwgk_desktop.gui.text import fmt

HANDLE_RADIUS = 5.0
HANDLE_HIT = 9.0
SIDES = ("T", "B", "L", "R")


class NodeItem(QGraphicsItem):
    """One node: its shape, its text lines, a selection and problem outline, and, while
    the mouse is over it in an editable chart, four handles to drag a connection from."""

    def __init__(self, node: FlowNode) -> None:
        super().__init__()
        self.key = node.key
        self.node = node
        self.problems: list[str] = []
        self.editable = True
        self.highlighted = False  # the target under a connection being dragged
        self._hover = False
        self._path = QPainterPath()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self.update_from(node)

    def update_from(self, node: FlowNode) -> None:
        self.prepareGeometryChange()
        self.node = node
        self._path = style.node_path(node)
        self.setPos(node.x, node.y)
        self._refresh_tooltip()
        self.update()

    def set_problems(self, problems: list[str]) -> None:
        if problems != self.problems:
            self.problems = problems
            self._refresh_tooltip()
            self.update()

    def _refresh_tooltip(self) -> None:
        tips = [
            fmt(
                QCoreApplication.translate("NodeItem", "%1：%2"),
                self.node.kind.label,
                self.node.text,
            )
        ]
        tips += [f"⚠ {p}" for p in self.problems]
        self.setToolTip("\n".join(tips))

    def size(self) -> tuple[float, float]:
        size = size_of(self.node)
        return size.width, size.height

    def boundingRect(self) -> QRectF:
        w, h = self.size()
        margin = HANDLE_HIT + 2
        return QRectF(-w / 2 - margin, -h / 2 - margin, w + 2 * margin, h + 2 * margin)

    def shape(self) -> QPainterPath:
        return self._path

    def handle_points(self) -> dict[str, QPointF]:
        local = FlowNode(
            self.key,
            self.node.kind,
            self.node.text,
            self.node.post,
            self.node.time_limit_days,
            0.0,
            0.0,
        )
        return {side: QPointF(*port(local, side)) for side in SIDES}

    def handle_at(self, local_pos: QPointF) -> str | None:
        """The side whose connection handle is under ``local_pos`` (item coordinates)."""
        if not self.editable:
            return None
        for side, point in self.handle_points().items():
            if (point - local_pos).manhattanLength() <= HANDLE_HIT * 1.4:
                return side
        return None

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hover = False
        self.update()
        super().hoverLeaveEvent(event)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QBrush(style.fill(self.node.kind)))
        painter.setPen(style.pen())
        painter.drawPath(self._path)
        self._paint_text(painter)
        if self.problems:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(style.pen(style.PROBLEM, 2.0, Qt.PenStyle.DashLine))
            painter.drawPath(self._path)
            self._paint_badge(painter)
        if self.isSelected() or self.highlighted:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(style.pen(style.SELECTED, 2.5))
            painter.drawPath(self._path)
        if self._hover and self.editable:
            painter.setPen(style.pen(style.HANDLE, 1.0))
            painter.setBrush(QBrush(QColor("#FFFFFF")))
            for point in self.handle_points().values():
                painter.drawEllipse(point, HANDLE_RADIUS, HANDLE_RADIUS)

    def _paint_text(self, painter: QPainter) -> None:
        block = node_text(self.node)
        w, _ = self.size()
        top = text_top(self.node) - self.node.y
        painter.setPen(style.LINE)
        painter.setFont(style.font())
        for i, line in enumerate(block.lines):
            rect = QRectF(-w / 2, top + i * LINE_HEIGHT, w, LINE_HEIGHT)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, line)
        top += len(block.lines) * LINE_HEIGHT
        painter.setPen(style.DETAIL)
        painter.setFont(style.small_font())
        for i, line in enumerate(block.detail):
            rect = QRectF(-w / 2, top + i * SMALL_LINE_HEIGHT, w, SMALL_LINE_HEIGHT)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, line)

    def _paint_badge(self, painter: QPainter) -> None:
        w, h = self.size()
        centre = QPointF(w / 2 - 4, -h / 2 + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(style.PROBLEM))
        painter.drawEllipse(centre, 7, 7)
        painter.setPen(QColor("#FFFFFF"))
        painter.setFont(style.small_font())
        painter.drawText(
            QRectF(centre.x() - 7, centre.y() - 7, 14, 14), Qt.AlignmentFlag.AlignCenter, "!"
        )


class EdgeItem(QGraphicsItem):
    """One edge: its routed line, arrow head and label, outlined when selected or wrong."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.route: EdgeRoute | None = None
        self.problems: list[str] = []
        self._line = QPainterPath()
        self._shape = QPainterPath()
        self._bounds = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setZValue(0)

    def set_route(self, route: EdgeRoute | None) -> None:
        if route == self.route:
            return
        self.prepareGeometryChange()
        self.route = route
        line = QPainterPath()
        if route is not None:
            line.moveTo(*route.points[0])
            for point in route.points[1:]:
                line.lineTo(*point)
        self._line = line
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        shape = stroker.createStroke(line)
        if route is not None and route.label is not None:
            shape.addRect(self.label_rect())
        self._shape = shape
        self._bounds = shape.boundingRect().adjusted(-4, -4, 4, 4)
        self.update()

    def set_problems(self, problems: list[str]) -> None:
        if problems != self.problems:
            self.problems = problems
            self.setToolTip("\n".join(f"⚠ {p}" for p in problems))
            self.update()

    def label_rect(self) -> QRectF:
        assert self.route is not None and self.route.label is not None
        box = self.route.label
        return QRectF(box.x - box.width / 2, box.y - box.height / 2, box.width, box.height)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        if self.route is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        color = style.LINE
        width = 1.0
        if self.problems:
            color, width = style.PROBLEM, 1.8
        if self.isSelected():
            color, width = style.SELECTED, 2.2
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(style.pen(color, width))
        painter.drawPath(self._line)
        head = arrow_head(self.route.points[-1], self.route.points[-2])
        painter.setBrush(QBrush(color))
        painter.setPen(style.pen(color, 0.3))
        painter.drawPolygon(QPolygonF([QPointF(head[i], head[i + 1]) for i in (0, 2, 4)]))
        if self.route.label is not None:
            rect = self.label_rect()
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(QColor("#FFFFFF")))
            painter.drawRect(rect)
            painter.setPen(color)
            painter.setFont(style.small_font())
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.route.label.text)


class InlineEditor(QGraphicsTextItem):
    """Edits a node's text or an edge's label in place, wrapped to the node's width.
    Enter (or clicking elsewhere) commits, Shift+Enter starts a new line, Esc cancels.

    Signals: ``committed(str)`` with the new text, ``cancelled()``.
    """

    committed = Signal(str)
    cancelled = Signal()

    def __init__(self, text: str, width: float, multiline: bool) -> None:
        super().__init__()
        self._done = False
        self.multiline = multiline
        self.setPlainText(text)
        self.setFont(style.font())
        self.setTextWidth(width)
        option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setZValue(10)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, True)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        painter.setPen(style.pen(style.SELECTED, 1.0))
        painter.setBrush(QBrush(QColor("#FFFFFF")))
        painter.drawRect(self.boundingRect())
        super().paint(painter, option, widget)  # type: ignore[arg-type]

    def start(self) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.textCursor()
        cursor.select(cursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def finish(self, commit: bool) -> None:
        if self._done:
            return
        self._done = True
        if commit:
            self.committed.emit(self.toPlainText().strip())
        else:
            self.cancelled.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.finish(False)
            return
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (self.multiline and shift):
            self.finish(True)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finish(True)
