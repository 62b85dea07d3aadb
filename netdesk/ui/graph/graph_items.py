"""What the referral graph draws with: stage colours, relationship shapes, the legend widget.

The shapes are made once each and shared: the scene's tiles place copies of them
side by side in one path per shape and colour (see :mod:`netdesk.ui.graph.scene`).
"""

from __future__ import annotations

import math
from functools import cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolButton, QWidget

from netdesk.core.vocabulary import RELATIONSHIP_LABELS, STAGE_LABELS
from netdesk.db.models import RELATIONSHIPS, STAGES
from netdesk.ui.common import theme

NODE_SIZE = 24.0
ME_SIZE = 38.0
GROUP_SIZE = 20.0

STAGE_COLOURS = theme.LIGHT.stages
"""The stage colours of the light theme; :func:`stage_brush` picks light or dark."""
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
HIGHLIGHT = theme.LIGHT.graph_highlight  # orange reads on light and dark backgrounds alike


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


def stage_brush(stage: str, palette: QPalette | None = None) -> QBrush:
    """The fill of a node at ``stage``, in the theme of ``palette`` (the application's)."""
    return _stage_brush(stage, theme.is_dark(palette))


@cache
def _stage_brush(stage: str, dark: bool) -> QBrush:
    return QBrush((theme.DARK if dark else theme.LIGHT).stage(stage))


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
        pen.setColor(QColor(theme.colours(palette).cross_edge))
    return pen


class GraphLegend(QWidget):
    """The key to colours (pipeline stage) and shapes (relationship), drawn over the view.

    A click folds it to its title line and back. Until the user chooses, it
    folds itself when the view is so small that it would cover more than half
    of its height (or width). It stays anchored at its bottom-left corner.

    Attributes:
        folded: True, False, or None (fold when the view is small).
    """

    PAD = 6
    folded_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.folded: bool | None = None
        self.setAccessibleName("Graph legend")
        self.setToolTip("Click the title to fold or unfold the legend")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.fold_button = QToolButton(self)
        self.fold_button.setAutoRaise(True)
        self.fold_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.fold_button.clicked.connect(lambda: self.set_folded(not self.is_folded()))
        self.resize(self.sizeHint())
        self._update_button()

    def _update_button(self) -> None:
        folded = self.is_folded()
        button = self.fold_button
        button.setArrowType(Qt.ArrowType.RightArrow if folded else Qt.ArrowType.DownArrow)
        button.setAccessibleName("Unfold the legend" if folded else "Fold the legend")
        button.setToolTip(button.accessibleName())
        side = self._row() - 2
        button.setGeometry(self.PAD - 2, self.PAD + 1, side, side)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_button()

    # Measures (from the font) ------------------------------------------------------------------

    def _row(self) -> int:
        return self.fontMetrics().height() + 6

    def _column(self, column: int) -> int:
        metrics = self.fontMetrics()
        labels = [STAGE_LABELS[s] for s in STAGES] if column == 0 else \
            [RELATIONSHIP_LABELS[r] for r in RELATIONSHIPS]
        title = self._titles()[column]
        return max([metrics.horizontalAdvance(t) for t in labels] +
                   [metrics.horizontalAdvance(title) + (self._row() if column == 0 else 0)]) \
            + 2 * metrics.height() + self.PAD

    @staticmethod
    def _titles() -> tuple[str, str]:
        return ("Pipeline stage", "Relationship")

    def _full_size(self) -> QSize:
        rows = max(len(STAGES), len(RELATIONSHIPS)) + 1
        return QSize(self._column(0) + self._column(1) + 2 * self.PAD,
                     rows * self._row() + 2 * self.PAD)

    def _folded_size(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("Legend") + 2 * self.PAD + 2 * self._row(),
                     self._row() + 2 * self.PAD)

    def is_folded(self) -> bool:
        if self.folded is not None:
            return self.folded
        view = self.parentWidget()
        if view is None:
            return False
        area = view.size()
        full = self._full_size()
        return full.height() > 0.4 * area.height() or full.width() > 0.35 * area.width()

    def sizeHint(self) -> QSize:  # noqa: N802
        return self._folded_size() if self.is_folded() else self._full_size()

    def set_folded(self, folded: bool) -> None:
        """Fold (or unfold) the legend, keeping its bottom-left corner where it is."""
        self.folded = folded
        bottom_left = self.geometry().bottomLeft()
        size = self.sizeHint()
        self.setGeometry(bottom_left.x(), bottom_left.y() - size.height() + 1, size.width(),
                         size.height())
        self._update_button()
        self.update()
        self.folded_changed.emit(self.is_folded())

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.set_folded(not self.is_folded())
            event.accept()
        else:
            super().mousePressEvent(event)

    # Painting ------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        background = palette.color(QPalette.ColorRole.Base)
        background.setAlpha(235)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        text = palette.color(QPalette.ColorRole.Text)
        bold = QFont(painter.font())
        bold.setBold(True)
        normal = QFont(painter.font())
        row = self._row()
        if self.is_folded():
            painter.setFont(bold)
            painter.setPen(text)
            painter.drawText(QRectF(self.PAD + row, self.PAD, self.width() - 2 * self.PAD - row,
                                    row), Qt.AlignmentFlag.AlignVCenter, "Legend")
            painter.end()
            return
        left = (self.PAD, self.PAD + self._column(0))
        for column, title in enumerate(self._titles()):
            painter.setFont(bold)
            painter.setPen(text)
            indent = row if column == 0 else 0  # room for the fold button
            painter.drawText(QRectF(left[column] + indent, self.PAD, self._column(column),
                                    row), Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(normal)
        pen = outline_pen(palette)
        for index, stage in enumerate(STAGES, start=1):
            self._chip(painter, left[0], self.PAD + index * row, stage)
        neutral = QColor(palette.color(QPalette.ColorRole.Mid))
        size = self.fontMetrics().height() * 0.8
        for index, relationship in enumerate(RELATIONSHIPS, start=1):
            y = self.PAD + index * row
            painter.save()
            painter.translate(left[1] + size / 2 + 2, y + row / 2)
            painter.setPen(pen)
            painter.setBrush(QBrush(neutral))
            painter.drawPath(shape_path(RELATIONSHIP_SHAPES[relationship], size))
            painter.restore()
            painter.setPen(text)
            painter.drawText(QRectF(left[1] + size + 8, y, self._column(1) - size - 8, row),
                             Qt.AlignmentFlag.AlignVCenter, RELATIONSHIP_LABELS[relationship])
        painter.end()

    def _chip(self, painter: QPainter, x: float, y: float, stage: str) -> None:
        """A stage as a chip: its label on its node colour."""
        metrics = self.fontMetrics()
        fill = stage_brush(stage, self.palette()).color()
        label = STAGE_LABELS[stage]
        chip = QRectF(x, y + 2, metrics.horizontalAdvance(label) + metrics.height(),
                      self._row() - 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(chip, chip.height() / 2, chip.height() / 2)
        painter.setPen(theme.text_on(fill))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, label)
