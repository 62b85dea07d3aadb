"""Whom to contact there: the seniority reading of job titles and the four hints."""

from __future__ import annotations

import pytest

from netdesk.core.profile import ProfileForm
from netdesk.core.whom_to_contact import contact_hints, seniority
from netdesk.db.models import CareerField, Person, PersonCareerField, PersonEntry


@pytest.mark.parametrize("title, level", [
    ("Summer Intern", 1), ("Research Assistant", 1), ("Associate", 1), ("Data Analyst", 1),
    ("Programme Manager", 2), ("Tech Lead", 2), ("Senior Engineer", 2), ("Sr. Analyst", 2),
    ("Director of Policy", 3), ("Head of Research", 3), ("Assistant Director", 3),
    ("Senior Director", 3), ("VP Engineering", 4), ("Vice-President, Sales", 4),
    ("Chief Financial Officer", 4), ("Managing Director", 4), ("Engineer", None), ("", None),
    ("Leadership coach", None),
])
def test_seniority_of_titles(title, level):
    assert seniority(title) == level


def hints(person_id, field="", **profile):
    return {h.key: h for h in contact_hints(person_id, field, ProfileForm(**profile))}


def test_all_four_hints_met(db):
    field = CareerField.create(name="Public health")
    ada = Person.create(first_name="Ada", job_title="Programme Manager",
                        notes="Joined as an analyst and was promoted twice.")
    PersonCareerField.create(person=ada, career_field=field)
    PersonEntry.create(person=ada, kind="custom", label="University", value="Leeds University")
    found = hints(ada.id, "Public health", school="Leeds University",
                  seeking="an analyst role in public health")
    assert all(h.met for h in found.values()), found
    assert found["field"].headline == "Works in public health"
    assert found["level"].headline == "1 level above the role you want (manager or senior)"
    assert all(h.why for h in found.values())


def test_hints_not_met_or_to_research(db):
    bob = Person.create(first_name="Bob", job_title="Chief Executive", department="Finance",
                        notes="Met at a fair.")
    PersonCareerField.create(person=bob, career_field=CareerField.create(name="Banking"))
    found = hints(bob.id, "Public health", school="Leeds University",
                  seeking="an intern role in public health")
    assert found["field"].met is False
    assert found["level"].met is False and found["level"].headline.startswith("3 levels")
    assert found["alumni"].met is None and "Leeds University" in found["alumni"].headline
    assert found["promoted"].met is None
    assert hints(bob.id)["alumni"].headline.startswith("Add your school")
    cy = Person.create(first_name="Cy", job_title="Head of Research")
    assert hints(cy.id, "Public health")["field"].met is None  # no fields known: a question
    assert hints(Person.create(first_name="Di").id)["level"].met is None
    assert contact_hints(9999) == []


def test_field_from_title_and_alumni_from_tags(db):
    dee = Person.create(first_name="Dee", job_title="Health Policy Analyst",
                        tags="Leeds University alumni")
    found = hints(dee.id, "", school="Leeds University", seeking="a role in health policy")
    assert found["field"].met and "health" in found["field"].headline
    assert found["alumni"].met
    assert found["level"].met and "peer" in found["level"].headline
