"""Reciprocity figures per person, kept by SQLite: ``person_help`` holds, for each person,
the help received from them (interactions of kind ``help_received``, interviews held,
introductions they made) and the help given back to them (interactions of kind
``help_given``). The dashboard lists the people who helped most and had nothing back
from a partial index on this table, instead of grouping the whole interaction log.

Triggers on ``interaction``, ``interview`` and ``referral`` keep the figures in step in
the same transaction as every write, whoever makes it (core, an import, a merge, an
undo, a sync); a person's row goes with the person (ON DELETE CASCADE). The table is
derived data: a whole-database export leaves it out and a load rebuilds it through the
triggers. Filled here from what is already logged.

Also an index on ``follow_up(status, done_on)``: the weekly habit counts the follow-ups
done in the last twelve weeks from it, not from every follow-up ever done.

A new table, triggers and indexes only: nothing is rebuilt. On PostgreSQL each table's
three triggers are one trigger function of the same steps.
"""

from netdesk.db.dialect import is_server

_HELP = "('help_received', 'help_given')"


def _add(person: str, received: str, given: str, when: str) -> str:
    """Add to a person's figures, making their row if they have none yet."""
    return (f'INSERT INTO "person_help" ("person_id", "received", "given") '
            f"SELECT {person}, {received}, {given} WHERE {when} "
            'ON CONFLICT ("person_id") DO UPDATE SET '
            '"received" = "received" + excluded."received", '
            '"given" = "given" + excluded."given";')


def _take(person: str, received: str, given: str, when: str) -> str:
    """Take from a person's figures (their row exists, unless the person is being deleted)."""
    return (f'UPDATE "person_help" SET "received" = "received" - ({received}), '
            f'"given" = "given" - ({given}) WHERE "person_id" = {person} AND {when};')


def _interaction(row: str) -> tuple[str, str, str, str]:
    return (f"{row}.person_id", f"({row}.kind = 'help_received')",
            f"({row}.kind = 'help_given')", f"{row}.kind IN {_HELP}")


def _interview(row: str) -> tuple[str, str, str, str]:
    return f"{row}.person_id", "1", "0", f"{row}.status = 'done'"


def _referral(row: str) -> tuple[str, str, str, str]:
    return f"{row}.referrer_id", "1", "0", f"{row}.referrer_id IS NOT NULL"


def _triggers(table: str, parts, update_of: str) -> list[str]:
    return [
        f'DROP TRIGGER IF EXISTS "{table}_help_insert"',
        f'CREATE TRIGGER "{table}_help_insert" AFTER INSERT ON "{table}" '
        f"BEGIN {_add(*parts('NEW'))} END",
        f'DROP TRIGGER IF EXISTS "{table}_help_delete"',
        f'CREATE TRIGGER "{table}_help_delete" AFTER DELETE ON "{table}" '
        f"BEGIN {_take(*parts('OLD'))} END",
        f'DROP TRIGGER IF EXISTS "{table}_help_update"',
        f'CREATE TRIGGER "{table}_help_update" AFTER UPDATE OF {update_of} ON "{table}" '
        f"BEGIN {_take(*parts('OLD'))} {_add(*parts('NEW'))} END",
    ]


def _server_trigger(table: str, parts, update_of: str) -> list[str]:
    """The same steps as :func:`_triggers`, as a PostgreSQL trigger function."""
    person, received, given, when = parts("NEW")
    old_person, old_received, old_given, old_when = parts("OLD")
    return [
        f"""CREATE FUNCTION netdesk_{table}_help() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP <> 'INSERT' AND {old_when} THEN
                UPDATE person_help SET received = received - CAST({old_received} AS INTEGER),
                                       given = given - CAST({old_given} AS INTEGER)
                 WHERE person_id = {old_person};
              END IF;
              IF TG_OP <> 'DELETE' AND {when} THEN
                INSERT INTO person_help (person_id, received, given)
                VALUES ({person}, CAST({received} AS INTEGER), CAST({given} AS INTEGER))
                ON CONFLICT (person_id) DO UPDATE
                   SET received = person_help.received + excluded.received,
                       given = person_help.given + excluded.given;
              END IF;
              RETURN NULL;
            END $$""",
        f'CREATE TRIGGER "{table}_help" AFTER INSERT OR DELETE OR UPDATE OF {update_of} '
        f'ON "{table}" FOR EACH ROW EXECUTE FUNCTION netdesk_{table}_help()',
    ]


_TABLES = (("interaction", _interaction, "kind, person_id"),
           ("interview", _interview, "status, person_id"),
           ("referral", _referral, "referrer_id"))

STATEMENTS = [
    'CREATE TABLE IF NOT EXISTS "person_help" ('
    '"person_id" INTEGER NOT NULL PRIMARY KEY REFERENCES "person" ("id") ON DELETE CASCADE, '
    '"received" INTEGER NOT NULL DEFAULT 0, '
    '"given" INTEGER NOT NULL DEFAULT 0)',
    'DELETE FROM "person_help"',
    'INSERT INTO "person_help" ("person_id", "received", "given") '
    'SELECT person_id, sum(received), sum(given) FROM ('
    "  SELECT person_id, CAST(kind = 'help_received' AS INTEGER) AS received, "
    "         CAST(kind = 'help_given' AS INTEGER) AS given "
    f"    FROM interaction WHERE kind IN {_HELP} "
    "  UNION ALL SELECT person_id, 1, 0 FROM interview WHERE status = 'done' "
    "  UNION ALL SELECT referrer_id, 1, 0 FROM referral WHERE referrer_id IS NOT NULL) AS help "
    "WHERE person_id IN (SELECT id FROM person) GROUP BY person_id",
    'CREATE INDEX IF NOT EXISTS "person_help_owed" ON "person_help" ("received" DESC) '
    'WHERE "given" = 0 AND "received" > 0',
    'CREATE INDEX IF NOT EXISTS "follow_up_status_done_on" ON "follow_up" ("status", "done_on")',
    *(statement for table in _TABLES for statement in _triggers(*table)),
]
SERVER_STATEMENTS = [
    *STATEMENTS[:5],
    *(statement for table in _TABLES for statement in _server_trigger(*table)),
]


def up(migrator, db):
    for statement in SERVER_STATEMENTS if is_server(db) else STATEMENTS:
        db.execute_sql(statement)
