"""Dashboard figures on known data: habit per ISO week, coverage, quiet people, reciprocity."""

import datetime

import pytest

from netdesk.core import dashboard
from netdesk.db.models import (
    CareerField,
    FollowUp,
    Interaction,
    Interview,
    Organization,
    Person,
    Referral,
)

TODAY = datetime.date(2026, 11, 25)  # Wednesday of ISO week 48


def _person(first, org=None, stage="contacted"):
    return Person.create(first_name=first, last_name="Test", organization=org, stage=stage)


def test_weekly_habit_counts_outreach_and_follow_ups_per_iso_week(db):
    ada = _person("Ada")
    for day in (TODAY, TODAY - datetime.timedelta(days=2), datetime.date(2026, 11, 22)):
        Interaction.create(person=ada, kind="message_sent", occurred_on=day)
    Interaction.create(person=ada, kind="reply", occurred_on=TODAY)  # not outreach
    FollowUp.create(person=ada, kind="thank_you", due_on=TODAY, status="done", done_on=TODAY)
    FollowUp.create(person=ada, kind="thank_you", due_on=TODAY, status="dropped", done_on=TODAY)
    # 12 weeks back is the first week shown; 13 weeks back is not.
    Interaction.create(person=ada, kind="message_sent", occurred_on=datetime.date(2026, 9, 7))
    Interaction.create(person=ada, kind="message_sent", occurred_on=datetime.date(2026, 9, 6))

    weeks = dashboard.weekly_habit(TODAY, goal=3)
    assert len(weeks) == 12
    assert weeks[0].monday == datetime.date(2026, 9, 7) and weeks[0].outreach == 1
    assert [w.iso_week for w in weeks] == list(range(37, 49))
    this = weeks[-1]
    assert (this.iso_year, this.iso_week, this.monday) == (2026, 48, datetime.date(2026, 11, 23))
    assert (this.outreach, this.follow_ups_done, this.total, this.met) == (2, 1, 3, True)
    assert (weeks[-2].outreach, weeks[-2].met) == (1, False)  # Sunday 22 Nov is week 47
    assert dashboard.streak(weeks) == 1


def test_habit_weeks_cross_the_iso_year_boundary(db):
    weeks = dashboard.weekly_habit(datetime.date(2027, 1, 6), goal=1)
    assert (weeks[-1].iso_year, weeks[-1].iso_week) == (2027, 1)
    assert (weeks[-2].iso_year, weeks[-2].iso_week) == (2026, 53)


def test_streak_ignores_an_unfinished_current_week():
    def week(total):
        return dashboard.HabitWeek(TODAY, 2026, 1, total, 0, 2)

    assert dashboard.streak([week(2), week(3), week(0)]) == 2
    assert dashboard.streak([week(2), week(0), week(3)]) == 1
    assert dashboard.streak([week(0), week(0)]) == 0


def test_coverage_matrix_counts_done_interviews_per_field_and_sector(db):
    health = CareerField.create(name="Public health")
    planning = CareerField.create(name="Urban planning")
    CareerField.create(name="UX research")
    city = Organization.create(name="City", sector="government")
    clinic = Organization.create(name="Clinic", sector="nonprofit")
    loose = Organization.create(name="Somewhere")
    a, b, c = _person("A", city), _person("B", clinic), _person("C", loose)
    d = _person("D")
    Interview.create(person=a, career_field=health, status="done")
    Interview.create(person=a, career_field=health, status="done")  # same person again
    Interview.create(person=b, career_field=health, status="done")
    Interview.create(person=c, career_field=planning, status="done")
    Interview.create(person=d, career_field=planning, status="scheduled")  # not held yet
    Interview.create(person=a, career_field=planning, status="cancelled")

    rows = {r.name: r for r in dashboard.coverage_matrix()}
    assert list(rows) == ["Public health", "Urban planning", "UX research"]  # NOCASE order
    h = rows["Public health"]
    assert h.counts == {"government": 2, "private": 0, "nonprofit": 1, "education": 0}
    assert (h.total, h.people, h.settings) == (3, 2, 2)
    assert not h.needs_more_views and not h.needs_second_setting
    assert len(h.interview_ids["government"]) == 2
    p = rows["Urban planning"]
    assert (p.total, p.unknown_setting, p.people, p.needs_more_views) == (1, 1, 1, True)
    assert p.needs_second_setting
    assert rows["UX research"].total == 0 and rows["UX research"].needs_more_views


def test_quiet_people_are_those_whose_last_contact_is_old(db):
    old = _person("Old")
    recent = _person("Recent")
    declined = _person("Declined", stage="declined")
    _person("Never")
    for who, days in ((old, 200), (old, 120), (recent, 200), (recent, 3)):
        Interaction.create(person=who, kind="reply", occurred_on=TODAY - datetime.timedelta(days))
    Interaction.create(person=declined, kind="declined",
                       occurred_on=TODAY - datetime.timedelta(days=300))
    quiet = dashboard.quiet_people(TODAY, days=90)
    assert [(q.person_id, q.days) for q in quiet] == [(old.id, 120)]
    assert quiet[0].last_contact == TODAY - datetime.timedelta(days=120)
    assert dashboard.quiet_people(TODAY, days=130) == []


@pytest.mark.sqlite_only  # reads SQLite's query plan (EXPLAIN QUERY PLAN)
def test_quiet_people_uses_the_grouped_index(db):
    plan = " ".join(str(row) for row in db.execute_sql(
        "EXPLAIN QUERY PLAN SELECT person_id, max(occurred_on) FROM interaction "
        "GROUP BY person_id").fetchall())
    assert "interaction_person_id_occurred_on" in plan


def test_reciprocity_weighs_help_received_against_help_given(db):
    mentor = _person("Mentor")
    friend = _person("Friend")
    helped = _person("Helped")
    Interaction.create(person=mentor, kind="help_received", occurred_on=TODAY)
    Interview.create(person=mentor, status="done")
    Referral.create(referrer=friend, referred=mentor)
    Interaction.create(person=helped, kind="help_received", occurred_on=TODAY)
    Interaction.create(person=helped, kind="help_given", occurred_on=TODAY)
    result = dashboard.reciprocity()
    assert (result.received, result.given) == (4, 1)
    assert [(g.person_id, g.received) for g in result.owed] == [(mentor.id, 2), (friend.id, 1)]


def test_upcoming_interviews_and_snapshot(sample_db):
    today = datetime.date.today()
    snap = dashboard.snapshot(today, goal=4, silence_days=30)
    assert [i.person_name for i in snap.interviews] == ["Fatima Noor", "Olivia Grant"]
    assert [i.person_name for i in snap.overdue] == ["Ingrid Larsen"]
    assert [i.person_name for i in snap.due_today] == ["Wei Zhang"]
    assert snap.overdue_total == 1
    assert snap.habit[-1].goal == 4
    assert [q.person_name for q in snap.quiet] == ["Elena Popescu"]
    assert len(snap.coverage) == 5
