"""Follow-up rules and actions with a fixed "today": working days, snooze, done, drop."""

import datetime

import pytest

from netdesk.core import followups
from netdesk.core.followups import FollowUpError, add_working_days, due_date
from netdesk.db.models import FollowUp, Interaction, Interview, Person

FRIDAY = datetime.date(2026, 11, 27)


def test_working_days_skip_the_weekend():
    assert add_working_days(FRIDAY, 1) == datetime.date(2026, 11, 30)
    assert add_working_days(FRIDAY, 3) == datetime.date(2026, 12, 2)
    assert add_working_days(FRIDAY, 0) == FRIDAY


def test_default_rules():
    assert due_date("reply_check", FRIDAY) == datetime.date(2026, 12, 2)
    assert due_date("thank_you", FRIDAY) == datetime.date(2026, 11, 28)
    assert due_date("keep_in_touch", FRIDAY, {"keep_in_touch": (2, "days")}) == datetime.date(
        2026, 11, 29
    )


# --- Actions on follow-ups, with a fixed "today" -------------------------------------------

TODAY = datetime.date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def ada(db):
    return Person.create(first_name="Ada", last_name="Lovelace", stage="interviewed")


def _fu(person, kind="reply_check", days=0, status="open", **kwargs):
    return FollowUp.create(person=person, kind=kind,
                           due_on=TODAY + datetime.timedelta(days=days), status=status, **kwargs)


def test_due_today_and_overdue_are_split_by_today(ada):
    late = _fu(ada, days=-3)
    now = _fu(ada, "thank_you", days=0)
    _fu(ada, days=2)
    _fu(ada, days=-5, status="done")
    _fu(ada, days=-1, status="dropped")
    assert [i.id for i in followups.overdue(TODAY)] == [late.id]
    assert [i.id for i in followups.due_today(TODAY)] == [now.id]
    assert [i.id for i in followups.due_by(TODAY)] == [late.id, now.id]
    assert followups.count_overdue(TODAY) == 1
    assert len(followups.upcoming(TODAY, 7)) == 1
    item = followups.due_today(TODAY)[0]
    assert item.person_name == "Ada Lovelace" and item.label == "Send the thank-you"


def test_mark_done_logs_the_timeline_and_schedules_keep_in_touch(ada):
    row = _fu(ada, "thank_you")
    changes = followups.mark_done(row.id, TODAY, note="Sent a card")
    following = followups.scheduled_next(changes)
    row = FollowUp.get_by_id(row.id)
    assert (row.status, row.done_on) == ("done", TODAY)
    assert "Sent a card" in row.note
    entry = Interaction.get(Interaction.person == ada)
    assert (entry.kind, entry.occurred_on, entry.summary) == ("thank_you", TODAY, "Sent a card")
    assert following.kind == "keep_in_touch"
    assert following.due_on == TODAY + datetime.timedelta(days=90)
    assert Person.get_by_id(ada.id).stage == "thanked"
    assert changes.id == row.id
    assert changes.follow_ups == {row.id, following.id}
    assert changes.interactions == {entry.id}
    assert changes.field_changed(ada.id, "stage") and changes.field_changed(ada.id, "timeline")


def test_mark_done_follows_the_users_rules_and_can_skip_the_next_step(ada):
    row = _fu(ada, "keep_in_touch")
    following = followups.scheduled_next(
        followups.mark_done(row.id, TODAY, rules={"keep_in_touch": (10, "working_days")}))
    assert following.due_on == datetime.date(2026, 12, 9)
    other = _fu(ada, "thank_you")
    assert followups.scheduled_next(
        followups.mark_done(other.id, TODAY, schedule_next=False)) is None
    # Only one open keep-in-touch at a time.
    assert FollowUp.select().where(FollowUp.kind == "keep_in_touch",
                                   FollowUp.status == "open").count() == 1


def test_reply_check_done_writes_nothing_to_the_timeline(ada):
    row = _fu(ada)
    changes = followups.mark_done(row.id, TODAY)
    assert followups.scheduled_next(changes) is None
    assert not changes.interactions and not changes.field_changed(ada.id, "stage")
    assert Interaction.select().count() == 0
    assert Person.get_by_id(ada.id).stage == "interviewed"


def test_a_closed_follow_up_cannot_be_done_twice(ada):
    row = _fu(ada, status="done")
    with pytest.raises(FollowUpError, match="already done"):
        followups.mark_done(row.id, TODAY)
    with pytest.raises(FollowUpError, match="no follow-up"):
        followups.drop(9999, TODAY)


def test_snooze_moves_the_date_forward_only(ada):
    row = _fu(ada, days=-2)
    changes = followups.snooze(row.id, TODAY + datetime.timedelta(days=7), TODAY)
    assert (changes.id, changes.follow_ups) == (row.id, {row.id})
    assert changes.field_changed(ada.id, "timeline")
    assert FollowUp.get_by_id(row.id).due_on == datetime.date(2026, 12, 2)
    with pytest.raises(FollowUpError) as refused:
        followups.snooze(row.id, TODAY, TODAY)
    assert refused.value.field == "Snooze until"
    assert FollowUp.get_by_id(row.id).due_on == datetime.date(2026, 12, 2)


def test_snooze_days_counts_from_today_for_overdue_items(ada):
    late = _fu(ada, days=-4)
    def due_on(changes):
        return FollowUp.get_by_id(changes.id).due_on

    assert due_on(followups.snooze_days(late.id, 1, TODAY)) == TODAY + datetime.timedelta(days=1)
    later = _fu(ada, days=5)
    assert due_on(followups.snooze_days(later.id, 7, TODAY)) == \
        TODAY + datetime.timedelta(days=12)
    with pytest.raises(FollowUpError):
        followups.snooze_days(later.id, 0, TODAY)


def test_drop_keeps_the_row_and_reopen_undoes_it(ada):
    row = _fu(ada)
    assert followups.drop(row.id, TODAY, note="Changed my plans").follow_ups == {row.id}
    row = FollowUp.get_by_id(row.id)
    assert (row.status, row.done_on, row.note) == ("dropped", TODAY, "Changed my plans")
    assert followups.reopen(row.id).id == row.id
    row = FollowUp.get_by_id(row.id)
    assert (row.status, row.done_on) == ("open", None)


def test_a_follow_up_before_its_interview_is_refused_naming_the_field(ada):
    interview = Interview.create(person=ada, scheduled_at=datetime.datetime(2026, 12, 1, 10))
    with pytest.raises(FollowUpError) as refused:
        followups.create(ada.id, "thank_you", datetime.date(2026, 11, 30),
                         interview_id=interview.id)
    assert refused.value.field == "Due date"
    assert "before the interview" in str(refused.value)
    assert FollowUp.select().count() == 0
    # The same day or later is fine; a reply check (before the meeting) is not checked.
    assert followups.create(ada.id, "thank_you", datetime.date(2026, 12, 1),
                            interview_id=interview.id).id
    assert followups.create(ada.id, "reply_check", datetime.date(2026, 11, 26),
                            interview_id=interview.id).id


def test_snoozing_before_the_interview_is_refused(ada):
    interview = Interview.create(person=ada, scheduled_at=datetime.datetime(2026, 12, 10, 10))
    row = FollowUp.create(person=ada, interview=interview, kind="report_back",
                          due_on=datetime.date(2026, 12, 20))
    with pytest.raises(FollowUpError, match="before the interview"):
        followups.snooze(row.id, datetime.date(2026, 12, 1), TODAY)
    assert FollowUp.get_by_id(row.id).due_on == datetime.date(2026, 12, 20)


def test_create_refuses_bad_input(ada):
    other = Person.create(first_name="Bob")
    interview = Interview.create(person=other)
    with pytest.raises(FollowUpError, match="Kind"):
        followups.create(ada.id, "party", TODAY)
    with pytest.raises(FollowUpError, match="Person"):
        followups.create(9999, "thank_you", TODAY)
    with pytest.raises(FollowUpError, match="someone else"):
        followups.create(ada.id, "thank_you", TODAY, interview_id=interview.id)
    with pytest.raises(FollowUpError, match="Due date"):
        followups.create(ada.id, "thank_you", "tomorrow")
    assert FollowUp.select().count() == 0


def test_schedule_uses_the_rules(ada):
    changes = followups.schedule(ada.id, "reply_check", datetime.date(2026, 11, 27))
    row = FollowUp.get_by_id(changes.id)
    assert changes.follow_ups == {row.id} and changes.touches_person(ada.id)
    assert row.due_on == datetime.date(2026, 12, 2)


def test_for_person_lists_open_first_then_closed(ada):
    closed = _fu(ada, status="done", done_on=TODAY)
    late = _fu(ada, days=3)
    soon = _fu(ada, days=1)
    assert [r.id for r in followups.for_person(ada.id)] == [soon.id, late.id]
    assert [r.id for r in followups.for_person(ada.id, include_closed=True)] == [
        soon.id, late.id, closed.id]


def test_validate_rules():
    rules = followups.validate_rules({"thank_you": (2, "working_days")})
    assert rules["thank_you"] == (2, "working_days") and rules["reply_check"] == (3, "working_days")
    with pytest.raises(FollowUpError):
        followups.validate_rules({"thank_you": (-1, "days")})
    with pytest.raises(FollowUpError):
        followups.validate_rules({"thank_you": (1, "fortnights")})


def test_working_days_skip_weekends_and_days_off():
    import datetime

    from netdesk.core.followups import add_working_days, due_date

    friday = datetime.date(2026, 12, 18)
    assert add_working_days(friday, 1) == datetime.date(2026, 12, 21)
    christmas = frozenset({datetime.date(2026, 12, 25), datetime.date(2026, 12, 28)})
    assert add_working_days(datetime.date(2026, 12, 24), 1, christmas) == \
        datetime.date(2026, 12, 29)
    assert due_date("reply_check", datetime.date(2026, 12, 23), None, christmas) == \
        datetime.date(2026, 12, 30)
    assert add_working_days(friday, 0, christmas) == friday
