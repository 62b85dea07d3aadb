"""The referral graph in the change flow: what it redraws or reloads, and what its edits tell
the rest of the window (the person editor's "Referred by", the dashboard, undo)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QMessageBox

from netdesk.core.changes import Changes
from netdesk.core.graph import GROUP_IDS
from netdesk.db.models import Organization, Person, Referral
from netdesk.ui.graph import menus, scene
from tests.ui.graph.drive import drag, pid


def _referral(referrer: int, referred: int) -> Referral | None:
    return Referral.get_or_none((Referral.referrer == referrer) & (Referral.referred == referred))


def _help_received(window) -> int:
    """The dashboard's count of help received (introductions included), as shown."""
    window.tabs.setCurrentWidget(window.dashboard)
    if not window.dashboard.filled:  # the first fill waits for a paint
        window.dashboard.reload()
    text = window.dashboard.reciprocity_summary.text()
    return int(re.search(r"Help received: (\d+)", text).group(1))


def _graph_tab(window, qtbot):
    window.tabs.setCurrentWidget(window.graph_panel)
    view = window.graph_panel.view
    qtbot.waitUntil(lambda: view.graph is not None and not view._dirty, timeout=3000)
    return view


def test_a_referral_dragged_in_the_graph_shows_everywhere_and_undo_takes_it_back(
        make_window, sample_db, qtbot, warnings):
    window = make_window()
    tom, chloe = pid("Tom"), pid("Chloe")
    received = _help_received(window)
    window.select_person(chloe)
    editor = window.editor
    before = editor.referred_by.text()
    assert "Tom Becker" not in before
    view = _graph_tab(window, qtbot)

    drag(qtbot, view, tom, chloe)
    assert warnings == []
    row = _referral(tom, chloe)
    assert row is not None
    assert row.id in view.drawing.edges  # drawn at once
    assert editor.person_id == chloe and "Tom Becker" in editor.referred_by.text()
    assert _help_received(window) == received + 1

    window.undo_stack.undo()
    assert _referral(tom, chloe) is None
    assert editor.referred_by.text() == before
    qtbot.waitUntil(lambda: _help_received(window) == received, timeout=3000)
    view = _graph_tab(window, qtbot)
    assert row.id not in view.drawing.edges

    window.undo_stack.redo()
    assert _referral(tom, chloe).id == row.id
    assert "Tom Becker" in editor.referred_by.text()


def test_a_referral_removed_in_the_graph_leaves_the_editor_and_comes_back_on_undo(
        make_window, sample_db, qtbot, monkeypatch):
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda box: QMessageBox.StandardButton.Yes)
    window = make_window()
    helen, ingrid = pid("Helen"), pid("Ingrid")
    edge = _referral(helen, ingrid)
    window.select_person(ingrid)
    assert "Helen Marsh" in window.editor.referred_by.text()
    view = _graph_tab(window, qtbot)

    menus.referral_menu(view, edge.id).actions()[0].trigger()
    assert _referral(helen, ingrid) is None
    assert "Helen Marsh" not in window.editor.referred_by.text()
    assert edge.id not in view.drawing.edges

    window.undo_stack.undo()
    assert _referral(helen, ingrid).id == edge.id
    assert "Helen Marsh" in window.editor.referred_by.text()
    qtbot.waitUntil(lambda: edge.id in view.drawing.edges, timeout=3000)


def test_referral_edits_name_both_people(view, qtbot, events, warnings):
    tom, chloe = pid("Tom"), pid("Chloe")
    with qtbot.waitSignal(events.changed) as published:
        view.record_referral(tom, chloe)
    changes, _initiator = published.args
    assert changes.referrals
    assert changes.field_changed(tom, "referred_by") and changes.field_changed(chloe,
                                                                              "referred_by")
    with qtbot.waitSignal(events.changed) as published:
        view.undo_stack.undo()
    assert published.args[0].field_changed(chloe, "referred_by")


def test_a_restore_or_whole_import_reloads(view, events, qtbot):
    drawing = view.drawing
    new = Person.create(first_name="Zed", last_name="Restored", relationship="friend")
    events.publish(Changes.all())
    qtbot.waitUntil(lambda: new.id in view.drawing.nodes, timeout=3000)
    assert view.drawing is not drawing
    assert view.forest.parent[new.id] == GROUP_IDS["friend"]


def test_a_restore_while_hidden_reloads_when_shown(view, events, qtbot):
    view.hide()
    new = Person.create(first_name="Zed", last_name="Later", relationship="friend")
    events.publish(Changes.all())
    assert new.id not in view.drawing.nodes
    view.show()
    qtbot.waitUntil(lambda: new.id in view.drawing.nodes, timeout=3000)


def test_edits_the_graph_does_not_show_redraw_nothing(view, events, monkeypatch):
    loaded = []
    monkeypatch.setattr("netdesk.ui.graph.graph_loading.load_person",
                        lambda person_id: loaded.append(person_id))
    drawing = view.drawing
    rosa = pid("Rosa")
    events.publish(Changes.of_person(rosa, {"notes", "timeline", "email"}))
    events.publish(Changes(interviews=frozenset({1}), follow_ups=frozenset({1})))
    assert loaded == [] and view.drawing is drawing and not view._dirty


def test_with_a_filter_on_a_name_edit_redraws_and_a_stage_edit_reloads(panel, events, qtbot):
    view = panel.view
    panel.stage_filter.setCurrentIndex(panel.stage_filter.findData("declined"))
    panel.apply_filters()
    rosa = pid("Rosa")
    drawing = view.drawing
    Person.update(first_name="Rosalind").where(Person.id == rosa).execute()
    events.publish(Changes.of_person(rosa, {"first_name"}))
    assert view.drawing is drawing and not view._dirty
    assert drawing.label_text(rosa) == "Rosalind Delgado"
    Person.update(stage="thanked").where(Person.id == rosa).execute()
    events.publish(Changes.of_person(rosa, {"stage"}))
    qtbot.waitUntil(lambda: view.matches == set(), timeout=3000)


def test_a_renamed_organization_reloads_for_the_filters(panel, events, qtbot):
    organization = Organization.get(Organization.name == "Brightleaf Software")
    Organization.update(name="Brightleaf Labs").where(
        Organization.id == organization.id).execute()
    events.publish(Changes(organizations=frozenset({organization.id})))
    qtbot.waitUntil(lambda: panel.organization_filter.findText("Brightleaf Labs") > 0,
                    timeout=3000)


def _overview_colour(drawing, node: int) -> str:
    """The colour of the overview picture where ``node`` is drawn."""
    image = drawing.overview_picture.image
    rect = drawing.content_rect
    scale = image.width() / rect.width()
    point = drawing.node_pos(node)
    return image.pixelColor(int((point.x() - rect.left()) * scale),
                            int((point.y() - rect.top()) * scale)).name()


def test_an_edit_while_zoomed_far_out_redraws_the_overview(view, events, monkeypatch):
    monkeypatch.setattr(scene, "OVERVIEW_MIN_NODES", 5)
    view.zoom_by(0.05)
    drawing = view.drawing
    assert view.overview_active()
    rosa = pid("Rosa")
    assert _overview_colour(drawing, rosa) != "#20b2aa"
    Person.update(stage="thanked").where(Person.id == rosa).execute()
    events.publish(Changes.of_person(rosa, {"stage"}))
    assert view.overview_active() and view.drawing is drawing
    assert drawing.node_colour(rosa).name() == "#20b2aa"
    assert _overview_colour(drawing, rosa) == "#20b2aa"  # the dot painted again
