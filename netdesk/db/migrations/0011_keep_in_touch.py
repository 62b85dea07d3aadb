"""Keep-in-touch tiers and response labels on people: ``person.tier`` (A, B or C, '' for
none: how often the user means to be in touch, the intervals in Preferences → Method) and
``person.response_label`` (quick, slow or no_answer when the user set how someone responds
by hand; '' leaves it to the reply times), with an index on the tier for the people due
for a catch-up.

Both columns are added in place (rebuilding ``person`` would delete its children through
ON DELETE CASCADE); every existing person starts with neither.
"""

from netdesk.db import ddl

STATEMENTS = [
    'ALTER TABLE "person" ADD COLUMN "tier" VARCHAR(255) NOT NULL DEFAULT \'\' '
    "CHECK (tier IN ('A', 'B', 'C', ''))",
    'ALTER TABLE "person" ADD COLUMN "response_label" VARCHAR(255) NOT NULL DEFAULT \'\' '
    "CHECK (response_label IN ('quick', 'slow', 'no_answer', ''))",
    'CREATE INDEX IF NOT EXISTS "person_tier" ON "person" ("tier")',
]


def up(migrator, db):
    ddl.run(db, STATEMENTS)
