"""The last-contact date on people: ``person.last_contact`` holds the date of each person's
newest interaction (NULL when they have none), indexed, so the dashboard, the keep-in-touch
marks and the weekly review read one column instead of grouping the whole interaction log.

Added in place (rebuilding ``person`` would delete its children through ON DELETE CASCADE)
and filled from the interactions already logged; from here on every write of interactions
keeps it in step (``netdesk.db.last_contact``). The search index's update trigger (0002)
is narrowed to the columns it indexes, so setting the date does not rewrite a person's
search row. (On PostgreSQL the index's triggers watch only those columns from the start:
migration 0002.)
"""

from netdesk.db.dialect import is_server

_PERSON_ROW = """
    SELECT NEW.id,
           trim(NEW.first_name || ' ' || NEW.last_name),
           coalesce((SELECT name FROM organization WHERE id = NEW.organization_id), ''),
           NEW.job_title, NEW.email, NEW.tags
"""

STATEMENTS = [
    "DROP TRIGGER IF EXISTS person_search_update",
    f"""CREATE TRIGGER person_search_update
           AFTER UPDATE OF first_name, last_name, organization_id, job_title, email, tags
           ON person BEGIN
           DELETE FROM person_search WHERE rowid = OLD.id;
           INSERT INTO person_search (rowid, name, organization, job_title, email, tags)
           {_PERSON_ROW};
       END""",
    'ALTER TABLE "person" ADD COLUMN "last_contact" DATE',
    'UPDATE "person" SET "last_contact" = (SELECT max(i."occurred_on") FROM "interaction" i '
    'WHERE i."person_id" = "person"."id")',
    'CREATE INDEX IF NOT EXISTS "person_last_contact" ON "person" ("last_contact")',
]


def up(migrator, db):
    for statement in STATEMENTS[2:] if is_server(db) else STATEMENTS:
        db.execute_sql(statement)
