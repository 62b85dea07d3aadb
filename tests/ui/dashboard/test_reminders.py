"""Reminders while open: follow-ups that become due are announced once, in the status bar
when there is no tray."""

import datetime

import pytest

from netdesk.db.models import FollowUp, Person
from netdesk.ui.dashboard.reminders import Reminders


@pytest.fixture
def clock():
    return {"today": datetime.date(2026, 11, 25)}


@pytest.fixture
def reminders(qapp, db, clock):
    r = Reminders(today=lambda: clock["today"], use_tray=False)
    yield r
    r.stop()


def test_only_newly_due_follow_ups_are_announced_once(qtbot, reminders, clock):
    ada = Person.create(first_name="Ada", last_name="Lovelace")
    FollowUp.create(person=ada, kind="thank_you", due_on=clock["today"])
    tomorrow = FollowUp.create(person=ada, kind="reply_check",
                               due_on=clock["today"] + datetime.timedelta(days=1))
    with qtbot.waitSignal(reminders.status_message) as started:
        reminders.start()
    assert "1 follow-up is due" in started.args[0]
    assert reminders.timer.isActive() and reminders.timer.interval() == 5 * 60_000
    assert reminders.check() == []
    clock["today"] += datetime.timedelta(days=1)
    with qtbot.waitSignal(reminders.status_message) as said, \
            qtbot.waitSignal(reminders.became_due) as due:
        reminders.check()
    assert said.args[0] == "Due now - Check for a reply: Ada Lovelace"
    assert due.args == [[tomorrow.id]]
    assert reminders.check() == []


def test_a_snoozed_follow_up_is_announced_again_when_it_returns(qtbot, reminders, clock):
    ada = Person.create(first_name="Ada")
    row = FollowUp.create(person=ada, kind="thank_you", due_on=clock["today"])
    reminders.start()
    row.due_on = clock["today"] + datetime.timedelta(days=2)
    row.save()
    assert reminders.check() == []
    clock["today"] += datetime.timedelta(days=2)
    assert reminders.check() == [row.id]


def test_disabled_reminders_stay_quiet(qtbot, reminders, clock):
    from PySide6.QtCore import QSettings

    reminders.start()
    FollowUp.create(person=Person.create(first_name="Ada"), kind="thank_you",
                    due_on=clock["today"])
    QSettings().setValue("reminders/enabled", False)
    try:
        with qtbot.assertNotEmitted(reminders.status_message):
            assert reminders.check() == []
    finally:
        QSettings().remove("reminders/enabled")


def test_the_timer_runs_the_check(qtbot, reminders, clock):
    reminders.start()
    FollowUp.create(person=Person.create(first_name="Ada"), kind="report_back",
                    due_on=clock["today"])
    reminders.timer.setInterval(10)
    with qtbot.waitSignal(reminders.became_due, timeout=2000):
        pass
