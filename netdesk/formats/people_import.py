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

import operator
from collections.abc import Callable
from dataclasses import dataclass, field

from netdesk.core.changes import ALL_FIELDS, NOTHING, Changes
from netdesk.core.matching import (
    Match,
    PersonIndex,
    candidate_of,
    collapse_spaces,
    organization_key,
)
from netdesk.core.merging import (
    CONNECTED_KIND,
    TEXT_COLUMNS,
    MergedPerson,
    add_career_fields,
    add_connected,
    chunks,
    conflicts_of,
    entry_key,
    load_people,
    marks,
    merge_into,
)
from netdesk.core.merging import too_long_after_merge as _too_long
from netdesk.db.dialect import after_explicit_ids, execute_many, insert_rows, is_server
from netdesk.db.last_contact import refresh as refresh_last_contact
from netdesk.db.models import RELATIONSHIPS, database_proxy, now
from netdesk.formats.import_links import (
    has_referrals,
    plan_organizations,
    without_company_skips,
    write_organizations,
    write_referrals,
)
from netdesk.formats.records import (
    ERROR,
    SKIPPED,
    WARNING,
    FormatError,
    ParseResult,
    PersonRecord,
    Problem,
    no_collection,
)

ADD, MERGE, SKIP = "add", "merge", "skip"
ACTION_LABELS = {ADD: "Add", MERGE: "Merge", SKIP: "Skip"}
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
    organizations: list = field(default_factory=list)
    record_source: str = ""
    """The record source of new people whose record gives none (``ParseResult``'s)."""
    """The company cards' :class:`~netdesk.formats.import_links.OrganizationPlan`."""

    def organizations_to_add(self) -> int:
        return sum(1 for plan in self.organizations if plan.adds)

    def counts(self) -> dict[str, int]:
        counts = {ADD: 0, MERGE: 0, SKIP: 0}
        for row in self.rows:
            counts[row.action] += 1
        counts[SKIP] += sum(p.rows for p in self.problems if p.severity == SKIPPED)
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
               "person_photo", "person_career_field", "interaction", "referral")
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
    organizations_before: dict[int, dict[str, object]] = field(default_factory=dict)
    """organization id → the empty columns a company card filled, as they were."""
    organizations_after: dict[int, dict[str, object]] = field(default_factory=dict)
    """organization id → the same columns as the import left them."""

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
        parts += [f"skipped {self.skipped}", f"errors {sum(p.rows for p in self.errors)}"]
        if self.organizations_added:
            parts.append(f"{self.organizations_added} "
                         f"{'organization' if self.organizations_added == 1 else 'organizations'}"
                         " added")
        return ", ".join(parts)


# New people ---------------------------------------------------------------------------------

def _new_person(person_id: int, record: PersonRecord, plan: ImportPlan) -> MergedPerson:
    values = {name: getattr(record, name) for name in TEXT_COLUMNS}
    values["relationship"] = record.relationship or plan.relationship
    values["source"] = record.source or plan.source
    values["record_source"] = record.record_source or plan.record_source
    values["stage"] = record.stage or "to_contact"
    values["organization"] = collapse_spaces(record.organization)
    person = MergedPerson(person_id, True, values)
    seen = person.entry_keys() if record.entries else set()
    for entry in record.entries:
        key = entry_key(entry.kind, entry.value)
        if entry.value.strip() and key not in seen:
            seen.add(key)
            person.new_entries.append(entry)
    person.new_addresses = [a for a in record.addresses if not a.is_empty()]
    person.new_photo = record.photo
    add_career_fields(person, record)
    add_connected(person, record)
    return person


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
    with no_collection():
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
    problems = without_company_skips(result)
    existing = load_people([r.match.key for r in rows if r.match and r.match.key > 0])
    plan = ImportPlan(rows, problems, relationship, result.source,
                      record_source=result.record_source)
    plan.organizations = plan_organizations(result)
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
    insert_rows(table, columns, map(operator.itemgetter(*columns), rows))
    if "id" in columns:  # ids numbered here: PostgreSQL's own numbering goes on past them
        after_explicit_ids(table)


class _SearchIndex:
    """The full-text index kept by triggers (migration 0002), brought up to date once per
    import instead of once per row: the triggers are dropped for the import's writes and
    put back, with the rows of the people written, inside the same transaction.

    On SQLite only. On PostgreSQL the index's triggers stay and keep it as rows go in:
    dropping a trigger there takes a lock on ``person`` that every other netdesk
    reading the shared network would wait for until the import commits, and its rows
    are one ``tsvector`` each, quick to make per row."""

    def __init__(self):
        self.triggers = [] if is_server() else database_proxy.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = "
            "'person' AND name LIKE 'person_search%'").fetchall()

    def __enter__(self):
        for name, _sql in self.triggers:
            database_proxy.execute_sql(f'DROP TRIGGER "{name}"')
        return self

    def refresh(self, ids: list[int], new: list[int] | None = None) -> None:
        """Index the people ``ids`` and ``new`` again (``new``: the people added, whose ids
        follow one another, are indexed by a single statement over their range)."""
        if not self.triggers:
            return
        if new and new == list(range(new[0], new[0] + len(new))):
            span = (new[0], new[-1])
            database_proxy.execute_sql(
                "DELETE FROM person_search WHERE rowid BETWEEN ? AND ?", span)
            database_proxy.execute_sql(
                "INSERT INTO person_search (rowid, name, organization, job_title, email, tags) "
                "SELECT p.id, trim(p.first_name || ' ' || p.last_name), coalesce(o.name, ''), "
                "p.job_title, p.email, p.tags FROM person p LEFT JOIN organization o "
                "ON o.id = p.organization_id WHERE p.id BETWEEN ? AND ?", span)
        else:
            ids = [*ids, *(new or [])]
        for chunk in chunks(sorted(ids)):
            database_proxy.execute_sql(
                f"DELETE FROM person_search WHERE rowid IN ({marks(chunk)})", chunk)
            database_proxy.execute_sql(
                "INSERT INTO person_search (rowid, name, organization, job_title, email, tags) "
                "SELECT p.id, trim(p.first_name || ' ' || p.last_name), coalesce(o.name, ''), "
                "p.job_title, p.email, p.tags FROM person p LEFT JOIN organization o "
                f"ON o.id = p.organization_id WHERE p.id IN ({marks(chunk)})", chunk)

    def __exit__(self, *exc):
        for _name, sql in self.triggers:
            database_proxy.execute_sql(sql)
        return False


class _Indexes:
    """The secondary indexes of the tables a large import fills, dropped for its inserts and
    created again, inside the same transaction: building an index once over all the rows is
    faster than growing it row by row when the import adds about as many rows as there are.
    Unique indexes stay, so that they still refuse a duplicate as it is inserted.

    On SQLite only: on PostgreSQL, dropping an index locks its table against every other
    reader of the shared network until the import commits."""

    def __init__(self, adding: dict[str, int]):
        self.indexes = []
        for table, count in adding.items() if not is_server() else ():
            existing = database_proxy.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]
            if count and count * 2 >= existing:
                self.indexes += database_proxy.execute_sql(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                    "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'", (table,)).fetchall()

    def __enter__(self):
        for name, _sql in self.indexes:
            database_proxy.execute_sql(f'DROP INDEX "{name}"')
        return self

    def __exit__(self, *exc):
        if exc[0] is None:  # after a failure the transaction is rolled back, indexes and all
            for _name, sql in self.indexes:
                database_proxy.execute_sql(sql)
        return False


def apply_plan(plan: ImportPlan, progress: Progress | None = None,
               before_write: Callable[[], None] | None = None) -> ImportSummary:
    """Write the plan in one transaction; on any exception nothing is written.

    Everything is worked out in memory first (``progress`` is called meanwhile and may
    cancel); ``before_write`` (e.g. taking a backup) is called right before the first
    write, and only when there is something to write.
    """
    with no_collection():
        return _apply(plan, progress, before_write)


def _apply(plan: ImportPlan, progress: Progress | None,
           before_write: Callable[[], None] | None) -> ImportSummary:
    summary = ImportSummary(problems=list(plan.problems))
    summary.skipped = sum(p.rows for p in plan.problems if p.severity == SKIPPED)
    total = len(plan.rows)
    existing = load_people([r.match.key for r in plan.rows
                            if r.match and r.match.key > 0 and r.action == MERGE])
    next_person = _next_id("person")
    added: list[MergedPerson] = []
    resolved: list[MergedPerson | None] = []
    merged: dict[int, MergedPerson] = {}
    for position, row in enumerate(plan.rows):
        target: MergedPerson | None = None
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
    if not added and not changed and not any(o.writes for o in plan.organizations) and not (
            has_referrals(plan.rows)):
        summary.record = ImportRecord({table: [] for table in UNDO_TABLES})
        return summary
    if before_write is not None:
        before_write()
    stamp = str(now())
    with database_proxy.atomic():
        one_writer_at_a_time()
        start = _next_id("person")  # another import may have committed since the plan
        for offset, person in enumerate(added):
            person.id = start + offset
        companies, filled = write_organizations(plan.organizations, stamp)
        summary.record, summary.changes = _write(added, changed, stamp)
        _link(plan, summary, [p.id if p is not None else None for p in resolved],
              companies, filled, stamp)
        summary.organizations_added = len(summary.record.inserted["organization"])
    return summary


IMPORT_LOCK = 0x6E64696D  # "ndim": the key of the imports' advisory lock on PostgreSQL


def one_writer_at_a_time() -> None:
    """On PostgreSQL, wait (inside the import's transaction) until no other import into the
    same database is writing, and hold that until this one commits or rolls back.

    An import numbers its rows itself (the next id after the largest) and creates the
    organizations and career fields it names when they do not exist: two imports at once
    would take the same ids or make the same organization twice, and one of them fail.
    One after the other, each sees what the other committed (READ COMMITTED reads
    afresh for each statement). A SQLite file has one writer at a time anyway."""
    if is_server():
        database_proxy.execute_sql("SELECT pg_advisory_xact_lock(?)", (IMPORT_LOCK,))


def _write(added: list[MergedPerson], changed: list[MergedPerson],
           stamp: str) -> tuple[ImportRecord, Changes]:
    record = ImportRecord({table: [] for table in UNDO_TABLES})
    organizations, fields = _Names("organization"), _Names("career_field")
    for person in (*added, *changed):
        organizations.want(person.values["organization"])
        for name in person.new_career_fields:
            fields.want(name)
    record.inserted["organization"] = organizations.create(stamp)
    record.inserted["career_field"] = fields.create(stamp)
    interactions = sum(len(p.new_interactions) for p in (*added, *changed))
    with _SearchIndex() as search, _Indexes({"person": len(added),
                                             "interaction": interactions}):
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
        refresh_last_contact(r["person_id"] for r in record.inserted["interaction"])
        search.refresh([p.id for p in changed], [p.id for p in added])
    changes = Changes(
        person_fields={p.id: ALL_FIELDS for p in added}
        | {p.id: frozenset(p.touched) for p in changed},
        people_added=frozenset(p.id for p in added),
        organizations=frozenset(r["id"] for r in record.inserted["organization"]),
        career_fields=frozenset(r["id"] for r in record.inserted["career_field"]),
        interactions=frozenset(r["id"] for r in record.inserted["interaction"]))
    return record, changes


def _link(plan: ImportPlan, summary: ImportSummary, people: list[int | None],
          companies: list[dict], filled: dict[int, dict], stamp: str) -> None:
    """Record the company cards' organizations and add the referrals the cards name."""
    record = summary.record
    record.inserted["organization"] = companies + record.inserted["organization"]
    record.organizations_before = {i: columns["before"] for i, columns in filled.items()}
    record.organizations_after = {i: columns["after"] for i, columns in filled.items()}
    referrals, problems, changes = write_referrals(plan.rows, people, stamp, SKIP)
    record.inserted["referral"] = referrals
    summary.problems = sorted(summary.problems + problems, key=lambda p: p.line)
    summary.changes = summary.changes | changes | Changes(
        organizations=frozenset([*(r["id"] for r in companies), *filled]))


def _update_people(changed: list[MergedPerson], organizations: _Names, stamp: str,
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
    for chunk in chunks(before_ids):
        cursor = database_proxy.execute_sql(f"SELECT * FROM person WHERE id IN ({marks(chunk)})",
                                            chunk)
        names = [c[0] for c in cursor.description]
        for row in cursor:
            stored = dict(zip(names, row, strict=True))
            record.before[stored["id"]] = {c: stored[c] for c in record.after[stored["id"]]}
    for columns, values in groups.items():
        execute_many(f"UPDATE person SET {', '.join(f'{c} = ?' for c in columns)}, "
                     "version = version + 1 WHERE id = ?", values)  # raised here: no trigger step


def _insert_owned(added: list[MergedPerson], changed: list[MergedPerson], fields: _Names,
                  stamp: str, record: ImportRecord) -> None:
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
