"""A person as a merge sees them, in memory: the stored values plus what a merge adds.

Shared by the people import (``formats.people_import``) and Find Duplicates
(``core.duplicates``), so both merge by the same rules: a blank field is filled; a
second email, phone or LinkedIn profile becomes a further labelled entry; addresses,
entries, career fields and tags are added when new; a note is appended once (compared
as normalised text); a differing name, job title or organization is a conflict, the
other value kept as a custom field "<field> (imported)" (or "(merged)"), or, when the
user takes the other value, the replaced one as "<field> (before import)".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from netdesk.core.contact_values import email_address, phone_key
from netdesk.core.limits import max_chars, too_long
from netdesk.core.matching import collapse_spaces, email_key, linkedin_key, organization_key
from netdesk.core.person_details import Address, Entry, PersonDetails
from netdesk.db.models import database_proxy

CONNECTED_KIND = "note"
"""Connecting on LinkedIn is a dated fact, not a conversation: logged as a note, not a meeting."""
TEXT_COLUMNS = (
    "first_name", "last_name", "name_prefix", "middle_name", "name_suffix", "nickname",
    "email", "email_label", "phone", "phone_label", "linkedin_url", "job_title",
    "department", "birthday", "relationship", "source", "stage", "tags", "notes",
    "research_notes", "record_source", "consent", "consent_date",
)
"""The person's own text columns, as an import writes them."""
FILLABLE = ("name_prefix", "middle_name", "name_suffix", "nickname", "email", "phone",
            "linkedin_url", "job_title", "department", "birthday", "source", "research_notes",
            "record_source", "consent", "consent_date")
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
    "record_source": "record source", "consent": "consent", "consent_date": "consent date",
}
CONFLICT_LABELS = {"name": "Name", "job_title": "Job title", "organization": "Organization"}
"""How a conflicting field is named in the custom field that keeps the other value."""


def full_name(details: PersonDetails) -> str:
    return " ".join(p for p in (details.first_name, details.last_name) if p)


def chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def marks(values) -> str:
    return ",".join("?" * len(values))


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
class MergedPerson:
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

    def clone(self) -> MergedPerson:
        return MergedPerson(
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


def add_career_fields(person: MergedPerson, record: PersonDetails) -> bool:
    added = False
    for name in record.career_fields:
        name = collapse_spaces(name)
        if name and organization_key(name) not in person.career_fields:
            person.career_fields[organization_key(name)] = name
            person.new_career_fields.append(name)
            added = True
    return added


def add_connected(person: MergedPerson, record: PersonDetails) -> bool:
    """Connected On becomes a dated note in the log, once."""
    connected_on = getattr(record, "connected_on", None)
    if connected_on is None:
        return False
    item = (connected_on.isoformat(), getattr(record, "connected_summary", "") or "Connected")
    if item in person.logged:
        return False
    person.logged.add(item)
    person.new_interactions.append(item)
    return True


def conflicts_of(person: MergedPerson, record: PersonDetails) -> dict[str, tuple[str, str]]:
    """Fields where the person and the record both hold a value, and different ones."""
    found: dict[str, tuple[str, str]] = {}
    mine, theirs = person.full_name(), collapse_spaces(full_name(record))
    if mine and theirs and text_key(mine) != text_key(theirs):
        found["name"] = (mine, theirs)
    for name in ("job_title", "organization"):
        mine, theirs = collapse_spaces(person.values[name]), collapse_spaces(
            getattr(record, name))
        if mine and theirs and text_key(mine) != text_key(theirs):
            found[name] = (mine, theirs)
    return found


def _set(person: MergedPerson, column: str, value: str, field_name: str | None = None) -> None:
    if person.values.get(column) != value:
        person.values[column] = value
        person.changed.add(column)
        person.touched.add(field_name or column)


def _add_entry(person: MergedPerson, entry: Entry, seen: set[tuple[str, str]]) -> bool:
    key = entry_key(entry.kind, entry.value)
    if not entry.value.strip() or key in seen:
        return False
    seen.add(key)
    person.new_entries.append(entry)
    person.touched.add("entries")
    return True


def merge_into(person: MergedPerson, record: PersonDetails,
               take_imported: set[str] | frozenset[str] = frozenset(),
               other: str = "imported") -> list[str]:
    """Merge ``record`` into ``person`` (in memory); return labels of what it adds or changes.

    Values the person has are never lost: see the module's docstring. ``other`` names the
    record's values in the custom fields that keep them ("Job title (imported)").
    """
    labels: list[str] = []

    def note(label: str) -> None:
        if label not in labels:
            labels.append(label)

    seen = person.entry_keys()
    conflicts = conflicts_of(person, record)
    for name, (mine, theirs) in conflicts.items():
        if name in take_imported:
            kept, label = mine, f"{CONFLICT_LABELS[name]} (before "
            label += "import)" if other == "imported" else "merge)"
            if name == "name":
                _set(person, "first_name", record.first_name, "first_name")
                _set(person, "last_name", record.last_name, "last_name")
            else:
                _set(person, name, theirs)
        else:
            kept, label = theirs, f"{CONFLICT_LABELS[name]} ({other})"
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
        elif name in ("nickname", "department", "birthday", "middle_name", "record_source",
                      "consent", "consent_date") and \
                text_key(value) != text_key(person.values[name]):
            if _add_entry(person, Entry("custom", value,
                                        f"{FIELD_LABELS[name].capitalize()} ({other})"), seen):
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
    if add_career_fields(person, record):
        person.touched.add("career_fields")
        note(FIELD_LABELS["career_fields"])
    if add_connected(person, record):
        person.touched.add("timeline")
        note(FIELD_LABELS["connected_on"])
    return labels


def too_long_after_merge(person: MergedPerson) -> str | None:
    """Notes and tags grow when merged: the field that would outgrow its limit, if any."""
    for name in ("notes", "tags", "research_notes"):
        if name in person.changed:
            problem = too_long(person.values[name], max_chars("person", name))
            if problem:
                return f"{FIELD_LABELS[name]} {problem.replace('is ', '', 1)}"
    return None


def load_people(ids: list[int]) -> dict[int, MergedPerson]:
    """The people ``ids`` as stored, with their entries, addresses, photo, career fields and
    logged notes: a handful of queries per 500 people."""
    found: dict[int, MergedPerson] = {}
    columns = ", ".join(f"p.{c}" for c in TEXT_COLUMNS)
    for chunk in chunks(sorted(set(ids))):
        in_chunk = marks(chunk)
        for row in database_proxy.execute_sql(
                f"SELECT p.id, {columns}, coalesce(o.name, '') FROM person p LEFT JOIN "
                f"organization o ON o.id = p.organization_id WHERE p.id IN ({in_chunk})", chunk):
            values = dict(zip((*TEXT_COLUMNS, "organization"), row[1:], strict=True))
            found[row[0]] = MergedPerson(row[0], False, values)
        for person_id, kind, value, label in database_proxy.execute_sql(
                f"SELECT person_id, kind, value, label FROM person_entry WHERE person_id IN "
                f"({in_chunk}) ORDER BY person_id, position, id", chunk):
            found[person_id].entries.append(Entry(kind, value, label))
        for person_id, *parts in database_proxy.execute_sql(
                "SELECT person_id, label, street, city, region, postal_code, country FROM "
                f"postal_address WHERE person_id IN ({in_chunk}) ORDER BY person_id, position, id",
                chunk):
            found[person_id].addresses.append(Address(*parts))
        for (person_id,) in database_proxy.execute_sql(
                f"SELECT person_id FROM person_photo WHERE person_id IN ({in_chunk})", chunk):
            found[person_id].has_photo = True
        for person_id, name in database_proxy.execute_sql(
                "SELECT l.person_id, f.name FROM person_career_field l JOIN career_field f "
                f"ON f.id = l.career_field_id WHERE l.person_id IN ({in_chunk})", chunk):
            found[person_id].career_fields[organization_key(name)] = name
        for person_id, day, summary in database_proxy.execute_sql(
                "SELECT person_id, occurred_on, summary FROM interaction WHERE kind = ? "
                f"AND person_id IN ({in_chunk})", [CONNECTED_KIND, *chunk]):
            found[person_id].logged.add((str(day), summary))
    return found
