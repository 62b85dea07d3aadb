"""GraphDrawing: the referral graph's scene drawn from arrays, one tile item per area, and its
overview.

The layout is cut into square cells. Each cell has one item for its edges and one for its
nodes and names, each with the real bounds of what it paints, so the scene's index hands a
frame only the cells it shows. A cell paints its nodes in a few calls (one path per shape and
colour, or one batch of points when zoomed out) and names only when they are readable,
building what it paints the first time it is shown. No item and no picture exists per person,
so a hundred thousand people cost a few thousand items. Far out, a large graph is shown as one
picture in a scene of its own.

:func:`~netdesk.ui.graph.scene_plan.plan_drawing` does the arithmetic (which cell holds
what, and the bounds) in plain Python, so it can run with the layout away from the window's
thread. The tile items are in :mod:`~netdesk.ui.graph.scene_tiles`, the overview picture in
:mod:`~netdesk.ui.graph.scene_overview`, hit tests in :mod:`~netdesk.ui.graph.scene_reading`,
and the measures and kinds in :mod:`~netdesk.ui.graph.scene_measures`.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsScene,
)

from netdesk.core.graph import GROUP_RELATIONSHIPS, ME, Forest, PersonNode, ReferralGraph
from netdesk.core.graph_layout import NODE_SPACING, Layout
from netdesk.db.models import RELATIONSHIPS
from netdesk.ui.common import theme
from netdesk.ui.graph.avatars import Avatar, avatar
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
from netdesk.ui.graph.scene_labels import (
    Label,
    LabelLayer,
    group_names,
    organization_areas,
    organization_items,
    short_names,
)
from netdesk.ui.graph.scene_measures import (
    BUILT_TILES,
    CELL,
    CLUSTER_KIND,
    CLUSTER_SIZE,
    CROSS,
    FAINT,
    GROUP_KIND,
    KIND_OF_RELATIONSHIP,
    LABEL_LOD,
    LABEL_WIDTH,
    MARGIN,
    MAX_NODE_SCALE,
    MAX_TARGET_RINGS,
    ME_KIND,
    MIN_FACE_PX,
    NODE_REACH,
    OVERVIEW_LOD,
    OVERVIEW_MIN_NODES,
    SCROLL_ROOM,
    SMALL_GRAPH,
    Z_EDGES,
    Z_FRAMES,
    Z_HIGHLIGHT,
    Z_LABELS,
    Z_NODES,
    Z_OVERLAY,
    cell_of,
    content_rect_of,
)
from netdesk.ui.graph.scene_overview import OverviewMixin
from netdesk.ui.graph.scene_plan import (
    Plan,
    cross_path,
    edge_pieces,
    is_long_link,
    node_name,
    piece_box,
    plan_drawing,
)
from netdesk.ui.graph.scene_reading import ReadingMixin
from netdesk.ui.graph.scene_tiles import EdgeTile, NodeTile, Tile, cluster_path


def _new_scene(parent: QObject) -> QGraphicsScene:
    scene = QGraphicsScene(parent)
    scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
    return scene


def _cosmetic_pen(colour: QColor, width: float, style=Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(colour, width, style)
    pen.setCosmetic(True)
    return pen


class GraphDrawing(OverviewMixin, ReadingMixin):
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
        # Each node's columns (see :meth:`_take`); none before a graph is drawn.
        self.ids, self.xs, self.ys, self.kinds, self.stages = [], [], [], [], []
        self.names: dict[int, str] = {}
        self.faded: set[int] = set()
        self.content_rect = QRectF()
        self.labels_shown = True
        self.exporting = False
        self.highlighted: list[tuple[int, ...]] = []
        self.selected: int | None = None
        self._highlight_items: list[QGraphicsItem] = []
        self.small = False
        self.node_scale = 1.0
        self.label_layer: LabelLayer | None = None
        self.organization_items: list[QGraphicsPathItem] = []
        self.dark = theme.is_dark(palette)
        self.node_tiles: dict[tuple[int, int], NodeTile] = {}
        self.edge_tiles: dict[tuple[int, int], EdgeTile] = {}
        self.long_links: list[QGraphicsPathItem] = []
        self._long_set: set[QGraphicsPathItem] = set()
        self._built: OrderedDict[Tile, None] = OrderedDict()
        self._styles(font)
        self._make_overlay_items()
        if graph is not None:
            self.scene.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
            if plan is None:
                plan = plan_drawing(graph, forest, layout, matches)
            self.small = len(plan.ids) <= SMALL_GRAPH
            self._take(plan)
            self._build_frames()
            rect = self.content_rect = content_rect_of(layout, plan.bounds)
            # Room around the drawing so that any node, even one at the edge, can be centred.
            self.scene.setSceneRect(
                rect.adjusted(-SCROLL_ROOM, -SCROLL_ROOM, SCROLL_ROOM, SCROLL_ROOM))
            if self.small:
                self._build_small()

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
        self.badge_paths = [shape_path(RELATIONSHIP_SHAPES[r], NODE_SIZE * 0.45)
                            for r in RELATIONSHIPS]
        self.me_text = theme.text_on(palette.color(QPalette.ColorRole.Highlight))

    def painted(self, tile: Tile) -> None:
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
            if block.parent >= 0:  # a group's people only
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

    # A small graph: names on screen, faces, organizations -------------------------------------

    def _build_small(self) -> None:
        """Names kept readable and apart, and the organizations behind their people."""
        self.label_layer = self._add(LabelLayer(self, self.scene.sceneRect()), Z_LABELS)
        self.organization_items = [self._add(item, Z_FRAMES)
                                   for item in organization_items(self)]
        for tile in self.node_tiles.values():  # room for faces drawn larger when far out
            tile.rect.adjust(-NODE_SPACING / 2, -NODE_SPACING / 2, NODE_SPACING / 2,
                             NODE_SPACING / 2)

    def _labels_changed(self) -> None:
        if self.label_layer is not None:
            self.label_layer.forget()

    def set_node_scale(self, zoom: float) -> None:
        """In a small graph, faces keep at least MIN_FACE_PX across on screen."""
        scale = min(MAX_NODE_SCALE, max(1.0, MIN_FACE_PX / (NODE_SIZE * max(zoom, 1e-6))))
        if self.small and scale != self.node_scale:
            self.node_scale = scale
            self.selection_ring.setScale(scale)
            for tile in self.node_tiles.values():
                tile.update()

    def node_radius_px(self, zoom: float):
        """The radius on screen of node index n, at ``zoom``, as a function of n."""
        kinds, scale = self.kinds, self.node_scale

        def radius(n: int) -> float:
            kind = kinds[n]
            size = NODE_SIZE if kind < ME_KIND else ME_SIZE if kind == ME_KIND else \
                CLUSTER_SIZE if kind == CLUSTER_KIND else GROUP_SIZE * 1.3
            return size * scale * zoom / 2
        return radius

    def drawn_bounds(self, zoom: float) -> QRectF:
        """What a small graph shows at ``zoom`` in scene units: its nodes (drawn larger when
        far out) and the names placed round them."""
        self.set_node_scale(zoom)
        radius = self.node_radius_px(zoom)
        rect = QRectF()
        for n in self.nodes.values():
            r = radius(n) / zoom
            rect = rect.united(QRectF(self.xs[n] - r, self.ys[n] - r, 2 * r, 2 * r))
        if self.label_layer is not None:
            for label in self.label_layer.place(zoom):
                rect = rect.united(label.rect)
        return rect

    def labels_to_place(self) -> list[Label]:
        """Every name, the most wanted first: Me, the groups, then people nearer Me first and
        from left to right; organizations' names last."""
        order = sorted(self.nodes.values(), key=lambda n: (self.kinds[n] != ME_KIND,
                                                          self.kinds[n] < ME_KIND,
                                                          self.ys[n], self.xs[n]))
        labels = []
        for n in order:
            if self.kinds[n] == ME_KIND:
                continue  # written in its node
            lines = self.label_lines(n) if self.kinds[n] >= ME_KIND else []
            name = " ".join(lines) if lines else self.graph.people[self.ids[n]].name
            kind = self.kinds[n]
            labels.append(Label(n, self.xs[n], self.ys[n],
                                short_names(name) if kind < ME_KIND else
                                group_names(name) if kind == GROUP_KIND else [name],
                                on_node=kind == GROUP_KIND))
        for _organization, name, _path, point in organization_areas(self):
            labels.append(Label(-1, point.x(), point.y(), [name], org=True))
        return labels

    def avatar_of(self, n: int) -> Avatar:
        node = self.ids[n]
        return avatar(node, self.graph.people[node].name, self.dark)

    # Patches ---------------------------------------------------------------------------------

    def _node_tile(self, n: int) -> NodeTile | None:
        return self.node_tiles.get(cell_of(self.xs[n], self.ys[n]))

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
        if self.label_layer is not None:
            self.label_layer.forget()
        if stage_changed:  # the overview shows colours only
            self._overview_dot(n, stage_brush(person.stage).color())

    def rename_node(self, node: int) -> None:
        """Draw again the name of a group or cluster (its count changed)."""
        n = self.nodes.get(node)
        if n is not None:
            self.names[n] = node_name(self.graph, self.forest, node)
            self._node_tile(n).forget()
            self._labels_changed()

    def hide_node(self, node: int) -> None:
        """Stop drawing a node nobody hangs below and no referral touches, and the line to
        it (its place stays empty until the next layout)."""
        n = self.nodes.pop(node, None)
        if n is None:
            return
        key = cell_of(self.xs[n], self.ys[n])
        tile = self.node_tiles[key]
        tile.indices = [i for i in tile.indices if i != n]
        tile.forget()
        self.remove_edges(into=n)  # the line to it, in pieces
        self._overview_dot(n, None)
        self._labels_changed()

    # Structural patches (a node added, moved or taken off; edges drawn in or rubbed out) ----

    def _grow(self, tile: Tile, box: tuple[float, float, float, float]) -> None:
        rect = tile.rect.united(QRectF(box[0], box[1], box[2] - box[0], box[3] - box[1]))
        if rect != tile.rect:
            tile.prepareGeometryChange()
            tile.rect = rect

    def free_at(self, x: float, y: float) -> bool:
        """Whether a new node fits at (x, y) without touching another node or its name."""
        cx, cy = cell_of(x, y)
        xs, ys = self.xs, self.ys
        near_x, near_y = NODE_SPACING * 0.9, NODE_SIZE * 2.5
        for key in ((cx + i, cy + j) for i in (-1, 0, 1) for j in (-1, 0, 1)):
            tile = self.node_tiles.get(key)
            if tile is not None and any(abs(xs[n] - x) < near_x and abs(ys[n] - y) < near_y
                                        for n in tile.indices):
                return False
        return True

    def add_node(self, node: int, x: float, y: float, kind: int, stage: str,
                 name: str | None = None) -> int:
        """Draw one more node at (x, y); returns its index."""
        n = len(self.ids)
        self.ids.append(node)
        self.xs.append(x)
        self.ys.append(y)
        self.kinds.append(kind)
        self.stages.append(stage)
        if name is not None:
            self.names[n] = name
        self.nodes[node] = n
        key = cell_of(x, y)
        left, up, right, down = NODE_REACH
        box = (x - left, y - up, x + right, y + down)
        tile = self.node_tiles.get(key)
        if tile is None:
            tile = self.node_tiles[key] = NodeTile(self, key, list(box), [n])
            tile.setZValue(Z_NODES)
            self.scene.addItem(tile)
        else:
            tile.indices.append(n)
            self._grow(tile, box)
            tile.forget()
        rect = QRectF(box[0], box[1], box[2] - box[0], box[3] - box[1]).adjusted(
            -MARGIN, -MARGIN, MARGIN, MARGIN)
        if not self.content_rect.contains(rect):
            self.content_rect = self.content_rect.united(rect)
            self.scene.setSceneRect(self.content_rect.adjusted(
                -SCROLL_ROOM, -SCROLL_ROOM, SCROLL_ROOM, SCROLL_ROOM))
        self._overview_dot(n, self.node_brush(kind, stage).color())
        self._labels_changed()
        return n

    def add_edge(self, start: int, end: int, kind: int, referral: int | None) -> None:
        """Draw an edge from node ``start`` to node ``end`` (both drawn)."""
        a, b = self.nodes[start], self.nodes[end]
        x1, y1, x2, y2 = self.xs[a], self.ys[a], self.xs[b], self.ys[b]
        if kind == CROSS and is_long_link(x1, y1, x2, y2):
            item = self._add(QGraphicsPathItem(cross_path((x1, y1), (x2, y2))), Z_EDGES)
            item.setPen(self.edge_pens[CROSS])
            item.setData(0, referral)
            item.setData(1, b)
            self.long_links.append(item)
            self._long_set.add(item)
            self.edges[referral] = ("long", len(self.long_links) - 1)
            return
        for piece in edge_pieces(x1, y1, x2, y2, kind, referral, b):
            box = piece_box(piece)
            key = (int((box[0] + box[2]) / 2 // CELL), int((box[1] + box[3]) / 2 // CELL))
            box = (box[0] - 4, box[1] - 4, box[2] + 4, box[3] + 4)
            tile = self.edge_tiles.get(key)
            if tile is None:
                tile = self.edge_tiles[key] = EdgeTile(self, key, list(box), [piece])
                tile.setZValue(Z_EDGES)
                self.scene.addItem(tile)
            else:
                tile.edges.append(piece)
                self._grow(tile, box)
                tile.forget()
            if referral is not None:
                self.edges[referral] = key

    def remove_edges(self, into: int | None = None, referrals: frozenset[int] = frozenset()
                     ) -> None:
        """Rub out the edges that lead to node index ``into`` and those of ``referrals``."""

        def gone(piece: tuple) -> bool:
            return piece[6] == into or piece[5] in referrals

        for tile in self.edge_tiles.values():
            if any(gone(e) for e in tile.edges):
                tile.edges = [e for e in tile.edges if not gone(e)]
                tile.forget()
        for item in [i for i in self.long_links if i.data(1) == into or i.data(0) in referrals]:
            self.scene.removeItem(item)
            self._long_set.discard(item)
            self.long_links[self.long_links.index(item)] = None
        self.long_links = [i for i in self.long_links if i is not None]
        for referral in referrals:
            self.edges.pop(referral, None)
        for index, item in enumerate(self.long_links):
            self.edges[item.data(0)] = ("long", index)

    # Level of detail --------------------------------------------------------------------------

    def scene_for_zoom(self, zoom: float) -> QGraphicsScene:
        """The scene to show at ``zoom`` (the picture when far out over a large graph);
        names are drawn only where they are readable (a small graph's always)."""
        self.set_labels_visible(zoom >= LABEL_LOD or self.small)
        self.set_node_scale(zoom)
        if zoom < OVERVIEW_LOD and len(self.nodes) > OVERVIEW_MIN_NODES \
                and self.layout is not None:
            return self.overview_scene()
        return self.scene

    def set_labels_visible(self, visible: bool) -> None:
        if visible != self.labels_shown:
            self.labels_shown = visible
            self.scene.update()


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
                if ring is self.selection_ring:
                    ring.setScale(self.node_scale)
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
