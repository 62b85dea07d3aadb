"""Reciprocity from the stored figures per person (migration 0015) equals the same figures
worked out in Python from every row, on the sample, on edge cases and after every kind of
write that adds, moves or removes help."""

from __future__ import annotations

import datetime
import json

from netdesk.core import dashboard, timeline
from netdesk.core.debrief import Debrief, record_debrief
from netdesk.core.duplicates import merge_people, unmerge_people
from netdesk.core.interviews import InterviewPlan, PlannedQuestion, save_plan
from netdesk.core.people import delete_person, restore_person
from netdesk.core.referrals import add_referral, remove_referral, restore_referral
from netdesk.db.models import Interaction, Interview, Person, Referral
from netdesk.formats.database_json import dump_database, load_dump

TODAY = datetime.date(2026, 11, 25)


def in_python() -> dashboard.Reciprocity:
    """The figures from every row, as the dashboard worked them out before 0015."""
    received: dict[int, int] = {}
    given: dict[int, int] = {}
    for row in Interaction.select(Interaction.person, Interaction.kind):
        if row.kind == "help_received":
            received[row.person_id] = received.get(row.person_id, 0) + 1
        elif row.kind == "help_given":
            given[row.person_id] = given.get(row.person_id, 0) + 1
    for row in Interview.select(Interview.person).where(Interview.status == "done"):
        received[row.person_id] = received.get(row.person_id, 0) + 1
    for row in Referral.select(Referral.referrer):
        received[row.referrer_id] = received.get(row.referrer_id, 0) + 1
    names = {p.id: " ".join(x for x in (p.first_name, p.last_name) if x)
             for p in Person.select(Person.id, Person.first_name, Person.last_name)}
    owed = sorted((dashboard.GiveBack(person_id=pid, person_name=names[pid], received=n,
                                      given=0)
                   for pid, n in received.items() if n > 0 and not given.get(pid)),
                  key=lambda g: (-g.received, g.person_name.strip().lower(), g.person_id))
    return dashboard.Reciprocity(received=sum(received.values()),
                                 given=sum(given.values()), owed=owed)


def stored_figures(db) -> dict[int, tuple[int, int]]:
    return {pid: (r, g) for pid, r, g in db.execute_sql(
        "SELECT person_id, received, given FROM person_help WHERE received <> 0 OR given <> 0")}


def figures_in_python() -> dict[int, tuple[int, int]]:
    received: dict[int, int] = {}
    given: dict[int, int] = {}
    for row in Interaction.select(Interaction.person, Interaction.kind):
        target = {"help_received": received, "help_given": given}.get(row.kind)
        if target is not None:
            target[row.person_id] = target.get(row.person_id, 0) + 1
    for row in Interview.select(Interview.person).where(Interview.status == "done"):
        received[row.person_id] = received.get(row.person_id, 0) + 1
    for row in Referral.select(Referral.referrer):
        received[row.referrer_id] = received.get(row.referrer_id, 0) + 1
    return {pid: (received.get(pid, 0), given.get(pid, 0))
            for pid in set(received) | set(given)}


def agrees(db) -> bool:
    assert stored_figures(db) == figures_in_python()
    assert dashboard.reciprocity(limit=10_000) == in_python()
    assert dashboard.reciprocity().owed == in_python().owed[:8]
    return True


def test_the_sample_network(sample_db):
    assert in_python().owed, "the sample has someone to give back to"
    assert agrees(sample_db)


def test_no_interactions_at_all(db):
    Person.create(first_name="Ada")
    assert dashboard.reciprocity() == dashboard.Reciprocity(received=0, given=0, owed=[])
    assert agrees(db)


def test_help_given_back_only(db):
    ada = Person.create(first_name="Ada")
    timeline.log(ada.id, "help_given", TODAY, "", TODAY)
    result = dashboard.reciprocity()
    assert (result.received, result.given, result.owed) == (0, 1, [])
    assert agrees(db)


def test_ties_in_name_order_and_those_given_back_left_out(db):
    people = {n: Person.create(first_name=n, last_name="Lee") for n in ("bo", "Al", "Cy", "Di")}
    for name in ("bo", "Al", "Cy", "Di"):
        timeline.log(people[name].id, "help_received", TODAY, "", TODAY)
    timeline.log(people["Cy"].id, "help_received", TODAY, "", TODAY)
    timeline.log(people["Di"].id, "help_given", TODAY, "", TODAY)
    assert [g.person_name for g in dashboard.reciprocity().owed] == ["Cy Lee", "Al Lee",
                                                                      "bo Lee"]
    assert agrees(db)


def test_logging_editing_and_removing_entries(db):
    ada, bo = Person.create(first_name="Ada"), Person.create(first_name="Bo")
    first = timeline.log(ada.id, "help_received", TODAY, "", TODAY).interaction
    timeline.log(ada.id, "note", TODAY, "", TODAY)
    assert agrees(db)
    Interaction.update(kind="help_given").where(Interaction.id == first.id).execute()
    assert agrees(db)
    Interaction.update(person=bo.id).where(Interaction.id == first.id).execute()
    assert agrees(db)
    timeline.remove(first.id)
    assert agrees(db) and stored_figures(db) == {}


def test_interviews_held_and_introductions_made(db):
    ana, bo, cy = (Person.create(first_name=n) for n in ("Ana", "Bo", "Cy"))
    when = datetime.datetime.combine(TODAY - datetime.timedelta(days=2), datetime.time(10))
    interview = save_plan(None, InterviewPlan(person_id=ana.id, scheduled_at=when,
                                              questions=[PlannedQuestion("Q?")])).id
    assert agrees(db)
    record_debrief(interview, Debrief(interest_occupation=4), today=TODAY)
    Interview.update(status="done").where(Interview.id == interview).execute()
    assert agrees(db) and stored_figures(db)[ana.id] == (1, 0)
    Interview.update(person=bo.id).where(Interview.id == interview).execute()
    assert agrees(db)
    add_referral(ana.id, cy.id)
    referral = Referral.get(Referral.referrer == ana.id)
    assert agrees(db)
    Referral.update(referrer=bo.id).where(Referral.id == referral.id).execute()
    assert agrees(db) and stored_figures(db)[bo.id] == (2, 0)
    removed = remove_referral(referral.id)
    assert agrees(db)
    restore_referral(removed.snapshot)
    assert agrees(db)
    Interview.delete().where(Interview.id == interview).execute()
    assert agrees(db)


def test_delete_restore_merge_and_unmerge(db):
    keep = Person.create(first_name="Ada", last_name="Lovelace")
    other = Person.create(first_name="Ada", last_name="Lovelace")
    friend = Person.create(first_name="Cy")
    timeline.log(keep.id, "help_received", TODAY, "", TODAY)
    timeline.log(other.id, "help_received", TODAY, "", TODAY)
    timeline.log(other.id, "help_given", TODAY, "", TODAY)
    add_referral(other.id, friend.id)
    merged = merge_people(keep.id, other.id)
    assert agrees(db)
    unmerge_people(merged)
    assert agrees(db)
    deleted = delete_person(other.id)
    assert agrees(db) and other.id not in stored_figures(db)
    restore_person(deleted.snapshot)
    assert agrees(db)
    deleted = delete_person(friend.id)  # the referral to them goes, and Ada's credit for it
    assert agrees(db)


def test_a_whole_database_export_leaves_the_figures_out_and_a_load_rebuilds_them(
        sample_db, tmp_path):
    from netdesk.db import open_database

    dump = json.loads(json.dumps(dump_database(), default=str))
    assert "person_help" not in dump["tables"]
    expected = in_python()
    sample_db.close()
    other = open_database(tmp_path / "other.sqlite3")
    load_dump(dump)
    assert dashboard.reciprocity(limit=10_000) == expected
    assert agrees(other)
    other.close()
