"""Many writers: a version and the last writer on every row the user edits, and (on
PostgreSQL) a notice to every listening netdesk when rows change.

Each edited table (those of ``netdesk.db.models.Edited``) gains ``version`` (1 for the rows
already there) and ``changed_by`` (''), added in place: rebuilding a table would delete its
children through ON DELETE CASCADE. Every UPDATE of such a row raises its version, whoever
makes it (a model save, a bulk update, raw SQL in an import or a merge, a sync):

* on SQLite an AFTER UPDATE trigger raises it when the writer did not (``WHEN NEW.version <=
  OLD.version``: a writer that put an older version back, an undo restoring a snapshot, gets
  a newer one too): the model layer raises it itself and names the writer, so an edit through
  the models costs the trigger a comparison only;
* on PostgreSQL a BEFORE UPDATE trigger sets ``version`` to the old one plus one and
  ``changed_by`` to the role that wrote it.

Setting a derived column (``person.last_contact``, kept by ``netdesk.db.last_contact`` from
the interactions) is not an edit and leaves the version as it is; a migration that adds a
column to ``person`` adds it to the ``person_version`` trigger's column list too.

A save through the models then writes only when the stored row still has the version it
was read at (``netdesk.db.models.ChangedElsewhere`` otherwise).

On PostgreSQL, statement-level triggers (with transition tables, so a bulk write sends one
notice, not thousands) send ``pg_notify('netdesk_changes', JSON)`` naming the table, the
operation, the ids, the people (and interviews) concerned, and the writer's backend pid
and role (up to :data:`PART` rows a notice). ``netdesk.db.notices`` listens;
``netdesk.core.remote_changes`` turns notices into one ``Changes``.
"""

from netdesk.db import ddl
from netdesk.db.dialect import is_server

EDITED_TABLES = (
    "organization", "person", "career_field", "referral", "interview", "question",
    "interview_question", "interaction", "follow_up", "template", "profile", "lamp_entry",
    "introduction",
)
CHANNEL = "netdesk_changes"
PART = 300
"""A notice names up to this many rows (a notice holds at most 8000 bytes): a statement that
touched more sends one notice per part of them."""

NOTIFIED = {
    # table: (its id column or None, {what: [columns naming it]})
    "organization": ("id", {}),
    "person": ("id", {"people": ["id"]}),
    "career_field": ("id", {}),
    "referral": ("id", {"people": ["referrer_id", "referred_id"]}),
    "interview": ("id", {"people": ["person_id"]}),
    "question": ("id", {}),
    "interview_question": ("id", {"interviews": ["interview_id"]}),
    "interaction": ("id", {"people": ["person_id"]}),
    "follow_up": ("id", {"people": ["person_id"]}),
    "template": ("id", {}),
    "profile": ("id", {}),
    "lamp_entry": ("id", {}),
    "introduction": ("id", {"people": ["introducer_id", "target_id"]}),
    "person_entry": ("id", {"people": ["person_id"]}),
    "postal_address": ("id", {"people": ["person_id"]}),
    "person_photo": (None, {"people": ["person_id"]}),
    "person_career_field": ("id", {"people": ["person_id"]}),
}
"""The tables whose changes are announced on PostgreSQL, and what a notice names."""


def _columns(table: str) -> list[str]:
    return [f'ALTER TABLE "{table}" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1',
            f'ALTER TABLE "{table}" ADD COLUMN "changed_by" TEXT NOT NULL DEFAULT \'\'']


DERIVED = {"person": frozenset({"last_contact"})}
"""Columns kept by netdesk itself from other rows (``netdesk.db.last_contact``): setting them
is not an edit, so it does not raise the version (a person read before an interaction was
logged is still saved over)."""


def _aggregate(columns: list[str]) -> str:
    """A JSON array of the distinct non-null values of ``columns`` in one part of the rows."""
    return " || ".join(
        f"coalesce(jsonb_agg(DISTINCT {column}) FILTER (WHERE {column} IS NOT NULL), "
        "'[]'::jsonb)" for column in columns)


def _notify_function(table: str) -> str:
    id_column, named = NOTIFIED[table]
    order = id_column or named["people"][0]
    ids = _aggregate([id_column]) if id_column else "'[]'::jsonb"
    parts = [f"'ids', {ids}"]
    parts += [f"'{what}', {_aggregate(columns)}" for what, columns in named.items()
              if columns != [id_column]]
    return f"""CREATE FUNCTION netdesk_notify_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          named jsonb;
        BEGIN
          FOR named IN
            SELECT jsonb_build_object({", ".join(parts)})
              FROM (SELECT *, (row_number() OVER (ORDER BY {order}) - 1) / {PART} AS part
                      FROM changed_rows) AS numbered
             GROUP BY part
          LOOP
            PERFORM pg_notify('{CHANNEL}', (jsonb_build_object(
                'table', TG_TABLE_NAME, 'op', TG_OP, 'pid', pg_backend_pid(),
                'role', current_user) || named)::text);
          END LOOP;
          RETURN NULL;
        END $$"""


def _notify_triggers(table: str) -> list[str]:
    statements = [_notify_function(table)]
    for operation, rows in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
        statements.append(
            f'CREATE TRIGGER "{table}_notify_{operation.lower()}" AFTER {operation} ON '
            f'"{table}" REFERENCING {rows} TABLE AS changed_rows FOR EACH STATEMENT '
            f"EXECUTE FUNCTION netdesk_notify_{table}()")
    return statements


def statements(db) -> list[str]:
    """What the migration runs on SQLite ``db`` (after adding the columns)."""
    return [statement for table in EDITED_TABLES
            for statement in ddl.version_trigger(db, table, DERIVED.get(table, frozenset()))]


def server_statements(db) -> list[str]:
    """What the migration runs on PostgreSQL ``db`` (after adding the columns)."""
    return [*SERVER_FUNCTIONS,
            *(statement for table in EDITED_TABLES
              for statement in ddl.version_trigger(db, table, DERIVED.get(table, frozenset()))),
            *(statement for table in NOTIFIED for statement in _notify_triggers(table))]


SERVER_FUNCTIONS = [
    """CREATE FUNCTION netdesk_version() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.version := OLD.version + 1;
          NEW.changed_by := current_user;
          RETURN NEW;
        END $$""",
]


def up(migrator, db):
    for statement in [statement for table in EDITED_TABLES for statement in _columns(table)]:
        db.execute_sql(statement)
    for statement in server_statements(db) if is_server(db) else statements(db):
        db.execute_sql(statement)
