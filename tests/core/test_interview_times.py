"""Interview times keep their time zone: gaps refused, overlaps resolved, lengths on the timeline.

Berlin's clocks go forward on 29 March 2026 (02:00 CET → 03:00 CEST) and back on
25 October 2026 (03:00 CEST → 02:00 CET); New York's go forward on 8 March 2026.
"""

import datetime

import pytest

from netdesk.core import dashboard, followups, sheet
from netdesk.core.interviews import (
    InterviewPlan,
    PlanError,
    PlannedQuestion,
    describe,
    ends_at,
    interviews_awaiting_debrief,
    open_interviews,
    save_plan,
)
from netdesk.db.models import FollowUp, Interview, Person
from netdesk.db.zones import clock, local_wall

UTC = datetime.UTC
MINUTES_90 = datetime.timedelta(minutes=90)


@pytest.fixture
def zone(monkeypatch):
    def set_zone(name: str) -> None:
        monkeypatch.setenv("NETDESK_TZ", name)
    set_zone("Europe/Berlin")
    return set_zone


@pytest.fixture
def ada(db):
    return Person.create(first_name="Ada", last_name="Lovelace")


def _plan(person, when, minutes=30):
    return InterviewPlan(person_id=person.id, scheduled_at=when, duration_minutes=minutes,
                         questions=[PlannedQuestion("What is a typical day like?")])


def _save(person, when, minutes=30) -> Interview:
    return Interview.get_by_id(save_plan(None, _plan(person, when, minutes)).id)


@pytest.mark.parametrize("name, night", [
    ("Europe/Berlin", datetime.datetime(2026, 3, 29, 2, 30)),
    ("America/New_York", datetime.datetime(2026, 3, 8, 2, 30)),
])
def test_a_time_in_the_spring_forward_gap_is_refused_naming_the_same_moment(
        ada, zone, name, night):
    zone(name)
    with pytest.raises(PlanError) as error:
        save_plan(None, _plan(ada, night))
    message = str(error.value)
    assert message.startswith("Schedule: 02:30 on Sun")
    assert f"does not exist in {name}" in message and "Choose 03:30" in message
    assert Interview.select().count() == 0


def test_the_time_after_the_gap_is_kept(ada, zone):
    interview = _save(ada, datetime.datetime(2026, 3, 29, 3, 30))
    assert interview.starts_at == datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert interview.time_zone == "Europe/Berlin"
    assert interview.scheduled_at == datetime.datetime(2026, 3, 29, 3, 30)


def test_ninety_minutes_across_the_autumn_change_last_ninety_minutes(ada, zone):
    interview = _save(ada, datetime.datetime(2026, 10, 25, 1, 30), minutes=90)
    start, end = interview.start, ends_at(interview)
    assert start.astimezone(UTC) == datetime.datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert end.astimezone(UTC) - start.astimezone(UTC) == MINUTES_90
    assert (end.hour, end.minute, end.utcoffset()) == (2, 0, datetime.timedelta(hours=1))
    assert clock(end) == "02:00 CET"  # the second 02:00 of the night, named
    text = sheet._when_text(interview)
    assert text == "Sunday 25 October 2026, 01:30 to 02:00 CET (90 minutes)"


def test_a_repeated_time_is_the_first_unless_the_second_is_chosen(ada, zone):
    night = datetime.datetime(2026, 10, 25, 2, 30)
    first = _save(ada, night)
    second = _save(ada, night.replace(fold=1))
    assert first.starts_at == datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert second.starts_at == datetime.datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert "02:30 CEST" in describe(first) and "02:30 CET" in describe(second)
    assert [i.id for i in open_interviews()] == [first.id, second.id]
    # Saving a reopened plan unchanged keeps which of the two it was.
    again = save_plan(second.id, _plan(ada, local_wall(second.start)))
    assert Interview.get_by_id(again.id).starts_at == second.starts_at


def test_an_interview_keeps_its_moment_when_the_user_moves_to_another_zone(ada, zone):
    interview = _save(ada, datetime.datetime(2026, 12, 2, 15, 0))
    zone("America/New_York")
    interview = Interview.get_by_id(interview.id)
    assert interview.starts_at == datetime.datetime(2026, 12, 2, 14, 0, tzinfo=UTC)
    assert interview.time_zone == "Europe/Berlin"
    assert local_wall(interview.start) == datetime.datetime(2026, 12, 2, 9, 0)
    assert "Wed 2 Dec 2026 09:00" in describe(interview)
    assert sheet._when_text(interview).startswith("Wednesday 2 December 2026, 09:00 to 09:30")
    (upcoming,) = dashboard.upcoming_interviews(datetime.date(2026, 12, 1))
    assert (upcoming.scheduled_at.hour, upcoming.scheduled_at.utcoffset()) == (
        9, datetime.timedelta(hours=-5))


def test_tz_is_the_zone_when_netdesk_tz_is_not_set(ada, monkeypatch):
    monkeypatch.delenv("NETDESK_TZ", raising=False)
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    interview = _save(ada, datetime.datetime(2026, 12, 2, 15, 0))
    assert interview.time_zone == "Asia/Tokyo"
    assert interview.starts_at == datetime.datetime(2026, 12, 2, 6, 0, tzinfo=UTC)


def test_an_aware_time_is_kept_with_its_own_zone(ada, zone):
    from zoneinfo import ZoneInfo

    when = datetime.datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("America/Chicago"))
    interview = _save(ada, when)
    assert interview.time_zone == "America/Chicago"
    assert interview.starts_at == datetime.datetime(2026, 12, 2, 15, 0, tzinfo=UTC)
    assert "16:00" in describe(interview)  # shown in Berlin, where the user is


def test_a_row_written_with_a_wall_time_only_gets_its_moment_in_the_system_zone(ada, zone):
    interview = Interview.create(person=ada, scheduled_at=datetime.datetime(2026, 7, 1, 9, 30))
    interview = Interview.get_by_id(interview.id)
    assert interview.time_zone == "Europe/Berlin"
    assert interview.starts_at == datetime.datetime(2026, 7, 1, 7, 30, tzinfo=UTC)
    interview.scheduled_at = None
    interview.save()
    assert Interview.get_by_id(interview.id).starts_at is None


def test_awaiting_a_debrief_is_decided_on_the_timeline(ada, zone):
    interview = _save(ada, datetime.datetime(2026, 10, 25, 1, 30), minutes=90)  # to 01:00 UTC
    before = datetime.datetime(2026, 10, 25, 0, 59, tzinfo=UTC)
    after = datetime.datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    assert interviews_awaiting_debrief(before) == []
    assert [i.id for i in interviews_awaiting_debrief(after)] == [interview.id]
    # A naive 'now' is a wall time in the user's zone: 02:00 CET is 01:00 UTC.
    assert interviews_awaiting_debrief(datetime.datetime(2026, 10, 25, 2, 0, fold=1))


def test_dates_after_an_interview_follow_the_day_where_the_user_is(ada, zone):
    interview = _save(ada, datetime.datetime(2026, 12, 2, 0, 30))  # 1 Dec 23:30 UTC
    with pytest.raises(followups.FollowUpError, match="2026-12-02"):
        followups.create(ada.id, "thank_you", datetime.date(2026, 12, 1),
                         interview_id=interview.id)
    zone("America/New_York")  # there it was 18:30 on 1 December
    created = followups.create(ada.id, "thank_you", datetime.date(2026, 12, 1),
                            interview_id=interview.id).id
    assert FollowUp.get_by_id(created).due_on == datetime.date(2026, 12, 1)
