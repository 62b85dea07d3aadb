"""People → All Follow-ups…: every open follow-up, overdue to far ahead, with Done, Snooze
and Drop; filtered by text and by when it falls due, sorted by any column.

The same actions as the dashboard's (:class:`FollowUpActions`), so a follow-up done
here is logged, reschedules the next keep-in-touch and is announced the same way;
the list reads its query again on any change to follow-ups or people.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import QHeaderView, QPushButton, QWidget

from netdesk.core.changes import Changes
from netdesk.core.follow_up_list import WHEN, count_open, follow_up_rows
from netdesk.core.followups import DueItem
from netdesk.ui.common.actions import make_action
from netdesk.ui.common.avatar import avatar_pixmap
from netdesk.ui.common.empty_state import attach_empty_state
from netdesk.ui.common.plain_text import tooltip
from netdesk.ui.common.query_list import QueryListDialog
from netdesk.ui.common.query_table import TEXT_ROLES, QueryTableModel
from netdesk.ui.common.wording import agree, plural, short_date
from netdesk.ui.dashboard.follow_up_actions import FollowUpActions

COLUMNS = (("due", "Due"), ("person", "Person"), ("kind", "Follow-up"), ("note", "Note"))
LATE = QColor("#d64541")
Today = Callable[[], datetime.date]


class FollowUpListModel(QueryTableModel):
    """Open follow-ups the filter lets through, in the chosen order, read in one query."""

    def __init__(self, today: Today, parent=None):
        super().__init__(COLUMNS, "due", parent=parent)
        self._today = today
        self.when: str | None = None
        self._shown_day = today()
        self.avatar_size = 16  # the list sets both from its font and screen
        self.device_pixel_ratio = 1.0

    def read_rows(self, sort: str, descending: bool) -> list[DueItem]:
        self._shown_day = self._today()
        return follow_up_rows(self._shown_day, self.filter_text, self.when, sort, descending)

    def count_all(self) -> int:
        return count_open()

    def cell(self, row: DueItem | None, key: str, role: int):
        if row is None:
            return None
        if role == Qt.ItemDataRole.DecorationRole and key == "person":
            return avatar_pixmap(row.person_name, row.person_id, self.avatar_size,
                                 device_pixel_ratio=self.device_pixel_ratio)
        if role == Qt.ItemDataRole.ForegroundRole and key == "due" \
                and row.due_on < self._shown_day:
            return QBrush(LATE)
        if role not in TEXT_ROLES:
            return None
        text = self._text(row, key)
        return tooltip(text) if role == Qt.ItemDataRole.ToolTipRole else text

    def _text(self, row: DueItem, key: str) -> str:
        if key == "due":
            days = (row.due_on - self._shown_day).days
            when = short_date(row.due_on, weekday=True, today=self._shown_day)
            if days < 0:
                return f"{when} ({plural(-days, 'day')} late)"
            return f"{when} (today)" if days == 0 else when
        if key == "person":
            return row.person_name
        if key == "kind":
            return row.label
        return row.note.replace("\n", " ")


class FollowUpList(QueryListDialog):
    """The window listing every open follow-up; it stays open beside the main window."""

    KEEP_POSITION = True  # a follow-up just closed leaves its place to the next one
    open_person_requested = Signal(int)
    select_follow_up = QueryListDialog.select_id

    def __init__(self, parent: QWidget | None = None, today: Today = datetime.date.today):
        super().__init__(parent, lambda owner: FollowUpListModel(today, owner),
                         title="All follow-ups", size=(820, 520),
                         filter_hint="Filter by person or note…",
                         filter_name="Filter follow-ups", table_name="Follow-ups",
                         summary_name="How many follow-ups are shown")
        self.actions = FollowUpActions(self, today)
        self.model.avatar_size = self.table.fontMetrics().height()
        self.model.device_pixel_ratio = self.devicePixelRatioF()
        self.when = self.choice_box("When they fall due", "All open follow-ups", WHEN)
        header = self.table.horizontalHeader()
        for column, width in enumerate((190, 180, 150)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.done_button = QPushButton("&Done")
        self.done_button.setToolTip("Mark done (and schedule the next keep-in-touch)")
        self.snooze_button = QPushButton("&Snooze")
        self.snooze_button.setToolTip("Bring it back later")
        self.drop_button = QPushButton("D&rop")
        self.drop_button.setToolTip("Close it without doing it (kept in the record)")
        self.person_button = QPushButton("Open &Person")
        self.done_button.clicked.connect(lambda: self._act(self.actions.done))
        self.drop_button.clicked.connect(lambda: self._act(self.actions.drop))
        self.person_button.clicked.connect(self._open_person)
        self.table.activated.connect(lambda _index: self._open_person())
        self.finish(self.when, (self.done_button, self.snooze_button, self.drop_button,
                                self.person_button))
        self.empty = attach_empty_state(self.table, self._show_all)
        self.model.modelReset.connect(self._show_empty_state)
        self._show_empty_state()

    # For the base --------------------------------------------------------------------------

    def apply_choice(self, choice: str | None) -> None:
        self.model.when = choice

    def summary_text(self, shown: int, total: int) -> str:
        if total == 0:
            return "No follow-ups open. Every thread is followed up."
        if shown == total:
            return f"{plural(total, 'open follow-up')}"
        return f"{plural(shown, 'follow-up')} of {total} {agree(shown, 'matches', 'match')}"

    def wants(self, changes: Changes) -> bool:
        return bool(changes.everything or changes.follow_ups or changes.people_removed
                    or changes.people_moved or changes.interactions)

    # Private -------------------------------------------------------------------------------

    def _show_empty_state(self) -> None:
        text, when = self.model.filter_text.strip(), self.when.currentData()
        if self.model.rowCount():
            self.empty.show_empty(False)
        elif self.model.total == 0:
            self.empty.show_empty(
                True, "Nothing to follow up",
                "When you reach out to someone or meet them, netdesk reminds you here to check "
                "for a reply, say thank you and keep in touch.")
        else:
            choice = f"“{self.when.currentText()}”" if when is not None else ""
            self.empty.show_empty(
                True, (f"No follow-up matches “{text}”" + (f" in {choice}" if choice else "")
                       if text else f"No follow-ups in {choice}"),
                "The others are in the full list.", "Show All Follow-ups")

    def _show_all(self) -> None:
        self.filter.clear()
        self.when.setCurrentIndex(0)
        self.reload()
        self.filter.setFocus()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        item = self.selected()
        old = self.snooze_button.menu()
        self.snooze_button.setMenu(
            self.actions.snooze_menu(item.id, self.snooze_button) if item else None)
        if old is not None:
            old.deleteLater()

    def _act(self, action: Callable[[int], bool]) -> None:
        item = self.selected()
        if item is not None:
            action(item.id)

    def _open_person(self) -> None:
        item = self.selected()
        if item is not None:
            self.open_person_requested.emit(item.person_id)


def follow_up_list_action(window: QWidget, open_person: Callable[[int], None]) -> QAction:
    """People → All Follow-ups…: one list window for ``window``, raised when already open."""
    opened: list[FollowUpList] = []

    def show() -> FollowUpList:
        if not opened:
            opened.append(FollowUpList(window))
            opened[0].open_person_requested.connect(open_person)
        dialog = opened[0]
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    action = make_action(window, "All &Follow-ups…", show, None,
                         "Every open follow-up, overdue to far ahead: do, snooze or drop one")
    action.opened = opened  # for tests: the one list, once shown
    return action
