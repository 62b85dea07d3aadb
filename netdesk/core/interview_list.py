"""Every interview as a list row: where it stands, when, with whom; filtered and sorted in SQL.

One query reads what the Interviews list shows (10,000 interviews in a few tens of
milliseconds); the list asks again when the filter, the sort or the data change.

Where an interview stands (:data:`STANDINGS`) is worked out in the query: cancelled;
debriefed (done); over without a debrief (awaiting a debrief); scheduled; planning.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from netdesk.core.organizations import like_pattern
from netdesk.db import dialect
from netdesk.db.models import database_proxy
from netdesk.db.zones import as_instant, zone_of

STANDINGS = {
    "awaiting": "Awaiting a debrief",
    "scheduled": "Scheduled",
    "planning": "Planning",
    "done": "Done",
    "cancelled": "Cancelled",
}
"""Where an interview stands, in the order the list sorts them, with its label."""

SORT_KEYS = ("when", "person", "organization", "career_field", "mode", "standing")


def _standing_sql() -> str:
    """SQL for where an interview stands, with one ``?`` for the moment (UTC text)."""
    ended = dialect.plus_minutes("i.starts_at", "i.duration_minutes")
    return ("CASE WHEN i.status = 'cancelled' THEN 'cancelled' "
            "WHEN i.interest_occupation IS NOT NULL OR i.keep_exploring IS NOT NULL "
            "     THEN 'done' "
            "WHEN i.status IN ('scheduled', 'done') AND i.starts_at IS NOT NULL "
            f"     AND {ended} <= ? "
            "     THEN 'awaiting' "
            "WHEN i.status = 'done' THEN 'done' "
            "WHEN i.status = 'scheduled' THEN 'scheduled' "
            "ELSE 'planning' END")


_STANDING_ORDER = "CASE standing " + " ".join(
    f"WHEN '{key}' THEN {n}" for n, key in enumerate(STANDINGS)) + " END"
_ORDER = {  # (what goes last either way, the sort keys)
    "when": ("starts_at IS NULL", ["starts_at"]),
    "person": ("", ["last_name COLLATE NOCASE", "first_name COLLATE NOCASE"]),
    "organization": ("organization = ''", ["organization COLLATE NOCASE"]),
    "career_field": ("career_field = ''", ["career_field COLLATE NOCASE"]),
    "mode": ("", ["mode"]),
    "standing": ("", [_STANDING_ORDER]),
}
_SEARCHED = ("p.first_name", "p.last_name", "o.name", "f.name", "i.place")
_COLUMNS = ("id, starts_at, time_zone, mode, person_id, first_name, last_name, organization, "
            "career_field, standing")


@dataclass(frozen=True)
class InterviewRow:
    id: int
    starts_at: str | None  # naive UTC text, as stored
    time_zone: str
    mode: str
    person_id: int
    first_name: str
    last_name: str
    organization: str
    career_field: str
    standing: str

    @property
    def person_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def start(self) -> datetime.datetime | None:
        """When it starts, aware, in the zone it was set in (None: not scheduled)."""
        if not self.starts_at:
            return None
        moment = datetime.datetime.fromisoformat(self.starts_at).replace(tzinfo=datetime.UTC)
        return moment.astimezone(zone_of(self.time_zone))


def interview_rows(filter_text: str = "", standing: str | None = None, sort: str = "when",
                   descending: bool = False,
                   now: datetime.datetime | None = None) -> list[InterviewRow]:
    """Interviews whose person, organization, career field or place contain every word of
    ``filter_text``, standing where ``standing`` says (None: all), sorted by ``sort``."""
    if sort not in _ORDER:
        raise ValueError(f"unknown sort {sort!r}")
    if standing is not None and standing not in STANDINGS:
        raise ValueError(f"unknown standing {standing!r}")
    moment = as_instant(now or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC)
    params: list[object] = [moment.strftime("%Y-%m-%d %H:%M:%S")]
    where = []
    for word in filter_text.split():
        where.append("(" + " OR ".join(dialect.like_condition(f"coalesce({c}, '')")
                                       for c in _SEARCHED) + ")")
        params.extend([like_pattern(word)] * len(_SEARCHED))
    direction = " DESC" if descending else ""
    last, keys = _ORDER[sort]
    order = ", ".join(([last] if last else []) + [k + direction for k in keys]
                      + ["starts_at IS NULL", "starts_at", f"id{direction}"])
    sql = (
        f"SELECT {_COLUMNS} FROM (SELECT i.id, i.starts_at, i.time_zone, i.mode, "
        "p.id AS person_id, p.first_name, p.last_name, coalesce(o.name, '') AS organization, "
        f"coalesce(f.name, '') AS career_field, {_standing_sql()} AS standing "
        "FROM interview i JOIN person p ON p.id = i.person_id "
        "LEFT JOIN organization o ON o.id = p.organization_id "
        "LEFT JOIN career_field f ON f.id = i.career_field_id"
        + (" WHERE " + " AND ".join(where) if where else "") + ") AS r"
        + (" WHERE standing = ?" if standing is not None else "")
        + f" ORDER BY {order}")
    if standing is not None:
        params.append(standing)
    return [InterviewRow(*row) for row in database_proxy.execute_sql(sql, params)]


def count_interviews() -> int:
    return database_proxy.execute_sql("SELECT count(*) FROM interview").fetchone()[0]
