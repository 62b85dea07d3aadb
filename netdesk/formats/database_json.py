"""The whole database as one JSON file, and back into an empty database, losslessly.

Every table is written column by column as SQLite holds it (ids, links and
time stamps included), so a round trip gives back identical tables. Derived
full-text tables are not written: their triggers rebuild them on import.

The same on PostgreSQL: tables, columns and links are read through peewee's
introspection; booleans and times are written as SQLite holds them, so a file
written from either database loads into either. Rows go in parents first (the
server checks each link as the row goes in; its foreign keys are not deferrable,
so SQLite's deferred check at commit has no counterpart there and needs none).
"""

from __future__ import annotations

import base64
import datetime
import json
from pathlib import Path

from netdesk.db import zones
from netdesk.db.dialect import after_explicit_ids, insert_rows, is_server
from netdesk.db.identity import ensure_identity
from netdesk.db.last_contact import refresh as refresh_last_contact
from netdesk.db.models import Interview, database_proxy
from netdesk.formats.dump_checks import blob_bytes, check_dump, required_columns
from netdesk.formats.records import FormatError
from netdesk.formats.textfile import read_text, write_text_atomically

FORMAT = "netdesk-database"
FORMAT_VERSION = 1
WHAT = "a netdesk JSON file"
REPLACEABLE = {
    "question": "NOT is_default",
    "template": "NOT is_default",
    "profile": "name <> '' OR email <> '' OR pitch <> ''",
    "database_info": "FALSE",  # the file's own id: a loaded file brings its own (db.identity)
}
"""Tables an 'empty' database may hold rows in (shipped defaults, a blank profile): the
condition picks the rows that count as the user's own data; the others are replaced."""
SEARCH_TABLE = "person_search"
SKIPPED_TABLES = {"schema_migration", "person_help", SEARCH_TABLE, "netdesk_marker"}
"""Not written: migrations' bookkeeping, the server's marker (db.server), and the derived
tables the target's own triggers fill (person_help: 0015; the search index: 0002)."""
_BATCH = 1000
MAX_DATABASE_BYTES = 400 * 1024 * 1024
"""A whole database may be far larger than a contact list; it is netdesk's own file."""


def data_tables(db=None) -> list[str]:
    """Real tables of ``db`` (by default the bound database), parents before children (by
    foreign keys). Read through peewee's introspection, so the same on SQLite and
    PostgreSQL; derived tables (the search index and its parts, person_help) and the
    bookkeeping of migrations and of the server's marker are left out."""
    db = db if db is not None else database_proxy.obj
    tables = [name for name in db.get_tables() if not _derived(name)]
    parents = {name: {fk.dest_table for fk in db.get_foreign_keys(name)} - {name}
               for name in tables}
    ordered: list[str] = []
    while len(ordered) < len(tables):
        ready = sorted(t for t in tables if t not in ordered
                       and parents[t] <= set(ordered) | (parents[t] - set(tables)))
        if not ready:  # a cycle (netdesk's schema has none): the rest in name order
            ready = sorted(t for t in tables if t not in ordered)
        ordered.extend(ready)
    return ordered


def _derived(table: str) -> bool:
    return (table in SKIPPED_TABLES or table.startswith("sqlite_")
            or table.startswith(f"{SEARCH_TABLE}_"))  # SQLite's FTS5 keeps its parts there


def columns_of(table: str, db=None) -> list[str]:
    """The columns of ``table`` in ``db`` (by default the bound database), in order."""
    db = db if db is not None else database_proxy.obj
    return [column.name for column in db.get_columns(table)]


def _order(db, table: str) -> str:
    """An ORDER BY giving rows in key order (SQLite's rowid is the key of every table)."""
    keys = db.get_primary_keys(table) or columns_of(table, db)
    return ", ".join(f'"{key}"' for key in keys)


def read_rows(db, table: str, columns: list[str]):
    """The rows of ``table`` in key order, values as SQLite holds them: booleans as 0 and 1,
    times as the text peewee writes (PostgreSQL's are read back into that form)."""
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = db.execute_sql(f'SELECT {names} FROM "{table}" ORDER BY {_order(db, table)}')
    if not is_server(db):
        yield from (list(row) for row in cursor)
        return
    kinds = {c.name: c.data_type for c in db.get_columns(table)}
    converters = [_FROM_SERVER.get(kinds.get(c, "")) for c in columns]
    for row in cursor:
        yield [value if convert is None or value is None else convert(value)
               for value, convert in zip(row, converters, strict=True)]


def _stamp_text(value):
    """PostgreSQL's text of a timestamp as peewee writes one (``str(datetime)``)."""
    try:
        return str(datetime.datetime.fromisoformat(value))
    except (TypeError, ValueError):
        return value


_FROM_SERVER = {
    "boolean": int,
    "bytea": bytes,
    "timestamp without time zone": _stamp_text,
}


def write_rows(db, table: str, columns: list[str], rows: list[list]) -> None:
    """Insert ``rows`` (values as SQLite holds them) into ``table`` of ``db``; on PostgreSQL
    0 and 1 go into a BOOLEAN column as false and true, and the id sequence is moved past
    the ids given."""
    if is_server(db):
        kinds = {c.name: c.data_type for c in db.get_columns(table)}
        booleans = [i for i, c in enumerate(columns) if kinds.get(c) == "boolean"]
        if booleans:
            rows = [list(row) for row in rows]
            for row in rows:
                for position in booleans:
                    if row[position] is not None:
                        row[position] = bool(row[position])
    analyzed = 0
    for start in range(0, len(rows), _BATCH):
        insert_rows(table, columns, rows[start:start + _BATCH], db)
        done = min(len(rows), start + _BATCH)
        if is_server(db) and done >= 2 * analyzed:
            # The planner's figures of a table filled in this transaction still say it is
            # small; the triggers' and foreign keys' look-ups in the next rows would then
            # read every row so far instead of the index (a 50,000-people copy: minutes).
            db.execute_sql(f'ANALYZE "{table}"')
            analyzed = done
    if "id" in columns:
        after_explicit_ids(table, db)


def dump_database() -> dict:
    """Every row of every data table of the bound database, as JSON-ready values."""
    from netdesk.db.database import schema_version

    db = database_proxy.obj
    tables = {}
    for table in data_tables(db):
        columns = columns_of(table, db)
        tables[table] = {"columns": columns, "rows": list(read_rows(db, table, columns))}
    for table in tables.values():
        for row in table["rows"]:
            for position, value in enumerate(row):
                if isinstance(value, bytes):
                    row[position] = {"base64": base64.b64encode(value).decode()}
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "schema": schema_version(db),
        "tables": tables,
    }


def export_database(path: Path | str) -> dict[str, int]:
    """Write the whole bound database to ``path``; return the row count per table."""
    with database_proxy.atomic():  # one consistent snapshot
        dump = dump_database()
    write_text_atomically(path, format_dump(dump))
    return {name: len(table["rows"]) for name, table in dump["tables"].items()}


def format_dump(dump: dict) -> str:
    """JSON text with one table row per line: compact, readable, and errors name a row."""
    def line(value) -> str:
        return json.dumps(value, ensure_ascii=False)

    parts = ["{\n"]
    for key, value in dump.items():
        if key != "tables":
            parts.append(f" {line(key)}: {line(value)},\n")
    parts.append(' "tables": {')
    for number, (name, table) in enumerate(dump["tables"].items()):
        parts.append("," if number else "")
        parts.append(f"\n  {line(name)}: {{\n   \"columns\": {line(table['columns'])},\n"
                     '   "rows": [')
        parts.append(",".join(f"\n    {line(row)}" for row in table["rows"]))
        parts.append("\n   ]}" if table["rows"] else "]}")
    parts.append("\n }\n}\n")
    return "".join(parts)


def read_dump(path: Path | str) -> dict:
    """Read and check a netdesk JSON file; :class:`FormatError` names what is wrong."""
    text = read_text(path, WHAT, max_bytes=MAX_DATABASE_BYTES)
    try:
        dump = json.loads(text)
    except json.JSONDecodeError as error:
        cut = error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string")
        ending = " (the file seems cut short)" if cut else ""
        raise FormatError(f"this is not valid JSON: {error.msg}{ending}",
                          line=error.lineno) from error
    except RecursionError as error:
        raise FormatError("the JSON is nested too deeply") from error
    if not isinstance(dump, dict) or dump.get("format") != FORMAT:
        raise FormatError(f"this JSON file was not written by netdesk; expected {WHAT}",
                          field="format")
    if dump.get("version") != FORMAT_VERSION:
        raise FormatError(f"unsupported netdesk JSON version {dump.get('version')!r}",
                          field="version")
    tables = dump.get("tables")
    if not isinstance(tables, dict):
        raise FormatError("the file has no 'tables'", field="tables")
    for name, table in tables.items():
        if not (isinstance(table, dict) and isinstance(table.get("columns"), list)
                and isinstance(table.get("rows"), list)
                and all(isinstance(c, str) for c in table["columns"])):
            raise FormatError(f"table {name!r} is not a list of columns and rows",
                              field=str(name))
        width = len(table["columns"])
        for number, row in enumerate(table["rows"], start=1):
            if not isinstance(row, list) or len(row) != width:
                raise FormatError(f"row {number} of table {name!r} does not have "
                                  f"{width} values", field=str(name))
            for column, value in zip(table["columns"], row, strict=True):
                if isinstance(value, (dict, list)) and not (
                        isinstance(value, dict) and set(value) == {"base64"}):
                    raise FormatError(f"table {name!r}, row {number}, column {column!r}: "
                                      "holds a value that is not text or a number",
                                      field=f"{name}.{column}")
    return dump


def is_empty(db=None) -> bool:
    """True when ``db`` (by default the bound database) holds nothing but the shipped
    defaults."""
    db = db if db is not None else database_proxy.obj
    for table in data_tables(db):
        condition = f"WHERE {REPLACEABLE[table]}" if table in REPLACEABLE else ""
        if db.execute_sql(f'SELECT 1 FROM "{table}" {condition} LIMIT 1').fetchone():
            return False
    return True


def import_database(path: Path | str) -> dict[str, int]:
    """Load a netdesk JSON file into the bound, empty database in one transaction."""
    return load_dump(read_dump(path))


def _place_wall_times() -> None:
    """Interview times from a file of before they had a zone (schema 0003 or older) are
    wall times only: read them in the system zone, as migration 0004 does."""
    zone = zones.system_zone()
    rows = database_proxy.execute_sql(
        "SELECT id, scheduled_at FROM interview "
        "WHERE scheduled_at IS NOT NULL AND starts_at IS NULL").fetchall()
    for interview_id, value in rows:
        wall = Interview.scheduled_at.python_value(value)
        if not isinstance(wall, datetime.datetime):
            continue  # not a time: left as it came
        moment = zones.resolve(wall.replace(tzinfo=None), zone)
        values = {Interview.starts_at: moment, Interview.time_zone: zone.key}
        if moment.replace(tzinfo=None) != wall:  # in a gap: moved on, as the clocks were
            values[Interview.scheduled_at] = moment.replace(tzinfo=None, fold=0)
        Interview.update(values).where(Interview.id == interview_id).execute()


def check_loadable(dump: dict) -> None:
    """Refuse, with :class:`FormatError`, a dump this database cannot take: a newer schema,
    an unknown table or column, or any value that does not fit its column.

    Values are checked by :func:`~netdesk.formats.dump_checks.check_dump`: a
    value of the wrong type, out of range, not an allowed word, a date that is
    not one, or a link to a row the file lacks refuses the whole file, naming
    the table, the row, its id and the column. Nothing is written.
    """
    from netdesk.db.database import MIGRATIONS_DIR

    known = {p.stem for p in MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.py")}
    schema = dump.get("schema") or ""
    if schema and schema not in known:
        raise FormatError(f"the file comes from a newer netdesk (schema {schema}); "
                          "update netdesk to import it", field="schema")
    unknown = sorted(set(dump["tables"]) - set(data_tables()))
    if unknown:
        raise FormatError(f"the file has a table this netdesk does not know: {unknown[0]}",
                          field=unknown[0])
    for table, content in dump["tables"].items():
        missing = sorted(set(content["columns"]) - set(columns_of(table)))
        if missing:
            raise FormatError(f"table {table!r} has a column this netdesk does not know: "
                              f"{missing[0]}", field=f"{table}.{missing[0]}")
    db = database_proxy.obj
    check_dump(dump["tables"], {table: required_columns(db.get_columns(table))
                                for table in dump["tables"]})


def load_dump(dump: dict) -> dict[str, int]:
    """Write a dump read by :func:`read_dump` into the bound, empty database, all or nothing,
    after :func:`check_loadable` has found every value fit."""
    check_loadable(dump)
    order = data_tables()
    counts: dict[str, int] = {}
    db = database_proxy.obj
    with db.atomic():
        if not is_empty(db):
            raise FormatError("the database already holds people or other data; a whole "
                              "database can only be imported into an empty one")
        clear_defaults(db)
        for table in order:
            if table not in dump["tables"]:
                continue
            columns = dump["tables"][table]["columns"]
            rows = [
                [blob_bytes(v) if isinstance(v, dict) else v for v in row]
                for row in dump["tables"][table]["rows"]
            ]
            try:
                with db.atomic():  # on PostgreSQL a refused row ends only this savepoint
                    write_rows(db, table, columns, rows)
            except Exception as error:  # noqa: BLE001 - report which table refused the rows
                raise FormatError(f"the rows of table {table!r} were refused "
                                  f"({_first_line(error)})", field=table) from error
            counts[table] = len(rows)
        _place_wall_times()
        refresh_last_contact()  # a file of before 0012 has no last-contact dates
        ensure_identity()  # a file of before the database had an id: one, as 0008 gives
        problem = foreign_key_problem(db)
        if problem:
            raise FormatError(problem[1], field=problem[0])
    return counts


def clear_defaults(db) -> None:
    """Delete the rows an empty database holds (shipped questions and templates, a blank
    profile, its own id): the loaded network brings its own."""
    if not is_server(db):  # rows go in parents first; SQLite checks the links at commit
        db.execute_sql("PRAGMA defer_foreign_keys = ON")
    tables = data_tables(db)
    for table in REPLACEABLE:
        if table in tables:
            db.execute_sql(f'DELETE FROM "{table}"')


def foreign_key_problem(db) -> tuple[str, str] | None:
    """(table, sentence) for a row that points to a missing row, or None.

    PostgreSQL checks every link as the row goes in (netdesk's foreign keys are not
    deferrable there, so rows are loaded parents first and a bad link refuses its table at
    once); SQLite, whose checks :func:`clear_defaults` deferred to the commit, is asked."""
    if is_server(db):
        return None
    try:
        problems = db.execute_sql("PRAGMA foreign_key_check").fetchall()
    except Exception:  # noqa: BLE001
        problems = []
    if not problems:
        return None
    table, rowid, parent = problems[0][:3]
    return table, f"row {rowid} of table {table!r} points to a missing {parent} row"


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
