"""``person.last_contact`` (migration 0012) equals the newest interaction of each person
after every kind of write that adds, moves or removes interactions."""

from __future__ import annotations

import datetime
import json

from peewee import SqliteDatabase

from netdesk.core import followups, timeline
from netdesk.core.debrief import Debrief, record_debrief
from netdesk.core.declines import record_decline
from netdesk.core.demo import populate_sample
from netdesk.core.duplicates import merge_people, unmerge_people
from netdesk.core.interviews import InterviewPlan, PlannedQuestion, mark_outreach_sent, save_plan
from netdesk.core.introductions import introductions, mark_introduced, record_asked
from netdesk.core.people import delete_person, restore_person
from netdesk.core.referrals import add_referral
from netdesk.db import open_database
from netdesk.db.database import APPLICATION_ID, migrate
from netdesk.db.integrity import inspect_file
from netdesk.db.models import Interaction, Organization, Person
from netdesk.formats.database_json import dump_database, load_dump
from netdesk.formats.import_undo import redo_import, undo_import
from netdesk.formats.people_import import apply_plan, plan_import
from netdesk.formats.records import ParseResult, PersonRecord

TODAY = datetime.date(2026, 11, 25)


def day(ago: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=ago)


def out_of_step(db) -> list[tuple]:
    """People whose stored date is not their newest interaction's, with both dates."""
    return db.execute_sql(
        "SELECT p.id, p.last_contact, (SELECT max(occurred_on) FROM interaction "
        "WHERE person_id = p.id) AS newest FROM person p WHERE p.last_contact IS DISTINCT FROM "
        "(SELECT max(occurred_on) FROM interaction WHERE person_id = p.id)").fetchall()


def stored(person_id: int) -> datetime.date | None:
    value = Person.select(Person.last_contact).where(Person.id == person_id).scalar()
    return datetime.date.fromisoformat(str(value)) if value else None


def test_logging_and_removing_entries(db):
    ada = Person.create(first_name="Ada")
    assert stored(ada.id) is None
    newest = timeline.log(ada.id, "message_sent", day(10), "Hello", TODAY).interaction
    assert stored(ada.id) == day(10)
    older = timeline.log(ada.id, "note", day(40), "", TODAY).interaction
    assert stored(ada.id) == day(10) and not out_of_step(db)
    timeline.remove(newest.id)
    assert stored(ada.id) == day(40)
    timeline.remove([older.id])
    assert stored(ada.id) is None and not out_of_step(db)


def test_a_person_read_before_an_entry_was_logged_does_not_put_the_old_date_back(db):
    ada = Person.create(first_name="Ada")
    read_before = Person.get_by_id(ada.id)
    timeline.log(ada.id, "reply", day(3), "", TODAY)
    read_before.notes = "Edited elsewhere"
    read_before.save()
    assert stored(ada.id) == day(3) and not out_of_step(db)


def test_outreach_sent_and_debrief(db):
    ana = Person.create(first_name="Ana", last_name="Ruiz")
    interview_id = save_plan(None, InterviewPlan(
        person_id=ana.id, scheduled_at=datetime.datetime.combine(day(2), datetime.time(10)),
        questions=[PlannedQuestion("Q?")])).id
    mark_outreach_sent(interview_id, day(9))
    assert stored(ana.id) == day(9)
    record_debrief(interview_id, Debrief(interest_occupation=4, thank_you_sent_on=day(1)),
                   today=TODAY)
    assert stored(ana.id) == day(1) and not out_of_step(db)


def test_follow_up_done_and_a_no(db):
    bo = Person.create(first_name="Bo")
    cy = Person.create(first_name="Cy")
    follow_up = followups.create(bo.id, "keep_in_touch", day(1)).id
    followups.mark_done(follow_up, TODAY)
    assert stored(bo.id) == TODAY
    record_decline(cy.id, TODAY, note="Busy")
    assert stored(cy.id) == TODAY and not out_of_step(db)


def test_lamp_introductions(db):
    ann = Person.create(first_name="Ann")
    ben = Person.create(first_name="Ben", organization=Organization.create(name="Acme"))
    add_referral(ann.id, ben.id)
    cy = Person.create(first_name="Cy")
    record_asked(ben.id, cy.id, "the message", day(5), today=TODAY)
    assert stored(ben.id) == day(5)
    mark_introduced(introductions()[0].id, day(2), today=TODAY)
    assert stored(cy.id) == day(2) and stored(ben.id) == day(2) and not out_of_step(db)


def test_import_undo_and_redo(db):
    ada = Person.create(first_name="Ada", last_name="Lovelace", email="ada@example.org")
    timeline.log(ada.id, "note", day(400), "", TODAY)
    records = [
        PersonRecord(line=2, first_name="Ada", last_name="Lovelace", email="ada@example.org",
                     connected_on=day(100)),
        PersonRecord(line=3, first_name="Alan", last_name="Turing", connected_on=day(200)),
    ]
    summary = apply_plan(plan_import(ParseResult(records=records, source="test")))
    alan = Person.get(Person.first_name == "Alan").id
    assert (stored(ada.id), stored(alan)) == (day(100), day(200)) and not out_of_step(db)
    undo_import(summary.record)
    assert stored(ada.id) == day(400) and not out_of_step(db)
    redo_import(summary.record)
    assert stored(ada.id) == day(100) and not out_of_step(db)


def test_delete_and_restore(db):
    ada = Person.create(first_name="Ada")
    timeline.log(ada.id, "meeting", day(7), "", TODAY)
    deleted = delete_person(ada.id)
    db.execute_sql("UPDATE person SET last_contact = NULL")  # nothing left to remember it
    person_id = restore_person(deleted.snapshot).id
    assert stored(person_id) == day(7) and not out_of_step(db)


def test_merge_and_unmerge(db):
    keep = Person.create(first_name="Ada", last_name="Lovelace")
    remove = Person.create(first_name="Ada", last_name="Lovelace")
    timeline.log(keep.id, "note", day(50), "", TODAY)
    timeline.log(remove.id, "reply", day(5), "", TODAY)
    merged = merge_people(keep.id, remove.id)
    assert stored(keep.id) == day(5) and not out_of_step(db)
    unmerge_people(merged)
    assert stored(keep.id) == day(50) and stored(remove.id) == day(5)
    assert not out_of_step(db)


def test_a_whole_database_file_of_before_the_stored_date(db, tmp_path):
    populate_sample(TODAY)
    assert not out_of_step(db) and Person.select().where(Person.last_contact.is_null(False))
    dump = json.loads(json.dumps(dump_database(), default=str))
    person = dump["tables"]["person"]
    at = person["columns"].index("last_contact")
    del person["columns"][at]
    for row in person["rows"]:
        del row[at]
    db.close()
    target = open_database(tmp_path / "new.sqlite3")
    load_dump(dump)
    assert Person.select().where(Person.last_contact.is_null(False)).count() >= 5
    assert not out_of_step(target)
    target.close()


def test_migration_fills_the_date_on_a_populated_0011_file(db_path):
    old = SqliteDatabase(str(db_path), pragmas={"foreign_keys": 1})
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(old, db_path, target="0011_keep_in_touch")
    for name in ("Ada", "Bo", "Cy"):
        old.execute_sql(
            "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
            "relationship, stage, source, tags, notes, research_notes, created, updated) "
            "VALUES (?, 'Lee', '', '', '', '', 'friend', 'contacted', '', '', '', '', 0, 0)",
            (name,))
    for person, on in ((1, "2026-01-05"), (1, "2026-03-01"), (1, "2025-12-24"),
                       (2, "2024-07-30")):
        old.execute_sql("INSERT INTO interaction (person_id, kind, occurred_on, summary, "
                        "created, updated) VALUES (?, 'note', ?, '', 0, 0)", (person, on))
    old.close()

    db = open_database(db_path)
    assert [(p.first_name, p.last_contact) for p in Person.select().order_by(Person.id)] == [
        ("Ada", datetime.date(2026, 3, 1)), ("Bo", datetime.date(2024, 7, 30)), ("Cy", None)]
    assert not out_of_step(db)
    plan = db.execute_sql("EXPLAIN QUERY PLAN SELECT id FROM person "
                          "WHERE last_contact < '2026-01-01' ORDER BY last_contact").fetchall()
    assert "person_last_contact" in " ".join(str(row) for row in plan)
    # the search index still follows the names, and no longer rewrites a row for a date
    Person.update(first_name="Adele").where(Person.id == 1).execute()
    assert db.execute_sql("SELECT rowid FROM person_search WHERE person_search MATCH "
                          "'adele'").fetchall() == [(1,)]
    Interaction.create(person=3, kind="note", occurred_on=datetime.date(2026, 4, 1))
    assert Person.get_by_id(3).last_contact == datetime.date(2026, 4, 1)
    db.close()
    assert inspect_file(db_path).ok
