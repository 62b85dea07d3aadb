"""Undo and redo of a whole people import: exactly the rows it wrote, exactly as they were."""

import datetime

from netdesk.db.models import CareerField, Interview, Organization, Person, PersonCareerField
from netdesk.formats.import_undo import redo_import, undo_import
from netdesk.formats.people_import import apply_plan, plan_import
from netdesk.formats.records import ParseResult, PersonRecord
from tests.formats.conftest import table_dump


def _import(*records: PersonRecord):
    summary = apply_plan(plan_import(ParseResult(records=list(records), source="test")))
    assert summary.record is not None
    return summary


def _network():
    org = Organization.create(name="Analytical Engines")
    ada = Person.create(first_name="Ada", last_name="Lovelace", email="ada@example.org",
                        organization=org, notes="Met at a salon.", tags="math")
    grace = Person.create(first_name="Grace", last_name="Hopper", email="grace@navy.mil")
    CareerField.create(name="Computing")
    return ada, grace


RECORDS = (
    PersonRecord(line=2, first_name="Ada", last_name="Lovelace", email="ada@example.org",
                 phone="555 0100", notes="From the conference.", tags="Math, poetry",
                 career_fields=["Computing", "Poetry"],
                 connected_on=datetime.date(2024, 3, 5)),
    PersonRecord(line=3, first_name="Grace", last_name="Hopper", email="grace@navy.mil",
                 organization="US Navy", job_title="Rear admiral"),
    PersonRecord(line=4, first_name="Alan", last_name="Turing", organization="Bletchley Park",
                 career_fields=["Cryptography"], connected_on=datetime.date(2023, 1, 2)),
    PersonRecord(line=5, first_name="Alan", last_name="Turing", email="alan@example.org",
                 organization="Bletchley Park"),
    PersonRecord(line=6, first_name="Katherine", last_name="Johnson",
                 organization="Analytical Engines"),
)


def test_undo_takes_back_exactly_what_the_import_wrote_and_redo_writes_it_again(db):
    ada, grace = _network()
    before = table_dump(db)
    summary = _import(*RECORDS)
    after = table_dump(db)
    assert after != before
    assert (summary.added, summary.merged) == (2, 3)
    changes = undo_import(summary.record)
    assert table_dump(db) == before
    assert changes.people_removed == summary.changes.people_added
    assert {ada.id, grace.id} <= set(changes.person_fields)
    assert changes.organizations == summary.changes.organizations
    redo_import(summary.record)
    assert table_dump(db) == after
    undo_import(summary.record)
    assert table_dump(db) == before


def test_redo_after_an_id_was_taken_gives_new_ids_and_undo_follows(db):
    _network()
    summary = _import(*RECORDS)
    undo_import(summary.record)
    taken = Person.create(id=min(summary.changes.people_added),  # takes an undone id
                          first_name="Someone", last_name="New")
    assert taken.id in summary.changes.people_added
    Organization.create(name="us navy")  # and a name the import had created
    before = table_dump(db)
    changes = redo_import(summary.record)
    assert Person.get_by_id(taken.id).first_name == "Someone"
    alan = Person.get(Person.first_name == "Alan")
    assert alan.id in changes.people_added and alan.id != taken.id
    assert alan.organization.name == "Bletchley Park"
    assert [f.career_field.name for f in PersonCareerField.select().where(
        PersonCareerField.person == alan.id)] == ["Cryptography"]
    assert Person.get(Person.first_name == "Grace").organization.name == "us navy"
    assert Organization.select().where(Organization.name == "US Navy").count() == 1
    undo_import(summary.record)
    assert table_dump(db) == before


def test_undo_keeps_an_organization_someone_was_put_in_since(db):
    _network()
    summary = _import(*RECORDS)
    bletchley = Organization.get(Organization.name == "Bletchley Park")
    joan = Person.create(first_name="Joan", last_name="Clarke", organization=bletchley)
    alan = Person.get(Person.first_name == "Alan")
    Interview.create(person=alan)
    changes = undo_import(summary.record)
    assert Person.get_by_id(joan.id).organization_id == bletchley.id
    assert not Person.select().where(Person.first_name == "Alan").exists()
    assert changes.interviews and not Interview.select().exists()
