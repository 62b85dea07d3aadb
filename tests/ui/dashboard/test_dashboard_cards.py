"""The dashboard's cards: a title and a count each, a designed empty state whose button opens
the right window, weeks labelled by date, updates through the change flow, and figures read
beside the window at a real start."""

import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from netdesk.core.interviews import InterviewPlan, PlannedQuestion, save_plan
from netdesk.db.models import Interaction, Interview, Person
from netdesk.ui.common.changes import publish
from netdesk.ui.common.theme import dark_palette, light_palette
from netdesk.ui.dashboard.card import Card
from netdesk.ui.dashboard.dashboard import DashboardWidget

QUESTIONS = [PlannedQuestion("How did you start?", "career_path", 4)]


def _on_dashboard(qtbot, window):
    """Show the dashboard tab of ``window`` and wait until it has been filled."""
    if window.dashboard.filled and window.tabs.currentWidget() is window.dashboard:
        return window.dashboard
    with qtbot.waitSignal(window.dashboard.loaded, timeout=5000):
        window.tabs.setCurrentWidget(window.dashboard)
    return window.dashboard


def _click(qtbot, button):
    qtbot.waitUntil(lambda: button.height() > 0)  # laid out since it was last shown
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _open_windows(kind):
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


def test_every_section_is_a_card_with_a_title(qtbot, window):
    board = _on_dashboard(qtbot, window)
    cards = [board.due_box, board.interviews_box, board.quiet_box, board.habit_box,
             board.coverage_box, board.reciprocity_box]
    assert all(isinstance(card, Card) for card in cards)
    assert [card.title() for card in cards] == [
        "Due now", "Upcoming interviews", "Not contacted in 90 days or more",
        "The weekly habit", "Coverage: interviews by career field and work setting",
        "Reciprocity"]
    assert board.habit_box.count() == "0 of 5 this week"
    assert board.interviews_box.count() == ""  # nothing to count yet


def test_an_empty_database_has_an_empty_state_in_every_card(qtbot, window):
    board = _on_dashboard(qtbot, window)
    for empty in (board.due_empty, board.interviews_empty, board.quiet_empty,
                  board.habit_empty, board.coverage_empty, board.owed_empty):
        assert empty.isVisible() and empty.text()[-1] in ".?", empty.text()
    assert "will" not in board.owed_empty.text()  # says what counts there, plainly
    assert not board.reciprocity_summary.isVisible()  # no "0 received, 0 given"
    buttons = {empty.button.text() for empty in (
        board.due_empty, board.interviews_empty, board.habit_empty, board.coverage_empty)}
    assert buttons == {"See upcoming follow-ups…", "Plan an interview…",
                       "Set the weekly goal…", "Add career fields…"}


def test_plan_an_interview_from_the_empty_card(qtbot, window):
    from netdesk.ui.interviews.interview_wizard import InterviewWizard

    board = _on_dashboard(qtbot, window)
    _click(qtbot, board.interviews_empty.button)
    qtbot.waitUntil(lambda: len(_open_windows(InterviewWizard)) == 1)
    _open_windows(InterviewWizard)[0].close()


def test_add_career_fields_from_the_empty_card(qtbot, window):
    from netdesk.ui.people.catalog_dialog import CatalogDialog

    board = _on_dashboard(qtbot, window)
    _click(qtbot, board.coverage_empty.button)
    qtbot.waitUntil(lambda: len(_open_windows(CatalogDialog)) == 1)
    _open_windows(CatalogDialog)[0].close()


def test_weekly_goal_and_follow_ups_from_the_empty_cards(qtbot, window):
    from netdesk.ui.dashboard.follow_up_list import FollowUpList
    from netdesk.ui.dashboard.preferences_dialog import PreferencesDialog

    board = _on_dashboard(qtbot, window)
    _click(qtbot, board.habit_empty.button)
    qtbot.waitUntil(lambda: len(_open_windows(PreferencesDialog)) == 1)
    _open_windows(PreferencesDialog)[0].close()
    _click(qtbot, board.due_empty.button)
    qtbot.waitUntil(lambda: len(_open_windows(FollowUpList)) == 1)
    _open_windows(FollowUpList)[0].close()


def test_a_planned_interview_reaches_its_card_through_the_change_flow(qtbot, db, make_window):
    ana = Person.create(first_name="Ana", last_name="Lima")
    window = make_window()
    board = _on_dashboard(qtbot, window)
    assert board.interviews_empty.isVisible()
    soon = datetime.datetime.combine(datetime.date.today() + datetime.timedelta(days=3),
                                     datetime.time(10))
    changes = save_plan(None, InterviewPlan(person_id=ana.id, career_field="Urban planning",
                                            scheduled_at=soon, questions=QUESTIONS))
    publish(changes, None)
    qtbot.waitUntil(lambda: board.interview_list.count() == 1)
    assert "Ana Lima" in board.interview_list.item(0).text()
    assert board.interviews_box.count() == "1"
    assert not board.interviews_empty.isVisible()
    with qtbot.waitSignal(board.open_interview_requested) as opened:
        item = board.interview_list.item(0)
        qtbot.mouseClick(board.interview_list.viewport(), Qt.MouseButton.LeftButton,
                         pos=board.interview_list.visualItemRect(item).center())
    assert opened.args == [Interview.get().id]


def test_weeks_are_labelled_by_the_day_they_start(qtbot, db, events):
    today = datetime.date(2026, 11, 25)  # a Wednesday
    Interaction.create(person=Person.create(first_name="Ada"), kind="message_sent",
                       occurred_on=today)
    board = DashboardWidget(today=lambda: today)
    qtbot.addWidget(board)
    board.resize(1100, 900)
    with qtbot.waitSignal(board.loaded):
        board.show()
    chart = board.habit_chart
    assert chart.week_label(11) == "23 Nov" and chart.week_label(10) == "16 Nov"
    assert chart.week_label(0) == "7 Sept" or chart.week_label(0) == "7 Sep"
    wide = chart.label_step()
    chart.setFixedWidth(chart.minimumSizeHint().width())
    qtbot.waitUntil(lambda: chart.label_step() > wide)  # narrow: every second week or so


@pytest.mark.parametrize("palette", [light_palette, dark_palette], ids=["light", "dark"])
def test_cards_take_their_colours_from_the_palette(qtbot, db, events, palette):
    board = DashboardWidget()
    qtbot.addWidget(board)
    board.setPalette(palette())
    board.resize(1100, 900)
    with qtbot.waitSignal(board.loaded):
        board.show()
    card = board.habit_box
    image = card.grab().toImage()
    inside = image.pixelColor(image.width() // 2, 3 * card.devicePixelRatioF())
    assert inside == card.palette().color(QPalette.ColorRole.Base)


def test_a_real_start_reads_the_figures_beside_the_window(qtbot, db, events):
    ana = Person.create(first_name="Ana", last_name="Lima")
    board = DashboardWidget()
    board.read_in_background = True
    qtbot.addWidget(board)
    with qtbot.waitSignal(board.loaded, timeout=5000):
        board.show()
    assert board.interviews_empty.isVisible()
    soon = datetime.datetime.combine(datetime.date.today() + datetime.timedelta(days=2),
                                     datetime.time(9))
    plan = InterviewPlan(person_id=ana.id, scheduled_at=soon, questions=QUESTIONS)
    publish(save_plan(None, plan), None)
    qtbot.waitUntil(lambda: board.interview_list.count() == 1, timeout=5000)
    assert board.interviews_box.count() == "1"
