"""Index for the dashboard's reciprocity: help received and given, person by person.

``interaction(kind, person_id)`` lets "help received" be grouped per person from
the index alone, in order, and tells at one look-up whether a person has had
help given back.
"""

from netdesk.db import ddl

STATEMENTS = [
    'CREATE INDEX IF NOT EXISTS "interaction_kind_person_id" '
    'ON "interaction" ("kind", "person_id")',
]


def up(migrator, db):
    ddl.run(db, STATEMENTS)
