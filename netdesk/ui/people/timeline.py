"""The person editor's timeline: dated entries newest first, a two-keystroke quick entry
(Ctrl+L, Enter), and that person's follow-ups with done, snooze and drop."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import followups, timeline
from netdesk.core.changes import Changes
from netdesk.core.followups import FOLLOW_UP_KINDS, FollowUpError
from netdesk.core.vocabulary import FOLLOW_UP_LABELS, INTERACTION_LABELS
from netdesk.db.models import Interaction, Interview
from netdesk.ui.common.changes import publish, publisher
from netdesk.ui.common.empty_state import EmptyStateStack
from netdesk.ui.common.plain_messages import ask_yes
from netdesk.ui.common.plain_text import note_label, tooltip
from netdesk.ui.common.theme import set_themed_style
from netdesk.ui.common.wording import date_field_format, short_date
from netdesk.ui.dashboard.follow_up_actions import FollowUpActions, from_qdate, to_qdate
from netdesk.ui.dashboard.preferences_dialog import follow_up_rules

ID_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex
NO_PARENT = QModelIndex()


class TimelineModel(QAbstractTableModel):
    """One person's interactions, newest first: date, kind, what happened."""

    HEADERS = ("Date", "Kind", "What happened")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[Interaction] = []
        self._person_id: int | None = None

    def set_person(self, person_id: int | None) -> None:
        self.beginResetModel()
        self._person_id = person_id
        self._rows = timeline.entries(person_id) if person_id is not None else []
        self.endResetModel()

    def reload(self) -> None:
        self.set_person(self._person_id)

    def rowCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return short_date(row.occurred_on, year=True)
            if column == 1:
                return INTERACTION_LABELS.get(row.kind, row.kind)
            return row.summary.replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole and column == 2 and row.summary:
            return tooltip(row.summary)
        if role == ID_ROLE:
            return row.id
        return None

    def entry_id(self, row: int) -> int:
        return self._rows[row].id


class _KindKeys(QObject):
    """Up and Down in the quick-entry line choose the kind without leaving the line."""

    def __init__(self, combo: QComboBox, parent: QObject):
        super().__init__(parent)
        self._combo = combo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Up,
                                                                    Qt.Key.Key_Down):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            count = self._combo.count()
            self._combo.setCurrentIndex((self._combo.currentIndex() + step) % count)
            return True
        return False


class TimelineWidget(QWidget):
    """Timeline and follow-ups of one person; call :meth:`set_person` to switch.

    ``add_entry_action`` is the "Add to Timeline" action when its owner (the main window)
    made it, triggering :meth:`focus_entry` itself; else the widget makes its own.
    """

    entry_added = Signal(int)
    decline_requested = Signal(int)
    """The user chose "A no" in the quick entry: open the "Record a no" dialog for this person."""

    def __init__(self, person_id: int | None = None, parent: QWidget | None = None,
                 today: Callable[[], datetime.date] = datetime.date.today, *,
                 add_entry_action: QAction | None = None):
        super().__init__(parent)
        self.setAccessibleName("Timeline")
        self._today = today
        self.add_entry_action = add_entry_action
        self._person_id: int | None = None
        self.actions = FollowUpActions(self, today)
        self._build()
        publisher().changed.connect(self.apply_changes)
        self.set_person(person_id)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName("Kind of entry")
        self.kind_combo.setToolTip("Kind of entry (Up/Down in the text field change it)")
        for kind in timeline.KIND_ORDER:
            self.kind_combo.addItem(INTERACTION_LABELS[kind], kind)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(date_field_format())
        self.date_edit.setAccessibleName("Entry date")
        self.entry_line = QLineEdit()
        self.entry_line.setAccessibleName("What happened")
        self.entry_line.setPlaceholderText("What happened?")
        self.entry_line.setToolTip(
            "Ctrl+L jumps here, Enter adds the entry, Up and Down change its kind")
        self.entry_line.installEventFilter(_KindKeys(self.kind_combo, self))
        self.entry_line.returnPressed.connect(self.add_entry)
        self.add_button = QPushButton("&Add")
        self.add_button.setAccessibleName("Add entry")
        self.add_button.setToolTip("Add this entry to the timeline (Enter)")
        self.add_button.clicked.connect(self.add_entry)
        self.entry_message = note_label()
        self.entry_message.hide()

        if self.add_entry_action is None:
            self.add_entry_action = QAction("Add to &Timeline", self)
            self.add_entry_action.setShortcut(QKeySequence("Ctrl+L"))
            self.add_entry_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.add_entry_action.setStatusTip(
                "Log a message, reply, meeting or other contact with this person")
            self.add_entry_action.triggered.connect(self.focus_entry)
            self.addAction(self.add_entry_action)

        self.model = TimelineModel(self)
        self.view = QTreeView()
        self.view.setAccessibleName("Timeline entries")
        self.view.setModel(self.model)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.view.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.delete_action = QAction("&Delete Entry", self.view)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.setStatusTip("Remove the selected timeline entries")
        self.delete_action.triggered.connect(self.delete_selected)
        self.view.addAction(self.delete_action)
        self.entries = EmptyStateStack(self.view)
        self.empty_label = self.entries.empty
        self.empty_label.action_requested.connect(self.focus_entry)

        entry_row = QHBoxLayout()
        entry_row.addWidget(self.kind_combo)
        entry_row.addWidget(self.date_edit)
        entry_row.addWidget(self.entry_line, 1)
        entry_row.addWidget(self.add_button)

        self.follow_up_box = QGroupBox("Follow-ups")
        self.follow_up_tree = QTreeWidget()
        self.follow_up_tree.setAccessibleName("Follow-ups of this person")
        self.follow_up_tree.setHeaderLabels(["Due", "Follow-up", ""])
        self.follow_up_tree.setRootIsDecorated(False)
        self.follow_up_tree.setUniformRowHeights(True)
        fheader = self.follow_up_tree.header()
        fheader.setStretchLastSection(False)
        fheader.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        fheader.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        fheader.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.follow_up_empty = QLabel("No open follow-ups. Add one below to be reminded in time.")
        self.follow_up_empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.new_kind = QComboBox()
        self.new_kind.setAccessibleName("New follow-up kind")
        for kind in FOLLOW_UP_KINDS:
            self.new_kind.addItem(FOLLOW_UP_LABELS[kind], kind)
        self.new_date = QDateEdit()
        self.new_date.setCalendarPopup(True)
        self.new_date.setDisplayFormat(date_field_format())
        self.new_date.setAccessibleName("New follow-up due date")
        self.new_interview = QComboBox()
        self.new_interview.setAccessibleName("Interview it follows")
        self.new_kind.currentIndexChanged.connect(self._suggest_due_date)
        self.new_interview.currentIndexChanged.connect(self._suggest_due_date)
        self.new_button = QPushButton("Add &Follow-up")
        self.new_button.setAccessibleName("Add follow-up")
        self.new_button.clicked.connect(self.add_follow_up)
        self.follow_up_message = note_label()
        self.follow_up_message.hide()
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_kind, 1)
        new_row.addWidget(self.new_date)
        new_row.addWidget(self.new_button)
        box_layout = QVBoxLayout(self.follow_up_box)
        box_layout.addWidget(self.follow_up_tree)
        box_layout.addWidget(self.follow_up_empty)
        box_layout.addLayout(new_row)
        box_layout.addWidget(self.new_interview)
        box_layout.addWidget(self.follow_up_message)

        layout = QVBoxLayout(self)
        layout.addLayout(entry_row)
        layout.addWidget(self.entry_message)
        layout.addWidget(self.entries, 1)
        layout.addWidget(self.follow_up_box)

    # -- showing --------------------------------------------------------------------------

    def person_id(self) -> int | None:
        return self._person_id

    def apply_changes(self, changes: Changes, _initiator=None) -> None:
        if changes.everything:
            self._forget_person()
            return
        if self._person_id is not None and changes.touches_person(self._person_id):
            self._person_changed(self._person_id)
        elif changes.follow_ups or changes.interviews:
            self._reload_follow_ups()

    def _forget_person(self) -> None:
        self.set_person(None)

    def set_person(self, person_id: int | None) -> None:
        self._person_id = person_id
        for widget in (self.kind_combo, self.date_edit, self.entry_line, self.add_button,
                       self.follow_up_box):
            widget.setEnabled(person_id is not None)
        self.add_entry_action.setEnabled(person_id is not None)
        self.entry_message.hide()
        self.follow_up_message.hide()
        today = to_qdate(self._today())
        self.date_edit.setMaximumDate(today)
        self.date_edit.setDate(today)
        self._reload_entries()
        self._reload_follow_ups()

    def _person_changed(self, person_id: int) -> None:
        if person_id == self._person_id:
            self._reload_entries()
            self._reload_follow_ups()

    def _reload_entries(self) -> None:
        self.model.set_person(self._person_id)
        empty = self.model.rowCount() == 0
        self.entries.show_empty(
            empty and self._person_id is not None, "Nothing logged yet",
            "Note each message, reply and meeting here, so you always know where things "
            "stand. Ctrl+L, then Enter, logs a message sent today.", "Log an Entry")

    def _reload_follow_ups(self) -> None:
        tree = self.follow_up_tree
        tree.clear()
        rows = followups.for_person(self._person_id) if self._person_id is not None else []
        today = self._today()
        for row in rows:
            when = short_date(row.due_on, year=True)
            if row.due_on < today:
                when += " (late)"
            elif row.due_on == today:
                when += " (today)"
            label = FOLLOW_UP_LABELS.get(row.kind, row.kind)
            item = QTreeWidgetItem([when, label + (f" - {row.note}" if row.note else ""), ""])
            item.setData(0, ID_ROLE, row.id)
            tree.addTopLevelItem(item)
            tree.setItemWidget(item, 2, self.actions.buttons(row.id, label))
        tree.setVisible(bool(rows))
        self.follow_up_empty.setVisible(not rows)
        if rows:
            height = tree.header().sizeHint().height() + 2 * tree.frameWidth() + 2
            height += sum(tree.visualItemRect(tree.topLevelItem(i)).height() or 26
                          for i in range(min(len(rows), 5)))
            tree.setFixedHeight(height)
        self._fill_interviews()

    def _fill_interviews(self) -> None:
        current = self.new_interview.currentData()
        self.new_interview.blockSignals(True)
        self.new_interview.clear()
        self.new_interview.addItem("Not about an interview", None)
        if self._person_id is not None:
            for interview in (Interview.select()
                              .where(Interview.person == self._person_id)
                              .order_by(Interview.scheduled_at.desc(nulls="FIRST"))):
                when = (short_date(interview.scheduled_at, year=True) if interview.scheduled_at
                        else "not scheduled")
                self.new_interview.addItem(f"After the interview of {when}", interview.id)
        index = self.new_interview.findData(current)
        self.new_interview.setCurrentIndex(max(0, index))
        self.new_interview.setVisible(self.new_interview.count() > 1)
        self.new_interview.blockSignals(False)
        self._suggest_due_date()

    def _suggest_due_date(self) -> None:
        """Propose the due date the rules give, from the interview's date or from today."""
        start = self._today()
        interview_id = self.new_interview.currentData()
        if interview_id is not None:
            interview = Interview.get_or_none(Interview.id == interview_id)
            if interview is not None and interview.scheduled_at is not None:
                start = interview.scheduled_at.date()
        kind = self.new_kind.currentData()
        if kind:
            self.new_date.setDate(to_qdate(followups.due_date(kind, start, follow_up_rules())))

    # -- actions --------------------------------------------------------------------------

    def focus_entry(self) -> None:
        if self._person_id is None:
            return
        self.entry_line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.entry_line.selectAll()

    def _say(self, label: QLabel, text: str, error: bool) -> None:
        label.setText(text)
        set_themed_style(label, "color: {error};" if error else "")
        label.setVisible(bool(text))

    def add_entry(self) -> None:
        if self._person_id is None:
            return
        kind = self.kind_combo.currentData()
        if kind == "declined":
            self.decline_requested.emit(self._person_id)
            return
        try:
            logged = timeline.log(
                self._person_id, kind, from_qdate(self.date_edit.date()),
                self.entry_line.text(), self._today(), rules=follow_up_rules())
        except FollowUpError as error:
            self._say(self.entry_message, str(error), error=True)
            return
        self.entry_line.clear()
        self.date_edit.setDate(to_qdate(self._today()))
        notes = []
        if logged.follow_up is not None:
            due = short_date(logged.follow_up.due_on, weekday=True)
            notes.append(f"Reply check set for {due}.")
        if logged.closed_reply_checks:
            notes.append("Reply check done.")
        self._say(self.entry_message, " ".join(notes), error=False)
        publish(logged.changes, self)
        self._reload_entries()
        self.view.setCurrentIndex(self.model.index(0, 0))
        self.entry_added.emit(logged.interaction.id)

    def add_follow_up(self) -> None:
        if self._person_id is None:
            return
        try:
            changes = followups.create(self._person_id, self.new_kind.currentData(),
                                       from_qdate(self.new_date.date()),
                                       interview_id=self.new_interview.currentData())
        except FollowUpError as error:
            self._say(self.follow_up_message, str(error), error=True)
            return
        self.follow_up_message.hide()
        publish(changes, self)

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        if not rows or self._person_id is None:
            return
        noun = "entry" if len(rows) == 1 else f"{len(rows)} entries"
        if not ask_yes(
            self, "Delete from the timeline",
            f"Delete the selected {noun} from the timeline? This cannot be undone.",
            default_no=True):
            return
        publish(timeline.remove([self.model.entry_id(r) for r in rows]), self)
