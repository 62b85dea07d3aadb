"""Keep-in-touch tiers (ideal and maximum, reset by any interaction) and response labels
worked out from known timelines."""

import datetime

import pytest

from netdesk.core import keep_in_touch as kit
from netdesk.core import timeline
from netdesk.core.followups import add_working_days
from netdesk.db.models import Interaction, Person

D = datetime.date
TODAY = D(2026, 3, 2)  # a Monday
ADDED = D(2025, 1, 1)


def _person(first, tier="", created=ADDED, tags=""):
    person = Person.create(first_name=first, last_name="Test", tier=tier, tags=tags)
    Person.update(created=datetime.datetime.combine(created, datetime.time(9))).where(
        Person.id == person.id).execute()
    return person.id


def _log(person_id, kind, on):
    Interaction.create(person=person_id, kind=kind, occurred_on=on)


@pytest.mark.parametrize(("tier", "days", "mark"), [
    ("A", 30, ""), ("A", 31, "due"), ("A", 60, "due"), ("A", 61, "cold"),
    ("B", 90, ""), ("B", 91, "due"), ("B", 181, "cold"),
    ("C", 180, ""), ("C", 365, "due"), ("C", 366, "cold"),
    ("", 1000, ""),
])
def test_ideal_and_maximum_per_tier(tier, days, mark):
    assert kit.touch_mark(tier, TODAY - datetime.timedelta(days=days), TODAY) == mark


def test_edited_intervals_are_used_and_checked():
    intervals = {"A": (7, 14)}
    assert kit.touch_mark("A", TODAY - datetime.timedelta(days=8), TODAY, intervals) == "due"
    assert kit.touch_mark("A", TODAY - datetime.timedelta(days=8), TODAY,
                          kit.validate_intervals(intervals)) == "due"
    with pytest.raises(kit.KeepInTouchError, match="longer than the maximum"):
        kit.validate_intervals({"B": (100, 50)})
    with pytest.raises(kit.KeepInTouchError):
        kit.validate_intervals({"D": (1, 2)})


def test_any_logged_interaction_resets_the_clock(db):
    ada = _person("Ada", "A")
    _log(ada, "meeting", TODAY - datetime.timedelta(days=70))
    assert kit.touch_of(ada, TODAY).mark == "cold"
    assert [t.person_id for t in kit.overdue(TODAY, which="cold")] == [ada]
    for kind in ("note", "help_given", "reply"):
        _log(ada, kind, TODAY - datetime.timedelta(days=45))
        touch = kit.touch_of(ada, TODAY)
        assert (touch.mark, touch.days) == ("due", 45), kind
    timeline.log(ada, "update", TODAY, "Coffee", TODAY)
    assert kit.touch_of(ada, TODAY).mark == ""
    assert kit.overdue(TODAY) == []


def test_without_any_entry_the_clock_runs_from_when_they_were_added(db):
    bea = _person("Bea", "B", created=TODAY - datetime.timedelta(days=100))
    touch = kit.touch_of(bea, TODAY)
    assert (touch.last_contact, touch.mark) == (TODAY - datetime.timedelta(days=100), "due")


def test_counts_and_order_of_people_overdue(db):
    cold = _person("Cold", "A")
    _log(cold, "meeting", TODAY - datetime.timedelta(days=200))
    due = _person("Due", "C")
    _log(due, "meeting", TODAY - datetime.timedelta(days=200))
    fine = _person("Fine", "C")
    _log(fine, "meeting", TODAY - datetime.timedelta(days=10))
    untiered = _person("None")
    _log(untiered, "meeting", TODAY - datetime.timedelta(days=900))
    said_no = _person("No", "A")
    _log(said_no, "meeting", TODAY - datetime.timedelta(days=900))
    Person.update(stage="declined").where(Person.id == said_no).execute()
    assert kit.count_overdue(TODAY) == (1, 1)
    assert [t.name for t in kit.overdue(TODAY)] == ["Cold Test", "Due Test"]
    assert [t.name for t in kit.overdue(TODAY, which="cold")] == ["Cold Test"]
    marks = kit.touches_for([cold, due, fine, untiered], TODAY)
    assert {k: v.mark for k, v in marks.items()} == {cold: "cold", due: "due", fine: ""}
    assert "Going cold: 200 days" in marks[cold].describe()


def test_setting_a_tier_reports_the_change(db):
    ada = _person("Ada")
    changes = kit.set_tier(ada, "B")
    assert changes.field_changed(ada, "tier") and Person.get_by_id(ada).tier == "B"
    kit.set_tier(ada, "")
    assert Person.get_by_id(ada).tier == ""
    with pytest.raises(kit.KeepInTouchError):
        kit.set_tier(ada, "Z")


MENTOR = {"mentor": (30, 45), "Alumni": (60, 120)}


def _ago(days):
    return TODAY - datetime.timedelta(days=days)


def test_a_tag_with_intervals_keeps_in_touch_someone_without_a_tier(db):
    mentor = _person("Mia", tags="Mentor")
    _log(mentor, "meeting", _ago(40))
    alumna = _person("Al", tags="classmate, alumni")
    _log(alumna, "meeting", _ago(130))
    plain = _person("Pat", tags="friend")
    _log(plain, "meeting", _ago(900))
    touches = kit.touches_for([mentor, alumna, plain], TODAY, tags=MENTOR)
    assert {k: (v.mark, v.tag, v.ideal, v.maximum) for k, v in touches.items()} == {
        mentor: ("due", "mentor", 30, 45), alumna: ("cold", "Alumni", 60, 120)}
    assert touches[mentor].describe() == (
        "Due for a catch-up: 40 days since the last contact (Tag “mentor”: ideally every 30 "
        "days, at most 45)")
    assert kit.touch_of(mentor, TODAY) is None  # without the tag intervals: no clock
    assert kit.count_overdue(TODAY, tags=MENTOR) == (1, 1)
    assert [t.name for t in kit.overdue(TODAY, tags=MENTOR)] == ["Al Test", "Mia Test"]
    assert [t.name for t in kit.overdue(TODAY, tags=MENTOR, which="cold")] == ["Al Test"]
    _log(mentor, "reply", _ago(5))  # any entry resets the tag's clock too
    assert kit.touch_of(mentor, TODAY, tags=MENTOR).mark == ""


def test_the_shortest_tag_wins_and_a_tier_wins_over_tags(db):
    both = _person("Both", tags="alumni,  mentor ")
    _log(both, "meeting", _ago(50))
    tiered = _person("Tiered", "C", tags="mentor")
    _log(tiered, "meeting", _ago(50))
    part = _person("Part", tags="mentors, ex-mentor")  # no tag matches half a word
    _log(part, "meeting", _ago(500))
    touches = kit.touches_for([both, tiered, part], TODAY, tags=MENTOR)
    assert (touches[both].tag, touches[both].mark) == ("mentor", "cold")
    assert (touches[tiered].tag, touches[tiered].basis, touches[tiered].mark) == (
        "", "Tier C", "")
    assert part not in touches
    assert kit.tag_choice("Alumni, MENTOR", MENTOR) == ("mentor", 30, 45)
    assert kit.tag_choice("friend", MENTOR) is None
    assert kit.count_overdue(TODAY, tags=MENTOR) == (0, 1)
    said_no = _person("No", tags="mentor")
    _log(said_no, "meeting", _ago(900))
    Person.update(stage="declined").where(Person.id == said_no).execute()
    assert [t.name for t in kit.overdue(TODAY, tags=MENTOR)] == ["Both Test"]


def test_tag_intervals_are_checked():
    assert kit.validate_tag_intervals({"  team   lead ": (7, 14)}) == {"team lead": (7, 14)}
    for bad, words in (({"": (1, 2)}, "needs a name"), ({"a, b": (1, 2)}, "no commas"),
                       ({"mentor": (1, 2), "Mentor": (3, 4)}, "given twice"),
                       ({"mentor": (50, 40)}, "longer than the maximum"),
                       ({"mentor": (0, 40)}, "days must be")):
        with pytest.raises(kit.KeepInTouchError, match=words):
            kit.validate_tag_intervals(bad)
    kept = kit.with_tag_interval({}, " mentor ", 30, 45)
    assert kit.with_tag_interval(kept, "alumni", 60, 90) == {"mentor": (30, 45),
                                                             "alumni": (60, 90)}
    for tag in ("mentor", "MENTOR"):
        with pytest.raises(kit.KeepInTouchError, match="given twice"):
            kit.with_tag_interval(kept, tag, 1, 2)


# Response labels ------------------------------------------------------------------------------

@pytest.mark.parametrize("start", [D(2026, 2, 27), D(2026, 3, 2), D(2026, 3, 6), D(2026, 3, 7)])
@pytest.mark.parametrize("n", [0, 1, 3, 5, 7, 12])
def test_working_days_between_undoes_add_working_days(start, n):
    holidays = frozenset({D(2026, 3, 4), D(2026, 3, 14)})  # a Wednesday, a Saturday
    assert kit.working_days_between(start, add_working_days(start, n, holidays),
                                    holidays) == n


def test_reply_times_across_weekends_and_days_off():
    friday = D(2026, 2, 27)
    events = [(friday, "message_sent"), (D(2026, 3, 2), "reply")]  # Monday: one working day
    assert kit.reply_times(events, TODAY) == [1]
    events = [(friday, "message_sent"), (D(2026, 3, 4), "message_sent"),  # a nudge
              (D(2026, 3, 6), "reply")]
    assert kit.reply_times(events, TODAY) == [5]
    assert kit.reply_times(events, TODAY, frozenset({D(2026, 3, 3)})) == [4]


@pytest.mark.parametrize(("events", "label"), [
    ([], ""),
    ([("2026-01-05", "message_sent")], "no_answer"),  # no reply in 7 working days
    ([("2026-02-26", "message_sent")], ""),  # still within the 7 days
    ([("2026-01-05", "message_sent"), ("2026-01-06", "reply")], "quick"),
    ([("2026-01-05", "message_sent"), ("2026-01-08", "reply")], "quick"),  # 3 working days
    ([("2026-01-05", "message_sent"), ("2026-01-09", "reply")], "slow"),  # 4
    ([("2026-01-05", "message_sent"), ("2026-01-20", "reply"),
      ("2026-02-02", "message_sent"), ("2026-02-03", "reply"),
      ("2026-02-09", "message_sent"), ("2026-02-10", "reply")], "quick"),  # median 1
    ([("2026-01-05", "message_sent"), ("2026-01-06", "reply"),
      ("2026-01-12", "message_sent"), ("2026-01-13", "declined"),
      ("2026-02-02", "message_sent")], "quick"),  # a no is not silence; 1 of 2 unanswered
    ([("2026-01-05", "message_sent"), ("2026-01-20", "reply"),
      ("2026-01-26", "message_sent"), ("2026-02-09", "message_sent")], "slow"),
    ([("2026-01-05", "message_sent"), ("2026-01-06", "reply"), ("2026-01-07", "declined"),
      ("2026-01-12", "message_sent"), ("2026-01-26", "declined"),
      ("2026-02-02", "message_sent"), ("2026-02-16", "reply"),
      ("2026-02-17", "reply")], "slow"),  # 1 and 10 working days: median 5.5
])
def test_labels_on_known_timelines(db, events, label):
    ada = _person("Ada")
    for on, kind in events:
        _log(ada, kind, D.fromisoformat(on))
    response = kit.response_of(ada, TODAY)
    assert (response.label, response.set_by_user) == (label, False)


def test_no_answer_when_most_messages_go_unanswered(db):
    assert kit.label_from([2, None, None]) == "no_answer"
    assert kit.label_from([2, None]) == "quick"
    assert kit.label_from([]) == ""


def test_the_label_set_by_hand_wins_and_is_marked(db):
    ada = _person("Ada")
    _log(ada, "message_sent", D(2026, 1, 5))
    _log(ada, "reply", D(2026, 1, 6))
    changes = kit.set_response_label(ada, "slow")
    assert changes.field_changed(ada, "response_label")
    response = kit.response_of(ada, TODAY)
    assert (response.label, response.set_by_user, response.computed) == ("slow", True, "quick")
    assert response.describe() == "Slow but helpful (set by you)"
    kit.set_response_label(ada, "")
    assert kit.response_of(ada, TODAY).describe() == \
        "Quick helper: 1 reply, median 1 working day"
    with pytest.raises(kit.KeepInTouchError):
        kit.set_response_label(ada, "rude")
