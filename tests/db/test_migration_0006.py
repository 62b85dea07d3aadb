"""Migration 0006 adds the reciprocity index to a populated database of the previous schema,
and the dashboard's reciprocity query uses it."""

import datetime

from peewee import SqliteDatabase

from netdesk.core import dashboard
from netdesk.db import open_database
from netdesk.db.database import APPLICATION_ID, migrate, schema_version


def _indexes(db, table):
    return {row[1] for row in db.execute_sql(f"PRAGMA index_list({table})").fetchall()}


def test_reciprocity_index_is_added_and_used(db_path):
    old = SqliteDatabase(str(db_path), pragmas={"foreign_keys": 1})
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(old, db_path, target="0005_tree_indexes")
    for name in ("Ada", "Bea"):
        old.execute_sql(
            "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
            "relationship, stage, source, tags, notes, research_notes, created, updated) "
            "VALUES (?, 'Lovelace', '', '', '', '', 'friend', 'contacted', '', '', '', '', 0, 0)",
            (name,))
    for person, kind in ((1, "help_received"), (1, "help_received"), (2, "help_received"),
                         (2, "help_given")):
        old.execute_sql(
            "INSERT INTO interaction (person_id, kind, occurred_on, summary, created, updated) "
            "VALUES (?, ?, ?, '', 0, 0)", (person, kind, datetime.date(2026, 5, 1).isoformat()))
    assert "interaction_kind_person_id" not in _indexes(old, "interaction")
    old.close()

    db = open_database(db_path)
    assert schema_version(db) >= "0006_interaction_kind_person"
    assert "interaction_kind_person_id" in _indexes(db, "interaction")
    plan = db.execute_sql(
        "EXPLAIN QUERY PLAN SELECT 1 FROM interaction WHERE kind = ? AND person_id = ?",
        ["help_given", 1]).fetchall()
    assert "interaction_kind_person_id" in str(plan)
    result = dashboard.reciprocity()
    assert (result.received, result.given) == (3, 1)
    assert [(g.person_id, g.received) for g in result.owed] == [(1, 2)]
    db.close()
