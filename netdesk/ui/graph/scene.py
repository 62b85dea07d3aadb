"""GraphDrawing: the referral graph's scene drawn from arrays, one tile item per area, and its
overview.

The layout is cut into square cells. Each cell has one item for its edges and one for its
nodes and names, each with the real bounds of what it paints, so the scene's index hands a
frame only the cells it shows. A cell paints its nodes in a few calls (one path per shape and
colour, or one batch of points when zoomed out) and names only when they are readable,
building what it paints the first time it is shown. No item and no picture exists per person,
so a hundred thousand people cost a few thousand items. Far out, a large graph is shown as one
picture in a scene of its own.

:func:`plan_drawing` does the arithmetic (which cell holds what, and the bounds) in plain
Python, so it can run with the layout away from the window's thread.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPolygonF,
    QStaticText,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
)

from netdesk.core.graph import GROUP_RELATIONSHIPS, ME, Forest, PersonNode, ReferralGraph
from netdesk.core.graph_layout import NODE_SPACING, Layout
from netdesk.core.vocabulary import RELATIONSHIP_LABELS
from netdesk.db.models import RELATIONSHIPS
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

LABEL_LOD = 0.42
"""Below this zoom factor names are not drawn (they would be a few pixels high)."""
SHAPE_LOD = 0.2
"""Below this zoom factor nodes are drawn as round dots (their shapes would be a few pixels)."""
OVERVIEW_LOD = 0.16
"""Below this zoom factor a large graph is shown as one picture (nodes are dots)."""
OVERVIEW_MIN_NODES = 600
OVERVIEW_MAX_SIDE = 3072
LABEL_WIDTH = NODE_SPACING - 14
MARGIN = 60.0
SCROLL_ROOM = 1500.0
CELL = 2048.0
"""Side of the square cell one tile item paints (scene units)."""
NODE_REACH = (NODE_SPACING / 2 + 8, ME_SIZE / 2 + 4, NODE_SPACING / 2 + 8, NODE_SIZE / 2 + 44)
"""How far a node and its name reach from its centre: left, up, right, down."""
CLUSTER_SIZE = 30.0
BUILT_TILES = 400
"""How many cells keep what they paint built; the ones shown longest ago build it again."""
MAX_TARGET_RINGS = 500
# Stacking order.
Z_FRAMES, Z_EDGES, Z_HIGHLIGHT, Z_NODES, Z_LABELS, Z_OVERLAY = -1, 0, 1, 2, 3, 4
# What a node is drawn as: the person shapes in RELATIONSHIPS order, then these.
ME_KIND, GROUP_KIND, CLUSTER_KIND = len(RELATIONSHIPS), len(RELATIONSHIPS) + 1, \
    len(RELATIONSHIPS) + 2
KIND_OF_RELATIONSHIP = {r: i for i, r in enumerate(RELATIONSHIPS)}
# Edge kinds.
FAINT, TREE, CROSS, CURVE = 0, 1, 2, 3
"""Edge pieces: faint lines under groups, referrals, and cross-links (a CROSS piece is an
arrowhead, a CURVE piece a part of the curve; both are drawn with the cross-link pen)."""


def _new_scene(parent: QObject) -> QGraphicsScene:
    scene = QGraphicsScene(parent)
    scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
    return scene


def _cosmetic_pen(colour: QColor, width: float, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)
    return pen


def _cell(x: float, y: float) -> tuple[int, int]:
    return (int(x // CELL), int(y // CELL))


def cross_path(start: tuple[float, float], end: tuple[float, float]) -> QPainterPath:
    """A gentle curve from referrer to referred, with an arrowhead at the referred end (a
    QPainterPath is a plain value: it may be made in any thread)."""
    (x1, y1), (x2, y2) = start, end
    cx, cy = _cross_control(x1, y1, x2, y2)
    path = QPainterPath(QPointF(x1, y1))
    path.quadTo(QPointF(cx, cy), QPointF(x2, y2))
    head = _curve_pieces(x1, y1, x2, y2, 0, 0)[-1]
    path.moveTo(head[0], head[1])
    path.lineTo(head[2], head[3])
    path.lineTo(head[7], head[8])
    return path


def _cross_control(x1: float, y1: float, x2: float, y2: float) -> tuple[float, float]:
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    bend = min(80.0, length * 0.2)
    return ((x1 + x2) / 2 - dy / length * bend, (y1 + y2) / 2 + dx / length * bend)


PIECE = CELL / 2
"""Edges longer than this are cut into pieces, each kept by the cell it lies in: a long
edge kept whole would widen its cell's bounds till every frame painted that cell."""


CURVE_PIECE = CELL
"""A cross-link longer than this is drawn as one path item of its own (painted by Qt alone,
found by the scene's index by its outline); shorter ones are kept by a cell."""


def _line_pieces(x1: float, y1: float, x2: float, y2: float, kind: int, referral: int | None,
                 child: int) -> list[tuple]:
    """The line as pieces no longer than PIECE."""
    count = max(1, math.ceil(max(abs(x2 - x1), abs(y2 - y1)) / PIECE))
    if count == 1:
        return [(x1, y1, x2, y2, kind, referral, child)]
    dx, dy = (x2 - x1) / count, (y2 - y1) / count
    return [(x1 + i * dx, y1 + i * dy, x1 + (i + 1) * dx, y1 + (i + 1) * dy, kind, referral,
             child) for i in range(count)]


def _curve_at(x1: float, y1: float, x2: float, y2: float, t: float) -> tuple[float, float]:
    cx, cy = _cross_control(x1, y1, x2, y2)
    u = 1 - t
    return (u * u * x1 + 2 * u * t * cx + t * t * x2, u * u * y1 + 2 * u * t * cy + t * t * y2)


def piece_points(piece: tuple) -> tuple[float, ...]:
    """The polyline (x, y, x, y, ...) a piece of an edge draws.

    A piece is (x1, y1, x2, y2, kind, referral id or None, index of the node the edge leads
    to, *more): a line from (x1, y1) to (x2, y2); for a CURVE piece, a part of the curve
    between them (``more`` is the part's number and how many parts there are); for an
    arrowhead (CROSS), the line on to the point in ``more``.
    """
    kind = piece[4]
    if kind == CURVE:
        x1, y1, x2, y2 = piece[:4]
        t0, t1 = piece[7] / piece[8], (piece[7] + 1) / piece[8]
        steps = max(2, math.ceil(math.hypot(x2 - x1, y2 - y1) * (t1 - t0) / 40))
        return tuple(v for i in range(steps + 1)
                     for v in _curve_at(x1, y1, x2, y2, t0 + (t1 - t0) * i / steps))
    if kind == CROSS:
        return (*piece[:4], *piece[7:9])
    return piece[:4]


def _curve_pieces(x1: float, y1: float, x2: float, y2: float, referral: int,
                  child: int) -> list[tuple]:
    """A short cross-link: a gentle curve from referrer to referred as a CURVE piece (made
    into points when drawn), and its arrowhead at the referred end."""
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    pieces = [(x1, y1, x2, y2, CURVE, referral, child, 0, 1)]
    # Arrowhead where the curve meets the node's edge.
    cx, cy = _cross_control(x1, y1, x2, y2)
    t = max(0.0, 1 - (NODE_SIZE / 2 + 2) / length)
    tip_x, tip_y = _curve_at(x1, y1, x2, y2, t)
    angle = math.atan2(2 * (1 - t) * (cy - y1) + 2 * t * (y2 - cy),
                       2 * (1 - t) * (cx - x1) + 2 * t * (x2 - cx))
    head = []
    for side in (-1, 1):
        a = angle + math.pi + side * 0.45
        head.append((tip_x + 10 * math.cos(a), tip_y + 10 * math.sin(a)))
    pieces.append((*head[0], tip_x, tip_y, CROSS, referral, child, *head[1]))
    return pieces


def _polyline_distance(px: float, py: float, points: tuple[float, ...]) -> float:
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


# Planning (plain Python: may run away from the window's thread) -----------------------------


@dataclass
class Plan:
    """What to draw, as arrays: node ``index`` → id, place, kind and stage; the names of the
    nodes that are not people (people's come from the graph); which cell holds which nodes
    and edges; each cell's bounds.

    ``edges`` per cell are pieces of edges (see :func:`piece_points`); ``long_links`` are
    the long cross-links as whole paths (path, referral id, index of the node referred);
    ``referral_cells`` gives each referral drawn the cell of (one piece of) its edge.
    """

    ids: list[int]
    xs: list[float]
    ys: list[float]
    kinds: list[int]
    stages: list[str]
    names: dict[int, str]
    faded: set[int]
    node_cells: dict[tuple[int, int], list[int]]
    edge_cells: dict[tuple[int, int], list[tuple]]
    node_bounds: dict[tuple[int, int], list[float]]
    edge_bounds: dict[tuple[int, int], list[float]]
    index: dict[int, int] = field(default_factory=dict)
    referral_cells: dict[int, tuple] = field(default_factory=dict)
    long_links: list[tuple[QPainterPath, int, int]] = field(default_factory=list)


def node_name(graph: ReferralGraph, forest: Forest, node: int) -> str:
    """What a node's label says (a person's name, "Me", a group and its size, a cluster)."""
    if node > 0:
        return graph.people[node].name
    if node == ME:
        return "Me"
    if node in GROUP_RELATIONSHIPS:
        return f"{RELATIONSHIP_LABELS[GROUP_RELATIONSHIPS[node]]} " \
               f"({forest.group_sizes[node]:,})"
    return forest.clusters[node].label


def plan_drawing(graph: ReferralGraph, forest: Forest, layout: Layout,
                 matches: set[int] | None = None) -> Plan:
    """Sort nodes and edges into cells and measure each cell (no Qt: safe in a thread)."""
    people = graph.people
    positions = layout.positions
    ids = list(positions)
    xs = [positions[i][0] for i in ids]
    ys = [positions[i][1] for i in ids]
    index = {node: n for n, node in enumerate(ids)}
    kinds, stages, names = [], [], {}
    shape_of = KIND_OF_RELATIONSHIP
    for n, node in enumerate(ids):
        if node > 0:
            person = people[node]
            kinds.append(shape_of[person[4]])
            stages.append(person[3])
        else:
            kinds.append(ME_KIND if node == ME else GROUP_KIND
                         if node in GROUP_RELATIONSHIPS else CLUSTER_KIND)
            stages.append("")
            names[n] = node_name(graph, forest, node)
    faded = ({index[n] for n in forest.parent if n not in matches}  # groups too, as context
             if matches is not None else set())
    node_cells: dict[tuple[int, int], list[int]] = {}
    node_bounds: dict[tuple[int, int], list[float]] = {}
    for n, x, y in zip(range(len(ids)), xs, ys, strict=True):
        key = (int(x // CELL), int(y // CELL))
        found = node_cells.get(key)
        if found is None:
            node_cells[key] = [n]
            node_bounds[key] = [x, y, x, y]
        else:
            found.append(n)
            box = node_bounds[key]
            if x < box[0]:
                box[0] = x
            elif x > box[2]:
                box[2] = x
            if y < box[1]:
                box[1] = y
            elif y > box[3]:
                box[3] = y
    left, up, right, down = NODE_REACH
    for box in node_bounds.values():
        box[0] -= left
        box[1] -= up
        box[2] += right
        box[3] += down

    edge_cells: dict[tuple[int, int], list[tuple]] = {}
    edge_bounds: dict[tuple[int, int], list[float]] = {}
    shelved = set()
    for block in layout.blocks:
        if block.parent <= 0:
            shelved.update(block.members)  # a person's referrals keep their own edges
    tree_edge = forest.tree_edge
    edges = []
    for child, parent in forest.parent.items():
        if child not in shelved:
            edge = tree_edge.get(child)
            edges.append((*positions[parent], *positions[child], FAINT if edge is None else TREE,
                          None if edge is None else edge[0], index[child]))
    for edge in forest.cross_edges:
        edges.append((*positions[edge[1]], *positions[edge[2]], CROSS, edge[0],
                      index[edge[2]]))
    referral_cells: dict[int, tuple[int, int]] = {}
    long_links = []
    for x1, y1, x2, y2, kind, referral, child in edges:
        if kind == CROSS and (abs(x2 - x1) > CURVE_PIECE or abs(y2 - y1) > CURVE_PIECE):
            long_links.append((cross_path((x1, y1), (x2, y2)), referral, child))
            referral_cells[referral] = ("long", len(long_links) - 1)
            continue
        for piece in (_curve_pieces(x1, y1, x2, y2, referral, child) if kind == CROSS
                      else _line_pieces(x1, y1, x2, y2, kind, referral, child)):
            if piece[4] == FAINT or piece[4] == TREE:
                low_x, high_x = (piece[0], piece[2]) if piece[0] < piece[2] \
                    else (piece[2], piece[0])
                low_y, high_y = (piece[1], piece[3]) if piece[1] < piece[3] \
                    else (piece[3], piece[1])
            elif piece[4] == CURVE:
                # A part of a gentle curve keeps within a few units of the line through
                # its ends and middle.
                cx, cy = _cross_control(x1, y1, x2, y2)
                px, py = [], []
                for t in (piece[7] / piece[8], (piece[7] + 0.5) / piece[8],
                          (piece[7] + 1) / piece[8]):
                    u = 1 - t
                    px.append(u * u * x1 + 2 * u * t * cx + t * t * x2)
                    py.append(u * u * y1 + 2 * u * t * cy + t * t * y2)
                low_x, high_x = min(px) - 8, max(px) + 8
                low_y, high_y = min(py) - 8, max(py) + 8
            else:
                drawn = piece_points(piece)
                px, py = drawn[0::2], drawn[1::2]
                low_x, high_x, low_y, high_y = min(px), max(px), min(py), max(py)
            key = (int((low_x + high_x) / 2 // CELL), int((low_y + high_y) / 2 // CELL))
            if referral is not None:
                referral_cells[referral] = key
            found = edge_cells.get(key)
            if found is None:
                edge_cells[key] = [piece]
                edge_bounds[key] = [low_x, low_y, high_x, high_y]
            else:
                found.append(piece)
                box = edge_bounds[key]
                if low_x < box[0]:
                    box[0] = low_x
                if low_y < box[1]:
                    box[1] = low_y
                if high_x > box[2]:
                    box[2] = high_x
                if high_y > box[3]:
                    box[3] = high_y
    for box in edge_bounds.values():  # room for the pen
        box[0] -= 4
        box[1] -= 4
        box[2] += 4
        box[3] += 4
    return Plan(ids, xs, ys, kinds, stages, names, faded, node_cells, edge_cells, node_bounds,
                edge_bounds, index, referral_cells, long_links)


# Tiles ----------------------------------------------------------------------------------


class _Tile(QGraphicsItem):
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


class EdgeTile(_Tile):
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
                distance = _polyline_distance(px, py, piece_points(piece))
                if distance <= best_distance:
                    best, best_distance = referral, distance
        return best


class NodeTile(_Tile):
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


class GraphDrawing:
    """One drawing of the graph, made afresh (with a fresh scene and index) on each reload.

    Attributes:
        scene: the tiles and the overlay items below.
        overview: the scene with one picture of the whole graph, made when first shown.
        nodes: node id → its index in the arrays (``xs``, ``ys``, ``kinds``, ``stages``,
            ``names``); ``faded`` holds the indices drawn faded (context for a filter).
        edges: referral id → the cell of (a piece of) the edge drawn for it.
        content_rect: the bounds of what is drawn, with a margin ("fit all", export).
        selection_ring: around the selected person.
        target_ring / refer_line: the drop target and the line while a referral is drawn.
        labels_shown: whether names are drawn (they are not when zoomed far out).
        exporting: True while written to a file (every shape and name, as text).
        highlighted: the paths drawn over the graph (node ids from Me).
        selected: the node the selection ring is on, or None.
    """

    def __init__(self, parent: QObject, palette: QPalette, font: QFont,
                 graph: ReferralGraph | None = None, forest: Forest | None = None,
                 layout: Layout | None = None, layout_kind: str = "tree",
                 matches: set[int] | None = None, plan: Plan | None = None,
                 overview: QImage | None = None):
        self.parent, self.palette = parent, palette
        self.graph, self.forest, self.layout = graph, forest, layout
        self.layout_kind = layout_kind
        self.scene = _new_scene(parent)
        self.overview: QGraphicsScene | None = None
        self._overview_image = overview
        self.nodes: dict[int, int] = {}
        self.edges: dict[int, tuple[int, int]] = {}
        self.content_rect = QRectF()
        self.labels_shown = True
        self.exporting = False
        self.highlighted: list[tuple[int, ...]] = []
        self.selected: int | None = None
        self._highlight_items: list[QGraphicsItem] = []
        self.node_tiles: dict[tuple[int, int], NodeTile] = {}
        self.edge_tiles: dict[tuple[int, int], EdgeTile] = {}
        self.long_links: list[QGraphicsPathItem] = []
        self._long_set: set[QGraphicsPathItem] = set()
        self._built: OrderedDict[_Tile, None] = OrderedDict()
        self._styles(font)
        self._make_overlay_items()
        if graph is not None:
            self.scene.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
            if plan is None:
                plan = plan_drawing(graph, forest, layout, matches)
            self._take(plan)
            self._build_frames()
            rect = self.content_rect = content_rect_of(layout)
            # Room around the drawing so that any node, even one at the edge, can be centred.
            self.scene.setSceneRect(
                rect.adjusted(-SCROLL_ROOM, -SCROLL_ROOM, SCROLL_ROOM, SCROLL_ROOM))

    def discard(self) -> None:
        """Free both scenes (once the view shows another), and let go of the tiles, which
        point back here."""
        for scene in (self.scene, self.overview):
            if scene is not None:
                scene.deleteLater()
        for tiles in (self.node_tiles, self.edge_tiles):
            for tile in tiles.values():
                tile.drawing = None
        self.node_tiles, self.edge_tiles, self._built = {}, {}, OrderedDict()

    # Building -------------------------------------------------------------------------------

    def _styles(self, font: QFont) -> None:
        palette = self.palette
        self.outline = outline_pen(palette)
        self.text_colour = palette.color(QPalette.ColorRole.Text)
        self.neutral = QBrush(palette.color(QPalette.ColorRole.Mid))
        self.me_brush = QBrush(palette.color(QPalette.ColorRole.Highlight))
        self.edge_pens = [edge_pen(palette, faint=True), edge_pen(palette),
                          edge_pen(palette, dashed=True)]
        label_font = QFont(font)  # names in the view's own font, as a text item shows them
        self.label_font = label_font
        self.scene.setFont(label_font)
        self.metrics = QFontMetricsF(label_font)
        self.line_height = self.metrics.height()
        self.kind_paths = [shape_path(RELATIONSHIP_SHAPES[r]) for r in RELATIONSHIPS]
        self.kind_paths += [shape_path("circle", ME_SIZE), shape_path("rounded", GROUP_SIZE),
                            cluster_path()]

    def painted(self, tile: _Tile) -> None:
        """Note that ``tile`` was painted; let the cells shown longest ago forget what they
        built, so panning over a large graph keeps memory flat."""
        built = self._built
        if tile in built:
            built.move_to_end(tile)
            return
        built[tile] = None
        while len(built) > BUILT_TILES:
            old, _ = built.popitem(last=False)
            old.cache = None
            if isinstance(old, NodeTile):
                old.shapes = old.dots = old.labels = None

    def node_brush(self, kind: int, stage: str) -> QBrush:
        if kind < ME_KIND:
            return stage_brush(stage)
        return self.me_brush if kind == ME_KIND else self.neutral

    def label_lines(self, n: int) -> list[str]:
        """The name under node ``n`` as drawn: elided to fit; a cluster's on two lines."""
        name = self.names.get(n)
        if name is None:
            name = self.graph.people[self.ids[n]].name
        if self.kinds[n] == CLUSTER_KIND and " " in name:
            return name.split(" ", 1)
        width = LABEL_WIDTH * (1.5 if self.kinds[n] >= ME_KIND else 1.0)
        return [self.metrics.elidedText(name, Qt.TextElideMode.ElideRight, width)]

    def label_offset(self, n: int) -> float:
        kind = self.kinds[n]
        if kind == ME_KIND:
            return ME_SIZE / 2 + 3
        if kind == CLUSTER_KIND:
            return CLUSTER_SIZE / 2 + 4
        return NODE_SIZE / 2 + 8

    def _take(self, plan: Plan) -> None:
        self.ids, self.xs, self.ys = plan.ids, plan.xs, plan.ys
        self.kinds, self.stages, self.names, self.faded = (plan.kinds, plan.stages, plan.names,
                                                           plan.faded)
        self.nodes, self.edges = plan.index, plan.referral_cells
        scene = self.scene
        for key, edges in plan.edge_cells.items():
            tile = EdgeTile(self, key, plan.edge_bounds[key], edges)
            tile.setZValue(Z_EDGES)
            scene.addItem(tile)
            self.edge_tiles[key] = tile
        pen = self.edge_pens[CROSS]
        self.long_links = []
        for path, referral, child in plan.long_links:
            item = QGraphicsPathItem(path)
            item.setPen(pen)
            item.setData(0, referral)
            item.setData(1, child)
            item.setZValue(Z_EDGES)
            scene.addItem(item)
            self.long_links.append(item)
        self._long_set = set(self.long_links)
        for key, indices in plan.node_cells.items():
            tile = NodeTile(self, key, plan.node_bounds[key], indices)
            tile.setZValue(Z_NODES)
            scene.addItem(tile)
            self.node_tiles[key] = tile

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

    def _build_frames(self) -> None:
        """A rounded frame round each shelved group, and one line to it from the group."""
        if self.layout_kind != "tree":
            return
        faint = self.edge_pens[FAINT]
        frame_brush = self.palette.color(QPalette.ColorRole.AlternateBase)
        positions = self.layout.positions
        for block in self.layout.blocks:
            if block.parent > 0:
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

    # Reading back (hit tests, tests, the view) ------------------------------------------------

    def node_pos(self, node: int) -> QPointF:
        n = self.nodes[node]
        return QPointF(self.xs[n], self.ys[n])

    def node_colour(self, node: int) -> QColor:
        n = self.nodes[node]
        return self.node_brush(self.kinds[n], self.stages[n]).color()

    def node_opacity(self, node: int) -> float:
        return 0.35 if self.nodes[node] in self.faded else 1.0

    def label_text(self, node: int) -> str:
        return " ".join(self.label_lines(self.nodes[node]))

    def node_near(self, point: QPointF, reach: float, with_labels: bool = False) -> int | None:
        """The node drawn nearest to ``point`` within ``reach`` of its centre, or whose name
        is under it (``with_labels``)."""
        px, py = point.x(), point.y()
        cx, cy = _cell(px, py)
        best, best_distance = None, reach
        xs, ys = self.xs, self.ys
        for key in ((cx + i, cy + j) for i in (-1, 0, 1) for j in (-1, 0, 1)):
            tile = self.node_tiles.get(key)
            if tile is None:
                continue
            for n in tile.indices:
                dx, dy = xs[n] - px, ys[n] - py
                size = NODE_SIZE if self.kinds[n] < ME_KIND else ME_SIZE
                distance = math.hypot(dx, dy) - max(0.0, size / 2 - NODE_SIZE / 2)
                if distance <= best_distance:
                    best, best_distance = self.ids[n], distance
                elif with_labels and best is None and abs(dx) <= LABEL_WIDTH / 2 \
                        and 0 <= -dy - self.label_offset(n) <= self.line_height * 2:
                    best = self.ids[n]
        return best

    def referral_near(self, point: QPointF, reach: float) -> int | None:
        """The referral whose edge passes within ``reach`` of ``point``."""
        area = QRectF(point.x() - reach, point.y() - reach, 2 * reach, 2 * reach)
        for item in self.scene.items(area):  # long cross-links by their outline
            if isinstance(item, EdgeTile):
                found = item.referral_near(point.x(), point.y(), reach)
                if found is not None:
                    return found
            elif item in self._long_set:
                return item.data(0)
        return None

    # Patches ---------------------------------------------------------------------------------

    def _node_tile(self, n: int) -> NodeTile | None:
        return self.node_tiles.get(_cell(self.xs[n], self.ys[n]))

    def redraw_person(self, person: PersonNode) -> None:
        """Show a person's new name, stage and relationship on their node (the place stays)."""
        self.graph.put_person(person)
        n = self.nodes.get(person.id)
        if n is None:
            return  # filtered out or in a cluster: nothing drawn
        self.kinds[n] = KIND_OF_RELATIONSHIP[person.relationship]
        stage_changed = self.stages[n] != person.stage
        self.stages[n] = person.stage
        self._node_tile(n).forget()
        if stage_changed:  # the overview shows colours only
            self._overview_dot(n, stage_brush(person.stage).color())

    def rename_node(self, node: int) -> None:
        """Draw again the name of a group or cluster (its count changed)."""
        n = self.nodes.get(node)
        if n is not None:
            self.names[n] = node_name(self.graph, self.forest, node)
            self._node_tile(n).forget()

    def hide_node(self, node: int) -> None:
        """Stop drawing a node nobody hangs below and no referral touches, and the line to
        it (its place stays empty until the next layout)."""
        n = self.nodes.pop(node, None)
        if n is None:
            return
        key = _cell(self.xs[n], self.ys[n])
        tile = self.node_tiles[key]
        tile.indices = [i for i in tile.indices if i != n]
        tile.forget()
        for tile in self.edge_tiles.values():  # the line to it, in pieces
            if any(e[6] == n for e in tile.edges):
                tile.edges = [e for e in tile.edges if e[6] != n]
                tile.forget()
        self._overview_dot(n, None)

    def _overview_dot(self, n: int, colour: QColor | None) -> None:
        """Paint node ``n`` again on the overview picture, in ``colour`` (None: rub it out),
        rather than drawing the whole picture again."""
        picture = getattr(self, "overview_picture", None) if self.overview else None
        target = picture.image if picture is not None else self._overview_image
        if target is None:
            return
        rect = self.content_rect
        scale = target.width() / max(1.0, rect.width())
        painter = QPainter(target)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
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

    # Level of detail --------------------------------------------------------------------------

    def scene_for_zoom(self, zoom: float) -> QGraphicsScene:
        """The scene to show at ``zoom`` (the picture when far out over a large graph);
        names are drawn only where they are readable."""
        self.set_labels_visible(zoom >= LABEL_LOD)
        if zoom < OVERVIEW_LOD and len(self.nodes) > OVERVIEW_MIN_NODES \
                and self.layout is not None:
            return self.overview_scene()
        return self.scene

    def set_labels_visible(self, visible: bool) -> None:
        if visible != self.labels_shown:
            self.labels_shown = visible
            self.scene.update()

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
        scene = QGraphicsScene(self.parent)
        scene.setSceneRect(self.scene.sceneRect())
        scene.setBackgroundBrush(self.scene.backgroundBrush())
        self.overview_picture = Picture(image, rect)
        scene.addItem(self.overview_picture)
        # Rings of a fixed size on screen, for the selection and highlighted paths.
        self.overview_ring = QGraphicsEllipseItem(-9, -9, 18, 18)
        self.overview_ring.setPen(self.selection_ring.pen())
        self.overview_ring.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.overview_ring.setZValue(Z_OVERLAY)
        self.overview_ring.hide()
        scene.addItem(self.overview_ring)
        # Me and the relationship groups keep a readable name however far out.
        for node, n in self.nodes.items():
            if node <= 0 and self.kinds[n] != CLUSTER_KIND:
                name = QGraphicsSimpleTextItem(self.label_text(node))
                name.setBrush(self.text_colour)
                name.setFont(self.label_font)
                name.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
                name.setPos(self.xs[n], self.ys[n])
                name.setZValue(Z_LABELS)
                scene.addItem(name)
        self.overview_highlight = QGraphicsPathItem()
        self.overview_highlight.setZValue(Z_HIGHLIGHT)
        scene.addItem(self.overview_highlight)
        return scene

    def nearest_node(self, point: QPointF, reach: float) -> int | None:
        """The node drawn nearest to ``point``, within ``reach``."""
        return self.node_near(point, reach)

    # Selection and highlights -----------------------------------------------------------------

    def place_selection(self, node: int | None) -> None:
        """Put the selection ring on ``node`` (None, or a node not drawn, hides it)."""
        drawn = node is not None and node in self.nodes
        self.selected = node if drawn else None
        rings = [self.selection_ring]
        if self.overview is not None:
            rings.append(self.overview_ring)
        for ring in rings:
            if not drawn:
                ring.hide()
            else:
                ring.setPos(self.node_pos(node))
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


def content_rect_of(layout: Layout) -> QRectF:
    left, top, right, bottom = layout.bounds()
    return QRectF(left, top, right - left, bottom - top).adjusted(
        -NODE_SPACING / 2 - MARGIN, -ME_SIZE - MARGIN, NODE_SPACING / 2 + MARGIN,
        NODE_SIZE + 40 + MARGIN)


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
            if block.parent <= 0:
                left, top, right, bottom = block.box
                painter.drawRoundedRect(QRectF(left, top, right - left, bottom - top)
                                        .adjusted(-40, -30, 40, 30), 60, 60)
    # Tree edges only: far out, the cross-links would hide the people.
    lines = [QLineF(*positions[parent], *positions[child])
             for child, parent in forest.parent.items() if parent > 0]
    painter.setPen(edge_pen(palette, faint=True))
    painter.drawLines(lines)
    by_stage: dict[str, QPolygonF] = {}
    people = graph.people
    for node, (x, y) in positions.items():
        if node > 0:
            stage = people[node][3]
            polygon = by_stage.get(stage)
            if polygon is None:
                polygon = by_stage[stage] = QPolygonF()
            polygon.append(QPointF(x, y))
    for stage, points in by_stage.items():
        # Square dots: a few pixels across they look the same as round ones, drawn ten
        # times faster.
        pen = QPen(stage_brush(stage).color(), max(NODE_SIZE, 5 / scale))
        pen.setCapStyle(Qt.PenCapStyle.SquareCap)
        painter.setPen(pen)
        painter.drawPoints(points)
    pen = QPen(palette.color(QPalette.ColorRole.Highlight), max(ME_SIZE, 9 / scale))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawPoints([QPointF(*positions[n]) for n in positions if n <= 0])
    painter.end()
    return image
