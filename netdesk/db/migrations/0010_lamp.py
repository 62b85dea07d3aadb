"""The LAMP list and introduction requests: two new tables. ``lamp_entry`` holds each
organization on the list (the pass it was found in, Motivation 0–3, Posting 1–3, and the
user's own yes/no over the computed Advocacy); ``introduction`` holds each double opt-in
request to a person in the middle (asked, introduced or declined, with dates, and the
referral recorded once introduced). Nothing existing changes.
"""

from netdesk.db import ddl

STATEMENTS = [
    'CREATE TABLE IF NOT EXISTS "lamp_entry" ('
    '"id" INTEGER NOT NULL PRIMARY KEY, '
    '"created" DATETIME NOT NULL, '
    '"updated" DATETIME NOT NULL, '
    '"organization_id" INTEGER NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE, '
    '"found_in" VARCHAR(255) NOT NULL DEFAULT \'dream\' '
    'CHECK (found_in IN (\'dream\', \'alumni\', \'posting\', \'trending\')), '
    '"motivation" INTEGER NOT NULL DEFAULT 0, '
    '"posting" INTEGER NOT NULL DEFAULT 1, '
    '"advocacy_override" INTEGER, '
    '"position" INTEGER NOT NULL DEFAULT 0)',
    'CREATE UNIQUE INDEX IF NOT EXISTS "lamp_entry_organization_id" '
    'ON "lamp_entry" ("organization_id")',
    'CREATE TABLE IF NOT EXISTS "introduction" ('
    '"id" INTEGER NOT NULL PRIMARY KEY, '
    '"created" DATETIME NOT NULL, '
    '"updated" DATETIME NOT NULL, '
    '"introducer_id" INTEGER NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE, '
    '"target_id" INTEGER NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE, '
    '"status" VARCHAR(255) NOT NULL DEFAULT \'asked\' '
    'CHECK (status IN (\'asked\', \'introduced\', \'declined\')), '
    '"asked_on" DATE NOT NULL, '
    '"answered_on" DATE, '
    '"message" TEXT NOT NULL DEFAULT \'\', '
    '"referral_id" INTEGER REFERENCES "referral" ("id") ON DELETE SET NULL, '
    'CHECK (introducer_id <> target_id))',
    'CREATE INDEX IF NOT EXISTS "introduction_introducer_id" ON "introduction" ("introducer_id")',
    'CREATE INDEX IF NOT EXISTS "introduction_target_id" ON "introduction" ("target_id")',
    'CREATE INDEX IF NOT EXISTS "introduction_referral_id" ON "introduction" ("referral_id")',
]


def up(migrator, db):
    ddl.run(db, STATEMENTS)
