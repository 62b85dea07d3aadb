"""Migration 0007 gives people their address-book fields on a populated database of the
previous schema: every value and every row hanging off a person stays, the new fields start
empty, and the editor's form reads and writes them."""

from peewee import SqliteDatabase

from netdesk.core.people import PersonForm, save_person
from netdesk.core.person_details import Address, Entry
from netdesk.db import open_database
from netdesk.db.database import APPLICATION_ID, migrate, schema_version
from netdesk.db.models import Interview, Person, PersonEntry, Referral


def test_people_keep_everything_and_gain_the_new_fields(db_path):
    old = SqliteDatabase(str(db_path), pragmas={"foreign_keys": 1})
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(old, db_path, target="0006_interaction_kind_person")
    for name, email in (("Ada", "ada@example.org"), ("Bea", "")):
        old.execute_sql(
            "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
            "relationship, stage, source, tags, notes, research_notes, created, updated) "
            "VALUES (?, 'Lovelace', ?, '+44 20 7946 0000', '', 'Analyst', 'friend', "
            "'contacted', 'Fair', 'a, b', 'Notes, with commas', '', 0, 0)", (name, email))
    old.execute_sql("INSERT INTO referral (referrer_id, referred_id, note, created, updated) "
                    "VALUES (1, 2, '', 0, 0)")
    old.execute_sql(
        "INSERT INTO interview (person_id, status, duration_minutes, mode, place, "
        "outreach_message, research_checklist, advice, action_plan, notes, time_zone, "
        "created, updated) VALUES (2, 'planning', 30, 'video', '', '', '', '', '', '', '', 0, 0)")
    old.close()

    db = open_database(db_path)
    assert schema_version(db) >= "0007_rich_people"
    ada, bea = Person.select().order_by(Person.id)
    assert (ada.email, ada.phone, ada.job_title, ada.notes, ada.tags) == (
        "ada@example.org", "+44 20 7946 0000", "Analyst", "Notes, with commas", "a, b")
    assert (ada.middle_name, ada.birthday, ada.department, ada.email_label) == ("", "", "", "")
    assert Referral.select().count() == 1 and Interview.select().count() == 1

    form = PersonForm.from_person(bea)
    form.middle_name, form.birthday, form.department = "Grace", "--03-15", "Research"
    form.entries = [Entry("email", "bea@work.example", "work"), Entry("event", "2020-06-01",
                                                                      "anniversary")]
    form.addresses = [Address("home", "1 High St\nFlat 2", "Leeds", "", "LS1 1AA", "UK")]
    form.photo = b"\x89PNG fake"
    save_person(bea.id, form)
    again = PersonForm.from_person(Person.get_by_id(bea.id))
    assert again == form
    assert [e.value for e in again.all_of("email")] == ["bea@work.example"]
    assert PersonEntry.select().count() == 2
    db.close()
