"""Migration 0017 gives a populated database of the schema before it owners and sharing:
in a file every row is the one user's ('' owner, private) and nothing else changes; on
PostgreSQL the rows already there become the migrating administrator's, private, and the
roles, grants and row-level security are in place."""

from __future__ import annotations

import pytest
from peewee import SqliteDatabase

from netdesk.db import open_database
from netdesk.db.database import APPLICATION_ID, MIGRATIONS_DIR, migrate, schema_version

NAME = "0017_owners_and_sharing"
PERSON = ("INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
          "relationship, stage, source, tags, notes, research_notes, created, updated) "
          "VALUES (?, 'Lee', '', '', '', '', 'friend', 'contacted', '', '', 'a note', '', "
          "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
INTERVIEW = ("INSERT INTO interview (person_id, status, duration_minutes, mode, place, "
             "outreach_message, research_checklist, advice, action_plan, notes, created, "
             "updated) VALUES (1, 'done', 30, 'video', '', '', '', '', '', 'went well', "
             "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
INTERACTION = ("INSERT INTO interaction (person_id, kind, occurred_on, summary, created, "
               "updated) VALUES (1, 'meeting', '2026-05-01', '', CURRENT_TIMESTAMP, "
               "CURRENT_TIMESTAMP)")


def before_0017() -> str:
    """The migration just before 0017, whatever is numbered between 0015 and it."""
    names = sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))
    return names[names.index(NAME) - 1]


def _populate(db) -> None:
    for name in ("Ada", "Bo"):
        db.execute_sql(PERSON, (name,))
    db.execute_sql(INTERVIEW)
    db.execute_sql(INTERACTION)
    db.execute_sql("INSERT INTO profile (name, email, phone, degree, school, interests, "
                   "skills, seeking, pitch, created, updated) VALUES ('Me', '', '', '', '', "
                   "'', '', '', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
    db.execute_sql("INSERT INTO organization (name, sector, website, culture_notes, notes, "
                   "created, updated) VALUES ('Acme', '', '', '', '', CURRENT_TIMESTAMP, "
                   "CURRENT_TIMESTAMP)")
    db.execute_sql("INSERT INTO lamp_entry (organization_id, created, updated) "
                   "VALUES (1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")


def test_a_file_of_the_schema_before_gets_owners_and_sharing(db_path):
    old = SqliteDatabase(str(db_path), pragmas={"foreign_keys": 1})
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(old, db_path, target=before_0017())
    _populate(old)
    old.close()

    db = open_database(db_path)
    assert schema_version(db) >= NAME
    from netdesk.db.models import Interview, LampEntry, Member, Person, Profile

    assert [(p.first_name, p.owner, p.sharing, p.notes) for p in Person.select()] == [
        ("Ada", "", "private", "a note"), ("Bo", "", "private", "a note")]
    assert [(i.owner, i.sharing, i.notes) for i in Interview.select()] == [
        ("", "private", "went well")]
    assert Profile.get().owner == "" and LampEntry.get().owner == ""
    assert Member.select().count() == 0
    with pytest.raises(Exception, match="CHECK"):
        db.execute_sql("UPDATE person SET sharing = 'everyone' WHERE id = 1")
    new = Person.create(first_name="Cy")
    assert (Person.get_by_id(new.id).owner, Person.get_by_id(new.id).sharing) == ("", "private")
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def test_a_server_database_of_the_schema_before_gets_owners_roles_and_policies(postgres):
    from netdesk.db import server

    empty_server_url = postgres.new_database(template=None)
    db = server.connect(empty_server_url)
    db.connect()
    with db.atomic():
        server._recognise(db, empty_server_url)
        migrate(db, empty_server_url, target=before_0017())
    _populate(db)
    db.close()

    db = open_database(empty_server_url)
    assert schema_version(db) >= NAME
    from netdesk.db.models import Interview, Person, Profile

    assert [(p.first_name, p.owner, p.sharing) for p in Person.select().order_by(Person.id)] \
        == [("Ada", "postgres", "private"), ("Bo", "postgres", "private")]
    assert [(i.owner, i.sharing) for i in Interview.select()] == [("postgres", "private")]
    assert Profile.get().owner == "postgres"
    assert db.execute_sql("SELECT owner FROM interaction").fetchall() == [("postgres",)]
    forced = dict(db.execute_sql(
        "SELECT relname, relforcerowsecurity FROM pg_class WHERE relrowsecurity "
        "AND relkind = 'r'").fetchall())
    assert forced["person"] and forced["interview"] and forced["interaction"]
    assert not forced["person_search"]  # derived: kept by its owner's triggers
    roles = {r for (r,) in db.execute_sql(
        "SELECT rolname FROM pg_roles WHERE rolname LIKE 'netdesk%'")}
    assert roles >= {"netdesk_student", "netdesk_advisor", "netdesk_admin"}
    db.close()

    # a student sees none of what was there: it is the administrator's, private
    name = empty_server_url.rsplit("/", 1)[1]
    role = f"late_student_{name}"
    postgres.execute(f'CREATE ROLE "{role}" LOGIN IN ROLE netdesk_student')
    try:
        import psycopg

        with psycopg.connect(postgres.url(name, user=role), autocommit=True) as connection:
            assert connection.execute("SELECT count(*) FROM person").fetchone()[0] == 0
            assert connection.execute("SELECT count(*) FROM organization").fetchone()[0] == 1
            assert connection.execute("SELECT count(*) FROM lamp_entry").fetchone()[0] == 0
    finally:
        postgres.drop(empty_server_url)
        postgres.execute(f'DROP ROLE IF EXISTS "{role}"')
