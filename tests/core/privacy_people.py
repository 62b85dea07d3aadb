"""A person with a row in every table that can name them, for the forget and export tests."""

from __future__ import annotations

import datetime

from netdesk.core.people import PersonForm, save_person
from netdesk.core.person_details import Address, Entry
from netdesk.db.models import (
    CareerField,
    FollowUp,
    Interaction,
    Interview,
    InterviewQuestion,
    Introduction,
    LampEntry,
    Organization,
    Person,
    Referral,
)

NAME = ("Zenobia", "Quartermaine")
EMAIL = "zenobia.q@example.org"
PHONE = "+44 20 7946 0999"
MORE_EMAIL = "zq@home.example"
PNG = b"\x89PNG\r\n\x1a\n" + b"zenobia-photo-bytes" * 20


def populate() -> dict[str, int]:
    """Zenobia and the people around her; the ids by first name (and 'interview')."""
    bea = Person.create(first_name="Bea", last_name="Hollis", notes="Knows lots of people")
    cai = Person.create(first_name="Cai", last_name="Moreno")
    dee = Person.create(first_name="Dee", last_name="Santos")
    eve = Person.create(first_name="Eve", last_name="Tanaka")
    acme = Organization.create(name="Acme Analytics", sector="private")
    form = PersonForm(
        first_name=NAME[0], last_name=NAME[1], email=EMAIL, phone=PHONE,
        job_title="Data lead", organization="Acme Analytics", department="Insights",
        linkedin_url="https://www.linkedin.com/in/zenobia-quartermaine", nickname="Zen",
        tags="mentor, alumni", notes="Zenobia likes early calls", research_notes="Wrote a paper",
        career_fields=["Data science"], birthday="1980-04-02",
        entries=[Entry("email", MORE_EMAIL, "home"), Entry("custom", "Blue", "Colour")],
        addresses=[Address("home", "7 Quay Street", "Leeds", "", "LS1 4AB", "UK")],
        photo=PNG, record_source="Student intake form", consent="Notes kept for a year",
        consent_date="2026-09-01")
    zen = save_person(None, form).id
    Referral.create(referrer=bea, referred=zen, note="Bea suggested Zenobia")
    Referral.create(referrer=zen, referred=cai, note="Zenobia put me in touch")
    Referral.create(referrer=zen, referred=dee, note="")
    interview = Interview.create(person=zen, notes="Zenobia: talk about data teams",
                                 outreach_message="Dear Zenobia, …", advice="Learn SQL",
                                 career_field=CareerField.get(name="Data science"))
    InterviewQuestion.create(interview=interview, position=0, text="How did you start?",
                             category="career_path", notes="Zenobia started in physics")
    Interaction.create(person=zen, interview=interview, kind="meeting",
                       occurred_on=datetime.date(2026, 10, 2), summary="Coffee with Zenobia")
    FollowUp.create(person=zen, interview=interview, kind="thank_you",
                    due_on=datetime.date(2026, 10, 4), note="Thank Zenobia")
    Introduction.create(introducer=zen, target=eve, asked_on=datetime.date(2026, 10, 5),
                        message="Zenobia, could you introduce me to Eve?")
    Introduction.create(introducer=bea, target=zen, asked_on=datetime.date(2026, 9, 5),
                        message="Could you introduce me to Zenobia?")
    LampEntry.create(organization=acme, found_in="dream", motivation=3)
    return {"Zenobia": zen, "Bea": bea.id, "Cai": cai.id, "Dee": dee.id, "Eve": eve.id,
            "interview": interview.id, "Acme": acme.id}


NEEDLES = (NAME[0], NAME[1], " ".join(NAME), EMAIL, PHONE, MORE_EMAIL)
