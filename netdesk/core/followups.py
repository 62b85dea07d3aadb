"""When follow-ups fall due: working days and the default rhythm of the networking habit."""

from __future__ import annotations

import datetime

# Defaults the user can change in Preferences: (count, unit) per follow-up kind.
DEFAULT_RULES: dict[str, tuple[int, str]] = {
    "reply_check": (3, "working_days"),  # after outreach, look for a reply
    "thank_you": (1, "days"),  # after an interview, thank them
    "keep_in_touch": (90, "days"),  # after the thank-you, stay in touch
    "report_back": (30, "days"),  # after acting on advice, tell them how it went
}


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date ``days`` working days (Monday to Friday) after ``start``."""
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def due_date(
    kind: str, start: datetime.date, rules: dict[str, tuple[int, str]] | None = None
) -> datetime.date:
    """When a follow-up of ``kind`` started on ``start`` falls due under ``rules``."""
    count, unit = (rules or DEFAULT_RULES)[kind]
    if unit == "working_days":
        return add_working_days(start, count)
    return start + datetime.timedelta(days=count)
