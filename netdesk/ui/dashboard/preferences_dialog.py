"""Edit → Preferences: follow-up defaults, the weekly goal and reminders, kept in QSettings."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.vocabulary import FOLLOW_UP_LABELS as KIND_LABELS
from netdesk.core.vocabulary import UNIT_LABELS
from netdesk.ui.common.screen import fit_to_screen

AFTER = {
    "reply_check": "after outreach is sent",
    "thank_you": "after the interview",
    "keep_in_touch": "after the thank-you, and after each catch-up",
    "report_back": "after acting on advice",
}
DEFAULT_REMINDER_MINUTES = 5


class PreferencesNotifier(QObject):
    changed = Signal()
    """Preferences were saved; views that use them reload."""


_notifier: PreferencesNotifier | None = None


def preferences_notifier() -> PreferencesNotifier:
    global _notifier
    if _notifier is None:
        _notifier = PreferencesNotifier()
    return _notifier


def _settings(settings: QSettings | None) -> QSettings:
    return settings if settings is not None else QSettings()


def _int(settings: QSettings, key: str, default: int, low: int, high: int) -> int:
    try:
        value = int(settings.value(key, default))
    except (TypeError, ValueError):
        return default
    return value if low <= value <= high else default


def follow_up_rules(settings: QSettings | None = None) -> dict[str, tuple[int, str]]:
    """The user's follow-up rules (count, unit) per kind; defaults fill any gap or bad value."""
    from netdesk.core.followups import DEFAULT_RULES, UNITS

    settings = _settings(settings)
    rules = {}
    for kind, (count, unit) in DEFAULT_RULES.items():
        stored_unit = str(settings.value(f"followups/{kind}/unit", unit))
        rules[kind] = (
            _int(settings, f"followups/{kind}/count", count, 0, 3650),
            stored_unit if stored_unit in UNITS else unit,
        )
    return rules


def weekly_goal(settings: QSettings | None = None) -> int:
    from netdesk.core.dashboard import DEFAULT_WEEKLY_GOAL

    return _int(_settings(settings), "habit/weekly_goal", DEFAULT_WEEKLY_GOAL, 1, 500)


def silence_days(settings: QSettings | None = None) -> int:
    from netdesk.core.dashboard import DEFAULT_SILENCE_DAYS

    return _int(_settings(settings), "habit/silence_days", DEFAULT_SILENCE_DAYS, 7, 3650)


def reminders_enabled(settings: QSettings | None = None) -> bool:
    value = _settings(settings).value("reminders/enabled", True)
    return value not in (False, "false", "0", 0)


def reminder_minutes(settings: QSettings | None = None) -> int:
    return _int(_settings(settings), "reminders/minutes", DEFAULT_REMINDER_MINUTES, 1, 240)


class PreferencesDialog(QDialog):
    """The preferences window; other areas may add their own tab with :meth:`add_page`."""

    saved = Signal()

    def __init__(self, parent: QWidget | None = None, settings: QSettings | None = None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setAccessibleName("Preferences")
        self._settings = _settings(settings)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_follow_up_page(), "&Follow-ups")
        self.privacy = PrivacyPage(self._settings)
        self.tabs.addTab(self.privacy, "&Privacy")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            self.restore_defaults)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.load()
        fit_to_screen(self)

    def add_page(self, widget: QWidget, title: str) -> None:
        self.tabs.addTab(widget, title)

    def _build_follow_up_page(self) -> QWidget:
        from netdesk.core.followups import DEFAULT_RULES, UNITS

        page = QWidget()
        rules_box = QGroupBox("When follow-ups fall due")
        form = QFormLayout(rules_box)
        self.counts: dict[str, QSpinBox] = {}
        self.units: dict[str, QComboBox] = {}
        for kind in DEFAULT_RULES:
            count = QSpinBox()
            count.setRange(0, 3650)
            count.setAccessibleName(f"{KIND_LABELS[kind]}: how many")
            unit = QComboBox()
            for name in UNITS:
                unit.addItem(UNIT_LABELS[name], name)
            unit.setAccessibleName(f"{KIND_LABELS[kind]}: unit")
            after = QLabel(AFTER[kind])
            after.setTextFormat(Qt.TextFormat.PlainText)
            row = QHBoxLayout()
            row.addWidget(count)
            row.addWidget(unit)
            row.addWidget(after, 1)
            label = QLabel(f"{KIND_LABELS[kind]}:")
            label.setBuddy(count)
            form.addRow(label, row)
            self.counts[kind] = count
            self.units[kind] = unit

        habit_box = QGroupBox("The weekly habit")
        habit = QFormLayout(habit_box)
        habit.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.goal = QSpinBox()
        self.goal.setRange(1, 500)
        self.goal.setSuffix(" a week")
        self.goal.setAccessibleName("Weekly goal")
        self.goal.setToolTip("Outreach messages sent plus follow-ups done, per week")
        habit.addRow("Weekly &goal (outreach + follow-ups):", self.goal)
        self.silence = QSpinBox()
        self.silence.setRange(7, 3650)
        self.silence.setSuffix(" days")
        self.silence.setAccessibleName("Not contacted in a while after")
        habit.addRow("\"Not contacted in a &while\" after:", self.silence)

        reminders_box = QGroupBox("Reminders while netdesk is open")
        reminders = QFormLayout(reminders_box)
        reminders.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.reminders = QCheckBox("&Notify me when a follow-up becomes due")
        self.reminders.setAccessibleName("Reminders")
        reminders.addRow(self.reminders)
        self.interval = QSpinBox()
        self.interval.setRange(1, 240)
        self.interval.setSuffix(" minutes")
        self.interval.setAccessibleName("Check every")
        reminders.addRow("&Check every:", self.interval)
        self.reminders.toggled.connect(self.interval.setEnabled)

        layout = QVBoxLayout(page)
        layout.addWidget(rules_box)
        layout.addWidget(habit_box)
        layout.addWidget(reminders_box)
        layout.addStretch(1)
        return page

    def _show(self, rules, goal, silence, enabled, minutes) -> None:
        for kind, (count, unit) in rules.items():
            self.counts[kind].setValue(count)
            self.units[kind].setCurrentIndex(self.units[kind].findData(unit))
        self.goal.setValue(goal)
        self.silence.setValue(silence)
        self.reminders.setChecked(enabled)
        self.interval.setValue(minutes)
        self.interval.setEnabled(enabled)

    def load(self) -> None:
        s = self._settings
        self._show(follow_up_rules(s), weekly_goal(s), silence_days(s), reminders_enabled(s),
                   reminder_minutes(s))

    def restore_defaults(self) -> None:
        from netdesk.core.dashboard import DEFAULT_SILENCE_DAYS, DEFAULT_WEEKLY_GOAL
        from netdesk.core.followups import DEFAULT_RULES

        self._show(DEFAULT_RULES, DEFAULT_WEEKLY_GOAL, DEFAULT_SILENCE_DAYS, True,
                   DEFAULT_REMINDER_MINUTES)
        self.privacy.restore_defaults()

    def rules(self) -> dict[str, tuple[int, str]]:
        from netdesk.core.followups import DEFAULT_RULES

        return {kind: (self.counts[kind].value(), self.units[kind].currentData())
                for kind in DEFAULT_RULES}

    def save(self) -> None:
        s = self._settings
        for kind, (count, unit) in self.rules().items():
            s.setValue(f"followups/{kind}/count", count)
            s.setValue(f"followups/{kind}/unit", unit)
        s.setValue("habit/weekly_goal", self.goal.value())
        s.setValue("habit/silence_days", self.silence.value())
        s.setValue("reminders/enabled", self.reminders.isChecked())
        s.setValue("reminders/minutes", self.interval.value())
        self.privacy.save()
        s.sync()

    def accept(self) -> None:
        if not self.privacy.check():
            self.tabs.setCurrentWidget(self.privacy)
            return
        self.save()
        super().accept()
        self.saved.emit()
        preferences_notifier().changed.emit()


class PrivacyPage(QWidget):
    """Preferences → Privacy: "Lock netdesk after N minutes idle" (off by default) and the
    lock passphrase, typed twice and kept only as a salted hash (``ui.shell.app_lock``)."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        from netdesk.ui.shell.app_lock import MAX_MINUTES, MINUTES_KEY, has_passphrase

        super().__init__(parent)
        self._settings = settings
        box = QGroupBox("App lock")
        form = QFormLayout(box)
        row = QHBoxLayout()
        self.lock = QCheckBox("&Lock netdesk after")
        self.lock.setAccessibleName("Lock netdesk when idle")
        self.minutes = QSpinBox()
        self.minutes.setRange(1, MAX_MINUTES)
        self.minutes.setSuffix(" minutes idle")
        self.minutes.setAccessibleName("Idle minutes before the lock")
        row.addWidget(self.lock)
        row.addWidget(self.minutes)
        row.addStretch(1)
        form.addRow(row)
        self.state = QLabel()
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        form.addRow(self.state)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Lock passphrase")
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setAccessibleName("Lock passphrase again")
        label = QLabel("Pa&ssphrase:")
        label.setBuddy(self.passphrase)
        form.addRow(label, self.passphrase)
        again_label = QLabel("&Again:")
        again_label.setBuddy(self.again)
        form.addRow(again_label, self.again)
        self.problem = QLabel()
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setObjectName("privacy_problem")
        self.problem.hide()
        form.addRow(self.problem)
        note = QLabel("While locked, every window hides its content and nothing is written. "
                      "The passphrase is kept only as a salted hash. The lock keeps onlookers "
                      "out of the open program; it does not encrypt the file (File → Encrypt "
                      "This Database… does), and a forgotten passphrase only means quitting "
                      "netdesk and starting it again. An encrypted file's own passphrase "
                      "unlocks too.")
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        form.addRow(note)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)
        self.lock.toggled.connect(self.minutes.setEnabled)
        minutes = _int(settings, MINUTES_KEY, 0, 0, MAX_MINUTES)
        self.lock.setChecked(bool(minutes))
        self.minutes.setValue(minutes or 15)
        self.minutes.setEnabled(bool(minutes))
        self._show_state(has_passphrase(settings))

    def _show_state(self, has_one: bool) -> None:
        self.state.setText("A lock passphrase is set; type a new one twice to change it."
                           if has_one else "Set a lock passphrase, typed twice, to use the "
                           "lock (View → Lock Now, or after the idle minutes).")

    def restore_defaults(self) -> None:
        self.lock.setChecked(False)
        self.minutes.setValue(15)

    def check(self) -> bool:
        """True when the page can be saved; otherwise the problem is shown under the fields."""
        from netdesk.ui.shell.app_lock import has_passphrase, passphrase_problem

        problem = None
        typed = self.passphrase.text() or self.again.text()
        if typed:
            problem = passphrase_problem(self.passphrase.text(), self.again.text())
        elif self.lock.isChecked() and not has_passphrase(self._settings):
            problem = "Set a lock passphrase (typed twice) before turning the lock on."
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        if problem:
            self.passphrase.setFocus()
        return problem is None

    def save(self) -> None:
        from netdesk.ui.shell.app_lock import MINUTES_KEY, set_passphrase

        if self.passphrase.text():
            set_passphrase(self.passphrase.text(), self._settings)
            self.passphrase.clear()
            self.again.clear()
            self._show_state(True)
        self._settings.setValue(MINUTES_KEY, self.minutes.value() if self.lock.isChecked()
                                else 0)
