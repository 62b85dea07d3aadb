"""The database's own facts, as key/value rows in a new table ``database_info``: ``id``, a
random id drawn once, which every calendar UID carries so that two databases never write the
same UID; and, for a file made before this migration, the highest interview and follow-up
ids it held then (``legacy_interview_max``, ``legacy_follow_up_max``): those keep the UIDs
earlier exports gave them, so a calendar that imported them updates them instead of
showing them twice. A new database has none (0).
"""

import secrets

from netdesk.db import ddl

STATEMENT = (
    'CREATE TABLE IF NOT EXISTS "database_info" ('
    '"id" INTEGER NOT NULL PRIMARY KEY, '
    '"key" VARCHAR(255) NOT NULL UNIQUE, '
    '"value" TEXT NOT NULL)')


def up(migrator, db):
    ddl.run(db, [STATEMENT])
    interviews = db.execute_sql('SELECT coalesce(max("id"), 0) FROM "interview"').fetchone()[0]
    follow_ups = db.execute_sql('SELECT coalesce(max("id"), 0) FROM "follow_up"').fetchone()[0]
    for key, value in (("id", secrets.token_hex(8)), ("legacy_interview_max", interviews),
                       ("legacy_follow_up_max", follow_ups)):
        db.execute_sql('INSERT INTO "database_info" ("key", "value") VALUES (?, ?) '
                       'ON CONFLICT DO NOTHING', (key, str(value)))
