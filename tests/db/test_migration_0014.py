"""Migration 0014 adds the sync tables on a populated database of schema 0012: every person
gets a stable UID of their own, nothing else changes, and accounts and sync state can be
written."""

from peewee import SqliteDatabase

from netdesk.db import open_database
from netdesk.db.database import APPLICATION_ID, migrate, schema_version
from netdesk.db.integrity import inspect_file
from netdesk.db.models import Person, PersonUid, SyncAccount, SyncItem


def test_people_get_uids_and_the_sync_tables_are_new(db_path):
    old = SqliteDatabase(str(db_path), pragmas={"foreign_keys": 1})
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(old, db_path, target="0012_last_contact")
    for first in ("Ada", "Grace"):
        old.execute_sql(
            "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
            "relationship, stage, source, tags, notes, research_notes, created, updated) "
            f"VALUES ('{first}', '', '', '', '', '', 'friend', 'contacted', '', '', 'kept', "
            "'', 0, 0)")
    before = old.execute_sql("SELECT * FROM person ORDER BY id").fetchall()
    old.close()

    db = open_database(db_path)
    assert schema_version(db) >= "0014_sync"
    after = db.execute_sql("SELECT * FROM person ORDER BY id").fetchall()
    assert [row[:len(before[0])] for row in after] == before  # later migrations add columns
    uids = [row.uid for row in PersonUid.select().order_by(PersonUid.person)]
    assert len(uids) == 2 and len(set(uids)) == 2 and all(u.startswith("netdesk-") for u in uids)
    account = SyncAccount.create(url="https://dav.example.org/", user="me")
    SyncItem.create(account=account, kind="person", local_id=1, uid=uids[0], href="/a.vcf",
                    etag='"1"', state="{}")
    Person.delete_by_id(1)  # the state row outlives the person: the sync deletes the card
    assert SyncItem.select().count() == 1 and PersonUid.select().count() == 1
    db.close()
    assert inspect_file(db_path).ok
