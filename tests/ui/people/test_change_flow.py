"""One change flow: a write made elsewhere shows in the open editor, and a later edit keeps it."""

from __future__ import annotations

import datetime

from PySide6.QtCore import Qt

from netdesk.db.models import Person
from netdesk.ui.people.decline_dialog import DeclineDialog

TODAY = datetime.date(2026, 11, 25)


def _open(window, qtbot, person):
    window.select_person(person.id)
    assert window.editor.person_id == person.id
    return window.editor


def test_record_a_no_then_typing_notes_keeps_declined(qtbot, make_window, db, events):
    rosa = Person.create(first_name="Rosa", stage="contacted", notes="")
    window = make_window()
    editor = _open(window, qtbot, rosa)
    dialog = DeclineDialog(rosa.id, today=lambda: TODAY, parent=window)
    dialog.open()
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert editor.stage.currentData() == "declined"  # the open editor shows it at once
    qtbot.keyClicks(editor.notes, "Try again in spring")
    assert editor.save_now()
    stored = Person.get_by_id(rosa.id)
    assert stored.stage == "declined"
    assert stored.notes == "Try again in spring"


def test_a_field_being_typed_is_kept_and_others_follow_the_database(qtbot, make_window, db,
                                                                    events):
    from netdesk.core.changes import Changes

    ada = Person.create(first_name="Ada", job_title="Analyst", research_notes="old")
    window = make_window()
    editor = _open(window, qtbot, ada)
    qtbot.keyClicks(editor.job_title, " II")
    Person.update(research_notes="written by the wizard").where(Person.id == ada.id).execute()
    events.publish(Changes.of_person(ada.id, {"research_notes"}), object())
    assert editor.research_notes.toPlainText() == "written by the wizard"
    assert editor.job_title.text() == "Analyst II"
    assert editor.save_now()
    stored = Person.get_by_id(ada.id)
    assert (stored.job_title, stored.research_notes) == ("Analyst II", "written by the wizard")


def test_the_editor_saves_only_the_fields_typed_in(qtbot, make_window, db):
    ada = Person.create(first_name="Ada", stage="to_contact")
    window = make_window()
    editor = _open(window, qtbot, ada)
    Person.update(stage="interviewed").where(Person.id == ada.id).execute()  # behind its back
    qtbot.keyClicks(editor.notes, "Met at the fair")
    assert editor.save_now()
    stored = Person.get_by_id(ada.id)
    assert (stored.stage, stored.notes) == ("interviewed", "Met at the fair")
