"""Migration 0016 adds a version and the last writer to every edited row of a populated
schema-0015 database, in place (no child row is lost), on SQLite and on PostgreSQL; from
then on every UPDATE raises the version, whoever writes it, and a save of a row read at an
older version is refused with ChangedElsewhere."""

from __future__ import annotations

import getpass

import pytest
from peewee import SqliteDatabase

from netdesk.db import open_database
from netdesk.db.database import APPLICATION_ID, migrate, schema_version
from netdesk.db.models import ChangedElsewhere, Edited, FollowUp, Interview, Person

EDITED = sorted(model._meta.table_name for model in Edited.__subclasses__())
ROWS = [
    "INSERT INTO organization (name, sector, website, culture_notes, notes, created, updated) "
    "VALUES ('Acme', 'private', '', '', '', '2026-01-01', '2026-01-01')",
    "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
    "relationship, stage, source, tags, notes, research_notes, organization_id, created, "
    "updated) VALUES ('Ada', 'Lee', '', '', '', '', 'friend', 'contacted', '', '', '', '', 1, "
    "'2026-01-01', '2026-01-01')",
    "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
    "relationship, stage, source, tags, notes, research_notes, created, updated) "
    "VALUES ('Bo', 'Lin', '', '', '', '', 'friend', 'contacted', '', '', '', '', "
    "'2026-01-01', '2026-01-01')",
    "INSERT INTO person_entry (person_id, kind, label, value, position) "
    "VALUES (1, 'email', 'work', 'ada@example.org', 0)",
    "INSERT INTO interview (person_id, status, duration_minutes, mode, place, outreach_message, "
    "research_checklist, advice, action_plan, notes, created, updated) "
    "VALUES (1, 'done', 30, 'video', '', '', '', '', '', 'went well', '2026-01-01', '2026-01-01')",
    "INSERT INTO interaction (person_id, kind, occurred_on, summary, created, updated) "
    "VALUES (1, 'help_received', '2026-05-01', 'a tip', '2026-01-01', '2026-01-01')",
    "INSERT INTO follow_up (person_id, kind, due_on, status, note, created, updated) "
    "VALUES (1, 'thank_you', '2026-05-02', 'open', '', '2026-01-01', '2026-01-01')",
    "INSERT INTO referral (referrer_id, referred_id, note, created, updated) "
    "VALUES (1, 2, '', '2026-01-01', '2026-01-01')",
]
COUNTS = ("person", "person_entry", "interview", "interaction", "follow_up", "referral",
          "organization", "person_help")


def _counts(db) -> dict[str, int]:
    return {table: db.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in COUNTS}


def _check_after(db, writer: str) -> None:
    for table in EDITED:
        columns = {c.name: c for c in db.get_columns(table)}
        assert "version" in columns and "changed_by" in columns, table
        assert not columns["version"].null and not columns["changed_by"].null
    assert db.execute_sql("SELECT version, changed_by FROM person ORDER BY id").fetchall() == [
        (1, ""), (1, "")]
    db.execute_sql("UPDATE person SET last_contact = '2026-06-01' WHERE id = 2")  # derived
    assert db.execute_sql("SELECT version FROM person WHERE id = 2").fetchone()[0] == 1

    # raw SQL raises the version (an import, a merge)
    db.execute_sql("UPDATE person SET notes = 'raw' WHERE id = 1")
    db.execute_sql("UPDATE interview SET notes = 'raw' WHERE person_id = 1")
    assert db.execute_sql("SELECT version FROM person WHERE id = 1").fetchone()[0] == 2
    assert Interview.get().version == 2
    # a bulk model update, and a save
    FollowUp.update(note="bulk").execute()
    follow_up = FollowUp.get()
    assert follow_up.version == 2
    follow_up.note = "saved"
    follow_up.save()
    assert FollowUp.get().version == 3 and FollowUp.get().changed_by == writer

    # a row read at version 2, changed meanwhile: refused, naming the writer and the values
    ada = Person.get_by_id(1)
    assert ada.version == 2
    db.execute_sql("UPDATE person SET notes = 'theirs', version = version + 1 WHERE id = 1")
    ada.notes = "mine"
    with pytest.raises(ChangedElsewhere) as refused:
        ada.save()
    assert refused.value.model is Person and refused.value.id == 1
    assert refused.value.values["notes"] == "theirs" and refused.value.version == 3
    assert Person.get_by_id(1).notes == "theirs"
    assert ada.version == 2  # as it was read: the caller merges
    fresh = Person.get_by_id(1)
    fresh.notes = "merged"
    fresh.save()
    assert Person.get_by_id(1).notes == "merged" and Person.get_by_id(1).version == 4
    assert Person.get_by_id(1).changed_by == writer
    # a writer putting an older version back (an undo restoring a snapshot) gets a newer one
    db.execute_sql("UPDATE person SET notes = 'undone', version = 2 WHERE id = 1")
    assert Person.get_by_id(1).version == 5


def test_sqlite_file_of_schema_0015_gains_versions_in_place(db_path):
    old = SqliteDatabase(str(db_path), pragmas={"foreign_keys": 1})
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(old, db_path, target="0015_help_summary")
    for row in ROWS:
        old.execute_sql(row)
    before = _counts(old)
    old.close()

    db = open_database(db_path)
    assert schema_version(db) >= "0016_row_versions"
    assert _counts(db) == before
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    _check_after(db, getpass.getuser())
    db.close()


def test_postgresql_database_of_schema_0015_gains_versions_in_place(postgres):
    from netdesk.db.server import _recognise, connect, open_server

    url = postgres.new_database(template=None)
    try:
        old = connect(url)
        with old.atomic():
            _recognise(old, url)
            migrate(old, url, target="0015_help_summary")
            for row in ROWS:
                old.execute_sql(row)
        before = _counts(old)
        old.close()

        db = open_server(url)
        try:
            assert schema_version(db) >= "0016_row_versions"
            assert _counts(db) == before
            _check_after(db, "postgres")  # the role, named by the trigger
            triggers = {name for (name,) in db.execute_sql(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
            assert {"person_version", "person_notify_update", "interview_notify_delete",
                    "person_entry_notify_insert"} <= triggers
        finally:
            db.close()
    finally:
        postgres.drop(url)


def test_the_writer_is_named_by_the_profile_on_a_file_and_by_the_role_on_a_server(db):
    from netdesk.db.dialect import is_server
    from netdesk.db.models import Profile

    ada = Person.create(first_name="Ada")
    Profile.create(name="Ada Advisor")
    ada.notes = "seen"
    ada.save()
    stored = Person.get_by_id(ada.id)
    assert stored.changed_by == ("postgres" if is_server(db) else "Ada Advisor")
    assert stored.version == 2
    Person.update(notes="bulk").execute()
    assert Person.get_by_id(ada.id).version == 3


def test_a_column_added_after_0016_raises_the_version_and_the_derived_date_does_not(db):
    """0017 adds owner and sharing to person: its version trigger names them too."""
    from netdesk.db.models import Person, database_proxy

    ada = Person.create(first_name="Ada", last_name="Lovelace")

    def version() -> int:
        return database_proxy.execute_sql(
            "SELECT version FROM person WHERE id = ?", [ada.id]).fetchone()[0]

    before = version()
    database_proxy.execute_sql("UPDATE person SET sharing = 'center' WHERE id = ?", [ada.id])
    assert version() == before + 1
    database_proxy.execute_sql(
        "UPDATE person SET last_contact = '2026-11-30' WHERE id = ?", [ada.id])
    assert version() == before + 1
