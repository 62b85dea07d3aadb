"""After a "no": the thread closes kindly, nothing is deleted, and next people are suggested."""

import datetime

import pytest

from netdesk.core.declines import record_decline, suggest_next
from netdesk.core.followups import FollowUpError
from netdesk.db.models import (
    CareerField,
    FollowUp,
    Interaction,
    Interview,
    Person,
    PersonCareerField,
    Referral,
)

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def network(db):
    health = CareerField.create(name="Public health")
    other = CareerField.create(name="Law")

    def person(name, stage="to_contact", field=health):
        p = Person.create(first_name=name, stage=stage)
        if field:
            PersonCareerField.create(person=p, career_field=field)
        return p

    people = {
        "rosa": person("Rosa", "contacted"),
        "kwame": person("Kwame"),
        "carlos": person("Carlos"),
        "amara": person("Amara", "contacted"),
        "helen": person("Helen", "interviewed"),
        "zed": person("Zed", "declined"),
        "lawyer": person("Lawyer", field=other),
        "introducer": person("Introducer", "thanked", field=None),
    }
    Referral.create(referrer=people["rosa"], referred=people["kwame"])
    Referral.create(referrer=people["introducer"], referred=people["carlos"])
    return people


def test_a_decline_closes_open_follow_ups_without_deleting(network):
    rosa = network["rosa"]
    open_one = FollowUp.create(person=rosa, kind="reply_check", due_on=TODAY, note="Asked Monday")
    done = FollowUp.create(person=rosa, kind="thank_you", due_on=TODAY, status="done",
                           done_on=TODAY)
    planned = Interview.create(person=rosa, status="planning")
    result = record_decline(rosa.id, TODAY, note="Busy this term")
    assert (result.closed_follow_ups, result.cancelled_interviews) == (1, 1)
    row = FollowUp.get_by_id(open_one.id)
    assert (row.status, row.done_on) == ("dropped", TODAY)
    assert row.note.startswith("Asked Monday") and "kindly" in row.note
    assert FollowUp.get_by_id(done.id).status == "done"
    assert Interview.get_by_id(planned.id).status == "cancelled"
    assert FollowUp.select().count() == 2
    assert Person.get_by_id(rosa.id).stage == "declined"
    entry = Interaction.get_by_id(result.interaction_id)
    assert (entry.kind, entry.occurred_on, entry.summary) == (
        "declined", TODAY, "Said no: Busy this term")


def test_no_reply_is_recorded_as_such(network):
    result = record_decline(network["amara"].id, TODAY, reason="no_reply")
    assert Interaction.get_by_id(result.interaction_id).summary == "No reply after the follow-up"


def test_suggestions_share_the_field_best_leads_first(network):
    result = record_decline(network["rosa"].id, TODAY)
    names = [s.person_name for s in result.suggestions]
    # Referred by Rosa, then a warm introduction, then not yet contacted, then contacted.
    assert names == ["Kwame", "Carlos", "Amara"]
    assert result.suggestions[0].reason == "Referred by them"
    assert "Helen" not in names and "Zed" not in names and "Lawyer" not in names


def test_no_field_means_no_suggestions(network):
    assert suggest_next(network["introducer"].id) == []


def test_bad_input_changes_nothing(network):
    with pytest.raises(FollowUpError, match="Reason"):
        record_decline(network["rosa"].id, TODAY, reason="maybe")
    with pytest.raises(FollowUpError, match="Person"):
        record_decline(9999, TODAY)
    assert Person.get_by_id(network["rosa"].id).stage == "contacted"
    assert Interaction.select().count() == 0
