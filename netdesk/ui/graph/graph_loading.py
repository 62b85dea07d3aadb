"""Loading the referral graph: reading, filtering, laying out and planning (in a thread when
large), reload scheduling, and drawing edits in without reading again."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from peewee import DatabaseError
from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QFont, QPalette

from netdesk.core.changes import ALL_FIELDS, Changes
from netdesk.core.graph import (
    GROUP_IDS,
    GROUP_RELATIONSHIPS,
    ME,
    Forest,
    ReferralEdge,
    ReferralGraph,
    build_forest,
    load_graph,
    load_person,
    load_referrals,
)
from netdesk.core.graph_layout import BLOCK_THRESHOLD, Layout, layout, place_near
from netdesk.core.referral_paths import matching_people, people_within, with_ancestors
from netdesk.db.models import database_proxy
from netdesk.ui.graph.scene import GraphDrawing
from netdesk.ui.graph.scene_measures import (
    CROSS,
    FAINT,
    KIND_OF_RELATIONSHIP,
    OVERVIEW_MIN_NODES,
    SCROLL_ROOM,
    SMALL_BLOCK,
    SMALL_GRAPH,
    TREE,
    content_rect_of,
)
from netdesk.ui.graph.scene_overview import overview_image, picture_scene
from netdesk.ui.graph.scene_plan import node_name, plan_drawing

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
PATCH_MIN = ASYNC_MIN
"""From this many people on, a person or referral added or removed is drawn in where it
belongs, nobody else moving (laying out again would take too long); below, the graph is laid
out again at once, tidy."""


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


@dataclass
class Preview:
    """The whole graph as one picture, drawn before the drawing is planned: what a first load
    shows meanwhile (the plan of a hundred thousand people takes a quarter of a second
    more). ``rect`` is what the picture covers; ``names`` are Me's and the groups', as
    (text, x, y, above) (see :func:`~netdesk.ui.graph.scene_overview.picture_scene`)."""

    image: object
    rect: QRectF
    names: list[tuple[str, float, float, bool]]


def fresh_graph(graph: ReferralGraph | None, level: int,
                removed: frozenset[int] = frozenset()) -> ReferralGraph:
    """The graph as ``level`` asks: ``graph`` itself, or with its referrals read again (and
    the ``removed`` people left out), or read again from the start."""
    if graph is None or level >= EVERYTHING:
        return load_graph(graph)
    if level >= REFERRALS:
        return graph.with_referrals(load_referrals(graph.people, graph.referrals), removed)
    return graph


def build(graph: ReferralGraph | None, graph_filter: GraphFilter, layout_kind: str,
          expanded: set[tuple[str, str]], palette: QPalette | None = None,
          level: int = LAYOUT, removed: frozenset[int] = frozenset(),
          on_preview: Callable[[Preview], None] | None = None) -> Built:
    """Read the graph as ``level`` asks (see :func:`fresh_graph`), filter it, lay it out
    and plan the drawing; with a ``palette``, draw the overview picture too, before the
    plan, and hand it to ``on_preview`` as soon as it is drawn. Plain Python and images:
    safe in a thread."""
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
    small = len(forest.parent) <= SMALL_GRAPH
    # A small network is packed into shelves sooner, so that it fills a window's shape and
    # its names can be read when it is fitted.
    result = layout(layout_kind, forest.children, ME,
                    block_threshold=SMALL_BLOCK if small else BLOCK_THRESHOLD)
    overview = None
    if palette is not None and len(result.positions) > OVERVIEW_MIN_NODES:
        rect = content_rect_of(result)  # the drawing's own, measured again by the plan
        overview = overview_image(graph, forest, result, layout_kind, palette, rect)
        if on_preview is not None:
            on_preview(Preview(overview, rect, [
                (node_name(graph, forest, node), *result.positions[node], node == ME)
                for node in (ME, *GROUP_RELATIONSHIPS) if node in result.positions]))
    plan = plan_drawing(graph, forest, result, matches)
    return Built(graph, forest, result, matches, plan, overview)


_pause_lock = threading.Lock()
_pauses = 0


@contextmanager
def _collections_paused():
    """Garbage collection off for the time of the block (it is the whole process's switch:
    nested or overlapping builds count, and the last one out turns it back on as it was)."""
    global _pauses, _was_enabled
    with _pause_lock:
        if _pauses == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()


_was_enabled = True
_frozen = False


def _keep_out_of_collections() -> None:
    """Leave what a large graph's drawing is made of (over a million objects that live till
    the next load, freed by reference counts) out of the collector's passes, each of which
    would otherwise stop the window for a tenth of a second. Scoped: undone by
    :func:`_collectable_again` before the next load, so nothing stays frozen for good."""
    global _frozen
    gc.freeze()
    _frozen = True


def _collectable_again() -> None:
    global _frozen
    if _frozen:
        gc.unfreeze()
        _frozen = False


class GraphWorker(QObject):
    """Runs :func:`build` in a thread of its own and hands the result back to the window's
    thread through ``finished`` (a queued signal). The thread reads the database through a
    connection of its own (Peewee keeps one per thread), closed when it is done."""

    finished = Signal(int, object)  # generation, Built or the exception raised
    previewed = Signal(int, object)  # generation, Preview (before ``finished``)

    def start(self, generation: int, *args, **options) -> None:
        threading.Thread(target=self._run, args=(generation, *args), kwargs=options,
                         name="graph-loader", daemon=True).start()

    def _run(self, generation: int, *args, **options) -> None:
        # A hundred thousand new tuples would start many needless collections, each longer
        # than the last: collections wait while building (and only then).
        with _collections_paused():
            try:
                result = build(*args, **options, on_preview=lambda preview:
                               self.previewed.emit(generation, preview))
            except Exception as error:  # noqa: BLE001 (handed to the window, which reports it)
                result = error
            _keep_out_of_collections()  # before collections run again over what was built
        if options.get("level", LAYOUT) >= REFERRALS:
            try:
                database_proxy.close()  # this thread's connection only
            except Exception:  # noqa: BLE001, S110 (already closed, or another file)
                pass
        self.finished.emit(generation, result)


class GraphLoadingMixin:
    """Loading and patching for :class:`~netdesk.ui.graph.graph_view.ReferralGraphView`
    (see its attributes)."""

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
        level = 0
        if changes.people_added or changes.people_removed:
            level = self._patch_people(changes.people_added, changes.people_removed)
        if changes.referrals and level < REFERRALS:
            level = max(level, self._patch_referrals() if self._in_place() else REFERRALS)
        for person_id, names in edited.items():
            level = max(level, self.person_changed(person_id, names))
        if level:
            self.schedule_reload(level)
        elif changes.people_added or changes.people_removed or changes.referrals:
            self.refit_if_fitted()

    def _can_patch(self) -> bool:
        return self.graph is not None and not self._dirty and not self.loading

    def _in_place(self) -> bool:
        """Whether people and referrals added or removed are drawn in where they belong
        (a large graph, no filter) rather than laid out again."""
        return len(self.graph.people) >= PATCH_MIN and not self.filter.active()

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
            if cluster is None and self._in_place() and self._place_leaf(
                    person_id, GROUP_IDS[person.relationship], None):
                forest.group_sizes[GROUP_IDS[person.relationship]] += 1
                drawing.rename_node(GROUP_IDS[person.relationship])
                continue
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
            referred = person_id in graph.out_edges or person_id in graph.in_edges
            if forest.children.get(person_id) or self.filter.active() \
                    or (referred and not self._in_place()):
                self._removed.add(person_id)  # their referrals went with them
                level = max(level, REFERRALS)
                continue
            if referred:  # a leaf: its referrals go with it, nobody else moves
                ids = {e[0] for e in (*graph.out_edges.get(person_id, ()),
                                      *graph.in_edges.get(person_id, ()))}
                graph.remove_referrals(ids)
                forest.cross_edges = [e for e in forest.cross_edges if e[0] not in ids]
                drawing.remove_edges(referrals=frozenset(ids))
            group = GROUP_IDS[person.relationship]
            cluster = forest.clusters.get(forest.cluster_of.pop(person_id, 0))
            under_group = cluster is not None or forest.parent.get(person_id) == group
            if cluster is not None:
                cluster.members.remove(person_id)
                drawing.rename_node(cluster.id)
            elif person_id in forest.parent:
                forest.detach(person_id)
                drawing.hide_node(person_id)
                self.layout_result.positions.pop(person_id, None)
            if under_group:
                forest.group_sizes[group] -= 1
                drawing.rename_node(group)
            graph.drop_person(person_id)
            if self.selected_id == person_id:
                self.select_person(None)
        self.patched.emit()
        return level

    def _place_leaf(self, node: int, parent: int, edge: ReferralEdge | None) -> bool:
        """Draw ``node`` (a person, nobody below them) as the last child of ``parent``, at a
        free place beside its other children, without moving anyone else; the line to it,
        and their cross-links. False when ``parent`` is not drawn."""
        drawing, forest, layout = self.drawing, self.forest, self.layout_result
        if parent not in drawing.nodes or parent not in layout.positions:
            return False
        kids = forest.children.get(parent)
        x, y = place_near(layout, parent, kids[-1] if kids else None, drawing.free_at)
        forest.attach(node, parent, edge)
        layout.positions[node] = (x, y)
        layout.rows[node] = layout.rows.get(parent, 0) + 1
        person = self.graph.people[node]
        drawing.add_node(node, x, y, KIND_OF_RELATIONSHIP[person.relationship], person.stage)
        shelved = any(b.parent == parent and parent < 0 for b in layout.blocks)
        if not shelved:  # a shelved group shows one line to its frame
            drawing.add_edge(parent, node, FAINT if edge is None else TREE,
                             None if edge is None else edge[0])
        graph = self.graph
        tree_id = None if edge is None else edge[0]
        for other in (*graph.in_edges.get(node, ()), *graph.out_edges.get(node, ())):
            if other[0] != tree_id and other[1] in drawing.nodes and other[2] in drawing.nodes:
                drawing.add_edge(other[1], other[2], CROSS, other[0])
        if self.selected_id == node:
            drawing.place_selection(node)
        return True

    def _move_leaf(self, node: int, parent: int, edge: ReferralEdge | None) -> bool:
        """Take ``node`` (nobody below them) from where it is drawn and draw it below
        ``parent``; False (nothing done) when that cannot be done in place."""
        drawing, forest = self.drawing, self.forest
        if forest.children.get(node) or parent not in drawing.nodes:
            return False
        old = forest.parent.get(node)
        if old is not None:
            ids = {e[0] for e in (*self.graph.in_edges.get(node, ()),
                                  *self.graph.out_edges.get(node, ()))}
            drawing.remove_edges(referrals=frozenset(ids))
            drawing.hide_node(node)
            forest.detach(node)
            if old in GROUP_RELATIONSHIPS:
                forest.group_sizes[old] -= 1
                drawing.rename_node(old)
        return self._place_leaf(node, parent, edge)

    def _patch_referrals(self) -> int:
        """Draw in the referrals added and rub out those removed, moving only the person
        a referral places (or no longer places) when nobody hangs below them. Returns
        REFERRALS when that cannot be done in place (the graph is read again then)."""
        graph, forest, drawing = self.graph, self.forest, self.drawing
        db = database_proxy
        # One set, of the ids held, shrinking as the stored ids go by: not a second set of
        # every id stored (a hundred thousand ints) beside it.
        gone = {e[0] for e in graph.referrals}
        added = set()
        for (referral_id,) in db.execute_sql("SELECT id FROM referral"):
            if referral_id in gone:
                gone.discard(referral_id)
            else:
                added.add(referral_id)
        if not added and not gone:  # a date or a note edited
            edges = {e[0]: e for e in load_referrals(graph.people)}
            for edge in list(graph.referrals):
                new = edges.get(edge[0])
                if new is not None and new != edge:
                    self._replace_referral(new)
            return 0
        for edge in graph.remove_referrals(gone):
            referred = edge[2]
            if forest.tree_edge.get(referred) is not None \
                    and forest.tree_edge[referred][0] == edge[0]:
                others = [e for e in graph.in_edges.get(referred, ())
                          if e[1] in drawing.nodes]
                if others:  # the referrer drawn closest to Me places them now
                    rows = self.layout_result.rows
                    best = min(others, key=lambda e: rows.get(e[1], 0))
                    forest.cross_edges = [e for e in forest.cross_edges if e[0] != best[0]]
                    moved = self._move_leaf(referred, best[1], best)
                else:
                    person = graph.people.get(referred)
                    group = GROUP_IDS[person.relationship] if person else None
                    moved = person is not None and self._move_leaf(referred, group, None)
                    if moved:
                        forest.group_sizes[group] += 1
                        drawing.rename_node(group)
                if not moved:
                    return REFERRALS
            else:
                forest.cross_edges = [e for e in forest.cross_edges if e[0] != edge[0]]
                drawing.remove_edges(referrals=frozenset({edge[0]}))
        if added:
            marks = ",".join("?" * len(added))
            rows = db.execute_sql("SELECT id, referrer_id, referred_id, date, note FROM "
                                  f"referral WHERE id IN ({marks}) ORDER BY id",  # noqa: S608
                                  sorted(added)).fetchall()
            for row in rows:
                if not self._add_referral(ReferralEdge(row[0], row[1], row[2], row[3],
                                                       row[4] or "")):
                    return REFERRALS
        return 0

    def _add_referral(self, edge: ReferralEdge) -> bool:
        graph, forest, drawing = self.graph, self.forest, self.drawing
        referrer, referred = edge[1], edge[2]
        if referrer not in graph.people or referred not in graph.people \
                or referrer in forest.cluster_of or referrer not in drawing.nodes:
            return False
        graph.add_referral(edge)
        cluster = forest.clusters.get(forest.cluster_of.get(referred, 0))
        if cluster is not None:  # one of many imported: out of the cluster, below the referrer
            cluster.members.remove(referred)
            del forest.cluster_of[referred]
            forest.group_sizes[cluster.group] -= 1
            drawing.rename_node(cluster.id)
            drawing.rename_node(cluster.group)
            return self._place_leaf(referred, referrer, edge)
        if forest.parent.get(referred) in GROUP_RELATIONSHIPS and referred != referrer:
            return self._move_leaf(referred, referrer, edge)  # referred by no one till now
        forest.cross_edges.append(edge)
        if referred in drawing.nodes:
            drawing.add_edge(referrer, referred, CROSS, edge[0])
        return True

    def _replace_referral(self, edge: ReferralEdge) -> None:
        self.graph.replace_referral(edge)
        forest = self.forest
        if forest.tree_edge.get(edge[2]) is not None and forest.tree_edge[edge[2]][0] == edge[0]:
            forest.tree_edge[edge[2]] = edge
        forest.cross_edges = [edge if e[0] == edge[0] else e for e in forest.cross_edges]

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

    def reload(self) -> None:
        """Read the graph again and redraw it, keeping the zoom and the centre (at once)."""
        self._reload_timer.stop()
        self._dirty = False
        self._generation += 1  # a load still running in a thread is out of date
        _collectable_again()
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
        _collectable_again()  # what is drawn now goes once the new drawing shows
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
        self._take_built(generation, result)
        if not self.loading:
            _keep_out_of_collections()

    def _previewed(self, generation: int, preview: Preview) -> None:
        """Show the picture of a first load's graph, fitted, while its drawing is planned;
        the drawing takes its place once built (where the user zoomed or panned meanwhile,
        that stays)."""
        if generation != self._generation or self._loaded_once or not self.loading:
            return
        palette = self.palette()
        rect = preview.rect
        scene, _picture = picture_scene(
            self, rect.adjusted(-SCROLL_ROOM, -SCROLL_ROOM, SCROLL_ROOM, SCROLL_ROOM),
            palette.color(QPalette.ColorRole.Base), preview.image, rect, preview.names,
            QFont(self.font()), palette.color(QPalette.ColorRole.Text))
        self._drop_preview()
        self.preview = (scene, rect)
        self.empty_label.hide()
        self.setScene(scene)
        self.fit_all()

    def _drop_preview(self) -> None:
        if self.preview is not None:
            self.preview[0].deleteLater()
            self.preview = None

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
        if self.preview is not None:  # fitted still, unless the user moved it meanwhile
            fit = self.interaction.fitted
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
        self._drop_preview()
        old.discard()
        self._update_empty_state()
        if fit or self.interaction.fitted:  # fitted until the user zooms or pans
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
