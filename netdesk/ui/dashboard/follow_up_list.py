"""People → All Follow-ups…: every open follow-up, overdue to far ahead, with Done, Snooze
and Drop; filtered by text and by when it falls due, sorted by any column.

The same actions as the dashboard's (:class:`FollowUpActions`), so a follow-up done
here is logged, reschedules the next keep-in-touch and is announced the same way;
the list reads its query again on any change to follow-ups or people.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import (
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.changes import Changes
from netdesk.core.follow_up_list import WHEN, count_open, follow_up_rows
from netdesk.core.followups import DueItem
from netdesk.ui.common.actions import make_action
from netdesk.ui.common.changes import publisher
from netdesk.ui.common.plain_text import plain_label, tooltip
from netdesk.ui.common.query_table import TEXT_ROLES, QueryTableModel
from netdesk.ui.common.wording import agree, plural, short_date
from netdesk.ui.dashboard.follow_up_actions import FollowUpActions

COLUMNS = (("due", "Due"), ("person", "Person"), ("kind", "Follow-up"), ("note", "Note"))
LATE = QColor("#d64541")
RELOAD_DELAY_MS = 80
Today = Callable[[], datetime.date]


class FollowUpListModel(QueryTableModel):
    """Open follow-ups the filter lets through, in the chosen order, read in one query."""

    def __init__(self, today: Today, parent=None):
        super().__init__(COLUMNS, "due", parent=parent)
        self._today = today
        self.when: str | None = None
        self._shown_day = today()

    def read_rows(self, sort: str, descending: bool) -> list[DueItem]:
        self._shown_day = self._today()
        return follow_up_rows(self._shown_day, self.filter_text, self.when, sort, descending)

    def count_all(self) -> int:
        return count_open()

    def cell(self, row: DueItem | None, key: str, role: int):
        if row is None:
            return None
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


class FollowUpList(QDialog):
    """The window listing every open follow-up; it stays open beside the main window."""

    open_person_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None, today: Today = datetime.date.today):
        super().__init__(parent)
        self.setWindowTitle("All follow-ups")
        self.setModal(False)
        self.resize(820, 520)
        self.actions = FollowUpActions(self, today)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by person or note…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter follow-ups")
        self.when = QComboBox()
        self.when.setAccessibleName("When they fall due")
        self.when.addItem("All open follow-ups", None)
        for key, label in WHEN.items():
            self.when.addItem(label, key)
        self.model = FollowUpListModel(today, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Follow-ups")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column, width in enumerate((190, 180, 150)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.summary = plain_label()
        self.summary.setAccessibleName("How many follow-ups are shown")
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
        for button in (self.done_button, self.snooze_button, self.drop_button,
                       self.person_button):
            button.setAutoDefault(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.when)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        for button in (self.done_button, self.snooze_button, self.drop_button,
                       self.person_button):
            bottom.addWidget(button)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self.filter.textChanged.connect(self._reload_timer.start)
        self.filter.returnPressed.connect(self.reload)
        self.when.currentIndexChanged.connect(self.reload)
        self.table.activated.connect(lambda _index: self._open_person())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        publisher().changed.connect(self._changed)
        self.reload()

    # Public --------------------------------------------------------------------------------

    def selected(self) -> DueItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_follow_up(self, follow_up_id: int | None) -> bool:
        row = self.model.row_of(follow_up_id) if follow_up_id is not None else None
        if row is None:
            self.table.clearSelection()
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def reload(self) -> None:
        """Read the list again with the filter as it is now; keep the selection (or the row
        where it was, when the selected follow-up has just been closed)."""
        self._reload_timer.stop()
        item = self.selected()
        position = self.table.selectionModel().selectedRows()
        position = position[0].row() if position else 0
        self.model.filter_text = self.filter.text()
        self.model.when = self.when.currentData()
        self.model.reload()
        if not self.select_follow_up(item.id if item else None) and self.model.rowCount():
            self.table.selectRow(min(position, self.model.rowCount() - 1))
        shown, total = self.model.rowCount(), self.model.total
        if total == 0:
            self.summary.setText("No follow-ups open. Every thread is followed up.")
        elif shown == total:
            self.summary.setText(f"{plural(total, 'open follow-up')}")
        else:
            self.summary.setText(f"{plural(shown, 'follow-up')} of {total} "
                                 f"{agree(shown, 'matches', 'match')}")
        self._update_buttons()

    # Private -------------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        item = self.selected()
        for button in (self.done_button, self.snooze_button, self.drop_button,
                       self.person_button):
            button.setEnabled(item is not None)
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

    def _changed(self, changes: Changes, _initiator=None) -> None:
        if changes.everything or changes.follow_ups or changes.people_removed \
                or changes.people_moved or changes.interactions:
            self._reload_timer.start()


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
