"""The weekly review: a stepped dialog with a fifteen-minute timer that goes through the
follow-ups due, the people going cold, the LAMP top 5, the habit chart and next week's
goal; it remembers when it was last finished. Opened from the dashboard and from
People → Weekly Review…."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from netdesk.core import weekly_review
from netdesk.core.changes import Changes
from netdesk.core.followups import FollowUpError
from netdesk.core.weekly_review import MINUTES, STEP_TITLES, STEPS
from netdesk.ui.common.actions import make_action
from netdesk.ui.common.changes import publish, publisher
from netdesk.ui.common.plain_messages import warn
from netdesk.ui.common.plain_text import note_label, plain_label, tooltip
from netdesk.ui.common.screen import fit_to_screen, text_size
from netdesk.ui.common.wording import long_date, plural, short_date
from netdesk.ui.dashboard.follow_up_actions import FollowUpActions
from netdesk.ui.dashboard.habit_chart import HabitChart
from netdesk.ui.dashboard.preferences_dialog import (
    follow_up_rules,
    preferences_notifier,
    weekly_goal,
)
from netdesk.ui.method.method_settings import follow_method_mode
from netdesk.ui.method.tier_marks import mark_icon
from netdesk.ui.method.tier_settings import (
    last_review,
    set_last_review,
    tag_intervals,
    tier_intervals,
)

ID_ROLE = Qt.ItemDataRole.UserRole
GOAL_KEY = "habit/weekly_goal"
STEP_HINTS = {
    "follow_ups": "Clear what is due: mark each one done, snooze it to a better day, or drop "
                  "it.",
    "going_cold": "People past the interval of their tier. Log a catch-up you already had, "
                  "or plan one for next week.",
    "lamp": "Your top five target organizations: this week's focus.",
    "habit": "Outreach sent and follow-ups done, week by week, against your goal.",
    "goal": "How many outreach messages and follow-ups will you aim for next week?",
}


def _tree(name: str, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setAccessibleName(name)
    tree.setColumnCount(len(headers))
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = tree.header()
    header.setStretchLastSection(False)
    for column in range(len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    return tree


class WeeklyReview(QDialog):
    """The review, step by step. ``open_person_requested`` asks the window to show someone;
    ``finished_review`` is emitted with the day when the user finishes."""

    open_person_requested = Signal(int)
    finished_review = Signal(object)

    def __init__(self, parent: QWidget | None = None, *,
                 today: Callable[[], datetime.date] = datetime.date.today,
                 settings: QSettings | None = None):
        super().__init__(parent)
        self.setWindowTitle("Weekly Review")
        self.setAccessibleName("Weekly review")
        self._today = today
        self._settings = settings if settings is not None else QSettings()
        self.seconds_left = MINUTES * 60
        self.actions = FollowUpActions(self, today)

        self.steps = QListWidget()
        self.steps.setAccessibleName("Review steps")
        for number, step in enumerate(STEPS, start=1):
            self.steps.addItem(f"{number}. {STEP_TITLES[step]}")
        self.steps.setFixedWidth(self.steps.sizeHintForColumn(0) + 24)
        self.steps.currentRowChanged.connect(self._go)
        self.timer_label = plain_label()
        self.timer_label.setAccessibleName("Time left")
        bold = QFont(self.timer_label.font())
        bold.setBold(True)
        self.timer_label.setFont(bold)
        self.title = plain_label()
        title_font = QFont(bold)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        self.title.setFont(title_font)
        self.hint = note_label()
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_follow_ups())
        self.pages.addWidget(self._build_going_cold())
        self.pages.addWidget(self._build_lamp())
        self.pages.addWidget(self._build_habit())
        self.pages.addWidget(self._build_goal())

        self.back = QPushButton("&Back")
        self.next = QPushButton("&Next")
        self.finish = QPushButton("&Finish")
        self.finish.setToolTip("Keep next week's goal and remember today's review")
        self.buttons = QDialogButtonBox()
        self.buttons.addButton(self.back, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.next, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.finish, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.back.clicked.connect(lambda: self.steps.setCurrentRow(self.steps.currentRow() - 1))
        self.next.clicked.connect(lambda: self.steps.setCurrentRow(self.steps.currentRow() + 1))
        self.finish.clicked.connect(self.finish_review)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.timer_label)
        right = QVBoxLayout()
        right.addLayout(top)
        right.addWidget(self.hint)
        right.addWidget(self.pages, 1)
        body = QHBoxLayout()
        body.addWidget(self.steps)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

        self.clock = QTimer(self, interval=1000)
        self.clock.timeout.connect(self._tick)
        self.clock.start()
        self._show_time()
        publisher().changed.connect(self._changed)
        self.reload()
        self.steps.setCurrentRow(0)
        fit_to_screen(self, text_size(self, 130, 28))

    # Building ------------------------------------------------------------------------------

    def _build_follow_ups(self) -> QWidget:
        self.due_tree = _tree("Follow-ups due", ["When", "Person", "Follow-up", ""])
        self.due_tree.itemActivated.connect(
            lambda item, _c: self.open_person_requested.emit(int(item.data(0, ID_ROLE))))
        self.due_empty = note_label("Nothing is due. Every thread is followed up.")
        return self._page(self.due_tree, self.due_empty)

    def _build_going_cold(self) -> QWidget:
        self.cold_tree = _tree("People going cold",
                               ["", "Person", "Tier or tag", "Last contact", ""])
        self.cold_tree.itemActivated.connect(
            lambda item, _c: self.open_person_requested.emit(int(item.data(0, ID_ROLE))))
        self.cold_empty = note_label(
            "Nobody with a tier is past their interval. Give people a tier (A, B or C) in "
            "their details to be reminded of them here.")
        return self._page(self.cold_tree, self.cold_empty)

    def _build_lamp(self) -> QWidget:
        self.lamp_list = QListWidget()
        self.lamp_list.setAccessibleName("LAMP top 5")
        self.lamp_empty = note_label(
            "Build your LAMP list: forty target organizations, each scored for advocacy "
            "(someone you know there), motivation and postings. Its top five show here "
            "as the week's focus.")
        return self._page(self.lamp_list, self.lamp_empty)

    def _build_habit(self) -> QWidget:
        self.habit_chart = HabitChart()
        self.habit_summary = note_label()
        return self._page(self.habit_summary, self.habit_chart)

    def _build_goal(self) -> QWidget:
        self.goal = QSpinBox()
        self.goal.setRange(1, 500)
        self.goal.setSuffix(" a week")
        self.goal.setAccessibleName("Next week's goal")
        self.goal.setValue(weekly_goal(self._settings))
        self.last_done = note_label()
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Weekly &goal (outreach + follow-ups):", self.goal)
        form.addRow(self.last_done)
        form.addRow(note_label("Finish keeps the goal (it is the one in Preferences too) and "
                               "remembers that you did this week's review."))
        return page

    @staticmethod
    def _page(*widgets: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            layout.addWidget(widget)
        layout.addStretch(1)
        return page

    # Showing -------------------------------------------------------------------------------

    def reload(self) -> None:
        today = self._today()
        review = weekly_review.gather(today, intervals=tier_intervals(), tags=tag_intervals(),
                                      goal=weekly_goal(self._settings))
        self.review = review
        self._show_due(review, today)
        self._show_cold(review, today)
        self.lamp_list.clear()
        for number, focus in enumerate(review.lamp, start=1):
            self.lamp_list.addItem(f"{number}. {focus.name}")
        self.lamp_list.setVisible(bool(review.lamp))
        self.lamp_empty.setVisible(not review.lamp)
        self.habit_chart.set_weeks(review.habit)
        this = review.habit[-1]
        self.habit_summary.setText(
            f"This week: {this.total} of {this.goal} ({this.outreach} outreach, "
            f"{plural(this.follow_ups_done, 'follow-up')} done).")
        done = last_review(self._settings)
        self.last_done.setText(f"Last review: {long_date(done)}." if done
                               else "This is your first weekly review.")
        for row, count in ((0, len(review.due)), (1, len(review.catch_ups)),
                           (2, len(review.lamp))):
            step = STEPS[row]
            self.steps.item(row).setText(f"{row + 1}. {STEP_TITLES[step]} ({count})")

    def _show_due(self, review, today: datetime.date) -> None:
        tree = self.due_tree
        tree.clear()
        for item in review.due:
            late = (today - item.due_on).days
            when = "today" if late == 0 else f"{plural(late, 'day')} late"
            row = QTreeWidgetItem([when, item.person_name, item.label, ""])
            row.setData(0, ID_ROLE, item.person_id)
            row.setData(1, ID_ROLE, item.id)
            if item.note:
                row.setToolTip(2, tooltip(item.note))
            tree.addTopLevelItem(row)
            tree.setItemWidget(row, 3, self.actions.buttons(
                item.id, f"{item.label}, {item.person_name}"))
        tree.setVisible(bool(review.due))
        self.due_empty.setVisible(not review.due)

    def _show_cold(self, review, today: datetime.date) -> None:
        tree = self.cold_tree
        tree.clear()
        for touch in review.catch_ups:
            last = short_date(touch.last_contact, year=True, today=today) \
                if touch.last_contact else ""
            row = QTreeWidgetItem([touch.label, touch.name, touch.basis,
                                   f"{plural(touch.days, 'day')} ago", ""])
            row.setToolTip(3, tooltip(f"Last contact: {last}"))
            row.setIcon(0, mark_icon(touch.mark))
            row.setData(0, ID_ROLE, touch.person_id)
            row.setToolTip(1, tooltip(touch.describe()))
            tree.addTopLevelItem(row)
            tree.setItemWidget(row, 4, self._catch_up_buttons(touch.person_id, touch.name))
        tree.setVisible(bool(review.catch_ups))
        self.cold_empty.setVisible(not review.catch_ups)

    def _catch_up_buttons(self, person_id: int, name: str) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        logged = QPushButton("Log a catch-up")
        logged.setObjectName("log_catch_up")
        logged.setAccessibleName(f"Log a catch-up with {name}")
        logged.setToolTip("You were in touch today: note it on their timeline")
        logged.clicked.connect(lambda: self._write(lambda: weekly_review.log_catch_up(
            person_id, self._today(), rules=follow_up_rules())))
        plan = QPushButton("Plan one")
        plan.setObjectName("plan_catch_up")
        plan.setAccessibleName(f"Plan a catch-up with {name}")
        plan.setToolTip(f"Add a keep-in-touch follow-up {weekly_review.PLAN_IN_DAYS} days "
                        "from today")
        plan.clicked.connect(lambda: self._write(lambda: weekly_review.plan_catch_up(
            person_id, self._today())))
        for button in (logged, plan):
            button.setAutoDefault(False)
            row.addWidget(button)
        return box

    def _write(self, action: Callable[[], Changes]) -> None:
        try:
            changes = action()
        except FollowUpError as error:
            warn(self, "Weekly review", str(error))
            return
        publish(changes, self)
        self.reload()

    def _changed(self, _changes, _initiator=None) -> None:
        QTimer.singleShot(0, self, self.reload)  # after the action that published it

    def _go(self, row: int) -> None:
        if row < 0:
            return
        self.pages.setCurrentIndex(row)
        step = STEPS[row]
        self.title.setText(STEP_TITLES[step])
        self.hint.setText(STEP_HINTS[step] if step != "lamp" or self.review.lamp
                          else "Build your LAMP list.")
        self.back.setEnabled(row > 0)
        self.next.setEnabled(row < len(STEPS) - 1)
        self.finish.setDefault(row == len(STEPS) - 1)
        self.next.setDefault(row < len(STEPS) - 1)

    def _tick(self) -> None:
        self.seconds_left -= 1
        self._show_time()

    def _show_time(self) -> None:
        if self.seconds_left > 0:
            minutes, seconds = divmod(self.seconds_left, 60)
            self.timer_label.setText(f"{minutes}:{seconds:02d} left")
        else:
            self.clock.stop()
            self.timer_label.setText("Time is up: finish when you are ready")

    # Finishing -----------------------------------------------------------------------------

    def finish_review(self) -> None:
        """Keep next week's goal, remember today as the day of the last review, close."""
        today = self._today()
        self._settings.setValue(GOAL_KEY, self.goal.value())
        set_last_review(today, self._settings)
        preferences_notifier().changed.emit()
        self.finished_review.emit(today)
        self.accept()


def weekly_review_action(window: QWidget, open_person: Callable[[int], None]) -> QAction:
    """People → Weekly Review…, shown (and its shortcut working) while the method is on."""
    action = make_action(window, "&Weekly Review…",
                         lambda: open_weekly_review(window, open_person), "Ctrl+Shift+R",
                         "Fifteen minutes to go over follow-ups, people going cold, your "
                         "focus and your goal")
    return follow_method_mode(action)


def open_weekly_review(parent: QWidget, open_person: Callable[[int], None] | None = None
                       ) -> WeeklyReview:
    review = WeeklyReview(parent)
    review.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if open_person is not None:
        review.open_person_requested.connect(open_person)
    review.open()
    return review
