"""People as address books know them: name parts, nickname, department, birthday, the
labels of the preferred email and phone, and three new tables: ``person_entry`` (further
emails, phones, web pages, social profiles, messaging handles, dated events, related names,
custom fields), ``postal_address`` and ``person_photo``.

Columns are added in place (rebuilding ``person`` would delete its interviews, referrals
and the rest through ON DELETE CASCADE with foreign keys on); every existing value stays
where it was, so the migration loses nothing from any earlier schema.
"""

from peewee import SQL

from netdesk.db import ddl

TEXT_COLUMNS = ("name_prefix", "middle_name", "name_suffix", "nickname", "email_label",
                "phone_label", "department", "birthday")

STATEMENTS = [
    'CREATE TABLE IF NOT EXISTS "person_entry" ('
    '"id" INTEGER NOT NULL PRIMARY KEY, '
    '"person_id" INTEGER NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE, '
    '"kind" VARCHAR(255) NOT NULL CHECK (kind IN (\'email\', \'phone\', \'web\', \'social\', '
    '\'im\', \'event\', \'related\', \'custom\')), '
    '"label" VARCHAR(255) NOT NULL DEFAULT \'\', '
    '"value" TEXT NOT NULL, '
    '"position" INTEGER NOT NULL DEFAULT 0)',
    'CREATE INDEX IF NOT EXISTS "person_entry_person_id" ON "person_entry" ("person_id")',
    'CREATE INDEX IF NOT EXISTS "person_entry_person_id_position" '
    'ON "person_entry" ("person_id", "position")',
    'CREATE INDEX IF NOT EXISTS "person_entry_kind_value" ON "person_entry" ("kind", "value")',
    'CREATE TABLE IF NOT EXISTS "postal_address" ('
    '"id" INTEGER NOT NULL PRIMARY KEY, '
    '"person_id" INTEGER NOT NULL REFERENCES "person" ("id") ON DELETE CASCADE, '
    '"label" VARCHAR(255) NOT NULL DEFAULT \'\', '
    '"street" TEXT NOT NULL DEFAULT \'\', '
    '"city" VARCHAR(255) NOT NULL DEFAULT \'\', '
    '"region" VARCHAR(255) NOT NULL DEFAULT \'\', '
    '"postal_code" VARCHAR(255) NOT NULL DEFAULT \'\', '
    '"country" VARCHAR(255) NOT NULL DEFAULT \'\', '
    '"position" INTEGER NOT NULL DEFAULT 0)',
    'CREATE INDEX IF NOT EXISTS "postal_address_person_id" ON "postal_address" ("person_id")',
    'CREATE INDEX IF NOT EXISTS "postal_address_person_id_position" '
    'ON "postal_address" ("person_id", "position")',
    'CREATE TABLE IF NOT EXISTS "person_photo" ('
    '"person_id" INTEGER NOT NULL PRIMARY KEY REFERENCES "person" ("id") ON DELETE CASCADE, '
    '"image" BLOB NOT NULL)',
]


def up(migrator, db):
    migrator.migrate(*(
        migrator.add_column("person", name,
                            ddl.text_column(db, default="", constraints=[SQL("DEFAULT ''")]),
                            allow_not_null=True)
        for name in TEXT_COLUMNS))
    ddl.run(db, STATEMENTS)
