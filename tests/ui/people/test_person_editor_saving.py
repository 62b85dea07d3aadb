"""The person editor saves what it can, creates organizations and career fields only once a
field is done, asks before anything typed is dropped, and shows a save the disk refused."""

from __future__ import annotations

import peewee
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from netdesk.db.models import CareerField, Organization, Person
from netdesk.ui.common.theme import colours
from netdesk.ui.people import person_editor


def _open(window, person):
    window.select_person(person.id)
    assert window.editor.person_id == person.id
    return window.editor


def _autosave(editor):
    """What the autosave timer does once the user pauses."""
    editor._timer.timeout.emit()


def _focus(qtbot, window, widget):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def _retype(qtbot, line, text):
    line.selectAll()
    qtbot.keyClicks(line, text)


def _click(qtbot, box: QMessageBox, text: str):
    button = next(b for b in box.buttons() if b.text() == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _groups(window):
    model = window.contact_tree.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


# Organizations and career fields are created when the field is done -----------------------

def test_a_pause_while_typing_an_organization_creates_none_and_leaving_creates_one(
        qtbot, window, db):
    ada = Person.create(first_name="Ada")
    window.contact_tree.reload()
    editor = _open(window, ada)
    _focus(qtbot, window, editor.organization)
    qtbot.keyClicks(editor.organization, "Harbor")
    _autosave(editor)
    assert Organization.select().count() == 0
    qtbot.keyClicks(editor.notes, "Met at the port")  # other fields still save as typed
    _autosave(editor)
    assert Person.get_by_id(ada.id).notes == "Met at the port"
    assert Organization.select().count() == 0
    _focus(qtbot, window, editor.organization)
    editor.organization.end(False)
    qtbot.keyClicks(editor.organization, " Labs")
    _autosave(editor)
    qtbot.keyClick(editor.organization, Qt.Key.Key_Tab)  # focus leaves the field
    assert [o.name for o in Organization.select()] == ["Harbor Labs"]
    assert Person.get_by_id(ada.id).organization.name == "Harbor Labs"
    assert any(label.startswith("Harbor Labs (") for label in _groups(window))
    assert "Harbor Labs" in editor._organization_names.stringList()
    assert not editor.is_dirty()


def test_picking_an_organization_from_the_completer_saves_it(qtbot, window, db):
    Organization.create(name="Harbor Labs")
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada)
    _focus(qtbot, window, editor.organization)
    qtbot.keyClicks(editor.organization, "harb")
    _autosave(editor)
    assert Person.get_by_id(ada.id).organization_id is None
    popup = editor.organization.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert editor.organization.text() == "Harbor Labs"
    assert Person.get_by_id(ada.id).organization.name == "Harbor Labs"
    assert Organization.select().count() == 1


def test_a_stray_letter_in_career_fields_is_not_a_career_field(qtbot, window, db):
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada)
    qtbot.keyClicks(editor.career_fields, "P")
    _autosave(editor)
    assert CareerField.select().count() == 0
    qtbot.keyClicks(editor.career_fields, "ublic health")
    _autosave(editor)
    assert CareerField.select().count() == 0
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)  # saved explicitly
    assert [f.name for f in CareerField.select()] == ["Public health"]


def test_leaving_the_person_commits_the_organization(qtbot, window, db):
    ada = Person.create(first_name="Ada")
    bob = Person.create(first_name="Bob")
    window.contact_tree.reload()
    editor = _open(window, ada)
    qtbot.keyClicks(editor.organization, "Harbor Labs")
    _autosave(editor)
    window.contact_tree.select_person(bob.id, notify=True)
    assert editor.person_id == bob.id
    assert Person.get_by_id(ada.id).organization.name == "Harbor Labs"


# An invalid field when the person is left ---------------------------------------------------

def _bob_with_notes_and_a_wrong_email(qtbot, window):
    bob = Person.create(first_name="Bob", email="bob@example.org")
    ann = Person.create(first_name="Ann")
    window.contact_tree.reload()
    editor = _open(window, bob)
    qtbot.keyClicks(editor.notes, "Likes sailing")
    _retype(qtbot, editor.email, "bob@")
    return bob, ann, editor


def test_clicking_another_person_saves_the_valid_fields_and_asks_about_the_wrong_one(
        qtbot, window, db):
    bob, ann, editor = _bob_with_notes_and_a_wrong_email(qtbot, window)
    window.contact_tree.select_person(ann.id, notify=True)  # the user clicks Ann
    stored = Person.get_by_id(bob.id)
    assert (stored.notes, stored.email) == ("Likes sailing", "bob@example.org")
    question = editor.leave_question
    assert question is not None and question.isVisible()
    assert "Email" in question.text() and "bob@" in question.text()
    assert editor.person_id == bob.id and editor.email.text() == "bob@"
    assert window.contact_tree.selected_person_id() == bob.id
    _click(qtbot, question, "Discard this change")
    assert editor.person_id == ann.id
    assert window.contact_tree.selected_person_id() == ann.id
    stored = Person.get_by_id(bob.id)
    assert (stored.notes, stored.email) == ("Likes sailing", "bob@example.org")


def test_fix_it_stays_on_the_person_with_the_text_as_typed(qtbot, window, db):
    bob, ann, editor = _bob_with_notes_and_a_wrong_email(qtbot, window)
    window.contact_tree.select_person(ann.id, notify=True)
    _click(qtbot, editor.leave_question, "Fix it")
    assert editor.person_id == bob.id
    assert editor.email.text() == "bob@" and editor.notes.toPlainText() == "Likes sailing"
    qtbot.keyClicks(editor.email, "example.org")
    window.contact_tree.select_person(ann.id, notify=True)
    assert editor.leave_question is None and editor.person_id == ann.id
    assert Person.get_by_id(bob.id).email == "bob@example.org"


@pytest.mark.parametrize("how", ["close", "quit"])
def test_closing_the_window_saves_the_notes_and_asks(qtbot, window, db, how):
    bob, _ann, editor = _bob_with_notes_and_a_wrong_email(qtbot, window)
    if how == "close":
        window.close()
    else:
        window.quit_action.trigger()
    assert window.isVisible()
    assert Person.get_by_id(bob.id).notes == "Likes sailing"
    _click(qtbot, editor.leave_question, "Discard this change")
    assert not window.isVisible()
    assert Person.get_by_id(bob.id).email == "bob@example.org"


def test_a_new_person_without_a_name_is_not_dropped_without_a_word(qtbot, window, db):
    ann = Person.create(first_name="Ann")
    window.contact_tree.reload()
    window.new_person()
    editor = window.editor
    qtbot.keyClicks(editor.notes, "Someone from the fair")
    window.contact_tree.select_person(ann.id, notify=True)
    question = editor.leave_question
    assert question is not None and "no name" in question.text()
    _click(qtbot, question, "Fix it")
    assert editor.person_id is None and editor.notes.toPlainText() == "Someone from the fair"
    window.contact_tree.select_person(ann.id, notify=True)
    _click(qtbot, editor.leave_question, "Discard the new person")
    assert editor.person_id == ann.id
    assert Person.select().count() == 1


def test_an_untouched_new_person_is_left_without_a_question(qtbot, window, db):
    ann = Person.create(first_name="Ann")
    window.contact_tree.reload()
    window.new_person()
    window.contact_tree.select_person(ann.id, notify=True)
    assert window.editor.leave_question is None and window.editor.person_id == ann.id


# A save the storage refuses -------------------------------------------------------------------

def test_a_failed_save_is_shown_in_red_kept_and_retried(qtbot, window, db, monkeypatch):
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada)
    real_save = person_editor.save_person

    def disk_full(*_args, **_kwargs):
        raise peewee.OperationalError("database or disk is full")

    monkeypatch.setattr(person_editor, "save_person", disk_full)
    qtbot.keyClicks(editor.notes, "Call back in May")
    _autosave(editor)
    state = editor.save_state
    assert state.state == "failed"
    assert "database or disk is full" in state.text() and state.text() != "Editing…"
    assert colours().error in state.styleSheet()
    assert state.accessibleDescription() == state.text()
    assert state.textFormat() == Qt.TextFormat.PlainText
    assert editor.notes.toPlainText() == "Call back in May"
    assert editor.retry_timer.isActive()
    qtbot.keyClicks(editor.notes, "!")  # typing on keeps the error in view
    assert state.state == "failed"
    monkeypatch.setattr(person_editor, "save_person", real_save)
    editor.retry_timer.timeout.emit()
    assert Person.get_by_id(ada.id).notes == "Call back in May!"
    assert state.state == "saved" and not editor.retry_timer.isActive()


def test_a_read_only_database_is_said_and_closing_asks(qtbot, window, db):
    ada = Person.create(first_name="Ada", notes="")
    editor = _open(window, ada)
    db.execute_sql("PRAGMA query_only = ON")
    try:
        qtbot.keyClicks(editor.notes, "Send the article")
        _autosave(editor)
        assert editor.save_state.state == "failed"
        assert "read-only" in editor.save_state.text()
        window.close()
        assert window.isVisible()
        question = editor.leave_question
        assert "could not be saved" in question.text() and "Notes" in question.text()
        _click(qtbot, question, "Stay")
        assert window.isVisible() and editor.notes.toPlainText() == "Send the article"
    finally:
        db.execute_sql("PRAGMA query_only = OFF")
    editor.retry_timer.timeout.emit()
    assert Person.get_by_id(ada.id).notes == "Send the article"
    window.close()
    assert not window.isVisible()


def test_a_full_disk_is_said(qtbot, window, db):
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada)
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")
    qtbot.keyClicks(editor.notes, "x")
    editor.notes.insertPlainText("long notes " * 20_000)
    _autosave(editor)
    assert editor.save_state.state == "failed"
    assert "no space left on the disk" in editor.save_state.text()
    window.close()
    _click(qtbot, editor.leave_question, "Leave without saving")
    assert not window.isVisible()
    assert Person.get_by_id(ada.id).notes == ""


def test_a_bug_is_not_hidden_as_a_storage_error(qtbot, window, db, monkeypatch):
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada)

    def broken(*_args, **_kwargs):
        raise peewee.IntegrityError("UNIQUE constraint failed: person.id")

    monkeypatch.setattr(person_editor, "save_person", broken)
    qtbot.keyClicks(editor.notes, "x")
    with pytest.raises(peewee.IntegrityError):
        editor.save_now()
    monkeypatch.undo()
    assert editor.save_now()


# Field limits ---------------------------------------------------------------------------------

def test_long_tags_are_kept_whole(qtbot, window, db):
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada)
    tags = ", ".join(f"tag{i}" for i in range(5_000))
    assert len(tags) > 32_767
    editor.tags.insert(tags)  # as a paste does
    assert editor.tags.text() == tags
    assert editor.save_now()
    assert Person.get_by_id(ada.id).tags == tags


def test_reaching_a_field_limit_is_said_under_the_field(qtbot, window, db):
    ada = Person.create(first_name="Ada")
    editor = _open(window, ada)
    limit = editor.job_title.maxLength()
    assert limit < 32_767
    editor.job_title.insert("5" * (limit + 20))
    message = editor.findChild(type(editor.heading), "job_title_error")
    assert message.isVisible()
    assert f"at most {limit:,} characters" in message.text()
    for name in ("first_name", "last_name", "phone", "organization", "email", "source",
                 "career_fields", "linkedin_url", "referred_by"):
        assert getattr(editor, name).maxLength() != 32_767, name


def test_clearing_the_selection_asks_about_an_unnamed_new_person(qtbot, window, db):
    Person.create(first_name="Ann")
    window.contact_tree.reload()
    window.new_person()
    qtbot.keyClicks(window.editor.research_notes, "Works at the museum")
    window.show_person(None)  # what the tree says when its selection is cleared
    assert window.editor.leave_question is not None
    assert window.editor.research_notes.toPlainText() == "Works at the museum"
