"""The referral graph read as a whole: names apart at Fit All, the legend folded out of the
way, fitted again after changes, walked with the keyboard and read as a list; and edits to a
large graph drawn in place."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolButton

from netdesk.core.changes import Changes
from netdesk.core.graph import ME
from netdesk.core.people import PersonForm, delete_person, save_person
from netdesk.db.models import Person, Referral
from netdesk.ui.common.changes import publish
from netdesk.ui.graph import graph_loading
from netdesk.ui.graph.avatars import initials, person_colour
from netdesk.ui.graph.graph_list import GraphList
from netdesk.ui.graph.graph_view import ReferralGraphView
from netdesk.ui.graph.scene_measures import GROUP_KIND
from netdesk.ui.people.referral_commands import AddReferralCommand
from tests.ui.graph.conftest import _shown
from tests.ui.graph.drive import pid


def _placed(view):
    view.viewport().repaint()  # the names are placed as they are painted
    return view.drawing.label_layer.placed


def _drawn_on_screen(view) -> list[QRect]:
    """Every node and every name placed, in viewport pixels."""
    drawing, zoom = view.drawing, view.zoom_factor()
    radius = drawing.node_radius_px(zoom)
    rects = [label.rect for label in _placed(view)]
    for n in drawing.nodes.values():
        r = radius(n) / zoom
        rects.append(QRectF(drawing.xs[n] - r, drawing.ys[n] - r, 2 * r, 2 * r))
    return [view.mapFromScene(r).boundingRect() for r in rects]


def _under_legend(view) -> bool:
    box = view.legend.geometry().translated(-view.viewport().pos())
    return any(r.intersects(box) for r in _drawn_on_screen(view))


def test_names_at_fit_all_never_cover_one_another_nor_a_node(panel):
    view = panel.view
    view.fit_all()
    placed = _placed(view)
    people = [p for p in placed if not p.org and view.drawing.kinds[p.n] < 9]
    assert len(people) >= 0.6 * len(view.graph.people)  # most of the 44 names
    rects = [p.rect for p in placed]
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b)
    drawing, zoom = view.drawing, view.zoom_factor()
    radius = drawing.node_radius_px(zoom)
    for label in placed:
        for n in drawing.nodes.values():
            if label.n == n:
                continue
            r = radius(n) / zoom
            disc = QRectF(drawing.xs[n] - r, drawing.ys[n] - r, 2 * r, 2 * r)
            assert not label.rect.intersects(disc.adjusted(1, 1, -1, -1))


@pytest.mark.parametrize("size", [(1024, 600), (960, 600)])  # 960×600: 1440×900 at 150 %
def test_in_a_small_window_every_name_shows_at_fit_all(make_window, sample_db, qtbot, size):
    window = make_window()
    window.resize(*size)
    window.tabs.setCurrentWidget(window.graph_panel)
    view = window.graph_panel.view
    qtbot.waitUntil(lambda: view.graph is not None and not view._dirty, timeout=3000)
    view.legend.set_folded(True)
    view.fit_all()
    drawing = view.drawing
    named = {p.n for p in _placed(view) if not p.org}
    assert {drawing.nodes[p] for p in view.graph.people} <= named  # all 44 people
    groups = [n for n in drawing.nodes.values() if drawing.kinds[n] == GROUP_KIND]
    assert groups and set(groups) <= named  # Coworker (2) among them
    rects = [p.rect for p in _placed(view)]
    for i, a in enumerate(rects):
        assert not any(a.intersects(b) for b in rects[i + 1:])
    screen = view.viewport().rect()
    assert all(screen.contains(r) for r in _drawn_on_screen(view))  # nothing cut off
    assert not _under_legend(view)
    # The whole toolbar shows: nothing is put away in its overflow menu.
    bar = window.graph_panel.toolbar
    assert not bar.findChild(QToolButton, "qt_toolbar_ext_button").isVisible()
    fit = bar.widgetForAction(window.graph_panel.fit_action)
    assert fit.isVisible() and fit.toolTip() and fit.accessibleName() == "Fit All"
    summary = window.graph_panel.summary
    assert summary.text() == "44 people"
    qtbot.waitUntil(lambda: summary.width() >= summary.sizeHint().width(), timeout=1000)


def test_people_show_their_initials_on_a_colour_of_their_own(view):
    fatima = pid("Fatima")
    face = view.drawing.avatar_of(view.drawing.nodes[fatima])
    assert face.initials == "FN" and face.image is None
    assert face.colour == person_colour(fatima, view.drawing.dark)  # the same every time
    assert initials("Ana María Ruiz") == "AR" and initials("") == "?"


def test_organizations_are_named_backgrounds_behind_their_people(view):
    drawing = view.drawing
    assert drawing.organization_items
    fatima = pid("Fatima")
    organization = Person.get_by_id(fatima).organization_id
    (item,) = [i for i in drawing.organization_items if i.data(0) == organization]
    assert item.path().contains(drawing.node_pos(fatima))
    names = {label.texts[0] for label in drawing.labels_to_place() if label.org}
    assert "Cascade County Health Department" in names


def test_the_legend_folds_with_its_button_and_fit_all_leaves_room_for_it(panel, qtbot):
    view = panel.view
    legend = view.legend
    legend.set_folded(False)
    view.fit_all()
    assert not _under_legend(view)
    unfolded, zoom = legend.height(), view.zoom_factor()
    qtbot.mouseClick(legend.fold_button, Qt.MouseButton.LeftButton)
    assert legend.is_folded() and legend.height() < unfolded
    assert legend.fold_button.accessibleName() == "Unfold the legend"
    assert view.interaction.fitted  # fitted again, with the room the legend gave back
    assert not _under_legend(view) and view.zoom_factor() > zoom
    qtbot.mouseClick(legend.fold_button, Qt.MouseButton.LeftButton)
    assert not legend.is_folded()


def test_fit_all_follows_a_resize_until_the_user_zooms(panel, qtbot):
    view = panel.view
    view.fit_all()
    before = view.zoom_factor()
    panel.resize(800, 600)
    qtbot.waitUntil(lambda: view.zoom_factor() < before)
    assert all(view.viewport().rect().contains(r) for r in _drawn_on_screen(view))
    view.zoom_in()
    zoomed = view.zoom_factor()
    panel.resize(1100, 700)
    qtbot.wait(10)
    assert view.zoom_factor() == pytest.approx(zoomed)


def test_an_edit_in_the_editor_refits_the_graph(make_window, sample_db, qtbot):
    window = make_window()
    window.tabs.setCurrentWidget(window.graph_panel)
    view = window.graph_panel.view
    qtbot.waitUntil(lambda: view.graph is not None and not view._dirty, timeout=3000)
    view.fit_all()
    window.new_person()
    editor = window.editor
    qtbot.keyClicks(editor.first_name, "Zora")
    qtbot.keyClicks(editor.last_name, "Quill")
    assert editor.save_now()
    zora = Person.get(Person.first_name == "Zora").id
    window.tabs.setCurrentWidget(window.graph_panel)
    qtbot.waitUntil(lambda: zora in view.drawing.nodes, timeout=3000)
    assert view.interaction.fitted
    assert view.viewport().rect().contains(view.viewport_point(zora))
    assert all(view.viewport().rect().contains(r) for r in _drawn_on_screen(view))


def test_tab_walks_the_people_and_names_each_for_screen_readers(panel, qtbot):
    view = panel.view
    view.setFocus()
    view.select_person(None)
    walk = view.interaction.walk_order()
    assert set(walk) == set(view.graph.people)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.selected_id == walk[0]
    name = view.graph.people[walk[0]].name
    assert name in view.accessibleName()
    assert view.drawing.selection_ring.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.selected_id == walk[1]
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_id == walk[0]
    # The arrows follow the referrals: Down to someone they referred, Up back.
    helen = pid("Helen")
    view.select_person(helen)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    referred = view.selected_id
    assert view.forest.parent[referred] == helen
    assert "referred by Helen Marsh" in view.accessibleName()
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.selected_id == helen
    with qtbot.waitSignal(view.person_activated) as opened:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened.args == [helen]


def test_the_people_as_a_list_with_who_referred_them(panel, qtbot, qtmodeltester):
    view = panel.view
    qtbot.keyClick(panel, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert panel.list_action.shortcut() == QKeySequence("Ctrl+Shift+T")
    people = panel.people_list
    assert isinstance(people, GraphList) and people.isVisible()
    model = people.list_model
    qtmodeltester.check(model)
    assert model.rowCount() == len(view.graph.people)
    ingrid = pid("Ingrid")
    row = model.row_of(ingrid)
    assert model.index(row, 0).data() == "Ingrid Larsen"
    assert "Helen Marsh" in model.index(row, 1).data()
    people.scrollTo(model.index(row, 0))
    rect = people.visualRect(model.index(row, 0))
    with qtbot.waitSignal(panel.person_selected) as chosen:
        qtbot.mouseClick(people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen.args == [ingrid] and view.selected_id == ingrid
    with qtbot.waitSignal(panel.person_activated) as opened:
        qtbot.keyClick(people, Qt.Key.Key_Return)
    assert opened.args == [ingrid]
    # Walking the graph moves the list along.
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert people.currentIndex().row() == model.row_of(view.selected_id)


def test_the_empty_state_text_keeps_clear_of_me(qtbot, db, events):
    view = _shown(qtbot, ReferralGraphView(), 900, 600)
    assert view.empty_label.isVisible()
    me = view.viewport_point(ME) + view.viewport().pos()
    reach = int(view.drawing.node_scale * 38 * view.zoom_factor() / 2)
    assert not view.empty_label.geometry().intersects(
        QRect(me - QPoint(reach, reach), me + QPoint(reach, reach)))


@pytest.fixture
def in_place(monkeypatch, view):
    """The sample drawn as a large graph is: edits are drawn in where they belong."""
    monkeypatch.setattr(graph_loading, "PATCH_MIN", 0)
    return view


def test_a_new_referral_in_a_large_graph_moves_only_the_person_referred(in_place, events):
    view = in_place
    tom = pid("Tom")
    new = save_person(None, PersonForm(first_name="Nia", last_name="Okoro",
                                       relationship="friend"))
    publish(new)
    nia = new.id
    assert not view._dirty and not view._reload_timer.isActive()  # drawn in, not laid out
    assert nia in view.drawing.nodes and view.forest.parent[nia] < 0  # under their group
    others = {n: view.layout_result.positions[n] for n in view.drawing.nodes if n != nia}
    AddReferralCommand(tom, nia, "Record").redo()
    assert not view._dirty and not view._reload_timer.isActive()
    assert view.forest.parent[nia] == tom
    referral = Referral.get(Referral.referred == nia).id
    assert referral in view.drawing.edges
    assert view.drawing.node_pos(nia).y() > view.drawing.node_pos(tom).y()
    assert all(view.layout_result.positions[n] == p for n, p in others.items())
    x, y = view.layout_result.positions[nia]
    for p in others.values():  # nobody else moved, and Nia sits on no one
        assert abs(p[0] - x) >= 100 or abs(p[1] - y) >= 40
    delete_person(nia)
    publish(Changes(people_removed=frozenset({nia})))
    assert not view._dirty and nia not in view.drawing.nodes
    assert referral not in view.drawing.edges and view.graph.referral(referral) is None


def test_a_large_load_leaves_what_it_built_out_of_collections_until_the_next(
        qtbot, sample_db, events, monkeypatch):
    monkeypatch.setattr(graph_loading, "ASYNC_MIN", 1)
    view = ReferralGraphView()
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.graph is not None and not view.loading, timeout=5000)
    assert gc.get_freeze_count() > 0
    view.reload()  # the next load (at once) lets them go
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_a_wide_network_fitted_in_a_short_window_sits_clear_of_the_legend(
        sample_db, events, qtbot, monkeypatch):
    """At Fit All a wide network is smaller than the viewport: Qt centres such a scene
    wherever it is asked to, which put it under the legend; it now sits in the room fit
    chose."""
    from netdesk.core import graph as core_graph

    monkeypatch.setattr(core_graph, "CLUSTER_MIN", 10**9)
    kinds = ("friend", "coworker", "classmate", "acquaintance", "family", "other")
    Person.insert_many([{"first_name": f"Wide{i:04d}", "last_name": "Person",
                         "relationship": kinds[i % len(kinds)]} for i in range(1200)]).execute()
    view = _shown(qtbot, ReferralGraphView(), 1000, 420)
    view.legend.set_folded(False)
    view.fit_all()
    rect = view.drawing.content_rect
    shown = view.mapFromScene(rect).boundingRect()
    assert shown.height() < view.viewport().height() / 2  # wide and flat
    room = view.interaction._room_for_fit(rect)
    centre = view.mapFromScene(rect.center())
    assert abs(centre.x() - room.center().x()) <= 2 and abs(centre.y() - room.center().y()) <= 2
    legend = view.legend.geometry().translated(-view.viewport().pos())
    assert view.viewport().rect().contains(shown) and not shown.intersects(legend)
    # The room it is given brings no scroll bar, whose coming and going would fit it again
    # and again: at any size, the window settles.
    fits = []
    real_fit = view.interaction.fit_all
    monkeypatch.setattr(view.interaction, "fit_all", lambda: (fits.append(1), real_fit()))
    for height in range(380, 470, 6):
        view.resize(1000, height)
        qtbot.wait(20)
        fits.clear()
        qtbot.wait(60)
        assert not fits and not view.verticalScrollBar().isVisible(), height
