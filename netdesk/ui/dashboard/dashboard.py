"""The home view: what is due, upcoming interviews, people gone quiet, the weekly habit,
coverage of career fields by work setting, and reciprocity. Every item leads to its record.

Each section is a card (:mod:`netdesk.ui.dashboard.card`) with its title and a count;
an empty one says what will appear there and offers the one step that starts it off.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core.vocabulary import SECTOR_LABELS
from netdesk.ui.common import theme
from netdesk.ui.common.changes import publisher
from netdesk.ui.common.plain_text import tooltip
from netdesk.ui.common.wording import long_date, plural, short_date
from netdesk.ui.dashboard.follow_up_actions import FollowUpActions
from netdesk.ui.dashboard.preferences_dialog import preferences_notifier, silence_days, weekly_goal

if TYPE_CHECKING:  # netdesk.core.dashboard (the queries) is imported when the figures are
    from netdesk.core import dashboard  # first read, after the window's first paint
    from netdesk.ui.dashboard.card import Card

ID_ROLE = Qt.ItemDataRole.UserRole
MODE_WORDS = {"in_person": "in person", "phone": "phone", "video": "video"}
TWO_COLUMNS_FROM = 1020  # pixels; narrower dashboards stack their sections
SECTORS = [key for key in SECTOR_LABELS if key]  # the stored words, in their order
COVERAGE_COLUMNS = ["Career field"] + [SECTOR_LABELS[s] for s in SECTORS] + ["Unknown"]
SECTOR_KEYS = SECTORS + [""]  # one per count column; "" = work setting unknown


def _plain(text: str = "", *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def _muted(text: str = "") -> QLabel:
    label = _plain(text, wrap=True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def _fit_height(view: QAbstractItemView, rows: int, most: int = 8) -> None:
    """Size a short list to its rows (up to ``most``) so the page, not the list, scrolls."""
    row_height = view.sizeHintForRow(0) if rows else view.fontMetrics().height() + 6
    if isinstance(view, QTableWidget) and rows:
        view.resizeRowsToContents()
        row_height = max(view.rowHeight(r) for r in range(rows))
    header = 0
    if isinstance(view, QTreeWidget) and not view.isHeaderHidden():
        header = view.header().sizeHint().height()
    if isinstance(view, QTableWidget):
        header = view.horizontalHeader().sizeHint().height()
    view.setFixedHeight(header + max(1, min(rows, most)) * max(row_height, 1)
                        + 2 * view.frameWidth() + 2)


def _when(day: datetime.date, today: datetime.date) -> str:
    delta = (day - today).days
    if delta == 0:
        return "today"
    if delta == -1:
        return "yesterday"
    if delta < 0:
        return f"{-delta} days late"
    return short_date(day, weekday=True, today=today)


class _Relay(QObject):
    """Hands a snapshot read in a worker thread to the widget's thread."""

    read = Signal(int, object)


class DashboardWidget(QWidget):
    """The window's home view. Clicking an item asks the window to open its record; an
    empty section's button asks it to start that section off (plan an interview, add
    career fields, set the weekly goal, list every follow-up).

    The first fill waits for the first paint (the window shows at once, the
    figures a moment later); until then only the title shows. ``loaded`` is
    emitted after every fill. With ``read_in_background`` (the main window of a
    real start sets it) the figures are read in a thread of their own, through its
    own connection, so the window never waits for the queries; only showing them
    takes the window's time. :meth:`reload` always reads at once. With
    ``waits_for_storage`` (a window that paints before its file is open) the first fill
    waits for :meth:`storage_opened`. With ``sections_later`` (a window's first frame shows
    only the title) the sections, hidden until the first fill, are built at the first
    refresh instead of here.
    """

    open_person_requested = Signal(int)
    open_interview_requested = Signal(int)
    plan_interview_requested = Signal()
    career_fields_requested = Signal()
    preferences_requested = Signal()
    follow_ups_requested = Signal()
    loaded = Signal()

    def __init__(self, parent: QWidget | None = None,
                 today: Callable[[], datetime.date] = datetime.date.today, *,
                 sections_later: bool = False):
        super().__init__(parent)
        self.setAccessibleName("Dashboard")
        self._today = today
        self._dirty = True
        self._filled = False
        self._fill_after_paint = False
        self._coverage: list[dashboard.CoverageRow] = []
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(80)
        self._reload_timer.timeout.connect(self.refresh)
        self.read_in_background = False
        self.waits_for_storage = False
        self._reading = 0  # the number of the newest read asked of the worker
        self._relay = _Relay(self)
        self._relay.read.connect(self._read_done, Qt.ConnectionType.QueuedConnection)
        self._shown_day: datetime.date | None = None
        self.day_timer = QTimer(self)  # after midnight, "today" and "overdue" move on
        self.day_timer.setInterval(5 * 60_000)
        self.day_timer.timeout.connect(self._check_day)
        self.day_timer.start()
        self.actions = FollowUpActions(self, today)
        self._sections_built = False
        self._build()
        if not sections_later:
            self._build_sections()
        publisher().changed.connect(self.schedule_reload)
        preferences_notifier().changed.connect(self.schedule_reload)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        page = QWidget()
        page.setObjectName("dashboardPage")
        self.title = _plain("This week")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = _muted()

        layout = self._page_layout = QVBoxLayout(page)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(6)
        layout.addStretch(1)  # the sections go above it (_build_sections)

        scroll = QScrollArea()
        scroll.setAccessibleName("Dashboard")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        page.installEventFilter(self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _build_sections(self) -> None:
        """The sections under the title, hidden until the first fill."""
        if self._sections_built:
            return
        self._sections_built = True
        from netdesk.ui.dashboard.card import Card, EmptyState
        from netdesk.ui.dashboard.habit_chart import HabitChart, Swatch
        from netdesk.ui.method.tier_card import TouchCard

        self.touch_card = TouchCard()  # keep-in-touch marks and the weekly review (Method)
        self.touch_card.open_person_requested.connect(self.open_person_requested)

        self.due_box = Card("Due now")
        self.due_tree = QTreeWidget()
        self.due_tree.setAccessibleName("Follow-ups due")
        self.due_tree.setColumnCount(4)
        self.due_tree.setHeaderLabels(["When", "Person", "Follow-up", ""])
        self.due_tree.setRootIsDecorated(False)
        self.due_tree.setUniformRowHeights(True)
        self.due_tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.due_tree.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self.due_tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.due_tree.itemClicked.connect(self._due_clicked)
        self.due_tree.itemActivated.connect(self._due_clicked)
        self.due_empty = EmptyState(
            "Nothing due today. Follow-ups you set after a message or an interview show "
            "here on the day they fall due.", "See upcoming follow-ups…")
        self.due_empty.acted.connect(self.follow_ups_requested)
        self.due_more = _muted()
        self.due_all = QPushButton("All follow-ups…")
        self.due_all.setAutoDefault(False)
        self.due_all.clicked.connect(self.follow_ups_requested)
        more = QHBoxLayout()
        more.addWidget(self.due_more, 1)
        more.addWidget(self.due_all)
        for widget in (self.due_tree, self.due_empty):
            self.due_box.content.addWidget(widget)
        self.due_box.content.addLayout(more)

        self.interviews_box, self.interview_list, self.interviews_empty = self._list_box(
            "Upcoming interviews", "Upcoming interviews",
            "Interviews planned for the next two weeks show here. Who could you ask next?",
            self.open_interview_requested, "Plan an interview…", self.plan_interview_requested)
        self.quiet_box, self.quiet_list, self.quiet_empty = self._list_box(
            "Not contacted in a while", "People not contacted in a while",
            "People you have not been in touch with for a while show here, so no "
            "connection goes cold. Everyone has heard from you recently.",
            self.open_person_requested)

        self.habit_box = Card("The weekly habit")
        self.habit_summary = _plain(wrap=True)
        self.habit_chart = HabitChart()
        legend = QHBoxLayout()
        for colour, text in (("outreach", "Outreach sent"),
                             ("follow_up", "Follow-ups done"),
                             (None, "- - weekly goal")):
            if colour is not None:
                legend.addWidget(Swatch(colour))
            legend.addWidget(_muted(text))
            legend.addSpacing(8)
        legend.addStretch(1)
        self.habit_empty = EmptyState(
            "Each message you send and each follow-up you do counts toward your weekly goal; "
            "log one on a person's timeline and this week's bar starts to grow.",
            "Set the weekly goal…")
        self.habit_empty.acted.connect(self.preferences_requested)
        habit_layout = self.habit_box.content
        habit_layout.addWidget(self.habit_summary)
        habit_layout.addWidget(self.habit_chart)
        habit_layout.addLayout(legend)
        habit_layout.addWidget(self.habit_empty)

        self.coverage_box = Card("Coverage: interviews by career field and work setting")
        self.coverage_table = QTableWidget(0, len(COVERAGE_COLUMNS))
        self.coverage_table.setAccessibleName("Coverage matrix")
        self.coverage_table.setHorizontalHeaderLabels(COVERAGE_COLUMNS)
        self.coverage_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.coverage_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.coverage_table.verticalHeader().hide()
        self.coverage_table.setWordWrap(False)
        self.coverage_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.coverage_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch)
        self.coverage_table.horizontalHeaderItem(len(COVERAGE_COLUMNS) - 1).setToolTip(
            "Interviews with people whose work setting is not recorded")
        self.coverage_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.coverage_table.cellClicked.connect(self._coverage_clicked)
        self.coverage_table.cellActivated.connect(self._coverage_clicked)
        self.coverage_note = _muted()
        self.coverage_empty = EmptyState(
            "No career fields yet. Add the fields you are exploring, and each interview you "
            "hold counts here by field and work setting.", "Add career fields…")
        self.coverage_empty.acted.connect(self.career_fields_requested)
        for widget in (self.coverage_table, self.coverage_note, self.coverage_empty):
            self.coverage_box.content.addWidget(widget)

        self.reciprocity_box, self.owed_list, self.owed_empty = self._list_box(
            "Reciprocity", "People you could give back to",
            "Nobody is waiting for a good turn.", self.open_person_requested)
        self.reciprocity_summary = _plain(wrap=True)
        self.reciprocity_box.content.insertWidget(0, self.reciprocity_summary)
        self.owed_caption = _muted("You could give back to:")
        self.reciprocity_box.content.insertWidget(1, self.owed_caption)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        self._columns_layout = columns
        self._columns = (QVBoxLayout(), QVBoxLayout())
        for column in self._columns:
            column.setSpacing(12)
            columns.addLayout(column, 1)
        self._boxes = (self.due_box, self.interviews_box, self.quiet_box,
                       self.habit_box, self.coverage_box, self.reciprocity_box)
        for box in self._boxes:
            box.hide()  # until the first fill
        self._column_count = 0
        self._arrange(1 if self.isVisible() and self.width() < TWO_COLUMNS_FROM else 2)
        layout = self._page_layout
        layout.insertWidget(3, self.touch_card)  # under the title, its date and a space
        layout.insertLayout(4, columns)

    def _arrange(self, count: int) -> None:
        """Lay the sections out in two columns, or in one when the view is narrow."""
        if count == self._column_count:
            return
        self._column_count = count
        for column in self._columns:
            while column.count():
                column.takeAt(0)
        half = len(self._boxes) // 2
        for index, box in enumerate(self._boxes):
            target = self._columns[0] if count == 1 or index < half else self._columns[1]
            target.addWidget(box)
        for column in self._columns:
            column.addStretch(1)
        self._columns_layout.setStretch(1, 0 if count == 1 else 1)
        self._columns_layout.setSpacing(0 if count == 1 else 16)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._sections_built:
            self._arrange(1 if event.size().width() < TWO_COLUMNS_FROM else 2)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.schedule_reload()  # the late and flagged marks take the new theme's colours

    def _list_box(self, title: str, accessible: str, empty: str, signal,
                  action: str = "", action_signal=None):
        from netdesk.ui.dashboard.card import Card, EmptyState

        box = Card(title)
        view = QListWidget()
        view.setAccessibleName(accessible)
        view.setUniformItemSizes(True)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

        def emit(item: QListWidgetItem) -> None:
            record = item.data(ID_ROLE)
            if record is not None:
                signal.emit(int(record))

        view.itemClicked.connect(emit)
        view.itemActivated.connect(emit)
        empty_state = EmptyState(empty, action)
        if action_signal is not None:
            empty_state.acted.connect(action_signal)
        box.content.addWidget(view)
        box.content.addWidget(empty_state)
        return box, view, empty_state

    # -- loading --------------------------------------------------------------------------

    def schedule_reload(self, *_args) -> None:
        """Reload soon if shown (several changes in a row reload once), else when shown."""
        self._dirty = True
        if self.isVisible():
            self._reload_timer.start()

    def _check_day(self) -> None:
        if self._shown_day is not None and self._today() != self._shown_day:
            self.schedule_reload()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty and not self.waits_for_storage and (
                self._filled or self._window_on_screen()):
            self.refresh()  # shown in a window already up: nothing to paint first
        elif self._dirty:
            self._fill_after_paint = True  # see eventFilter

    def _window_on_screen(self) -> bool:
        handle = self.window().windowHandle()
        return handle is not None and handle.isExposed()

    def eventFilter(self, watched, event) -> bool:
        # The page is what paints (it covers this widget).
        if event.type() == QEvent.Type.Paint and self._fill_after_paint:
            self._fill_after_paint = False
            QTimer.singleShot(0, self, self._first_fill)
        return False

    @property
    def filled(self) -> bool:
        """True once the dashboard has been filled at least once."""
        return self._filled

    def _first_fill(self) -> None:
        if self._dirty and self.isVisible() and not self.waits_for_storage:
            self.refresh()

    def storage_opened(self) -> None:
        """The file is open: the first fill may come (at once if the window has painted)."""
        self.waits_for_storage = False
        if self._dirty and self.isVisible() and self._window_on_screen():
            self.refresh()

    def refresh(self) -> None:
        """Read and show the figures again: in the worker with ``read_in_background``,
        else at once."""
        if not self.read_in_background:
            self.reload()
            return
        self._reload_timer.stop()
        self._fill_after_paint = False
        self._dirty = False
        self._reading += 1
        number, today = self._reading, self._today()
        goal, days, relay = weekly_goal(), silence_days(), self._relay

        def read() -> None:
            from netdesk.core import dashboard
            from netdesk.db.models import database_proxy

            try:
                snap = dashboard.snapshot(today, goal=goal, silence_days=days)
            except Exception as error:  # noqa: BLE001 - read again at once, where it shows
                snap = error
            finally:
                database_proxy.close()  # this thread's own connection
            try:
                relay.read.emit(number, snap)
            except RuntimeError:  # the widget has gone meanwhile
                pass

        threading.Thread(target=read, name="netdesk-dashboard", daemon=True).start()
        self._build_sections()  # while the figures are read

    def _read_done(self, number: int, snap) -> None:
        if number != self._reading:
            return  # a newer read is under way
        if isinstance(snap, Exception) or self._dirty:
            self.reload()
        else:
            self._show(snap)

    def reload(self) -> None:
        """Read the figures and show them, at once."""
        self._reload_timer.stop()
        self._fill_after_paint = False
        self._dirty = False
        self._reading += 1  # a read still in the worker is out of date
        today = self._today()
        from netdesk.core import dashboard

        self._show(dashboard.snapshot(today, goal=weekly_goal(), silence_days=silence_days()))

    def _show(self, snap: dashboard.Snapshot) -> None:
        self._build_sections()
        today = snap.today
        self._shown_day = today
        self.subtitle.setText(long_date(today))
        self._show_due(snap)
        self._show_interviews(snap.interviews)
        self._show_quiet(snap.quiet, silence_days())
        self._show_habit(snap.habit)
        self._show_coverage(snap.coverage)
        self._show_reciprocity(snap.reciprocity)
        self.touch_card.reload(today)
        if not self._filled:
            self._filled = True
            for box in self._boxes:
                box.show()
        self.loaded.emit()

    def _show_due(self, snap: dashboard.Snapshot) -> None:
        tree = self.due_tree
        header = tree.header()
        modes = [header.sectionResizeMode(c) for c in range(tree.columnCount())]
        for column in range(tree.columnCount()):  # no re-measuring on every row added
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        tree.setUpdatesEnabled(False)
        tree.clear()
        late_brush = QBrush(QColor(theme.colours(self.palette()).late))
        shown = snap.overdue + snap.due_today
        rows = []
        for item in shown:
            row = QTreeWidgetItem([_when(item.due_on, snap.today), item.person_name, item.label])
            row.setData(0, ID_ROLE, item.person_id)
            row.setData(1, ID_ROLE, item.id)
            row.setToolTip(1, tooltip(f"Open {item.person_name}"))
            if item.note:
                row.setToolTip(2, tooltip(item.note))
            if item.due_on < snap.today:
                row.setForeground(0, late_brush)
            rows.append(row)
        tree.addTopLevelItems(rows)
        for row, item in zip(rows, shown, strict=True):
            tree.setItemWidget(row, 3, self.actions.buttons(
                item.id, f"{item.label}, {item.person_name}"))
        for column, mode in enumerate(modes):
            header.setSectionResizeMode(column, mode)
        tree.setUpdatesEnabled(True)
        count = len(rows)
        tree.setVisible(count > 0)
        self.due_empty.setVisible(count == 0)
        hidden = (snap.overdue_total - len(snap.overdue)) + (snap.today_total - len(snap.due_today))
        self.due_more.setText(f"and {hidden} more" if hidden > 0 else "")
        self.due_more.setVisible(hidden > 0)
        self.due_all.setVisible(hidden > 0)
        self.due_box.set_count(f"{snap.today_total} today · {snap.overdue_total} overdue"
                               if count else "")
        _fit_height(tree, count, most=10)

    def _due_clicked(self, row: QTreeWidgetItem, column: int = 0) -> None:
        if column != 3:
            self.open_person_requested.emit(int(row.data(0, ID_ROLE)))

    def _fill(self, view: QListWidget, empty: QWidget, rows: list[tuple[str, int, str]],
              card: Card | None = None, count: str | None = None) -> None:
        view.clear()
        for text, record, tip in rows:
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, record)
            item.setToolTip(tooltip(tip))
            view.addItem(item)
        view.setVisible(bool(rows))
        empty.setVisible(not rows)
        if card is not None:
            card.set_count((str(len(rows)) if count is None else count) if rows else "")
        _fit_height(view, len(rows))

    def _show_interviews(self, interviews: list[dashboard.UpcomingInterview]) -> None:
        from netdesk.db.zones import clock

        rows = []
        for i in interviews:
            when = i.scheduled_at
            details = ", ".join(p for p in (MODE_WORDS.get(i.mode, i.mode), i.career_field) if p)
            rows.append((f"{short_date(when, weekday=True)} {clock(when)} · {i.person_name} "
                         f"({details})",
                         i.id, "Open the interview"))
        self._fill(self.interview_list, self.interviews_empty, rows, self.interviews_box)

    def _show_quiet(self, quiet: list[dashboard.QuietPerson], days: int) -> None:
        from netdesk.core import dashboard

        self.quiet_box.setTitle(f"Not contacted in {days} days or more")
        rows = [(f"{q.person_name} · {plural(q.days, 'day')} (last "
                 f"{short_date(q.last_contact, year=True)})", q.person_id,
                 "Open and get back in touch")
                for q in quiet]
        self.quiet_empty.setText(
            f"People you have not been in touch with for {days} days show here, so no "
            "connection goes cold. Everyone has heard from you more recently.")
        self._fill(self.quiet_list, self.quiet_empty, rows, self.quiet_box,
                   f"{len(rows)} longest" if len(rows) >= dashboard.QUIET_SHOWN else None)

    def _show_habit(self, weeks: list[dashboard.HabitWeek]) -> None:
        from netdesk.core import dashboard

        self.habit_chart.set_weeks(weeks)
        this = weeks[-1]
        streak = dashboard.streak(weeks)
        met = sum(1 for w in weeks if w.met)
        text = (f"This week: {this.total} of {this.goal} "
                f"({this.outreach} outreach, {plural(this.follow_ups_done, 'follow-up')} done). ")
        if this.met:
            text += "Goal met. "
        else:
            text += f"{this.goal - this.total} to go. "
        text += f"Goal met in {met} of the last {len(weeks)} weeks"
        text += f"; streak {plural(streak, 'week')}." if streak else "."
        self.habit_summary.setText(text)
        self.habit_box.set_count(f"{this.total} of {this.goal} this week")
        self.habit_empty.setVisible(not any(w.total for w in weeks))

    def _show_coverage(self, rows: list[dashboard.CoverageRow]) -> None:
        self._coverage = rows
        table = self.coverage_table
        columns = table.horizontalHeader()
        modes = [columns.sectionResizeMode(c) for c in range(table.columnCount())]
        for column in range(table.columnCount()):  # measure once, not on every cell set
            columns.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setUpdatesEnabled(False)
        table.setRowCount(len(rows))
        flagged = []
        for r, row in enumerate(rows):
            header = QTableWidgetItem(row.name)
            tip = (f"{row.name}: {plural(row.total, 'interview')} with "
                   f"{plural(row.people, 'person', 'people')}")
            if row.needs_more_views:
                header.setText(f"{row.name} ⚑")
                tip += " - fewer than two points of view; interview someone else in this field"
                flagged.append(row.name)
            elif row.needs_second_setting:
                tip += " - only one work setting so far"
            header.setToolTip(tooltip(tip))
            cells = [header]
            for c, key in enumerate(SECTOR_KEYS, start=1):
                value = row.counts[key] if key else row.unknown_setting
                cell = QTableWidgetItem(str(value) if value else "·")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                cell.setToolTip(tooltip(f"{row.name}, {COVERAGE_COLUMNS[c]}: "
                                        f"{plural(value, 'interview')}"
                                        + (" - click to open" if value else "")))
                if value:
                    bold = QFont(cell.font())
                    bold.setBold(True)
                    cell.setFont(bold)
                cells.append(cell)
            for c, cell in enumerate(cells):
                if row.needs_more_views:
                    cell.setBackground(QColor(theme.colours(self.palette()).flag))
                table.setItem(r, c, cell)
        # The "Unknown" column only when some interview's work setting is not recorded.
        table.setColumnHidden(len(COVERAGE_COLUMNS) - 1,
                              not any(row.unknown_setting for row in rows))
        for column, mode in enumerate(modes):
            columns.setSectionResizeMode(column, mode)
        table.setUpdatesEnabled(True)
        table.setVisible(bool(rows))
        self.coverage_empty.setVisible(not rows)
        self.coverage_box.set_count(plural(len(rows), "field") if rows else "")
        if flagged:
            self.coverage_note.setText(
                "⚑ Fewer than two points of view: " + ", ".join(flagged) + ".")
        else:
            self.coverage_note.setText("Every field has at least two points of view."
                                       if rows else "")
        self.coverage_note.setVisible(bool(rows))
        _fit_height(table, len(rows), most=10)

    def coverage_interviews(self, row: int, column: int) -> list[int]:
        """Ids of the interviews counted in one cell of the coverage matrix."""
        if not 0 <= row < len(self._coverage) or not 1 <= column < len(COVERAGE_COLUMNS):
            return []
        key = SECTOR_KEYS[column - 1]
        return list(self._coverage[row].interview_ids.get(key, []))

    def _coverage_clicked(self, row: int, column: int) -> None:
        ids = self.coverage_interviews(row, column)
        if len(ids) == 1:
            self.open_interview_requested.emit(ids[0])
        elif ids:
            menu = QMenu(self)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.setObjectName("coverageMenu")
            from netdesk.db.models import Interview, Person
            from netdesk.db.zones import local

            query = (Interview.select(Interview.id, Interview.starts_at, Interview.time_zone,
                                      Person.first_name, Person.last_name)
                     .join(Person).where(Interview.id.in_(ids))
                     .order_by(Interview.starts_at))
            for interview in query:
                when = (f" ({short_date(local(interview.start), year=True)})"
                        if interview.starts_at is not None else "")
                action = menu.addAction(f"{interview.person.full_name}{when}")
                action.triggered.connect(
                    lambda _=False, i=interview.id: self.open_interview_requested.emit(i))
            rect = self.coverage_table.visualItemRect(self.coverage_table.item(row, column))
            menu.popup(self.coverage_table.viewport().mapToGlobal(rect.bottomLeft()))
            self._coverage_menu = menu

    def _show_reciprocity(self, result: dashboard.Reciprocity) -> None:
        nothing_yet = not result.received and not result.given
        self.reciprocity_summary.setText(
            f"Help received: {result.received} (interviews, introductions, help). "
            f"Help given back: {result.given}.")
        self.reciprocity_summary.setVisible(not nothing_yet)
        rows = [(f"{g.person_name} · helped {plural(g.received, 'time')}",
                 g.person_id, "Open and find a way to give back") for g in result.owed]
        self.owed_caption.setVisible(bool(rows))
        self.owed_empty.setText(
            "When someone helps you, with an interview, an introduction or advice, it counts "
            "here, with the people you could give back to." if nothing_yet else
            "Nobody is waiting for a good turn: everyone who helped you has had something "
            "back.")
        self._fill(self.owed_list, self.owed_empty, rows)
        self.reciprocity_box.set_count(
            "" if nothing_yet else f"{result.received} received · {result.given} given")
