"""Keep-in-touch tiers and response labels: who is due for a catch-up, who is going cold,
and how each person tends to respond.

**Tiers.** A person may be in tier A, B or C; each tier has an ideal and a maximum number
of days between contacts (:data:`DEFAULT_INTERVALS`, changed in Preferences → Method).
The clock runs from the newest entry on their timeline, whatever its kind, so any logged
interaction resets it; someone with no entry yet counts from the day they were added.
Past the ideal they are *due for a catch-up*; past the maximum they are *going cold*.
Every figure is worked out in SQL from ``person.last_contact`` (the newest entry's date,
kept by every writer of interactions), so a page of the contact tree costs one query
whatever the size of the network.

**Response labels.** Each message sent waits for the next reply; the wait is counted in
working days (weekends and the user's days off left out, as
:func:`~netdesk.core.followups.add_working_days` counts them). Further messages sent
while waiting do not restart the wait; a "no" ends it without counting as a reply.
A wait still open after :data:`NO_ANSWER_AFTER` working days counts as unanswered. Then:

* no replies and at least one unanswered wait: **no answer**;
* more unanswered waits than replies: **no answer**;
* otherwise, a median reply within :data:`QUICK_WITHIN` working days: **quick helper**;
* otherwise: **slow but helpful**.

The thresholds follow the 3B7 routine: a reply before the three-day check is quick, and
none by the seven-day follow-up is no answer. The user may set the label by hand; it is
stored on the person and shown as set by them.

Writes return :class:`~netdesk.core.changes.Changes` (the person's ``tier`` or
``response_label`` field).
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from netdesk.core.changes import Changes
from netdesk.core.vocabulary import RESPONSE_LABELS, TIER_LABELS, TOUCH_LABELS
from netdesk.db.models import RESPONSE_LABELS as RESPONSE_WORDS
from netdesk.db.models import TIERS, Person, database_proxy, now

Intervals = dict[str, tuple[int, int]]
"""Tier → (ideal days, maximum days)."""

DEFAULT_INTERVALS: Intervals = {"A": (30, 60), "B": (90, 180), "C": (180, 365)}
QUICK_WITHIN = 3
"""Working days: a median reply this fast or faster is a quick helper."""
NO_ANSWER_AFTER = 7
"""Working days: a message with no reply this long after counts as unanswered."""
MOST_DAYS = 3650

SENT, REPLY, CLOSED = "message_sent", "reply", "declined"


class KeepInTouchError(ValueError):
    """A tier, interval or label was refused; ``field`` names the input at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


# Tiers --------------------------------------------------------------------------------------

def validate_intervals(intervals: Intervals) -> Intervals:
    """``intervals`` completed with the defaults; refuse an ideal over the maximum."""
    merged = dict(DEFAULT_INTERVALS)
    for tier, (ideal, maximum) in intervals.items():
        if tier not in TIERS:
            raise KeepInTouchError("Tier", f"unknown tier {tier!r}")
        if not (1 <= ideal <= MOST_DAYS and 1 <= maximum <= MOST_DAYS):
            raise KeepInTouchError(TIER_LABELS[tier], f"days must be 1 to {MOST_DAYS}")
        if ideal > maximum:
            raise KeepInTouchError(
                TIER_LABELS[tier], f"the ideal ({ideal} days) is longer than the maximum "
                                   f"({maximum} days)")
        merged[tier] = (ideal, maximum)
    return merged


def touch_mark(tier: str, last_contact: datetime.date | None, today: datetime.date,
               intervals: Intervals | None = None) -> str:
    """"cold" past the tier's maximum, "due" past its ideal, "" otherwise (or no tier)."""
    if tier not in TIERS or last_contact is None:
        return ""
    ideal, maximum = (intervals or DEFAULT_INTERVALS)[tier]
    days = (today - last_contact).days
    if days > maximum:
        return "cold"
    if days > ideal:
        return "due"
    return ""


@dataclass(frozen=True)
class Touch:
    """Where one person stands with the keep-in-touch clock."""

    person_id: int
    name: str
    tier: str
    last_contact: datetime.date | None
    """Their newest timeline entry (or the day they were added, when they have none)."""
    days: int
    """Days since ``last_contact``."""
    mark: str
    """"due", "cold" or ""."""
    ideal: int
    maximum: int

    @property
    def label(self) -> str:
        return TOUCH_LABELS.get(self.mark, "")

    def describe(self) -> str:
        """"Going cold: 75 days since the last contact (tier A: ideally every 30, at most
        60)" for tooltips and lists."""
        head = f"{self.label}: " if self.mark else ""
        return (f"{head}{self.days} days since the last contact ({TIER_LABELS[self.tier]}: "
                f"ideally every {self.ideal}, at most {self.maximum})")


_LAST = "coalesce(p.last_contact, date(p.created))"  # the stored date, migration 0012


def _as_date(value) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def _touch(row, today: datetime.date, intervals: Intervals) -> Touch:
    person_id, first, last_name, tier, last = row
    last_contact = _as_date(last)
    ideal, maximum = intervals[tier]
    return Touch(person_id=person_id, name=" ".join(p for p in (first, last_name) if p),
                 tier=tier, last_contact=last_contact,
                 days=(today - last_contact).days if last_contact else 0,
                 mark=touch_mark(tier, last_contact, today, intervals),
                 ideal=ideal, maximum=maximum)


def touches_for(person_ids: Iterable[int], today: datetime.date,
                intervals: Intervals | None = None) -> dict[int, Touch]:
    """Where each of ``person_ids`` who has a tier stands (a page of the contact tree):
    one query, each last contact read from the interaction index."""
    intervals = validate_intervals(intervals or {})
    ids = [int(i) for i in person_ids]
    result: dict[int, Touch] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        rows = database_proxy.execute_sql(
            f"SELECT p.id, p.first_name, p.last_name, p.tier, {_LAST} FROM person p "
            f"WHERE p.id IN ({marks}) AND p.tier <> ''", chunk).fetchall()
        for row in rows:
            result[row[0]] = _touch(row, today, intervals)
    return result


def touch_of(person_id: int, today: datetime.date,
             intervals: Intervals | None = None) -> Touch | None:
    """Where ``person_id`` stands; None when they have no tier."""
    return touches_for([person_id], today, intervals).get(person_id)


def _overdue_where(today: datetime.date, intervals: Intervals, which: str) -> tuple[str, list]:
    column = 1 if which == "cold" else 0
    case = "CASE p.tier " + " ".join("WHEN ? THEN ?" for _ in TIERS) + " END"
    params = [value for tier in TIERS for value in (tier, intervals[tier][column])]
    return (f"p.tier <> '' AND p.stage <> 'declined' "
            f"AND julianday(?) - julianday({_LAST}) > {case}", [today.isoformat(), *params])


def overdue(today: datetime.date, intervals: Intervals | None = None, *,
            which: str = "due", limit: int = 50) -> list[Touch]:
    """People past their ideal (``which="due"``, going cold included) or past their maximum
    (``which="cold"``), the longest past their ideal first; people who said no are left
    in peace."""
    intervals = validate_intervals(intervals or {})
    where, params = _overdue_where(today, intervals, which)
    ideal = "CASE p.tier " + " ".join("WHEN ? THEN ?" for _ in TIERS) + " END"
    ideal_params = [value for tier in TIERS for value in (tier, intervals[tier][0])]
    rows = database_proxy.execute_sql(
        f"SELECT p.id, p.first_name, p.last_name, p.tier, {_LAST} AS last FROM person p "
        f"WHERE {where} ORDER BY (julianday(?) - julianday(last)) - {ideal} DESC, "
        f"p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id LIMIT ?",
        [*params, today.isoformat(), *ideal_params, limit]).fetchall()
    return [_touch(row, today, intervals) for row in rows]


def count_overdue(today: datetime.date, intervals: Intervals | None = None) -> tuple[int, int]:
    """(due for a catch-up, going cold): how many people are past their ideal but not their
    maximum, and how many past their maximum (one pass over the people with a tier)."""
    intervals = validate_intervals(intervals or {})
    cases = ["CASE p.tier " + " ".join("WHEN ? THEN ?" for _ in TIERS) + " END"
             for _column in (0, 1)]
    params = [value for column in (0, 1) for tier in TIERS
              for value in (tier, intervals[tier][column])]
    due, cold = database_proxy.execute_sql(
        f"SELECT coalesce(sum(days > {cases[0]}), 0), coalesce(sum(days > {cases[1]}), 0) "
        f"FROM (SELECT p.tier, julianday(?) - julianday({_LAST}) AS days FROM person p "
        f"WHERE p.tier <> '' AND p.stage <> 'declined') AS p",
        [*params, today.isoformat()]).fetchone()
    return due - cold, cold


def set_tier(person_id: int, tier: str) -> Changes:
    """Put ``person_id`` in ``tier`` ('' for none)."""
    if tier not in (*TIERS, ""):
        raise KeepInTouchError("Tier", f"unknown tier {tier!r}")
    with database_proxy.atomic():
        updated = Person.update(tier=tier, updated=now()).where(Person.id == person_id).execute()
        if not updated:
            raise KeepInTouchError("Person", f"no person with id {person_id}")
    return Changes.of_person(person_id, {"tier"})


# Response labels ------------------------------------------------------------------------------

def working_days_between(start: datetime.date, end: datetime.date,
                         holidays: frozenset[datetime.date] = frozenset()) -> int:
    """How many working days (Monday to Friday, not ``holidays``) come after ``start`` up to
    and including ``end``: the inverse of ``add_working_days``."""
    if end <= start:
        return 0
    whole_weeks, rest = divmod((end - start).days, 7)
    count = whole_weeks * 5
    day = start + datetime.timedelta(days=whole_weeks * 7)
    for _ in range(rest):
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    count -= sum(1 for d in holidays if start < d <= end and d.weekday() < 5)
    return count


def reply_times(events: Iterable[tuple[datetime.date, str]], today: datetime.date,
                holidays: frozenset[datetime.date] = frozenset()) -> list[int | None]:
    """The working days each wait for a reply took, in order; None for a wait with no reply
    after :data:`NO_ANSWER_AFTER` working days. ``events`` are (date, kind) in timeline
    order (kinds other than a message sent, a reply and a no are ignored)."""
    waits: list[int | None] = []
    waiting_since: datetime.date | None = None
    for on, kind in events:
        if kind == SENT:
            if waiting_since is None:
                waiting_since = on
        elif kind == REPLY and waiting_since is not None:
            waits.append(working_days_between(waiting_since, on, holidays))
            waiting_since = None
        elif kind == CLOSED:
            waiting_since = None
    if waiting_since is not None and \
            working_days_between(waiting_since, today, holidays) >= NO_ANSWER_AFTER:
        waits.append(None)
    return waits


def label_from(waits: list[int | None]) -> str:
    """The response label the waits show ('' when they show nothing yet)."""
    replies = [w for w in waits if w is not None]
    unanswered = len(waits) - len(replies)
    if not replies:
        return "no_answer" if unanswered else ""
    if unanswered > len(replies):
        return "no_answer"
    return "quick" if statistics.median(replies) <= QUICK_WITHIN else "slow"


@dataclass(frozen=True)
class Response:
    """How one person responds."""

    label: str
    """"quick", "slow", "no_answer", or "" when nothing is known yet."""
    set_by_user: bool
    computed: str
    """What the reply times alone say."""
    waits: tuple[int | None, ...] = ()

    @property
    def text(self) -> str:
        return RESPONSE_LABELS.get(self.label, "")

    def describe(self) -> str:
        """"Quick helper (set by you)" or "Slow but helpful: 2 replies, median 5 working
        days"; "" when nothing is known."""
        if not self.label:
            return ""
        if self.set_by_user:
            return f"{self.text} (set by you)"
        replies = [w for w in self.waits if w is not None]
        unanswered = len(self.waits) - len(replies)
        parts = []
        if replies:
            median = statistics.median(replies)
            shown = f"{median:g}"
            parts.append(f"{len(replies)} {'reply' if len(replies) == 1 else 'replies'}, "
                         f"median {shown} working {'day' if median == 1 else 'days'}")
        if unanswered:
            parts.append(f"{unanswered} unanswered")
        return f"{self.text}: {'; '.join(parts)}"


def responses_for(person_ids: Iterable[int], today: datetime.date,
                  holidays: frozenset[datetime.date] = frozenset()) -> dict[int, Response]:
    """How each of ``person_ids`` responds (those with something known): two queries."""
    ids = [int(i) for i in person_ids]
    result: dict[int, Response] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        events: dict[int, list[tuple[datetime.date, str]]] = {}
        for person_id, kind, on in database_proxy.execute_sql(
                f"SELECT person_id, kind, occurred_on FROM interaction "
                f"WHERE person_id IN ({marks}) AND kind IN (?, ?, ?) "
                f"ORDER BY person_id, occurred_on, kind = '{REPLY}', id",
                [*chunk, SENT, REPLY, CLOSED]):
            events.setdefault(person_id, []).append((_as_date(on), kind))
        chosen = dict(database_proxy.execute_sql(
            f"SELECT id, response_label FROM person WHERE id IN ({marks}) "
            f"AND response_label <> ''", chunk).fetchall())
        for person_id in set(events) | set(chosen):
            waits = reply_times(events.get(person_id, ()), today, holidays)
            computed = label_from(waits)
            label = chosen.get(person_id) or computed
            if label:
                result[person_id] = Response(label=label, set_by_user=person_id in chosen,
                                             computed=computed, waits=tuple(waits))
    return result


def response_of(person_id: int, today: datetime.date,
                holidays: frozenset[datetime.date] = frozenset()) -> Response:
    """How ``person_id`` responds (an empty label when nothing is known)."""
    found = responses_for([person_id], today, holidays).get(person_id)
    return found or Response(label="", set_by_user=False, computed="")


def set_response_label(person_id: int, label: str) -> Changes:
    """Set by hand how ``person_id`` responds; '' goes back to their reply times."""
    if label not in (*RESPONSE_WORDS, ""):
        raise KeepInTouchError("Responds", f"unknown label {label!r}")
    with database_proxy.atomic():
        updated = (Person.update(response_label=label, updated=now())
                   .where(Person.id == person_id).execute())
        if not updated:
            raise KeepInTouchError("Person", f"no person with id {person_id}")
    return Changes.of_person(person_id, {"response_label"})
