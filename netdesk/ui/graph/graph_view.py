"""ReferralGraphView: people as nodes, referrals as edges, Me at the root; read, move, refer.

The view loads the graph from ``core.graph``, lays it out with
``core.graph_layout`` and shows a :class:`~netdesk.ui.graph.scene.GraphDrawing`
of it; pointer and keys go to :class:`~netdesk.ui.graph.interaction.GraphInteraction`,
context menus and referral edits to :mod:`netdesk.ui.graph.menus`, files to
:mod:`netdesk.ui.graph.export`, loading and patching to
:mod:`netdesk.ui.graph.graph_loading`. A large graph is read and laid out in a thread
of its own, the last drawing staying on screen meanwhile. It follows the change
flow: an edit to one person redraws their node, and people added to or removed
from a cluster (or removed without referrals) are drawn in; a change that may
move people lays the graph out again, reading again only what changed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QAction,
    QColor,
    QKeySequence,
    QPainter,
    QPalette,
    QUndoStack,
)
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QMenu, QToolTip

from netdesk.core.graph import GROUP_IDS, ME, Forest, ReferralGraph
from netdesk.core.graph_layout import Layout
from netdesk.ui.common.changes import publisher
from netdesk.ui.common.plain_text import plain_label, tooltip
from netdesk.ui.graph import export, menus
from netdesk.ui.graph.graph_items import ME_SIZE, GraphLegend
from netdesk.ui.graph.graph_loading import EVERYTHING, GraphFilter, GraphLoadingMixin, GraphWorker
from netdesk.ui.graph.interaction import GraphInteraction
from netdesk.ui.graph.scene import GraphDrawing
from netdesk.ui.graph.tooltips import node_tooltip, person_summary, referral_tooltip

RELOAD_DELAY_MS = 250
ANTIALIAS_LOD = 0.6
"""Below this zoom factor shapes are drawn without antialiasing (they are dots)."""


class ReferralGraphView(GraphLoadingMixin, QGraphicsView):
    """The referral graph. Owns nothing in the database; writes go through undo commands.

    Attributes:
        graph / forest / layout_result: what was loaded and how it is laid out (None until
            the first load).
        drawing: what the view shows of them.
        interaction: pointer, keys, zoom and pan.
        matches: the people the filter asked for (the others shown lead to them), or None.
        selected_id: the selected person (kept while hidden, shown after the next load).
        expanded: the clusters the user opened, by (relationship, source).
        loading: True while a large graph is read or laid out in a thread.
        preview: while a first load's drawing is planned, the scene shown and the rect its
            picture of the whole graph covers (see ``GraphLoadingMixin._previewed``); else
            None.
    """

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
    patched = Signal()
    """An edit was drawn into the graph without reading it again (counts may differ)."""

    def __init__(self, undo_stack: QUndoStack | None = None, parent=None):
        super().__init__(parent)
        self.interaction = GraphInteraction(self)  # the viewport's events go there
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
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
        self.matches: set[int] | None = None
        self.selected_id: int | None = None
        self.context_menu: QMenu | None = None
        self._loaded_once = False
        self._centre_pending = False
        self._dirty = True
        self.expanded: set[tuple[str, str]] = set()
        self.loading = False
        self._generation = 0
        self._needs = EVERYTHING  # what the next refresh does again
        self._removed: set[int] = set()  # people to leave out when referrals are read again
        self._again: tuple[bool, int] | None = None  # (fit, level) wanted after this load
        self._worker = GraphWorker(self)
        self._worker.finished.connect(self._built)
        self._worker.previewed.connect(self._previewed)
        self.preview: tuple[QGraphicsScene, QRectF] | None = None
        self.drawing = GraphDrawing(self, self.palette(), self.font())
        self.setScene(self.drawing.scene)

        self.legend = GraphLegend(self)
        self.legend.folded_changed.connect(lambda _folded: self.refit_if_fitted())
        self.empty_label = plain_label("", self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAccessibleName("Graph status")
        self.empty_label.hide()

        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.refresh)
        publisher().changed.connect(self.apply_changes)

        self.escape_action = QAction("Cancel Referral Line", self)
        self.escape_action.setStatusTip("Stop drawing a referral line without recording it")
        self.escape_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.escape_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.escape_action.triggered.connect(self.interaction.cancel)
        self.addAction(self.escape_action)

    # Loading -------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._reload_timer.start(0)

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
        return {n for n in self.drawing.nodes if n > 0}

    # Clusters ------------------------------------------------------------------------------

    def expand_cluster(self, node: int) -> None:
        """Show the people of cluster ``node`` one by one."""
        cluster = self.forest.clusters.get(node) if self.forest else None
        if cluster is None:
            return
        self.expanded.add(cluster.key)
        self.status_message.emit(f"Showing {cluster.label}.")
        self._rebuild(fit=False)

    def collapse_group(self, group: int) -> None:
        """Gather again the clusters opened in ``group``."""
        keys = {k for k in self.expanded if GROUP_IDS.get(k[0]) == group}
        if keys:
            self.expanded -= keys
            self._rebuild(fit=False)

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

    # Level of detail -----------------------------------------------------------------------

    def content_rect(self) -> QRectF:
        """What "fit all" fits: the drawing, or the picture previewing it."""
        return self.preview[1] if self.preview else self.drawing.content_rect

    def overview_active(self) -> bool:
        return self.drawing.overview is not None and self.scene() is self.drawing.overview

    def update_level_of_detail(self) -> None:
        """Names only when readable; one picture of the whole graph when zoomed far out."""
        zoom = self.zoom_factor()
        wanted = self.preview[0] if self.preview else self.drawing.scene_for_zoom(zoom)
        if wanted is not self.scene():
            centre = self.mapToScene(self.viewport().rect().center())
            self.setScene(wanted)
            self.centerOn(centre)
        self.setRenderHint(QPainter.RenderHint.Antialiasing, zoom >= ANTIALIAS_LOD)

    # Selection and highlights --------------------------------------------------------------

    def select_person(self, person_id: int | None, centre: bool = True) -> None:
        """Show ``person_id`` as selected (and centre on it) without emitting anything; a
        person in a cluster is shown by opening it."""
        if self._dirty or self.loading:
            # Not drawn yet (hidden, or a reload is due): apply after the next reload.
            self.selected_id = person_id
            self._centre_pending = centre
            return
        cluster = self.forest.cluster_of.get(person_id) if self.forest else None
        if cluster is not None:
            self.selected_id = person_id
            self._centre_pending = centre
            self.expand_cluster(cluster)
            return
        self.drawing.place_selection(person_id)
        self.selected_id = self.drawing.selected
        self._announce()
        if centre and self.selected_id is not None:
            self.centre_on_selection()

    def _announce(self) -> None:
        """Name the selected person in the view's accessible name (read out by a screen
        reader as the keyboard walks the graph)."""
        name = "Referral graph"
        person = self.graph.people.get(self.selected_id) if self.graph else None
        if person is not None:
            name = f"Referral graph: {person_summary(self.graph, person)}"
        if name != self.accessibleName():
            self.setAccessibleName(name)
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.NameChanged))

    def centre_on_selection(self) -> None:
        if self.selected_id and self.selected_id in self.drawing.nodes:
            self.interaction.fitted = False
            self.centerOn(self.drawing.node_pos(self.selected_id))
        else:
            self.status_message.emit("Select a person on the graph or in the list first.")

    @property
    def highlighted(self) -> list[tuple[int, ...]]:
        return self.drawing.highlighted

    def highlight_paths(self, paths: list[tuple[int, ...]]) -> None:
        """Draw these paths (node ids from Me) over the graph; an empty list clears."""
        self.drawing.highlight_paths(paths)

    def viewport_point(self, node: int) -> QPoint:
        """Where ``node`` is drawn, in viewport coordinates (for tests and menus)."""
        return self.mapFromScene(self.drawing.node_pos(node))

    # Zoom, pan and referral edits (see interaction and menus) ------------------------------

    def zoom_factor(self) -> float:
        return self.interaction.zoom_factor()

    def zoom_by(self, factor: float) -> None:
        self.interaction.zoom_by(factor)

    def zoom_in(self) -> None:
        self.interaction.zoom_centred(1.25)

    def zoom_out(self) -> None:
        self.interaction.zoom_centred(0.8)

    def reset_zoom(self) -> None:
        self.zoom_by(1.0 / self.zoom_factor())

    def fit_all(self) -> None:
        self.interaction.fit_all()

    def record_referral(self, referrer_id: int, referred_id: int) -> bool:
        """Record "referrer referred referred" (undoable), or explain why it cannot be."""
        return menus.record_referral(self, referrer_id, referred_id)

    def export_png(self, path: str | Path, max_side: int = 8000) -> None:
        export.export_png(self.drawing, path, self._background(), max_side)

    def export_svg(self, path: str | Path) -> None:
        export.export_svg(self.drawing, path, self._background())

    def _background(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Base)

    # Events --------------------------------------------------------------------------------

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt's name)
        """Tab walks the people of the graph; past the last one it leaves the graph."""
        if self.hasFocus() and self.graph is not None and self.interaction.walk(forward):
            return True
        return super().focusNextPrevChild(forward)

    def keyPressEvent(self, event) -> None:
        if not self.interaction.key(event):
            super().keyPressEvent(event)

    def contextMenuEvent(self, event) -> None:
        if self.graph is not None:
            self.context_menu = menus.show_context_menu(self, event)

    def tooltip_text(self, pos: QPoint) -> str:
        """The plain-text tooltip for what is under viewport point ``pos`` ('' for nothing)."""
        hit = self.interaction.node_at(pos)
        if hit is not None:
            return node_tooltip(self.graph, self.forest, hit[1])
        edge = self.interaction.edge_at(pos)
        return referral_tooltip(self.graph, edge) if edge is not None else ""

    def viewportEvent(self, event) -> bool:
        """Pointer events go to the interaction first; Qt's own handling (panning) gets
        what it leaves."""
        if self.interaction.handle(event):
            event.accept()
            return True
        if event.type() == QEvent.Type.ToolTip and self.graph is not None:
            text = self.tooltip_text(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), tooltip(text), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def refit_if_fitted(self) -> None:
        """Fit all again after a change, unless the user has zoomed or panned since."""
        if self.interaction.fitted:
            self.fit_all()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_overlays()
        if self.interaction.fitted:
            self.fit_all()

    def _place_overlays(self) -> None:
        area = self.viewport().geometry()
        size = self.legend.sizeHint()
        self.legend.setGeometry(area.left() + 8, area.bottom() - size.height() - 8,
                                size.width(), size.height())
        width = min(460, area.width() - 40)
        height = self.empty_label.heightForWidth(width) if self.empty_label.text() else 120
        top = area.top() + area.height() // 3
        if ME in self.drawing.nodes:  # below Me (or above, when there is no room below)
            me = self.mapFromScene(self.drawing.node_pos(ME)).y() + area.top()
            reach = int(ME_SIZE * self.drawing.node_scale * self.zoom_factor() / 2) + 12
            top = me + reach if me + reach + height <= area.bottom() else \
                max(area.top(), me - reach - height)
        self.empty_label.setGeometry(area.left() + (area.width() - width) // 2, top, width,
                                     max(height, 1))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.graph is not None:
            self._rebuild(fit=False)
