"""The shared actions: every one has text, shortcut and status tip, and does its job."""

import datetime

from PySide6.QtWidgets import QMainWindow

from netdesk.db.models import Person
from netdesk.ui.dashboard.habit_actions import HabitActions
from netdesk.ui.dashboard.preferences_dialog import PreferencesDialog
from netdesk.ui.people.decline_dialog import DeclineDialog


def _actions(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    return window, HabitActions(window, today=lambda: datetime.date(2026, 11, 25),
                                use_tray=False)


def test_actions_are_complete(qtbot, db):
    _, habit = _actions(qtbot)
    for action in habit.actions():
        assert action.text() and action.statusTip()
    # Export Calendar lives in File → Export, whose first entry owns Ctrl+Shift+E.
    assert not habit.preferences_action.shortcut().isEmpty()
    assert not habit.record_no_action.shortcut().isEmpty()


def test_preferences_action_opens_the_dialog(qtbot, db):
    window, habit = _actions(qtbot)
    habit.preferences_action.trigger()
    dialog = window.findChild(PreferencesDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_record_no_needs_a_person_and_forwards_open_requests(qtbot, db, events):
    window, habit = _actions(qtbot)
    assert not habit.record_no_action.isEnabled()
    rosa = Person.create(first_name="Rosa")
    habit.set_current_person(rosa.id)
    assert habit.record_no_action.isEnabled()
    habit.record_no_action.trigger()
    dialog = window.findChild(DeclineDialog)
    assert dialog.isVisible()
    with qtbot.waitSignal(habit.open_person_requested) as opened:
        dialog.open_person_requested.emit(42)
    assert opened.args == [42]
    dialog.reject()


def test_start_runs_the_reminders(qtbot, db):
    _, habit = _actions(qtbot)
    habit.start()
    assert habit.reminders.timer.isActive()
    habit.reminders.stop()
