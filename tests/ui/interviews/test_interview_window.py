import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from netdesk.core.interviews import InterviewPlan, PlannedQuestion, questions_of, save_plan
from netdesk.db.models import Interview, InterviewQuestion, Person


@pytest.fixture(autouse=True)
def never_block(monkeypatch, discard_answer):
    monkeypatch.setattr("netdesk.ui.common.plain_messages.show",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Discard)


@pytest.fixture
def interview_id(db):
    ana = Person.create(first_name="Ana", last_name="Ruiz")
    return save_plan(None, InterviewPlan(
        person_id=ana.id, career_field="Public health", mode="video",
        place="https://meet.example/ana", duration_minutes=20,
        scheduled_at=datetime.datetime(2026, 12, 1, 10, 0),
        questions=[PlannedQuestion("First?", "career_path", 5),
                   PlannedQuestion("Second?", "environment", 5),
                   PlannedQuestion("Third?", "advice", 5)])).id


@pytest.fixture
def window(qtbot, interview_id):
    from netdesk.ui.interviews.interview_window import InterviewWindow

    window = InterviewWindow(interview_id)
    qtbot.addWidget(window)
    window.show()
    return window


def test_shows_the_questions_in_order(window):
    assert window.windowTitle() == "Interview with Ana Ruiz"
    assert [card.text.text() for card in window.cards] == ["First?", "Second?", "Third?"]
    assert "Public health" in window.details.text() and "20 min" in window.details.text()
    assert not window.open_place.isHidden()
    assert window.elapsed.text() == "00:00 / 20:00"


def test_notes_save_as_you_type(qtbot, window, interview_id, events):
    qtbot.keyClicks(window.cards[1].notes, "Works four days a week.")
    assert window.has_pending()
    assert questions_of(interview_id)[1].notes == ""  # debounced, not per keystroke
    with qtbot.waitSignal(events.changed, timeout=3000):
        pass
    assert questions_of(interview_id)[1].notes == "Works four days a week."
    assert window.saved.text().startswith("All notes saved")
    qtbot.keyClicks(window.overall, "Send her the article.")
    window.close()  # closing saves what is pending at once
    assert Interview.get_by_id(interview_id).notes == "Send her the article."


def test_marks_with_buttons_and_keys(qtbot, window, interview_id):
    qtbot.mouseClick(window.cards[0].asked, Qt.MouseButton.LeftButton)
    assert [q.mark for q in questions_of(interview_id)] == ["asked", "", ""]
    qtbot.mouseClick(window.cards[0].asked, Qt.MouseButton.LeftButton)  # click again: unmark
    assert questions_of(interview_id)[0].mark == ""
    window.cards[0].notes.setFocus()
    qtbot.keyClick(window.cards[0].notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.cards[1].notes.hasFocus())
    qtbot.keyClick(window.cards[1].notes, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [q.mark for q in questions_of(interview_id)] == ["asked", "skipped", ""]
    assert window.cards[1].skipped.isChecked() and not window.cards[1].asked.isChecked()
    qtbot.mouseClick(window.cards[1].asked, Qt.MouseButton.LeftButton)
    assert questions_of(interview_id)[1].mark == "asked"


def test_timer_against_the_planned_duration(qtbot, window):
    now = [1000.0]
    window.clock = lambda: now[0]
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    assert window.start_button.text() == "Pause"
    now[0] += 7 * 60
    window.update_timer()
    assert window.elapsed.text() == "07:00 / 20:00"
    assert "question 2 of 3" in window.pace.text()
    qtbot.keyClick(window, Qt.Key.Key_F5)  # pause
    now[0] += 60
    window.update_timer()
    assert window.elapsed.text() == "07:00 / 20:00"
    assert window.start_button.text() == "Resume"
    window.toggle_timer()
    now[0] += 14 * 60
    window.update_timer()
    assert window.elapsed.text() == "21:00 / 20:00"
    assert "01:00 over the planned time" in window.pace.text()
    assert window.progress.value() == window.progress.maximum()
    qtbot.mouseClick(window.reset_button, Qt.MouseButton.LeftButton)
    assert window.elapsed.text() == "00:00 / 20:00"


def test_print_request_saves_first(qtbot, window, interview_id):
    qtbot.keyClicks(window.cards[0].notes, "typed")
    with qtbot.waitSignal(window.print_sheet_requested) as blocker:
        qtbot.mouseClick(window.print_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [interview_id]
    assert questions_of(interview_id)[0].notes == "typed"


def test_edit_plan_reloads_the_questions(qtbot, window, interview_id):
    wizard = window.edit_plan()
    qtbot.addWidget(wizard)
    picker = wizard.questions.picker
    picker.chosen.setCurrentItem(picker.chosen.topLevelItem(0))
    picker.remove_selected()
    wizard.save()
    assert [card.text.text() for card in window.cards] == ["Second?", "Third?"]
    assert InterviewQuestion.select().count() == 2


def test_debrief_opens_for_this_interview(qtbot, window, interview_id):
    wizard = window.debrief()
    qtbot.addWidget(wizard)
    assert wizard.interview_id == interview_id
    assert wizard.isVisible()


def test_an_interview_without_questions(qtbot, db):
    from netdesk.ui.interviews.interview_window import InterviewWindow

    ana = Person.create(first_name="Ana")
    interview_id = save_plan(None, InterviewPlan(person_id=ana.id), draft=True).id
    window = InterviewWindow(interview_id)
    qtbot.addWidget(window)
    assert window.cards == []
    window.mark_current("asked")
    window.move_focus(1)
    assert window.details.text().startswith("Not scheduled yet")


def test_the_time_is_shown_where_the_user_is_now(qtbot, db, monkeypatch):
    from netdesk.ui.interviews.interview_window import InterviewWindow

    monkeypatch.setenv("NETDESK_TZ", "Europe/Berlin")
    ana = Person.create(first_name="Ana", last_name="Ruiz")
    interview_id = save_plan(None, InterviewPlan(
        person_id=ana.id, scheduled_at=datetime.datetime(2026, 12, 1, 10, 0),
        questions=[PlannedQuestion("First?")])).id
    monkeypatch.setenv("NETDESK_TZ", "Asia/Tokyo")
    window = InterviewWindow(interview_id)
    qtbot.addWidget(window)
    assert "Tue 1 Dec 2026, 18:00" in window.details.text()
