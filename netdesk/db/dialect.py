"""The few places where SQLite and PostgreSQL speak differently, said once.

netdesk's own SQL is written once, with ``?`` placeholders and the SQL both databases
understand (``TRUE``, ``coalesce``, ``ON CONFLICT DO NOTHING``, row values, ``COLLATE
NOCASE``: a PostgreSQL netdesk database has a case-blind collation of that name). What
cannot be said the same way on both — the search index, a few functions — comes from
here, chosen by the database the models are bound to.
"""

from __future__ import annotations

import re

from peewee import Database, PostgresqlDatabase

from netdesk.db.models import database_proxy

_WORD_BREAK = re.compile(r"[\W_]+")


def is_server(db: Database | None = None) -> bool:
    """True when ``db`` (by default the database bound to the models) is PostgreSQL."""
    db = db if db is not None else database_proxy.obj
    return isinstance(db, PostgresqlDatabase)


def search_filter(column: str, db: Database | None = None) -> str:
    """A condition, with one ``?`` for a :func:`search_terms` value, true for the people
    whose id is in ``column`` and whose name, organization, title, email or tags have
    every searched word as a prefix."""
    if is_server(db):
        return (f"{column} IN (SELECT person_id FROM person_search "
                "WHERE document @@ to_tsquery('netdesk_search', ?))")
    return f"{column} IN (SELECT rowid FROM person_search WHERE person_search MATCH ?)"


def search_terms(words: list[str], db: Database | None = None) -> str:
    """The search index's query for people matching every one of ``words`` as a prefix."""
    if is_server(db):  # split as SQLite's tokenizer splits: on what is not a letter or digit
        parts = [part for word in words for part in _WORD_BREAK.split(word) if part]
        return " & ".join(f"'{part}':*" for part in parts) or "''"
    return " ".join(f'"{word}"*' for word in words)


def group_concat(expression: str, separator: str, db: Database | None = None) -> str:
    """The SQL joining ``expression`` over a group with ``separator`` (an SQL literal)."""
    if is_server(db):
        return f"string_agg(CAST({expression} AS TEXT), {separator})"
    return f"group_concat({expression}, {separator})"


def after_explicit_ids(table: str, db: Database | None = None) -> None:
    """Call after rows were inserted into ``table`` with ids chosen by netdesk (an import
    numbers its rows itself): PostgreSQL's id sequence is moved past them, so the next
    row it numbers does not take one of theirs. SQLite needs nothing."""
    db = db if db is not None else database_proxy.obj
    if is_server(db):
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f"coalesce((SELECT max(id) FROM \"{table}\"), 0) + 1, false)")


def no_limit(db: Database | None = None) -> str:
    """A LIMIT clause that keeps every row (SQLite wants one before an OFFSET)."""
    return "LIMIT ALL" if is_server(db) else "LIMIT -1"


def contains_text(haystack: str, needle: str, db: Database | None = None) -> str:
    """A condition true when the text ``needle`` occurs in ``haystack`` (case matters)."""
    if is_server(db):
        return f"strpos({haystack}, {needle}) > 0"
    return f"instr({haystack}, {needle}) > 0"


def like_condition(expression: str, db: Database | None = None) -> str:
    """``expression`` matched against one ``?`` LIKE pattern (``\\`` escapes), case ignored
    as SQLite's LIKE ignores it. On PostgreSQL ILIKE, said in the default collation: LIKE
    refuses the case-blind ``nocase`` collation of organization and career field names."""
    if is_server(db):
        return f"{expression} COLLATE \"default\" ILIKE ? ESCAPE '\\'"
    return f"{expression} LIKE ? ESCAPE '\\'"


def date_of(expression: str, db: Database | None = None) -> str:
    """The calendar date of a stored timestamp (or date)."""
    if is_server(db):
        return f"CAST({expression} AS DATE)"
    return f"date({expression})"


def days_between(later: str, earlier: str, db: Database | None = None) -> str:
    """The number of days from the date ``earlier`` to the date ``later`` (ISO text, a
    placeholder or a DATE column)."""
    if is_server(db):
        return f"(CAST({later} AS DATE) - CAST({earlier} AS DATE))"
    return f"(julianday({later}) - julianday({earlier}))"


def plus_minutes(moment: str, minutes: str, db: Database | None = None) -> str:
    """The timestamp ``minutes`` (an integer expression) after ``moment``; compares with a
    'YYYY-MM-DD HH:MM:SS' parameter on both databases."""
    if is_server(db):
        return f"(CAST({moment} AS TIMESTAMP) + ({minutes}) * INTERVAL '1 minute')"
    return f"datetime({moment}, printf('+%d minutes', {minutes}))"


def ordered_group_concat(expression: str, separator: str, order: str,
                         db: Database | None = None) -> str:
    """The SQL joining ``expression`` over a group with ``separator`` (an SQL literal) in
    the order of ``order``. SQLite joins in the order its input comes (the caller reads
    from a subquery sorted by ``order``); PostgreSQL is told the order."""
    if is_server(db):
        return f"string_agg(CAST({expression} AS TEXT), {separator} ORDER BY {order})"
    return f"group_concat({expression}, {separator})"


def in_peewee(sql: str, db: Database | None = None) -> str:
    """netdesk's SQL fragment (``?`` placeholders) said with the placeholder of peewee's
    queries on the bound database, to put in ``SQL(...)`` inside a peewee query: on
    PostgreSQL peewee writes ``%s`` itself, and a query cannot mix the two."""
    db = db if db is not None else database_proxy.obj
    return sql.replace("?", db.param) if is_server(db) else sql
