"""The "Shared with" choice in the person editor and the interview window, on a server: the
owner chooses, the database saves it, another member then sees the record; someone else's
record shows its owner and is read-only, and a write the database refuses is a sentence."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from netdesk.core import people
from netdesk.db.models import Interview, InterviewQuestion, Person


def _choose(qtbot, combo, label: str) -> None:
    """Pick ``label`` in a closed combo box with the keyboard, as a user does."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentText() != label:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, f"no {label!r} in the combo"


def test_the_person_editors_sharing_saves_and_another_student_then_sees_them(team, qtbot):
    from netdesk.ui.people.person_editor import PersonEditor

    with team.opened("ana"):
        ada = people.save_person(None, people.PersonForm(first_name="Ada", last_name="Lee",
                                                          notes="met at the fair")).id
        editor = PersonEditor()
        qtbot.addWidget(editor)
        editor.show()
        editor.load_person(ada)
        assert editor.sharing.isVisible() and editor.sharing.choice.isEnabled()
        assert not editor.sharing.owner.isVisible()
        assert editor.sharing.choice.currentText() == "Only me"
        _choose(qtbot, editor.sharing.choice, "The whole center")
        assert editor.save_now()
        assert Person.get_by_id(ada).sharing == "center"
        editor.close()

    with team.opened("bo"):
        assert [p.notes for p in Person.select()] == ["met at the fair"]
        editor = PersonEditor()
        qtbot.addWidget(editor)
        editor.show()
        editor.load_person(ada)
        assert editor.sharing.owner.isVisible()
        assert editor.sharing.owner.text() == "Owner: Ana Ruiz"
        assert not editor.sharing.choice.isEnabled()
        assert editor.notes.isReadOnly() and editor.first_name.isReadOnly()
        assert not editor.stage.isEnabled()
        # a change that gets past the read-only form is refused by the database: a sentence
        messages = []
        editor.status_message.connect(messages.append)
        editor.notes.setPlainText("bo was here")  # as another part of the window might
        editor._edited()
        assert not editor.save_now()
        assert messages[-1] == "Not saved: This person is Ana Ruiz's: only they change it."
        assert editor.notes.toPlainText() == "met at the fair"
        editor.load_person(None)  # a new person is bo's own again
        assert not editor.notes.isReadOnly() and not editor.sharing.owner.isVisible()
        editor.close()
    with team.opened("ana"):
        assert Person.get_by_id(ada).notes == "met at the fair"


def test_the_interview_windows_sharing_saves_and_another_student_then_sees_its_notes(
        team, qtbot):
    from netdesk.ui.interviews.interview_window import InterviewWindow

    with team.opened("ana"):
        ada = people.save_person(None, people.PersonForm(first_name="Ada", sharing="center")).id
        interview = Interview.create(person=ada, notes="she started in sales",
                                     duration_minutes=30)
        InterviewQuestion.create(interview=interview, position=0, text="How did you start?",
                                 category="career_path", minutes=5, notes="by accident")
        window = InterviewWindow(interview.id)
        qtbot.addWidget(window)
        window.show()
        assert window.sharing.isVisible() and window.sharing.choice.currentText() == "Only me"
        assert not window.overall.isReadOnly()
        _choose(qtbot, window.sharing.choice, "The whole center")
        assert Interview.get_by_id(interview.id).sharing == "center"
        assert window.saved.text() == "Shared with: The whole center"
        window.close()

    with team.opened("bo"):
        assert [i.notes for i in Interview.select()] == ["she started in sales"]
        window = InterviewWindow(interview.id)
        qtbot.addWidget(window)
        window.show()
        assert window.sharing.owner.text() == "Owner: Ana Ruiz"
        assert window.overall.isReadOnly() and window.cards[0].notes.isReadOnly()
        assert not window.cards[0].asked.isEnabled() and not window.edit_button.isEnabled()
        assert not window.sharing.choice.isEnabled()
        window.close()


@pytest.mark.sqlite_only
def test_the_sharing_choice_is_not_shown_for_a_file(db, qtbot):
    from netdesk.ui.people.person_editor import PersonEditor

    ada = people.save_person(None, people.PersonForm(first_name="Ada")).id
    editor = PersonEditor()
    qtbot.addWidget(editor)
    editor.show()
    editor.load_person(ada)
    assert not editor.sharing.isVisible()
    assert not editor.notes.isReadOnly()
