""""Referred by" in the person editor: picked from people searched as typed, cleared, checked
for loops, pre-filled for a new referred person only, and shown in the graph."""

from __future__ import annotations

from PySide6.QtCore import Qt

from netdesk.core.people import referrer_of
from netdesk.db.models import Person, Referral
from netdesk.ui.people.referrer_edit import SUGGESTIONS


def _open(window, person):
    window.select_person(person.id)
    assert window.editor.person_id == person.id
    return window.editor


def _pick(qtbot, window, field, typed: str):
    """Type part of a name in ``field`` and pick the first suggestion, as a user would."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, typed)
    popup = field.completer_popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def _referrers(person):
    return [r.referrer_id for r in Referral.select().where(Referral.referred == person.id)]


def _graph_shows(qtbot, window, referral_id):
    window.tabs.setCurrentWidget(window.graph_panel)
    view = window.graph_panel.view

    def drawn():
        return view.graph is not None and any(
            edge.id == referral_id for edges in view.graph.in_edges.values() for edge in edges)

    qtbot.waitUntil(drawn)


def test_picking_a_referrer_records_the_referral_and_the_graph_shows_it(
        qtbot, window, db, events):
    helen = Person.create(first_name="Helen", last_name="Marsh")
    ann = Person.create(first_name="Ann", last_name="Lee")
    window.contact_tree.reload()
    editor = _open(window, ann)
    assert editor.referred_by.text() == ""
    with qtbot.waitSignal(events.changed, check_params_cb=lambda c, _i: c.referrals):
        _pick(qtbot, window, editor.referred_by, "Hel")
    assert editor.referred_by.text() == "Helen Marsh"
    assert _referrers(ann) == [helen.id]
    assert editor.save_state.text() == "All changes saved."
    _graph_shows(qtbot, window, Referral.get(Referral.referred == ann.id).id)


def test_clearing_the_field_removes_the_referral(qtbot, window, db, events):
    helen = Person.create(first_name="Helen", last_name="Marsh")
    ann = Person.create(first_name="Ann", last_name="Lee")
    Referral.create(referrer=helen, referred=ann)
    editor = _open(window, ann)
    assert editor.referred_by.text() == "Helen Marsh"
    editor.referred_by.selectAll()
    with qtbot.waitSignal(events.changed, check_params_cb=lambda c, _i: c.referrals):
        qtbot.keyClick(editor.referred_by, Qt.Key.Key_Delete)
    assert _referrers(ann) == []


def test_replacing_the_referrer_keeps_one(qtbot, window, db):
    helen = Person.create(first_name="Helen", last_name="Marsh")
    carlos = Person.create(first_name="Carlos", last_name="Mendes")
    ann = Person.create(first_name="Ann", last_name="Lee")
    Referral.create(referrer=helen, referred=ann)
    editor = _open(window, ann)
    _pick(qtbot, window, editor.referred_by, "Carl")
    assert _referrers(ann) == [carlos.id]


def test_a_loop_is_refused_at_the_field(qtbot, window, db):
    helen = Person.create(first_name="Helen", last_name="Marsh")
    ann = Person.create(first_name="Ann", last_name="Lee")
    Referral.create(referrer=helen, referred=ann)
    editor = _open(window, helen)
    _pick(qtbot, window, editor.referred_by, "Ann")
    message = editor.findChild(type(editor.heading), "referred_by_error")
    assert message.isVisible() and "loop" in message.text()
    assert _referrers(helen) == []
    assert "Not saved" in editor.save_state.text()


def test_typed_text_that_was_not_picked_is_asked_about_on_leaving(qtbot, window, db):
    ann = Person.create(first_name="Ann", last_name="Lee")
    bea = Person.create(first_name="Bea")
    window.contact_tree.reload()
    editor = _open(window, ann)
    qtbot.keyClicks(editor.referred_by, "Nobody by that name")
    window.contact_tree.select_person(bea.id, notify=True)
    question = editor.leave_question
    assert question is not None and "Referred by" in question.text()
    discard = next(b for b in question.buttons() if b.text() == "Discard this change")
    qtbot.mouseClick(discard, Qt.MouseButton.LeftButton)
    assert editor.person_id == bea.id and _referrers(ann) == []


def test_suggestions_are_a_few_searched_in_the_database(qtbot, window, db):
    Person.insert_many([{"first_name": f"Sam{i:03d}", "last_name": "Lee"}
                        for i in range(200)]).execute()
    ann = Person.create(first_name="Ann", last_name="Young")
    editor = _open(window, ann)
    qtbot.keyClicks(editor.referred_by, "Sam")
    assert 0 < editor.referred_by.suggestions.rowCount() <= SUGGESTIONS
    qtbot.keyClicks(editor.referred_by, "199")
    assert editor.referred_by.suggestions.rowCount() == 1


# "Add person referred by X" --------------------------------------------------------------------

def test_a_new_referred_person_is_recorded_when_first_saved(qtbot, window, db, events):
    helen = Person.create(first_name="Helen", last_name="Marsh")
    window.contact_tree.reload()
    window.new_referred_person(helen.id)
    editor = window.editor
    assert editor.referred_by.text() == "Helen Marsh"
    assert editor.relationship.currentData() == "referral"
    with qtbot.waitSignal(events.changed, check_params_cb=lambda c, _i: c.referrals):
        qtbot.keyClicks(editor.first_name, "Noa")
        assert editor.save_now()
    noa = Person.get(Person.first_name == "Noa")
    assert noa.relationship == "referral" and _referrers(noa) == [helen.id]
    assert window.contact_tree.selected_person_id() == noa.id
    _graph_shows(qtbot, window, Referral.get(Referral.referred == noa.id).id)


def test_leaving_a_new_referred_person_without_a_name_records_nothing(qtbot, window, db):
    helen = Person.create(first_name="Helen", last_name="Marsh")
    ann = Person.create(first_name="Ann", last_name="Lee")
    window.contact_tree.reload()
    window.new_referred_person(helen.id)
    window.contact_tree.select_person(ann.id, notify=True)  # left at once: nothing to ask
    editor = window.editor
    assert editor.person_id == ann.id
    qtbot.keyClicks(editor.notes, "Editing someone else")
    assert editor.save_now()
    assert Person.get_by_id(ann.id).notes == "Editing someone else"
    assert Referral.select().count() == 0  # seen: "Helen referred Ann" was recorded
    assert Person.select().count() == 2
    assert editor.leave_question is None and editor.referred_by.text() == ""


def test_a_cancelled_new_referred_person_does_not_refer_the_next_new_one(qtbot, window, db):
    helen = Person.create(first_name="Helen", last_name="Marsh")
    window.contact_tree.reload()
    window.new_referred_person(helen.id)
    window.new_person()  # changed their mind: a plain new person
    editor = window.editor
    assert editor.referred_by.text() == ""
    qtbot.keyClicks(editor.first_name, "Zoe")
    assert editor.save_now()
    assert Referral.select().count() == 0


def _undo_text(window) -> str:
    return window.undo_action.text().replace("&", "")


def test_undo_brings_back_the_previous_referrer(qtbot, make_window, db):
    window = make_window()
    helen = Person.create(first_name="Helen", last_name="Marsh")
    omar = Person.create(first_name="Omar", last_name="Haddad")
    ann = Person.create(first_name="Ann", last_name="Lee")
    window.contact_tree.reload()
    editor = _open(window, ann)
    _pick(qtbot, window, editor.referred_by, "Hel")
    qtbot.waitUntil(lambda: referrer_of(ann.id) == helen.id)
    _pick(qtbot, window, editor.referred_by, "Oma")
    qtbot.waitUntil(lambda: referrer_of(ann.id) == omar.id)
    assert _undo_text(window) == "Undo Referred by: Ann Lee"

    window.undo_action.trigger()
    assert referrer_of(ann.id) == helen.id
    assert editor.referred_by.text() == "Helen Marsh"
    window.undo_action.trigger()
    assert referrer_of(ann.id) is None
    assert editor.referred_by.text() == ""
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert referrer_of(ann.id) == omar.id
    assert editor.referred_by.text() == "Omar Haddad"


def test_undo_of_a_referrer_whose_person_is_gone_says_so(qtbot, make_window, db):
    window = make_window()
    helen = Person.create(first_name="Helen", last_name="Marsh")
    ann = Person.create(first_name="Ann", last_name="Lee")
    window.contact_tree.reload()
    editor = _open(window, ann)
    _pick(qtbot, window, editor.referred_by, "Hel")
    qtbot.waitUntil(lambda: referrer_of(ann.id) == helen.id)
    Person.delete_by_id(ann.id)
    window.undo_action.trigger()
    assert "no longer" in window.statusBar().currentMessage()
