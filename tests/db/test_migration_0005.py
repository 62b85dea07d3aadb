"""Migration 0005 adds the contact tree's indexes to a populated database of the previous
schema, and the tree's queries use them."""

from peewee import SqliteDatabase

from netdesk.db import open_database
from netdesk.db.database import APPLICATION_ID, migrate, schema_version
from netdesk.db.models import Person


def _indexes(db, table):
    return {row[1] for row in db.execute_sql(f"PRAGMA index_list({table})").fetchall()}


def test_tree_indexes_are_added_and_used(db_path):
    old = SqliteDatabase(str(db_path), pragmas={"foreign_keys": 1})
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(old, db_path, target="0004_interview_time_zone")
    old.execute_sql(
        "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
        "relationship, stage, source, tags, notes, research_notes, created, updated) "
        "VALUES ('Ada', 'Lovelace', '', '', '', '', 'friend', 'contacted', '', '', '', '', 0, 0)")
    assert "person_relationship_name" not in _indexes(old, "person")
    old.close()

    db = open_database(db_path)
    assert schema_version(db) >= "0005_tree_indexes"
    assert {"person_organization_name", "person_relationship_name",
            "person_stage_name"} <= _indexes(db, "person")
    plan = db.execute_sql(
        "EXPLAIN QUERY PLAN SELECT count(*) FROM person p WHERE p.relationship = ? AND "
        "(p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id) < (?, ?, ?)",
        ["friend", "M", "A", 9]).fetchall()
    assert "person_relationship_name" in str(plan)
    assert Person.get().last_name == "Lovelace"
    db.close()
