"""The overview: the whole graph as one picture, in a scene of its own, for far out."""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Iterable
from itertools import chain, compress, repeat
from operator import eq, itemgetter

from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QLineF, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from netdesk.core.graph import ME, Forest, ReferralGraph
from netdesk.core.graph_layout import Layout
from netdesk.ui.graph.graph_items import ME_SIZE, NODE_SIZE, edge_pen, stage_brush
from netdesk.ui.graph.scene_measures import (
    CLUSTER_KIND,
    OVERVIEW_LOD,
    OVERVIEW_MAX_SIDE,
    Z_HIGHLIGHT,
    Z_LABELS,
    Z_OVERLAY,
    content_rect_of,
)


class Picture(QGraphicsItem):
    """An image stretched over ``rect`` (the overview), drawn straight from the image: no
    copy into a pixmap."""

    def __init__(self, image: QImage, rect: QRectF):
        super().__init__()
        self.image, self.rect = image, QRectF(rect)

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt's name)
        return self.rect

    def paint(self, painter: QPainter, _option, _widget=None) -> None:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self.rect, self.image)


NAME_GAP_PX = 6
"""Between a name on the overview and its node's dot, in pixels."""


def picture_scene(parent: QObject, scene_rect: QRectF, background: QBrush | QColor,
                  image: QImage, rect: QRectF, names: Iterable[tuple[str, float, float, bool]],
                  font: QFont, colour: QColor) -> tuple[QGraphicsScene, Picture]:
    """A scene of ``image`` stretched over ``rect`` (the whole graph far out) and ``names``
    at their nodes, kept readable however far out: (text, x, y, above) each, centred on the
    node, above it (Me's, over the groups' row) or below it."""
    scene = QGraphicsScene(parent)
    scene.setSceneRect(scene_rect)
    scene.setBackgroundBrush(background)
    picture = Picture(image, rect)
    scene.addItem(picture)
    for text, x, y, above in names:
        name = QGraphicsSimpleTextItem(text)
        name.setBrush(colour)
        name.setFont(font)
        name.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        box = name.boundingRect()
        # In pixels, about the node (the item ignores the view's zoom, not its own transform).
        name.setTransform(QTransform.fromTranslate(
            -box.width() / 2, -box.height() - NAME_GAP_PX if above else NAME_GAP_PX))
        name.setPos(x, y)
        name.setZValue(Z_LABELS)
        scene.addItem(name)
    return scene, picture


class OverviewMixin:
    """The overview scene of a :class:`~netdesk.ui.graph.scene.GraphDrawing`."""

    def overview_scene(self) -> QGraphicsScene:
        if self.overview is None:
            self.overview = self._make_overview()
            self.place_selection(self.selected)
            self.highlight_paths(self.highlighted)
        return self.overview

    def _make_overview(self) -> QGraphicsScene:
        """Every edge and node drawn once into an image, in a scene of its own, so switching
        costs the same for ten people or ten thousand: the view just shows the other scene."""
        rect = self.content_rect
        image = self._overview_image
        if image is None:
            image = overview_image(self.graph, self.forest, self.layout, self.layout_kind,
                                   self.palette, rect)
        self._overview_image = None  # the scene's picture holds it from now on
        # Me and the relationship groups keep a readable name however far out.
        ids, nodes = self.ids, self.nodes
        # Those nodes all have a name held (people's come from the graph): not a look at
        # every node.
        names = [(self.label_text(ids[n]), self.xs[n], self.ys[n], ids[n] == ME)
                 for n in sorted(n for n in self.names if ids[n] <= 0 and nodes.get(ids[n]) == n)
                 if self.kinds[n] != CLUSTER_KIND]
        scene, self.overview_picture = picture_scene(
            self.parent, self.scene.sceneRect(), self.scene.backgroundBrush(), image, rect,
            names, self.label_font, self.text_colour)
        # Rings of a fixed size on screen, for the selection and highlighted paths.
        self.overview_ring = QGraphicsEllipseItem(-9, -9, 18, 18)
        self.overview_ring.setPen(self.selection_ring.pen())
        self.overview_ring.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.overview_ring.setZValue(Z_OVERLAY)
        self.overview_ring.hide()
        scene.addItem(self.overview_ring)
        self.overview_highlight = QGraphicsPathItem()
        self.overview_highlight.setZValue(Z_HIGHLIGHT)
        scene.addItem(self.overview_highlight)
        return scene

    def _overview_dot(self, n: int, colour: QColor | None) -> None:
        """Paint node ``n`` again on the overview picture, in ``colour`` (None: rub it out),
        rather than drawing the whole picture again."""
        picture = getattr(self, "overview_picture", None) if self.overview else None
        target = picture.image if picture is not None else self._overview_image
        if target is None:
            return
        rect = self.content_rect
        scale = target.width() / max(1.0, rect.width())
        painter = QPainter(target)  # unsmoothed, as the picture's own dots
        painter.scale(scale, scale)
        painter.translate(-rect.left(), -rect.top())
        point = QPointF(self.xs[n], self.ys[n])
        if colour is None:
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
            colour = QColor(Qt.GlobalColor.transparent)
        pen = QPen(colour, max(NODE_SIZE, 5 / scale))
        pen.setCapStyle(Qt.PenCapStyle.SquareCap)
        painter.setPen(pen)
        painter.drawPoint(point)
        painter.end()
        if picture is not None:
            picture.update()


LINES_AT_ONCE = 4096


def points_polygon(points: Iterable[tuple[float, float]]) -> QPolygonF:
    """A polygon of ``points`` read in one go from their coordinates as bytes (a hundred
    thousand points in a few milliseconds; one QPointF object each takes fifteen times
    longer)."""
    coords = array("d", chain.from_iterable(points))
    data = QByteArray(struct.pack("=I", len(coords) // 2) + coords.tobytes())
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    stream.setByteOrder(NATIVE_ORDER)
    polygon = QPolygonF()
    stream >> polygon  # noqa: B015 (reads into the polygon)
    return polygon


_LINE = struct.Struct("=iddidd")
"""One line in QPainterPath's stream format: a move to (x, y), a line to (x, y)."""
_MOVE, _TO = QPainterPath.ElementType.MoveToElement.value, \
    QPainterPath.ElementType.LineToElement.value


def lines_path(starts: list[tuple[float, float]],
               ends: list[tuple[float, float]]) -> QPainterPath | None:
    """The lines from each start to its end as one path, read in one go from bytes; drawn
    with a cosmetic pen, it is the same to the pixel as the lines drawn one by one, and made
    three times faster. None if the path read is not the one written."""
    count = len(starts)
    if not count:
        return None
    body = b"".join(map(_LINE.pack, repeat(_MOVE), map(itemgetter(0), starts),
                        map(itemgetter(1), starts), repeat(_TO), map(itemgetter(0), ends),
                        map(itemgetter(1), ends)))
    # Elements, then where the last subpath starts and the fill rule.
    data = QByteArray(struct.pack("=i", 2 * count) + body + struct.pack("=ii", 0, 0))
    stream = QDataStream(data, QIODevice.OpenModeFlag.ReadOnly)
    stream.setByteOrder(NATIVE_ORDER)
    path = QPainterPath()
    stream >> path  # noqa: B015 (reads into the path)
    if stream.status() != QDataStream.Status.Ok or path.elementCount() != 2 * count:
        return None
    return path


NATIVE_ORDER = (QDataStream.ByteOrder.LittleEndian if sys.byteorder == "little"
                else QDataStream.ByteOrder.BigEndian)


def overview_image(graph: ReferralGraph, forest: Forest, layout: Layout, layout_kind: str,
                   palette: QPalette, rect: QRectF | None = None) -> QImage:
    """The whole graph as one picture: frames, tree edges and a dot per node (no text, so
    it may be drawn away from the window's thread)."""
    rect = rect if rect is not None else content_rect_of(layout)
    scale = min(OVERVIEW_LOD * 1.5, OVERVIEW_MAX_SIDE / max(rect.width(), rect.height()))
    image = QImage(max(1, int(rect.width() * scale)), max(1, int(rect.height() * scale)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(scale, scale)
    painter.translate(-rect.left(), -rect.top())
    positions = layout.positions
    if layout_kind == "tree":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
        for block in layout.blocks:
            if block.parent < 0:
                left, top, right, bottom = block.box
                painter.drawRoundedRect(QRectF(left, top, right - left, bottom - top)
                                        .adjusted(-40, -30, 40, 30), 60, 60)
    # Tree edges only: far out, the cross-links would hide the people.
    painter.setPen(edge_pen(palette, faint=True))
    # Lines a pixel wide and square dots a few pixels across, in a picture shown smaller
    # still: smoothing their edges shows on no screen, and took 12 of the picture's 160 ms
    # at 100,000 people. A dot painted again (_overview_dot) then covers the same pixels.
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    # In the order of the positions (as they lie in memory: quicker to read than in the
    # forest's order).
    parent_of = forest.parent.get
    starts, ends = [], []
    for child, place in positions.items():
        parent = parent_of(child, 0)
        if parent > 0:
            starts.append(positions[parent])
            ends.append(place)
    path = lines_path(starts, ends)
    if path is not None:
        painter.setBrush(Qt.BrushStyle.NoBrush)  # lines, not an area (the frames' brush)
        painter.drawPath(path)
    else:  # a few thousand lines at a time, not 100,000 objects at once
        for at in range(0, len(starts), LINES_AT_ONCE):
            painter.drawLines([QLineF(*a, *b) for a, b in zip(
                starts[at:at + LINES_AT_ONCE], ends[at:at + LINES_AT_ONCE], strict=True)])
    people = graph.people
    nodes = [node for node in positions if node > 0]
    stages = list(map(itemgetter(3), map(people.__getitem__, nodes)))
    places = list(map(positions.__getitem__, nodes))
    for stage in dict.fromkeys(stages):  # in the order first met
        points = points_polygon(compress(places, map(eq, stages, repeat(stage))))
        # Square dots: a few pixels across they look the same as round ones, drawn ten
        # times faster.
        pen = QPen(stage_brush(stage).color(), max(NODE_SIZE, 5 / scale))
        pen.setCapStyle(Qt.PenCapStyle.SquareCap)
        painter.setPen(pen)
        painter.drawPoints(points)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)  # Me and the groups: round
    pen = QPen(palette.color(QPalette.ColorRole.Highlight), max(ME_SIZE, 9 / scale))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawPoints([QPointF(*positions[n]) for n in positions if n <= 0])
    painter.end()
    return image
