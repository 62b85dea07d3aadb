"""From person records to the database: a preview plan (add / merge / skip), then one transaction.

``plan_import`` reads the database but writes nothing; the user may change each
row's action; ``apply_plan`` writes the whole plan in a single transaction, so
a failure or a cancel half-way leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from netdesk.core.changes import ALL_FIELDS, NOTHING, Changes
from netdesk.core.limits import max_chars, too_long
from netdesk.core.matching import (
    Match,
    PersonIndex,
    candidate,
    collapse_spaces,
    organization_key,
)
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
FILLABLE = ("email", "phone", "linkedin_url", "job_title", "source", "research_notes")
FIELD_LABELS = {
    "email": "email", "phone": "phone", "linkedin_url": "LinkedIn URL", "job_title": "job title",
    "source": "source", "research_notes": "research notes", "organization": "organization",
    "notes": "notes", "tags": "tags", "career_fields": "career fields",
    "connected_on": "first interaction",
}
PROGRESS_EVERY = 250

Progress = Callable[[int, int], None]
"""Called with (done, total) now and then; it may raise :class:`ImportCancelled` to stop."""


class ImportCancelled(Exception):
    """The user stopped the import; the transaction was rolled back."""


@dataclass
class PlanRow:
    """What will happen to one record: its action, and the person it matches, if any."""

    record: PersonRecord
    action: str
    match: Match | None = None
    changes: list[str] = field(default_factory=list)
    """Labels of the fields a merge would fill in (for the preview)."""

    @property
    def actions(self) -> tuple[str, ...]:
        return (MERGE, SKIP, ADD) if self.match else (ADD, SKIP)


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
        counts[SKIP] += sum(p.rows for p in self.problems if p.severity == SKIPPED)
        return counts

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def set_all(self, action: str, *, only_matched: bool = True) -> None:
        for row in self.rows:
            if action in row.actions and (row.match or not only_matched):
                row.action = action


UNDO_TABLES = ("organization", "career_field", "person", "person_career_field", "interaction")
"""The tables a people import inserts into, in the order rows go in (referenced ones first)."""


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
        return [row["id"] for row in self.inserted.get(table, [])]


@dataclass
class ImportSummary:
    added: int = 0
    merged: int = 0
    unchanged: int = 0
    skipped: int = 0
    organizations_added: int = 0
    problems: list[Problem] = field(default_factory=list)
    changes: Changes = NOTHING
    """What the import changed, for the window's views."""
    record: ImportRecord | None = None
    """What was written, row by row, read in the import's own transaction (for undo)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    def text(self) -> str:
        """One line, e.g. 'added 12, merged 3 (1 unchanged), skipped 2, errors 0'."""
        merged = f"merged {self.merged}" + (f" ({self.unchanged} unchanged)"
                                            if self.unchanged else "")
        return (f"added {self.added}, {merged}, skipped {self.skipped}, "
                f"errors {sum(p.rows for p in self.errors)}")


def _existing_people(ids: list[int]) -> dict[int, dict]:
    found: dict[int, dict] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        cursor = database_proxy.execute_sql(
            "SELECT p.id, p.email, p.phone, p.linkedin_url, p.job_title, p.source, "
            "p.research_notes, p.organization_id, p.notes, p.tags FROM person p "
            f"WHERE p.id IN ({','.join('?' * len(chunk))})", chunk)
        for row in cursor:
            found[row[0]] = dict(zip(
                ("id", "email", "phone", "linkedin_url", "job_title", "source",
                 "research_notes", "organization_id", "notes", "tags"), row, strict=True))
    return found


def _logged_notes(ids: list[int]) -> set[tuple[int, str, str]]:
    """(person, day, summary) of the notes already in the log of these people."""
    found: set[tuple[int, str, str]] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        found.update(database_proxy.execute_sql(
            "SELECT person_id, occurred_on, summary FROM interaction WHERE kind = ? "
            f"AND person_id IN ({','.join('?' * len(chunk))})", [CONNECTED_KIND, *chunk]))
    return found


def _merged_values(existing: dict, record: PersonRecord) -> dict[str, object]:
    """Fields of ``existing`` a merge changes: empty ones filled, notes and tags added to.

    Values the user already has are never overwritten.
    """
    update: dict[str, object] = {}
    for name in FILLABLE:
        value = getattr(record, name)
        if value and not existing.get(name):
            update[name] = value
    if record.organization and not existing.get("organization_id"):
        update["organization"] = record.organization
    if record.notes and record.notes not in (existing.get("notes") or ""):
        old = existing.get("notes") or ""
        update["notes"] = f"{old}\n{record.notes}" if old else record.notes
    if record.tags:
        old_tags = [t.strip() for t in (existing.get("tags") or "").split(",") if t.strip()]
        known = {t.casefold() for t in old_tags}
        new = [t.strip() for t in record.tags.split(",")
               if t.strip() and t.strip().casefold() not in known]
        if new:
            update["tags"] = ", ".join(old_tags + list(dict.fromkeys(new)))
    return update


def plan_import(result: ParseResult, relationship: str = "acquaintance",
                progress: Progress | None = None) -> ImportPlan:
    """Match every record against the database (and earlier rows); write nothing."""
    if relationship not in RELATIONSHIPS:
        raise ValueError(f"unknown relationship {relationship!r}")
    index = PersonIndex.from_database()
    rows: list[PlanRow] = []
    total = len(result.records)
    for position, record in enumerate(result.records):
        person = candidate(
            -(position + 1), record.first_name, record.last_name, record.email, record.phone,
            record.linkedin_url, record.organization)
        match = index.find(person)
        rows.append(PlanRow(record, MERGE if match else ADD, match))
        if match is None:
            index.add(person)
        if progress and (position + 1) % PROGRESS_EVERY == 0:
            progress(position + 1, total)
    problems = list(result.problems)
    matched = sorted({r.match.key for r in rows if r.match and r.match.key > 0})
    existing = _existing_people(matched)
    logged = _logged_notes(matched)
    for row in rows:
        if row.match is None:
            continue
        if row.match.key > 0:
            update = _merged_values(existing[row.match.key], row.record)
            row.changes = [FIELD_LABELS[name] for name in update]
            grown = _too_long_after_merge(update)
            if grown:
                problems.append(Problem(row.record.line, f"merging would make {grown}; "
                                        "the row was not imported", ERROR))
                row.action = SKIP
        else:
            row.changes = ["fields from line " + str(rows[-row.match.key - 1].record.line)]
        if row.record.career_fields:
            row.changes.append(FIELD_LABELS["career_fields"])
        if row.record.connected_on and (
                row.match.key < 0 or (row.match.key, row.record.connected_on.isoformat(),
                                      row.record.connected_summary) not in logged):
            row.changes.append(FIELD_LABELS["connected_on"])
    if progress:
        progress(total, total)
    return ImportPlan(rows, sorted(problems, key=lambda p: p.line), relationship,
                      result.source)


def _too_long_after_merge(update: dict[str, object]) -> str | None:
    """Notes and tags grow when merged: the field that would outgrow its limit, if any."""
    for name in ("notes", "tags"):
        value = update.get(name)
        if isinstance(value, str):
            problem = too_long(value, max_chars("person", name))
            if problem:
                return f"{FIELD_LABELS[name]} {problem.replace('is ', '', 1)}"
    return None


class _Lookup:
    """Organizations and career fields by name, created on first use inside the transaction."""

    def __init__(self, table: str, create_sql: str):
        self.table = table
        self.create_sql = create_sql
        self.ids = {organization_key(name): id_ for id_, name in database_proxy.execute_sql(
            f"SELECT id, name FROM {table}")}
        self.new_ids: list[int] = []

    @property
    def created(self) -> int:
        return len(self.new_ids)

    def id_for(self, name: str, stamp: str) -> int | None:
        name = collapse_spaces(name)
        if not name:
            return None
        key = organization_key(name)
        found = self.ids.get(key)
        if found is None:
            found = database_proxy.execute_sql(self.create_sql, (stamp, stamp, name)).lastrowid
            self.ids[key] = found
            self.new_ids.append(found)
        return found


_INSERT_PERSON = (
    "INSERT INTO person (created, updated, first_name, last_name, email, phone, linkedin_url, "
    "organization_id, job_title, relationship, source, stage, tags, notes, research_notes) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def apply_plan(plan: ImportPlan, progress: Progress | None = None) -> ImportSummary:
    """Write the plan in one transaction; on any exception nothing is written."""
    summary = ImportSummary(problems=list(plan.problems))
    summary.skipped = sum(p.rows for p in plan.problems if p.severity == SKIPPED)
    stamp = str(now())
    total = len(plan.rows)
    with database_proxy.atomic():
        organizations = _Lookup("organization", (
            "INSERT INTO organization (created, updated, name, sector, website, culture_notes, "
            "notes) VALUES (?, ?, ?, '', '', '', '')"))
        fields = _Lookup("career_field", (
            "INSERT INTO career_field (created, updated, name, description) "
            "VALUES (?, ?, ?, '')"))
        resolved: list[int | None] = []
        added_ids: set[int] = set()
        merged_fields: dict[int, set[str]] = {}
        before: dict[int, dict[str, object]] = {}
        new_rows: dict[str, list[int]] = {"person_career_field": [], "interaction": []}
        for position, row in enumerate(plan.rows):
            target = None
            if row.match is not None:
                key = row.match.key
                target = key if key > 0 else resolved[-key - 1]
            person_id: int | None
            inserted = False
            if row.action == SKIP:
                summary.skipped += 1
                person_id = target
                resolved.append(person_id)
            elif row.action == ADD or target is None:
                person_id = _insert(row.record, plan, organizations, stamp)
                inserted = True
                added_ids.add(person_id)
                summary.added += 1
                resolved.append(person_id)
            else:
                person_id = target
                merged = _merge(person_id, row.record, organizations, stamp, before)
                changed = bool(merged)
                if merged:
                    merged_fields.setdefault(person_id, set()).update(merged)
                summary.merged += 1
                resolved.append(person_id)
            if row.action != SKIP and person_id is not None:
                linked = _link_fields(person_id, row.record, fields, stamp,
                                      new_rows["person_career_field"])
                logged = _first_interaction(person_id, row.record, stamp, new=inserted,
                                            rows=new_rows["interaction"])
                changed_more = linked or logged
                if changed_more and not inserted:
                    merged_fields.setdefault(person_id, set()).update(
                        ({"career_fields"} if linked else set())
                        | ({"timeline"} if logged else set()))
                if row.action == MERGE and target is not None and not (changed or changed_more):
                    summary.unchanged += 1
            if progress and (position + 1) % PROGRESS_EVERY == 0:
                progress(position + 1, total)
        summary.organizations_added = organizations.created
        summary.record = _record(
            {"organization": organizations.new_ids, "career_field": fields.new_ids,
             "person": sorted(added_ids), **new_rows}, before)
        summary.changes = Changes(
            person_fields={i: ALL_FIELDS for i in added_ids}
            | {i: frozenset(names) for i, names in merged_fields.items()},
            people_added=frozenset(added_ids),
            organizations=frozenset(organizations.new_ids),
            career_fields=frozenset(fields.new_ids))
        if progress:
            progress(total, total)
    return summary


def _insert(record: PersonRecord, plan: ImportPlan, organizations: _Lookup, stamp: str) -> int:
    return database_proxy.execute_sql(_INSERT_PERSON, (
        stamp, stamp, record.first_name, record.last_name, record.email, record.phone,
        record.linkedin_url, organizations.id_for(record.organization, stamp), record.job_title,
        record.relationship or plan.relationship, record.source or plan.source,
        record.stage or "to_contact", record.tags, record.notes, record.research_notes,
    )).lastrowid


def _record(ids: dict[str, list[int]], before: dict[int, dict[str, object]]) -> ImportRecord:
    """Read back the rows the import inserted and the merged columns as they are now."""
    record = ImportRecord(before=before)
    for table in UNDO_TABLES:
        record.inserted[table] = _rows(table, "id", ids.get(table, []))
    for person_id, values in before.items():
        columns = list(values)
        cursor = database_proxy.execute_sql(
            f"SELECT {', '.join(columns)} FROM person WHERE id = ?", (person_id,))
        record.after[person_id] = dict(zip(columns, cursor.fetchone(), strict=True))
    return record


def _rows(table: str, key: str, values: list[int]) -> list[dict]:
    found: list[dict] = []
    for start in range(0, len(values), 500):
        chunk = values[start:start + 500]
        cursor = database_proxy.execute_sql(
            f"SELECT * FROM {table} WHERE {key} IN ({','.join('?' * len(chunk))}) "
            "ORDER BY id", chunk)
        names = [column[0] for column in cursor.description]
        found.extend(dict(zip(names, row, strict=True)) for row in cursor)
    return found


def _merge(person_id: int, record: PersonRecord, organizations: _Lookup, stamp: str,
           before: dict[int, dict[str, object]] | None = None) -> set[str]:
    """Fill the person's blank fields from ``record``; return the names of those changed.

    ``before`` receives the values the columns held before this import first changed
    them (person id → column → value).
    """
    existing = _existing_people([person_id])[person_id]
    update = _merged_values(existing, record)
    if not update:
        return set()
    names = set(update)
    grown = _too_long_after_merge(update)
    if grown:  # the plan skips such rows; the user chose to merge it all the same
        raise FormatError(f"merging would make {grown}; nothing was imported",
                          line=record.line)
    if "organization" in update:
        update["organization_id"] = organizations.id_for(str(update.pop("organization")), stamp)
    update["updated"] = stamp
    if before is not None:
        cursor = database_proxy.execute_sql(
            f"SELECT {', '.join(update)} FROM person WHERE id = ?", (person_id,))
        kept = before.setdefault(person_id, {})
        for name, value in zip(update, cursor.fetchone(), strict=True):
            kept.setdefault(name, value)
    assignments = ", ".join(f"{name} = ?" for name in update)
    database_proxy.execute_sql(
        f"UPDATE person SET {assignments} WHERE id = ?", (*update.values(), person_id))
    return names


def _link_fields(person_id: int, record: PersonRecord, fields: _Lookup, stamp: str,
                 rows: list[int] | None = None) -> bool:
    changed = False
    for name in record.career_fields:
        field_id = fields.id_for(name, stamp)
        cursor = database_proxy.execute_sql(
            "INSERT OR IGNORE INTO person_career_field (person_id, career_field_id) "
            "VALUES (?, ?)", (person_id, field_id))
        if cursor.rowcount > 0:
            changed = True
            if rows is not None:
                rows.append(cursor.lastrowid)
    return changed


def _first_interaction(person_id: int, record: PersonRecord, stamp: str, *, new: bool,
                       rows: list[int] | None = None) -> bool:
    """Connected On becomes a dated note in the log, once."""
    if record.connected_on is None:
        return False
    summary = record.connected_summary or "Connected"
    day = record.connected_on.isoformat()
    if not new and database_proxy.execute_sql(
            "SELECT 1 FROM interaction WHERE person_id = ? AND kind = ? AND occurred_on = ? "
            "AND summary = ? LIMIT 1", (person_id, CONNECTED_KIND, day, summary)).fetchone():
        return False
    cursor = database_proxy.execute_sql(
        "INSERT INTO interaction (created, updated, person_id, interview_id, kind, occurred_on, "
        "summary) VALUES (?, ?, ?, NULL, ?, ?, ?)",
        (stamp, stamp, person_id, CONNECTED_KIND, day, summary))
    if rows is not None:
        rows.append(cursor.lastrowid)
    return True


__all__ = [
    "ADD", "MERGE", "SKIP", "ERROR", "SKIPPED", "WARNING", "ImportCancelled", "ImportPlan",
    "ImportRecord", "ImportSummary", "PlanRow", "apply_plan", "plan_import",
]
