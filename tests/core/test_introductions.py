"""Introduction requests: the double opt-in draft, asked → introduced (a referral the graph
shows) or declined, with dates, on the timelines, and refusals that leave the data as it was."""

from __future__ import annotations

import datetime

import pytest

from netdesk.core.graph import load_graph
from netdesk.core.introductions import (
    IntroductionError,
    draft_request,
    introductions,
    mark_declined,
    mark_introduced,
    record_asked,
)
from netdesk.core.lamp import who_can_introduce
from netdesk.core.profile import ProfileForm, save_profile
from netdesk.core.referrals import add_referral
from netdesk.core.timeline import entries
from netdesk.db.models import Introduction, Organization, Person, Referral

DAY = datetime.date(2026, 11, 2)


@pytest.fixture
def trio(db):
    acme = Organization.create(name="Acme")
    ann = Person.create(first_name="Ann", last_name="Lee", email="ann@example.org",
                        relationship="friend")
    ben = Person.create(first_name="Ben", last_name="Ray", relationship="referral",
                        job_title="Data Analyst", organization=acme)
    cy = Person.create(first_name="Cy", last_name="Ode", relationship="referral",
                       job_title="Director", organization=acme)
    add_referral(ann.id, ben.id)
    add_referral(ben.id, cy.id)
    return ann.id, ben.id, cy.id


def test_the_draft_is_a_note_and_a_forwardable_paragraph_from_the_profile(trio):
    save_profile(ProfileForm(name="Sam Park", email="sam@example.org", degree="BSc Biology",
                             school="Leeds University", seeking="roles in public health",
                             pitch="I spent two summers running a vaccination survey."))
    ann, ben, _cy = trio
    draft = draft_request(ann, ben)
    assert draft.recipient == "ann@example.org"
    assert draft.subject == "Could you introduce me to Ben Ray?"
    assert draft.note.startswith("Hi Ann,")
    assert "Ben Ray (Data Analyst, Acme)" in draft.note
    assert "whether they are open to it" in draft.note  # double opt-in
    assert draft.note.rstrip().endswith("Sam Park")
    assert draft.forwardable.startswith("Hello Ben,")
    for words in ("I am Sam Park, BSc Biology from Leeds University.",
                  "I am exploring roles in public health.", "vaccination survey",
                  "sam@example.org"):
        assert words in draft.forwardable
    assert draft.body.index(draft.note) < draft.body.index("A note you can forward") \
        < draft.body.index(draft.forwardable)


def test_without_a_profile_the_gaps_are_in_brackets(trio):
    ann, ben, _cy = trio
    draft = draft_request(ann, ben)
    assert "[your name]" in draft.note and "[your email]" in draft.forwardable


def test_asked_then_introduced_records_the_referral_for_the_graph(trio):
    ann, ben, cy = trio
    # Take away the referral Ben → Cy, then ask Ben to introduce Cy.
    Referral.delete().where(Referral.referred == cy).execute()
    asked = record_asked(ben, cy, "the message", DAY, today=DAY)
    assert asked.lamp and asked.touches_person(ben) and asked.touches_person(cy)
    row, = introductions()
    assert (row.introducer, row.target, row.organization, row.status) == (
        "Ben Ray", "Cy Ode", "Acme", "asked")
    assert row.dates_text() == "asked 2026-11-02" and row.summary() == "Asked on 2026-11-02"
    assert [e.summary for e in entries(ben)] == ["Asked for an introduction to Cy Ode"]

    later = DAY + datetime.timedelta(days=3)
    done = mark_introduced(row.id, later, today=later)
    assert done.referrals and done.touches_person(cy)
    referral = Referral.get((Referral.referrer == ben) & (Referral.referred == cy))
    assert referral.date == later
    intro = Introduction.get_by_id(row.id)
    assert (intro.status, intro.answered_on, intro.referral_id) == ("introduced", later,
                                                                    referral.id)
    graph = load_graph()
    assert any(e.referrer == ben and e.referred == cy for e in graph.referrals)
    contact = next(c for c in who_can_introduce(Organization.get(name="Acme").id, graph)
                   if c.person_id == cy)
    assert contact.path == (ann, ben, cy)
    assert introductions(cy)[0].dates_text() == "asked 2026-11-02, introduced 2026-11-05"
    assert [e.summary for e in entries(cy)] == ["Introduced by Ben Ray"]
    assert entries(ben)[0].kind == "help_received"
    with pytest.raises(IntroductionError, match="already marked introduced"):
        mark_declined(row.id, later, today=later)


def test_an_existing_referral_is_kept_not_doubled(trio):
    ann, ben, _cy = trio
    record_asked(ann, ben, "", DAY, today=DAY)
    mark_introduced(introductions()[0].id, DAY, today=DAY)
    assert Referral.select().where(Referral.referred == ben).count() == 1


def test_declined_closes_it_and_a_second_open_request_is_refused(trio):
    ann, ben, _cy = trio
    record_asked(ann, ben, "", DAY, today=DAY)
    with pytest.raises(IntroductionError, match="already asked"):
        record_asked(ann, ben, "", DAY, today=DAY)
    first = introductions()[0].id
    with pytest.raises(IntroductionError, match="before the request"):
        mark_declined(first, DAY - datetime.timedelta(days=1), today=DAY)
    mark_declined(first, DAY, today=DAY)
    assert Introduction.get_by_id(first).status == "declined"
    record_asked(ann, ben, "", DAY, today=DAY)  # a new request once the first is closed
    assert [r.status for r in introductions()] == ["asked", "declined"]


def test_a_referral_that_would_close_a_loop_leaves_everything_as_it_was(trio):
    ann, ben, cy = trio
    record_asked(cy, ann, "", DAY, today=DAY)  # Ann already leads to Cy
    row = introductions()[0]
    before = Referral.select().count()
    with pytest.raises(IntroductionError, match="loop"):
        mark_introduced(row.id, DAY, today=DAY)
    assert Referral.select().count() == before
    assert Introduction.get_by_id(row.id).status == "asked"
    assert len(entries(ann)) == 0 and len(entries(cy)) == 1
    with pytest.raises(IntroductionError):
        record_asked(ann, ann, "", DAY, today=DAY)
