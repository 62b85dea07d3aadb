"""The whole referral graph written to a file, every name shown: a PNG picture or an SVG drawing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter

from netdesk.ui.graph.scene import GraphDrawing


def _render(drawing: GraphDrawing, painter: QPainter, target: QRectF) -> None:
    """Draw the whole graph with every name, whatever the zoom on screen."""
    ring = drawing.selection_ring.isVisible()
    drawing.selection_ring.setVisible(False)
    drawing.exporting = True  # every shape and name, names as text
    try:
        drawing.scene.render(painter, target, drawing.content_rect)
    finally:
        drawing.exporting = False
        drawing.selection_ring.setVisible(ring)


def export_png(drawing: GraphDrawing, path: str | Path, background: QColor,
               max_side: int = 8000) -> None:
    """Write the whole graph as a PNG (up to ``max_side`` pixels on its longer side)."""
    source = drawing.content_rect
    scale = min(2.0, max_side / max(source.width(), source.height(), 1.0))
    size = QSize(max(1, int(source.width() * scale)), max(1, int(source.height() * scale)))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing
                           | QPainter.RenderHint.TextAntialiasing)
    _render(drawing, painter, QRectF(image.rect()))
    painter.end()
    if not image.save(str(path), "PNG"):
        raise OSError(f"Could not write {path}")


def export_svg(drawing: GraphDrawing, path: str | Path, background: QColor) -> None:
    """Write the whole graph as an SVG drawing."""
    from PySide6.QtSvg import QSvgGenerator

    source = drawing.content_rect
    page = QRectF(0, 0, source.width(), source.height())
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(source.size().toSize())
    generator.setViewBox(page)
    generator.setTitle("Referral graph")
    generator.setDescription("Who referred whom, drawn by netdesk")
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"Could not write {path}")
    painter.fillRect(page, background)
    _render(drawing, painter, page)
    painter.end()
    if not Path(path).exists():
        raise OSError(f"Could not write {path}")
