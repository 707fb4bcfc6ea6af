"""PNG and SVG pictures of the chart as the editor draws it (without selection marks or
handles). The PDF drawing (``pdf.flowchart``) and ``gwgk flowchart export`` make the same
chart without Qt."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from gwgk_desktop.domain.models import Flowchart
from gwgk_desktop.gui.flowchart.items import EdgeItem, NodeItem
from gwgk_desktop.gui.flowchart.scene import FlowchartScene

MARGIN = 20.0


def _clean_render(scene: FlowchartScene, painter: QPainter, target: QRectF, source: QRectF) -> None:
    selected = scene.selectedItems()
    items: list[NodeItem | EdgeItem] = [*scene.node_items.values(), *scene.edge_items.values()]
    marks = {item: item.problems for item in items}
    for chosen in selected:
        chosen.setSelected(False)
    for item in items:
        item.set_problems([])
    try:
        scene.render(painter, target, source)
    finally:
        for item in items:
            item.set_problems(marks[item])
        for chosen in selected:
            chosen.setSelected(True)


def _source(scene: FlowchartScene) -> QRectF:
    return scene.chart_rect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def export_png(scene: FlowchartScene, path: Path, scale: float = 2.0) -> Path:
    source = _source(scene)
    size = QSize(max(1, round(source.width() * scale)), max(1, round(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    _clean_render(scene, painter, QRectF(0, 0, size.width(), size.height()), source)
    painter.end()
    if not image.save(str(path)):
        raise OSError(f"cannot write {path}")
    return path


def export_svg(scene: FlowchartScene, path: Path, title: str = "") -> Path:
    source = _source(scene)
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title or QCoreApplication.translate("FlowchartExport", "审批程序流程图"))
    painter = QPainter(generator)
    _clean_render(scene, painter, QRectF(0, 0, source.width(), source.height()), source)
    painter.end()
    if not path.exists():
        raise OSError(f"cannot write {path}")
    return path


def chart_png(chart: Flowchart, path: Path, scale: float = 2.0) -> Path:
    """A PNG of ``chart`` as the editor draws it, for ``gwgk flowchart export`` (reportlab
    cannot rasterise without cairo; Qt can, offscreen, with no window shown)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from gwgk_desktop.gui.application import make_application
    from gwgk_desktop.gui.flowchart.document import FlowchartDocument

    make_application()
    document = FlowchartDocument()
    document.load(chart)
    scene = FlowchartScene(document, lambda _command: None)
    return export_png(scene, path, scale)
