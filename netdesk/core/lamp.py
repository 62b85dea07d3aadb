"""The LAMP list: target organizations, scored and ranked, and who can introduce me there.

The method comes from *The 2-Hour Job Search*: list about 40 employers in four short
timed passes (dream employers, employers of alumni, employers with postings, employers in
trending fields), then score each one:

- **Advocacy** — yes when someone the user knows directly works there, or a referral path
  of at most two steps leads to someone there (a direct contact referred the user to
  them). Computed from the network on every read; the user may override it with their
  own yes or no (kept apart, so the computed value is still shown).
- **Motivation** — 0 (none) to 3 (strong): how much the user wants to work there.
- **Posting** — 1 (nothing relevant) to 3 (a posting for the role wanted).

The list is ranked by motivation, then posting, then advocacy (yes first), then the order
added; the first :data:`FOCUS_SIZE` rows are this week's focus.

The whole list is read in one query (no query per row), so it stays quick with thousands
of organizations and people. Every write returns the :class:`Changes` it made (``lamp``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from netdesk.core.changes import Changes
from netdesk.core.graph import ReferralGraph, load_graph
from netdesk.core.organizations import (
    OrganizationForm,
    like_pattern,
    organization_called,
    save_organization,
)
from netdesk.core.people import normalise_name
from netdesk.core.referral_paths import path_to, predecessors_from_me
from netdesk.db import dialect
from netdesk.db.models import LAMP_PASSES, LampEntry, database_proxy

TARGET_SIZE = 40
"""How many organizations a full LAMP list aims at."""
FOCUS_SIZE = 5
"""How many of the best-ranked organizations are this week's focus."""
PASS_MINUTES = 10
"""The suggested length of one pass."""
ADVOCACY_STEPS = 2
"""A referral path at most this long counts as advocacy (1: someone the user knows)."""
MOTIVATION_RANGE = (0, 3)
POSTING_RANGE = (1, 3)

NEAR_PEOPLE = """
    referred AS (SELECT DISTINCT referred_id AS id FROM referral),
    direct AS (SELECT p.id FROM person p
               WHERE p.relationship <> 'referral' OR p.id NOT IN (SELECT id FROM referred)),
    near AS (SELECT id FROM direct
             UNION SELECT r.referred_id FROM referral r JOIN direct d ON d.id = r.referrer_id)
"""
"""People one or two referral steps from the user, as the graph's breadth-first search
finds them (:func:`netdesk.core.graph.ReferralGraph.direct_contacts`, then their referrals)."""

ROWS_QUERY = f"""
WITH {NEAR_PEOPLE},
advocates AS (
    SELECT p.organization_id AS organization_id, count(*) AS n FROM person p
    JOIN near ON near.id = p.id
    WHERE p.organization_id IN (SELECT organization_id FROM lamp_entry)
    GROUP BY p.organization_id),
staff AS (
    SELECT organization_id, count(*) AS n FROM person
    WHERE organization_id IN (SELECT organization_id FROM lamp_entry)
    GROUP BY organization_id)
SELECT e.id, e.organization_id, o.name, e.found_in, e.motivation, e.posting,
       coalesce(a.n, 0), e.advocacy_override, coalesce(s.n, 0)
FROM lamp_entry e
JOIN organization o ON o.id = e.organization_id
LEFT JOIN advocates a ON a.organization_id = e.organization_id
LEFT JOIN staff s ON s.organization_id = e.organization_id
ORDER BY e.motivation DESC, e.posting DESC,
         coalesce(e.advocacy_override, coalesce(a.n, 0) > 0) DESC, e.position, e.id
"""


class LampError(ValueError):
    """A LAMP write that cannot be made; the message is for the user."""


class LampRow(NamedTuple):
    """One organization on the list, as ranked (``rank`` counts from 1)."""

    entry_id: int
    organization_id: int
    name: str
    found_in: str
    motivation: int
    posting: int
    advocates: int
    """People at the organization one or two referral steps away."""
    advocacy_override: bool | None
    staff: int
    rank: int

    @property
    def computed_advocacy(self) -> bool:
        return self.advocates > 0

    @property
    def advocacy(self) -> bool:
        """The user's yes/no when given, else the computed one."""
        return self.computed_advocacy if self.advocacy_override is None \
            else self.advocacy_override

    @property
    def overridden(self) -> bool:
        return self.advocacy_override is not None

    @property
    def focus(self) -> bool:
        """One of this week's focus organizations."""
        return self.rank <= FOCUS_SIZE


def rank_key(motivation: int, posting: int, advocacy: bool, position: int) -> tuple:
    """The ranking as a sort key (what :data:`ROWS_QUERY` orders by), for plain data."""
    return (-motivation, -posting, not advocacy, position)


def lamp_rows() -> list[LampRow]:
    """The whole list, ranked, in one query."""
    rows = database_proxy.execute_sql(ROWS_QUERY).fetchall()
    return [LampRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6],
                    None if r[7] is None else bool(r[7]), r[8], rank)
            for rank, r in enumerate(rows, start=1)]


def advocacy_by_organization(organization_ids: Iterable[int] | None = None) -> dict[int, int]:
    """How many people one or two referral steps away work at each organization (those
    with none are left out); every organization when ``organization_ids`` is None."""
    query = (f"WITH {NEAR_PEOPLE} SELECT p.organization_id, count(*) FROM person p "
             "JOIN near ON near.id = p.id WHERE p.organization_id IS NOT NULL")
    params: list[int] = []
    if organization_ids is not None:
        ids = [int(i) for i in organization_ids]
        if not ids:
            return {}
        query += f" AND p.organization_id IN ({', '.join('?' for _ in ids)})"
        params = ids
    return dict(database_proxy.execute_sql(query + " GROUP BY p.organization_id",
                                           params).fetchall())


def suggestions(text: str, limit: int = 12) -> list[str]:
    """Names of organizations starting with ``text`` (then containing it), for completion;
    ``%`` and ``_`` typed by the user are taken literally."""
    text = normalise_name(text)
    if not text:
        return []
    pattern = like_pattern(text)
    rows = database_proxy.execute_sql(
        f"SELECT name FROM organization WHERE {dialect.like_condition('name')} "
        f"ORDER BY NOT ({dialect.like_condition('name')}), name COLLATE NOCASE LIMIT ?",
        [pattern, pattern.removeprefix("%"), limit]).fetchall()
    return [name for (name,) in rows]


def _changes(entry_id: int | None, **more) -> Changes:
    return Changes(lamp=True, id=entry_id, **more)


def add_organization(name: str, found_in: str) -> Changes:
    """Put the organization called ``name`` on the list, found in pass ``found_in``; an
    organization not yet recorded is created. ``.id`` is the new entry."""
    if found_in not in LAMP_PASSES:
        raise LampError(f"Unknown pass {found_in!r}.")
    name = normalise_name(name)
    if not name:
        raise LampError("Type the organization's name first.")
    changes = Changes()
    with database_proxy.atomic():
        organization = organization_called(name)
        if organization is None:
            changes = save_organization(None, OrganizationForm(name=name))
            organization_id = changes.id
        else:
            organization_id = organization.id
            if LampEntry.select().where(LampEntry.organization == organization_id).exists():
                raise LampError(f"{organization.name} is already on your LAMP list.")
        position = database_proxy.execute_sql(
            "SELECT coalesce(max(position), 0) + 1 FROM lamp_entry").fetchone()[0]
        entry_id = LampEntry.insert(organization=organization_id, found_in=found_in,
                                    position=position).execute()
    return _changes(entry_id, organizations=frozenset({organization_id})) | changes


def _entry(entry_id: int) -> LampEntry:
    entry = LampEntry.get_or_none(LampEntry.id == entry_id)
    if entry is None:
        raise LampError("That organization is no longer on the list.")
    return entry


def _in_range(name: str, value: int, bounds: tuple[int, int]) -> int:
    low, high = bounds
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise LampError(f"{name} is a score from {low} to {high}.")
    return value


_KEEP = object()


def set_scores(entry_id: int, *, motivation: int | None = None, posting: int | None = None,
               advocacy: bool | None | object = _KEEP) -> Changes:
    """Change an entry's scores; ``advocacy`` True/False overrides the computed value and
    None goes back to it (left out: unchanged)."""
    values: dict = {}
    if motivation is not None:
        values["motivation"] = _in_range("Motivation", motivation, MOTIVATION_RANGE)
    if posting is not None:
        values["posting"] = _in_range("Posting", posting, POSTING_RANGE)
    if advocacy is not _KEEP:
        values["advocacy_override"] = None if advocacy is None else bool(advocacy)
    with database_proxy.atomic():
        entry = _entry(entry_id)
        for key, value in values.items():
            setattr(entry, key, value)
        entry.save()
    return _changes(entry_id)


def remove_entry(entry_id: int) -> Changes:
    """Take an organization off the list (the organization itself stays)."""
    with database_proxy.atomic():
        _entry(entry_id)
        LampEntry.delete_by_id(entry_id)
    return _changes(entry_id)


# Who can introduce me ------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    """Someone at the organization and the shortest referral path to them (None when no
    path reaches them); ``path`` runs from a direct contact to the person."""

    person_id: int
    name: str
    job_title: str
    path: tuple[int, ...] | None

    @property
    def steps(self) -> int | None:
        return len(self.path) if self.path is not None else None

    @property
    def introducer(self) -> int | None:
        """Whom to ask for an introduction (None when the user knows them or no path)."""
        return self.path[-2] if self.path is not None and len(self.path) > 1 else None

    @property
    def close(self) -> bool:
        """Within :data:`ADVOCACY_STEPS` (what makes Advocacy yes)."""
        return self.steps is not None and self.steps <= ADVOCACY_STEPS


def who_can_introduce(organization_id: int, graph: ReferralGraph | None = None) -> list[Contact]:
    """The people who work at the organization, closest first (then by name), each with
    the shortest referral path to them."""
    graph = graph or load_graph()
    before = predecessors_from_me(graph)
    contacts = [Contact(p.id, p.name, p.job_title, path_to(before, p.id))
                for p in graph.people.values() if p.organization_id == organization_id]
    contacts.sort(key=lambda c: (c.steps is None, c.steps or 0, graph.rank[c.person_id]))
    return contacts


def path_text(contact: Contact, graph: ReferralGraph) -> str:
    """How the user reaches the person, in words."""
    if contact.path is None:
        return "No referral path leads to them yet."
    if contact.steps == 1:
        return "You know them directly."
    names = " → ".join(graph.name(p) for p in contact.path)
    return f"Ask {graph.name(contact.introducer)} to introduce you ({names})."


def path_brief(contact: Contact, graph: ReferralGraph) -> str:
    """The same, short, for a list column."""
    if contact.path is None:
        return "No path yet"
    if contact.steps == 1:
        return "You know them"
    return f"Through {graph.name(contact.introducer)} ({contact.steps} steps)"
