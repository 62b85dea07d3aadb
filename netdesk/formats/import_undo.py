"""Taking a people import back, and doing it again, from the :class:`ImportRecord` it left.

Undo removes exactly the rows the import inserted (people, their entries, addresses and
photos, log entries and career-field links, the organizations and career fields it
created; entries, addresses and a photo a merge added to someone already there) and puts the
merged people's columns back as they were; redo writes the same rows and values
again. Each is one transaction and returns the :class:`Changes` it made.

Rows go back with the ids they had. When an id has been taken in between (a person
added by hand after the undo), the row gets a new one and the rows that point to it
follow; an organization or career field that exists again by name is used rather
than created twice.
"""

from __future__ import annotations

from netdesk.core.changes import ALL_FIELDS, Changes
from netdesk.db.dialect import after_explicit_ids
from netdesk.db.last_contact import refresh as refresh_last_contact
from netdesk.db.models import database_proxy
from netdesk.formats.people_import import UNDO_KEYS, UNDO_TABLES, ImportRecord

REFERENCES = {
    "person": {"organization_id": "organization"},
    "person_entry": {"person_id": "person"},
    "postal_address": {"person_id": "person"},
    "person_photo": {"person_id": "person"},
    "person_career_field": {"person_id": "person", "career_field_id": "career_field"},
    "interaction": {"person_id": "person"},
    "referral": {"referrer_id": "person", "referred_id": "person"},
}
"""Per table, the columns that point to rows the import may have inserted."""
BY_NAME = ("organization", "career_field")
"""Tables whose rows are unique by name (NOCASE)."""
UNUSED = {
    "career_field": (
        "NOT EXISTS (SELECT 1 FROM person_career_field l WHERE l.career_field_id = "
        "career_field.id) AND NOT EXISTS (SELECT 1 FROM organization_career_field l WHERE "
        "l.career_field_id = career_field.id) AND NOT EXISTS (SELECT 1 FROM interview i "
        "WHERE i.career_field_id = career_field.id)"),
    "organization": (
        "NOT EXISTS (SELECT 1 FROM person p WHERE p.organization_id = organization.id) AND "
        "NOT EXISTS (SELECT 1 FROM organization_career_field l WHERE l.organization_id = "
        "organization.id)"),
}
"""An organization or career field the import created goes with the undo only when nothing
uses it any more (someone may have been put in it since)."""


def _in(ids: list[int]) -> str:
    return ",".join("?" * len(ids))


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _existing(table: str, ids: list[int]) -> list[int]:
    found: list[int] = []
    for chunk in _chunks(ids):
        found.extend(row[0] for row in database_proxy.execute_sql(
            f"SELECT id FROM {table} WHERE id IN ({_in(chunk)})", chunk))
    return found


def _linked(table: str, column: str, people: list[int]) -> list[int]:
    found: list[int] = []
    for chunk in _chunks(people):
        found.extend(row[0] for row in database_proxy.execute_sql(
            f"SELECT id FROM {table} WHERE {column} IN ({_in(chunk)})", chunk))
    return found


def undo_import(record: ImportRecord) -> Changes:
    """Remove what the import added and put back what it merged, in one transaction."""
    with database_proxy.atomic():
        people = _existing("person", record.ids("person"))
        interviews = _linked("interview", "person_id", people)
        follow_ups = _linked("follow_up", "person_id", people)
        interactions = set(_existing("interaction", record.ids("interaction")))
        interactions.update(_linked("interaction", "person_id", people))
        for table in reversed(UNDO_TABLES):
            if table in ("organization", "career_field"):
                continue
            key = UNDO_KEYS.get(table, "id")
            for chunk in _chunks(record.ids(table)):
                database_proxy.execute_sql(
                    f"DELETE FROM {table} WHERE {key} IN ({_in(chunk)})", chunk)
        merged = _set_columns(record.before)
        refresh_last_contact(r["person_id"] for r in record.inserted["interaction"])
        _set_organizations(record.organizations_before)
        for table, uses in UNUSED.items():
            for chunk in _chunks(record.ids(table)):
                database_proxy.execute_sql(
                    f"DELETE FROM {table} WHERE id IN ({_in(chunk)}) AND {uses}", chunk)
    return Changes(
        person_fields={i: ALL_FIELDS for i in merged},
        people_removed=frozenset(people),
        organizations=frozenset([*record.ids("organization"), *record.organizations_before]),
        career_fields=frozenset(record.ids("career_field")),
        interviews=frozenset(interviews), follow_ups=frozenset(follow_ups),
        interactions=frozenset(interactions),
        referrals=bool(people) or bool(record.ids("referral")))


def redo_import(record: ImportRecord) -> Changes:
    """Write the import's rows and merged values again, in one transaction.

    ``record`` is brought up to date with any id that had to change, so that the next
    undo removes the rows as they now are.
    """
    with database_proxy.atomic():
        moved: dict[str, dict[int, int]] = {table: {} for table in UNDO_TABLES}
        for table in UNDO_TABLES:
            kept = []
            for row in record.inserted.get(table, []):
                row = dict(row)
                for column, target in REFERENCES.get(table, {}).items():
                    if row.get(column) in moved[target]:
                        row[column] = moved[target][row[column]]
                if table in UNDO_KEYS:  # keyed by its person: put back unless one is there
                    if _insert_keyed(table, row):
                        kept.append(row)
                    continue
                new_id = _insert(table, row)
                if new_id is None:  # it exists now: use that one (and an undo leaves it)
                    if table in BY_NAME:
                        moved[table][row["id"]] = _id_by_name(table, row["name"])
                    continue
                if new_id != row["id"]:
                    moved[table][row["id"]] = new_id
                    row["id"] = new_id
                kept.append(row)
            record.inserted[table] = kept
        for values in (record.before, record.after):
            for columns in values.values():
                if columns.get("organization_id") in moved["organization"]:
                    columns["organization_id"] = moved["organization"][
                        columns["organization_id"]]
        merged = _set_columns(record.after)
        refresh_last_contact(r["person_id"] for r in record.inserted["interaction"])
        _set_organizations(record.organizations_after)
    people = record.ids("person")
    return Changes(
        person_fields={i: ALL_FIELDS for i in (*people, *merged)},
        people_added=frozenset(people),
        organizations=frozenset([*record.ids("organization"), *record.organizations_after]),
        career_fields=frozenset(record.ids("career_field")),
        interactions=frozenset(record.ids("interaction")),
        referrals=bool(record.ids("referral")))


def _insert(table: str, row: dict) -> int | None:
    """Insert ``row`` with its id, or with a new one when that id is taken; None when a row
    unique by name exists already, or the link exists already."""
    if table in BY_NAME and _id_by_name(table, row["name"]) is not None:
        return None
    if table == "person_career_field":
        cursor = database_proxy.execute_sql(
            "SELECT 1 FROM person_career_field WHERE person_id = ? AND career_field_id = ?",
            (row["person_id"], row["career_field_id"]))
        if cursor.fetchone():
            return None
    taken = database_proxy.execute_sql(f"SELECT 1 FROM {table} WHERE id = ?", (row["id"],))
    values = dict(row)
    if taken.fetchone():
        values.pop("id")
    columns = list(values)
    cursor = database_proxy.execute_sql(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_in(columns)}) RETURNING id",
        list(values.values()))
    new_id = cursor.fetchone()[0]
    if "id" in values:  # its own id again: PostgreSQL's numbering goes on past it
        after_explicit_ids(table)
    return new_id


def _insert_keyed(table: str, row: dict) -> bool:
    """Insert a row keyed by another table's row (a person's photo) unless one exists."""
    key = UNDO_KEYS[table]
    if database_proxy.execute_sql(f"SELECT 1 FROM {table} WHERE {key} = ?",
                                  (row[key],)).fetchone():
        return False
    columns = list(row)
    database_proxy.execute_sql(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_in(columns)})",
        list(row.values()))
    return True


def _id_by_name(table: str, name: str) -> int | None:
    found = database_proxy.execute_sql(f"SELECT id FROM {table} WHERE name = ?", (name,))
    row = found.fetchone()
    return row[0] if row else None


def _set_columns(values: dict[int, dict[str, object]]) -> list[int]:
    """Write each person's columns; return the ids of the people still there."""
    done = []
    for person_id, columns in values.items():
        if not columns:
            continue
        names = list(columns)
        cursor = database_proxy.execute_sql(
            f"UPDATE person SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?",
            (*columns.values(), person_id))
        if cursor.rowcount:
            done.append(person_id)
    return done


def _set_organizations(values: dict[int, dict[str, object]]) -> None:
    """Put the columns a company card filled in an existing organization as in ``values``."""
    for organization_id, columns in values.items():
        if columns:
            database_proxy.execute_sql(
                f"UPDATE organization SET {', '.join(f'{n} = ?' for n in columns)} "
                "WHERE id = ?", (*columns.values(), organization_id))
