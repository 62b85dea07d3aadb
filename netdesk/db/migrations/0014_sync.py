"""Sync with CardDAV and CalDAV servers: three new tables, nothing else touched.

``person_uid`` gives every person a stable UID (the UID of their card on any server, and
what another card's referral points to), filled here for the people already there;
``sync_account`` holds each server account (its URL, user, the address book and calendar
chosen, the tags that choose who syncs, the interval, the last result and the servers'
sync tokens, never a password); ``sync_item`` holds, per account and per synced person,
interview or follow-up, the server's href and ETag, the UID, and the last synced version
of its fields (JSON), which tells which side changed a field since.
"""

from netdesk.db import ddl
from netdesk.db.dialect import is_server

UIDS = ('INSERT OR IGNORE INTO "person_uid" ("person_id", "uid") '
        "SELECT id, 'netdesk-' || lower(hex(randomblob(16))) FROM \"person\"")
SERVER_UIDS = ('INSERT INTO "person_uid" ("person_id", "uid") '
               "SELECT id, 'netdesk-' || replace(CAST(gen_random_uuid() AS TEXT), '-', '') "
               'FROM "person" ON CONFLICT DO NOTHING')

STATEMENTS = [
    'CREATE TABLE IF NOT EXISTS "person_uid" ('
    '"person_id" INTEGER NOT NULL PRIMARY KEY REFERENCES "person" ("id") ON DELETE CASCADE, '
    '"uid" VARCHAR(255) NOT NULL UNIQUE)',
    UIDS,
    'CREATE TABLE IF NOT EXISTS "sync_account" ('
    '"id" INTEGER NOT NULL PRIMARY KEY, '
    '"url" TEXT NOT NULL, '
    '"user" VARCHAR(255) NOT NULL, '
    '"addressbook_url" TEXT, '
    '"calendar_url" TEXT, '
    '"tags" TEXT NOT NULL DEFAULT \'\', '
    '"interval_minutes" INTEGER NOT NULL DEFAULT 15 CHECK (interval_minutes >= 0), '
    '"last_synced" DATETIME, '
    '"last_result" TEXT NOT NULL DEFAULT \'\', '
    '"addressbook_token" TEXT NOT NULL DEFAULT \'\', '
    '"calendar_token" TEXT NOT NULL DEFAULT \'\', '
    '"created" DATETIME NOT NULL)',
    'CREATE TABLE IF NOT EXISTS "sync_item" ('
    '"id" INTEGER NOT NULL PRIMARY KEY, '
    '"account_id" INTEGER NOT NULL REFERENCES "sync_account" ("id") ON DELETE CASCADE, '
    '"kind" VARCHAR(255) NOT NULL, '
    '"local_id" INTEGER, '
    '"uid" VARCHAR(255) NOT NULL, '
    '"href" TEXT NOT NULL DEFAULT \'\', '
    '"etag" TEXT NOT NULL DEFAULT \'\', '
    '"state" TEXT NOT NULL DEFAULT \'{}\')',
    'CREATE INDEX IF NOT EXISTS "sync_item_account_id" ON "sync_item" ("account_id")',
    'CREATE UNIQUE INDEX IF NOT EXISTS "sync_item_account_id_kind_uid" '
    'ON "sync_item" ("account_id", "kind", "uid")',
    'CREATE INDEX IF NOT EXISTS "sync_item_account_id_kind_local_id" '
    'ON "sync_item" ("account_id", "kind", "local_id")',
]


def up(migrator, db):
    server = is_server(db)
    for statement in STATEMENTS:
        if statement is UIDS and server:
            statement = SERVER_UIDS
        db.execute_sql(ddl.for_database(db, statement))
