"""LinkedIn's ``Connections.csv`` (from "Get a copy of your data") as person records."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from netdesk.core.limits import date_problem
from netdesk.core.matching import collapse_spaces
from netdesk.formats.csvtext import header_key, rows_with_lines
from netdesk.formats.records import FormatError, ParseResult, PersonRecord, Problem
from netdesk.formats.textfile import read_text

WHAT = "LinkedIn's Connections.csv"
COLUMNS = {
    "first_name": "First Name",
    "last_name": "Last Name",
    "linkedin_url": "URL",
    "email": "Email Address",
    "organization": "Company",
    "job_title": "Position",
    "connected_on": "Connected On",
}
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
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
CONNECTED_SUMMARY = "Connected on LinkedIn"


def parse_date(text: str) -> datetime.date:
    """'05 Mar 2024' (or '5 March 2024', or '2024-03-05') as a date; ValueError otherwise."""
    text = text.strip()
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        day, month_name, year = match.groups()
        month = MONTHS.get(month_name.casefold())
        if month is None:
            raise ValueError(f"unknown month {month_name!r}")
        return datetime.date(int(year), month, int(day))
    match = _ISO.match(text)
    if match:
        return datetime.date(*(int(part) for part in match.groups()))
    raise ValueError("expected a date like 05 Mar 2024")


def read_connections(path: Path | str, encoding: str | None = None) -> ParseResult:
    """Read a LinkedIn Connections.csv file; :class:`FormatError` if it cannot be read."""
    return parse_connections(read_text(path, WHAT, encoding))


def parse_connections(text: str) -> ParseResult:
    """Person records from the text of a Connections.csv, with the problems line by line."""
    result = ParseResult(source="LinkedIn")
    rows = rows_with_lines(text)
    columns: dict[str, int] | None = None
    header_line = 0
    for line, row in rows:
        keys = [header_key(cell) for cell in row]
        if "first name" in keys and "last name" in keys:
            columns = _locate_columns(keys, line)
            header_line = line
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
    last_line = header_line
    for line, row in rows:
        last_line = line
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < width:
            result.problems.append(Problem.error(
                line, f"only {len(row)} of the expected {width} columns; the row was not read"))
            continue
        record = _record(line, row, columns, result.problems)
        if record is not None:
            result.records.append(record)
    if result.problems and result.problems[-1].line == last_line \
            and result.problems[-1].is_error and not text.endswith(("\n", "\r")):
        raise FormatError(
            "the last row is incomplete; the file seems cut short", line=last_line
        )
    return result.within_limits()


def _locate_columns(keys: list[str], line: int) -> dict[str, int]:
    columns: dict[str, int] = {}
    for name, title in COLUMNS.items():
        key = header_key(title)
        if key in keys:
            columns[name] = keys.index(key)
        elif name in REQUIRED:
            raise FormatError(
                f"the header has no '{title}' column; this does not look like {WHAT}",
                line=line, field=title,
            )
    return columns


def _record(line: int, row: list[str], columns: dict[str, int],
            problems: list[Problem]) -> PersonRecord | None:
    def cell(name: str) -> str:
        index = columns.get(name)
        return collapse_spaces(row[index]) if index is not None else ""

    record = PersonRecord(
        line=line, first_name=cell("first_name"), last_name=cell("last_name"),
        email=cell("email"), linkedin_url=cell("linkedin_url"),
        organization=cell("organization"), job_title=cell("job_title"), source="LinkedIn",
    )
    if not record.first_name and not record.last_name:
        problems.append(Problem.skipped(line, "no first or last name; skipped"))
        return None
    connected = cell("connected_on")
    if connected:
        try:
            day = parse_date(connected)
            outside = date_problem(day)
            if outside:
                raise ValueError(outside)
            record.connected_on = day
            record.connected_summary = CONNECTED_SUMMARY
        except ValueError as error:
            problems.append(Problem.warning(
                line, f"Connected On {connected!r} is not a date ({error}); "
                "imported without it"))
    return record
