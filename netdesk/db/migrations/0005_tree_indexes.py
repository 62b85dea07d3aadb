"""Indexes for the contact tree: each grouping column with the name sort keys.

The tree lists a group's people by last name, first name (case ignored), then
id, a page at a time from the last row shown. With these indexes a page, the
count of people before a given person, and a group's size are read from the
index in order, so opening someone deep in a group of 10,000 costs what the
first page costs.
"""

from netdesk.db import ddl

_SORT_KEYS = 'last_name COLLATE NOCASE, first_name COLLATE NOCASE, id'

STATEMENTS = [
    f'CREATE INDEX IF NOT EXISTS "person_organization_name" '
    f'ON "person" (organization_id, {_SORT_KEYS})',
    f'CREATE INDEX IF NOT EXISTS "person_relationship_name" '
    f'ON "person" (relationship, {_SORT_KEYS})',
    f'CREATE INDEX IF NOT EXISTS "person_stage_name" ON "person" (stage, {_SORT_KEYS})',
    'CREATE INDEX IF NOT EXISTS "person_career_field_field_person" '
    'ON "person_career_field" (career_field_id, person_id)',
]


def up(migrator, db):
    ddl.run(db, STATEMENTS)
