"""Reminders while netdesk runs: a timer notices follow-ups that become due and says so,
in the system tray when there is one, else through a status-bar message."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from netdesk.ui.dashboard.preferences_dialog import (
    preferences_notifier,
    reminder_minutes,
    reminders_enabled,
)


class Reminders(QObject):
    """Checks every few minutes (Preferences) for follow-ups that have become due.

    Follow-ups already due when :meth:`start` runs are shown by the dashboard and
    are not announced again; later ones (a new day, a snooze running out, one
    added for today) are announced once each.
    """

    status_message = Signal(str)
    """Text for the status bar; always emitted when something becomes due."""
    became_due = Signal(list)
    """Ids of the follow-ups that have just become due."""
    show_requested = Signal()
    """The user clicked the tray message: show the dashboard."""

    def __init__(self, parent: QObject | None = None, *,
                 today: Callable[[], datetime.date] = datetime.date.today,
                 tray_icon: QSystemTrayIcon | None = None,
                 use_tray: bool | None = None):
        super().__init__(parent)
        self._today = today
        self._seen: set[int] = set()
        self._started = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self._apply_interval()
        if use_tray is None:
            use_tray = QSystemTrayIcon.isSystemTrayAvailable()
        self.tray = tray_icon
        if self.tray is None and use_tray:
            icon = QApplication.windowIcon() if QApplication.instance() else QIcon()
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip("netdesk")
        if self.tray is not None:
            self.tray.messageClicked.connect(self.show_requested)
            self.tray.activated.connect(lambda _reason: self.show_requested.emit())
        preferences_notifier().changed.connect(self._apply_interval)

    def _apply_interval(self) -> None:
        self.timer.setInterval(reminder_minutes() * 60_000)

    def _due_ids(self) -> set[int]:
        from netdesk.db.models import FollowUp

        query = (FollowUp.select(FollowUp.id)
                 .where(FollowUp.status == "open", FollowUp.due_on <= self._today())
                 .tuples())
        return {row[0] for row in query}

    def start(self) -> None:
        """Remember what is already due, then check on the timer."""
        self._seen = self._due_ids()
        self._started = True
        if self.tray is not None and not self.tray.isVisible():
            self.tray.show()
        self.timer.start()
        if self._seen:
            n = len(self._seen)
            self.status_message.emit(
                f"{n} follow-up{'s are' if n != 1 else ' is'} due - see the dashboard.")

    def stop(self) -> None:
        self.timer.stop()
        if self.tray is not None:
            self.tray.hide()

    def check(self) -> list[int]:
        """Announce follow-ups that became due since the last check; return their ids."""
        if not self._started:
            self.start()
            return []
        due = self._due_ids()
        new = sorted(due - self._seen)
        self._seen = due
        if not new or not reminders_enabled():
            return []
        from netdesk.core import followups

        items = [i for i in followups.due_by(self._today()) if i.id in set(new)]
        if len(items) == 1:
            text = f"{items[0].label}: {items[0].person_name}"
        else:
            text = f"{len(items)} follow-ups are now due, e.g. {items[0].label.lower()} " \
                   f"({items[0].person_name})"
        if self.tray is not None and self.tray.isVisible() and self.tray.supportsMessages():
            self.tray.showMessage("netdesk: follow-up due", text,
                                  QSystemTrayIcon.MessageIcon.Information, 15_000)
        self.status_message.emit(f"Due now - {text}")
        self.became_due.emit(new)
        return new
