"""Migration 0003 adds the dashboard's indexes to a populated database of the previous schema."""

import datetime

from peewee import SqliteDatabase

from netdesk.db import open_database
from netdesk.db.database import APPLICATION_ID, migrate, schema_version
from netdesk.db.models import Interaction, Person


def _indexes(db, table):
    return {row[1] for row in db.execute_sql(f"PRAGMA index_list({table})").fetchall()}


def test_contact_indexes_are_added_and_data_kept(db_path):
    old = SqliteDatabase(str(db_path), pragmas={"foreign_keys": 1})
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(old, db_path, target="0002_person_search")
    old.execute_sql(
        "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
        "relationship, stage, source, tags, notes, research_notes, created, updated) "
        "VALUES ('Ada', 'Lovelace', '', '', '', '', 'friend', 'contacted', '', '', '', '', 0, 0)")
    old.execute_sql(
        "INSERT INTO interaction (person_id, kind, occurred_on, summary, created, updated) "
        "VALUES (1, 'reply', '2026-01-05', 'Yes', 0, 0)")
    assert "interaction_person_id_occurred_on" not in _indexes(old, "interaction")
    old.close()

    db = open_database(db_path)
    assert schema_version(db) >= "0003_contact_indexes"
    assert {"interaction_person_id_occurred_on", "interaction_kind_occurred_on"} <= _indexes(
        db, "interaction")
    assert "follow_up_status_due_on" in _indexes(db, "follow_up")
    entry = Interaction.get()
    assert entry.person == Person.get() and entry.occurred_on == datetime.date(2026, 1, 5)
    db.close()
