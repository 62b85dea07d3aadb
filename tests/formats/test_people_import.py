"""Plan and apply: per-row actions, merge rules, in-file doubles, one transaction, cancel."""

import datetime

import pytest

from netdesk.core.people import entries_of
from netdesk.db.models import Interaction, Organization, Person
from netdesk.formats.people_import import (
    ADD,
    MERGE,
    SKIP,
    ImportCancelled,
    apply_plan,
    plan_import,
)
from netdesk.formats.records import ParseResult, PersonRecord


def _records(*records: PersonRecord, source: str = "") -> ParseResult:
    return ParseResult(records=list(records), source=source)


def test_merge_fills_empty_fields_and_keeps_the_users_own(db):
    org = Organization.create(name="Analytical Engines")
    ada = Person.create(first_name="Ada", last_name="Lovelace", email="ada@example.org",
                        job_title="Countess", notes="Met at a salon.", tags="math")
    record = PersonRecord(line=2, first_name="Ada", last_name="Lovelace",
                          email="ADA@example.org", phone="555 0100", job_title="Programmer",
                          organization="analytical engines", notes="From the conference.",
                          tags="Math, poetry")
    plan = plan_import(_records(record))
    (row,) = plan.rows
    assert (row.action, row.match.key, row.match.reason) == (MERGE, ada.id, "same email")
    assert row.changes == ["job title", "phone", "organization", "notes", "tags"]
    assert row.conflicts == {"job_title": ("Countess", "Programmer")}
    summary = apply_plan(plan)
    assert (summary.added, summary.merged) == (0, 1)
    ada = Person.get_by_id(ada.id)
    assert ada.email == "ada@example.org"
    assert ada.job_title == "Countess"  # never overwritten
    assert ada.phone == "555 0100"
    assert ada.organization_id == org.id
    assert ada.notes == "Met at a salon.\nFrom the conference."
    assert ada.tags == "math, poetry"
    assert [(e.kind, e.label, e.value) for e in entries_of(ada.id)] == [
        ("custom", "Job title (imported)", "Programmer")]


def test_per_row_choice_add_anyway_and_skip(db):
    Person.create(first_name="Ada", last_name="Lovelace", email="ada@example.org")
    plan = plan_import(_records(
        PersonRecord(line=2, first_name="Ada", last_name="Lovelace", email="ada@example.org"),
        PersonRecord(line=3, first_name="Grace", last_name="Hopper"),
        PersonRecord(line=4, first_name="Alan", last_name="Turing"),
    ))
    assert [r.action for r in plan.rows] == [MERGE, ADD, ADD]
    assert plan.rows[0].actions == (MERGE, SKIP, ADD)
    assert plan.rows[1].actions == (ADD, SKIP)
    plan.rows[0].action = ADD
    plan.rows[2].action = SKIP
    summary = apply_plan(plan)
    assert (summary.added, summary.merged, summary.skipped) == (2, 0, 1)
    assert Person.select().where(Person.first_name == "Ada").count() == 2
    assert not Person.select().where(Person.first_name == "Alan").exists()


def test_the_same_person_twice_in_one_file_is_added_once(db):
    plan = plan_import(_records(
        PersonRecord(line=2, first_name="Grace", last_name="Hopper", email="g@navy.example"),
        PersonRecord(line=9, first_name="Grace", last_name="Hopper", email="G@navy.example",
                     phone="555 0199"),
    ))
    assert plan.rows[1].action == MERGE and plan.rows[1].match.key == -1
    summary = apply_plan(plan)
    assert (summary.added, summary.merged) == (1, 1)
    assert Person.get().phone == "555 0199"


def test_merge_into_a_skipped_row_of_the_file_adds(db):
    plan = plan_import(_records(
        PersonRecord(line=2, first_name="Grace", last_name="Hopper", email="g@navy.example"),
        PersonRecord(line=3, first_name="Grace", last_name="Hopper", email="g@navy.example"),
    ))
    plan.rows[0].action = SKIP
    summary = apply_plan(plan)
    assert (summary.added, summary.merged, summary.skipped) == (1, 0, 1)


def test_connected_on_is_logged_once(db):
    record = PersonRecord(line=2, first_name="Ada", last_name="Lovelace",
                          linkedin_url="https://www.linkedin.com/in/ada",
                          connected_on=datetime.date(2024, 3, 5),
                          connected_summary="Connected on LinkedIn")
    apply_plan(plan_import(_records(record)))
    plan = plan_import(_records(record))
    assert plan.rows[0].changes == []
    apply_plan(plan)
    assert Interaction.select().count() == 1


def test_the_same_connection_twice_in_one_file_is_logged_once(db):
    def record(line):
        return PersonRecord(line=line, first_name="Ada", last_name="Lovelace",
                            linkedin_url="https://www.linkedin.com/in/ada",
                            connected_on=datetime.date(2024, 3, 5),
                            connected_summary="Connected on LinkedIn")

    summary = apply_plan(plan_import(_records(record(2), record(3))))
    assert (summary.added, summary.merged, summary.unchanged) == (1, 1, 1)
    assert Interaction.select().count() == 1


def test_a_failure_half_way_writes_nothing(db, dump, monkeypatch):
    Person.create(first_name="Existing", last_name="Person")
    before = dump(db)
    plan = plan_import(_records(*[
        PersonRecord(line=n, first_name=f"P{n}", last_name="X", organization=f"Org {n}")
        for n in range(2, 700)]))
    plan.rows[600].record.relationship = "not-a-relationship"  # the CHECK constraint refuses it
    with pytest.raises(Exception, match="(?i)check"):
        apply_plan(plan)
    assert dump(db) == before


def test_cancel_from_the_progress_callback_writes_nothing(db, dump):
    before = dump(db)
    plan = plan_import(_records(*[
        PersonRecord(line=n, first_name=f"P{n}", last_name="X") for n in range(2, 1200)]))
    seen = []

    def progress(done, total):
        seen.append(done)
        if done >= 500:
            raise ImportCancelled

    with pytest.raises(ImportCancelled):
        apply_plan(plan, progress=progress)
    assert seen and seen[-1] == 500
    assert dump(db) == before


def test_unknown_relationship_is_refused_before_anything():
    with pytest.raises(ValueError):
        plan_import(_records(), relationship="enemy")
