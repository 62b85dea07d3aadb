"""Forgetting a person: every row that names them deleted in one transaction, for good.

For a request to be forgotten (the right to erasure). Unlike
:func:`netdesk.core.people.delete_person` nothing is kept for undo: the caller
must also drop whatever undo history holds a snapshot of them. The deletion is
an ordinary DELETE of the person row (foreign keys cascade to their entries,
addresses, photo, career-field links, interviews with their questions and notes,
interactions, follow-ups, referrals both ways and introductions; the search
index's trigger removes their search row), so a sync engine sees a person deleted.

The people they referred do not drop out of the referral graph: they are re-linked
to the person who referred them (:data:`TO_REFERRER`) or hang from the user
(:data:`TO_ME`). SQLite's ``secure_delete`` is on for the transaction, the search
index is merged afterwards (deleted terms otherwise linger in its segments) and the
write-ahead log is checkpointed and emptied, so their text does not stay in the
file's free pages either. Older backups still hold them: :func:`backups_holding`
lists those.

On a PostgreSQL server the deletion is the server's own: the rows are gone for every
reader at once, but the server keeps old row versions until it vacuums the tables, and
its write-ahead log and backups as long as its administrator keeps them; netdesk cannot
wipe those, and :func:`erasure_note` (in :class:`Forgotten`) says so rather than claim
more.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from netdesk.core.changes import Changes
from netdesk.core.people import referrer_of
from netdesk.core.referrals import ReferralError, check_referral
from netdesk.db import dialect
from netdesk.db.models import (
    FORGOTTEN_STATE,
    FollowUp,
    Interaction,
    Interview,
    Introduction,
    Person,
    PersonEntry,
    Referral,
    SyncItem,
    database_proxy,
)
from netdesk.paths import is_server_url

TO_REFERRER = "referrer"
"""The people they referred are re-linked to whoever referred them."""
TO_ME = "me"
"""The people they referred hang from the user (no referrer)."""


@dataclass(frozen=True)
class ForgetPreview:
    """What forgetting ``person_id`` will delete and re-link, for the dialog to say."""

    person_id: int
    name: str
    counts: dict[str, int]
    """What goes with them, by kind ("interviews", "notes"…), only the kinds they have."""
    referrer: tuple[int, str] | None
    """Who referred them (id, name), the one the people they referred can be re-linked to."""
    referred: list[tuple[int, str]]
    """The people they referred (id, name)."""
    needles: tuple[str, ...]
    """Their name, emails and phones: what :func:`rows_naming` looks for."""


@dataclass(frozen=True)
class Forgotten:
    """A person forgotten: the Changes, and whom their referred people now hang from."""

    changes: Changes
    relinked: dict[int, int | None] = field(default_factory=dict)
    """Each person they referred → the referrer now recorded (None: the user)."""
    note: str = ""
    """What the deletion covers beyond the rows themselves (:func:`erasure_note`)."""


def erasure_note() -> str:
    """What forgetting does beyond deleting the rows, true for the bound database."""
    if dialect.is_server():
        return ("They are deleted on the server for everyone at once. The server itself "
                "keeps old copies of the deleted rows until it cleans up its tables, and in "
                "its log and backups as long as its administrator keeps those: netdesk "
                "cannot wipe them there.")
    return ("Their text is also wiped from the file's free space and its write-ahead log; "
            "older backups still hold them.")


def _full_name(person: Person) -> str:
    return " ".join(p for p in (person.name_prefix, person.first_name, person.middle_name,
                                person.last_name, person.name_suffix) if p) or person.nickname


def identifying_values(person_id: int) -> tuple[str, ...]:
    """The person's name (as a whole and as first and last name), emails and phones."""
    person = Person.get_by_id(person_id)
    values = [person.full_name, _full_name(person), person.email, person.phone,
              person.linkedin_url]
    values += [value for (value,) in PersonEntry.select(PersonEntry.value).where(
        (PersonEntry.person == person_id)
        & PersonEntry.kind.in_(("email", "phone", "web", "social", "im"))).tuples()]
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def preview(person_id: int) -> ForgetPreview:
    """What :func:`forget_person` would do to ``person_id``; writes nothing."""
    person = Person.get_by_id(person_id)
    counts = {
        "interviews": Interview.select().where(Interview.person == person_id).count(),
        "timeline entries": Interaction.select().where(Interaction.person == person_id).count(),
        "follow-ups": FollowUp.select().where(FollowUp.person == person_id).count(),
        "referrals": Referral.select().where((Referral.referrer == person_id)
                                             | (Referral.referred == person_id)).count(),
        "introduction requests": Introduction.select().where(
            (Introduction.introducer == person_id) | (Introduction.target == person_id)).count(),
    }
    referrer_id = referrer_of(person_id)
    referrer = (referrer_id, Person.get_by_id(referrer_id).full_name) if referrer_id else None
    referred = [(p.id, p.full_name) for p in Person.select(
        Person.id, Person.first_name, Person.last_name)
        .join(Referral, on=Referral.referred).where(Referral.referrer == person_id)
        .order_by(Person.last_name, Person.first_name)]
    return ForgetPreview(person_id, person.full_name, {k: v for k, v in counts.items() if v},
                         referrer, referred, identifying_values(person_id))


def forget_person(person_id: int, relink: str = TO_REFERRER) -> Forgotten:
    """Delete ``person_id`` and every row that names them, in one transaction; not undoable.

    ``relink`` says where the people they referred go: :data:`TO_REFERRER` (the person
    who referred them; the user when nobody did, or when that link would close a loop)
    or :data:`TO_ME`.
    """
    if relink not in (TO_REFERRER, TO_ME):
        raise ValueError(f"unknown relink {relink!r}")
    db = database_proxy
    on_file = not dialect.is_server()
    if on_file:
        secure = db.execute_sql("PRAGMA secure_delete").fetchone()[0]
        db.execute_sql("PRAGMA secure_delete = ON")
    try:
        with db.atomic():
            Person.get_by_id(person_id)  # raises DoesNotExist: nothing to forget
            referrer = referrer_of(person_id) if relink == TO_REFERRER else None
            referred = [(row.id, row.referred_id, row.date) for row in Referral.select().where(
                Referral.referrer == person_id)]
            others = {r.referrer_id for r in Referral.select(Referral.referrer).where(
                Referral.referred == person_id)}
            others |= {r for (r,) in Introduction.select(Introduction.target).where(
                Introduction.introducer == person_id).tuples()}
            others |= {r for (r,) in Introduction.select(Introduction.introducer).where(
                Introduction.target == person_id).tuples()}
            interviews = frozenset(i for (i,) in Interview.select(Interview.id).where(
                Interview.person == person_id).tuples())
            follow_ups = frozenset(i for (i,) in FollowUp.select(FollowUp.id).where(
                FollowUp.person == person_id).tuples())
            interactions = frozenset(i for (i,) in Interaction.select(Interaction.id).where(
                Interaction.person == person_id).tuples())
            Person.delete().where(Person.id == person_id).execute()
            SyncItem.update(state=FORGOTTEN_STATE).where(
                ((SyncItem.kind == "person") & (SyncItem.local_id == person_id))
                | ((SyncItem.kind == "interview") & SyncItem.local_id.in_(interviews))
                | ((SyncItem.kind == "follow_up") & SyncItem.local_id.in_(follow_ups))).execute()
            relinked: dict[int, int | None] = {}
            for _old_id, referred_id, date in referred:
                relinked[referred_id] = None
                if referrer is None or referrer == referred_id:
                    continue
                try:
                    check_referral(referrer, referred_id)
                except ReferralError:
                    continue  # already linked, or the link would close a loop: keep the user
                Referral.insert(referrer=referrer, referred=referred_id, date=date,
                                note="").execute()
                relinked[referred_id] = referrer
            if on_file:  # merge the index's segments: deleted terms linger in them
                db.execute_sql(
                    "INSERT INTO person_search (person_search) VALUES ('optimize')")
    finally:
        if on_file:
            db.execute_sql(f"PRAGMA secure_delete = {int(secure)}")
    if on_file:
        _empty_write_ahead_log()
    changes = Changes(people_removed=frozenset({person_id}), referrals=True,
                      interviews=interviews, follow_ups=follow_ups, interactions=interactions,
                      lamp=True, id=person_id)
    for other in (others | set(relinked) | ({referrer} if referrer else set())) - {person_id}:
        changes |= Changes.of_person(other, {"referred_by", "timeline"}, id=None)
    return Forgotten(changes, relinked, erasure_note())


def _empty_write_ahead_log() -> None:
    """Write the log back into the file and empty it, so no old page holding them stays in
    it; a reader still holding a page only delays that until the next checkpoint."""
    try:
        database_proxy.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except Exception:  # noqa: BLE001 - a busy log is emptied by a later checkpoint
        pass


def rows_naming(needles: Iterable[str], *, blobs: bool = True) -> list[tuple[str, str, int]]:
    """(table, column, key) of every value in the bound database, full-text shadow tables
    included, that contains one of ``needles`` (case ignored). The key is the row's rowid
    in a SQLite file, its primary key on PostgreSQL; -1 in a table without one. Each table
    is read once; ``blobs`` False leaves binary values (photos) out."""
    needles = [n for n in needles if n]
    if not needles:
        return []
    found = []
    for table, key, columns in _tables():
        for start in range(0, len(needles), 8):  # SQLite keeps expressions to a depth of 1000
            found += _rows_naming(table, key, columns, needles[start:start + 8], blobs)
    return sorted(set(found))


def _tables() -> list[tuple[str, str, list[tuple[str, str, bool]]]]:
    """(table, the SQL of its row key, its columns as (name, declared type, nullable)) for
    every table that stores values: in a SQLite file the full-text index is read through
    its shadow tables, as stored; on PostgreSQL the index is a table like the others."""
    db = database_proxy
    if dialect.is_server():
        tables = []
        for table in db.get_tables():
            keys = db.get_primary_keys(table)
            tables.append((table, f'"{keys[0]}"' if len(keys) == 1 else "-1"))
    else:
        tables = []
        for table, sql in db.execute_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name").fetchall():
            sql = (sql or "").upper()
            if sql.startswith("CREATE VIRTUAL"):
                continue  # read through its shadow tables, as stored
            tables.append((table, "-1" if "WITHOUT ROWID" in sql else "rowid"))
    return [(table, key, [(c.name, c.data_type or "", c.null and not c.primary_key)
                          for c in db.get_columns(table)])
            for table, key in tables]


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _ascii_lower(text: str) -> str:
    """``text`` lowered as SQLite's lower() does: A-Z only (the full-text index folds the
    rest; "Élodie" and "élodie" are told apart here, as by SQLite)."""
    return text.translate(_ASCII_LOWER)


_NOT_TEXT = ("INT", "REAL", "FLOAT", "DOUBLE", "NUMERIC", "DECIMAL", "BOOL", "DATE", "TIME",
             "BLOB", "BYTEA")
"""Declared column types that hold no name, email or phone (numbers, dates, images)."""


def _rows_naming(table: str, key: str, columns: list[tuple[str, str, bool]],
                 needles: list[str], blobs: bool) -> list[tuple[str, str, int]]:
    """One read of ``table``: SQL picks the rows whose text (its text columns, joined and
    lowered once per row) holds a needle, or that hold a blob; Python names the columns.

    SQLite's lower() folds A-Z only, and so does the Python that names the columns there;
    PostgreSQL's folds every letter, and the needle is lowered by the same lower()."""
    db = database_proxy
    server = dialect.is_server()
    fold = str.lower if server else _ascii_lower
    encoded = [_ascii_lower(n).encode() for n in needles]
    texts = [(name, nullable) for name, kind, nullable in columns
             if not any(word in kind.upper() for word in _NOT_TEXT)]
    tests, params = [], []
    if texts and server:  # every column said as text (the search index's tsvector too)
        joined = " || chr(31) || ".join(
            f'coalesce(CAST("{name}" AS TEXT) COLLATE "default", \'\')'
            for name, _nullable in texts)
        tests = ["strpos(t.netdesk_text, lower(?)) > 0" for _ in needles]
        params = list(needles)
    elif texts:
        joined = " || char(31) || ".join(
            f'coalesce("{name}", \'\')' if nullable else f'"{name}"'
            for name, nullable in texts)
        tests = ["instr(t.netdesk_text, ?) > 0" for _ in needles]
        params = [_ascii_lower(n) for n in needles]
    else:
        joined = "''"
    if blobs and server:
        tests += [f't."{name}" IS NOT NULL' for name, kind, _n in columns
                  if kind.lower() == "bytea"]
    elif blobs:
        tests += [f'typeof(t."{name}") = \'blob\'' for name, kind, _n in columns
                  if "BLOB" in kind.upper() or not kind]
    if not tests:
        return []
    names = ", ".join(f'"{name}"' for name, _kind, _n in columns)
    rows = db.execute_sql(
        f'WITH t AS MATERIALIZED (SELECT {key} AS netdesk_key, lower({joined}) AS netdesk_text, '
        f'{names} FROM "{table}") SELECT netdesk_key, {names} FROM t WHERE '
        + " OR ".join(tests), params)
    folded = [fold(n) for n in needles]
    found = []
    for rowid, *values in rows:
        for (column, _kind, _n), value in zip(columns, values, strict=True):
            if isinstance(value, str):
                hit = any(n in fold(value) for n in folded)
            elif isinstance(value, (bytes, memoryview)):
                hit = blobs and any(n in bytes(value).lower() for n in encoded)
            else:
                hit = False
            if hit:
                found.append((table, column, rowid))
    return found


def mentions_elsewhere(preview: ForgetPreview) -> list[str]:
    """Where else their name, email or phone is written (another person's notes, an
    organization's notes, a template…), as "notes of Bea Quill": rows forgetting does not
    delete, for the user to edit by hand."""
    person_id = preview.person_id
    own = _own_rows(person_id)
    places = []
    for table, column, rowid in rows_naming(preview.needles, blobs=False):
        if (table, rowid) in own or table.startswith("person_search"):
            continue
        places.append(_place(table, column, rowid))
    return list(dict.fromkeys(places))


def _own_rows(person_id: int) -> set[tuple[str, int]]:
    """(table, rowid) of every row that goes with the person when they are deleted."""
    db = database_proxy
    own = {("person", person_id)}
    queries = {
        "person_entry": "SELECT id FROM person_entry WHERE person_id = ?",
        "postal_address": "SELECT id FROM postal_address WHERE person_id = ?",
        "person_photo": "SELECT person_id FROM person_photo WHERE person_id = ?",  # its rowid
        "person_career_field": "SELECT id FROM person_career_field WHERE person_id = ?",
        "interview": "SELECT id FROM interview WHERE person_id = ?",
        "interview_question": "SELECT q.id FROM interview_question q JOIN interview i "
                              "ON i.id = q.interview_id WHERE i.person_id = ?",
        "interaction": "SELECT id FROM interaction WHERE person_id = ?",
        "follow_up": "SELECT id FROM follow_up WHERE person_id = ?",
        "referral": "SELECT id FROM referral WHERE referrer_id = ? OR referred_id = ?",
        "introduction": "SELECT id FROM introduction WHERE introducer_id = ? "
                        "OR target_id = ?",
    }
    for table, sql in queries.items():
        params = [person_id] * sql.count("?")
        own |= {(table, rowid) for (rowid,) in db.execute_sql(sql, params)}
    return own


_COLUMN_WORDS = {"notes": "notes", "research_notes": "research notes", "summary": "timeline entry",
                 "culture_notes": "culture notes", "body": "text", "subject": "subject"}


def _place(table: str, column: str, rowid: int) -> str:
    """"notes of Bea Quill", "the outreach message of an interview with Bea Quill"…"""
    what = _COLUMN_WORDS.get(column, column.replace("_", " "))
    db = database_proxy
    if table == "person":
        person = Person.get_or_none(Person.id == rowid)
        return f"{what} of {person.full_name}" if person else f"a person's {what}"
    owner_sql = {
        "person_entry": "SELECT person_id FROM person_entry WHERE id = ?",
        "postal_address": "SELECT person_id FROM postal_address WHERE id = ?",
        "interview": "SELECT person_id FROM interview WHERE id = ?",
        "interaction": "SELECT person_id FROM interaction WHERE id = ?",
        "follow_up": "SELECT person_id FROM follow_up WHERE id = ?",
        "interview_question": "SELECT i.person_id FROM interview_question q JOIN interview i "
                              "ON i.id = q.interview_id WHERE q.id = ?",
    }.get(table)
    if owner_sql:
        row = db.execute_sql(owner_sql, [rowid]).fetchone()
        person = Person.get_or_none(Person.id == row[0]) if row else None
        kind = table.replace("_", " ")
        return f"{kind} {what} of {person.full_name}" if person else f"a {kind}"
    names = {"organization": "SELECT name FROM organization WHERE id = ?",
             "template": "SELECT name FROM template WHERE id = ?",
             "career_field": "SELECT name FROM career_field WHERE id = ?"}
    if table in names:
        row = db.execute_sql(names[table], [rowid]).fetchone()
        return f"{what} of {table.replace('_', ' ')} “{row[0]}”" if row else table
    return f"{what} in {table.replace('_', ' ')}"


def backups_holding(db_path: Path | str | None, preview: ForgetPreview,
                    root: Path | None = None) -> list:
    """The backups of ``db_path`` (:func:`netdesk.db.backup.list_backups`, newest first)
    that still hold the person: a person row of the same id and name. None for a network
    on a server (no path, or its URL): netdesk keeps no backups of it."""
    from netdesk.db.backup import list_backups

    if db_path is None or not isinstance(db_path, (str, Path)) or is_server_url(str(db_path)):
        return []  # a server's backups are its administrator's, out of netdesk's reach
    person_id = preview.person_id
    held = []
    for backup in list_backups(db_path, root):
        try:
            connection = sqlite3.connect(f"{backup.path.resolve().as_uri()}?mode=ro&immutable=1",
                                         uri=True)
            try:
                row = connection.execute(
                    "SELECT trim(first_name || ' ' || last_name) FROM person WHERE id = ?",
                    [person_id]).fetchone()
            finally:
                connection.close()
        except sqlite3.Error:
            held.append(backup)  # cannot be read: it may hold them
            continue
        if row is not None and row[0] == preview.name:
            held.append(backup)
    return held
