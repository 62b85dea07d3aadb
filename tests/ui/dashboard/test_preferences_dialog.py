"""Preferences: follow-up defaults, weekly goal and reminders are kept in QSettings."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from netdesk.core.followups import DEFAULT_RULES
from netdesk.ui.dashboard.preferences_dialog import (
    PreferencesDialog,
    follow_up_rules,
    preferences_notifier,
    reminder_minutes,
    reminders_enabled,
    silence_days,
    weekly_goal,
)


@pytest.fixture
def settings(tmp_path, qapp):
    return QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)


def test_defaults_when_nothing_is_stored(settings):
    assert follow_up_rules(settings) == DEFAULT_RULES
    assert (weekly_goal(settings), silence_days(settings)) == (5, 90)
    assert reminders_enabled(settings) and reminder_minutes(settings) == 5


def test_bad_stored_values_fall_back_to_defaults(settings):
    settings.setValue("followups/thank_you/count", "lots")
    settings.setValue("followups/thank_you/unit", "fortnights")
    settings.setValue("habit/weekly_goal", -3)
    assert follow_up_rules(settings)["thank_you"] == DEFAULT_RULES["thank_you"]
    assert weekly_goal(settings) == 5


def test_editing_and_saving(qtbot, settings):
    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.counts["keep_in_touch"].setValue(60)
    dialog.units["thank_you"].setCurrentIndex(dialog.units["thank_you"].findData("working_days"))
    dialog.goal.clear()
    qtbot.keyClicks(dialog.goal, "8")
    dialog.reminders.setChecked(False)
    assert not dialog.interval.isEnabled()
    with qtbot.waitSignal(preferences_notifier().changed), qtbot.waitSignal(dialog.saved):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    rules = follow_up_rules(settings)
    assert rules["keep_in_touch"] == (60, "days")
    assert rules["thank_you"] == (1, "working_days")
    assert weekly_goal(settings) == 8
    assert not reminders_enabled(settings)


def test_cancel_keeps_the_stored_values(qtbot, settings):
    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    dialog.open()
    dialog.goal.setValue(42)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert weekly_goal(settings) == 5


def test_restore_defaults(qtbot, settings):
    settings.setValue("habit/weekly_goal", 9)
    dialog = PreferencesDialog(settings=settings)
    qtbot.addWidget(dialog)
    assert dialog.goal.value() == 9
    dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert dialog.goal.value() == 5
    dialog.accept()
    assert weekly_goal(settings) == 5
