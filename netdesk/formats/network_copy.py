"""A whole network copied from one netdesk database into another, empty one, losslessly.

Either side may be a SQLite file or a PostgreSQL database. Every data table is copied
column by column with its ids (the same tables :mod:`netdesk.formats.database_json`
writes: photos as their bytes, links and time stamps as they are), parents before
children; on PostgreSQL each id sequence is then moved past the ids copied. The derived
tables (the search index, ``person_help``) are not copied: the target's own triggers fill
them as the rows go in, in its own dialect.

The source is read in one snapshot (a read transaction; on PostgreSQL REPEATABLE READ),
so a network others keep changing is copied as it was at one moment. The target is
written in one transaction: a failure, or a target found not empty, leaves it as it was.
"""

from __future__ import annotations

from peewee import Database

from netdesk.db.database import schema_version
from netdesk.db.dialect import is_server
from netdesk.formats.database_json import (
    clear_defaults,
    columns_of,
    data_tables,
    foreign_key_problem,
    is_empty,
    read_rows,
    write_rows,
)

BATCH = 2000
"""Rows read from the source and written to the target at a time (photos included)."""


class CopyError(Exception):
    """The copy was refused or failed; the target is as it was. The message says why."""


def copy_network(source: Database, target: Database, *, name: str = "the target") -> dict[str, int]:
    """Copy every data table of ``source`` into ``target`` (both open, migrated netdesk
    databases of the same schema; ``target`` empty but for netdesk's defaults), in one
    transaction of the target. Returns the rows copied per table.

    Raises :class:`CopyError` when the target is not empty, the schemas differ, or the
    target refuses a row; nothing is written then. ``name`` names the target in messages.
    """
    theirs, ours = schema_version(source), schema_version(target)
    if theirs != ours:
        raise CopyError(f"the source is of schema {theirs or 'none'} and {name} of schema "
                        f"{ours or 'none'}; open both with this netdesk first")
    counts: dict[str, int] = {}
    with source.atomic(), target.atomic():
        if is_server(source):  # one snapshot for every table
            source.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        if not is_empty(target):
            raise CopyError(f"{name} already holds people or other data; a network can only "
                            "be copied into an empty database (a new file, or an empty "
                            "database on the server); nothing was copied")
        clear_defaults(target)
        known = set(data_tables(target))
        for table in data_tables(source):
            if table not in known:
                raise CopyError(f"{name} has no table {table!r}; nothing was copied")
            columns = columns_of(table, source)
            missing = sorted(set(columns) - set(columns_of(table, target)))
            if missing:
                raise CopyError(f"{name} has no column {table}.{missing[0]}; nothing was "
                                "copied")
            counts[table] = _copy_table(source, target, table, columns, name)
        problem = foreign_key_problem(target)
        if problem:
            raise CopyError(f"{problem[1]}; nothing was copied")
    return counts


def _copy_table(source: Database, target: Database, table: str, columns: list[str],
                name: str) -> int:
    count = 0
    batch: list[list] = []
    for row in read_rows(source, table, columns):
        batch.append(row)
        if len(batch) == BATCH:
            count += _write(target, table, columns, batch, name)
            batch = []
    if batch:
        count += _write(target, table, columns, batch, name)
    return count


def _write(target: Database, table: str, columns: list[str], rows: list[list],
           name: str) -> int:
    try:
        with target.atomic():  # on PostgreSQL a refused row ends only this savepoint
            write_rows(target, table, columns, rows)
    except Exception as error:  # noqa: BLE001 - which table refused, in one sentence
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise CopyError(f"{name} refused the rows of table {table!r} ({first}); nothing was "
                        "copied") from error
    return len(rows)
