"""Generic CSV: import with a column mapping, export people and organizations spreadsheet-safely."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from netdesk.core.limits import MAX_COLUMNS
from netdesk.core.matching import collapse_spaces
from netdesk.db.models import RELATIONSHIPS, STAGES
from netdesk.formats.csvtext import header_key, rows_with_lines, sniff_dialect
from netdesk.formats.records import FormatError, ParseResult, PersonRecord, Problem
from netdesk.formats.textfile import read_text

WHAT = "a CSV file"
TARGETS = {
    "": "(ignore)",
    "first_name": "First name",
    "last_name": "Last name",
    "full_name": "Full name",
    "email": "Email",
    "phone": "Phone",
    "linkedin_url": "LinkedIn URL",
    "organization": "Organization",
    "job_title": "Job title",
    "relationship": "Relationship",
    "source": "Source",
    "stage": "Stage",
    "tags": "Tags",
    "notes": "Notes",
    "research_notes": "Research notes",
    "career_fields": "Career fields",
}
"""Where a column can go: Person fields, plus a full name to split and career fields."""
_SYNONYMS = {
    "first_name": ("first name", "given name", "firstname", "first", "forename"),
    "last_name": ("last name", "surname", "family name", "lastname", "last"),
    "full_name": ("name", "full name", "display name", "contact name", "fullname"),
    "email": ("email", "e mail", "email address", "e mail address", "e mail 1 value",
              "email 1 value", "primary email", "work email", "mail"),
    "phone": ("phone", "telephone", "mobile", "mobile phone", "cell", "business phone",
              "phone 1 value", "primary phone", "home phone", "phone number", "tel"),
    "linkedin_url": ("linkedin", "linkedin url", "linkedin profile", "profile url", "url"),
    "organization": ("organization", "organisation", "company", "employer", "company name",
                     "organization 1 name", "organization name"),
    "job_title": ("job title", "title", "position", "role", "organization 1 title"),
    "relationship": ("relationship", "how i know them", "relation"),
    "source": ("source", "where met", "met at"),
    "stage": ("stage", "pipeline stage", "status"),
    "tags": ("tags", "labels", "categories", "group membership", "groups"),
    "notes": ("notes", "note", "comments"),
    "research_notes": ("research notes", "research"),
    "career_fields": ("career fields", "career field", "fields"),
}
_BY_HEADER = {synonym: target for target, words in _SYNONYMS.items() for synonym in words}
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Cell openings a spreadsheet may run as a formula (OWASP CSV injection)."""


@dataclass
class Table:
    """A CSV file read as a header and rows, each row with the line it starts on."""

    header: list[str]
    header_line: int
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def read_table(path: Path | str, encoding: str | None = None) -> Table:
    return parse_table(read_text(path, WHAT, encoding))


def parse_table(text: str) -> Table:
    """Header and rows of CSV text (comma, semicolon or tab separated)."""
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        raise FormatError("this is a vCard file, not a CSV file; import it as vCard", line=1)
    if text.lstrip().startswith(("{", "[")):
        raise FormatError("this is a JSON file, not a CSV file", line=1)
    table: Table | None = None
    for line, row in rows_with_lines(text, sniff_dialect(text)):
        if table is None:
            if any(cell.strip() for cell in row):
                if len(row) > MAX_COLUMNS:
                    raise FormatError(
                        f"the header has {len(row):,} columns; netdesk reads CSV files of up "
                        f"to {MAX_COLUMNS:,} columns. Keep only the columns about people "
                        "(names, emails, organizations…) and try again", line=line)
                header = [collapse_spaces(cell.lstrip("\ufeff")) for cell in row]
                table = Table(header, line)
            continue
        if any(cell.strip() for cell in row):
            table.rows.append((line, row))
    if table is None:
        raise FormatError("the file has no header row; expected " + WHAT)
    return table


def guess_mapping(header: list[str]) -> list[str]:
    """A target (a key of TARGETS, '' to ignore) for each column, from its title."""
    mapping, used = [], set()
    for title in header:
        target = _BY_HEADER.get(header_key(title), "")
        if target in used:
            target = ""
        used.add(target)
        mapping.append(target)
    return mapping


def table_records(table: Table, mapping: list[str]) -> ParseResult:
    """Person records from the table, with the columns mapped to fields as given."""
    if not {"first_name", "last_name", "full_name"} & set(mapping):
        raise FormatError(
            "no column is mapped to First name, Last name or Full name", field="name")
    result = ParseResult()
    width = len(table.header)
    last_line = table.rows[-1][0] if table.rows else 0
    for line, row in table.rows:
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            result.problems.append(Problem.warning(
                line, f"{len(row)} cells for {width} columns; the extra cells were left out"))
        values: dict[str, str] = {}
        for target, cell in zip(mapping, row, strict=False):
            if target and cell.strip():
                values[target] = unneutralise(cell).strip()
        if len(row) < width and line == last_line and not any(values.values()):
            continue
        record = _record(line, values, result.problems)
        if record is not None:
            result.records.append(record)
    return result.within_limits()


def _record(line: int, values: dict[str, str], problems: list[Problem]) -> PersonRecord | None:
    first = collapse_spaces(values.pop("first_name", ""))
    last = collapse_spaces(values.pop("last_name", ""))
    full = collapse_spaces(values.pop("full_name", ""))
    if not first and not last and full:
        if "," in full:  # "Lovelace, Ada"
            last, _, first = (collapse_spaces(p) for p in full.partition(","))
        else:
            parts = full.split(" ")
            first, last = " ".join(parts[:-1]), parts[-1]
    if not first and not last:
        problems.append(Problem.skipped(line, "no name; skipped"))
        return None
    record = PersonRecord(line=line, first_name=first, last_name=last)
    for name in ("email", "phone", "linkedin_url", "organization", "job_title", "source",
                 "tags"):
        setattr(record, name, collapse_spaces(values.get(name, "")))
    record.notes = values.get("notes", "")
    record.research_notes = values.get("research_notes", "")
    for name, allowed in (("relationship", RELATIONSHIPS), ("stage", STAGES)):
        raw = values.get(name, "")
        if raw:
            word = header_key(raw).replace(" ", "_")
            if word in allowed:
                setattr(record, name, word)
            else:
                problems.append(Problem.warning(
                    line, f"{name} {raw!r} is not one of: {', '.join(allowed)}; "
                    "the default was used"))
    fields = values.get("career_fields", "")
    record.career_fields = [collapse_spaces(f) for f in fields.replace(",", ";").split(";")
                            if f.strip()]
    if len(record.email) > 254 or "\n" in record.email:
        problems.append(Problem.error(line, "the email is not an address; skipped"))
        return None
    return record


def neutralise(value: object) -> str:
    """A cell a spreadsheet shows as text: risky openings get a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(DANGEROUS_STARTS) else text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise`, so netdesk's own CSV reads back as it was written."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(DANGEROUS_STARTS):
        return text[1:]
    return text


PEOPLE_HEADER = [TARGETS[k] for k in (
    "first_name", "last_name", "email", "phone", "linkedin_url", "organization", "job_title",
    "relationship", "source", "stage", "tags", "notes", "research_notes", "career_fields")]
ORGANIZATION_HEADER = ["Name", "Sector", "Website", "Culture notes", "Notes", "People"]


def format_csv(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return out.getvalue()

