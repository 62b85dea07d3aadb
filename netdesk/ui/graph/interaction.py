"""GraphInteraction: pointer and keys on the referral graph: pick, select, walk, refer, zoom, pan.

A click selects a person; a drag from one person to another draws a referral
line and records the referral on release; a drag elsewhere pans; the wheel
zooms; the arrow keys walk the tree, and Tab walks every person in turn. The
view hands its events here and passes on to Qt whatever is not handled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSizeF, Qt
from PySide6.QtWidgets import QApplication, QGraphicsView

from netdesk.core.graph import CLUSTER_BASE, ME
from netdesk.ui.graph.graph_items import NODE_SIZE
from netdesk.ui.graph.scene_measures import SCROLL_ROOM

if TYPE_CHECKING:
    from netdesk.ui.graph.graph_view import ReferralGraphView

PERSON, ME_NODE, GROUP, CLUSTER = "person", "me", "group", "cluster"
MIN_SCALE, MAX_SCALE = 0.005, 4.0
FIT_MAX_SCALE = 1.2
PICK_TOLERANCE = 3
WHEEL_STEP = 1.0015
"""Zoom factor per eighth of a degree of wheel turn."""
ARROWS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)


def kind_of(node: int) -> str:
    if node > 0:
        return PERSON
    return ME_NODE if node == ME else CLUSTER if node <= CLUSTER_BASE else GROUP


class GraphInteraction:
    """What the user does with pointer and keys on ``view``.

    Attributes:
        fitted: True while the view shows "fit all" (a resize fits again), until the user
            zooms or pans.
        dragging: True while a referral line is drawn from ``press_node``.
        pick_referrer: the person whose referral is recorded by the next click (set from
            the context menu), or None.
    """

    def __init__(self, view: ReferralGraphView):
        self.view = view
        self.fitted = False
        self.press_node: int | None = None
        self.press_pos = QPointF()
        self.dragging = False
        self.pick_referrer: int | None = None
        self._walk: tuple | None = None
        events = QEvent.Type
        self._handlers = {
            events.MouseButtonPress: self.press, events.MouseMove: self.move,
            events.MouseButtonRelease: self.release,
            events.MouseButtonDblClick: self.double_click, events.Wheel: self.wheel,
        }

    def handle(self, event: QEvent) -> bool:
        """Act on a pointer event over the view; False leaves it to Qt."""
        handler = self._handlers.get(event.type())
        return handler is not None and handler(event)

    # Picking ---------------------------------------------------------------------------------

    def node_at(self, pos: QPoint) -> tuple[str, int] | None:
        """(kind, id) of the node (person, Me, group or cluster) under viewport point ``pos``
        (or whose name is under it)."""
        view = self.view
        reach = NODE_SIZE / 2 + PICK_TOLERANCE / self.zoom_factor()
        overview = view.overview_active()
        node = view.drawing.node_near(view.mapToScene(pos), reach,
                                      with_labels=view.drawing.labels_shown and not overview)
        return None if node is None else (kind_of(node), node)

    def person_at(self, pos: QPoint) -> int | None:
        hit = self.node_at(pos)
        return hit[1] if hit and hit[0] == PERSON else None

    def edge_at(self, pos: QPoint) -> int | None:
        """The referral whose edge is under viewport point ``pos``."""
        view = self.view
        if view.overview_active():
            return None
        reach = (PICK_TOLERANCE + 0.5) / self.zoom_factor()
        return view.drawing.referral_near(view.mapToScene(pos), reach)

    # Zoom and pan ----------------------------------------------------------------------------

    def zoom_factor(self) -> float:
        return self.view.transform().m11()

    def zoom_by(self, factor: float) -> None:
        self.fitted = False
        current = self.zoom_factor()
        target = min(MAX_SCALE, max(MIN_SCALE, current * factor))
        if target != current:
            self.view.scale(target / current, target / current)
        self.view.update_level_of_detail()

    def zoom_centred(self, factor: float) -> None:
        """Zoom about the middle of the view (keys and buttons), not the pointer."""
        view = self.view
        anchor = view.transformationAnchor()
        view.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.zoom_by(factor)
        view.setTransformationAnchor(anchor)

    def fit_all(self) -> None:
        view = self.view
        rect = view.content_rect()
        if rect.isEmpty():
            return
        if view.drawing.label_layer is not None:  # a small graph: its names fitted too
            scale, rect, room = self._fit_small(rect)
        else:
            room = self._room_for_fit(rect)
            scale = self._plain_fit(room, rect)
        view.resetTransform()
        view.scale(scale, scale)
        view.update_level_of_detail()  # the scene shown at this zoom
        # Centre the drawing in the room, not in the viewport: the legend keeps its corner.
        viewport = QRectF(view.viewport().rect())
        target = rect.center() - (room.center() - viewport.center()) / scale
        # Less the other way's scroll bar, which may come or go with the new fit.
        slack = QSizeF(view.verticalScrollBar().sizeHint().width() + 1,
                       view.horizontalScrollBar().sizeHint().height() + 1)
        view.scene().setSceneRect(_centrable(view.content_rect(), target,
                                             viewport.size() - slack, scale))
        view.centerOn(target)
        self.fitted = True

    @staticmethod
    def _plain_fit(room: QRectF, rect: QRectF) -> float:
        scale = min(room.width() / rect.width(), room.height() / rect.height(), FIT_MAX_SCALE)
        return max(MIN_SCALE, scale)

    def _fit_small(self, rect: QRectF) -> tuple[float, QRectF, QRectF]:
        """Fit a small graph's nodes and names to the whole viewport when nothing drawn then
        lies under the legend (a folded legend mostly sits in an empty corner), else to the
        band beside or above it. Returns the zoom, what is fitted and the room it fills."""
        room = QRectF(self.view.viewport().rect()).adjusted(4, 4, -4, -4)
        scale, bounds = self._fit_with_names(room, self._plain_fit(room, rect))
        legend = self._legend_box()
        if legend is None or not self._covers(legend.adjusted(-4, -4, 4, 4), room, scale,
                                              bounds):
            return scale, bounds, room
        room = self._room_for_fit(rect)
        scale, bounds = self._fit_with_names(room, self._plain_fit(room, rect))
        return scale, bounds, room

    def _covers(self, box: QRectF, room: QRectF, scale: float, bounds: QRectF) -> bool:
        """Whether a node or a name would lie in ``box`` (viewport pixels) once ``bounds`` is
        centred in ``room`` at ``scale``."""
        drawing = self.view.drawing
        centre, middle = bounds.center(), room.center()

        def on_screen(r: QRectF) -> QRectF:
            return QRectF((r.left() - centre.x()) * scale + middle.x(),
                          (r.top() - centre.y()) * scale + middle.y(),
                          r.width() * scale, r.height() * scale)

        if any(on_screen(label.rect).intersects(box)
               for label in drawing.label_layer.place(scale)):
            return True
        radius = drawing.node_radius_px(scale)
        for n in drawing.nodes.values():
            r = radius(n) / scale
            if on_screen(QRectF(drawing.xs[n] - r, drawing.ys[n] - r, 2 * r, 2 * r)) \
                    .intersects(box):
                return True
        return False

    def _legend_box(self) -> QRectF | None:
        view = self.view
        legend = getattr(view, "legend", None)
        if legend is None or not legend.isVisible():
            return None
        return QRectF(legend.geometry()).translated(-QPointF(view.viewport().pos()))

    def _fit_with_names(self, room: QRectF, scale: float) -> tuple[float, QRectF]:
        """The zoom at which a small graph's nodes and names (drawn at a size of their own on
        screen, whatever the zoom) fill ``room``, and what they cover then, in scene units."""
        drawing = self.view.drawing
        xs = [drawing.xs[n] for n in drawing.nodes.values()]
        ys = [drawing.ys[n] for n in drawing.nodes.values()]
        if not xs:
            return scale, drawing.content_rect
        centres = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))

        def fitting(bounds: QRectF, at: float) -> float:
            # The names and faces reach beyond the centres by as many pixels at any zoom.
            across = (bounds.width() - centres.width()) * at
            down = (bounds.height() - centres.height()) * at
            best = FIT_MAX_SCALE
            if centres.width() > 0:
                best = min(best, (room.width() - across) / centres.width())
            if centres.height() > 0:
                best = min(best, (room.height() - down) / centres.height())
            return max(MIN_SCALE, best)

        bounds = drawing.drawn_bounds(scale)
        for _ in range(6):  # the names move as the zoom changes: settle on a zoom
            wanted = fitting(bounds, scale)
            if abs(wanted - scale) < 0.002 * scale:
                break
            scale = wanted
            bounds = drawing.drawn_bounds(scale)
        for _ in range(20):  # then make sure that all of it is in the room
            if bounds.width() * scale <= room.width() + 0.5 \
                    and bounds.height() * scale <= room.height() + 0.5 or scale <= MIN_SCALE:
                break
            scale = max(MIN_SCALE, scale * 0.97)
            bounds = drawing.drawn_bounds(scale)
        return scale, bounds

    def _room_for_fit(self, rect: QRectF) -> QRectF:
        """The part of the viewport "fit all" fills: all of it but the legend's corner (the
        band above the legend or the one beside it, whichever shows the drawing larger)."""
        view = self.view
        room = QRectF(view.viewport().rect()).adjusted(4, 4, -4, -4)
        box = self._legend_box()
        if box is None:
            return room
        above = QRectF(room.left(), room.top(), room.width(), box.top() - 8 - room.top())
        beside = QRectF(box.right() + 8, room.top(), room.right() - box.right() - 8,
                        room.height())

        def scale(band: QRectF) -> float:
            if band.width() <= 0 or band.height() <= 0:
                return 0.0
            return min(band.width() / rect.width(), band.height() / rect.height())

        best = max((above, beside), key=scale)
        return best if scale(best) > 0 else room

    def wheel(self, event) -> bool:
        delta = event.angleDelta().y()
        if delta == 0 or event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            return False
        self.zoom_by(WHEEL_STEP ** delta)
        return True

    # Mouse -------------------------------------------------------------------------------------

    def press(self, event) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        view = self.view
        person = self.person_at(event.position().toPoint())
        if self.pick_referrer is not None:
            referrer, self.pick_referrer = self.pick_referrer, None
            view.viewport().unsetCursor()
            if person is not None:
                view.record_referral(referrer, person)
            else:
                view.status_message.emit("No referral recorded.")
            return True
        if person is not None:
            self.press_node = person
            self.press_pos = event.position()
            return True
        self.fitted = False  # the user pans
        return False

    def move(self, event) -> bool:
        if self.press_node is None:
            return False
        view = self.view
        drawing = view.drawing
        if not self.dragging and (event.position() - self.press_pos).manhattanLength() \
                >= QApplication.startDragDistance():
            self.dragging = True
            view.status_message.emit(
                f"Drop on the person {view.graph.name(self.press_node)} referred.")
        if self.dragging and self.press_node in drawing.nodes:
            start = drawing.node_pos(self.press_node)
            end = view.mapToScene(event.position().toPoint())
            drawing.refer_line.setLine(start.x(), start.y(), end.x(), end.y())
            drawing.refer_line.show()
            target = self.person_at(event.position().toPoint())
            if target is not None and target != self.press_node:
                drawing.target_ring.setPos(drawing.node_pos(target))
                drawing.target_ring.show()
            else:
                drawing.target_ring.hide()
        return True

    def release(self, event) -> bool:
        if self.press_node is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        view = self.view
        source, self.press_node = self.press_node, None
        if self.dragging:
            self._end_drag()
            target = self.person_at(event.position().toPoint())
            if target is not None:
                view.record_referral(source, target)
            else:
                view.status_message.emit("Drop the line on a person to record who they referred.")
        else:
            view.select_person(source, centre=False)
            view.person_selected.emit(source)
        return True

    def double_click(self, event) -> bool:
        hit = self.node_at(event.position().toPoint())
        if hit is not None and hit[0] == CLUSTER:
            self.view.expand_cluster(hit[1])
            return True
        if hit is None or hit[0] != PERSON:
            return False
        self.view.person_activated.emit(hit[1])
        return True

    def _end_drag(self) -> None:
        self.dragging = False
        self.view.drawing.refer_line.hide()
        self.view.drawing.target_ring.hide()

    def cancel(self) -> None:
        """Esc: drop a referral line being drawn or a referrer being picked."""
        self.press_node = None
        self._end_drag()
        if self.pick_referrer is not None:
            self.pick_referrer = None
            self.view.viewport().unsetCursor()
            self.view.status_message.emit("No referral recorded.")

    def start_referral_from(self, person_id: int) -> None:
        """The next person clicked is the one ``person_id`` referred."""
        self.pick_referrer = person_id
        self.view.viewport().setCursor(Qt.CursorShape.CrossCursor)
        self.view.status_message.emit(
            f"Click the person {self.view.graph.name(person_id)} referred (Esc cancels).")

    # Keys --------------------------------------------------------------------------------------

    def key(self, event) -> bool:
        view = self.view
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and view.selected_id:
            view.person_activated.emit(view.selected_id)
            return True
        if key in ARROWS and not event.modifiers():
            if not view.selected_id:
                return self.walk(True)
            step = self.neighbour(view.selected_id, key)
            if step is not None:
                self._step_to(step)
            return True
        return False

    def _step_to(self, person_id: int) -> None:
        view = self.view
        view.select_person(person_id, centre=not self._in_sight(person_id))
        view.person_selected.emit(person_id)

    def _in_sight(self, person_id: int) -> bool:
        view = self.view
        return person_id in view.drawing.nodes and view.viewport().rect().adjusted(
            20, 20, -20, -20).contains(view.viewport_point(person_id))

    def walk_order(self) -> list[int]:
        """Every person drawn, in the order Tab visits them: down the tree from Me, each
        person followed by the people they referred."""
        forest = self.view.forest
        if forest is None:
            return []
        if self._walk is not None and self._walk[0] is forest \
                and self._walk[2] == len(forest.parent):
            return self._walk[1]
        order, stack = [], [ME]
        children = forest.children
        while stack:
            node = stack.pop()
            if node > 0:
                order.append(node)
            stack.extend(reversed(children.get(node, ())))
        self._walk = (forest, order, len(forest.parent))
        return order

    def walk(self, forward: bool) -> bool:
        """Tab (or Shift+Tab): on to the next (previous) person in :meth:`walk_order`. False
        past the last (first) one, so that the keyboard focus may leave the graph."""
        order = self.walk_order()
        if not order:
            return False
        current = self.view.selected_id
        if current in order:
            index = order.index(current) + (1 if forward else -1)
            if not 0 <= index < len(order):
                return False
        else:
            index = 0 if forward else len(order) - 1
        self._step_to(order[index])
        return True

    def neighbour(self, person_id: int, key: Qt.Key) -> int | None:
        """Keyboard moves over the tree: Up to who referred them, Down to the first person
        they referred, Left and Right to the people beside them (other people only)."""
        forest = self.view.forest
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
        return siblings[index] if 0 <= index < len(siblings) and siblings[index] > 0 else None


def _centrable(content: QRectF, target: QPointF, room: QSizeF, scale: float) -> QRectF:
    """The scene rectangle for ``content`` shown at ``scale`` around ``target``: the content
    with its scroll room, and where that is narrower (or shorter) than ``room`` (the
    viewport less a scroll bar, in pixels), as wide as ``room``, about the target. Qt
    centres a scene smaller than the viewport wherever it is asked to show it; one as large
    would bring a scroll bar, whose room would change the fit, and the fit the scroll bar,
    again and again."""
    scene = content.adjusted(-SCROLL_ROOM, -SCROLL_ROOM, SCROLL_ROOM, SCROLL_ROOM)
    width, height = room.width() / scale, room.height() / scale
    if scene.width() < width:
        scene.setLeft(target.x() - width / 2)
        scene.setWidth(width)
    if scene.height() < height:
        scene.setTop(target.y() - height / 2)
        scene.setHeight(height)
    return scene
