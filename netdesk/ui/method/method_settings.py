"""Whether the method mode is on (Preferences → Method), kept in QSettings, and its page."""

from __future__ import annotations

import datetime

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from netdesk.core.interviews import FollowUpRhythm
from netdesk.ui.common.plain_text import note_label, problem_label
from netdesk.ui.method.tier_settings import TierIntervalsBox

ENABLED_KEY = "method/enabled"
DAYS_OFF_KEY = "followups/days_off"


def method_enabled(settings: QSettings | None = None) -> bool:
    value = (settings if settings is not None else QSettings()).value(ENABLED_KEY, False)
    return value in (True, "true", "1", 1)


def parse_days_off(text: str) -> tuple[frozenset[datetime.date], str | None]:
    """The dates in ``text`` ("2026-12-25, 2026-12-26"), and a message naming the first
    one that is not a date (None when all are)."""
    days = set()
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        try:
            days.add(datetime.date.fromisoformat(part))
        except ValueError:
            return frozenset(days), f"“{part}” is not a date; write it as 2026-12-25."
    return frozenset(days), None


def days_off(settings: QSettings | None = None) -> frozenset[datetime.date]:
    """The days the user keeps free of working-day follow-ups (holidays)."""
    text = str((settings if settings is not None else QSettings()).value(DAYS_OFF_KEY, ""))
    return parse_days_off(text)[0]


def follow_up_rhythm() -> FollowUpRhythm:
    """How outreach is followed up under the user's preferences."""
    from netdesk.ui.dashboard.preferences_dialog import follow_up_rules

    return FollowUpRhythm(rules=follow_up_rules(), holidays=days_off(),
                          three_b_seven=method_enabled())


class _FollowsMethod(QObject):
    """Keeps its action shown and enabled (its shortcut with it) while the method is on,
    from the moment the preferences are saved; it goes with the action."""

    def __init__(self, action: QAction):
        super().__init__(action)
        self._action = action
        self.refresh()
        from netdesk.ui.dashboard.preferences_dialog import preferences_notifier

        preferences_notifier().changed.connect(self.refresh)

    def refresh(self) -> None:
        on = method_enabled()
        self._action.setVisible(on)
        self._action.setEnabled(on)


def follow_method_mode(action: QAction) -> QAction:
    """Show ``action`` (and let its shortcut work) only in the method mode, following the
    switch as soon as Preferences are saved; returns the action."""
    action.follows_method = _FollowsMethod(action)
    return action


class MethodPage(QWidget):
    """The Method tab of the preferences: one switch and what it turns on."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self._settings = settings
        self.enabled = QCheckBox("&Guide me through the method")
        self.enabled.setAccessibleName("Guide me through the method")
        self.enabled.setChecked(method_enabled(settings))
        self.days_off = QLineEdit(str(settings.value(DAYS_OFF_KEY, "")))
        self.days_off.setAccessibleName("Days off")
        self.days_off.setPlaceholderText("2026-12-25, 2026-12-26")
        self.days_off_problem = problem_label()
        self.days_off_problem.hide()
        self.days_off.textChanged.connect(self._check_days_off)
        days = QFormLayout()
        days.addRow("&Days off:", self.days_off)
        days.addRow("", self.days_off_problem)
        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled)
        layout.addWidget(note_label(
            "Turns on the routines career coaches teach. While you write an outreach "
            "message, netdesk checks it against what gets answered: short, asking for "
            "insight rather than a job, saying first how you came to them, ending with a "
            "question, about them more than about you. When you send it, two checks are "
            "set (3B7): after 3 working days, write to a second person at the same "
            "organization; after 7, send one follow-up to the first."))
        layout.addLayout(days)
        layout.addWidget(note_label(
            "No follow-up counted in working days falls due on a day off."))
        self.tiers = TierIntervalsBox(settings)  # keep-in-touch intervals per tier
        layout.addWidget(self.tiers)
        layout.addStretch(1)

    def _check_days_off(self) -> None:
        problem = parse_days_off(self.days_off.text())[1]
        self.days_off_problem.setText(problem or "")
        self.days_off_problem.setVisible(bool(problem))

    def restore_defaults(self) -> None:
        self.enabled.setChecked(False)
        self.tiers.restore_defaults()

    def save(self) -> None:
        """Keep the switch, and the days off that are dates (a wrong one is named as it is
        typed and left out)."""
        self._settings.setValue(ENABLED_KEY, self.enabled.isChecked())
        days, _problem = parse_days_off(self.days_off.text())
        self._settings.setValue(DAYS_OFF_KEY, ", ".join(d.isoformat() for d in sorted(days)))
        self.tiers.save()


def add_method_page(dialog) -> MethodPage:
    """Add the Method tab to a :class:`PreferencesDialog`; it saves with the dialog."""
    page = MethodPage(dialog._settings, dialog)
    dialog.add_page(page, "&Method")
    dialog.saved.connect(page.save)
    dialog.saved.connect(dialog._settings.sync)
    return page
