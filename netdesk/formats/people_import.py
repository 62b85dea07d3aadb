"""From person records to the database: a preview plan (add / merge / skip), then one transaction.

``plan_import`` reads the database but writes nothing; the user may change each
row's action (and, for a merge, which name or title to keep); ``apply_plan`` works
the whole plan out in memory, then writes it in a single transaction with batched
inserts, so a failure or a cancel half-way leaves the database as it was.

A merge keeps everything: a blank field is filled; a second email, phone or LinkedIn
profile becomes a further labelled entry; addresses, entries, career fields and tags
are added when new; a note is appended once (compared as normalised text, so
importing the same file again, or the same person from several apps, appends
nothing). A name, job title or organization that differs is a *conflict*: by default
the person keeps their own value and the imported one is kept as a custom field
labelled "<field> (imported)"; when the user takes the imported value, the value it
replaces is kept as "<field> (before import)".
"""

from __future__ import annotations

import contextlib
import gc
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from netdesk.core.changes import ALL_FIELDS, NOTHING, Changes
from netdesk.core.contact_values import email_address, phone_key
from netdesk.core.limits import max_chars, too_long
from netdesk.core.matching import (
    Match,
    PersonIndex,
    candidate_of,
    collapse_spaces,
    email_key,
    linkedin_key,
    organization_key,
)
from netdesk.core.person_details import Address, Entry
from netdesk.db.models import RELATIONSHIPS, database_proxy, now
from netdesk.formats.records import (
    ERROR,
    SKIPPED,
    WARNING,
    FormatError,
    ParseResult,
    PersonRecord,
    Problem,
)

ADD, MERGE, SKIP = "add", "merge", "skip"
ACTION_LABELS = {ADD: "Add", MERGE: "Merge", SKIP: "Skip"}
CONNECTED_KIND = "note"
"""Connecting on LinkedIn is a dated fact, not a conversation: logged as a note, not a meeting."""
TEXT_COLUMNS = (
    "first_name", "last_name", "name_prefix", "middle_name", "name_suffix", "nickname",
    "email", "email_label", "phone", "phone_label", "linkedin_url", "job_title",
    "department", "birthday", "relationship", "source", "stage", "tags", "notes",
    "research_notes",
)
"""The person's own text columns, as an import writes them."""
FILLABLE = ("name_prefix", "middle_name", "name_suffix", "nickname", "email", "phone",
            "linkedin_url", "job_title", "department", "birthday", "source", "research_notes")
"""Fields a merge fills in when the person has none."""
CONFLICTS = ("name", "job_title", "organization")
"""Fields that, when both sides have a different value, the user chooses between."""
FIELD_LABELS = {
    "email": "email", "phone": "phone", "linkedin_url": "LinkedIn URL", "job_title": "job title",
    "source": "source", "research_notes": "research notes", "organization": "organization",
    "notes": "notes", "tags": "tags", "career_fields": "career fields",
    "connected_on": "first interaction", "name_prefix": "name prefix",
    "middle_name": "middle name", "name_suffix": "name suffix", "nickname": "nickname",
    "department": "department", "birthday": "birthday", "entries": "more details",
    "addresses": "addresses", "photo": "photo", "name": "name",
}
CONFLICT_LABELS = {"name": "Name", "job_title": "Job title", "organization": "Organization"}
"""How a conflicting field is named in the custom field that keeps the other value."""
PROGRESS_EVERY = 250

Progress = Callable[[int, int], None]
"""Called with (done, total) now and then; it may raise :class:`ImportCancelled` to stop."""


class ImportCancelled(Exception):
    """The user stopped the import; the transaction was rolled back."""


@dataclass
class PlanRow:
    """What will happen to one record: its action, and the person it matches, if any.

    Attributes:
        match: the person it matches; ``match.sure`` False for a possible duplicate (the
            row is added unless the user chooses to merge).
        changes: labels of the fields a merge would fill in or add to (for the preview).
        conflicts: field (``CONFLICTS``) → (the person's value, the imported value).
        take_imported: the conflicting fields for which the imported value wins.
    """

    record: PersonRecord
    action: str
    match: Match | None = None
    changes: list[str] = field(default_factory=list)
    conflicts: dict[str, tuple[str, str]] = field(default_factory=dict)
    take_imported: set[str] = field(default_factory=set)

    @property
    def actions(self) -> tuple[str, ...]:
        if self.match is None:
            return (ADD, SKIP)
        return (MERGE, SKIP, ADD) if self.match.sure else (ADD, MERGE, SKIP)

    @property
    def possible_duplicate(self) -> bool:
        return self.match is not None and not self.match.sure


@dataclass
class ImportPlan:
    rows: list[PlanRow]
    problems: list[Problem]
    relationship: str = "acquaintance"
    source: str = ""

    def counts(self) -> dict[str, int]:
        counts = {ADD: 0, MERGE: 0, SKIP: 0}
        for row in self.rows:
            counts[row.action] += 1
        counts[SKIP] += sum(1 for p in self.problems if p.severity == SKIPPED)
        return counts

    def possible_duplicates(self) -> int:
        """Rows that may be someone already known but are not sure matches."""
        return sum(1 for row in self.rows if row.possible_duplicate)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def set_all(self, action: str, *, only_matched: bool = True) -> None:
        """Give ``action`` to every row that allows it (by default only the rows that match
        someone surely; a possible duplicate keeps its own choice)."""
        for row in self.rows:
            if action in row.actions and (
                    not only_matched or (row.match is not None and row.match.sure)):
                row.action = action


UNDO_TABLES = ("organization", "career_field", "person", "person_entry", "postal_address",
               "person_photo", "person_career_field", "interaction")
"""The tables a people import inserts into, in the order rows go in (referenced ones first)."""
UNDO_KEYS = {"person_photo": "person_id"}
"""The key of each table's rows in :class:`ImportRecord` when it is not ``id``."""


@dataclass
class ImportRecord:
    """What one people import wrote, exactly, so that it can be taken back and done again.

    Attributes:
        inserted: table → the whole rows the import inserted (column → value), in
            :data:`UNDO_TABLES` order.
        before: person id → the values of the columns a merge changed, as they were.
        after: person id → the same columns as the import left them.
    """

    inserted: dict[str, list[dict]] = field(default_factory=dict)
    before: dict[int, dict[str, object]] = field(default_factory=dict)
    after: dict[int, dict[str, object]] = field(default_factory=dict)

    def ids(self, table: str) -> list[int]:
        key = UNDO_KEYS.get(table, "id")
        return [row[key] for row in self.inserted.get(table, [])]


@dataclass
class ImportSummary:
    added: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: int = 0
    possible_added: int = 0
    """Possible duplicates the user left as new people."""
    possible_merged: int = 0
    """Possible duplicates the user chose to merge."""
    organizations_added: int = 0
    problems: list[Problem] = field(default_factory=list)
    changes: Changes = NOTHING
    """What the import changed, for the window's views."""
    record: ImportRecord | None = None
    """What was written, row by row (for undo)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def text(self) -> str:
        """One line, e.g. 'added 12, merged 3 (1 unchanged), 1 possible duplicate added as
        new, skipped 2, errors 0'."""
        merged = f"merged {self.merged}" + (f" ({self.unchanged} unchanged)"
                                            if self.unchanged else "")
        parts = [f"added {self.added}", merged]
        if self.possible_added:
            parts.append(f"{self.possible_added} possible "
                         f"{'duplicate' if self.possible_added == 1 else 'duplicates'} "
                         "added as new")
        parts += [f"skipped {self.skipped}", f"errors {len(self.errors)}"]
        return ", ".join(parts)


# What a person holds, in memory ------------------------------------------------------------

_SPACES = re.compile(r"\s+")


def text_key(text: str) -> str:
    """How notes are compared: case, spacing and line breaks ignored."""
    return _SPACES.sub(" ", text).strip().casefold()


def entry_key(kind: str, value: str) -> tuple[str, str]:
    """How two entries are compared: emails and phones by address or number, others as text."""
    if kind == "email":
        return kind, email_key(email_address(value))
    if kind == "phone":
        return kind, phone_key(value) or text_key(value)
    if kind in ("web", "social") and "linkedin." in value.casefold():
        return "web", linkedin_key(value)
    return kind, text_key(value)


def _address_key(address: Address) -> tuple[str, ...]:
    return tuple(text_key(getattr(address, name)) for name in (
        "street", "city", "region", "postal_code", "country"))


@dataclass
class _Person:
    """One person as the import will leave them: the stored values plus what it adds."""

    id: int
    new: bool
    values: dict[str, str]
    """``TEXT_COLUMNS`` and ``organization`` (a name)."""
    entries: list[Entry] = field(default_factory=list)
    new_entries: list[Entry] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    new_addresses: list[Address] = field(default_factory=list)
    has_photo: bool = False
    new_photo: bytes = b""
    career_fields: dict[str, str] = field(default_factory=dict)
    """casefolded name → name, stored or added."""
    new_career_fields: list[str] = field(default_factory=list)
    logged: set[tuple[str, str]] = field(default_factory=set)
    """(day, summary) of the notes in their log."""
    new_interactions: list[tuple[str, str]] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)
    """Columns (and ``organization``) a merge changed."""
    touched: set[str] = field(default_factory=set)
    """``PersonForm`` field names the import changed, for the Changes."""

    def clone(self) -> _Person:
        return _Person(
            self.id, self.new, dict(self.values), list(self.entries), list(self.new_entries),
            list(self.addresses), list(self.new_addresses), self.has_photo, self.new_photo,
            dict(self.career_fields), list(self.new_career_fields), set(self.logged),
            list(self.new_interactions), set(self.changed), set(self.touched))

    def entry_keys(self) -> set[tuple[str, str]]:
        keys = {entry_key(e.kind, e.value) for e in self.entries + self.new_entries}
        for kind, column in (("email", "email"), ("phone", "phone")):
            if self.values.get(column):
                keys.add(entry_key(kind, self.values[column]))
        if self.values.get("linkedin_url"):
            keys.add(entry_key("web", self.values["linkedin_url"]))
        return keys

    def full_name(self) -> str:
        return collapse_spaces(f"{self.values['first_name']} {self.values['last_name']}")


def _new_person(person_id: int, record: PersonRecord, plan: ImportPlan) -> _Person:
    values = {name: getattr(record, name) for name in TEXT_COLUMNS}
    values["relationship"] = record.relationship or plan.relationship
    values["source"] = record.source or plan.source
    values["stage"] = record.stage or "to_contact"
    values["organization"] = collapse_spaces(record.organization)
    person = _Person(person_id, True, values)
    seen = person.entry_keys() if record.entries else set()
    for entry in record.entries:
        key = entry_key(entry.kind, entry.value)
        if entry.value.strip() and key not in seen:
            seen.add(key)
            person.new_entries.append(entry)
    person.new_addresses = [a for a in record.addresses if not a.is_empty()]
    person.new_photo = record.photo
    _add_career_fields(person, record)
    _add_connected(person, record)
    return person


def _add_career_fields(person: _Person, record: PersonRecord) -> bool:
    added = False
    for name in record.career_fields:
        name = collapse_spaces(name)
        if name and organization_key(name) not in person.career_fields:
            person.career_fields[organization_key(name)] = name
            person.new_career_fields.append(name)
            added = True
    return added


def _add_connected(person: _Person, record: PersonRecord) -> bool:
    """Connected On becomes a dated note in the log, once."""
    if record.connected_on is None:
        return False
    item = (record.connected_on.isoformat(), record.connected_summary or "Connected")
    if item in person.logged:
        return False
    person.logged.add(item)
    person.new_interactions.append(item)
    return True


def conflicts_of(person: _Person, record: PersonRecord) -> dict[str, tuple[str, str]]:
    """Fields where the person and the record both hold a value, and different ones."""
    found: dict[str, tuple[str, str]] = {}
    mine, theirs = person.full_name(), collapse_spaces(record.full_name)
    if mine and theirs and text_key(mine) != text_key(theirs):
        found["name"] = (mine, theirs)
    for name in ("job_title", "organization"):
        mine, theirs = collapse_spaces(person.values[name]), collapse_spaces(
            getattr(record, name))
        if mine and theirs and text_key(mine) != text_key(theirs):
            found[name] = (mine, theirs)
    return found


def _set(person: _Person, column: str, value: str, field_name: str | None = None) -> None:
    if person.values.get(column) != value:
        person.values[column] = value
        person.changed.add(column)
        person.touched.add(field_name or column)


def _add_entry(person: _Person, entry: Entry, seen: set[tuple[str, str]]) -> bool:
    key = entry_key(entry.kind, entry.value)
    if not entry.value.strip() or key in seen:
        return False
    seen.add(key)
    person.new_entries.append(entry)
    person.touched.add("entries")
    return True


def merge_into(person: _Person, record: PersonRecord,
               take_imported: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Merge ``record`` into ``person`` (in memory); return labels of what it adds or changes.

    Values the person has are never lost: see the module's docstring.
    """
    labels: list[str] = []

    def note(label: str) -> None:
        if label not in labels:
            labels.append(label)

    seen = person.entry_keys()
    conflicts = conflicts_of(person, record)
    for name, (mine, theirs) in conflicts.items():
        if name in take_imported:
            kept, label = mine, f"{CONFLICT_LABELS[name]} (before import)"
            if name == "name":
                _set(person, "first_name", record.first_name, "first_name")
                _set(person, "last_name", record.last_name, "last_name")
            else:
                _set(person, name, theirs)
        else:
            kept, label = theirs, f"{CONFLICT_LABELS[name]} (imported)"
        if _add_entry(person, Entry("custom", kept, label), seen):
            note(FIELD_LABELS[name])
    for name in FILLABLE:
        value = getattr(record, name)
        if not value:
            continue
        if not person.values.get(name):
            _set(person, name, value)
            if name in ("email", "phone") and getattr(record, f"{name}_label"):
                _set(person, f"{name}_label", getattr(record, f"{name}_label"))
            seen = person.entry_keys()
            note(FIELD_LABELS[name])
        elif name in ("email", "phone", "linkedin_url"):
            kind = "web" if name == "linkedin_url" else name
            label = "LinkedIn" if name == "linkedin_url" else getattr(record, f"{name}_label")
            if _add_entry(person, Entry(kind, value, label), seen):
                note(FIELD_LABELS[name])
        elif name == "research_notes" and text_key(value) not in text_key(
                person.values[name]):
            _set(person, name, f"{person.values[name]}\n{value}")
            note(FIELD_LABELS[name])
        elif name in ("nickname", "department", "birthday", "middle_name") and \
                text_key(value) != text_key(person.values[name]):
            if _add_entry(person, Entry("custom", value,
                                        f"{FIELD_LABELS[name].capitalize()} (imported)"), seen):
                note(FIELD_LABELS[name])
    if record.organization and not person.values["organization"]:
        _set(person, "organization", collapse_spaces(record.organization))
        note(FIELD_LABELS["organization"])
    for entry in record.entries:
        if _add_entry(person, entry, seen):
            note(FIELD_LABELS["entries"])
    known = {_address_key(a) for a in person.addresses + person.new_addresses}
    for address in record.addresses:
        if not address.is_empty() and _address_key(address) not in known:
            known.add(_address_key(address))
            person.new_addresses.append(address)
            person.touched.add("addresses")
            note(FIELD_LABELS["addresses"])
    if record.photo and not (person.has_photo or person.new_photo):
        person.new_photo = record.photo
        person.touched.add("photo")
        note(FIELD_LABELS["photo"])
    if record.notes and text_key(record.notes) not in text_key(person.values["notes"]):
        old = person.values["notes"]
        _set(person, "notes", f"{old}\n{record.notes}" if old else record.notes)
        note(FIELD_LABELS["notes"])
    if record.tags:
        old_tags = [t.strip() for t in person.values["tags"].split(",") if t.strip()]
        known_tags = {t.casefold() for t in old_tags}
        new = [t.strip() for t in record.tags.split(",")
               if t.strip() and t.strip().casefold() not in known_tags]
        if new:
            _set(person, "tags", ", ".join(old_tags + list(dict.fromkeys(new))))
            note(FIELD_LABELS["tags"])
    if _add_career_fields(person, record):
        person.touched.add("career_fields")
        note(FIELD_LABELS["career_fields"])
    if _add_connected(person, record):
        person.touched.add("timeline")
        note(FIELD_LABELS["connected_on"])
    return labels


def _too_long(person: _Person) -> str | None:
    """Notes and tags grow when merged: the field that would outgrow its limit, if any."""
    for name in ("notes", "tags", "research_notes"):
        if name in person.changed:
            problem = too_long(person.values[name], max_chars("person", name))
            if problem:
                return f"{FIELD_LABELS[name]} {problem.replace('is ', '', 1)}"
    return None


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _in(values) -> str:
    return ",".join("?" * len(values))


def load_people(ids: list[int]) -> dict[int, _Person]:
    """The people ``ids`` as stored, with their entries, addresses, photo, career fields and
    logged notes: a handful of queries per 500 people."""
    found: dict[int, _Person] = {}
    columns = ", ".join(f"p.{c}" for c in TEXT_COLUMNS)
    for chunk in _chunks(sorted(set(ids))):
        marks = _in(chunk)
        for row in database_proxy.execute_sql(
                f"SELECT p.id, {columns}, coalesce(o.name, '') FROM person p LEFT JOIN "
                f"organization o ON o.id = p.organization_id WHERE p.id IN ({marks})", chunk):
            values = dict(zip((*TEXT_COLUMNS, "organization"), row[1:], strict=True))
            found[row[0]] = _Person(row[0], False, values)
        for person_id, kind, value, label in database_proxy.execute_sql(
                f"SELECT person_id, kind, value, label FROM person_entry WHERE person_id IN "
                f"({marks}) ORDER BY person_id, position, id", chunk):
            found[person_id].entries.append(Entry(kind, value, label))
        for person_id, *parts in database_proxy.execute_sql(
                "SELECT person_id, label, street, city, region, postal_code, country FROM "
                f"postal_address WHERE person_id IN ({marks}) ORDER BY person_id, position, id",
                chunk):
            found[person_id].addresses.append(Address(*parts))
        for (person_id,) in database_proxy.execute_sql(
                f"SELECT person_id FROM person_photo WHERE person_id IN ({marks})", chunk):
            found[person_id].has_photo = True
        for person_id, name in database_proxy.execute_sql(
                "SELECT l.person_id, f.name FROM person_career_field l JOIN career_field f "
                f"ON f.id = l.career_field_id WHERE l.person_id IN ({marks})", chunk):
            found[person_id].career_fields[organization_key(name)] = name
        for person_id, day, summary in database_proxy.execute_sql(
                "SELECT person_id, occurred_on, summary FROM interaction WHERE kind = ? "
                f"AND person_id IN ({marks})", [CONNECTED_KIND, *chunk]):
            found[person_id].logged.add((str(day), summary))
    return found


@contextlib.contextmanager
def _no_collection():
    """Keep the cyclic garbage collector out of a batch that allocates tens of thousands of
    small objects and frees none (it would rescan them all again and again)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Planning ----------------------------------------------------------------------------------

def plan_import(result: ParseResult, relationship: str = "acquaintance",
                progress: Progress | None = None) -> ImportPlan:
    """Match every record against the database (and earlier rows); write nothing.

    A sure match (same email, same LinkedIn URL, or the same full name with a shared
    phone, email or organization) is merged by default; a possible duplicate (same phone
    only, a similar name) is added unless the user chooses to merge it.
    """
    if relationship not in RELATIONSHIPS:
        raise ValueError(f"unknown relationship {relationship!r}")
    with _no_collection():
        return _plan(result, relationship, progress)


def _plan(result: ParseResult, relationship: str, progress: Progress | None) -> ImportPlan:
    index = PersonIndex.from_database()
    rows: list[PlanRow] = []
    total = len(result.records)
    for position, record in enumerate(result.records):
        person = candidate_of(-(position + 1), record)
        match = index.find(person)
        rows.append(PlanRow(record, MERGE if match and match.sure else ADD, match))
        if match is None or not match.sure:
            index.add(person)
        if progress and (position + 1) % PROGRESS_EVERY == 0:
            progress(position + 1, total)
    problems = list(result.problems)
    existing = load_people([r.match.key for r in rows if r.match and r.match.key > 0])
    plan = ImportPlan(rows, problems, relationship, result.source)
    for row in rows:
        if row.match is None:
            continue
        if row.match.key > 0:
            person = existing[row.match.key].clone()
        else:
            earlier = rows[-row.match.key - 1].record
            person = _new_person(0, earlier, plan)
        row.conflicts = conflicts_of(person, row.record)
        row.changes = merge_into(person, row.record)
        grown = _too_long(person)
        if grown:
            problems.append(Problem(row.record.line, f"merging would make {grown}; "
                                    "the row was not imported", ERROR))
            row.action = SKIP
    if progress:
        progress(total, total)
    plan.problems = sorted(problems, key=lambda p: p.line)
    return plan


# Writing -----------------------------------------------------------------------------------

class _Names:
    """Organizations or career fields by name; the missing ones are created in one batch."""

    def __init__(self, table: str):
        self.table = table
        self.ids = {organization_key(name): id_ for id_, name in database_proxy.execute_sql(
            f"SELECT id, name FROM {table}")}
        self.pending: dict[str, str] = {}

    def want(self, name: str) -> None:
        key = organization_key(name)
        if name and key not in self.ids and key not in self.pending:
            self.pending[key] = name

    def create(self, stamp: str) -> list[dict]:
        """Insert the names wanted that do not exist; return the rows inserted."""
        start = _next_id(self.table)
        rows = []
        for offset, (key, name) in enumerate(self.pending.items()):
            self.ids[key] = start + offset
            if self.table == "organization":
                rows.append({"id": start + offset, "created": stamp, "updated": stamp,
                             "name": name, "sector": "", "website": "", "culture_notes": "",
                             "notes": ""})
            else:
                rows.append({"id": start + offset, "created": stamp, "updated": stamp,
                             "name": name, "description": ""})
        _insert_rows(self.table, rows)
        self.pending.clear()
        return rows

    def id_of(self, name: str) -> int | None:
        return self.ids.get(organization_key(name)) if name else None


def _next_id(table: str) -> int:
    return (database_proxy.execute_sql(f"SELECT max(id) FROM {table}").fetchone()[0] or 0) + 1


def _insert_rows(table: str, rows: list[dict]) -> None:
    if not rows:
        return
    columns = list(rows[0])
    database_proxy.cursor().executemany(
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({_in(columns)})",
        map(operator.itemgetter(*columns), rows))


class _SearchIndex:
    """The full-text index kept by triggers (migration 0002), brought up to date once per
    import instead of once per row: the triggers are dropped for the import's writes and
    put back, with the rows of the people written, inside the same transaction."""

    def __init__(self):
        self.triggers = database_proxy.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
            "'person' AND name LIKE 'person_search%'").fetchall()

    def __enter__(self):
        for name, _sql in self.triggers:
            database_proxy.execute_sql(f'DROP TRIGGER "{name}"')
        return self

    def refresh(self, ids: list[int]) -> None:
        if not self.triggers:
            return
        for chunk in _chunks(sorted(ids)):
            database_proxy.execute_sql(
                f"DELETE FROM person_search WHERE rowid IN ({_in(chunk)})", chunk)
            database_proxy.execute_sql(
                "INSERT INTO person_search (rowid, name, organization, job_title, email, tags) "
                "SELECT p.id, trim(p.first_name || ' ' || p.last_name), coalesce(o.name, ''), "
                "p.job_title, p.email, p.tags FROM person p LEFT JOIN organization o "
                f"ON o.id = p.organization_id WHERE p.id IN ({_in(chunk)})", chunk)

    def __exit__(self, *exc):
        for _name, sql in self.triggers:
            database_proxy.execute_sql(sql)
        return False


def apply_plan(plan: ImportPlan, progress: Progress | None = None,
               before_write: Callable[[], None] | None = None) -> ImportSummary:
    """Write the plan in one transaction; on any exception nothing is written.

    Everything is worked out in memory first (``progress`` is called meanwhile and may
    cancel); ``before_write`` (e.g. taking a backup) is called right before the first
    write, and only when there is something to write.
    """
    with _no_collection():
        return _apply(plan, progress, before_write)


def _apply(plan: ImportPlan, progress: Progress | None,
           before_write: Callable[[], None] | None) -> ImportSummary:
    summary = ImportSummary(problems=list(plan.problems))
    summary.skipped = sum(1 for p in plan.problems if p.severity == SKIPPED)
    total = len(plan.rows)
    existing = load_people([r.match.key for r in plan.rows
                            if r.match and r.match.key > 0 and r.action == MERGE])
    next_person = _next_id("person")
    added: list[_Person] = []
    resolved: list[_Person | None] = []
    merged: dict[int, _Person] = {}
    for position, row in enumerate(plan.rows):
        target: _Person | None = None
        if row.match is not None:
            key = row.match.key
            target = existing.get(key) if key > 0 else resolved[-key - 1]
        if row.action == SKIP:
            summary.skipped += 1
            resolved.append(target)
        elif row.action == ADD or target is None:
            person = _new_person(next_person, row.record, plan)
            next_person += 1
            added.append(person)
            resolved.append(person)
            summary.added += 1
            if row.possible_duplicate and row.action == ADD:
                summary.possible_added += 1
        else:
            if not merge_into(target, row.record, row.take_imported):
                summary.unchanged += 1
            if not target.new:
                merged[target.id] = target
                problem = _too_long(target)
                if problem:  # the plan skips such rows; the user chose to merge it anyway
                    raise FormatError(f"merging would make {problem}; nothing was imported",
                                      line=row.record.line)
            summary.merged += 1
            summary.possible_merged += row.possible_duplicate
            resolved.append(target)
        if progress and (position + 1) % PROGRESS_EVERY == 0:
            progress(position + 1, total)
    if progress:
        progress(total, total)
    changed = [p for p in merged.values() if p.touched]
    if not added and not changed:
        summary.record = ImportRecord({table: [] for table in UNDO_TABLES})
        return summary
    if before_write is not None:
        before_write()
    stamp = str(now())
    with database_proxy.atomic():
        summary.record, summary.changes = _write(added, changed, stamp)
        summary.organizations_added = len(summary.record.inserted["organization"])
    return summary


def _write(added: list[_Person], changed: list[_Person],
           stamp: str) -> tuple[ImportRecord, Changes]:
    record = ImportRecord({table: [] for table in UNDO_TABLES})
    organizations, fields = _Names("organization"), _Names("career_field")
    for person in (*added, *changed):
        organizations.want(person.values["organization"])
        for name in person.new_career_fields:
            fields.want(name)
    record.inserted["organization"] = organizations.create(stamp)
    record.inserted["career_field"] = fields.create(stamp)
    with _SearchIndex() as search:
        people = []
        for person in added:
            row = {"id": person.id, "created": stamp, "updated": stamp,
                   **{c: person.values[c] for c in TEXT_COLUMNS},
                   "organization_id": organizations.id_of(person.values["organization"])}
            people.append(row)
        _insert_rows("person", people)
        record.inserted["person"] = people
        _update_people(changed, organizations, stamp, record)
        _insert_owned(added, changed, fields, stamp, record)
        search.refresh([p.id for p in (*added, *changed)])
    changes = Changes(
        person_fields={p.id: ALL_FIELDS for p in added}
        | {p.id: frozenset(p.touched) for p in changed},
        people_added=frozenset(p.id for p in added),
        organizations=frozenset(r["id"] for r in record.inserted["organization"]),
        career_fields=frozenset(r["id"] for r in record.inserted["career_field"]),
        interactions=frozenset(r["id"] for r in record.inserted["interaction"]))
    return record, changes


def _update_people(changed: list[_Person], organizations: _Names, stamp: str,
                   record: ImportRecord) -> None:
    """UPDATE the merged people's changed columns, one statement per set of columns."""
    groups: dict[tuple[str, ...], list[tuple]] = {}
    for person in changed:
        if not person.changed:
            continue
        columns = tuple(sorted("organization_id" if c == "organization" else c
                               for c in person.changed)) + ("updated",)
        after = {c: (organizations.id_of(person.values["organization"])
                     if c == "organization_id" else person.values[c])
                 for c in columns if c != "updated"}
        after["updated"] = stamp
        record.after[person.id] = after
        groups.setdefault(columns, []).append((*after.values(), person.id))
    before_ids = list(record.after)
    for chunk in _chunks(before_ids):
        cursor = database_proxy.execute_sql(f"SELECT * FROM person WHERE id IN ({_in(chunk)})",
                                            chunk)
        names = [c[0] for c in cursor.description]
        for row in cursor:
            stored = dict(zip(names, row, strict=True))
            record.before[stored["id"]] = {c: stored[c] for c in record.after[stored["id"]]}
    for columns, values in groups.items():
        database_proxy.cursor().executemany(
            f"UPDATE person SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?", values)


def _insert_owned(added: list[_Person], changed: list[_Person], fields: _Names, stamp: str,
                  record: ImportRecord) -> None:
    """Entries, addresses, photos, career-field links and log notes, a batch per table."""
    ids = {table: _next_id(table) for table in (
        "person_entry", "postal_address", "person_career_field", "interaction")}
    entries, addresses, photos, links, notes = [], [], [], [], []
    for person in (*added, *changed):
        for position, entry in enumerate(person.new_entries, start=len(person.entries)):
            entries.append({"id": ids["person_entry"] + len(entries), "person_id": person.id,
                            "kind": entry.kind, "label": entry.label.strip(),
                            "value": entry.value.strip(), "position": position})
        for position, address in enumerate(person.new_addresses, start=len(person.addresses)):
            addresses.append({
                "id": ids["postal_address"] + len(addresses), "person_id": person.id,
                "label": address.label.strip(), "street": address.street.strip(),
                "city": address.city.strip(), "region": address.region.strip(),
                "postal_code": address.postal_code.strip(),
                "country": address.country.strip(), "position": position})
        if person.new_photo and not person.has_photo:
            photos.append({"person_id": person.id, "image": person.new_photo})
        for name in person.new_career_fields:
            links.append({"id": ids["person_career_field"] + len(links),
                          "person_id": person.id, "career_field_id": fields.id_of(name)})
        for day, summary in person.new_interactions:
            notes.append({"id": ids["interaction"] + len(notes), "created": stamp,
                          "updated": stamp, "person_id": person.id, "interview_id": None,
                          "kind": CONNECTED_KIND, "occurred_on": day, "summary": summary})
    for table, rows in (("person_entry", entries), ("postal_address", addresses),
                        ("person_photo", photos), ("person_career_field", links),
                        ("interaction", notes)):
        _insert_rows(table, rows)
        record.inserted[table] = rows


__all__ = [
    "ADD", "MERGE", "SKIP", "ERROR", "SKIPPED", "WARNING", "ImportCancelled", "ImportPlan",
    "ImportRecord", "ImportSummary", "PlanRow", "apply_plan", "plan_import",
]
