"""Opening files: pragmas, recognising netdesk files, migrations from the first schema."""

import os
import sqlite3

import pytest
from peewee import SqliteDatabase

from netdesk.db import DatabaseFileError, open_database
from netdesk.db.database import APPLICATION_ID, migrate, schema_version
from netdesk.db.models import Organization, Person
from tests.db.raw import connect as raw_connect


@pytest.mark.sqlite_only
def test_new_file_gets_pragmas_and_application_id(db, db_path):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 1000
    with raw_connect(db_path) as raw:
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_reopening_keeps_data(db_path):
    db = open_database(db_path)
    Person.create(first_name="Ada")
    db.close()
    db = open_database(db_path)
    assert Person.select().count() == 1
    db.close()


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        (b"first name,last name\nAda,Lovelace\n", "not an SQLite file"),
        (os.urandom(4096), "not an SQLite file"),
    ],
)
def test_foreign_files_are_refused_and_left_untouched(tmp_path, content, reason):
    path = tmp_path / "other.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DatabaseFileError, match=reason):
        open_database(path)
    assert path.read_bytes() == content


def test_another_programs_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE recipes (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(DatabaseFileError, match="another program"):
        open_database(path)
    assert path.read_bytes() == before


def test_truncated_database_is_refused(tmp_path, db_path):
    db = open_database(db_path)
    Person.insert_many([{"first_name": f"P{i}"} for i in range(2000)]).execute()
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = db_path.read_bytes()
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(data[: len(data) // 3])
    with pytest.raises(DatabaseFileError):
        db = open_database(damaged)
        # A cut file may open; reading the cut part must still be reported, not crash.
        Person.select().count()


def test_database_from_a_newer_netdesk_is_refused(db_path):
    db = open_database(db_path)
    db.execute_sql(
        "INSERT INTO schema_migration (name, applied) VALUES ('9999_future', '2030-01-01')"
    )
    db.close()
    with pytest.raises(DatabaseFileError, match="newer version"):
        open_database(db_path)


def test_migration_from_the_first_schema_keeps_data(db_path):
    first = SqliteDatabase(str(db_path), pragmas={"foreign_keys": 1})
    first.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(first, db_path, target="0001_initial")
    assert schema_version(first) == "0001_initial"
    first.execute_sql("INSERT INTO organization (name, sector, website, culture_notes, notes, "
                      "created, updated) VALUES ('Acme', 'private', '', '', '', 0, 0)")
    first.execute_sql(
        "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, organization_id, "
        "job_title, relationship, stage, source, tags, notes, research_notes, created, updated) "
        "VALUES ('Ada', 'Lovelace', '', '', '', 1, 'Engineer', 'friend', 'to_contact', '', '', "
        "'', '', 0, 0)"
    )
    first.close()

    seen = []
    db = open_database(db_path, before_migrate=lambda _db, pending: seen.append(pending))
    assert len(seen) == 1 and seen[0][0] == "0002_person_search"  # later migrations follow
    assert Person.get().organization == Organization.get()
    hits = db.execute_sql(
        "SELECT rowid FROM person_search WHERE person_search MATCH 'acme'").fetchall()
    assert hits == [(1,)]
    db.close()
