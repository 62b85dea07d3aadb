"""ReferralGraphView: people as nodes, referrals as edges, Me at the root; read, move, refer.

The view loads the graph from ``core.graph``, lays it out with
``core.graph_layout`` and shows a :class:`~netdesk.ui.graph.scene.GraphDrawing`
of it; pointer and keys go to :class:`~netdesk.ui.graph.interaction.GraphInteraction`,
context menus and referral edits to :mod:`netdesk.ui.graph.menus`, files to
:mod:`netdesk.ui.graph.export`. A large graph is read and laid out in a thread
of its own, the last drawing staying on screen meanwhile. It follows the change
flow: an edit to one person redraws their node, and people added to or removed
from a cluster (or removed without referrals) are drawn in; a change that may
move people lays the graph out again, reading again only what changed.
"""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass
from pathlib import Path

from peewee import DatabaseError
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QPainter, QPalette, QUndoStack
from PySide6.QtWidgets import QGraphicsView, QMenu, QToolTip

from netdesk.core.changes import ALL_FIELDS, Changes
from netdesk.core.graph import (
    GROUP_IDS,
    ME,
    Forest,
    ReferralGraph,
    build_forest,
    load_graph,
    load_person,
    load_referrals,
)
from netdesk.core.graph_layout import Layout, layout
from netdesk.core.referral_paths import matching_people, people_within, with_ancestors
from netdesk.db.models import database_proxy
from netdesk.ui.common.changes import publisher
from netdesk.ui.common.plain_text import plain_label, tooltip
from netdesk.ui.graph import export, menus
from netdesk.ui.graph.graph_items import GraphLegend
from netdesk.ui.graph.interaction import GraphInteraction
from netdesk.ui.graph.scene import GraphDrawing
from netdesk.ui.graph.scene_measures import OVERVIEW_MIN_NODES
from netdesk.ui.graph.scene_overview import overview_image
from netdesk.ui.graph.scene_plan import plan_drawing
from netdesk.ui.graph.tooltips import node_tooltip, referral_tooltip

RELOAD_DELAY_MS = 250
ANTIALIAS_LOD = 0.6
"""Below this zoom factor shapes are drawn without antialiasing (they are dots)."""
GRAPH_FIELDS = frozenset({"*", "first_name", "last_name", "job_title", "organization",
                          "relationship", "stage", "career_fields"})
"""Person fields the graph shows or filters on; an edit to any other redraws nothing."""
FILTER_FIELDS = frozenset({"*", "organization", "stage", "career_fields"})
"""Person fields the filters look at: with a filter on, an edit to them reloads."""
LAYOUT, REFERRALS, EVERYTHING = 1, 2, 3
"""What a refresh does again: lay out the graph held; read the referrals again (people stay
as held, less those removed); read everything again."""
ASYNC_MIN = 3000
"""From this many people on, the graph is read and laid out away from the window's thread
(the window stays responsive and shows the last drawing meanwhile); below, at once."""


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


@dataclass
class Built:
    """A graph read (or kept), its forest and layout, and the drawing planned from them."""

    graph: ReferralGraph
    forest: Forest
    layout: Layout
    matches: set[int] | None
    plan: object
    overview: object = None


def fresh_graph(graph: ReferralGraph | None, level: int,
                removed: frozenset[int] = frozenset()) -> ReferralGraph:
    """The graph as ``level`` asks: ``graph`` itself, or with its referrals read again (and
    the ``removed`` people left out), or read again from the start."""
    if graph is None or level >= EVERYTHING:
        return load_graph()
    if level >= REFERRALS:
        return graph.with_referrals(load_referrals(), removed)
    return graph


def build(graph: ReferralGraph | None, graph_filter: GraphFilter, layout_kind: str,
          expanded: set[tuple[str, str]], palette: QPalette | None = None,
          level: int = LAYOUT, removed: frozenset[int] = frozenset()) -> Built:
    """Read the graph as ``level`` asks (see :func:`fresh_graph`), filter it, lay it out
    and plan the drawing; with a ``palette``, draw the overview picture too. Plain Python
    and images: safe in a thread."""
    graph = fresh_graph(graph, level, removed)
    shown = matches = None
    if graph_filter.active():
        f = graph_filter
        matches = matching_people(graph, organization_id=f.organization_id,
                                  career_field_id=f.career_field_id,
                                  stages=[f.stage] if f.stage else None)
        if f.near is not None:
            matches &= people_within(graph, *f.near)
        shown = with_ancestors(graph, matches)
    forest = build_forest(graph, shown, expanded)
    result = layout(layout_kind, forest.children, ME)
    plan = plan_drawing(graph, forest, result, matches)
    overview = None
    if palette is not None and len(result.positions) > OVERVIEW_MIN_NODES:
        overview = overview_image(graph, forest, result, layout_kind, palette)
    return Built(graph, forest, result, matches, plan, overview)


class _Worker(QObject):
    """Runs :func:`build` in a thread of its own and hands the result back to the window's
    thread through ``finished`` (a queued signal). The thread reads the database through a
    connection of its own (Peewee keeps one per thread), closed when it is done."""

    finished = Signal(int, object)  # generation, Built or the exception raised

    def start(self, generation: int, *args, **options) -> None:
        threading.Thread(target=self._run, args=(generation, *args), kwargs=options,
                         name="graph-loader", daemon=True).start()

    def _run(self, generation: int, *args, **options) -> None:
        # A hundred thousand new tuples would start many needless collections, each longer
        # than the last: collections stay off while building, and what was built (which
        # lives until the next load, without cycles) is left out of them for good.
        enabled = gc.isenabled()
        gc.disable()
        try:
            result = build(*args, **options)
        except Exception as error:  # noqa: BLE001 (handed to the window, which reports it)
            result = error
        finally:
            gc.freeze()
            if enabled:
                gc.enable()
            if options.get("level", LAYOUT) >= REFERRALS:
                try:
                    database_proxy.close()  # this thread's connection only
                except Exception:  # noqa: BLE001, S110 (already closed, or another file)
                    pass
        self.finished.emit(generation, result)


class ReferralGraphView(QGraphicsView):
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
        self._worker = _Worker(self)
        self._worker.finished.connect(self._built)
        self.drawing = GraphDrawing(self, self.palette(), self.font())
        self.setScene(self.drawing.scene)

        self.legend = GraphLegend(self)
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

    def schedule_reload(self, level: int = EVERYTHING) -> None:
        """Refresh soon (edits come in bursts) doing ``level`` again (see LAYOUT); at once
        when shown again if hidden now."""
        self._dirty = True
        self._needs = max(self._needs, level)
        if self.isVisible():
            self._reload_timer.start()

    def apply_changes(self, changes: Changes, _initiator=None) -> None:
        """Draw what ``changes`` touched into the graph where its shape allows (people edited,
        people added to or removed from a cluster, a person removed who had no referrals);
        otherwise lay it out again, read the referrals again, or (a restore or import,
        organizations and career fields, which the filters list) read everything again."""
        if changes.everything or changes.organizations or changes.career_fields:
            self.schedule_reload()
            return
        edited = {person_id: names for person_id, names in changes.person_fields.items()
                  if names & GRAPH_FIELDS and person_id not in changes.people_added}
        if not (changes.referrals or changes.people_added or changes.people_removed
                or edited):
            return
        if not self._can_patch():
            self.schedule_reload()  # nothing to patch yet, or a load is under way
            return
        level = REFERRALS if changes.referrals else 0
        if changes.people_added or changes.people_removed:
            level = max(level, self._patch_people(changes.people_added,
                                                  changes.people_removed))
        for person_id, names in edited.items():
            level = max(level, self.person_changed(person_id, names))
        if level:
            self.schedule_reload(level)

    def _can_patch(self) -> bool:
        return self.graph is not None and not self._dirty and not self.loading

    def _patch_people(self, added: frozenset[int], removed: frozenset[int]) -> int:
        """Put added people into their cluster, and take removed people out of a cluster or
        off the drawing, when nothing else moves. Returns what must be done again besides
        (0 for nothing; see LAYOUT)."""
        graph, forest, drawing = self.graph, self.forest, self.drawing
        level = 0
        for person_id in added:
            person = load_person(person_id)
            if person is None or person_id in graph.people:
                continue
            graph.put_person(person)
            cluster = forest.cluster_by_key((person.relationship, person.source))
            if cluster is None or self.filter.active():
                level = max(level, LAYOUT)
                continue
            rank = graph.rank
            members = cluster.members
            place = next((i for i, m in enumerate(members) if rank[m] > rank[person_id]),
                         len(members))
            members.insert(place, person_id)
            forest.cluster_of[person_id] = cluster.id
            forest.group_sizes[cluster.group] += 1
            drawing.rename_node(cluster.id)
            drawing.rename_node(cluster.group)
        for person_id in removed:
            person = graph.people.get(person_id)
            if person is None:
                continue
            if person_id in graph.out_edges or person_id in graph.in_edges \
                    or forest.children.get(person_id) or self.filter.active():
                self._removed.add(person_id)  # their referrals went with them
                level = max(level, REFERRALS)
                continue
            group = GROUP_IDS[person.relationship]
            cluster = forest.clusters.get(forest.cluster_of.pop(person_id, 0))
            if cluster is not None:
                cluster.members.remove(person_id)
                drawing.rename_node(cluster.id)
            elif person_id in forest.parent:
                del forest.parent[person_id]
                forest.tree_edge.pop(person_id, None)
                forest.children[group].remove(person_id)
                drawing.hide_node(person_id)
            forest.group_sizes[group] -= 1
            drawing.rename_node(group)
            graph.drop_person(person_id)
            if self.selected_id == person_id:
                self.select_person(None)
        self.patched.emit()
        return level

    def person_changed(self, person_id: int, names: frozenset[str] = ALL_FIELDS) -> int:
        """Fields ``names`` of one person were edited: redraw just their node when the tree
        keeps its shape (name, stage, title, organization). Their place may change (the
        relationship of someone nobody referred, their source while in a cluster, or what
        a filter looks at): then the graph takes the new values and LAYOUT is returned (to
        be laid out again), else 0."""
        graph = self.graph
        if person_id not in graph.people:
            return 0
        person = load_person(person_id)
        if person is None:
            return 0  # removed meanwhile: its own change follows
        old = graph.people[person_id]
        clustered = person_id in self.forest.cluster_of
        if (person.relationship != old.relationship and person_id not in graph.in_edges) \
                or (clustered and person.source != old.source) \
                or (self.filter.active() and names & FILTER_FIELDS):
            self.drawing.redraw_person(person)
            return LAYOUT
        overview = self.overview_active()
        self.drawing.redraw_person(person)
        if overview:
            self.setScene(self.drawing.overview_scene())
        return 0

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self._reload_timer.start(0)

    def reload(self) -> None:
        """Read the graph again and redraw it, keeping the zoom and the centre (at once)."""
        self._reload_timer.stop()
        self._dirty = False
        self._generation += 1  # a load still running in a thread is out of date
        self.loading, self._again = False, None
        self._needs, self._removed = 0, set()
        self._show(build(None, self.filter, self.layout_kind, self.expanded,
                         level=EVERYTHING), fit=not self._loaded_once)

    def refresh(self) -> None:
        """Do again what the changes since the last drawing need (everything unless told
        otherwise): at once when the graph is small, in a thread when it is large."""
        self._reload_timer.stop()
        level = self._needs or EVERYTHING
        if self.loading:
            self._again = (not self._loaded_once, level)
            return
        large = self.graph is not None and len(self.graph.people) >= ASYNC_MIN
        if self.graph is None:
            (count,) = database_proxy.execute_sql("SELECT count(*) FROM person").fetchone()
            large = count >= ASYNC_MIN
        if level >= EVERYTHING and not large:
            self.reload()
        elif large:
            self._start(not self._loaded_once, level)
        else:
            self._dirty = False
            removed, self._needs, self._removed = frozenset(self._removed), 0, set()
            self._show(build(self.graph, self.filter, self.layout_kind, self.expanded,
                             level=level, removed=removed), fit=False)

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

    def _rebuild(self, fit: bool) -> None:
        """Filter and lay out the graph held again (in a thread when large)."""
        if self.loading:
            self._again = (fit, self._again[1] if self._again else LAYOUT)
        elif len(self.graph.people) >= ASYNC_MIN:
            self._start(fit, LAYOUT)
        else:
            self._show(build(self.graph, self.filter, self.layout_kind, self.expanded), fit)

    def _start(self, fit: bool, level: int) -> None:
        """Build in a thread; the drawing shown stays until the new one is ready."""
        self._generation += 1
        self.loading = True
        self._fit_when_built = fit
        self._dirty = False
        removed, self._needs, self._removed = frozenset(self._removed), 0, set()
        if not self._loaded_once:
            self.empty_label.setText("Drawing the referral graph…")
            self.empty_label.show()
        self._worker.start(self._generation, self.graph, self.filter, self.layout_kind,
                           set(self.expanded), QPalette(self.palette()), level=level,
                           removed=removed)

    def _built(self, generation: int, result) -> None:
        """A thread finished: show what it built, unless something newer is wanted."""
        try:
            self._take_built(generation, result)
        finally:
            gc.freeze()  # the tiles too (the drawing breaks its cycles when discarded)

    def _take_built(self, generation: int, result) -> None:
        if generation != self._generation:
            return
        self.loading = False
        again, self._again = self._again, None
        if isinstance(result, DatabaseError):
            # The file went away or is locked: say so, keep what is shown, try again later.
            self._dirty = True
            self.empty_label.hide()
            self.status_message.emit(f"The referral graph could not be read: {result}")
            return
        if isinstance(result, Exception):
            raise result
        if again is not None:
            self._needs = max(self._needs, again[1])
            self._start(again[0] or self._fit_when_built, self._needs)
            return
        self._show(result, self._fit_when_built)

    def _show(self, built: Built, fit: bool) -> None:
        """Show a drawing of ``built``, keeping the selection, the highlights and (unless
        ``fit``) the centre."""
        reloaded = built.graph is not self.graph
        centre = self.mapToScene(self.viewport().rect().center())
        self.graph, self.forest, self.layout_result = built.graph, built.forest, built.layout
        self.matches = built.matches
        # A fresh drawing (scene and index) each time; the old one is freed once this shows.
        old = self.drawing
        self.drawing = GraphDrawing(self, self.palette(), self.font(), self.graph, self.forest,
                                    self.layout_result, self.layout_kind, self.matches,
                                    built.plan, built.overview)
        hidden = self.forest.cluster_of.get(self.selected_id)  # asked for while in a cluster
        if self.selected_id not in self.drawing.nodes and hidden is None:
            self.selected_id = None
        self.drawing.place_selection(self.selected_id)
        self.drawing.highlight_paths(old.highlighted)
        self.setScene(self.drawing.scene_for_zoom(self.zoom_factor()))
        old.discard()
        self._update_empty_state()
        if fit:
            self.fit_all()
        else:
            self.centerOn(centre)
            self.update_level_of_detail()
        if self._centre_pending and self.selected_id is not None:
            self.centre_on_selection()
        self._loaded_once = True
        if reloaded:
            self.reloaded.emit()
        else:
            self.patched.emit()
        if hidden is not None:
            self.expand_cluster(hidden)  # then select and centre as asked
        else:
            self._centre_pending = False

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

    def overview_active(self) -> bool:
        return self.drawing.overview is not None and self.scene() is self.drawing.overview

    def update_level_of_detail(self) -> None:
        """Names only when readable; one picture of the whole graph when zoomed far out."""
        zoom = self.zoom_factor()
        wanted = self.drawing.scene_for_zoom(zoom)
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
        if centre and self.selected_id is not None:
            self.centre_on_selection()

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
        self.empty_label.setGeometry(area.left() + (area.width() - width) // 2,
                                     area.top() + area.height() // 3, width, 120)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.graph is not None:
            self._rebuild(fit=False)
