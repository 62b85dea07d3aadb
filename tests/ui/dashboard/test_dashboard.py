"""The dashboard: every item leads to the right record when clicked; follow-up buttons work;
it reloads when data changes."""

import datetime

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QMenu, QScrollArea, QToolButton

from netdesk.core.changes import Changes
from netdesk.db.models import (
    CareerField,
    FollowUp,
    Interaction,
    Interview,
    Organization,
    Person,
)
from netdesk.ui.dashboard.dashboard import DashboardWidget

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def data(db):
    field = CareerField.create(name="Public health")
    city = Organization.create(name="City", sector="government")
    ada = Person.create(first_name="Ada", last_name="Late", organization=city)
    bob = Person.create(first_name="Bob", last_name="Today", organization=city)
    cy = Person.create(first_name="Cy", last_name="Quiet")
    late = FollowUp.create(person=ada, kind="thank_you", due_on=TODAY - datetime.timedelta(3))
    now = FollowUp.create(person=bob, kind="reply_check", due_on=TODAY)
    FollowUp.create(person=cy, kind="keep_in_touch", due_on=TODAY + datetime.timedelta(9))
    upcoming = Interview.create(person=bob, status="scheduled", career_field=field,
                                scheduled_at=datetime.datetime(2026, 11, 27, 10))
    held = Interview.create(person=ada, status="done", career_field=field,
                            scheduled_at=datetime.datetime(2026, 11, 1, 10))
    Interaction.create(person=cy, kind="help_received", occurred_on=datetime.date(2026, 5, 1))
    for week in range(3):
        Interaction.create(person=ada, kind="message_sent",
                           occurred_on=TODAY - datetime.timedelta(weeks=week))
    return {"ada": ada, "bob": bob, "cy": cy, "late": late, "now": now,
            "upcoming": upcoming, "held": held, "field": field}


def _shown(qtbot, widget):
    """Show ``widget`` and wait for its first fill, which follows its first paint."""
    with qtbot.waitSignal(widget.loaded):
        widget.show()
    return widget


@pytest.fixture
def board(qtbot, data, events):
    widget = DashboardWidget(today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1100, 900)
    return _shown(qtbot, widget)


def _click_list_row(qtbot, view, row):
    item = view.item(row)
    view.scrollToItem(item)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualItemRect(item).center())


def test_due_items_open_the_person(qtbot, board, data):
    tree = board.due_tree
    assert tree.topLevelItemCount() == 2
    assert [tree.topLevelItem(i).text(1) for i in range(2)] == ["Ada Late", "Bob Today"]
    assert tree.topLevelItem(0).text(0) == "3 days late"
    assert tree.topLevelItem(1).text(0) == "today"
    rect = tree.visualItemRect(tree.topLevelItem(1))
    with qtbot.waitSignal(board.open_person_requested) as opened:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(tree.columnViewportPosition(1) + 5, rect.center().y()))
    assert opened.args == [data["bob"].id]


def test_upcoming_interview_opens_the_interview(qtbot, board, data):
    assert board.interview_list.count() == 1
    assert "Bob Today" in board.interview_list.item(0).text()
    with qtbot.waitSignal(board.open_interview_requested) as opened:
        _click_list_row(qtbot, board.interview_list, 0)
    assert opened.args == [data["upcoming"].id]


def test_quiet_and_reciprocity_items_open_the_person(qtbot, board, data):
    assert board.quiet_list.count() == 1
    with qtbot.waitSignal(board.open_person_requested) as opened:
        _click_list_row(qtbot, board.quiet_list, 0)
    assert opened.args == [data["cy"].id]
    names = [board.owed_list.item(i).text() for i in range(board.owed_list.count())]
    assert names[0].startswith("Ada Late") and any(n.startswith("Cy Quiet") for n in names)
    with qtbot.waitSignal(board.open_person_requested) as opened:
        _click_list_row(qtbot, board.owed_list, 0)
    assert opened.args == [data["ada"].id]


def test_coverage_cell_opens_its_interview_and_flags_thin_fields(qtbot, board, data):
    table = board.coverage_table
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == "Public health ⚑"  # one point of view only
    assert table.item(0, 1).text() == "1"  # government
    assert "Public health" in board.coverage_note.text()
    with qtbot.waitSignal(board.open_interview_requested) as opened:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.visualItemRect(table.item(0, 1)).center())
    assert opened.args == [data["held"].id]


def test_a_cell_with_several_interviews_offers_a_menu(qtbot, board, data, events):
    Interview.create(person=data["bob"], status="done", career_field=data["field"],
                     scheduled_at=datetime.datetime(2026, 11, 5, 9))
    events.publish(Changes(interviews=frozenset({0})))
    qtbot.waitUntil(lambda: board.coverage_table.item(0, 1).text() == "2")
    table = board.coverage_table
    assert table.item(0, 0).text() == "Public health"  # two people now: no flag
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(table.item(0, 1)).center())
    menu = board.findChild(QMenu, "coverageMenu")
    assert [a.text() for a in menu.actions()] == ["Ada Late (1 Nov 2026)",
                                                  "Bob Today (5 Nov 2026)"]
    with qtbot.waitSignal(board.open_interview_requested) as opened:
        menu.actions()[1].trigger()
    assert opened.args == [Interview.select().order_by(Interview.id.desc()).get().id]
    menu.close()


def test_done_button_closes_the_follow_up_and_reloads(qtbot, board, data):
    tree = board.due_tree
    buttons = tree.itemWidget(tree.topLevelItem(0), 3)
    done = buttons.findChild(QToolButton, "done")
    qtbot.mouseClick(done, Qt.MouseButton.LeftButton)
    row = FollowUp.get_by_id(data["late"].id)
    assert (row.status, row.done_on) == ("done", TODAY)
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 1)
    assert tree.topLevelItem(0).text(1) == "Bob Today"


def test_snooze_and_drop_from_the_dashboard(qtbot, board, data):
    tree = board.due_tree
    snooze = tree.itemWidget(tree.topLevelItem(1), 3).findChild(QToolButton, "snooze")
    next_week = [a for a in snooze.menu().actions() if "week" in a.text()][0]
    next_week.trigger()
    assert FollowUp.get_by_id(data["now"].id).due_on == TODAY + datetime.timedelta(days=7)
    qtbot.waitUntil(lambda: tree.topLevelItemCount() == 1)
    drop = tree.itemWidget(tree.topLevelItem(0), 3).findChild(QToolButton, "drop")
    qtbot.mouseClick(drop, Qt.MouseButton.LeftButton)
    assert FollowUp.get_by_id(data["late"].id).status == "dropped"
    qtbot.waitUntil(lambda: board.due_empty.isVisible())


def test_habit_summary_and_chart(board):
    weeks = board.habit_chart.weeks()
    assert len(weeks) == 12 and weeks[-1].outreach == 1
    assert "This week: 1 of 5" in board.habit_summary.text()
    assert board.habit_chart.week_at(board.habit_chart.width() - 12) == 11


def test_goal_from_preferences(qtbot, board, events):
    from PySide6.QtCore import QSettings

    from netdesk.ui.dashboard.preferences_dialog import preferences_notifier

    QSettings().setValue("habit/weekly_goal", 1)
    try:
        preferences_notifier().changed.emit()
        qtbot.waitUntil(lambda: "This week: 1 of 1" in board.habit_summary.text())
    finally:
        QSettings().remove("habit/weekly_goal")


def test_an_empty_database_shows_friendly_empty_states(qtbot, db, events):
    widget = DashboardWidget(today=lambda: TODAY)
    qtbot.addWidget(widget)
    _shown(qtbot, widget)
    assert widget.due_empty.isVisible() and not widget.due_tree.isVisible()
    assert widget.interviews_empty.isVisible() and widget.coverage_empty.isVisible()
    assert widget.quiet_empty.isVisible() and widget.owed_empty.isVisible()


def test_hidden_dashboard_reloads_when_shown(qtbot, data, events):
    widget = DashboardWidget(today=lambda: TODAY)
    qtbot.addWidget(widget)
    _shown(qtbot, widget)
    widget.hide()
    FollowUp.create(person=data["cy"], kind="report_back", due_on=TODAY)
    events.publish(Changes(follow_ups=frozenset({0})))
    assert widget.due_tree.topLevelItemCount() == 2  # not reloaded while hidden
    widget.show()
    assert widget.due_tree.topLevelItemCount() == 3


def test_a_new_day_moves_today_and_overdue_on(qtbot, data, events):
    clock = {"today": TODAY}
    widget = DashboardWidget(today=lambda: clock["today"])
    qtbot.addWidget(widget)
    _shown(qtbot, widget)
    assert widget.due_tree.topLevelItem(1).text(0) == "today"
    clock["today"] += datetime.timedelta(days=1)
    widget.day_timer.timeout.emit()
    qtbot.waitUntil(lambda: widget.due_tree.topLevelItem(1).text(0) == "yesterday")


def test_long_lists_are_capped_and_counted(qtbot, data, events, monkeypatch):
    from netdesk.core import dashboard as core

    monkeypatch.setattr(core, "OVERDUE_SHOWN", 1)
    monkeypatch.setattr(core, "DUE_TODAY_SHOWN", 1)
    FollowUp.create(person=data["cy"], kind="report_back", due_on=TODAY - datetime.timedelta(1))
    FollowUp.create(person=data["cy"], kind="thank_you", due_on=TODAY)
    widget = DashboardWidget(today=lambda: TODAY)
    qtbot.addWidget(widget)
    _shown(qtbot, widget)
    assert widget.due_tree.topLevelItemCount() == 2
    assert widget.due_more.text().startswith("and 2 more")
    assert widget.due_box.title() == "Due now"
    assert widget.due_box.count() == "2 today · 2 overdue"
    assert widget.due_all.isVisible()  # the rest are in People → All Follow-ups…
    qtbot.waitUntil(lambda: widget.due_all.height() > 0)  # laid out
    with qtbot.waitSignal(widget.follow_ups_requested):
        qtbot.mouseClick(widget.due_all, Qt.MouseButton.LeftButton)


def test_narrow_dashboards_stack_their_sections(qtbot, board):
    board.resize(700, 900)
    qtbot.waitUntil(lambda: board.coverage_box.x() == board.due_box.x())
    board.resize(1300, 900)
    qtbot.waitUntil(lambda: board.coverage_box.x() > board.due_box.x())


def test_upcoming_interviews_are_shown_in_the_zone_the_user_is_in(qtbot, db, events,
                                                                   monkeypatch):
    monkeypatch.setenv("NETDESK_TZ", "Europe/Berlin")
    bob = Person.create(first_name="Bob", last_name="Today")
    Interview.create(person=bob, status="scheduled",
                     scheduled_at=datetime.datetime(2026, 11, 27, 10))
    monkeypatch.setenv("NETDESK_TZ", "America/New_York")
    widget = DashboardWidget(today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.interview_list.count() == 1)
    assert widget.interview_list.item(0).text().startswith("Fri 27 Nov 04:00 · Bob Today")


class _PaintSpy(QObject):
    def __init__(self, painted):
        super().__init__()
        self.painted = painted

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            self.painted.append(1)
        return False


def test_the_first_fill_comes_after_the_first_paint(qtbot, data, events, monkeypatch):
    from netdesk.core import dashboard as core

    painted, read = [], []
    snapshot = core.snapshot
    monkeypatch.setattr(core, "snapshot", lambda *a, **k: read.append(len(painted))
                        or snapshot(*a, **k))
    widget = DashboardWidget(today=lambda: TODAY)
    qtbot.addWidget(widget)
    spy = _PaintSpy(painted)
    widget.findChild(QScrollArea).widget().installEventFilter(spy)
    widget.show()
    assert read == [] and not widget.due_box.isVisible()  # shown, not read yet
    qtbot.waitSignal(widget.loaded).wait()
    assert read and read[0] >= 1  # read once it had painted
    assert widget.due_box.isVisible() and widget.due_tree.topLevelItemCount() == 2
