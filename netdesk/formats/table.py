"""CSV of people: import with a column mapping (known layouts recognised), export every
field spreadsheet-safely; organizations exported too.

Reading never guesses: the delimiter comes from the header line, the quoting is RFC
4180's, a row whose cells do not fit the header is refused with its line, a value the
editor would not accept (an email, a phone, a date) is kept as text in a custom field
and named in the problems, and every column with values that no field takes is named
as not imported.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from netdesk.core.contact_values import email_address, email_problem, phone_key, phone_problem
from netdesk.core.limits import MAX_COLUMNS
from netdesk.core.matching import collapse_spaces
from netdesk.core.person_details import Address, Entry
from netdesk.db.models import ENTRY_KINDS, RELATIONSHIPS, STAGES
from netdesk.formats.csvpresets import (
    ADDRESS,
    FIELDS,
    GENERIC,
    SINGLE,
    Preset,
    Target,
    preset_mapping,
    recognise,
)
from netdesk.formats.csvtext import (
    DELIMITER_NAMES,
    DELIMITERS,
    choose_delimiter,
    dialect_for,
    header_key,
    rows_with_lines,
)
from netdesk.formats.records import FormatError, ParseResult, PersonRecord, Problem
from netdesk.formats.textfile import read_decoded

WHAT = "a CSV file"
TARGETS = {"": "(ignore)", **FIELDS}
"""Where a column can go (the field part of a target): a key of this, '' to ignore."""
NAME_FIELDS = ("first_name", "last_name", "full_name")
DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""Cell openings a spreadsheet may run as a formula (OWASP CSV injection)."""
_NEUTRALISED = re.compile("^'*[=+\\-@\t\r]")
_LABEL_WORDS = {"work": "work", "business": "work", "office": "work", "home": "home",
                "personal": "home", "private": "home", "mobile": "mobile", "cell": "mobile",
                "cellular": "mobile", "other": "other"}
_SYSTEM_GROUPS = {"mycontacts", "my contacts", "starred", "other contacts"}
"""Google's own groups: every contact is in them; they never become tags."""


@dataclass
class Table:
    """A CSV file read as a header and rows, each row with the line it starts on.

    ``delimiter`` is the one the header uses; ``encoding`` the codec the file was read
    with, ``encoding_guessed`` True when that is charset-normalizer's guess.
    """

    header: list[str]
    header_line: int
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    delimiter: str = ","
    encoding: str = "utf-8"
    encoding_guessed: bool = False

    @property
    def preset(self) -> Preset:
        return recognise(self.header)


def read_table(path: Path | str, encoding: str | None = None) -> Table:
    decoded = read_decoded(path, WHAT, encoding)
    table = parse_table(decoded.text)
    table.encoding, table.encoding_guessed = decoded.encoding, decoded.guessed
    return table


def parse_table(text: str) -> Table:
    """Header and rows of CSV text (comma, semicolon or tab separated)."""
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        raise FormatError("this is a vCard file, not a CSV file; import it as vCard", line=1)
    if text.lstrip().startswith(("{", "[")):
        raise FormatError("this is a JSON file, not a CSV file", line=1)
    delimiter = choose_delimiter(text)
    table: Table | None = None
    for line, row in rows_with_lines(text, dialect_for(delimiter)):
        if table is None:
            if any(cell.strip() for cell in row):
                if len(row) > MAX_COLUMNS:
                    raise FormatError(
                        f"the header has {len(row):,} columns; netdesk reads CSV files of up "
                        f"to {MAX_COLUMNS:,} columns. Keep only the columns about people "
                        "(names, emails, organizations…) and try again", line=line)
                header = [collapse_spaces(cell.lstrip("\ufeff")) for cell in row]
                table = Table(header, line, delimiter=delimiter)
            continue
        if any(cell.strip() for cell in row):
            table.rows.append((line, row))
    if table is None:
        raise FormatError("the file has no header row; expected " + WHAT)
    return table


def recognised(header: list[str]) -> str:
    """The name of the known layout ``header`` is ("Google Contacts"), '' when none."""
    return recognise(header).name


def guess_mapping(header: list[str]) -> list[str]:
    """A target (``field[:label][@slot][!]``, '' to ignore) for each column, from its title
    and the layout the header is recognised as."""
    return preset_mapping(recognise(header), header)


def not_imported(table: Table, mapping: list[str], *, groups_as_tags: bool = False
                 ) -> list[tuple[str, int]]:
    """(title, rows with a value) of each column whose values no field takes."""
    preset = table.preset
    found = []
    for number, title in enumerate(table.header):
        target = mapping[number] if number < len(mapping) else ""
        name = Target.parse(target).field if target else ""
        if name and not (name == "groups" and not groups_as_tags):
            continue
        count = sum(1 for _, row in table.rows
                    if number < len(row) and _value(row[number], preset))
        if count:
            found.append((title or f"Column {number + 1}", count))
    return found


def table_records(table: Table, mapping: list[str], *,
                  groups_as_tags: bool = False) -> ParseResult:
    """Person records from the table, with the columns mapped to fields as given.

    Groups (Google's labels, Outlook's categories) become tags only with
    ``groups_as_tags``; Google's own groups (``* myContacts``, ``* starred``) never.
    """
    targets = [Target.parse(m) if m else None for m in mapping]
    if not {t.field for t in targets if t} & set(NAME_FIELDS):
        raise FormatError(
            "no column is mapped to First name, Last name or Full name", field="name")
    preset = table.preset
    result = ParseResult()
    width = len(table.header)
    others = [d for d in DELIMITERS if d != table.delimiter]
    for line, row in table.rows:
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            result.problems.append(Problem.error(
                line, f"{len(row)} cells for {width} columns: a cell holding a "
                f"{DELIMITER_NAMES[table.delimiter]} may be missing its quotes; the row was "
                "not imported"))
            continue
        if width > 1 and len(row) == 1 and any(d in row[0] for d in others):
            used = next(d for d in others if d in row[0])
            result.problems.append(Problem.error(
                line, f"the row is separated by {DELIMITER_NAMES[used]}s, the header by "
                f"{DELIMITER_NAMES[table.delimiter]}s; the row was not imported"))
            continue
        record = _record(line, row, targets, preset, groups_as_tags, result.problems)
        if record is not None:
            result.records.append(record)
    skipped = not_imported(table, mapping, groups_as_tags=groups_as_tags)
    if skipped:
        result.problems.insert(0, Problem.warning(table.header_line, "not imported: " + ", ".join(
            f"column “{title}” ({count} {'row' if count == 1 else 'rows'})"
            for title, count in skipped)))
    return result.within_limits()


def _value(cell: str, preset: Preset) -> str:
    text = unneutralise(cell).strip().replace("\r\n", "\n")
    return "" if preset.blanks and text.casefold() in preset.blanks else text


@dataclass
class _Values:
    """One column's values of a kind (email, phone…) in one row."""

    order: tuple[int, int, int]
    kind: str
    values: list[str]
    label: str
    slot: str


def _record(line: int, row: list[str], targets: list[Target | None], preset: Preset,
            groups_as_tags: bool, problems: list[Problem]) -> PersonRecord | None:
    single: dict[str, str] = {}
    columns: list[_Values] = []
    labels: dict[str, list[str]] = {}
    addresses: dict[str, dict[str, list[str]]] = {}
    address_labels: dict[str, str] = {}
    for number, (target, cell) in enumerate(zip(targets, row, strict=False)):
        if target is None or not cell:
            continue
        text = _value(cell, preset)
        if not text:
            continue
        name = target.field
        if name in SINGLE:
            single.setdefault(name, text)
        elif name == "label":
            labels[target.slot] = _split(text, preset)
        elif name in ADDRESS:
            slot = target.slot or f"#{number}"
            addresses.setdefault(slot, {}).setdefault(name, []).append(text)
            if target.label:
                address_labels.setdefault(slot, target.label)
        else:
            columns.append(_Values((0 if target.preferred else 1, preset.rank_of(target),
                                    number), name,
                                   _split(text, preset), target.label, target.slot))
    first = collapse_spaces(single.pop("first_name", ""))
    last = collapse_spaces(single.pop("last_name", ""))
    full = collapse_spaces(single.pop("full_name", ""))
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
    for name in ("middle_name", "name_prefix", "name_suffix", "nickname", "linkedin_url",
                 "organization", "department", "job_title", "source", "tags"):
        setattr(record, name, collapse_spaces(single.get(name, "")))
    record.notes = single.get("notes", "")
    record.research_notes = single.get("research_notes", "")
    record.record_source = collapse_spaces(single.get("record_source", ""))
    record.consent = single.get("consent", "")
    record.consent_date = collapse_spaces(single.get("consent_date", ""))
    for name, allowed in (("relationship", RELATIONSHIPS), ("stage", STAGES)):
        raw = single.get(name, "")
        if raw:
            word = header_key(raw).replace(" ", "_")
            if word in allowed:
                setattr(record, name, word)
            else:
                problems.append(Problem.warning(
                    line, f"{name} {raw!r} is not one of: {', '.join(allowed)}; "
                    "the default was used"))
    fields = single.get("career_fields", "")
    record.career_fields = [collapse_spaces(f) for f in fields.replace(",", ";").split(";")
                            if f.strip()]
    kept_as_text: list[Entry] = []
    _birthday(record, single, line, problems, kept_as_text)
    if groups_as_tags and single.get("groups"):
        record.tags = _with_groups(record.tags, single["groups"], preset)
    entries = _entries(columns, labels, preset, line, problems, kept_as_text)
    for kind in ("email", "phone"):
        found = [e for e in entries if e.kind == kind]
        if found:
            setattr(record, kind, found[0].value)
            setattr(record, f"{kind}_label", found[0].label)
            entries.remove(found[0])
    record.entries = entries + kept_as_text
    record.addresses = _addresses(addresses, address_labels, labels, preset)
    return record


def _split(text: str, preset: Preset) -> list[str]:
    if not preset.multi:
        return [text]
    return [part.strip() for part in text.split(preset.multi.strip()) if part.strip()]


def _label(raw: str, preset: Preset) -> tuple[str, bool]:
    """(label, starred): Google marks the preferred value's label with '* '."""
    if not preset.normalise:
        return raw, False
    text = raw.strip()
    starred = text.startswith("*")
    text = text.lstrip("*").strip()
    return _LABEL_WORDS.get(text.casefold(), text), starred


def _entries(columns: list[_Values], labels: dict[str, list[str]], preset: Preset,
             line: int, problems: list[Problem], kept_as_text: list[Entry]) -> list[Entry]:
    """Every value, cleaned and labelled; per kind the preferred (starred, ``!``) first."""
    by_kind: dict[str, list[tuple[bool, Entry]]] = {}
    for column in sorted(columns, key=lambda c: c.order):
        given = labels.get(column.slot, [])
        for position, value in enumerate(column.values):
            raw = given[position] if position < len(given) else (
                given[0] if given else column.label)
            label, starred = _label(raw, preset)
            entry = _clean(column.kind, value, label, line, problems)
            if entry.kind == "custom" and column.kind != "custom":
                kept_as_text.append(entry)
                continue
            if preset.normalise:
                twin = _twin(entry, by_kind.get(entry.kind, []))
                if twin is not None:  # given twice (Outlook's Primary and Mobile): kept once
                    twin.label = twin.label or entry.label
                    continue
            by_kind.setdefault(entry.kind, []).append((starred or column.order[0] == 0, entry))
    ordered = []
    for kind in ENTRY_KINDS:
        values = by_kind.get(kind, [])
        ordered += [e for preferred, e in values if preferred]
        ordered += [e for preferred, e in values if not preferred]
    return ordered


def _twin(entry: Entry, earlier: list[tuple[bool, Entry]]) -> Entry | None:
    """The entry of ``earlier`` holding the same value (a phone compared by its number,
    worked out only when there is one to compare with), or None."""
    if not earlier:
        return None
    if entry.kind == "phone":
        key = phone_key(entry.value) or entry.value
        return next((e for _, e in earlier if (phone_key(e.value) or e.value) == key), None)
    value = entry.value.casefold()
    return next((e for _, e in earlier if e.value.casefold() == value), None)


def _clean(kind: str, value: str, label: str, line: int, problems: list[Problem]) -> Entry:
    """The entry for ``value``, or a custom field holding it as written, with a warning."""
    problem = None
    if kind == "email":
        value = email_address(value) or value
        problem = email_problem(value) and "is not an email address"
        written = "Email (as written)"
    elif kind == "phone":
        problem = phone_problem(value) and "is not a phone number"
        written = "Phone (as written)"
    elif kind == "event":
        day = iso_day(value)
        if day:
            value = day
        else:
            problem = "is not a date"
        written = f"{label.capitalize() or 'Date'} (as written)"
    if problem:
        problems.append(Problem.warning(
            line, f"“{value}” {problem}; kept as text in the custom field “{written}”"))
        return Entry("custom", value, written)
    return Entry(kind, value, label)


def _addresses(parts: dict[str, dict[str, list[str]]], fixed: dict[str, str],
               labels: dict[str, list[str]], preset: Preset) -> list[Address]:
    found = []
    for slot, values in parts.items():
        street = "\n".join(values.get("street", []) + values.get("extended", [])
                           + values.get("po_box", []))
        address = Address(
            label=_label(fixed.get(slot) or (labels.get(slot) or [""])[0], preset)[0],
            street=street, city=" ".join(values.get("city", [])),
            region=" ".join(values.get("region", [])),
            postal_code=" ".join(values.get("postal_code", [])),
            country=" ".join(values.get("country", [])))
        if address.is_empty() and values.get("address"):
            address.street = "\n".join(values["address"])
        if not address.is_empty():
            found.append(address)
    return found


def _birthday(record: PersonRecord, single: dict[str, str], line: int,
              problems: list[Problem], kept_as_text: list[Entry]) -> None:
    raw = single.get("birthday", "")
    if not raw and single.get("birth_month") and single.get("birth_day"):
        year = single.get("birth_year", "")
        raw = (f"{year}-" if year else "--") + \
            f"{single['birth_month'].zfill(2)}-{single['birth_day'].zfill(2)}"
    if not raw:
        return
    day = iso_day(raw)
    if day:
        record.birthday = day
        return
    problems.append(Problem.warning(
        line, f"birthday “{raw}” is not a date netdesk can read without guessing; kept as "
        "text in the custom field “Birthday (as written)”"))
    kept_as_text.append(Entry("custom", raw, "Birthday (as written)"))


def iso_day(text: str) -> str | None:
    """``text`` as an ISO date (or ``--MM-DD`` without a year) when it can be read without
    guessing: ISO, ``YYYYMMDD``, ``D.M.YYYY``, and ``a/b/YYYY`` only when day and month
    cannot be told apart wrongly (one is above 12, or both are the same)."""
    text = text.strip()
    if match := re.fullmatch(r"(?:--|-)?(\d{1,2})-(\d{1,2})", text):
        if text.startswith("-"):
            return _day(None, int(match.group(1)), int(match.group(2)))
        return None
    if match := re.fullmatch(r"(\d{4})[-/]?(\d{1,2})[-/]?(\d{1,2})(?:T[\d:.Z+-]*)?", text):
        return _day(*(int(g) for g in match.groups()))
    if match := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
        day, month, year = (int(g) for g in match.groups())
        return _day(year, month, day)
    if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text):
        a, b, year = (int(g) for g in match.groups())
        if a > 12 >= b:
            return _day(year, b, a)
        if b > 12 >= a or a == b:
            return _day(year, a, b)
    return None


def _day(year: int | None, month: int, day: int) -> str | None:
    try:
        date = datetime.date(year or 2000, month, day)
    except ValueError:
        return None
    return date.isoformat() if year else f"--{month:02}-{day:02}"


def _with_groups(tags: str, groups: str, preset: Preset) -> str:
    separator = preset.multi.strip() or (";" if ";" in groups else ",")
    names = []
    for group in groups.split(separator):
        name = group.strip()
        if name.startswith("*"):
            name = name.lstrip("*").strip()
            if name.casefold() in _SYSTEM_GROUPS:
                continue
        if name:
            names.append(collapse_spaces(name))
    old = [t.strip() for t in tags.split(",") if t.strip()]
    known = {t.casefold() for t in old}
    new = [n for n in dict.fromkeys(names) if n.casefold() not in known]
    return ", ".join(old + new)


def neutralise(value: object) -> str:
    """A cell a spreadsheet shows as text: risky openings get a leading apostrophe (and so
    does a text that starts with apostrophes before one, so that reading back is exact)."""
    text = "" if value is None else str(value)
    return "'" + text if _NEUTRALISED.match(text) else text


def unneutralise(text: str) -> str:
    """Undo :func:`neutralise`, so netdesk's own CSV reads back as it was written."""
    if text.startswith("'") and _NEUTRALISED.match(text[1:]):
        return text[1:]
    return text


PEOPLE_HEADER = [TARGETS[k] for k in (
    "first_name", "last_name", "email", "phone", "linkedin_url", "organization", "job_title",
    "relationship", "source", "stage", "tags", "notes", "research_notes", "career_fields")]
"""The first columns of netdesk's people CSV, as in every earlier version."""
PEOPLE_KEYS = ("first_name", "last_name", "email", "phone", "linkedin_url", "organization",
               "job_title", "relationship", "source", "stage", "tags", "notes",
               "research_notes", "career_fields")
MORE_HEADER = ["Name prefix", "Middle name", "Name suffix", "Nickname", "Department",
               "Birthday", "Email label", "Phone label", "Record source", "Consent",
               "Consent given on"]
MORE_KEYS = ("name_prefix", "middle_name", "name_suffix", "nickname", "department",
             "birthday", "email_label", "phone_label", "record_source", "consent",
             "consent_date")
ENTRY_TITLES = {"email": "Email", "phone": "Phone", "web": "Web", "social": "Social",
                "im": "IM", "event": "Event", "related": "Related", "custom": "Custom"}
ADDRESS_PARTS = ("label", "street", "city", "region", "postal_code", "country")
ORGANIZATION_HEADER = ["Name", "Sector", "Website", "Culture notes", "Notes", "People"]


def people_csv(people: list[dict]) -> str:
    """netdesk's people CSV: every field (not the photo), further emails, phones and other
    entries as numbered columns ("Email 2", "Email 2 label"…), addresses likewise."""
    most = dict.fromkeys(ENTRY_KINDS, 0)
    addresses = 0
    for person in people:
        counts = dict.fromkeys(ENTRY_KINDS, 0)
        for entry in person.get("entries", ()):
            counts[entry.kind] += 1
        for kind, count in counts.items():
            most[kind] = max(most[kind], count)
        addresses = max(addresses, len(person.get("addresses", ())))
    header = PEOPLE_HEADER + MORE_HEADER
    for kind in ENTRY_KINDS:
        start = 2 if kind in ("email", "phone") else 1
        for number in range(start, start + most[kind]):
            header += [f"{ENTRY_TITLES[kind]} {number}", f"{ENTRY_TITLES[kind]} {number} label"]
    for number in range(1, addresses + 1):
        header += [f"Address {number} {part.replace('_', ' ')}" for part in ADDRESS_PARTS]
    rows = []
    for person in people:
        row = [person[k] for k in PEOPLE_KEYS] + [person.get(k, "") for k in MORE_KEYS]
        entries = person.get("entries", [])
        for kind in ENTRY_KINDS:
            of_kind = [e for e in entries if e.kind == kind]
            of_kind += [Entry(kind, "", "")] * (most[kind] - len(of_kind))
            for entry in of_kind:
                row += [entry.value, entry.label]
        places = list(person.get("addresses", []))
        places += [Address()] * (addresses - len(places))
        for place in places:
            row += [getattr(place, part) for part in ADDRESS_PARTS]
        rows.append(row)
    return format_csv(header, rows)


def format_csv(header: list[str], rows: list[list[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return out.getvalue()


__all__ = ["GENERIC", "Table", "guess_mapping", "not_imported", "parse_table", "people_csv",
           "read_table", "recognised", "table_records"]
