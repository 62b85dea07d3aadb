"""The weekly review's gathering and its two writes on someone going cold."""

import datetime

from netdesk.core import weekly_review
from netdesk.core.followups import create
from netdesk.db.models import FollowUp, Interaction, Person

TODAY = datetime.date(2026, 3, 2)


def test_gather_lists_due_follow_ups_and_people_overdue(db):
    ada = Person.create(first_name="Ada", tier="A")
    Interaction.create(person=ada, kind="meeting", occurred_on=datetime.date(2025, 12, 1))
    create(ada.id, "reply_check", TODAY - datetime.timedelta(days=1))
    review = weekly_review.gather(TODAY, goal=4)
    assert [d.person_id for d in review.due] == [ada.id]
    assert [(t.person_id, t.mark) for t in review.catch_ups] == [(ada.id, "cold")]
    assert review.lamp == []  # no LAMP list yet
    assert len(review.habit) == 12 and review.habit[-1].goal == 4


def test_logging_a_catch_up_resets_the_clock_and_closes_a_due_keep_in_touch(db):
    ada = Person.create(first_name="Ada", tier="A")
    Interaction.create(person=ada, kind="meeting", occurred_on=datetime.date(2025, 12, 1))
    changes = weekly_review.log_catch_up(ada.id, TODAY)
    assert changes.field_changed(ada.id, "timeline")
    assert weekly_review.gather(TODAY).catch_ups == []
    assert Interaction.select().where(Interaction.occurred_on == TODAY).count() == 1

    bea = Person.create(first_name="Bea", tier="B")
    due = create(bea.id, "keep_in_touch", TODAY).id
    weekly_review.log_catch_up(bea.id, TODAY, "Lunch")
    assert FollowUp.get_by_id(due).status == "done"
    assert Interaction.get(Interaction.person == bea).summary == "Lunch"


def test_planning_a_catch_up_adds_a_follow_up_a_week_on(db):
    ada = Person.create(first_name="Ada", tier="A")
    changes = weekly_review.plan_catch_up(ada.id, TODAY)
    row = FollowUp.get_by_id(changes.id)
    assert (row.kind, row.due_on, row.status) == (
        "keep_in_touch", TODAY + datetime.timedelta(days=7), "open")


def test_the_review_shows_the_lamp_lists_top_five(db):
    from netdesk.core import lamp

    assert weekly_review.lamp_top_five() == []
    for n, motivation in enumerate((1, 3, 0, 2, 3, 1, 2), start=1):
        entry = lamp.add_organization(f"Org {n}", "dream").id
        lamp.set_scores(entry, motivation=motivation, posting=1)
    assert [f.name for f in weekly_review.lamp_top_five()] == [
        "Org 2", "Org 5", "Org 4", "Org 7", "Org 1"]
