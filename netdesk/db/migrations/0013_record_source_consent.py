"""Where a person's record came from and what they agreed to, for records a career center
keeps: ``person.record_source`` ("Student intake form", "Imported from contacts.vcf on
2026-12-01"), ``person.consent`` (what the person agreed to, free text) and
``person.consent_date`` (the day it was given, ISO; '' when not given).

The columns are added in place (rebuilding ``person`` would delete its children through
ON DELETE CASCADE); every existing person starts with none of them. The search index's
triggers (0002, 0012) name their own columns and need no change.
"""

from peewee import SQL, CharField, TextField

from netdesk.db import ddl

COLUMNS = (
    ("record_source", CharField),
    ("consent", TextField),
    ("consent_date", CharField),
)


def _field(db, kind, **options):
    return ddl.text_column(db, **options) if kind is CharField else kind(**options)


def up(migrator, db):
    migrator.migrate(*(
        migrator.add_column("person", name,
                            _field(db, kind, default="", constraints=[SQL("DEFAULT ''")]),
                            allow_not_null=True)
        for name, kind in COLUMNS))
