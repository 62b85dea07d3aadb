"""The debrief banner reads a count and the first few interviews waiting, not all of them."""

import datetime

from PySide6.QtCore import Qt

import netdesk.core.interviews as core_interviews
from netdesk.core.debrief import Debrief, record_debrief
from netdesk.core.interviews import InterviewPlan, PlannedQuestion, save_plan
from netdesk.db.models import Person
from netdesk.ui.interviews.debrief_banner import FIRST_READ, DebriefBanner


def _past(person_id: int, days: float) -> int:
    when = datetime.datetime.now() - datetime.timedelta(days=days)
    return save_plan(None, InterviewPlan(person_id=person_id, scheduled_at=when,
                                         questions=[PlannedQuestion("Q?")])).id


def test_many_waiting_are_counted_and_only_the_first_read(qtbot, db, monkeypatch):
    people = [Person.create(first_name=f"P{i}", last_name="Lee") for i in range(30)]
    ids = [_past(p.id, 40 - i) for i, p in enumerate(people)]
    limits = []
    real = core_interviews.interviews_awaiting_debrief

    def spy(now=None, limit=None):
        limits.append(limit)
        return real(now, limit)

    monkeypatch.setattr(core_interviews, "interviews_awaiting_debrief", spy)  # read at use
    banner = DebriefBanner()
    qtbot.addWidget(banner)
    assert banner.refresh()
    assert limits == [FIRST_READ]
    assert banner.text.text() == "30 interviews are waiting for a debrief."
    assert banner.count == 30 and banner.waiting == ids[:FIRST_READ]  # oldest first


def test_later_holds_until_another_ends_even_when_one_was_debriefed(qtbot, db):
    ana, bo = Person.create(first_name="Ana"), Person.create(first_name="Bo")
    first, second = _past(ana.id, 3), _past(bo.id, 2)
    banner = DebriefBanner()
    qtbot.addWidget(banner)
    assert banner.refresh()
    qtbot.mouseClick(banner.later_button, Qt.MouseButton.LeftButton)
    assert not banner.refresh() and banner.isHidden()
    record_debrief(first, Debrief(interest_occupation=3))
    assert not banner.refresh()  # one fewer, none new: still put off
    _past(ana.id, 1)  # the same count as when put off, but a new one
    assert banner.refresh()
    assert banner.text.text() == "2 interviews are waiting for a debrief."
    record_debrief(second, Debrief(interest_occupation=3))
    assert banner.refresh() and "Ana" in banner.text.text()  # the new one alone


def test_one_waiting_is_named_and_debriefed_from_the_banner(qtbot, db):
    ana = Person.create(first_name="Ana", last_name="Ruiz")
    only = _past(ana.id, 2)
    banner = DebriefBanner()
    qtbot.addWidget(banner)
    assert banner.refresh() and "Ana Ruiz" in banner.text.text()
    with qtbot.waitSignal(banner.debrief_requested) as asked:
        qtbot.mouseClick(banner.debrief_button, Qt.MouseButton.LeftButton)
    assert asked.args == [only]
