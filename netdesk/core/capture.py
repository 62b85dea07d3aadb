"""Quick capture: someone met just now, in one line, with a note on their timeline.

"Ana Ruiz" (optionally ", Acme Health" for where they work) and a note such as
"met at the career fair; works on water policy" make one person and one dated
note, in one transaction, for the user to fill in later.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from netdesk.core.changes import Changes
from netdesk.core.people import PersonForm, name_problem, save_person
from netdesk.core.timeline import log
from netdesk.db.models import database_proxy


@dataclass(frozen=True)
class Captured:
    first_name: str
    last_name: str
    organization: str

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


def parse_line(line: str) -> Captured:
    """'Ana Ruiz, Acme Health' → first 'Ana', last 'Ruiz', organization 'Acme Health'.

    The last word of the name is the last name; a single word is a first name.
    """
    name, _, organization = line.partition(",")
    words = name.split()
    first, last = (" ".join(words[:-1]), words[-1]) if len(words) > 1 else (
        words[0] if words else "", "")
    return Captured(first, last, " ".join(organization.split()))


def capture_problem(line: str) -> str | None:
    """Why ``line`` cannot be captured, or None."""
    captured = parse_line(line)
    return name_problem(captured.first_name, captured.last_name)


def quick_add(line: str, note: str, today: datetime.date) -> Changes:
    """Add the person ``line`` names, and ``note`` as a note dated ``today``; one transaction.

    Raises ValueError naming the problem when there is no name.
    """
    problem = capture_problem(line)
    if problem:
        raise ValueError(problem)
    captured = parse_line(line)
    with database_proxy.atomic():
        changes = save_person(None, PersonForm(
            first_name=captured.first_name, last_name=captured.last_name,
            organization=captured.organization, source="Quick capture"))
        if note.strip():
            changes |= log(changes.id, "note", today, " ".join(note.split()), today).changes
    return changes
