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


# A field typed in here and changed elsewhere meanwhile: ask once, never overwrite silently.

def _email_changed_elsewhere(qtbot, window, events):
    from netdesk.core.changes import Changes

    ada = Person.create(first_name="Ada", email="ada@old.org")
    editor = _open(window, qtbot, ada)
    editor.email.selectAll()
    qtbot.keyClicks(editor.email, "ada@mine.org")
    Person.update(email="ada@theirs.org").where(Person.id == ada.id).execute()  # an import
    events.publish(Changes.of_person(ada.id, {"email"}), object())
    return ada, editor


def _conflict_bar(editor, field):
    from netdesk.ui.people.conflict_bar import ConflictBar

    bars = [b for b in editor.findChildren(ConflictBar, f"{field}_conflict") if b.isVisible()]
    assert len(bars) <= 1
    return bars[0] if bars else None


def test_a_conflict_asks_in_the_editor_and_saves_nothing_meanwhile(qtbot, make_window, db,
                                                                   events):
    window = make_window()
    ada, editor = _email_changed_elsewhere(qtbot, window, events)
    bar = _conflict_bar(editor, "email")
    assert bar is not None
    assert "Email" in bar.text() and "ada@mine.org" in bar.text() \
        and "ada@theirs.org" in bar.text()
    assert bar.message.textFormat() == Qt.TextFormat.PlainText
    assert editor.email.text() == "ada@mine.org"  # what the user typed stays on screen
    editor._timer.timeout.emit()  # the autosave does not pick a side
    assert Person.get_by_id(ada.id).email == "ada@theirs.org"
    assert "changed elsewhere" in editor.save_state.text()
    from netdesk.core.changes import Changes

    events.publish(Changes.of_person(ada.id, {"email"}), object())  # asked once, not twice
    assert _conflict_bar(editor, "email") is bar


def test_keep_mine_saves_what_the_user_typed(qtbot, make_window, db, events):
    window = make_window()
    ada, editor = _email_changed_elsewhere(qtbot, window, events)
    qtbot.mouseClick(_conflict_bar(editor, "email").keep_button, Qt.MouseButton.LeftButton)
    assert _conflict_bar(editor, "email") is None
    assert Person.get_by_id(ada.id).email == "ada@mine.org"
    assert editor.email.text() == "ada@mine.org" and not editor.is_dirty()


def test_take_theirs_shows_the_other_value_and_keeps_it(qtbot, make_window, db, events):
    window = make_window()
    ada, editor = _email_changed_elsewhere(qtbot, window, events)
    qtbot.keyClicks(editor.notes, "Prefers email")  # another field, saved either way
    qtbot.mouseClick(_conflict_bar(editor, "email").take_button, Qt.MouseButton.LeftButton)
    assert _conflict_bar(editor, "email") is None
    assert editor.email.text() == "ada@theirs.org"
    assert editor.save_now()
    stored = Person.get_by_id(ada.id)
    assert (stored.email, stored.notes) == ("ada@theirs.org", "Prefers email")


def test_leaving_with_a_conflict_asks_which_to_keep(qtbot, make_window, db, events):
    window = make_window()
    ada, editor = _email_changed_elsewhere(qtbot, window, events)
    other = Person.create(first_name="Bea")
    window.contact_tree.reload()
    window.contact_tree.select_person(other.id, notify=True)
    question = editor.leave_question
    assert question is not None and "ada@mine.org" in question.text()
    keep = next(b for b in question.buttons() if b.text() == "Keep mine")
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert editor.person_id == other.id
    assert Person.get_by_id(ada.id).email == "ada@mine.org"


def test_the_same_value_typed_and_written_elsewhere_is_no_conflict(qtbot, make_window, db,
                                                                   events):
    from netdesk.core.changes import Changes

    window = make_window()
    ada = Person.create(first_name="Ada", job_title="Analyst")
    editor = _open(window, qtbot, ada)
    qtbot.keyClicks(editor.job_title, " II")
    Person.update(job_title="Analyst II").where(Person.id == ada.id).execute()
    events.publish(Changes.of_person(ada.id, {"job_title"}), object())
    assert _conflict_bar(editor, "job_title") is None and not editor.is_dirty()
