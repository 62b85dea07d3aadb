"""What keeps the referral graph fast with many people: tiles with real bounds, clusters of
imported connections, loading in a thread, and edits drawn in without reading everything."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from netdesk.core import graph as core_graph
from netdesk.core.changes import Changes
from netdesk.core.graph import GROUP_IDS, ME
from netdesk.db.models import Person, Referral
from netdesk.ui.graph import graph_loading, graph_view, menus
from netdesk.ui.graph.scene_measures import CELL
from netdesk.ui.graph.scene_overview import Picture
from netdesk.ui.graph.scene_plan import CURVE_PIECE, piece_points
from netdesk.ui.graph.scene_tiles import EdgeTile, NodeTile
from netdesk.ui.graph.tooltips import node_tooltip, referral_tooltip
from tests.ui.graph.conftest import _shown
from tests.ui.graph.drive import pid


def _import(count: int, source: str = "LinkedIn") -> list[int]:
    Person.insert_many([{"first_name": f"Linked{i:04d}", "last_name": "Contact",
                         "relationship": "acquaintance", "source": source}
                        for i in range(count)]).execute()
    return [p.id for p in Person.select(Person.id).where(Person.source == source)]


@pytest.fixture
def clustered(qtbot, sample_db, events, monkeypatch):
    """The sample network and 40 people imported from LinkedIn, gathered from 30 on."""
    monkeypatch.setattr(core_graph, "CLUSTER_MIN", 30)
    imported = _import(40)
    view = _shown(qtbot, graph_view.ReferralGraphView(), 1000, 700)
    view.reset_zoom()
    return view, imported


def _cluster(view):
    (cluster,) = view.forest.clusters.values()
    return cluster


def test_every_tile_has_the_bounds_of_what_it_paints(view):
    tiles = [i for i in view.drawing.scene.items() if isinstance(i, NodeTile | EdgeTile)]
    assert tiles and all(not t.boundingRect().isEmpty() for t in tiles)
    drawing = view.drawing
    for node, n in drawing.nodes.items():
        tile = drawing.node_tiles[(int(drawing.xs[n] // CELL), int(drawing.ys[n] // CELL))]
        assert n in tile.indices
        assert tile.boundingRect().contains(QRectF(drawing.node_pos(node).x() - 50,
                                                   drawing.node_pos(node).y() - 12, 100, 40))
    for tile in drawing.edge_tiles.values():
        for piece in tile.edges:
            points = piece_points(piece)
            for x, y in zip(points[0::2], points[1::2], strict=True):
                assert tile.boundingRect().contains(QPointF(x, y))
        assert tile.boundingRect().width() <= CELL + CURVE_PIECE + 24  # long edges in pieces


def test_a_frame_near_me_visits_only_the_tiles_there(qtbot, db, events):
    # A wide network: tiles far from Me must not be found by a paint near Me.
    rows = [{"first_name": f"P{i:04d}", "last_name": "Wide",
             "relationship": ("friend", "coworker", "classmate")[i % 3]} for i in range(2400)]
    Person.insert_many(rows).execute()
    ids = [p.id for p in Person.select(Person.id).order_by(Person.id)]
    Referral.insert_many([{"referrer": ids[i], "referred": ids[i + 1]}
                          for i in range(0, 2000, 2)]).execute()
    view = _shown(qtbot, graph_view.ReferralGraphView(), 1000, 700)
    drawing = view.drawing
    assert len(drawing.node_tiles) > 4
    near_me = drawing.scene.items(QRectF(drawing.node_pos(ME), drawing.node_pos(ME))
                                  .adjusted(-200, -200, 200, 200))
    tiles = [i for i in near_me if isinstance(i, NodeTile | EdgeTile)]
    assert 0 < len(tiles) < (len(drawing.node_tiles) + len(drawing.edge_tiles)) / 2
    assert all(t.boundingRect().intersects(QRectF(-200, -200, 400, 400)) for t in tiles)


def test_imported_connections_show_as_one_cluster_that_opens_on_double_click(clustered, qtbot):
    view, imported = clustered
    cluster = _cluster(view)
    assert cluster.members == view.graph.sorted_ids(imported)
    assert view.drawing.label_text(cluster.id) == "40 LinkedIn connections"
    assert not set(imported) & set(view.drawing.nodes)
    group = GROUP_IDS["acquaintance"]
    assert view.drawing.label_text(group).endswith(f"({view.forest.group_sizes[group]})")
    assert "Double-click" in node_tooltip(view.graph, view.forest, cluster.id)
    view.centerOn(view.drawing.node_pos(cluster.id))
    where = view.viewport_point(cluster.id)
    assert view.tooltip_text(where).startswith("40 LinkedIn connections")
    with qtbot.assertNotEmitted(view.person_activated):
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert not view.forest.clusters and set(imported) <= set(view.drawing.nodes)
    assert view.expanded == {("acquaintance", "LinkedIn")}
    # The group's menu gathers them again.
    menu = menus.group_menu(view, group)
    menu.actions()[0].trigger()
    assert _cluster(view).members == cluster.members and not view.expanded


def test_cluster_menu_opens_it(clustered):
    view, imported = clustered
    menu = menus.cluster_menu(view, _cluster(view).id)
    assert menu.actions()[0].text() == "&Show 40 LinkedIn connections"
    menu.actions()[0].trigger()
    assert set(imported) <= view.shown_people()


def test_selecting_a_person_in_a_cluster_opens_it_and_centres_them(clustered):
    view, imported = clustered
    target = imported[17]
    view.select_person(target)
    assert target in view.drawing.nodes and view.selected_id == target
    assert view.drawing.selection_ring.isVisible()
    offset = view.viewport_point(target) - view.viewport().rect().center()
    assert offset.manhattanLength() <= 3


def test_keys_walk_past_a_cluster_without_selecting_it(clustered, qtbot):
    view, _imported = clustered
    group = GROUP_IDS["acquaintance"]
    last_person = view.forest.children[group][-2]
    view.select_person(last_person)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Right)  # the cluster is next: not a person
    assert view.selected_id == last_person


def test_people_imported_into_a_cluster_are_counted_without_a_reload(clustered, events):
    view, imported = clustered
    drawing, cluster = view.drawing, _cluster(view)
    new = Person.create(first_name="Zoe", last_name="Aardvark", relationship="acquaintance",
                        source="LinkedIn")
    events.publish(Changes.added_person(new.id))
    assert view.drawing is drawing and not view._dirty
    assert cluster.members[0] == new.id and view.forest.cluster_of[new.id] == cluster.id
    assert drawing.label_text(cluster.id) == "41 LinkedIn connections"
    Person.delete_by_id(imported[0])
    events.publish(Changes(people_removed=frozenset({imported[0]})))
    assert view.drawing is drawing and imported[0] not in view.graph.people
    assert drawing.label_text(cluster.id) == "40 LinkedIn connections"


def test_a_person_without_referrals_removed_leaves_without_a_reload(view, events):
    drawing = view.drawing
    graph = view.graph
    victor = next(p for p in graph.ordered if p not in graph.in_edges
                  and p not in graph.out_edges)
    Person.delete_by_id(victor)
    events.publish(Changes(people_removed=frozenset({victor}), referrals=False))
    assert view.drawing is drawing and victor not in drawing.nodes
    assert victor not in view.graph.people and victor not in view.shown_people()
    assert view.interaction.node_at(view.mapFromScene(QPointF(
        drawing.xs[0], drawing.ys[0]))) is not None  # the rest still answers the pointer


def test_a_person_with_referrals_removed_reads_the_referrals_again(view, events, qtbot):
    loaded = []
    real = graph_loading.load_graph
    view_graph = view.graph
    fatima = pid("Fatima")
    Person.delete_by_id(fatima)  # their referrals go with them
    graph_loading.load_graph = lambda: loaded.append(1) or real()
    try:
        events.publish(Changes(people_removed=frozenset({fatima}), referrals=True))
        qtbot.waitUntil(lambda: fatima not in view.graph.people, timeout=3000)
    finally:
        graph_loading.load_graph = real
    assert loaded == []  # people kept as held, referrals read again
    assert view.graph is not view_graph and fatima not in view.drawing.nodes
    assert not any(fatima in (e.referrer, e.referred) for e in view.graph.referrals)
    assert view.forest.parent[pid("Rosa")] == GROUP_IDS[Person.get_by_id(pid("Rosa"))
                                                        .relationship]


def test_a_large_graph_loads_in_a_thread_while_the_window_runs(qtbot, sample_db, events,
                                                               monkeypatch):
    monkeypatch.setattr(graph_loading, "ASYNC_MIN", 1)
    threads = []
    real = graph_loading.build

    def build(*args, **options):
        threads.append(threading.current_thread())
        return real(*args, **options)

    monkeypatch.setattr(graph_loading, "build", build)
    view = graph_view.ReferralGraphView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    wei = pid("Wei")
    view.select_person(wei)
    view.show()
    qtbot.waitUntil(lambda: view.graph is not None and not view.loading, timeout=5000)
    assert threads and threads[0] is not threading.main_thread()
    assert view.shown_people() == {p.id for p in Person.select(Person.id)}
    assert view.selected_id == wei and view.drawing.selection_ring.isVisible()
    assert not view.empty_label.isVisible()
    # An edit while a load runs is not lost: another load follows.
    new = Person.create(first_name="Zed", last_name="Late", relationship="friend")
    view.schedule_reload()
    view.refresh()
    assert view.loading
    events.publish(Changes.added_person(new.id))
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading and new.id in view.drawing.nodes, timeout=5000)
    # Filters and layouts are laid out in the thread too.
    count = len(threads)
    view.set_layout_kind("radial")
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    assert len(threads) == count + 1 and view.drawing.node_pos(ME) == QPointF(0, 0)


@pytest.fixture
def planning_held(monkeypatch):
    """Large-graph loading for the sample network (a thread, and a picture of the whole),
    with the planning of each drawing held until the test lets it go."""
    monkeypatch.setattr(graph_loading, "ASYNC_MIN", 1)
    monkeypatch.setattr(graph_loading, "OVERVIEW_MIN_NODES", 1)
    go = threading.Event()
    real = graph_loading.plan_drawing

    def plan_drawing(*args):
        assert go.wait(10), "the test never let the plan go"
        return real(*args)

    monkeypatch.setattr(graph_loading, "plan_drawing", plan_drawing)
    yield go
    go.set()


def _previewing(qtbot, width: int = 900, height: int = 600):
    view = graph_view.ReferralGraphView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitUntil(lambda: view.preview is not None, timeout=5000)
    return view


def test_a_first_load_shows_the_whole_graph_as_a_picture_while_it_is_planned(
        qtbot, sample_db, events, planning_held):
    view = _previewing(qtbot)
    scene, rect = view.preview
    assert view.loading and view.scene() is scene and not view.empty_label.isVisible()
    (picture,) = [item for item in scene.items() if isinstance(item, Picture)]
    assert picture.rect == rect and not picture.image.isNull()
    names = {item.text(): item for item in scene.items()
             if isinstance(item, QGraphicsSimpleTextItem)}
    assert "Me" in names and any(name.startswith("Friend (") for name in names)
    # Me's name centred above Me (the tree's root, at the origin), readable at any zoom.
    me = names["Me"].deviceTransform(view.viewportTransform()).mapRect(
        names["Me"].boundingRect())
    dot = view.mapFromScene(QPointF(0, 0))
    assert me.bottom() < dot.y() and abs(me.center().x() - dot.x()) <= 1
    # Fitted: the whole picture is in the viewport.
    shown = view.mapFromScene(rect).boundingRect()
    assert view.viewport().rect().adjusted(-1, -1, 1, 1).contains(shown)

    planning_held.set()
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    assert view.preview is None and view.interaction.fitted
    assert view.scene() is view.drawing.scene_for_zoom(view.zoom_factor())
    assert view.shown_people() == {p.id for p in Person.select(Person.id)}
    assert view.drawing.content_rect == rect  # the same picture, now of the drawing
    qtbot.waitUntil(lambda: not shiboken6.isValid(scene), timeout=2000)


def test_where_the_user_zooms_in_on_the_picture_stays_once_the_drawing_is_built(
        qtbot, sample_db, events, planning_held):
    view = _previewing(qtbot)
    view.zoom_by(2.0)
    # A click meanwhile finds no one and breaks nothing.
    with qtbot.assertNotEmitted(view.person_selected):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.viewport().rect().center())
    zoom = view.zoom_factor()
    centre = view.mapToScene(view.viewport().rect().center())
    assert not view.interaction.fitted

    planning_held.set()
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    assert view.preview is None and not view.interaction.fitted
    assert view.zoom_factor() == pytest.approx(zoom)
    after = view.mapToScene(view.viewport().rect().center())
    assert abs(after.x() - centre.x()) < 2 and abs(after.y() - centre.y()) < 2


def test_a_later_load_keeps_the_drawing_shown_and_shows_no_picture(
        qtbot, sample_db, events, monkeypatch):
    monkeypatch.setattr(graph_loading, "ASYNC_MIN", 1)
    monkeypatch.setattr(graph_loading, "OVERVIEW_MIN_NODES", 1)
    view = _shown(qtbot, graph_view.ReferralGraphView(), 900, 600)
    qtbot.waitUntil(lambda: view.graph is not None and not view.loading, timeout=5000)
    previews = []
    view._worker.previewed.connect(lambda *_args: previews.append(view.preview))
    Person.create(first_name="Noor", last_name="Late", relationship="friend")
    view.schedule_reload()
    view.refresh()
    qtbot.waitUntil(lambda: not view.loading, timeout=5000)
    assert previews == [None] and view.preview is None


def test_clicks_find_names_as_well_as_shapes(view, qtbot):
    helen = pid("Helen")
    view.centerOn(view.drawing.node_pos(helen))
    below = view.viewport_point(helen) + QPoint(0, 26)  # on the name
    with qtbot.waitSignal(view.person_selected) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=below)
    assert signal.args == [helen]


def test_a_file_that_cannot_be_read_in_the_thread_is_reported(qtbot, sample_db, events,
                                                                monkeypatch):
    from peewee import OperationalError

    monkeypatch.setattr(graph_loading, "ASYNC_MIN", 1)

    def locked(*_args, **_options):
        raise OperationalError("database is locked")

    monkeypatch.setattr(graph_loading, "build", locked)
    view = graph_view.ReferralGraphView()
    qtbot.addWidget(view)
    with qtbot.waitSignal(view.status_message) as said:
        view.show()
    assert said.args == ["The referral graph could not be read: database is locked"]
    assert view.graph is None and not view.loading and view._dirty


def test_a_long_cross_link_is_one_item_found_under_the_pointer(view, monkeypatch):
    from netdesk.ui.graph import scene_plan

    monkeypatch.setattr(scene_plan, "CURVE_PIECE", 1.0)  # every cross-link counts as long
    view.reload()
    jamal = pid("Jamal")
    (edge,) = view.forest.cross_edges
    assert edge.referred == jamal and view.drawing.edges[edge.id][0] == "long"
    (item,) = view.drawing.long_links
    middle = item.path().pointAtPercent(0.3)
    view.centerOn(middle)
    assert view.interaction.edge_at(view.mapFromScene(middle)) == edge.id
    assert view.tooltip_text(view.mapFromScene(middle)) == referral_tooltip(view.graph, edge.id)
