"""Migration 0013 adds the record source and consent of people in place, on a populated
database of schema 0012: every person and every row hanging off them stays (a rebuild of
``person`` would have deleted them through ON DELETE CASCADE), the search index still
finds them, and the new fields start empty and can be written."""

from peewee import SqliteDatabase

from netdesk.core.people import PersonForm, save_person
from netdesk.db import open_database
from netdesk.db.database import APPLICATION_ID, migrate, schema_version
from netdesk.db.integrity import inspect_file
from netdesk.db.models import Interaction, Interview, Person, PersonEntry, Referral


def test_people_keep_everything_and_gain_record_source_and_consent(db_path):
    old = SqliteDatabase(str(db_path), pragmas={"foreign_keys": 1})
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(old, db_path, target="0012_last_contact")
    for name in ("Ada", "Bea"):
        old.execute_sql(
            "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
            "relationship, stage, source, tags, notes, research_notes, created, updated) "
            "VALUES (?, 'Lovelace', ?, '', '', 'Analyst', 'friend', 'contacted', 'Fair', "
            "'', 'Met at the fair', '', 0, 0)", (name, f"{name.lower()}@example.org"))
    old.execute_sql("INSERT INTO referral (referrer_id, referred_id, note, created, updated) "
                    "VALUES (1, 2, '', 0, 0)")
    old.execute_sql(
        "INSERT INTO interview (person_id, status, duration_minutes, mode, place, "
        "outreach_message, research_checklist, advice, action_plan, notes, time_zone, "
        "created, updated) VALUES (2, 'planning', 30, 'video', '', '', '', '', '', '', '', 0, 0)")
    old.execute_sql("INSERT INTO interaction (person_id, kind, occurred_on, summary, created, "
                    "updated) VALUES (2, 'meeting', '2026-10-01', 'Coffee', 0, 0)")
    old.execute_sql("INSERT INTO person_entry (person_id, kind, label, value, position) "
                    "VALUES (2, 'custom', 'Pet', 'Cat', 0)")
    old.close()

    db = open_database(db_path)
    assert schema_version(db) >= "0013_record_source_consent"
    ada, bea = Person.select().order_by(Person.id)
    assert (ada.email, ada.notes, ada.source) == ("ada@example.org", "Met at the fair", "Fair")
    assert (bea.record_source, bea.consent, bea.consent_date) == ("", "", "")
    assert Referral.select().count() == 1 and Interview.select().count() == 1
    assert Interaction.select().count() == 1 and PersonEntry.select().count() == 1
    assert bea.last_contact is None  # written past the model: kept as the file had it
    found = db.execute_sql("SELECT rowid FROM person_search WHERE person_search MATCH 'bea'")
    assert [row[0] for row in found] == [bea.id]
    columns = {row[1]: row for row in db.execute_sql('PRAGMA table_info("person")')}
    assert columns["consent"][3] == 1 and columns["consent"][4] == "''"  # NOT NULL DEFAULT ''

    form = PersonForm.from_person(bea)
    form.record_source, form.consent = "Student intake form", "Keep my notes; email me"
    form.consent_date = "2026-09-01"
    save_person(bea.id, form, only={"record_source", "consent", "consent_date"})
    again = Person.get_by_id(bea.id)
    assert (again.record_source, again.consent, again.consent_date) == (
        "Student intake form", "Keep my notes; email me", "2026-09-01")
    db.close()
    assert inspect_file(db_path).ok
