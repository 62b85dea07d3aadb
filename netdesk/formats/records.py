"""What every importer produces: person records, problems with their line, and refusals."""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import operator
from dataclasses import dataclass, field

from netdesk.core import limits
from netdesk.core.person_details import Entry, PersonDetails


class FormatError(Exception):
    """The file as a whole cannot be imported; nothing was written.

    ``line`` (1-based) and ``field`` name the place at fault when known; the
    message already mentions them, so ``str(error)`` is fit to show as it is.
    """

    def __init__(self, message: str, *, line: int | None = None, field: str | None = None):
        prefix = f"line {line}: " if line else ""
        super().__init__(prefix + message)
        self.line = line
        self.field = field
        self.reason = message


@contextlib.contextmanager
def no_collection():
    """Keep the cyclic garbage collector out of reading a file into tens of thousands of
    small objects that all stay (it would rescan them all again and again)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


ERROR = "error"
"""The row could not be read at all (counted as an error)."""
SKIPPED = "skipped"
"""The row was read but cannot become a person, e.g. it has no name."""
WARNING = "warning"
"""The row imports, but part of it was dropped."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one line (or card) of the file."""

    line: int
    message: str
    severity: str = ERROR
    rows: int = 1
    """How many rows this stands for: one problem found on many rows is one summary, its
    ``line`` the first of them and its message an example (see :func:`rows_in`)."""

    @classmethod
    def error(cls, line: int, message: str) -> Problem:
        return cls(line, message, ERROR)

    @classmethod
    def skipped(cls, line: int, message: str) -> Problem:
        return cls(line, message, SKIPPED)

    @classmethod
    def warning(cls, line: int, message: str) -> Problem:
        return cls(line, message, WARNING)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def __str__(self) -> str:
        if self.rows > 1:
            return f"{self.rows:,} rows: {self.message}"
        return f"line {self.line}: {self.message}"


def rows_in(problems) -> int:
    """How many rows ``problems`` stand for (a summary counts every row it names)."""
    return sum(problem.rows for problem in problems)


@dataclass
class PersonRecord(PersonDetails):
    """One person as read from a file, before it is matched against the database."""

    line: int = field(kw_only=True)
    connected_on: datetime.date | None = None
    """When the user first connected (LinkedIn): becomes the first interaction."""
    connected_summary: str = ""
    uid: str = ""
    """The card's UID (vCard), which a referral in another card may point to."""
    referred_by: str = ""
    """The name of who referred them, as the file gives it (vCard)."""
    referred_by_uid: str = ""
    """The UID of the card of who referred them (netdesk's own vCard export)."""

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


@dataclass
class OrganizationRecord:
    """An organization as read from a file (a vCard company card)."""

    line: int
    name: str
    website: str = ""
    notes: str = ""


@dataclass
class ParseResult:
    """Everything read from one file: the people, and the lines that had problems."""

    records: list[PersonRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    organizations: list[OrganizationRecord] = field(default_factory=list)
    """Organizations the file holds as such (vCard company cards), not as people."""
    source: str = ""
    """What the importer writes into Person.source for new people (e.g. 'LinkedIn')."""
    record_source: str = ""
    """What the import writes into Person.record_source for new people whose record does not
    say ("Imported from contacts.vcf on 2026-12-01"; see :func:`imported_from`)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def within_limits(self) -> ParseResult:
        """Move the records with a value too long to keep into the problems, as errors: a long
        value is never cut to fit. Every reader ends with this; it returns the result itself."""
        kept = []
        for record in self.records:
            self.problems.extend(keep_as_text(record))
            problem = limit_problem(record)
            if problem:
                self.problems.append(Problem.error(
                    record.line, f"{problem}; the row was not imported"))
            else:
                kept.append(record)
        if len(kept) != len(self.records):
            self.records = kept
            self.problems.sort(key=lambda p: p.line)
        return self


def imported_from(path, day: datetime.date | None = None) -> str:
    """The record source of people imported from ``path``: "Imported from NAME on DATE"."""
    from pathlib import Path

    day = day or datetime.date.today()
    return f"Imported from {Path(path).name} on {day.isoformat()}"


FIELD_NAMES = {
    "first_name": "First name", "last_name": "Last name", "email": "Email", "phone": "Phone",
    "linkedin_url": "LinkedIn URL", "organization": "Organization", "job_title": "Job title",
    "relationship": "Relationship", "source": "Source", "stage": "Stage", "tags": "Tags",
    "notes": "Notes", "research_notes": "Research notes", "name_prefix": "Name prefix",
    "middle_name": "Middle name", "name_suffix": "Name suffix", "nickname": "Nickname",
    "department": "Department", "birthday": "Birthday", "email_label": "Email label",
    "phone_label": "Phone label", "record_source": "Record source", "consent": "Consent",
    "consent_date": "Consent given on",
}
"""How the fields of a person record are named in messages."""

_AS_WRITTEN = {"email": "Email (as written)", "phone": "Phone (as written)"}


def keep_as_text(record: PersonRecord) -> list[Problem]:
    """Make ``record`` one the person editor accepts as it is: an email, phone or birthday
    the validator refuses is kept, as written, as a custom field, and a warning names the
    line. Every reader's records pass through this, so no import stores what the editor
    would then refuse to save."""
    if not (record.email or record.phone or record.birthday or record.entries):
        return []
    from netdesk.core.contact_values import email_problem, phone_problem
    from netdesk.core.people import birthday_problem

    check = {"email": email_problem, "phone": phone_problem}
    moved: list[Entry] = []
    for kind in ("email", "phone"):
        value = getattr(record, kind)
        if value.strip() and check[kind](value):
            moved.append(Entry("custom", value, _AS_WRITTEN[kind]))
            setattr(record, kind, "")
            setattr(record, f"{kind}_label", "")
    if record.birthday and birthday_problem(record.birthday):
        moved.append(Entry("custom", record.birthday, "Birthday (as written)"))
        record.birthday = ""
    kept = []
    for entry in record.entries:
        if entry.kind in check and entry.value.strip() and check[entry.kind](entry.value):
            moved.append(Entry("custom", entry.value, _AS_WRITTEN[entry.kind]))
        else:
            kept.append(entry)
    if not moved:
        return []
    record.entries = kept + moved
    names = ", ".join(f"{e.label.removesuffix(' (as written)').lower()} “{e.value}”"
                      for e in moved)
    return [Problem.warning(record.line, f"kept as written, as a custom field: {names}")]


@functools.cache
def _field_limits():
    """The fields' values of a record (a function), the smallest limit among them, and each
    (field, its name in messages, the most characters it may hold): looked up once."""
    checks = tuple((name, label, limits.max_chars(
        "organization" if name == "organization" else "person",
        "name" if name == "organization" else name)) for name, label in FIELD_NAMES.items())
    return (operator.attrgetter(*FIELD_NAMES), min(limit for _n, _l, limit in checks),
            checks)


def limit_problem(record: PersonRecord) -> str | None:
    """Which field of ``record`` is longer than netdesk keeps (:mod:`netdesk.core.limits`)."""
    names, shortest, checks = _field_limits()
    if sum(map(len, names(record))) > shortest:  # else no field can be too long
        for name, label, limit in checks:
            value = getattr(record, name)
            if len(value) > limit:
                return f"{label} {limits.too_long(value, limit)}"
    if record.career_fields:
        limit = limits.max_chars("career_field", "name")
        for career_field in record.career_fields:
            problem = limits.too_long(career_field, limit)
            if problem:
                return f"a career field {problem}"
    if record.entries:
        value_limit = limits.max_chars("person_entry", "value")
        label_limit = limits.max_chars("person_entry", "label")
        for entry in record.entries:
            problem = (limits.too_long(entry.value, value_limit)
                       or limits.too_long(entry.label, label_limit))
            if problem:
                return f"a value of {entry.label or entry.kind} {problem}"
    for address in record.addresses:
        for name in ("label", "street", "city", "region", "postal_code", "country"):
            problem = limits.too_long(getattr(address, name),
                                      limits.max_chars("postal_address", name))
            if problem:
                return f"an address {problem}"
    if len(record.photo) > limits.PHOTO_BYTES:
        return f"the photo is {len(record.photo):,} bytes; netdesk keeps at most " \
               f"{limits.PHOTO_BYTES:,}"
    return None

