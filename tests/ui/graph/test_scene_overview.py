"""The overview's polygons and paths read in one go from bytes: the same as made one by one."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

from netdesk.ui.graph.scene_overview import lines_path, points_polygon


def test_a_polygon_read_from_bytes_holds_the_points_given():
    points = [(0.0, 0.0), (1.5, -2.25), (1e6, 3.0)]
    polygon = points_polygon(points)
    assert [(p.x(), p.y()) for p in polygon.toList()] == points
    assert points_polygon([]).isEmpty()


def test_lines_read_as_one_path_are_drawn_as_the_lines_one_by_one():
    starts = [(10.0, 10.0), (50.0, 12.5), (30.0, 90.0), (95.0, 5.0)]
    ends = [(40.0, 60.0), (52.0, 70.0), (31.0, 20.0), (5.0, 95.0)]
    path = lines_path(starts, ends)
    assert path.elementCount() == 8
    element = path.elementAt(2)
    assert element.type == QPainterPath.ElementType.MoveToElement
    assert (element.x, element.y) == starts[1]
    assert lines_path([], []) is None

    def drawn(draw) -> bytes:
        image = QImage(100, 100, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(0, 0, 0, 60), 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        draw(painter)
        painter.end()
        return bytes(image.constBits())

    one_by_one = drawn(lambda p: p.drawLines([QLineF(QPointF(*a), QPointF(*b))
                                              for a, b in zip(starts, ends, strict=True)]))
    assert drawn(lambda p: p.drawPath(path)) == one_by_one
