"""Done, snooze and drop on one follow-up, shared by the dashboard and the person's timeline."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QMenu,
    QToolButton,
    QWidget,
)

from netdesk.core.changes import Changes
from netdesk.ui.common.changes import publish
from netdesk.ui.common.plain_messages import warn
from netdesk.ui.common.screen import fit_to_screen
from netdesk.ui.common.wording import date_field_format
from netdesk.ui.dashboard.preferences_dialog import follow_up_rules

SNOOZES = (("&Tomorrow", 1), ("In &3 days", 3), ("Next &week", 7), ("In a &month", 30))
Today = Callable[[], datetime.date]


def to_qdate(day: datetime.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> datetime.date:
    return datetime.date(day.year(), day.month(), day.day())


class SnoozeDialog(QDialog):
    """Pick the date a follow-up should come back on."""

    def __init__(self, parent: QWidget | None, today: datetime.date, current: datetime.date):
        super().__init__(parent)
        self.setWindowTitle("Snooze until")
        self.date_edit = QDateEdit(to_qdate(max(today, current) + datetime.timedelta(days=7)))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumDate(to_qdate(today + datetime.timedelta(days=1)))
        self.date_edit.setDisplayFormat(date_field_format(weekday=True))
        self.date_edit.setAccessibleName("Snooze until")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Snooze &until:", self.date_edit)
        form.addRow(buttons)
        fit_to_screen(self)

    def date(self) -> datetime.date:
        return from_qdate(self.date_edit.date())


class FollowUpActions(QObject):
    """Performs the actions for a widget, reports refusals, and announces changes."""

    changed = Signal(int)
    """A follow-up (by id) was done, snoozed or dropped."""

    def __init__(self, parent: QWidget, today: Today = datetime.date.today):
        super().__init__(parent)
        self._widget = parent
        self._today = today

    def _run(self, follow_up_id: int, action: Callable[[], Changes]) -> bool:
        from netdesk.core.followups import FollowUpError

        try:
            changes = action()
        except FollowUpError as error:
            warn(self._widget, "Follow-up", str(error))
            return False
        publish(changes, self._widget)
        self.changed.emit(follow_up_id)
        return True

    def done(self, follow_up_id: int) -> bool:
        from netdesk.core import followups

        return self._run(follow_up_id, lambda: followups.mark_done(
            follow_up_id, self._today(), rules=follow_up_rules()))

    def drop(self, follow_up_id: int) -> bool:
        from netdesk.core import followups

        return self._run(follow_up_id, lambda: followups.drop(follow_up_id, self._today()))

    def snooze_days(self, follow_up_id: int, days: int) -> bool:
        from netdesk.core import followups

        return self._run(follow_up_id, lambda: followups.snooze_days(
            follow_up_id, days, self._today()))

    def snooze_until(self, follow_up_id: int, until: datetime.date) -> bool:
        from netdesk.core import followups

        return self._run(follow_up_id, lambda: followups.snooze(
            follow_up_id, until, self._today()))

    def pick_snooze_date(self, follow_up_id: int) -> SnoozeDialog | None:
        from netdesk.db.models import FollowUp

        row = FollowUp.get_or_none(FollowUp.id == follow_up_id)
        if row is None:
            return None
        dialog = SnoozeDialog(self._widget, self._today(), row.due_on)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.snooze_until(follow_up_id, dialog.date()))
        dialog.open()
        return dialog

    def snooze_menu(self, follow_up_id: int, parent: QWidget) -> QMenu:
        menu = QMenu(parent)
        for text, days in SNOOZES:
            action = menu.addAction(text)
            action.setStatusTip(f"Bring this follow-up back in {days} day(s)")
            action.triggered.connect(
                lambda _=False, d=days: self.snooze_days(follow_up_id, d))
        menu.addSeparator()
        pick = menu.addAction("&Pick a date…")
        pick.setStatusTip("Choose the day this follow-up comes back")
        pick.triggered.connect(lambda: self.pick_snooze_date(follow_up_id))
        return menu

    def buttons(self, follow_up_id: int, label: str) -> QWidget:
        """A row of Done / Snooze / Drop buttons for one follow-up."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        done = QToolButton()
        done.setText("Done")
        done.setToolTip("Mark done (and schedule the next keep-in-touch)")
        done.setAccessibleName(f"Done: {label}")
        done.clicked.connect(lambda: self.done(follow_up_id))
        snooze = QToolButton()
        snooze.setText("Snooze")
        snooze.setToolTip("Bring it back later")
        snooze.setAccessibleName(f"Snooze: {label}")
        snooze.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        snooze.setMenu(self.snooze_menu(follow_up_id, snooze))
        drop = QToolButton()
        drop.setText("Drop")
        drop.setToolTip("Close it without doing it (kept in the record)")
        drop.setAccessibleName(f"Drop: {label}")
        drop.clicked.connect(lambda: self.drop(follow_up_id))
        for button in (done, snooze, drop):
            button.setObjectName(button.text().lower())
            row.addWidget(button)
        return box

