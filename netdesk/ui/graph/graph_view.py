"""ReferralGraphView: people as nodes, referrals as edges, Me at the root; read, move, refer.

The scene is rebuilt from ``core.graph`` and ``core.graph_layout`` on each
reload. Its items are Qt's own shape, line and text items under four layer
items (edges, nodes, labels, overlay), so level of detail is one call (hide
the label layer when zoomed far out) and painting runs no Python per item.
Tooltips and menus are built only when asked for.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QLineF,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFontMetricsF,
    QImage,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QMenu,
    QMessageBox,
    QToolTip,
)

from netdesk.core.changes import Changes
from netdesk.core.graph import (
    GROUP_RELATIONSHIPS,
    ME,
    Forest,
    ReferralGraph,
    build_forest,
    load_graph,
    load_person,
)
from netdesk.core.graph_layout import NODE_SPACING, Layout, layout
from netdesk.core.referral_paths import matching_people, people_within, with_ancestors
from netdesk.core.referrals import ReferralError, check_referral, person_name
from netdesk.core.vocabulary import RELATIONSHIP_LABELS, STAGE_LABELS
from netdesk.ui.common.changes import publisher
from netdesk.ui.common.plain_messages import ask, warn
from netdesk.ui.common.plain_text import plain_label, tooltip
from netdesk.ui.graph.graph_items import (
    GROUP_SIZE,
    HIGHLIGHT,
    ME_SIZE,
    NODE_SIZE,
    RELATIONSHIP_SHAPES,
    GraphLegend,
    edge_pen,
    outline_pen,
    shape_path,
    stage_brush,
)
from netdesk.ui.people.referral_commands import AddReferralCommand, RemoveReferralCommand

NODE_KEY, REFERRAL_KEY = 0, 1
"""QGraphicsItem.data keys: the node id a shape or name shows (people > 0, Me = 0, groups
< 0), and the referral id an edge shows."""
PERSON, ME_NODE, GROUP, EDGE, CROSS = "person", "me", "group", "edge", "cross"

LABEL_LOD = 0.42
"""Below this zoom factor names are not drawn (they would be a few pixels high)."""
MIN_SCALE, MAX_SCALE = 0.005, 4.0
FIT_MAX_SCALE = 1.2
LABEL_WIDTH = NODE_SPACING - 14
RELOAD_DELAY_MS = 250
MARGIN = 60.0
SCROLL_ROOM = 1500.0
PICK_TOLERANCE = 3
# Stacking order. Nodes and edges are top-level items so the BSP index finds only the
# visible ones; labels share one parent so that hiding them all is a single call.
Z_FRAMES, Z_EDGES, Z_HIGHLIGHT, Z_NODES, Z_LABELS, Z_OVERLAY = -1, 0, 1, 2, 3, 4
LABEL = "label"
TILE = 1600.0
TILE_Z = {LABEL: Z_LABELS}
OVERVIEW_LOD = 0.16
"""Below this zoom factor a large graph is shown as one picture (nodes are dots)."""
OVERVIEW_MIN_NODES = 600
OVERVIEW_MAX_SIDE = 4096
ANTIALIAS_LOD = 0.6


@dataclass
class GraphFilter:
    """Which people to show; None everywhere shows everyone."""

    organization_id: int | None = None
    career_field_id: int | None = None
    stage: str | None = None
    near: tuple[int, int] | None = None  # (person id, referral steps)

    def active(self) -> bool:
        return any(v is not None for v in (self.organization_id, self.career_field_id,
                                           self.stage, self.near))


def _kind_of(node: int) -> str:
    return PERSON if node > 0 else ME_NODE if node == ME else GROUP


def _layer(scene: QGraphicsScene, z: float) -> QGraphicsRectItem:
    item = QGraphicsRectItem()
    item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents)
    item.setZValue(z)
    scene.addItem(item)
    return item


class ReferralGraphView(QGraphicsView):
    """The referral graph. Owns nothing in the database; writes go through undo commands."""

    person_selected = Signal(int)
    """The user clicked a person."""
    person_activated = Signal(int)
    """Open this person in the editor (double click, Enter, or the context menu)."""
    add_referred_person_requested = Signal(int)
    """Add a new person referred by this one."""
    plan_interview_requested = Signal(int)
    near_filter_requested = Signal(int)
    """Show only the people a few referral steps from this one."""
    status_message = Signal(str)
    reloaded = Signal()

    def __init__(self, undo_stack: QUndoStack | None = None, parent=None):
        super().__init__(parent)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.graph_scene = self._new_scene()
        self.overview_scene: QGraphicsScene | None = None
        self.setScene(self.graph_scene)
        self.setAccessibleName("Referral graph")
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.graph: ReferralGraph | None = None
        self.forest: Forest | None = None
        self.layout_result: Layout | None = None
        self.layout_kind = "tree"
        self.filter = GraphFilter()
        self.matches: set[int] | None = None  # people the filter asked for (others: context)
        self.node_items: dict[int, QGraphicsPathItem] = {}
        self.label_items: dict[int, QGraphicsSimpleTextItem] = {}
        self.edge_items: dict[int, QGraphicsItem] = {}
        self.selected_id: int | None = None
        self.highlighted: list[tuple[int, ...]] = []
        self._highlight_items: list[QGraphicsItem] = []
        self._press_node: int | None = None
        self._press_pos = QPointF()
        self._drag_line: QGraphicsLineItem | None = None
        self._pick_referrer: int | None = None
        self._loaded_once = False
        self._fitted = False
        self._centre_pending = False
        self._dirty = True
        self.context_menu: QMenu | None = None
        self._make_base_items()
        self.content_rect = QRectF()

        self.legend = GraphLegend(self)
        self.empty_label = plain_label("", self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAccessibleName("Graph status")
        self.empty_label.hide()

        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        publisher().changed.connect(self.apply_changes)

        self.escape_action = QAction("Cancel Referral Line", self)
        self.escape_action.setStatusTip("Stop drawing a referral line without recording it")
        self.escape_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.escape_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.escape_action.triggered.connect(self.cancel_interaction)
        self.addAction(self.escape_action)

    # Loading -------------------------------------------------------------------------------

    def schedule_reload(self, *_args) -> None:
        """Reload soon (edits come in bursts); at once when shown again if hidden now."""
        self._dirty = True
        if self.isVisible():
            self._reload_timer.start()

    def apply_changes(self, changes: Changes, _initiator=None) -> None:
        """Redraw what ``changes`` touched: a whole reload only when the tree may change."""
        if changes.everything or changes.referrals or changes.people_added \
                or changes.people_removed or changes.organizations or changes.career_fields:
            self.schedule_reload()
            return
        for person_id in changes.person_fields:
            self.person_changed(person_id)

    def person_changed(self, person_id: int) -> None:
        """One person was edited: redraw just their node when the tree keeps its shape
        (new name, stage, title, organization); reload when their place may change."""
        graph = self.graph
        if graph is None or self._dirty or person_id not in self.node_items:
            self.schedule_reload()
            return
        person = load_person(person_id)
        old = graph.people.get(person_id)
        if person is None or old is None or (
                person.relationship != old.relationship
                and person_id not in graph.in_edges) or self.filter.active():
            self.schedule_reload()
            return
        graph.people[person_id] = person
        item = self.node_items[person_id]
        item.setPath(shape_path(RELATIONSHIP_SHAPES[person.relationship]))
        item.setBrush(stage_brush(person.stage))
        label = self.label_items[person_id]
        metrics = QFontMetricsF(self.graph_scene.font())
        label.setText(metrics.elidedText(person.name, Qt.TextElideMode.ElideRight,
                                         LABEL_WIDTH))
        x = item.pos().x()
        label.setX(x - label.boundingRect().width() / 2)
        if self.overview_scene is not None and self.overview_active():
            self._make_overview()
            self.setScene(self.overview_scene)
        elif self.overview_scene is not None:
            self.overview_scene.deleteLater()
            self.overview_scene = None  # drawn again when next needed

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._reload_timer.start(0)

    def reload(self) -> None:
        """Read the graph again and redraw it, keeping the zoom and the centre."""
        self._reload_timer.stop()
        self._dirty = False
        self.graph = load_graph()
        self._rebuild(fit=not self._loaded_once)
        self._loaded_once = True
        self.reloaded.emit()

    def set_layout_kind(self, kind: str) -> None:
        if kind != self.layout_kind:
            self.layout_kind = kind
            if self.graph is not None:
                self._rebuild(fit=True)

    def set_filter(self, graph_filter: GraphFilter) -> None:
        self.filter = graph_filter
        if self.graph is not None:
            self._rebuild(fit=True)

    def shown_people(self) -> set[int]:
        return {n for n in self.node_items if n > 0}

    def _rebuild(self, fit: bool) -> None:
        graph = self.graph
        centre = self.mapToScene(self.viewport().rect().center())
        shown = None
        self.matches = None
        if self.filter.active():
            f = self.filter
            matches = matching_people(graph, organization_id=f.organization_id,
                                      career_field_id=f.career_field_id,
                                      stages=[f.stage] if f.stage else None)
            if f.near is not None:
                matches &= people_within(graph, *f.near)
            self.matches = matches
            shown = with_ancestors(graph, matches)
        self.forest = build_forest(graph, shown)
        self.layout_result = layout(self.layout_kind, self.forest.children, ME)
        self._build_scene()
        if self.selected_id not in self.node_items:
            self.selected_id = None
        self._place_selection()
        self.highlight_paths(self.highlighted)
        self._update_empty_state()
        if fit:
            self.fit_all()
        else:
            self.centerOn(centre)
            self._update_level_of_detail()
        if self._centre_pending and self.selected_id is not None:
            self.centre_on_selection()
        self._centre_pending = False

    def _update_empty_state(self) -> None:
        text = ""
        if self.graph is not None and not self.graph.people:
            text = ("No one in your network yet.\n\nAdd the people you know; then drag from "
                    "one person to another here to record who referred whom.")
        elif self.matches is not None and not self.matches:
            text = "No one matches these filters.\nClear a filter to see more people."
        self.empty_label.setText(text)
        self.empty_label.setVisible(bool(text))
        self._place_overlays()

    # Scene ---------------------------------------------------------------------------------

    def _new_scene(self) -> QGraphicsScene:
        scene = QGraphicsScene(self)
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.BspTreeIndex)
        return scene

    def _build_scene(self) -> None:
        # A fresh scene (and index) each time; the old one is freed once this one shows.
        in_overview = self.overview_active()
        old = [s for s in (self.graph_scene, self.overview_scene) if s is not None]
        scene = self.graph_scene = self._new_scene()
        self.node_items, self.label_items, self.edge_items = {}, {}, {}
        self._make_base_items()
        palette = self.palette()
        scene.setBackgroundBrush(palette.color(QPalette.ColorRole.Base))
        self._build_edges(palette)
        self._build_nodes(palette)
        left, top, right, bottom = self.layout_result.bounds()
        rect = QRectF(left, top, right - left, bottom - top).adjusted(
            -NODE_SPACING / 2 - MARGIN, -ME_SIZE - MARGIN, NODE_SPACING / 2 + MARGIN,
            NODE_SIZE + 40 + MARGIN)
        self.content_rect = rect
        # Room around the drawing so that any node, even one at the edge, can be centred.
        scene.setSceneRect(rect.adjusted(-SCROLL_ROOM, -SCROLL_ROOM, SCROLL_ROOM, SCROLL_ROOM))
        if in_overview and len(self.node_items) > OVERVIEW_MIN_NODES:
            self._make_overview()
            self.setScene(self.overview_scene)
        else:
            self.setScene(scene)
        for stale in old:
            stale.deleteLater()
        self._update_level_of_detail()

    def _add(self, item: QGraphicsItem, z: float) -> QGraphicsItem:
        item.setZValue(z)
        self.graph_scene.addItem(item)
        return item

    def _make_base_items(self) -> None:
        """The overlay rings (and room for the name tiles) in an empty scene."""
        palette = self.palette()
        self._highlight_items = []
        self._drag_line = None
        self._tiles: dict[tuple[str, int, int], QGraphicsRectItem] = {}
        self.overview_scene = None
        self._labels_shown = True
        ring = NODE_SIZE * 0.75
        self.selection_ring = self._add(QGraphicsEllipseItem(-ring, -ring, 2 * ring, 2 * ring),
                                        Z_OVERLAY)
        pen = QPen(palette.color(QPalette.ColorRole.Highlight), 3)
        pen.setCosmetic(True)
        self.selection_ring.setPen(pen)
        self.selection_ring.hide()
        self.target_ring = self._add(QGraphicsEllipseItem(
            -NODE_SIZE, -NODE_SIZE, 2 * NODE_SIZE, 2 * NODE_SIZE), Z_OVERLAY)
        pen = QPen(QColor(HIGHLIGHT), 3, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.target_ring.setPen(pen)
        self.target_ring.hide()

    def _build_edges(self, palette: QPalette) -> None:
        forest, positions = self.forest, self.layout_result.positions
        pen, faint = edge_pen(palette), edge_pen(palette, faint=True)

        scene = self.graph_scene
        edges = self._edges = []

        def add_edge(item):
            item.setZValue(Z_EDGES)
            scene.addItem(item)
            edges.append(item)
            return item

        shelved = set()
        frame_pen = edge_pen(palette, faint=True)
        frame_brush = palette.color(QPalette.ColorRole.AlternateBase)
        for block in self.layout_result.blocks:
            if block.parent > 0:
                continue  # a person's referrals keep their own edges
            shelved.update(block.members)
            if self.layout_kind != "tree":
                continue
            left, top, right, bottom = block.box
            rect = QRectF(left, top, right - left, bottom - top).adjusted(
                -NODE_SPACING / 2 + 4, -NODE_SIZE, NODE_SPACING / 2 - 4, NODE_SIZE + 18)
            frame = self._add(QGraphicsPathItem(), Z_FRAMES)
            path = QPainterPath()
            path.addRoundedRect(rect, 12, 12)
            frame.setPath(path)
            frame.setPen(frame_pen)
            frame.setBrush(frame_brush)
            px, py = positions[block.parent]
            self._add(QGraphicsLineItem(px, py, rect.center().x(), rect.top()), Z_EDGES).setPen(
                faint)
        for child, parent in forest.parent.items():
            if child in shelved:
                continue
            x1, y1 = positions[parent]
            x2, y2 = positions[child]
            line = add_edge(QGraphicsLineItem(x1, y1, x2, y2))
            edge = forest.tree_edge.get(child)
            if edge is None:
                line.setPen(faint)
            else:
                line.setPen(pen)
                line.setData(REFERRAL_KEY, edge.id)
                self.edge_items[edge.id] = line
        cross_pen = edge_pen(palette, dashed=True)
        for edge in forest.cross_edges:
            (x1, y1), (x2, y2) = positions[edge.referrer], positions[edge.referred]
            item = add_edge(QGraphicsPathItem(self._cross_path((x1, y1), (x2, y2))))
            item.setPen(cross_pen)
            item.setData(REFERRAL_KEY, edge.id)
            self.edge_items[edge.id] = item

    @staticmethod
    def _cross_path(start: tuple[float, float], end: tuple[float, float]) -> QPainterPath:
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

    def _build_nodes(self, palette: QPalette) -> None:
        graph, forest, positions = self.graph, self.forest, self.layout_result.positions
        tile = self._tile
        scene = self.graph_scene
        outline = outline_pen(palette)
        text_brush = palette.color(QPalette.ColorRole.Text)
        font = self.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.92))
        metrics = QFontMetricsF(font)
        self.graph_scene.setFont(font)  # names take the scene's font
        below = NODE_SIZE / 2 + 8
        # Text is the costly part to draw: names keep a pixmap per item, reused while panning.
        # Shapes draw faster than a cache lookup at every zoom step, so they are not cached.
        cache = QGraphicsItem.CacheMode.DeviceCoordinateCache
        context = (set(forest.parent) - self.matches) if self.matches is not None else set()
        paths = {shape: shape_path(shape) for shape in set(RELATIONSHIP_SHAPES.values())}
        neutral = palette.color(QPalette.ColorRole.Mid)

        for node, (x, y) in positions.items():
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
            item.setZValue(Z_NODES)
            scene.addItem(item)
            item.setPos(x, y)
            item.setData(NODE_KEY, node)
            self.node_items[node] = item
            label = QGraphicsSimpleTextItem(
                metrics.elidedText(name, Qt.TextElideMode.ElideRight, LABEL_WIDTH),
                tile(LABEL, x, y))
            label.setBrush(text_brush)
            width = label.boundingRect().width()
            label.setPos(x - width / 2, y + (ME_SIZE / 2 + 3 if node == ME else below))
            label.setData(NODE_KEY, node)
            label.setCacheMode(cache)
            self.label_items[node] = label
            if node in context:
                item.setOpacity(0.35)
                label.setOpacity(0.5)

    # Selection and highlights --------------------------------------------------------------

    def select_person(self, person_id: int | None, centre: bool = True) -> None:
        """Show ``person_id`` as selected (and centre on it) without emitting anything."""
        if self._dirty:
            # Not drawn yet (hidden, or a reload is due): apply after the next reload.
            self.selected_id = person_id
            self._centre_pending = centre
            return
        self.selected_id = person_id if person_id in self.node_items else None
        self._place_selection()
        if centre and self.selected_id is not None:
            self.centre_on_selection()

    def _place_selection(self) -> None:
        item = self.node_items.get(self.selected_id) if self.selected_id else None
        if item is None:
            self.selection_ring.hide()
            if self.overview_scene is not None:
                self.overview_ring.hide()
            return
        self.selection_ring.setPos(item.pos())
        self.selection_ring.show()
        if self.overview_scene is not None:
            self.overview_ring.setPos(item.pos())
            self.overview_ring.show()

    def centre_on_selection(self) -> None:
        item = self.node_items.get(self.selected_id) if self.selected_id else None
        if item is not None:
            self._fitted = False
            self.centerOn(item)
        else:
            self.status_message.emit("Select a person on the graph or in the list first.")

    def highlight_paths(self, paths: list[tuple[int, ...]]) -> None:
        """Draw these paths (node ids from Me) over the graph; an empty list clears."""
        scene = self.graph_scene
        for item in self._highlight_items:
            scene.removeItem(item)
        self._highlight_items = []
        self.highlighted = list(paths)
        if self.overview_scene is not None:
            self.overview_highlight.setPath(QPainterPath())
        if not paths or self.forest is None:
            return
        positions = self.layout_result.positions
        path = QPainterPath()
        targets = []
        for nodes in paths:
            points = []
            for index, node in enumerate(nodes):
                if node not in positions:
                    break
                if index == 1 and self.forest.parent.get(node, ME) in GROUP_RELATIONSHIPS:
                    points.append(positions[self.forest.parent[node]])
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
        if self.overview_scene is not None:
            self.overview_highlight.setPath(path)
            self.overview_highlight.setPen(pen)
        ring_pen = QPen(QColor(HIGHLIGHT), 3)
        ring_pen.setCosmetic(True)
        for target in targets[:500]:
            ring = self._add(QGraphicsEllipseItem(-NODE_SIZE * 0.85, -NODE_SIZE * 0.85,
                                                  NODE_SIZE * 1.7, NODE_SIZE * 1.7), Z_OVERLAY)
            ring.setPen(ring_pen)
            ring.setPos(*positions[target])
            self._highlight_items.append(ring)

    # Zoom and pan --------------------------------------------------------------------------

    def zoom_factor(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        self._fitted = False
        current = self.zoom_factor()
        target = min(MAX_SCALE, max(MIN_SCALE, current * factor))
        if target != current:
            self.scale(target / current, target / current)
        self._update_level_of_detail()

    def zoom_in(self) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom_by(1.25)
        self.setTransformationAnchor(anchor)

    def zoom_out(self) -> None:
        anchor = self.transformationAnchor()
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom_by(0.8)
        self.setTransformationAnchor(anchor)

    def reset_zoom(self) -> None:
        self.zoom_by(1.0 / self.zoom_factor())

    def fit_all(self) -> None:
        rect = self.content_rect
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom_factor() > FIT_MAX_SCALE:
            self.zoom_by(FIT_MAX_SCALE / self.zoom_factor())
            self.centerOn(rect.center())
        self._update_level_of_detail()
        self._fitted = True  # until the user zooms or pans, a resize fits again

    def _tile(self, kind: str, x: float, y: float) -> QGraphicsRectItem:
        """The parent of ``kind`` items around (x, y): hiding names or switching to the
        overview touches one item per tile, never one per person."""
        key = (kind, int(x // TILE), int(y // TILE))
        tile = self._tiles.get(key)
        if tile is None:
            tile = _layer(self.graph_scene, TILE_Z[kind])
            self._tiles[key] = tile
        return tile

    def _set_tiles_visible(self, kinds: tuple[str, ...], visible: bool) -> None:
        for (kind, _, _), tile in self._tiles.items():
            if kind in kinds:
                tile.setVisible(visible)

    def overview_active(self) -> bool:
        return self.scene() is self.overview_scene

    def _update_level_of_detail(self) -> None:
        """Names only when readable; one picture of the whole graph when zoomed far out.

        The picture lives in a scene of its own, so switching costs the same for ten
        people or ten thousand: the view just shows the other scene.
        """
        zoom = self.zoom_factor()
        overview = (zoom < OVERVIEW_LOD and len(self.node_items) > OVERVIEW_MIN_NODES
                    and self.layout_result is not None)
        if overview != self.overview_active():
            centre = self.mapToScene(self.viewport().rect().center())
            if overview and self.overview_scene is None:
                self._make_overview()
            self.setScene(self.overview_scene if overview else self.graph_scene)
            self.centerOn(centre)
            self._place_selection()
        labels = zoom >= LABEL_LOD
        if labels != self._labels_shown:
            self._labels_shown = labels
            self._set_tiles_visible((LABEL,), labels)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, zoom >= ANTIALIAS_LOD)

    def _make_overview(self) -> None:
        """Draw every edge and node once into an image, in a scene of its own."""
        rect = self.content_rect
        scale = min(OVERVIEW_LOD * 1.5, OVERVIEW_MAX_SIDE / max(rect.width(), rect.height()))
        image = QImage(max(1, int(rect.width() * scale)), max(1, int(rect.height() * scale)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.translate(-rect.left(), -rect.top())
        positions = self.layout_result.positions
        forest = self.forest
        palette = self.palette()
        if self.layout_kind == "tree":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            for block in self.layout_result.blocks:
                if block.parent <= 0:
                    left, top, right, bottom = block.box
                    painter.drawRoundedRect(QRectF(left, top, right - left, bottom - top)
                                            .adjusted(-40, -30, 40, 30), 60, 60)
        # Tree edges only: far out, the cross-links would hide the people.
        lines = [QLineF(*positions[parent], *positions[child])
                 for child, parent in forest.parent.items() if parent > 0]
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
        if self.overview_scene is not None:
            self.overview_scene.deleteLater()
        scene = QGraphicsScene(self)
        scene.setSceneRect(self.graph_scene.sceneRect())
        scene.setBackgroundBrush(self.graph_scene.backgroundBrush())
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
                name.setFont(self.graph_scene.font())
                name.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
                name.setPos(positions[node][0], positions[node][1])
                name.setZValue(Z_LABELS)
                name.setData(NODE_KEY, node)
                scene.addItem(name)
        self.overview_highlight = QGraphicsPathItem()
        self.overview_highlight.setZValue(Z_HIGHLIGHT)
        scene.addItem(self.overview_highlight)
        self.overview_scene = scene
        self._place_selection()
        self.highlight_paths(self.highlighted)

    def wheelEvent(self, event) -> None:
        delta = event.angleDelta().y()
        if delta == 0 or event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            super().wheelEvent(event)
            return
        self.zoom_by(1.0015 ** delta)
        event.accept()

    # Mouse: click to select, drag from a person to another to refer, drag elsewhere to pan ---

    def _items_near(self, pos: QPoint) -> list[QGraphicsItem]:
        t = PICK_TOLERANCE
        return self.items(QRect(pos.x() - t, pos.y() - t, 2 * t + 1, 2 * t + 1))

    def node_at(self, pos: QPoint) -> tuple[str, int] | None:
        """(kind, id) of the node (person, Me or group) under viewport point ``pos``."""
        if self.overview_active():
            return self._nearest_node(self.mapToScene(pos))
        for item in self._items_near(pos):
            node = item.data(NODE_KEY)
            if node is not None:
                return _kind_of(node), node
        return None

    def _nearest_node(self, point: QPointF) -> tuple[str, int] | None:
        """In the overview (no items to hit), the node drawn nearest to ``point``."""
        reach = NODE_SIZE / 2 + PICK_TOLERANCE / self.zoom_factor()
        best, best_distance = None, reach * reach
        px, py = point.x(), point.y()
        for node, (x, y) in self.layout_result.positions.items():
            distance = (x - px) ** 2 + (y - py) ** 2
            if distance <= best_distance:
                best, best_distance = node, distance
        return None if best is None else (_kind_of(best), best)

    def person_at(self, pos: QPoint) -> int | None:
        hit = self.node_at(pos)
        return hit[1] if hit and hit[0] == PERSON else None

    def edge_at(self, pos: QPoint) -> int | None:
        if self.overview_active():
            return None
        for item in self._items_near(pos):
            referral = item.data(REFERRAL_KEY)
            if referral is not None:
                return referral
        return None

    def viewport_point(self, node: int) -> QPoint:
        """Where ``node`` is drawn, in viewport coordinates (for tests and menus)."""
        return self.mapFromScene(self.node_items[node].pos())

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            person = self.person_at(event.position().toPoint())
            if self._pick_referrer is not None:
                referrer, self._pick_referrer = self._pick_referrer, None
                self.viewport().unsetCursor()
                if person is not None:
                    self.record_referral(referrer, person)
                else:
                    self.status_message.emit("No referral recorded.")
                event.accept()
                return
            if person is not None:
                self._press_node = person
                self._press_pos = event.position()
                event.accept()
                return
            self._fitted = False  # the user pans
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._press_node is not None:
            moved = (event.position() - self._press_pos).manhattanLength()
            if self._drag_line is None and moved >= QApplication.startDragDistance():
                self._start_refer_drag()
            if self._drag_line is not None:
                start = self.node_items[self._press_node].pos()
                end = self.mapToScene(event.position().toPoint())
                self._drag_line.setLine(start.x(), start.y(), end.x(), end.y())
                target = self.person_at(event.position().toPoint())
                if target is not None and target != self._press_node:
                    self.target_ring.setPos(self.node_items[target].pos())
                    self.target_ring.show()
                else:
                    self.target_ring.hide()
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._press_node is not None and event.button() == Qt.MouseButton.LeftButton:
            source, self._press_node = self._press_node, None
            if self._drag_line is not None:
                self._end_refer_drag()
                target = self.person_at(event.position().toPoint())
                if target is not None:
                    self.record_referral(source, target)
                else:
                    self.status_message.emit(
                        "Drop the line on a person to record who they referred.")
            else:
                self.select_person(source, centre=False)
                self.person_selected.emit(source)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        person = self.person_at(event.position().toPoint())
        if person is not None:
            self.person_activated.emit(person)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.selected_id:
            self.person_activated.emit(self.selected_id)
            return
        if (key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)
                and self.selected_id and not event.modifiers()):
            step = self.neighbour(self.selected_id, key)
            if step is not None:
                self.select_person(step)
                self.person_selected.emit(step)
            return
        super().keyPressEvent(event)

    def neighbour(self, person_id: int, key: Qt.Key) -> int | None:
        """Keyboard moves over the tree: Up to who referred them, Down to the first person
        they referred, Left and Right to the people beside them (other people only)."""
        forest = self.forest
        if forest is None or person_id not in forest.parent:
            return None
        parent = forest.parent[person_id]
        if key == Qt.Key.Key_Up:
            return parent if parent > 0 else None
        if key == Qt.Key.Key_Down:
            kids = forest.children.get(person_id)
            return kids[0] if kids else None
        siblings = forest.children.get(parent, [])
        index = siblings.index(person_id) + (1 if key == Qt.Key.Key_Right else -1)
        return siblings[index] if 0 <= index < len(siblings) else None

    def _start_refer_drag(self) -> None:
        self._drag_line = self._add(QGraphicsLineItem(), Z_OVERLAY)
        pen = QPen(QColor(HIGHLIGHT), 2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self._drag_line.setPen(pen)
        self.status_message.emit(
            f"Drop on the person {self.graph.name(self._press_node)} referred.")

    def _end_refer_drag(self) -> None:
        if self._drag_line is not None:
            self.graph_scene.removeItem(self._drag_line)
            self._drag_line = None
        self.target_ring.hide()

    def cancel_interaction(self) -> None:
        """Esc: drop a referral line being drawn or a referrer being picked."""
        self._press_node = None
        self._end_refer_drag()
        if self._pick_referrer is not None:
            self._pick_referrer = None
            self.viewport().unsetCursor()
            self.status_message.emit("No referral recorded.")

    def start_referral_from(self, person_id: int) -> None:
        """Context menu: the next person clicked is the one ``person_id`` referred."""
        self._pick_referrer = person_id
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.status_message.emit(
            f"Click the person {self.graph.name(person_id)} referred (Esc cancels).")

    # Writes --------------------------------------------------------------------------------

    def _show_error(self, message: str) -> None:
        warn(self, "Referral", message)

    def record_referral(self, referrer_id: int, referred_id: int) -> bool:
        """Record "referrer referred referred" (undoable), or explain why it cannot be."""
        try:
            check_referral(referrer_id, referred_id)
        except ReferralError as error:
            warn(self, "Record referral", str(error))
            return False
        text = f"{person_name(referrer_id)} referred {person_name(referred_id)}"
        self.undo_stack.push(AddReferralCommand(referrer_id, referred_id, f"Record: {text}",
                                                on_error=self._show_error))
        if self.isVisible():
            self.reload()
        self.status_message.emit(f"Recorded: {text}. Edit → Undo takes it back.")
        return True

    def remove_referral(self, referral_id: int) -> bool:
        """Ask, then remove the referral (undoable)."""
        edge = self.graph.referral(referral_id) if self.graph else None
        if edge is None:
            return False
        text = f"{self.graph.name(edge.referrer)} referred {self.graph.name(edge.referred)}"
        answer = ask(
            self, "Remove referral",
            f"Remove the referral “{text}”?\n\nYou can undo this with Edit → Undo (Ctrl+Z).")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.undo_stack.push(RemoveReferralCommand(referral_id, f"Remove referral: {text}",
                                                   on_error=self._show_error))
        self.reload()
        self.status_message.emit(f"Removed: {text}. Edit → Undo brings it back.")
        return True

    # Menus and tooltips --------------------------------------------------------------------

    def person_menu(self, person_id: int) -> QMenu:
        graph = self.graph
        name = graph.name(person_id)
        menu = QMenu(self)
        menu.setAccessibleName(f"Actions for {name}")

        def add(text: str, slot, tip: str) -> QAction:
            action = menu.addAction(text)
            action.setStatusTip(tip)
            action.triggered.connect(slot)
            return action

        add("&Open in Editor", lambda: self.person_activated.emit(person_id),
            f"Show {name} in the person editor")
        add(f"&Add Person Referred by {name}…",
            lambda: self.add_referred_person_requested.emit(person_id),
            f"Add someone {name} introduced you to")
        add(f"&Plan Interview with {name}…",
            lambda: self.plan_interview_requested.emit(person_id),
            f"Plan an informational interview with {name}")
        menu.addSeparator()
        add(f"&Record That {name} Referred…", lambda: self.start_referral_from(person_id),
            "Then click the person they referred (or drag from one person to another)")
        edges = graph.in_edges.get(person_id, []) + graph.out_edges.get(person_id, [])
        if edges:
            remove = menu.addMenu("Re&move Referral")
            remove.menuAction().setStatusTip("Remove one of the referrals to or from "
                                             f"{name} (asks first; can be undone)")
            for edge in edges:
                action = remove.addAction(
                    f"{graph.name(edge.referrer)} referred {graph.name(edge.referred)}…")
                action.setStatusTip("Remove this referral (asks first; can be undone)")
                action.triggered.connect(lambda _c=False, e=edge.id: self.remove_referral(e))
        menu.addSeparator()
        add("Show People &Near Them", lambda: self.near_filter_requested.emit(person_id),
            f"Show only the people a few referral steps from {name}")
        add("&Centre Here", lambda: self.select_person(person_id),
            f"Centre the graph on {name}")
        return menu

    def referral_menu(self, referral_id: int) -> QMenu:
        edge = self.graph.referral(referral_id)
        menu = QMenu(self)
        text = f"{self.graph.name(edge.referrer)} referred {self.graph.name(edge.referred)}"
        action = menu.addAction(f"&Remove Referral “{text}”…")
        action.setStatusTip("Remove this referral (asks first; can be undone)")
        action.triggered.connect(lambda: self.remove_referral(referral_id))
        for label, person in (("Open &Referrer", edge.referrer), ("Open Re&ferred", edge.referred)):
            open_action = menu.addAction(f"{label}: {self.graph.name(person)}")
            open_action.setStatusTip("Show this person in the editor")
            open_action.triggered.connect(lambda _c=False, p=person: self.person_activated.emit(p))
        return menu

    def contextMenuEvent(self, event) -> None:
        if self.graph is None:
            return
        if event.reason() == event.Reason.Keyboard and self.selected_id:
            person, edge = self.selected_id, None  # the menu key acts on the selection
        else:
            person = self.person_at(event.pos())
            edge = None if person is not None else self.edge_at(event.pos())
        if person is not None:
            self.select_person(person, centre=False)
            self.person_selected.emit(person)
            menu = self.person_menu(person)
        elif edge is not None:
            menu = self.referral_menu(edge)
        else:
            menu = QMenu(self)
            menu.addActions([a for a in self.actions() if a is not self.escape_action])
        self.context_menu = menu
        where = event.globalPos()
        if event.reason() == event.Reason.Keyboard and person is not None:
            where = self.viewport().mapToGlobal(self.viewport_point(person))
        menu.popup(where)

    def tooltip_text(self, pos: QPoint) -> str:
        """The plain-text tooltip for what is under viewport point ``pos`` ('' for nothing)."""
        hit = self.node_at(pos)
        if hit is not None:
            return self.node_tooltip(hit[1])
        edge = self.edge_at(pos)
        return self.referral_tooltip(edge) if edge is not None else ""

    def node_tooltip(self, node: int) -> str:
        graph = self.graph
        if node == ME:
            return "Me: the start of every referral path"
        if node in GROUP_RELATIONSHIPS:
            count = self.forest.group_sizes.get(node, 0)
            return (f"{graph.name(node)}: {count} "
                    f"{'person' if count == 1 else 'people'} nobody referred you to")
        person = graph.people[node]
        lines = [person.name]
        work = " · ".join(x for x in (person.job_title, person.organization) if x)
        if work:
            lines.append(work)
        lines.append(f"Stage: {STAGE_LABELS[person.stage]} · "
                     f"Relationship: {RELATIONSHIP_LABELS[person.relationship]}")
        for edge in graph.in_edges.get(node, ()):
            lines.append(self._referral_line(edge, "Referred by", edge.referrer))
        made = len(graph.out_edges.get(node, ()))
        if made:
            lines.append(f"Referred you to {made} {'person' if made == 1 else 'people'}")
        return "\n".join(lines)

    def _referral_line(self, edge, prefix: str, other: int) -> str:
        line = f"{prefix} {self.graph.name(other)}"
        if edge.date:
            line += f" on {edge.date.isoformat()}"
        if edge.note:
            line += f": {edge.note}"
        return line

    def referral_tooltip(self, referral_id: int) -> str:
        edge = self.graph.referral(referral_id)
        if edge is None:
            return ""
        lines = [f"{self.graph.name(edge.referrer)} referred {self.graph.name(edge.referred)}",
                 f"Date: {edge.date.isoformat() if edge.date else 'not recorded'}"]
        if edge.note:
            lines.append(f"Note: {edge.note}")
        return "\n".join(lines)

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.graph is not None:
            text = self.tooltip_text(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), tooltip(text), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # Export --------------------------------------------------------------------------------

    def _render(self, painter: QPainter, target: QRectF, source: QRectF) -> None:
        """Draw the whole graph with every name, whatever the zoom on screen."""
        ring = self.selection_ring.isVisible()
        self.selection_ring.setVisible(False)
        self._set_tiles_visible((LABEL,), True)
        # Cached names would be written as bitmaps; an export wants real text.
        for label in self.label_items.values():
            label.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        try:
            self.graph_scene.render(painter, target, source)
        finally:
            for label in self.label_items.values():
                label.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            self.selection_ring.setVisible(ring)
            self._set_tiles_visible((LABEL,), self._labels_shown)

    def export_png(self, path: str | Path, max_side: int = 8000) -> None:
        """Write the whole graph as a PNG (up to ``max_side`` pixels on its longer side)."""
        source = self.content_rect
        scale = min(2.0, max_side / max(source.width(), source.height(), 1.0))
        size = QSize(max(1, int(source.width() * scale)), max(1, int(source.height() * scale)))
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(image)
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        self._render(painter, QRectF(image.rect()), source)
        painter.end()
        if not image.save(str(path), "PNG"):
            raise OSError(f"Could not write {path}")

    def export_svg(self, path: str | Path) -> None:
        """Write the whole graph as an SVG drawing."""
        from PySide6.QtSvg import QSvgGenerator

        source = self.content_rect
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(source.size().toSize())
        generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
        generator.setTitle("Referral graph")
        generator.setDescription("Who referred whom, drawn by netdesk")
        painter = QPainter()
        if not painter.begin(generator):
            raise OSError(f"Could not write {path}")
        painter.fillRect(QRectF(0, 0, source.width(), source.height()),
                         self.palette().color(QPalette.ColorRole.Base))
        self._render(painter, QRectF(0, 0, source.width(), source.height()), source)
        painter.end()
        if not Path(path).exists():
            raise OSError(f"Could not write {path}")

    # Look ----------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_overlays()
        if self._fitted:
            self.fit_all()

    def _place_overlays(self) -> None:
        area = self.viewport().geometry()
        size = self.legend.sizeHint()
        self.legend.setGeometry(area.left() + 8, area.bottom() - size.height() - 8,
                                size.width(), size.height())
        width = min(460, area.width() - 40)
        self.empty_label.setGeometry(area.left() + (area.width() - width) // 2,
                                     area.top() + area.height() // 3, width, 120)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.graph is not None:
            self._rebuild(fit=False)
