"""The tile items: one cell's edges, or its nodes and names, painted in a few calls."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPainter, QPainterPath, QPen, QPolygonF, QStaticText
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from netdesk.ui.graph.graph_items import GROUP_SIZE, ME_SIZE, NODE_SIZE
from netdesk.ui.graph.scene_measures import (
    CLUSTER_SIZE,
    CROSS,
    CURVE,
    LABEL_LOD,
    LABEL_WIDTH,
    ME_KIND,
    SHAPE_LOD,
)
from netdesk.ui.graph.scene_plan import piece_points

if TYPE_CHECKING:
    from netdesk.ui.graph.scene import GraphDrawing


def polyline_distance(px: float, py: float, points: tuple[float, ...]) -> float:
    return min(_segment_distance(px, py, points[i], points[i + 1], points[i + 2], points[i + 3])
               for i in range(0, len(points) - 2, 2))


def _segment_distance(px: float, py: float, x1: float, y1: float, x2: float,
                      y2: float) -> float:
    dx, dy = x2 - x1, y2 - y1
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / length))
    return math.hypot(px - (x1 + t * dx), py - (y1 + t * dy))


def cluster_path() -> QPainterPath:
    """Three overlapping discs: many people in one node."""
    path = QPainterPath()
    r = CLUSTER_SIZE / 4
    for dx, dy in ((-r * 0.9, r * 0.45), (r * 0.9, r * 0.45), (0.0, -r * 0.6)):
        path.addEllipse(QPointF(dx, dy), r * 1.05, r * 1.05)
    path.setFillRule(Qt.FillRule.WindingFill)
    return path.simplified()  # one outline round the three


# Tiles ----------------------------------------------------------------------------------


class Tile(QGraphicsItem):
    """One cell's worth of painting, with the real bounds of what it paints."""

    def __init__(self, drawing: GraphDrawing, key: tuple[int, int], bounds: list[float]):
        super().__init__()
        self.drawing, self.key = drawing, key
        self.rect = QRectF(bounds[0], bounds[1], bounds[2] - bounds[0], bounds[3] - bounds[1])
        self.cache = None

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self.rect

    def forget(self) -> None:
        """Build again what is painted (after a patch), and paint it."""
        self.cache = None
        self.update()


class EdgeTile(Tile):
    """The edges that end in one cell: faint lines under groups, referrals, cross-links."""

    def __init__(self, drawing, key, bounds, edges: list[tuple]):
        super().__init__(drawing, key, bounds)
        self.edges = edges

    def _build(self) -> list[tuple[QPen, QPainterPath]]:
        paths = [QPainterPath(), QPainterPath(), QPainterPath()]
        for piece in self.edges:
            points = piece_points(piece)
            kind = piece[4]
            path = paths[CROSS if kind == CURVE else kind]
            path.moveTo(points[0], points[1])
            for i in range(2, len(points), 2):
                path.lineTo(points[i], points[i + 1])
        pens = self.drawing.edge_pens
        return [(pens[kind], path) for kind, path in enumerate(paths) if not path.isEmpty()]

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        self.drawing.painted(self)
        if self.cache is None:
            self.cache = self._build()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for pen, path in self.cache:
            painter.setPen(pen)
            painter.drawPath(path)

    def referral_near(self, px: float, py: float, reach: float) -> int | None:
        best, best_distance = None, reach
        for piece in self.edges:
            referral = piece[5]
            if referral is not None:
                distance = polyline_distance(px, py, piece_points(piece))
                if distance <= best_distance:
                    best, best_distance = referral, distance
        return best


class NodeTile(Tile):
    """The nodes in one cell and their names: shapes, or dots when far out; names when
    readable. Each of the three is built the first time it is painted."""

    def __init__(self, drawing, key, bounds, indices: list[int]):
        super().__init__(drawing, key, bounds)
        self.indices = indices
        self.shapes = self.dots = self.labels = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def forget(self) -> None:
        self.shapes = self.dots = self.labels = None
        super().forget()

    def _build_shapes(self) -> list[tuple]:
        """One path per (kind, stage, faded): the shapes of those nodes side by side."""
        d = self.drawing
        xs, ys, kinds, stages, faded, paths = d.xs, d.ys, d.kinds, d.stages, d.faded, \
            d.kind_paths
        shapes: dict[tuple, QPainterPath] = {}
        for n in self.indices:
            kind = kinds[n]
            key = (kind, stages[n], n in faded)
            path = shapes.get(key)
            if path is None:
                path = shapes[key] = QPainterPath()
                path.setFillRule(Qt.FillRule.WindingFill)
            path.addPath(paths[kind].translated(xs[n], ys[n]))
        return [(d.node_brush(kind, stage), 0.35 if fade else 1.0, path)
                for (kind, stage, fade), path in shapes.items()]

    def _build_dots(self) -> list[tuple]:
        """One batch of points per (colour, size, faded): Me, groups and clusters larger,
        in their own colours."""
        d = self.drawing
        xs, ys, kinds, stages, faded = d.xs, d.ys, d.kinds, d.stages, d.faded
        dots: dict[tuple, QPolygonF] = {}
        for n in self.indices:
            kind = kinds[n]
            key = (min(kind, ME_KIND + 1), stages[n], n in faded)  # groups and clusters alike
            polygon = dots.get(key)
            if polygon is None:
                polygon = dots[key] = QPolygonF()
            polygon.append(QPointF(xs[n], ys[n]))
        result = []
        for (kind, stage, fade), polygon in dots.items():
            pen = QPen(d.node_brush(kind, stage).color(),
                       NODE_SIZE if kind < ME_KIND else ME_SIZE if kind == ME_KIND else GROUP_SIZE)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            result.append((pen, 0.35 if fade else 1.0, polygon))
        return result

    def _build_labels(self) -> list[tuple]:
        d = self.drawing
        result = []
        for n in self.indices:
            top = d.ys[n] + d.label_offset(n)
            for line in d.label_lines(n):
                text = QStaticText(line)
                text.setTextFormat(Qt.TextFormat.PlainText)
                text.prepare(font=d.label_font)
                width = d.metrics.horizontalAdvance(line)
                result.append((d.xs[n] - width / 2, top, text, line, n))
                top += d.line_height
        return result

    def paint(self, painter: QPainter, option, _widget=None) -> None:
        d = self.drawing
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        d.painted(self)
        if d.small:
            self._paint_faces(painter)
            return  # the names are the label layer's
        if d.exporting or lod >= SHAPE_LOD:
            if self.shapes is None:
                self.shapes = self._build_shapes()
            painter.setPen(d.outline)
            for brush, opacity, path in self.shapes:
                painter.setOpacity(opacity)
                painter.setBrush(brush)
                painter.drawPath(path)
        else:
            if self.dots is None:
                self.dots = self._build_dots()
            for pen, opacity, polygon in self.dots:
                painter.setOpacity(opacity)
                painter.setPen(pen)
                painter.drawPoints(polygon)
        painter.setOpacity(1.0)
        if d.exporting or (d.labels_shown and lod >= LABEL_LOD):
            self._paint_labels(painter, option.exposedRect)

    def _paint_faces(self, painter: QPainter) -> None:
        """A small graph's nodes: each person as their initials on their own colour, ringed
        in the colour of their stage, with their relationship's shape as a badge; Me, groups
        and clusters in their shapes. All at least MIN_FACE_PX across on screen."""
        d = self.drawing
        scale = d.node_scale
        half = NODE_SIZE / 2
        face = QRectF(-half, -half, NODE_SIZE, NODE_SIZE)
        font = QFont(d.label_font)
        font.setBold(True)
        font.setPixelSize(10)
        for n in self.indices:
            kind = d.kinds[n]
            painter.save()
            painter.translate(d.xs[n], d.ys[n])
            painter.scale(scale, scale)
            painter.setOpacity(0.35 if n in d.faded else 1.0)
            if kind < ME_KIND:
                look = d.avatar_of(n)
                ring = QPen(d.node_brush(kind, d.stages[n]).color(), 3.0)
                painter.setPen(ring)
                painter.setBrush(look.colour)
                painter.drawEllipse(face.adjusted(1.5, 1.5, -1.5, -1.5))
                painter.setPen(look.text)
                painter.setFont(font)
                painter.drawText(face, Qt.AlignmentFlag.AlignCenter, look.initials)
                painter.setPen(d.outline)
                painter.setBrush(d.neutral)
                painter.drawPath(d.badge_paths[kind].translated(half * 0.8, half * 0.8))
            else:
                painter.setPen(d.outline)
                painter.setBrush(d.node_brush(kind, d.stages[n]))
                painter.drawPath(d.kind_paths[kind])
                if kind == ME_KIND:
                    painter.setPen(d.me_text)
                    painter.setFont(font)
                    painter.drawText(QRectF(-ME_SIZE / 2, -ME_SIZE / 2, ME_SIZE, ME_SIZE),
                                     Qt.AlignmentFlag.AlignCenter, "Me")
            painter.restore()

    def _paint_labels(self, painter: QPainter, exposed: QRectF) -> None:
        d = self.drawing
        if self.labels is None:
            self.labels = self._build_labels()
        painter.setPen(d.text_colour)
        painter.setFont(d.label_font)
        left, top = exposed.left() - LABEL_WIDTH, exposed.top() - d.line_height
        right, bottom = exposed.right(), exposed.bottom()
        faded, ascent = d.faded, d.metrics.ascent()
        opacity = 1.0
        for x, y, text, line, n in self.labels:
            if x < left or x > right or y < top or y > bottom:
                continue
            wanted = 0.5 if n in faded else 1.0
            if wanted != opacity:
                opacity = wanted
                painter.setOpacity(opacity)
            if d.exporting:
                painter.drawText(QPointF(x, y + ascent), line)  # real text in an SVG
            else:
                painter.drawStaticText(QPointF(x, y), text)
        painter.setOpacity(1.0)
