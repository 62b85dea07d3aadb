"""Indexes for the dashboard: last contact per person, and open follow-ups by date.

``interaction(person_id, occurred_on)`` lets "not contacted in a while" read the
newest date per person from the index alone; ``interaction(kind, occurred_on)``
serves the weekly habit (outreach per week) and reciprocity (help given and
received); ``follow_up(status, due_on)`` lets "due and overdue" skip closed
follow-ups.
"""

from netdesk.db import ddl

STATEMENTS = [
    'CREATE INDEX IF NOT EXISTS "interaction_person_id_occurred_on" '
    'ON "interaction" ("person_id", "occurred_on")',
    'CREATE INDEX IF NOT EXISTS "interaction_kind_occurred_on" '
    'ON "interaction" ("kind", "occurred_on")',
    'CREATE INDEX IF NOT EXISTS "follow_up_status_due_on" '
    'ON "follow_up" ("status", "due_on")',
]


def up(migrator, db):
    ddl.run(db, STATEMENTS)
