"""Another writer changes the person behind the editor's back (a second connection to the
file, or another client of the server): the editor's save meets ChangedElsewhere, takes
the stored row in, says who changed it, saves every field not in conflict and asks, per
field both changed, keep mine or take theirs. Nothing typed is lost."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from netdesk.core.people import PersonForm, save_person
from netdesk.db.models import Person
from netdesk.ui.people.conflict_bar import ConflictBar
from tests.ui.changed_elsewhere import behind  # noqa: F401 (a fixture)


def _bar(editor, field):
    bars = [b for b in editor.findChildren(ConflictBar, f"{field}_conflict") if b.isVisible()]
    return bars[0] if bars else None


def _editor(qtbot, person_id):
    from netdesk.ui.people.person_editor import PersonEditor

    editor = PersonEditor()
    qtbot.addWidget(editor)
    editor.show()
    editor.load_person(person_id)
    return editor


@pytest.mark.parametrize("answer", ["keep", "take"])
def test_a_save_over_a_change_made_elsewhere_merges_field_by_field(qtbot, behind, answer):  # noqa: F811
    db, write, name = behind
    ada = save_person(None, PersonForm(first_name="Ada", last_name="Lee", job_title="Engineer",
                                       notes="first notes")).id
    editor = _editor(qtbot, ada)
    statuses = []
    editor.status_message.connect(statuses.append)

    write("UPDATE person SET notes = 'their notes', tags = 'mentor' WHERE id = ?", (ada,))
    editor.notes.selectAll()
    qtbot.keyClicks(editor.notes, "my notes")
    editor.job_title.selectAll()
    qtbot.keyClicks(editor.job_title, "Chemist")
    assert not editor.save_now()  # the notes wait for an answer

    stored = Person.get_by_id(ada)
    assert stored.job_title == "Chemist"  # not in conflict: saved over their change
    assert stored.notes == "their notes" and stored.tags == "mentor"  # theirs kept
    assert editor.notes.toPlainText() == "my notes"  # nothing typed is lost
    assert editor.tags.text() == "mentor"  # what they changed and I did not: shown
    assert f"{name} changed this person since you opened it" in editor.changed_elsewhere_text()
    assert any(name in status for status in statuses)
    bar = _bar(editor, "notes")
    assert bar is not None and _bar(editor, "job_title") is None
    assert "my notes" in bar.text() and "their notes" in bar.text()

    button = bar.keep_button if answer == "keep" else bar.take_button
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    expected = "my notes" if answer == "keep" else "their notes"
    assert Person.get_by_id(ada).notes == expected
    assert editor.notes.toPlainText() == expected
    assert _bar(editor, "notes") is None and editor.changed_elsewhere_text() == ""
    assert not editor.is_dirty()

    # the editor now holds the stored version: its next edit saves without a conflict
    qtbot.keyClicks(editor.job_title, " II")
    assert editor.save_now()
    assert Person.get_by_id(ada).job_title == "Chemist II"


def test_a_change_elsewhere_to_other_fields_only_is_merged_without_asking(qtbot, behind):  # noqa: F811
    db, write, _name = behind
    ada = save_person(None, PersonForm(first_name="Ada", last_name="Lee")).id
    editor = _editor(qtbot, ada)
    write("UPDATE person SET stage = 'contacted' WHERE id = ?", (ada,))
    qtbot.keyClicks(editor.notes, "met at the fair")
    assert editor.save_now()
    stored = Person.get_by_id(ada)
    assert (stored.notes, stored.stage) == ("met at the fair", "contacted")
    assert not editor.findChildren(ConflictBar) or _bar(editor, "notes") is None
