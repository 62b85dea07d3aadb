"""Loading the referral graph: reading, filtering, laying out and planning (in a thread when
large), reload scheduling, and drawing edits in without reading again."""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass

from peewee import DatabaseError
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPalette

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
from netdesk.ui.graph.scene import GraphDrawing
from netdesk.ui.graph.scene_measures import OVERVIEW_MIN_NODES
from netdesk.ui.graph.scene_overview import overview_image
from netdesk.ui.graph.scene_plan import plan_drawing

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


class GraphWorker(QObject):
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
