"""The main window's actions for the networking habit, made once and shared by menus:
Edit → Preferences…, File → Export Calendar…, People → Record a No…, and the reminders."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from netdesk.ui.common.actions import make_action
from netdesk.ui.dashboard.reminders import Reminders
from netdesk.ui.transfer.calendar_export import CalendarExport

if TYPE_CHECKING:
    from netdesk.ui.dashboard.preferences_dialog import PreferencesDialog
    from netdesk.ui.people.decline_dialog import DeclineDialog


class HabitActions(QObject):
    """Create with the main window; put the actions in its menus; call :meth:`start`."""

    open_person_requested = Signal(int)
    status_message = Signal(str)
    show_dashboard_requested = Signal()

    def __init__(self, window: QWidget, *,
                 today: Callable[[], datetime.date] = datetime.date.today,
                 use_tray: bool | None = None):
        super().__init__(window)
        self._window = window
        self._today = today
        self._person_id: int | None = None

        self.preferences_action = make_action(
            window, "Prefere&nces…", self.open_preferences, QKeySequence.StandardKey.Preferences,
            "Follow-up defaults, the weekly goal and reminders")
        if self.preferences_action.shortcut().isEmpty():
            self.preferences_action.setShortcut(QKeySequence("Ctrl+,"))
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)

        self.calendar = CalendarExport(window)
        self.export_calendar_action = self.calendar.action
        self.calendar.finished.connect(self.status_message)

        self.record_no_action = make_action(
            window, "&Record a No…", self.record_no, "Ctrl+Shift+N",
            "They said no or never replied: close the thread kindly and see who to ask next")
        self.record_no_action.setEnabled(False)

        self.reminders = Reminders(self, today=today, use_tray=use_tray)
        self.reminders.status_message.connect(self.status_message)
        self.reminders.show_requested.connect(self.show_dashboard_requested)

    def actions(self) -> list[QAction]:
        return [self.preferences_action, self.export_calendar_action, self.record_no_action]

    def set_current_person(self, person_id: int | None) -> None:
        """Tell which person is selected (enables People → Record a No…)."""
        self._person_id = person_id
        self.record_no_action.setEnabled(person_id is not None)

    def start(self) -> None:
        """Start the reminders (after the window is shown and the database is open)."""
        self.reminders.start()

    def open_preferences(self) -> PreferencesDialog:
        from netdesk.ui.dashboard.preferences_dialog import PreferencesDialog
        from netdesk.ui.method.method_settings import add_method_page

        dialog = PreferencesDialog(self._window)
        add_method_page(dialog)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def record_no(self, person_id: int | None = None) -> DeclineDialog | None:
        from netdesk.ui.people.decline_dialog import DeclineDialog

        person_id = person_id if person_id is not None else self._person_id
        if person_id is None:
            return None
        dialog = DeclineDialog(person_id, self._window, today=self._today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_person_requested.connect(self.open_person_requested)
        dialog.open()
        return dialog
