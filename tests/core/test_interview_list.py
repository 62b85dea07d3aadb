"""Every interview as a list row, filtered and sorted in SQL, standing worked out in the query."""

import datetime

import pytest

from netdesk.core.debrief import Debrief, record_debrief
from netdesk.core.interview_list import interview_rows
from netdesk.core.interviews import InterviewPlan, PlannedQuestion, save_plan
from netdesk.db.models import CareerField, Interview, Organization, Person

NOW = datetime.datetime.now()


@pytest.fixture
def interviews(db):
    acme = Organization.create(name="Acme Health")
    ana = Person.create(first_name="Ana", last_name="Ruiz", organization=acme)
    bo = Person.create(first_name="Bo", last_name="Lin")
    cy = Person.create(first_name="Cy", last_name="Adams")
    CareerField.create(name="Public health")

    def plan(person, when, **more):
        return save_plan(None, InterviewPlan(person_id=person.id, scheduled_at=when,
                                             questions=[PlannedQuestion("Q?")], **more)).id

    ids = {
        "awaiting": plan(ana, NOW - datetime.timedelta(days=2), career_field="Public health"),
        "scheduled": plan(bo, NOW + datetime.timedelta(days=3), place="Café Luna"),
        "planning": plan(cy, None),
        "done": plan(bo, NOW - datetime.timedelta(days=30)),
        "cancelled": plan(cy, NOW - datetime.timedelta(days=10)),
    }
    record_debrief(ids["done"], Debrief(interest_occupation=4))
    Interview.update(status="cancelled").where(Interview.id == ids["cancelled"]).execute()
    return ids


def test_each_interview_stands_where_it_should(interviews):
    rows = {r.id: r for r in interview_rows()}
    assert {key: rows[i].standing for key, i in interviews.items()} == {
        key: key for key in interviews}
    assert rows[interviews["awaiting"]].organization == "Acme Health"
    assert rows[interviews["awaiting"]].career_field == "Public health"
    assert rows[interviews["planning"]].start is None
    assert [r.id for r in interview_rows(standing="awaiting")] == [interviews["awaiting"]]


def test_filter_every_word_in_person_organization_field_or_place(interviews):
    assert [r.id for r in interview_rows("acme")] == [interviews["awaiting"]]
    assert [r.id for r in interview_rows("public ruiz")] == [interviews["awaiting"]]
    assert [r.id for r in interview_rows("luna")] == [interviews["scheduled"]]
    assert interview_rows("ruiz luna") == []
    assert interview_rows("100%") == [] and interview_rows("_") == []


def test_sorting(interviews):
    by_when = [r.id for r in interview_rows(sort="when")]
    assert by_when[-1] == interviews["planning"]  # not scheduled: last
    assert by_when[0] == interviews["done"]
    down = [r.id for r in interview_rows(sort="when", descending=True)]
    assert down[0] == interviews["scheduled"] and down[-1] == interviews["planning"]
    people = [r.last_name for r in interview_rows(sort="person")]
    assert people == sorted(people)
    assert [r.standing for r in interview_rows(sort="standing")][:2] == ["awaiting",
                                                                       "scheduled"]
    organizations = [r.organization for r in interview_rows(sort="organization",
                                                            descending=True)]
    assert organizations[0] == "Acme Health"  # without one: last, either way
    with pytest.raises(ValueError):
        interview_rows(sort="nonsense")
