"""GraphDrawing: the referral graph's scene built from a forest and its layout, and its overview.

Nodes, names and edges are Qt's own shape, line and text items, so painting
runs no Python per item. Nodes and edges are top-level items, so the BSP index
finds only the visible ones; names hang off one tile item per area, so hiding
them all when zoomed out touches one item per tile. Far out, a large graph is
shown as one picture in a scene of its own.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from netdesk.core.graph import GROUP_RELATIONSHIPS, ME, Forest, PersonNode, ReferralGraph
from netdesk.core.graph_layout import NODE_SPACING, Layout
from netdesk.core.vocabulary import RELATIONSHIP_LABELS
from netdesk.ui.graph.graph_items import (
    GROUP_SIZE,
    HIGHLIGHT,
    ME_SIZE,
    NODE_SIZE,
    RELATIONSHIP_SHAPES,
    edge_pen,
    outline_pen,
    shape_path,
    stage_brush,
)

NODE_KEY, REFERRAL_KEY = 0, 1
"""QGraphicsItem.data keys: the node id a shape or name shows (people > 0, Me = 0, groups
< 0), and the referral id an edge shows."""

LABEL_LOD = 0.42
"""Below this zoom factor names are not drawn (they would be a few pixels high)."""
OVERVIEW_LOD = 0.16
"""Below this zoom factor a large graph is shown as one picture (nodes are dots)."""
OVERVIEW_MIN_NODES = 600
OVERVIEW_MAX_SIDE = 4096
LABEL_WIDTH = NODE_SPACING - 14
MARGIN = 60.0
SCROLL_ROOM = 1500.0
TILE = 1600.0
MAX_TARGET_RINGS = 500
# Stacking order.
Z_FRAMES, Z_EDGES, Z_HIGHLIGHT, Z_NODES, Z_LABELS, Z_OVERLAY = -1, 0, 1, 2, 3, 4


def _new_scene(parent: QObject) -> QGraphicsScene:
    scene = QGraphicsScene(parent)
    scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
    return scene


def _cosmetic_pen(colour: QColor, width: float, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)
    return pen


def cross_path(start: tuple[float, float], end: tuple[float, float]) -> QPainterPath:
    """A gentle curve from referrer to referred, with an arrowhead at the referred end."""
    (x1, y1), (x2, y2) = start, end
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    nx, ny = -dy / length, dx / length
    bend = min(80.0, length * 0.2)
    control = QPointF((x1 + x2) / 2 + nx * bend, (y1 + y2) / 2 + ny * bend)
    path = QPainterPath(QPointF(x1, y1))
    path.quadTo(control, QPointF(x2, y2))
    # Arrowhead where the curve meets the node's edge.
    tip_t = max(0.0, 1 - (NODE_SIZE / 2 + 2) / length)
    tip = path.pointAtPercent(tip_t)
    angle = math.radians(-path.angleAtPercent(tip_t))
    head = QPolygonF()
    for side in (-1, 1):
        a = angle + math.pi + side * 0.45
        head.append(QPointF(tip.x() + 10 * math.cos(a), tip.y() + 10 * math.sin(a)))
    arrow = QPainterPath(head.at(0))
    arrow.lineTo(tip)
    arrow.lineTo(head.at(1))
    path.addPath(arrow)
    return path


class GraphDrawing:
    """One drawing of the graph, made afresh (with a fresh scene and index) on each reload.

    Attributes:
        scene: shapes, names and edges, and the overlay items below.
        overview: the scene with one picture of the whole graph, made when first shown.
        node_items / label_items: node id → its shape / its name.
        edge_items: referral id → its line or curve.
        content_rect: the bounds of what is drawn, with a margin ("fit all", export).
        selection_ring: around the selected person.
        target_ring / refer_line: the drop target and the line while a referral is drawn.
        labels_shown: whether names are drawn (they are not when zoomed far out).
        highlighted: the paths drawn over the graph (node ids from Me).
        selected: the node the selection ring is on, or None.
    """

    def __init__(self, parent: QObject, palette: QPalette, font: QFont,
                 graph: ReferralGraph | None = None, forest: Forest | None = None,
                 layout: Layout | None = None, layout_kind: str = "tree",
                 matches: set[int] | None = None):
        self.parent, self.palette = parent, palette
        self.graph, self.forest, self.layout = graph, forest, layout
        self.layout_kind = layout_kind
        self.scene = _new_scene(parent)
        self.overview: QGraphicsScene | None = None
        self.node_items: dict[int, QGraphicsPathItem] = {}
        self.label_items: dict[int, QGraphicsSimpleTextItem] = {}
        self.edge_items: dict[int, QGraphicsItem] = {}
        self.content_rect = QRectF()
        self.labels_shown = True
        self.highlighted: list[tuple[int, ...]] = []
        self.selected: int | None = None
        self._highlight_items: list[QGraphicsItem] = []
        self._tiles: dict[tuple[int, int], QGraphicsRectItem] = {}
        self._make_overlay_items()
        if graph is not None:
            self.scene.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
            self._build_edges()
            self._build_nodes(font, matches)
            left, top, right, bottom = layout.bounds()
            rect = QRectF(left, top, right - left, bottom - top).adjusted(
                -NODE_SPACING / 2 - MARGIN, -ME_SIZE - MARGIN, NODE_SPACING / 2 + MARGIN,
                NODE_SIZE + 40 + MARGIN)
            self.content_rect = rect
            # Room around the drawing so that any node, even one at the edge, can be centred.
            self.scene.setSceneRect(
                rect.adjusted(-SCROLL_ROOM, -SCROLL_ROOM, SCROLL_ROOM, SCROLL_ROOM))

    def discard(self) -> None:
        """Free both scenes (once the view shows another)."""
        for scene in (self.scene, self.overview):
            if scene is not None:
                scene.deleteLater()

    # Building -------------------------------------------------------------------------------

    def _add(self, item: QGraphicsItem, z: float) -> QGraphicsItem:
        item.setZValue(z)
        self.scene.addItem(item)
        return item

    def _make_overlay_items(self) -> None:
        highlight = self.palette.color(QPalette.ColorRole.Highlight)
        ring = NODE_SIZE * 0.75
        self.selection_ring = self._add(QGraphicsEllipseItem(-ring, -ring, 2 * ring, 2 * ring),
                                        Z_OVERLAY)
        self.selection_ring.setPen(_cosmetic_pen(highlight, 3))
        self.selection_ring.hide()
        self.target_ring = self._add(QGraphicsEllipseItem(
            -NODE_SIZE, -NODE_SIZE, 2 * NODE_SIZE, 2 * NODE_SIZE), Z_OVERLAY)
        self.target_ring.setPen(_cosmetic_pen(QColor(HIGHLIGHT), 3, Qt.PenStyle.DashLine))
        self.target_ring.hide()
        self.refer_line = self._add(QGraphicsLineItem(), Z_OVERLAY)
        self.refer_line.setPen(_cosmetic_pen(QColor(HIGHLIGHT), 2, Qt.PenStyle.DashLine))
        self.refer_line.hide()

    def _tile(self, x: float, y: float) -> QGraphicsRectItem:
        """The parent of the names around (x, y)."""
        key = (int(x // TILE), int(y // TILE))
        tile = self._tiles.get(key)
        if tile is None:
            tile = self._add(QGraphicsRectItem(), Z_LABELS)
            tile.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
            self._tiles[key] = tile
        return tile

    def _build_edges(self) -> None:
        palette, forest, positions = self.palette, self.forest, self.layout.positions
        pen, faint = edge_pen(palette), edge_pen(palette, faint=True)
        shelved = set()
        frame_brush = palette.color(QPalette.ColorRole.AlternateBase)
        for block in self.layout.blocks:
            if block.parent > 0:
                continue  # a person's referrals keep their own edges
            shelved.update(block.members)
            if self.layout_kind != "tree":
                continue
            left, top, right, bottom = block.box
            rect = QRectF(left, top, right - left, bottom - top).adjusted(
                -NODE_SPACING / 2 + 4, -NODE_SIZE, NODE_SPACING / 2 - 4, NODE_SIZE + 18)
            path = QPainterPath()
            path.addRoundedRect(rect, 12, 12)
            frame = self._add(QGraphicsPathItem(path), Z_FRAMES)
            frame.setPen(faint)
            frame.setBrush(frame_brush)
            px, py = positions[block.parent]
            self._add(QGraphicsLineItem(px, py, rect.center().x(), rect.top()), Z_EDGES).setPen(
                faint)
        for child, parent in forest.parent.items():
            if child in shelved:
                continue
            line = self._add(QGraphicsLineItem(*positions[parent], *positions[child]), Z_EDGES)
            edge = forest.tree_edge.get(child)
            if edge is None:
                line.setPen(faint)
            else:
                line.setPen(pen)
                line.setData(REFERRAL_KEY, edge.id)
                self.edge_items[edge.id] = line
        cross_pen = edge_pen(palette, dashed=True)
        for edge in forest.cross_edges:
            item = self._add(QGraphicsPathItem(
                cross_path(positions[edge.referrer], positions[edge.referred])), Z_EDGES)
            item.setPen(cross_pen)
            item.setData(REFERRAL_KEY, edge.id)
            self.edge_items[edge.id] = item

    def _build_nodes(self, font: QFont, matches: set[int] | None) -> None:
        palette, graph, forest = self.palette, self.graph, self.forest
        outline = outline_pen(palette)
        text_brush = palette.color(QPalette.ColorRole.Text)
        font = QFont(font)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.92))
        self.scene.setFont(font)  # names take the scene's font
        metrics = QFontMetricsF(font)
        below = NODE_SIZE / 2 + 8
        # Text is the costly part to draw: names keep a pixmap per item, reused while panning.
        # Shapes draw faster than a cache lookup at every zoom step, so they are not cached.
        cache = QGraphicsItem.CacheMode.DeviceCoordinateCache
        context = (set(forest.parent) - matches) if matches is not None else set()
        paths = {shape: shape_path(shape) for shape in set(RELATIONSHIP_SHAPES.values())}
        neutral = palette.color(QPalette.ColorRole.Mid)

        for node, (x, y) in self.layout.positions.items():
            if node > 0:
                person = graph.people[node]
                item = QGraphicsPathItem(paths[RELATIONSHIP_SHAPES[person.relationship]])
                item.setBrush(stage_brush(person.stage))
                name = person.name
            elif node == ME:
                item = QGraphicsPathItem(shape_path("circle", ME_SIZE))
                item.setBrush(palette.color(QPalette.ColorRole.Highlight))
                name = "Me"
            else:
                item = QGraphicsPathItem(shape_path("rounded", GROUP_SIZE))
                item.setBrush(neutral)
                relationship = GROUP_RELATIONSHIPS[node]
                name = f"{RELATIONSHIP_LABELS[relationship]} ({forest.group_sizes[node]})"
            item.setPen(outline)
            self._add(item, Z_NODES)
            item.setPos(x, y)
            item.setData(NODE_KEY, node)
            self.node_items[node] = item
            label = QGraphicsSimpleTextItem(
                metrics.elidedText(name, Qt.TextElideMode.ElideRight, LABEL_WIDTH),
                self._tile(x, y))
            label.setBrush(text_brush)
            width = label.boundingRect().width()
            label.setPos(x - width / 2, y + (ME_SIZE / 2 + 3 if node == ME else below))
            label.setData(NODE_KEY, node)
            label.setCacheMode(cache)
            self.label_items[node] = label
            if node in context:
                item.setOpacity(0.35)
                label.setOpacity(0.5)

    def redraw_person(self, person: PersonNode) -> None:
        """Show a person's new name, stage and relationship on their node (the place stays)."""
        self.graph.people[person.id] = person
        item = self.node_items.get(person.id)
        if item is None:
            return  # filtered out: nothing drawn
        item.setPath(shape_path(RELATIONSHIP_SHAPES[person.relationship]))
        item.setBrush(stage_brush(person.stage))
        label = self.label_items[person.id]
        metrics = QFontMetricsF(self.scene.font())
        label.setText(metrics.elidedText(person.name, Qt.TextElideMode.ElideRight,
                                         LABEL_WIDTH))
        label.setX(item.pos().x() - label.boundingRect().width() / 2)
        if self.overview is not None:
            self.overview.deleteLater()
            self.overview = None  # drawn again when next needed

    # Level of detail --------------------------------------------------------------------------

    def scene_for_zoom(self, zoom: float) -> QGraphicsScene:
        """The scene to show at ``zoom`` (the picture when far out over a large graph);
        names are drawn only where they are readable."""
        self.set_labels_visible(zoom >= LABEL_LOD)
        if zoom < OVERVIEW_LOD and len(self.node_items) > OVERVIEW_MIN_NODES \
                and self.layout is not None:
            return self.overview_scene()
        return self.scene

    def set_labels_visible(self, visible: bool) -> None:
        if visible != self.labels_shown:
            self.labels_shown = visible
            for tile in self._tiles.values():
                tile.setVisible(visible)

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
        scale = min(OVERVIEW_LOD * 1.5, OVERVIEW_MAX_SIDE / max(rect.width(), rect.height()))
        image = QImage(max(1, int(rect.width() * scale)), max(1, int(rect.height() * scale)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.translate(-rect.left(), -rect.top())
        positions = self.layout.positions
        palette = self.palette
        if self.layout_kind == "tree":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            for block in self.layout.blocks:
                if block.parent <= 0:
                    left, top, right, bottom = block.box
                    painter.drawRoundedRect(QRectF(left, top, right - left, bottom - top)
                                            .adjusted(-40, -30, 40, 30), 60, 60)
        # Tree edges only: far out, the cross-links would hide the people.
        lines = [QLineF(*positions[parent], *positions[child])
                 for child, parent in self.forest.parent.items() if parent > 0]
        painter.setPen(edge_pen(palette, faint=True))
        painter.drawLines(lines)
        by_stage: dict[str, list[QPointF]] = {}
        for node, (x, y) in positions.items():
            if node > 0:
                by_stage.setdefault(self.graph.people[node].stage, []).append(QPointF(x, y))
        for stage, points in by_stage.items():
            pen = QPen(stage_brush(stage).color(), max(NODE_SIZE, 5 / scale))
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawPoints(points)
        pen = QPen(palette.color(QPalette.ColorRole.Highlight), max(ME_SIZE, 9 / scale))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawPoints([QPointF(*positions[n]) for n in positions if n <= 0])
        painter.end()

        scene = QGraphicsScene(self.parent)
        scene.setSceneRect(self.scene.sceneRect())
        scene.setBackgroundBrush(self.scene.backgroundBrush())
        picture = QGraphicsPixmapItem(QPixmap.fromImage(image))
        picture.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        picture.setScale(1 / scale)
        picture.setPos(rect.topLeft())
        scene.addItem(picture)
        # Rings of a fixed size on screen, for the selection and highlighted paths.
        self.overview_ring = QGraphicsEllipseItem(-9, -9, 18, 18)
        self.overview_ring.setPen(self.selection_ring.pen())
        self.overview_ring.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.overview_ring.setZValue(Z_OVERLAY)
        self.overview_ring.hide()
        scene.addItem(self.overview_ring)
        # Me and the relationship groups keep a readable name however far out.
        for node, label in self.label_items.items():
            if node <= 0:
                name = QGraphicsSimpleTextItem(label.text())
                name.setBrush(palette.color(QPalette.ColorRole.Text))
                name.setFont(self.scene.font())
                name.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
                name.setPos(*positions[node])
                name.setZValue(Z_LABELS)
                name.setData(NODE_KEY, node)
                scene.addItem(name)
        self.overview_highlight = QGraphicsPathItem()
        self.overview_highlight.setZValue(Z_HIGHLIGHT)
        scene.addItem(self.overview_highlight)
        return scene

    def nearest_node(self, point: QPointF, reach: float) -> int | None:
        """The node drawn nearest to ``point``, within ``reach`` (the overview has no items
        to hit)."""
        best, best_distance = None, reach * reach
        px, py = point.x(), point.y()
        for node, (x, y) in self.layout.positions.items():
            distance = (x - px) ** 2 + (y - py) ** 2
            if distance <= best_distance:
                best, best_distance = node, distance
        return best

    # Selection and highlights -----------------------------------------------------------------

    def place_selection(self, node: int | None) -> None:
        """Put the selection ring on ``node`` (None, or a node not drawn, hides it)."""
        item = self.node_items.get(node) if node is not None else None
        self.selected = node if item is not None else None
        rings = [self.selection_ring]
        if self.overview is not None:
            rings.append(self.overview_ring)
        for ring in rings:
            if item is None:
                ring.hide()
            else:
                ring.setPos(item.pos())
                ring.show()

    def highlight_paths(self, paths: list[tuple[int, ...]]) -> None:
        """Draw these paths (node ids from Me) over the graph; an empty list clears."""
        for item in self._highlight_items:
            self.scene.removeItem(item)
        self._highlight_items = []
        self.highlighted = list(paths)
        if self.overview is not None:
            self.overview_highlight.setPath(QPainterPath())
        if not paths or self.forest is None:
            return
        positions, parent = self.layout.positions, self.forest.parent
        path = QPainterPath()
        targets = []
        for nodes in paths:
            points = []
            for index, node in enumerate(nodes):
                if node not in positions:
                    break
                if index == 1 and parent.get(node, ME) in GROUP_RELATIONSHIPS:
                    points.append(positions[parent[node]])
                points.append(positions[node])
            else:
                targets.append(nodes[-1])
            if len(points) > 1:
                path.moveTo(*points[0])
                for point in points[1:]:
                    path.lineTo(*point)
        colour = QColor(HIGHLIGHT)
        colour.setAlpha(170)
        pen = QPen(colour, 6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                   Qt.PenJoinStyle.RoundJoin)
        pen.setCosmetic(True)
        line = self._add(QGraphicsPathItem(path), Z_HIGHLIGHT)
        line.setPen(pen)
        self._highlight_items.append(line)
        if self.overview is not None:
            self.overview_highlight.setPath(path)
            self.overview_highlight.setPen(pen)
        ring_pen = _cosmetic_pen(QColor(HIGHLIGHT), 3)
        for target in targets[:MAX_TARGET_RINGS]:
            ring = self._add(QGraphicsEllipseItem(-NODE_SIZE * 0.85, -NODE_SIZE * 0.85,
                                                  NODE_SIZE * 1.7, NODE_SIZE * 1.7), Z_OVERLAY)
            ring.setPen(ring_pen)
            ring.setPos(*positions[target])
            self._highlight_items.append(ring)
