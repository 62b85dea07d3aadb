"""What the referral graph draws with: stage colours, relationship shapes, the legend widget.

The shapes are made once each and shared: the scene's tiles place copies of them
side by side in one path per shape and colour (see :mod:`netdesk.ui.graph.scene`).
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from netdesk.core.vocabulary import RELATIONSHIP_LABELS, STAGE_LABELS
from netdesk.db.models import RELATIONSHIPS, STAGES

NODE_SIZE = 24.0
ME_SIZE = 38.0
GROUP_SIZE = 20.0

STAGE_COLOURS = {
    "to_contact": "#9aa5b1",
    "contacted": "#4a90d9",
    "meeting_set": "#f0a030",
    "interviewed": "#3cb371",
    "thanked": "#20b2aa",
    "keeping_in_touch": "#8e6bd1",
    "declined": "#d9534f",
}
RELATIONSHIP_SHAPES = {
    "referral": "circle",
    "family": "star",
    "friend": "heart",
    "neighbour": "house",
    "coworker": "square",
    "classmate": "triangle",
    "professor": "diamond",
    "acquaintance": "hexagon",
    "other": "down_triangle",
}
HIGHLIGHT = "#ff8c1a"
CROSS_EDGE = "#7f8fa6"


def _polygon(points: list[tuple[float, float]], size: float) -> QPainterPath:
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF(x * size / 2, y * size / 2) for x, y in points]))
    path.closeSubpath()
    return path


def _regular(sides: int, size: float, turn: float = 0.0) -> QPainterPath:
    points = [(math.cos(turn + 2 * math.pi * i / sides), math.sin(turn + 2 * math.pi * i / sides))
              for i in range(sides)]
    return _polygon(points, size)


@cache
def shape_path(shape: str, size: float = NODE_SIZE) -> QPainterPath:
    """The outline of a node of ``shape``, centred on (0, 0), ``size`` across."""
    half = size / 2
    if shape == "circle":
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), half, half)
        return path
    if shape == "square":
        path = QPainterPath()
        path.addRect(QRectF(-half * 0.85, -half * 0.85, size * 0.85, size * 0.85))
        return path
    if shape == "rounded":
        path = QPainterPath()
        path.addRoundedRect(QRectF(-half * 1.3, -half * 0.8, size * 1.3, size * 0.8), 6, 6)
        return path
    if shape == "diamond":
        return _polygon([(0, -1.1), (1.1, 0), (0, 1.1), (-1.1, 0)], size)
    if shape == "triangle":
        return _polygon([(0, -1.1), (1.05, 0.8), (-1.05, 0.8)], size)
    if shape == "down_triangle":
        return _polygon([(0, 1.1), (1.05, -0.8), (-1.05, -0.8)], size)
    if shape == "hexagon":
        return _regular(6, size * 1.05)
    if shape == "house":
        return _polygon([(0, -1.05), (0.95, -0.2), (0.95, 0.9), (-0.95, 0.9), (-0.95, -0.2)],
                        size)
    if shape == "star":
        points = []
        for i in range(10):
            radius = 1.15 if i % 2 == 0 else 0.5
            angle = -math.pi / 2 + i * math.pi / 5
            points.append((radius * math.cos(angle), radius * math.sin(angle)))
        return _polygon(points, size)
    if shape == "heart":
        s = half
        path = QPainterPath(QPointF(0, s * 0.95))
        path.cubicTo(QPointF(-s * 1.5, -s * 0.1), QPointF(-s * 0.7, -s * 1.25),
                     QPointF(0, -s * 0.45))
        path.cubicTo(QPointF(s * 0.7, -s * 1.25), QPointF(s * 1.5, -s * 0.1),
                     QPointF(0, s * 0.95))
        path.closeSubpath()
        return path
    raise ValueError(f"unknown shape {shape!r}")


@cache
def stage_brush(stage: str) -> QBrush:
    return QBrush(QColor(STAGE_COLOURS.get(stage, "#9aa5b1")))


def outline_pen(palette: QPalette) -> QPen:
    colour = palette.color(QPalette.ColorRole.Text)
    colour.setAlpha(150)
    pen = QPen(colour, 1.0)
    pen.setCosmetic(True)
    return pen


def edge_pen(palette: QPalette, dashed: bool = False, faint: bool = False) -> QPen:
    colour = palette.color(QPalette.ColorRole.Text)
    colour.setAlpha(60 if faint else 120)
    pen = QPen(colour, 1.0)
    pen.setCosmetic(True)
    if dashed:
        # Dots, not dashes: a dash pattern along a curve across a large graph is slow to
        # stroke even where it is clipped away.
        pen.setStyle(Qt.PenStyle.SolidLine)
        pen.setColor(QColor(CROSS_EDGE))
    return pen


class GraphLegend(QWidget):
    """The key to colours (pipeline stage) and shapes (relationship), drawn over the view."""

    ROW = 18
    COLUMN = 150

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Graph legend")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.resize(self.sizeHint())

    def sizeHint(self) -> QSize:
        rows = max(len(STAGES), len(RELATIONSHIPS)) + 1
        return QSize(2 * self.COLUMN + 16, rows * self.ROW + 16)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Base)
        background.setAlpha(225)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        text = palette.color(QPalette.ColorRole.Text)
        bold = painter.font()
        bold.setBold(True)
        normal = painter.font()
        for column, title in enumerate(("Pipeline stage", "Relationship")):
            painter.setFont(bold)
            painter.setPen(text)
            painter.drawText(QRectF(8 + column * self.COLUMN, 6, self.COLUMN, self.ROW),
                             Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(normal)
        pen = outline_pen(palette)
        neutral = QColor(palette.color(QPalette.ColorRole.Mid))
        for row, stage in enumerate(STAGES, start=1):
            self._entry(painter, 0, row, shape_path("circle", 12.0), stage_brush(stage), pen,
                        STAGE_LABELS[stage], text)
        for row, relationship in enumerate(RELATIONSHIPS, start=1):
            self._entry(painter, 1, row, shape_path(RELATIONSHIP_SHAPES[relationship], 12.0),
                        QBrush(neutral), pen, RELATIONSHIP_LABELS[relationship], text)
        painter.end()

    def _entry(self, painter: QPainter, column: int, row: int, path: QPainterPath,
               brush: QBrush, pen: QPen, label: str, text: QColor) -> None:
        x = 8 + column * self.COLUMN
        y = 6 + row * self.ROW
        painter.save()
        painter.translate(x + 8, y + self.ROW / 2)
        painter.setPen(pen)
        painter.setBrush(brush)
        painter.drawPath(path)
        painter.restore()
        painter.setPen(text)
        painter.drawText(QRectF(x + 22, y, self.COLUMN - 24, self.ROW),
                         Qt.AlignmentFlag.AlignVCenter, label)
