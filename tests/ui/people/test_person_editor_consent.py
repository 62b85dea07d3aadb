"""The person editor's "More details" holds where the record came from and what the person
agreed to: typed as a user would, each field saves on its own (a wrong consent date is said
under its field and does not hold back the others), and another view sees the change."""

from __future__ import annotations

from netdesk.db.models import Person
from netdesk.ui.people.person_editor import PersonEditor


def _open(window, person_id):
    window.select_person(person_id)
    editor = window.editor
    if not editor.more_details.is_open():
        editor.more_details.button.click()
    return editor


def test_record_source_and_consent_are_typed_and_saved_field_by_field(qtbot, window, db,
                                                                     events):
    ada = Person.create(first_name="Ada", last_name="Lee", notes="Met at the fair")
    window.contact_tree.reload()
    other = PersonEditor()
    qtbot.addWidget(other)
    other.load_person(ada.id)
    editor = _open(window, ada.id)

    qtbot.keyClicks(editor.record_source, "Student intake form")
    qtbot.keyClicks(editor.consent, "Notes kept; contact by email")
    qtbot.keyClicks(editor.consent_date, "next week")
    editor._timer.timeout.emit()
    stored = Person.get_by_id(ada.id)
    assert (stored.record_source, stored.consent, stored.consent_date) == (
        "Student intake form", "Notes kept; contact by email", "")
    message = editor.findChild(type(editor.more_details.summary), "consent_date_error")
    assert message.isVisible() and "not a date" in message.text()
    assert other.record_source.text() == "Student intake form"

    editor.consent_date.clear()
    qtbot.keyClicks(editor.consent_date, "2026-09-01")
    editor._timer.timeout.emit()
    assert Person.get_by_id(ada.id).consent_date == "2026-09-01"
    assert not message.isVisible()
    assert Person.get_by_id(ada.id).notes == "Met at the fair"  # untouched, not rewritten
    editor.more_details.button.click()  # folded: the heading says what it holds
    assert "Record source" in editor.more_details.summary.text()
    assert "Consent" in editor.more_details.summary.text()
