"""Every value of a netdesk JSON file checked against the schema before anything is written.

The rules come from the Peewee models (column types, NULL, foreign keys,
unique indexes and the CHECK constraints that list the allowed words) and
from :mod:`netdesk.core.limits` (lengths, number ranges, the years kept). A
file that passes can be opened and exported by every part of netdesk: no
date that is not a date, no number that is text, no link to a missing row.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from peewee import (
    AutoField,
    BlobField,
    BooleanField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
)

from netdesk.core import limits
from netdesk.db.models import ALL_MODELS
from netdesk.formats.records import FormatError

ID, REF, INT, BOOL, CHOICE, TEXT, DATE, DATETIME, BLOB = (
    "id", "ref", "int", "bool", "choice", "text", "date", "datetime", "blob")
BLOB_BYTES = {("person_photo", "image"): limits.PHOTO_BYTES}
"""The most bytes a BLOB column may hold (a photo as netdesk keeps it)."""
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?")
_IN_WORDS = re.compile(r"CHECK \((\w+) IN \((.*)\)\)", re.DOTALL)
_POSITIVE = re.compile(r"CHECK \((\w+) > 0\)")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class Column:
    """What one column may hold."""

    name: str
    kind: str
    nullable: bool = False
    choices: tuple[str, ...] = ()
    low: int = 0
    high: int = 0
    max_chars: int = 0
    parent: str = ""
    """The table a foreign key points to."""


@dataclass(frozen=True)
class TableRules:
    columns: dict[str, Column]
    unique: tuple[tuple[tuple[str, ...], bool], ...]
    """Sets of columns that must be unique together, and whether text compares without case."""


def _column(table: str, field) -> Column:
    name = field.column_name
    nullable = bool(field.null)
    if isinstance(field, AutoField):
        return Column(name, ID, low=1, high=limits.MAX_ID)
    if isinstance(field, ForeignKeyField):
        return Column(name, REF, nullable, low=1, high=limits.MAX_ID,
                      parent=field.rel_model._meta.table_name)
    if isinstance(field, BooleanField):
        return Column(name, BOOL, nullable)
    if isinstance(field, BlobField):
        return Column(name, BLOB, nullable, max_chars=BLOB_BYTES.get((table, name), 0))
    if isinstance(field, IntegerField):
        low, high = limits.int_range(table, name)
        for constraint in field.constraints or ():
            if _POSITIVE.fullmatch(getattr(constraint, "sql", "")):
                low = max(low, 1)
        return Column(name, INT, nullable, low=low, high=high)
    if isinstance(field, DateTimeField):
        return Column(name, DATETIME, nullable)
    if isinstance(field, DateField):
        return Column(name, DATE, nullable)
    for constraint in field.constraints or ():
        match = _IN_WORDS.fullmatch(getattr(constraint, "sql", ""))
        if match:
            words = tuple(re.findall(r"'([^']*)'", match.group(2)))
            return Column(name, CHOICE, nullable, choices=words)
    return Column(name, TEXT, nullable, max_chars=limits.max_chars(table, name))


def _rules(model) -> TableRules:
    table = model._meta.table_name
    columns = {f.column_name: _column(table, f) for f in model._meta.sorted_fields}
    unique: list[tuple[tuple[str, ...], bool]] = []
    for field in model._meta.sorted_fields:
        if field.unique and not field.primary_key:
            unique.append(((field.column_name,), (field.collation or "").upper() == "NOCASE"))
        elif field.primary_key and not isinstance(field, AutoField):  # person_photo.person_id
            unique.append(((field.column_name,), False))
    for names, is_unique in model._meta.indexes:
        if is_unique:
            fields = tuple(model._meta.fields[n].column_name for n in names)
            unique.append((fields, False))
    return TableRules(columns, tuple(unique))



@dataclass(frozen=True)
class _Temporal:
    """How a date (or date and time) column is written in a dump, and named in messages."""

    pattern: re.Pattern[str]
    parse: Callable[[str], datetime.date]
    noun: str
    form: str
    no_such: str


_TEMPORAL = {
    DATE: _Temporal(_DATE, datetime.date.fromisoformat, "a date", "YYYY-MM-DD", "no such day"),
    DATETIME: _Temporal(_DATETIME, datetime.datetime.fromisoformat, "a date and time",
                        "YYYY-MM-DD HH:MM:SS", "no such day or time"),
}

_CACHE: dict[str, TableRules] = {}


def rules() -> dict[str, TableRules]:
    """The rules of every table the models know, by table name."""
    if not _CACHE:
        _CACHE.update({m._meta.table_name: _rules(m) for m in ALL_MODELS})
    return _CACHE


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def value_problem(column: Column, value) -> str | None:
    """Why ``value`` cannot go into ``column``, or None when it can."""
    if value is None:
        return None if column.nullable else "is empty (null) but must have a value"
    kind = column.kind
    if kind in (ID, REF, INT):
        if isinstance(value, bool) or not isinstance(value, int):
            return f"{_shown(value)} is not a whole number"
        if not column.low <= value <= column.high:
            return f"{value} is not between {column.low:,} and {column.high:,}"
        return None
    if kind == BOOL:
        if value in (0, 1) and not isinstance(value, float):
            return None
        return f"{_shown(value)} is not true or false (1 or 0)"
    if kind == BLOB:
        return _blob_problem(column, value)
    temporal = _TEMPORAL.get(kind)
    if not isinstance(value, str):
        if temporal is not None:
            return f"{_shown(value)} is not {temporal.noun} (expected {temporal.form})"
        if kind == CHOICE:
            return _not_a_choice(column, value)
        return f"{_shown(value)} is not text"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "holds a character that is not valid Unicode (a lone surrogate)"
    if kind == CHOICE:
        return None if value in column.choices else _not_a_choice(column, value)
    if kind == TEXT:
        problem = limits.too_long(value, column.max_chars)
        return f"the text {problem}" if problem else None
    if temporal is not None:
        if not temporal.pattern.fullmatch(value):
            return f"{_shown(value)} is not {temporal.noun} (expected {temporal.form})"
        try:
            moment = temporal.parse(value)
        except ValueError:
            return f"{_shown(value)} is not {temporal.noun} ({temporal.no_such})"
        return limits.date_problem(moment)
    return None


def blob_bytes(value) -> bytes | None:
    """The bytes of a dump's ``{"base64": "..."}`` value, None when it is not one."""
    if not (isinstance(value, dict) and set(value) == {"base64"}
            and isinstance(value["base64"], str)):
        return None
    try:
        return base64.b64decode(value["base64"].encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        return None


def _blob_problem(column: Column, value) -> str | None:
    data = blob_bytes(value)
    if data is None:
        return f"{_shown(value)} is not bytes written as {{\"base64\": \"…\"}}"
    if column.max_chars and len(data) > column.max_chars:
        return (f"holds {len(data):,} bytes; netdesk keeps at most {column.max_chars:,}")
    if column.name == "image" and not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        return "is not a PNG or JPEG image"
    return None


def _not_a_choice(column: Column, value) -> str:
    return f"{_shown(value)} is not one of: " + ", ".join(
        repr(w) if not w else w for w in column.choices)


def _refuse(table: str, number: int, row_id, column: str | None, problem: str) -> FormatError:
    where = f"table {table!r}, row {number}" + (f" (id {row_id})" if row_id is not None else "")
    if column:
        where += f", column {column!r}"
    return FormatError(f"{where}: {problem}; nothing was imported",
                       field=f"{table}.{column}" if column else table)


def check_dump(tables: dict[str, dict], required: dict[str, Iterable[str]]) -> None:
    """Refuse, with :class:`FormatError` naming table, row, id and column, the first value
    that does not fit; ``required`` names, per table, the columns the file must have
    (see :func:`required_columns`)."""
    all_rules = rules()
    ids: dict[str, set[int]] = {}
    for table, content in tables.items():
        table_rules = all_rules.get(table)
        if table_rules is None:
            continue
        columns = content["columns"]
        for name in required.get(table, ()):
            if name not in columns:
                raise FormatError(f"table {table!r} has no column {name!r}, which netdesk "
                                  "needs; nothing was imported", field=f"{table}.{name}")
        checked = [(position, table_rules.columns[name]) for position, name in
                   enumerate(columns) if name in table_rules.columns]
        id_at = columns.index("id") if "id" in columns else None
        seen: set[int] = set()
        for number, row in enumerate(content["rows"], start=1):
            row_id = row[id_at] if id_at is not None else None
            for position, column in checked:
                problem = value_problem(column, row[position])
                if problem:
                    raise _refuse(table, number, row_id, column.name, problem)
            if id_at is not None:
                if row_id in seen:
                    raise _refuse(table, number, row_id, "id",
                                  f"the id {row_id} is used by an earlier row too")
                seen.add(row_id)
            if table in ROW_CHECKED:
                _check_row(table, number, row_id, dict(zip(columns, row, strict=True)))
        ids[table] = seen
    for table, content in tables.items():
        table_rules = all_rules.get(table)
        if table_rules is None:
            continue
        _check_references(table, content, table_rules, ids)
        _check_unique(table, content, table_rules)


ROW_CHECKED = frozenset({"person", "referral"})
"""Tables with a CHECK constraint over more than one column (see :func:`_check_row`)."""


def _check_row(table: str, number: int, row_id, row: dict) -> None:
    """The CHECK constraints that span columns."""
    if table == "person" and not (row.get("first_name") or row.get("last_name")):
        raise _refuse(table, number, row_id, "first_name",
                      "a person needs a first or a last name")
    if table == "referral" and row.get("referrer_id") is not None \
            and row.get("referrer_id") == row.get("referred_id"):
        raise _refuse(table, number, row_id, "referred_id",
                      "a person cannot be referred by themselves")


def _check_references(table: str, content: dict, table_rules: TableRules,
                      ids: dict[str, set[int]]) -> None:
    columns = content["columns"]
    id_at = columns.index("id") if "id" in columns else None
    links = [(position, table_rules.columns[name]) for position, name in enumerate(columns)
             if name in table_rules.columns and table_rules.columns[name].kind == REF]
    for position, column in links:
        present = ids.get(column.parent, set())
        for number, row in enumerate(content["rows"], start=1):
            value = row[position]
            if value is not None and value not in present:
                raise _refuse(table, number, row[id_at] if id_at is not None else None,
                              column.name, f"points to {column.parent} id {value}, which is "
                              "not in the file")


def _check_unique(table: str, content: dict, table_rules: TableRules) -> None:
    columns = content["columns"]
    id_at = columns.index("id") if "id" in columns else None
    for names, no_case in table_rules.unique:
        if not all(n in columns for n in names):
            continue
        positions = [columns.index(n) for n in names]
        seen: dict[tuple, int] = {}
        for number, row in enumerate(content["rows"], start=1):
            key = tuple(row[p].translate(_ASCII_LOWER) if no_case and isinstance(row[p], str)
                        else row[p] for p in positions)
            if any(part is None for part in key):
                continue
            if key in seen:
                what = " and ".join(names)
                raise _refuse(table, number, row[id_at] if id_at is not None else None,
                              names[-1], f"the same {what} as row {seen[key]}; each must be "
                              "unique")
            seen[key] = number


def required_columns(columns: Iterable) -> list[str]:
    """Of a table's columns (peewee's ``ColumnMetadata``, from ``db.get_columns``), those
    that need a value: NOT NULL, no default, not the primary key."""
    return [c.name for c in columns if not c.null and c.default is None and not c.primary_key]
