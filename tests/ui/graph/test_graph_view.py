"""The referral graph driven as a user would: click, drag to refer, menus, filters, export."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from netdesk.core.changes import Changes
from netdesk.core.graph import GROUP_IDS, ME
from netdesk.db.models import Organization, Person, Referral
from netdesk.ui.common.wording import short_date
from netdesk.ui.graph import menus, scene
from netdesk.ui.graph.graph_panel import GraphPanel
from netdesk.ui.graph.graph_view import ReferralGraphView
from netdesk.ui.graph.tooltips import node_tooltip, referral_tooltip
from tests.ui.graph.drive import drag, pid, point_of


def test_every_person_is_drawn_once(view):
    assert view.shown_people() == {p.id for p in Person.select(Person.id)}
    assert ME in view.drawing.nodes and GROUP_IDS["family"] in view.drawing.nodes
    assert len(view.drawing.edges) == Referral.select().count()


def test_clicking_a_node_selects_that_person(view, qtbot):
    helen = pid("Helen")
    with qtbot.waitSignal(view.person_selected) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=point_of(view, helen))
    assert signal.args == [helen]
    assert view.selected_id == helen and view.drawing.selection_ring.isVisible()


def test_clicking_empty_space_or_me_selects_nobody(view, qtbot):
    with qtbot.assertNotEmitted(view.person_selected):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=point_of(view, ME))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))


def test_double_click_opens_the_person(view, qtbot):
    tom = pid("Tom")
    with qtbot.waitSignal(view.person_activated) as signal:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, tom))
    assert signal.args == [tom]


def test_select_person_centres_without_emitting(view, qtbot):
    mei = pid("Mei")
    with qtbot.assertNotEmitted(view.person_selected):
        view.select_person(mei)
    centre = view.mapToScene(view.viewport().rect().center())
    node = view.drawing.node_pos(mei)
    assert abs(centre.x() - node.x()) < 2 and abs(centre.y() - node.y()) < 2


def test_drag_from_one_person_to_another_records_one_referral(view, qtbot, events, warnings):
    tom, chloe = pid("Tom"), pid("Chloe")
    before = Referral.select().count()
    with qtbot.waitSignal(events.changed):
        drag(qtbot, view, tom, chloe)
    assert warnings == []
    assert Referral.select().count() == before + 1
    row = Referral.get((Referral.referrer == tom) & (Referral.referred == chloe))
    assert row.date is not None
    assert view.forest.tree_edge[chloe] is None or view.forest.parent[chloe] in (tom, chloe)
    # Undo takes it back; redo puts the same row back.
    view.undo_stack.undo()
    assert Referral.select().count() == before
    view.undo_stack.redo()
    assert Referral.get_by_id(row.id).referrer_id == tom


def test_drop_on_self_is_refused_with_a_message(view, qtbot, warnings):
    tom = pid("Tom")
    before = Referral.select().count()
    view.reset_zoom()
    start = point_of(view, tom)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(20, 0))
    qtbot.mouseMove(viewport, start)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start)
    assert len(warnings) == 1 and "cannot refer themselves" in warnings[0]
    assert Referral.select().count() == before


def test_loop_is_refused_and_never_drawn(view, qtbot, warnings):
    # Maria referred Fatima, who referred Rosa: "Rosa referred Maria" would close a loop.
    maria, rosa = pid("Maria"), pid("Rosa")
    before = Referral.select().count()
    drag(qtbot, view, rosa, maria)
    assert len(warnings) == 1
    assert "loop" in warnings[0] and "Maria Okafor → Fatima Noor → Rosa Delgado" in warnings[0]
    assert Referral.select().count() == before
    view.reload()
    assert view.forest.parent[maria] == GROUP_IDS["family"]
    assert all(view.layout_result.rows[child] > view.layout_result.rows[parent]
               for child, parent in view.forest.parent.items())


def test_drop_on_empty_space_records_nothing(view, qtbot, warnings):
    tom = pid("Tom")
    before = Referral.select().count()
    start = point_of(view, tom)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(10, 10))
    qtbot.mouseMove(viewport, start + QPoint(0, -45))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(0, -45))
    assert Referral.select().count() == before and warnings == []
    assert not view.interaction.dragging


def test_context_menu_records_a_referral_by_picking(view, qtbot, warnings):
    ben, yuki = pid("Ben"), pid("Yuki")
    menu = menus.person_menu(view, ben)
    record = next(a for a in menu.actions() if a.text().startswith("&Record That"))
    record.trigger()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, yuki))
    assert Referral.select().where((Referral.referrer == ben)
                                   & (Referral.referred == yuki)).count() == 1
    # Escape leaves pick mode without writing.
    menu = menus.person_menu(view, ben)
    next(a for a in menu.actions() if a.text().startswith("&Record That")).trigger()
    view.escape_action.trigger()
    before = Referral.select().count()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, pid("Tom")))
    assert Referral.select().count() == before


def test_context_menu_requests(view, qtbot):
    helen = pid("Helen")
    menu = menus.person_menu(view, helen)
    actions = {a.text().replace("&", ""): a for a in menu.actions()}
    assert all(a.statusTip() for a in actions.values() if a.text())
    for prefix, signal in (("Open in Editor", view.person_activated),
                           ("Add Person Referred by", view.add_referred_person_requested),
                           ("Plan Interview with", view.plan_interview_requested),
                           ("Show People Near", view.near_filter_requested)):
        action = next(a for text, a in actions.items() if text.startswith(prefix))
        with qtbot.waitSignal(signal) as emitted:
            action.trigger()
        assert emitted.args == [helen]


def test_removing_a_referral_asks_first_and_can_be_undone(view, monkeypatch, events, qtbot):
    edge = Referral.get((Referral.referrer == pid("Helen")) & (Referral.referred == pid("Ingrid")))
    answers = [QMessageBox.StandardButton.No]
    asked = []

    def question(box):
        asked.append(box.text())
        return answers[0]

    monkeypatch.setattr("netdesk.ui.common.plain_messages.show", question)
    menu = menus.referral_menu(view, edge.id)
    remove = menu.actions()[0]
    remove.trigger()
    assert "Helen Marsh referred Ingrid Larsen" in asked[0]
    assert Referral.get_or_none(Referral.id == edge.id) is not None
    answers[0] = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(events.changed):
        remove.trigger()
    assert Referral.get_or_none(Referral.id == edge.id) is None
    assert edge.id not in view.drawing.edges
    view.undo_stack.undo()
    restored = Referral.get_by_id(edge.id)
    assert (restored.note, restored.date) == (edge.note, edge.date)
    view.reload()
    assert edge.id in view.drawing.edges


def test_person_menu_lists_their_referrals_for_removal(view, monkeypatch):
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: QMessageBox.StandardButton.Yes)
    helen = pid("Helen")
    menu = menus.person_menu(view, helen)
    submenu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    texts = [a.text() for a in submenu.actions()]
    assert "Helen Marsh referred Carlos Mendes…" in texts
    before = Referral.select().count()
    submenu.actions()[0].trigger()
    assert Referral.select().count() == before - 1


def test_tooltips_are_plain_text_with_name_organization_date_and_note(view):
    fatima = pid("Fatima")
    Person.update(first_name="<b>Fatima</b>").where(Person.id == fatima).execute()
    view.reload()
    text = node_tooltip(view.graph, view.forest, fatima)
    assert text.splitlines()[0] == "<b>Fatima</b> Noor"
    assert "Cascade County Health Department" in text
    assert "Referred by Maria Okafor on" in text
    edge = Referral.get(Referral.referred == fatima)
    tip = referral_tooltip(view.graph, edge.id)
    assert f"Date: {short_date(edge.date, year=True)}" in tip
    assert "Note: Worked with her at the clinic years ago." in tip
    # Hovering finds the same text.
    assert view.tooltip_text(point_of(view, fatima)) == text


def test_labels_hide_when_zoomed_far_out_in_a_large_graph(view, monkeypatch):
    monkeypatch.setattr(scene, "SMALL_GRAPH", 0)  # drawn as a large graph is
    view.reload()
    view.reset_zoom()
    assert view.drawing.labels_shown
    view.zoom_by(0.1)
    assert not view.drawing.labels_shown
    view.zoom_in()
    view.reset_zoom()
    assert view.drawing.labels_shown
    assert view.zoom_factor() == pytest.approx(1.0)


def test_wheel_and_keys_zoom(panel, qtbot):
    view = panel.view
    view.reset_zoom()
    panel.zoom_in_action.trigger()
    assert view.zoom_factor() > 1.0
    panel.zoom_out_action.trigger()
    panel.zoom_out_action.trigger()
    assert view.zoom_factor() < 1.0
    panel.fit_action.trigger()
    rect = view.mapToScene(view.viewport().rect()).boundingRect()
    assert rect.contains(view.drawing.drawn_bounds(view.zoom_factor()))  # nodes and names


def test_overview_picture_replaces_items_when_far_out(view, monkeypatch, qtbot):
    monkeypatch.setattr(scene, "OVERVIEW_MIN_NODES", 5)
    view.reset_zoom()
    view.zoom_by(0.05)
    assert view.overview_active() and view.scene() is view.drawing.overview
    # Clicking a dot still finds the person.
    helen = pid("Helen")
    with qtbot.waitSignal(view.person_selected) as signal:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.mapFromScene(view.drawing.node_pos(helen)))
    assert signal.args == [helen]
    view.reset_zoom()
    assert not view.overview_active() and view.scene() is view.drawing.scene


def test_radial_layout_and_back(panel):
    view = panel.view
    panel.layout_kind.setCurrentIndex(panel.layout_kind.findData("radial"))
    assert view.layout_kind == "radial" and panel.radial_action.isChecked()
    assert view.drawing.node_pos(ME).toTuple() == (0.0, 0.0)
    panel.tree_action.trigger()
    assert view.layout_kind == "tree"


def test_reloads_after_people_change(view, events, qtbot):
    new = Person.create(first_name="Zed", last_name="New", relationship="friend")
    events.publish(Changes.added_person(new.id))
    qtbot.waitUntil(lambda: new.id in view.drawing.nodes, timeout=3000)
    assert view.forest.parent[new.id] == GROUP_IDS["friend"]


def test_empty_database_shows_a_hint(qtbot, db, events):
    view = ReferralGraphView()
    qtbot.addWidget(view)
    view.show()
    view.reload()
    assert view.empty_label.isVisible() and "No one in your network" in view.empty_label.text()
    assert list(view.drawing.nodes) == [ME]


# The panel -------------------------------------------------------------------------------


def test_panel_select_person_does_not_echo(panel, qtbot):
    with qtbot.assertNotEmitted(panel.person_selected):
        panel.select_person(pid("Wei"))
    assert panel.view.selected_id == pid("Wei")
    with qtbot.waitSignal(panel.person_selected) as signal:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                         pos=point_of(panel.view, pid("Emily")))
    assert signal.args == [pid("Emily")]


def test_filters_show_matches_with_faded_context(panel):
    view = panel.view
    panel.stage_filter.setCurrentIndex(panel.stage_filter.findData("declined"))
    panel.apply_filters()
    assert view.matches == {pid("Rosa")}
    assert view.shown_people() == {pid("Rosa"), pid("Fatima"), pid("Maria")}
    assert view.drawing.node_opacity(pid("Fatima")) < 1
    assert view.drawing.node_opacity(pid("Rosa")) == 1
    assert "Showing 1 of 44" in panel.summary.text()
    panel.clear_filters_button.click()
    assert len(view.shown_people()) == Person.select().count()

    brightleaf = Organization.get(Organization.name == "Brightleaf Software").id
    panel.organization_filter.setCurrentIndex(panel.organization_filter.findData(brightleaf))
    panel.apply_filters()
    assert view.matches == {p.id for p in Person.select().where(Person.organization == brightleaf)}

    panel.clear_filters()
    panel.stage_filter.setCurrentIndex(panel.stage_filter.findData("meeting_set"))
    panel.apply_filters()
    panel.stage_filter.setCurrentIndex(0)
    panel.apply_filters()
    assert view.matches is None


def test_nothing_matching_says_so(panel):
    panel.stage_filter.setCurrentIndex(panel.stage_filter.findData("declined"))
    panel.organization_filter.setCurrentIndex(
        panel.organization_filter.findText("Brightleaf Software"))
    panel.apply_filters()
    assert panel.view.matches == set()
    assert panel.view.empty_label.isVisible()


def test_near_selection_filter(panel, qtbot):
    wei = pid("Wei")
    panel.near_check.setChecked(True)  # nobody selected yet: refused with a hint
    assert not panel.near_check.isChecked()
    panel.select_person(wei)
    panel.near_steps.setValue(1)
    panel.near_check.setChecked(True)
    assert panel.view.matches == {wei, pid("Priya"), pid("Emily"), pid("Kenji")}
    panel.view.near_filter_requested.emit(pid("Maria"))
    assert pid("Fatima") in panel.view.matches and wei not in panel.view.matches


def test_who_can_introduce_me(panel, qtbot):
    panel.introductions_action.trigger()
    assert panel.introductions.isVisible()
    panel.target.setCurrentIndex(panel.target.findText("Brightleaf Software"))
    qtbot.waitUntil(lambda: panel.find_button.width() > 20)
    qtbot.mouseClick(panel.find_button, Qt.MouseButton.LeftButton)
    rows = [[panel.results.topLevelItem(i).text(c) for c in range(3)]
            for i in range(panel.results.topLevelItemCount())]
    assert rows[0] == ["Priya Raman", "1", "You know them"]
    assert ["Emily Novak", "3", "Wei Zhang"] in rows
    assert panel.view.highlighted and all(p[0] == ME for p in panel.view.highlighted)
    # Picking one shows only its path when "Highlight all" is off, and selects the person.
    panel.highlight_all.setChecked(False)
    emily = next(i for i in range(len(rows)) if rows[i][0] == "Emily Novak")
    with qtbot.waitSignal(panel.person_selected) as signal:
        panel.results.setCurrentItem(panel.results.topLevelItem(emily))
    assert signal.args == [pid("Emily")]
    assert panel.view.highlighted == [(ME, pid("Priya"), pid("Wei"), pid("Emily"))]
    panel.introductions_action.trigger()
    assert panel.view.highlighted == []


def test_who_can_introduce_me_by_field_with_limits(panel):
    panel.show_introductions(True)
    panel.target_kind.setCurrentIndex(panel.target_kind.findData("career_field"))
    panel.target.setCurrentIndex(panel.target.findText("Public health"))
    panel.max_steps.setValue(1)
    paths = panel.find_paths()
    assert paths and all(p.steps == 1 for p in paths)
    panel.target.setCurrentIndex(0)
    assert panel.find_paths() == []
    assert "Choose" in panel.results_summary.text()


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_export(panel, tmp_path, monkeypatch, kind):
    target = tmp_path / f"graph.{kind}"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target.with_suffix("")), ""))
    (panel.export_png_action if kind == "png" else panel.export_svg_action).trigger()
    assert target.exists() and target.stat().st_size > 1000
    if kind == "svg":
        text = target.read_text()
        assert "<svg" in text and "Fatima Noor" in text
    assert panel.view.drawing.labels_shown == (panel.view.zoom_factor() >= scene.LABEL_LOD)


def test_export_failure_is_reported(panel, tmp_path, monkeypatch, warnings):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "missing" / "graph.png"), ""))
    panel.export_png_action.trigger()
    assert warnings and "could not be saved" in warnings[0]


def test_actions_have_text_tips_and_accessible_controls(panel):
    for action in panel.actions_for_menu():
        assert action.text() and action.statusTip()
    for widget in (panel.field_filter, panel.organization_filter, panel.stage_filter,
                   panel.near_steps, panel.layout_kind, panel.results, panel.view):
        assert widget.accessibleName()


def test_dark_palette_rebuilds(panel):
    from netdesk.ui.common.theme import dark_palette

    panel.view.setPalette(dark_palette())
    assert panel.view.drawing.scene.backgroundBrush().color().name() == "#1e1e1e"
    assert len(panel.view.shown_people()) == Person.select().count()


def test_selection_while_hidden_waits_for_the_first_load(qtbot, sample_db, events):
    view = ReferralGraphView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    wei = pid("Wei")
    view.select_person(wei)
    assert view.graph is None  # nothing loaded for a hidden tab
    view.show()
    qtbot.waitUntil(lambda: view.graph is not None, timeout=3000)
    assert view.selected_id == wei and view.drawing.selection_ring.isVisible()
    offset = view.viewport_point(wei) - view.viewport().rect().center()
    assert offset.manhattanLength() <= 3


def test_arrow_keys_walk_the_tree(view, qtbot):
    maria, fatima, daniel, priya = pid("Maria"), pid("Fatima"), pid("Daniel"), pid("Priya")
    view.select_person(maria)
    view.setFocus()
    with qtbot.waitSignal(view.person_selected) as signal:
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert signal.args == [fatima]
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.selected_id == maria
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.selected_id == daniel
    qtbot.keyClick(view, Qt.Key.Key_Left)  # nobody further left in the group
    assert view.selected_id == daniel
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.selected_id == priya
    qtbot.keyClick(view, Qt.Key.Key_Up)  # above is the Family group, not a person
    assert view.selected_id == priya
    with qtbot.waitSignal(view.person_activated) as activated:
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert activated.args == [priya]


def test_menu_key_opens_the_selected_persons_menu(view, qtbot):
    from PySide6.QtGui import QContextMenuEvent

    view.select_person(pid("Tom"))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(5, 5),
                              view.viewport().mapToGlobal(QPoint(5, 5)))
    view.contextMenuEvent(event)
    assert view.context_menu is not None
    assert any("Tom Becker" in a.text() for a in view.context_menu.actions())
    view.context_menu.close()


def test_window_can_record_a_referral_for_a_new_person(qtbot, sample_db, events, warnings):
    panel = GraphPanel()  # never shown: the graph tab is in the background
    qtbot.addWidget(panel)
    helen = pid("Helen")
    new = Person.create(first_name="Noa", last_name="Levi", relationship="referral")
    with qtbot.waitSignal(events.changed):
        assert panel.record_referral(helen, new.id)
    assert Referral.select().where(Referral.referred == new.id).get().referrer_id == helen
    assert panel.undo_stack.undoText() == "Record: Helen Marsh referred Noa Levi"
    assert not panel.record_referral(new.id, new.id)
    assert "cannot refer themselves" in warnings[0]


def test_editing_one_person_redraws_only_their_node(view, events, qtbot):
    rosa = pid("Rosa")
    drawing = view.drawing
    Person.update(stage="thanked", first_name="Rosalind").where(Person.id == rosa).execute()
    events.publish(Changes.of_person(rosa, {"stage", "first_name", "relationship"}))
    assert view.drawing is drawing and not view._dirty  # no reload
    assert drawing.node_colour(rosa).name() == "#20b2aa"
    assert view.drawing.label_text(rosa) == "Rosalind Delgado"
    assert node_tooltip(view.graph, view.forest, rosa).startswith("Rosalind Delgado")
    # A new relationship for someone nobody referred moves them to another group: reload.
    tom = pid("Tom")
    Person.update(relationship="friend").where(Person.id == tom).execute()
    events.publish(Changes.of_person(tom, {"stage", "first_name", "relationship"}))
    qtbot.waitUntil(lambda: view.forest.parent[tom] == GROUP_IDS["friend"], timeout=3000)
