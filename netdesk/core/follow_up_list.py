"""Every open follow-up as a list row, overdue to far ahead; filtered and sorted in SQL.

The dashboard shows what is due now; the Follow-ups list shows all that is open,
so the user can see what comes next week and act on it early.
"""

from __future__ import annotations

import datetime

from netdesk.core.followups import DueItem
from netdesk.core.organizations import like_pattern
from netdesk.db import dialect
from netdesk.db.models import database_proxy

WHEN = {
    "overdue": "Overdue",
    "today": "Due today",
    "week": "In the next 7 days",
    "later": "Later",
}
"""Which open follow-ups to show (None: all of them), with the label of each choice."""
SORT_KEYS = ("due", "person", "kind", "note")
_ORDER = {
    "due": ["f.due_on"],
    "person": ["p.last_name COLLATE NOCASE", "p.first_name COLLATE NOCASE"],
    "kind": ["f.kind"],
    "note": ["f.note = ''", "f.note COLLATE NOCASE"],
}


def follow_up_rows(today: datetime.date, filter_text: str = "", when: str | None = None,
                   sort: str = "due", descending: bool = False) -> list[DueItem]:
    """Open follow-ups whose person or note contain every word of ``filter_text``."""
    if sort not in _ORDER:
        raise ValueError(f"unknown sort {sort!r}")
    if when is not None and when not in WHEN:
        raise ValueError(f"unknown choice {when!r}")
    where = ["f.status = 'open'"]
    params: list[object] = []
    day, week = today.isoformat(), (today + datetime.timedelta(days=7)).isoformat()
    if when == "overdue":
        where.append("f.due_on < ?")
        params.append(day)
    elif when == "today":
        where.append("f.due_on = ?")
        params.append(day)
    elif when == "week":
        where.append("f.due_on > ? AND f.due_on <= ?")
        params.extend([day, week])
    elif when == "later":
        where.append("f.due_on > ?")
        params.append(week)
    for word in filter_text.split():
        where.append("(" + " OR ".join(dialect.like_condition(c) for c in
                                       ("p.first_name", "p.last_name", "f.note")) + ")")
        params.extend([like_pattern(word)] * 3)
    direction = " DESC" if descending else ""
    keys = [k if k.endswith("= ''") else k + direction for k in _ORDER[sort]]
    cursor = database_proxy.execute_sql(
        "SELECT f.id, p.id, p.first_name, p.last_name, f.interview_id, f.kind, f.due_on, "
        "f.note FROM follow_up f JOIN person p ON p.id = f.person_id "
        f"WHERE {' AND '.join(where)} ORDER BY {', '.join(keys)}, f.due_on, f.id", params)
    return [DueItem(id=i, person_id=person, person_name=" ".join(n for n in (first, last) if n),
                    interview_id=interview, kind=kind,
                    due_on=datetime.date.fromisoformat(str(due)[:10]), note=note)
            for i, person, first, last, interview, kind, due, note in cursor]


def count_open() -> int:
    return database_proxy.execute_sql(
        "SELECT count(*) FROM follow_up WHERE status = 'open'").fetchone()[0]
