"""The largest values netdesk keeps, per kind of field: one set of numbers for import and editors.

Nothing is ever cut to fit: an importer refuses a longer value and names the
field, and an editor sets its widget's maximum from the same number (Qt's
``QLineEdit`` would otherwise cut silently at 32,767 characters). Dates are
kept between 1900 and 2200, so that every date can be shown, added to and
written to a calendar.

Attributes:
    LINE_CHARS: a single-line field (a name, an email, a job title, a place, a web address).
    LIST_CHARS: a field holding a list on one line (tags; the research checklist); an
        editor for such a field needs ``setMaxLength(LIST_CHARS)``.
    TEXT_CHARS: free text over several lines (notes, research notes, messages, the pitch).
    EARLIEST_YEAR, LATEST_YEAR: the first and last year a date may fall in.
    MAX_ID: the largest row id (Qt's ``int`` holds it in item models and spin boxes).
    MAX_COLUMNS: the widest CSV file read (its header's number of columns).
    PHOTO_BYTES, PHOTO_PIXELS: the largest photo kept, in bytes and pixels on a side.
"""

from __future__ import annotations

import datetime
import functools

LINE_CHARS = 2_000
LIST_CHARS = 200_000
TEXT_CHARS = 1_000_000
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200
EARLIEST_DATE = datetime.date(EARLIEST_YEAR, 1, 1)
LATEST_DATE = datetime.date(LATEST_YEAR, 12, 31)
MAX_ID = 2**31 - 1
INT_RANGE = (-(2**31), 2**31 - 1)
"""Any other whole number (a position): what Qt's ``int`` holds."""
MAX_COLUMNS = 1_000
PHOTO_BYTES = 256_000
"""The largest photo kept (PNG or JPEG bytes); importers and the editor scale larger ones
down to :data:`PHOTO_PIXELS` on a side."""
PHOTO_PIXELS = 256

LIST_FIELDS = frozenset({("person", "tags"), ("interview", "research_checklist")})
"""Single-line columns that hold a list, so they get :data:`LIST_CHARS`."""

RANGES: dict[tuple[str, str], tuple[int, int]] = {
    ("interview", "duration_minutes"): (1, 240),
    ("interview", "interest_occupation"): (1, 5),
    ("interview", "interest_organization"): (1, 5),
    ("question", "minutes"): (1, 60),
    ("interview_question", "minutes"): (1, 60),
}
"""Whole numbers with a narrower range than :data:`INT_RANGE`, as (lowest, highest).

The interview and question editors offer the same ranges in their spin boxes.
"""


@functools.cache
def max_chars(table: str, column: str) -> int:
    """The most characters ``table.column`` may hold, e.g. ``max_chars("person", "tags")``.

    Text columns of the schema (``TextField``) get :data:`TEXT_CHARS`; list
    columns :data:`LIST_CHARS`; every other text column :data:`LINE_CHARS`.
    """
    if (table, column) in LIST_FIELDS:
        return LIST_CHARS
    from peewee import TextField

    from netdesk.db.models import ALL_MODELS

    for model in ALL_MODELS:
        if model._meta.table_name == table:
            field = model._meta.columns.get(column)
            if isinstance(field, TextField):
                return TEXT_CHARS
            break
    return LINE_CHARS


def int_range(table: str, column: str) -> tuple[int, int]:
    """(lowest, highest) whole number ``table.column`` may hold."""
    return RANGES.get((table, column), INT_RANGE)


def too_long(text: str, limit: int) -> str | None:
    """A message when ``text`` is longer than ``limit`` characters, else None."""
    if len(text) <= limit:
        return None
    return f"is {len(text):,} characters long; netdesk keeps at most {limit:,}"


def date_problem(day: datetime.date) -> str | None:
    """A message when ``day`` (a date or datetime) falls outside the years netdesk keeps."""
    if EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        return None
    return f"the year {day.year} is outside {EARLIEST_YEAR}–{LATEST_YEAR}"


def in_date_range(day: datetime.date | None) -> bool:
    """True for None and for dates netdesk can show and compute with."""
    return day is None or EARLIEST_YEAR <= day.year <= LATEST_YEAR


def usable_datetime(value: object) -> datetime.datetime | None:
    """``value`` when it is a date and time netdesk keeps, else None (a value stored by an
    older netdesk or another program may be out of range, or not a date at all)."""
    if isinstance(value, datetime.datetime) and in_date_range(value):
        return value
    return None


def usable_date(value: object) -> datetime.date | None:
    """``value`` as a date when it is one netdesk keeps (a date and time gives its day)."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date) and in_date_range(value):
        return value
    return None


def usable_minutes(value: object) -> int | None:
    """``value`` when it is a whole number of minutes from 1 to a day, else None."""
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 24 * 60:
        return value
    return None
