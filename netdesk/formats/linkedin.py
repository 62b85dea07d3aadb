"""LinkedIn's ``Connections.csv`` (from "Get a copy of your data") as person records.

The file has changed over the years, and files saved again by a spreadsheet change more:

- the header is ``First Name,Last Name,Email Address,Company,Position,Connected On``;
  later exports add ``URL`` after the last name and put a few "Notes:" lines before the
  header; older ones spell ``E-mail Address``;
- Connected On is ``15 Mar 2024`` in current exports, ``23-Apr-23`` in 2023 ones and
  ``1/8/18, 6:14 PM`` (month/day/year, as LinkedIn's US English writes it) in 2018 ones;
  a spreadsheet may have saved it as ``2024-03-15``, ``Mar 15, 2024``, ``03/15/2024`` or
  ``15/03/2024``. English month names only: LinkedIn writes them whatever the user's language.

Day and month order in all-number dates is decided once for the whole file: a day above 12
anywhere settles it; otherwise slashes are read month first (LinkedIn's own layout) and dots
day first; a file that has both orders has its all-number dates left out, never guessed
row by row. Some exports hold LinkedIn's member ids (``urn:li:member:…``) in place of an
email or URL: those cells are left out. Problems are counted by kind: one line says
"1,819 rows: Connected On not understood …" instead of one line per row.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from netdesk.core.contact_values import email_address, email_problem
from netdesk.core.limits import date_problem
from netdesk.core.person_details import Entry
from netdesk.formats.csvtext import header_key, rows_with_lines
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
from netdesk.formats.textfile import read_text

WHAT = "LinkedIn's Connections.csv"
COLUMNS = {
    "first_name": ("First Name",),
    "last_name": ("Last Name",),
    "linkedin_url": ("URL", "Profile URL"),
    "email": ("Email Address", "E-mail Address"),
    "organization": ("Company",),
    "job_title": ("Position",),
    "connected_on": ("Connected On",),
}
"""Each field and the column titles LinkedIn has given it, current first."""
REQUIRED = ("first_name", "last_name", "organization", "job_title", "connected_on")
"""Columns the export has always had; older exports lack URL, many lack emails."""
HEADER_SEARCH_LINES = 30
MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
"""English month names as LinkedIn writes them, independent of the user's locale."""
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                       "Nov", "Dec")
MONTH_FIRST = "month/day"
DAY_FIRST = "day/month"
MIXED = "mixed"
"""A file whose all-number dates are written in both orders: they are not read."""
CONNECTED_SUMMARY = "Connected on LinkedIn"
EMAIL_AS_WRITTEN = "Email (as written)"
"""The label of the custom field that keeps an Email Address cell that is not an address."""
MEMBER_ID_PREFIX = "urn:li:"

_TIME = re.compile(
    r"(?:,\s*|\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"\s*(?:UTC|GMT|Z|[+-]\d{2}:?\d{2})?$", re.ASCII)
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4}|\d{2})$", re.ASCII)
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9})\.?[ -](\d{1,2}),?[ -](\d{4})$", re.ASCII)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_NUMERIC = re.compile(r"^(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})$", re.ASCII)

LAYOUTS = {
    "15 Mar 2024": lambda d: f"{d.day:02d} {MONTH_ABBREVIATIONS[d.month - 1]} {d.year}",
    "5 Mar 2024": lambda d: f"{d.day} {MONTH_ABBREVIATIONS[d.month - 1]} {d.year}",
    "23-Apr-23": lambda d: f"{d.day:02d}-{MONTH_ABBREVIATIONS[d.month - 1]}-{d.year % 100:02d}",
    "1/8/18, 6:14 PM": lambda d: f"{d.month}/{d.day}/{d.year % 100:02d}, 6:14 PM",
    "2024-03-15": lambda d: d.isoformat(),
    "Mar 15, 2024": lambda d: f"{MONTH_ABBREVIATIONS[d.month - 1]} {d.day}, {d.year}",
    "03/15/2024": lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
    "15/03/2024": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    "15.03.2024": lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
}
"""Every Connected On layout read, by example, and how to write a date in it (for tests).
"15/03/2024" is read day first only in a file where some day is above 12."""
LAYOUT_ORDER = {"03/15/2024": MONTH_FIRST, "15/03/2024": DAY_FIRST, "1/8/18, 6:14 PM": MONTH_FIRST}
"""The day and month order a file written wholly in that layout is read in."""


def _year(text: str) -> int:
    """Four digits as they are; two as this century's (LinkedIn began in 2003)."""
    return int(text) if len(text) == 4 else 2000 + int(text)


def _month(name: str) -> int:
    month = MONTHS.get(name.casefold())
    if month is None:
        raise ValueError(f"unknown month {name!r}")
    return month


def _date_part(text: str) -> str:
    """``text`` without a time of day after it ('1/8/18, 6:14 PM' → '1/8/18')."""
    return _TIME.sub("", text.strip(), count=1).strip()


def parse_date(text: str, order: str = MONTH_FIRST) -> datetime.date:
    """A Connected On cell as a date; ValueError (saying why) when it is not one.

    ``order`` is how all-number dates (``03/04/2024``) are read, as decided for the whole
    file by :func:`numeric_order`; dates with dots are read day first unless a month above
    12 rules that out (then they are refused, as the file says otherwise).
    """
    match = _DAY_MONTH_YEAR.match(text.strip())  # the current layout, taken first: no time
    if not match:
        text = _date_part(text)
        match = _DAY_MONTH_YEAR.match(text)
    if match:
        day, month_name, year = match.groups()
        return datetime.date(_year(year), _month(month_name), int(day))
    match = _MONTH_DAY_YEAR.match(text)
    if match:
        month_name, day, year = match.groups()
        return datetime.date(int(year), _month(month_name), int(day))
    match = _ISO.match(text)
    if match:
        return datetime.date(*(int(part) for part in match.groups()))
    match = _NUMERIC.match(text)
    if match:
        first, separator, second, year = match.groups()
        if order == MIXED:
            raise ValueError("the file writes such dates both day first and month first")
        day_first = order == DAY_FIRST or separator == "."
        day, month = (first, second) if day_first else (second, first)
        return datetime.date(_year(year), int(month), int(day))
    raise ValueError("expected a date like 15 Mar 2024")


def numeric_order(cells) -> str:
    """How the all-number dates among ``cells`` (with slashes) are to be read, decided by the
    file as a whole: DAY_FIRST when some first number is above 12, MONTH_FIRST when some
    second one is or when none says (LinkedIn's own layout), MIXED when both are."""
    day_first = month_first = False
    for cell in cells:
        if "/" not in cell:
            continue
        match = _NUMERIC.match(_date_part(cell))
        if not match or match.group(2) != "/":
            continue
        first, second = int(match.group(1)), int(match.group(3))
        day_first = day_first or (first > 12 and 0 < second <= 12)
        month_first = month_first or (second > 12 and 0 < first <= 12)
        if day_first and month_first:
            return MIXED
    return DAY_FIRST if day_first else MONTH_FIRST


@dataclass
class _Kind:
    """One kind of problem and the rows it was found on."""

    severity: str
    summary: str
    first_line: int
    detail: str
    example: str
    rows: int = 1

    def problem(self) -> Problem:
        if self.rows == 1:
            return Problem(self.first_line, self.detail, self.severity)
        return Problem(self.first_line,
                       f"{self.summary} (e.g. line {self.first_line}: {self.example!r})",
                       self.severity, rows=self.rows)


class _Tally:
    """Problems counted by kind, so a file with one fault on every row gives one line."""

    def __init__(self):
        self.kinds: dict[str, _Kind] = {}

    def add(self, severity: str, summary: str, line: int, detail: str, example: str) -> None:
        kind = self.kinds.get(summary)
        if kind is None:
            self.kinds[summary] = _Kind(severity, summary, line, detail, example)
        else:
            kind.rows += 1

    def problems(self) -> list[Problem]:
        return sorted((kind.problem() for kind in self.kinds.values()), key=lambda p: p.line)


def read_connections(path: Path | str, encoding: str | None = None) -> ParseResult:
    """Read a LinkedIn Connections.csv file; :class:`FormatError` if it cannot be read."""
    return parse_connections(read_text(path, WHAT, encoding))


def parse_connections(text: str) -> ParseResult:
    """Person records from the text of a Connections.csv, with its problems by kind."""
    with no_collection():
        return _parse(text)


def _parse(text: str) -> ParseResult:
    result = ParseResult(source="LinkedIn")
    rows = rows_with_lines(text)
    columns: dict[str, int] | None = None
    for line, row in rows:
        keys = [header_key(cell) for cell in row]
        if "first name" in keys and "last name" in keys:
            columns = _locate_columns(keys, line)
            break
        if line > HEADER_SEARCH_LINES:
            break
    if columns is None:
        raise FormatError(
            "no header row with 'First Name' and 'Last Name' columns in the first "
            f"{HEADER_SEARCH_LINES} lines; this does not look like {WHAT}",
            field="First Name",
        )
    width = max(columns.values()) + 1
    body = [(line, row) for line, row in rows if "".join(row).strip()]
    at = columns["connected_on"]
    order = numeric_order(row[at] for _, row in body if len(row) > at)
    tally = _Tally()
    indexes = tuple(columns.get(name) for name in _READ)
    for line, row in body:
        if len(row) < width:
            if line == body[-1][0] and not text.endswith(("\n", "\r")):
                raise FormatError("the last row is incomplete; the file seems cut short",
                                  line=line)
            tally.add(ERROR, "fewer columns than the header; not read", line,
                      f"only {len(row)} of the expected {width} columns; the row was not read",
                      ",".join(row))
            continue
        record = _record(line, row, indexes, order, tally)
        if record is not None:
            result.records.append(record)
    result.problems = tally.problems()
    return result.within_limits()


def _locate_columns(keys: list[str], line: int) -> dict[str, int]:
    columns: dict[str, int] = {}
    for name, titles in COLUMNS.items():
        found = [keys.index(header_key(t)) for t in titles if header_key(t) in keys]
        if found:
            columns[name] = found[0]
        elif name in REQUIRED:
            raise FormatError(
                f"the header has no '{titles[0]}' column; this does not look like {WHAT}",
                line=line, field=titles[0],
            )
    return columns


_READ = ("first_name", "last_name", "linkedin_url", "organization", "job_title", "email",
         "connected_on")
"""The fields of a row, in the order they are read (and their problems counted)."""


def _record(line: int, row: list[str], indexes: tuple[int | None, ...], order: str,
            tally: _Tally) -> PersonRecord | None:
    """The person of one row; ``indexes`` are the columns of the fields of :data:`_READ`."""
    cells = [" ".join(row[index].split()) if index is not None else "" for index in indexes]
    if MEMBER_ID_PREFIX in "".join(cells) and any(
            value.startswith(MEMBER_ID_PREFIX) for value in cells):
        return _record_with_ids(line, row, cells, order, tally)
    first, last, url, organization, job_title, email, connected = cells
    return _person(line, row, first, last, url, organization, job_title, email, connected,
                   order, tally)


def _record_with_ids(line: int, row: list[str], cells: list[str], order: str,
                     tally: _Tally) -> PersonRecord | None:
    """:func:`_record` for a row that holds member ids: each is counted and left out, in the
    order the fields are read (a row skipped for having no name counts none after it)."""
    def cell(position: int) -> str:
        value = cells[position]
        if value.startswith(MEMBER_ID_PREFIX):
            title = COLUMNS[_READ[position]][0]
            tally.add(WARNING, f"{title} holds LinkedIn's member ids (urn:li:…); left out",
                      line, f"{title} {value!r} is LinkedIn's member id; left out", value)
            return ""
        return value

    first, last, url, organization, job_title = (cell(n) for n in range(5))
    if not first and not last:
        return _person(line, row, first, last, url, organization, job_title, "", "", order,
                       tally)
    return _person(line, row, first, last, url, organization, job_title, cell(5), cell(6),
                   order, tally)


def _person(line: int, row: list[str], first: str, last: str, url: str, organization: str,
            job_title: str, email: str, connected: str, order: str,
            tally: _Tally) -> PersonRecord | None:
    if not first and not last:
        tally.add(SKIPPED, "no first or last name; skipped", line,
                  "no first or last name; skipped", ",".join(row))
        return None
    record = PersonRecord(
        line=line, first_name=first, last_name=last, linkedin_url=url,
        organization=organization, job_title=job_title, source="LinkedIn",
    )
    problem = email_problem(email) if email else None
    if problem:
        record.entries.append(Entry("custom", email, EMAIL_AS_WRITTEN))
        tally.add(WARNING, f"Email Address not an email address; kept as “{EMAIL_AS_WRITTEN}”",
                  line, f"{problem.rstrip('.')}; kept as “{EMAIL_AS_WRITTEN}”", email)
    elif email:
        record.email = email_address(email)
    if connected:
        _connect(record, connected, order, tally)
    return record


def _connect(record: PersonRecord, connected: str, order: str, tally: _Tally) -> None:
    try:
        day = parse_date(connected, order)
    except ValueError as error:
        summary = ("Connected On written both day first and month first in this file; "
                   "imported without it") if order == MIXED and _NUMERIC.match(
            _date_part(connected)) else "Connected On not understood; imported without it"
        tally.add(WARNING, summary, record.line,
                  f"Connected On {connected!r} is not a date ({error}); imported without it",
                  connected)
        return
    outside = date_problem(day)
    if outside:
        tally.add(WARNING, "Connected On outside the years netdesk keeps; imported without it",
                  record.line, f"Connected On {connected!r}: {outside}; imported without it",
                  connected)
        return
    record.connected_on = day
    record.connected_summary = CONNECTED_SUMMARY
