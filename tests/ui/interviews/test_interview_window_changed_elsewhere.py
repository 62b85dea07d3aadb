"""Notes of an interview changed by another writer while the interview window is open (a
second connection to the file, or another client of the server): the window's save meets
ChangedElsewhere, takes theirs where only they wrote, saves mine where only I did, and asks
keep mine / take theirs where both did. Nothing typed is lost."""

from __future__ import annotations

import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from netdesk.core.interviews import InterviewPlan, PlannedQuestion, questions_of, save_plan
from netdesk.core.people import PersonForm, save_person
from netdesk.db.models import Interview
from tests.ui.changed_elsewhere import behind  # noqa: F401 (a fixture)


def _window(qtbot):
    from netdesk.ui.interviews.interview_window import InterviewWindow

    ana = save_person(None, PersonForm(first_name="Ana", last_name="Ruiz")).id
    interview_id = save_plan(None, InterviewPlan(
        person_id=ana, mode="video", duration_minutes=20,
        scheduled_at=datetime.datetime(2026, 12, 1, 10, 0),
        questions=[PlannedQuestion("First?", "career_path", 5),
                   PlannedQuestion("Second?", "environment", 5)])).id
    window = InterviewWindow(interview_id)
    qtbot.addWidget(window)
    window.show()
    return window, interview_id


@pytest.mark.parametrize("answer", ["keep", "take"])
def test_notes_changed_elsewhere_are_merged_and_asked_about(qtbot, behind, answer):  # noqa: F811
    _db, write, name = behind
    window, interview_id = _window(qtbot)
    first, second = (q.id for q in questions_of(interview_id))

    write("UPDATE interview_question SET notes = 'their first' WHERE id = ?", (first,))
    write("UPDATE interview SET notes = 'their overall', place = 'Room 4' WHERE id = ?",
          (interview_id,))
    qtbot.keyClicks(window.cards[0].notes, "my first")
    qtbot.keyClicks(window.cards[1].notes, "my second")
    assert not window.flush()  # the first question's notes wait for an answer

    stored = questions_of(interview_id)
    assert stored[1].notes == "my second"  # only I wrote there: saved
    assert stored[0].notes == "their first"  # both wrote: theirs kept until I answer
    assert window.cards[0].notes.toPlainText() == "my first"  # nothing typed is lost
    assert window.overall.toPlainText() == "their overall"  # only they wrote: shown
    assert "Room 4" in window.details.text()
    assert f"{name} changed this interview since you opened it" in window.elsewhere.text()
    bars = window.conflict_bars()
    assert list(bars) == [first]
    assert "my first" in bars[first].text() and "their first" in bars[first].text()

    window.close()  # an open question keeps the window open
    assert window.isVisible()
    bar = bars[first]
    qtbot.mouseClick(bar.keep_button if answer == "keep" else bar.take_button,
                     Qt.MouseButton.LeftButton)
    expected = "my first" if answer == "keep" else "their first"
    assert questions_of(interview_id)[0].notes == expected
    assert window.cards[0].notes.toPlainText() == expected
    assert not window.conflict_bars() and window.elsewhere.isHidden()
    assert not window.has_pending()

    window.overall.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.overall, " and mine")
    window.close()
    assert Interview.get_by_id(interview_id).notes == "their overall and mine"


def test_the_windows_own_marks_are_not_a_change_made_elsewhere(qtbot, db):
    window, interview_id = _window(qtbot)
    statuses = []
    window.status_message.connect(statuses.append)
    qtbot.mouseClick(window.cards[0].asked, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.cards[0].notes, "asked it")
    assert window.flush()
    assert statuses == [] and window.elsewhere.isHidden()
    row = questions_of(interview_id)[0]
    assert (row.mark, row.notes) == ("asked", "asked it")


def test_a_mark_set_elsewhere_shows_and_mine_is_saved_over_it(qtbot, behind):  # noqa: F811
    _db, write, name = behind
    window, interview_id = _window(qtbot)
    first, second = (q.id for q in questions_of(interview_id))
    write("UPDATE interview_question SET mark = 'skipped' WHERE id = ?", (second,))
    write("UPDATE interview_question SET mark = 'skipped' WHERE id = ?", (first,))
    qtbot.mouseClick(window.cards[0].asked, Qt.MouseButton.LeftButton)
    assert [q.mark for q in questions_of(interview_id)] == ["asked", "skipped"]
    assert window.cards[0].mark == "asked" and window.cards[1].mark == "skipped"


def test_notices_missed_from_the_server_read_the_interview_again_keeping_what_was_typed(
        qtbot, db):
    from netdesk.core.changes import Changes
    from netdesk.ui.common.changes import publish
    from netdesk.ui.common.remote_changes import SOMEONE_ELSE

    window, interview_id = _window(qtbot)
    qtbot.keyClicks(window.cards[0].notes, "typed just now")
    publish(Changes.all(), SOMEONE_ELSE)  # the listener connected again
    assert window.isVisible()
    assert questions_of(interview_id)[0].notes == "typed just now"
    assert window.cards[0].notes.toPlainText() == "typed just now"
