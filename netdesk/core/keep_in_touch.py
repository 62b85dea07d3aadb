"""Keep-in-touch tiers and response labels: who is due for a catch-up, who is going cold,
and how each person tends to respond.

**Tiers.** A person may be in tier A, B or C; each tier has an ideal and a maximum number
of days between contacts (:data:`DEFAULT_INTERVALS`, changed in Preferences → Method).
A tag may have intervals of its own too ("mentor": every 30 days, at most 45): someone
without a tier who carries such a tag is kept in touch with by the tag's intervals, the
shortest ideal when they carry several (a tier, when set, always wins). Tags are compared
without regard to case or the spaces around them.
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
from netdesk.db import dialect
from netdesk.db.models import RESPONSE_LABELS as RESPONSE_WORDS
from netdesk.db.models import TIERS, Person, database_proxy, now

Intervals = dict[str, tuple[int, int]]
"""Tier → (ideal days, maximum days)."""
TagIntervals = dict[str, tuple[int, int]]
"""Tag → (ideal days, maximum days), for people without a tier."""

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


def validate_tag_intervals(tags: TagIntervals) -> TagIntervals:
    """``tags`` with each name's spaces collapsed; refuse an empty name, a comma in a name,
    the same tag twice (in any case), days out of range or an ideal over the maximum."""
    result: TagIntervals = {}
    seen: set[str] = set()
    for name, (ideal, maximum) in tags.items():
        tag = " ".join(str(name).split())
        if not tag:
            raise KeepInTouchError("Tag", "a tag with intervals needs a name")
        if "," in tag:
            raise KeepInTouchError(f"Tag “{tag}”", "one tag at a time (no commas)")
        if tag.casefold() in seen:
            raise KeepInTouchError(f"Tag “{tag}”", "given twice")
        if not (1 <= ideal <= MOST_DAYS and 1 <= maximum <= MOST_DAYS):
            raise KeepInTouchError(f"Tag “{tag}”", f"days must be 1 to {MOST_DAYS}")
        if ideal > maximum:
            raise KeepInTouchError(
                f"Tag “{tag}”", f"the ideal ({ideal} days) is longer than the maximum "
                                f"({maximum} days)")
        seen.add(tag.casefold())
        result[tag] = (ideal, maximum)
    return result


def with_tag_interval(tags: TagIntervals, tag: str, ideal: int, maximum: int) -> TagIntervals:
    """``tags`` (already checked) with one more tag; refused as
    :func:`validate_tag_intervals` refuses (the same tag again in particular)."""
    (name, days), = validate_tag_intervals({tag: (ideal, maximum)}).items()
    if name.casefold() in {t.casefold() for t in tags}:
        raise KeepInTouchError(f"Tag “{name}”", "given twice")
    return {**tags, name: days}


def tag_choice(person_tags: str, tags: TagIntervals) -> tuple[str, int, int] | None:
    """The tag of ``person_tags`` (as stored: "mentor, alumni") whose intervals apply, with
    them: the shortest ideal, then the shortest maximum, then the first in ``tags``."""
    carried = {t.strip().lower() for t in person_tags.split(",") if t.strip()}
    found = [(ideal, maximum, order, tag) for order, (tag, (ideal, maximum))
             in enumerate(tags.items()) if tag.lower() in carried]
    if not found:
        return None
    ideal, maximum, _order, tag = min(found)
    return tag, ideal, maximum


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
    tag: str = ""
    """The tag whose intervals apply (someone without a tier); "" for a tier."""

    @property
    def label(self) -> str:
        return TOUCH_LABELS.get(self.mark, "")

    @property
    def basis(self) -> str:
        """Where the intervals come from: "Tier A" or "Tag “mentor”"."""
        return f"Tag “{self.tag}”" if self.tag else TIER_LABELS[self.tier]

    def describe(self) -> str:
        """"Going cold: 75 days since the last contact (Tier A: ideally every 30, at most
        60)" for tooltips and lists."""
        head = f"{self.label}: " if self.mark else ""
        since = {0: "last contact today", 1: "1 day since the last contact"}.get(
            self.days, f"{self.days} days since the last contact")
        return (f"{head}{since} ({self.basis}: "
                f"ideally every {self.ideal} days, at most {self.maximum})")


def _last() -> str:
    """SQL for the person's last contact: the stored date (migration 0012), else the day
    they were added."""
    return f"coalesce(p.last_contact, {dialect.date_of('p.created')})"


def _tags_sql() -> str:
    """SQL for the person's tags as ",mentor,alumni," in lower case (up to three spaces
    around each comma dropped), so a tag is found with instr(tagset, ',mentor,'); the tag
    looked for is lowered by the same SQL lower()."""
    text = "(',' || trim(p.tags) || ',')"
    for _ in range(3):
        text = f"replace(replace({text}, ', ', ','), ' ,', ',')"
    return f"lower({text})"


_TAGS = _tags_sql()
_UNTIERED_TAGS = f"CASE WHEN p.tier = '' THEN {_TAGS} ELSE '' END"  # a tier wins anyway


def _as_date(value) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def _ordered_tags(tags: TagIntervals) -> list[tuple[str, int, int]]:
    """The tags in the order they are tried: shortest ideal first (as :func:`tag_choice`)."""
    return [(tag, ideal, maximum) for ideal, maximum, _order, tag in sorted(
        (ideal, maximum, order, tag) for order, (tag, (ideal, maximum)) in enumerate(tags.items()))]


def _interval_case(intervals: Intervals, tags: TagIntervals, column: int) -> tuple[str, list]:
    """SQL over :func:`_people` for each person's ideal (``column`` 0) or maximum (1) in
    days: their tier's, or else their shortest tag's; NULL for someone with neither."""
    parts = ["WHEN k.tier = ? THEN ?" for _ in TIERS]
    params: list = [value for tier in TIERS for value in (tier, intervals[tier][column])]
    for tag, *days in _ordered_tags(tags):
        parts.append(f"WHEN k.tier = '' AND {dialect.contains_text('k.tagset', 'lower(?)')} "
                     "THEN ?")
        params += [f",{tag},", days[column]]
    return "CASE " + " ".join(parts) + " END", params


def _tag_case(tags: TagIntervals) -> tuple[str, list]:
    """SQL over :func:`_people` for the tag whose intervals apply ('' for a tier or none)."""
    parts, params = [], []
    for tag, *_days in _ordered_tags(tags):
        parts.append(f"WHEN k.tier = '' AND {dialect.contains_text('k.tagset', 'lower(?)')} "
                     "THEN ?")
        params += [f",{tag},", tag]
    if not parts:
        return "''", []
    return "CASE " + " ".join(parts) + " ELSE '' END", params


def _people(today: datetime.date, intervals: Intervals, tags: TagIntervals, where: str,
            where_params: list) -> tuple[str, list]:
    """SQL for the people kept in touch (a tier, or a tag in ``tags``) who match ``where``:
    the columns :func:`_touch` reads, and ``days`` since the last contact.

    The inner query works out each person's last contact and tag set once (OFFSET 0 keeps
    SQLite from folding it into the outer query, which would work them out again for every
    tag tried)."""
    # A cheap first look (the tag anywhere in the text) spares the last contact of people
    # who carry none of the tags; the tag set then says whether a whole tag matches.
    kept = "p.tier <> ''"
    if tags:
        kept = (f"({kept} OR p.tags <> '' AND ("
                + " OR ".join(dialect.contains_text("lower(p.tags)", "lower(?)") for _ in tags)
                + "))")
    kept_params = list(tags)
    ideal, ideal_params = _interval_case(intervals, tags, 0)
    maximum, maximum_params = _interval_case(intervals, tags, 1)
    tag, tag_params = _tag_case(tags)
    inner = (f"SELECT p.id, p.first_name, p.last_name, p.tier, {_last()} AS last, "
             f"{_UNTIERED_TAGS if tags else chr(39) * 2} AS tagset FROM person p "
             f"WHERE {kept} AND {where} {dialect.no_limit()} OFFSET 0")
    sql = (f"SELECT * FROM (SELECT k.id, k.first_name, k.last_name, k.tier, k.last, "
           f"{ideal} AS ideal, {maximum} AS maximum, {tag} AS tag, "
           f"{dialect.days_between('?', 'k.last')} AS days FROM ({inner}) AS k) AS t "
           f"WHERE t.ideal IS NOT NULL")
    return sql, [*ideal_params, *maximum_params, *tag_params, today.isoformat(),
                 *kept_params, *where_params]


def _touch(row, today: datetime.date) -> Touch:
    person_id, first, last_name, tier, last, ideal, maximum, tag = row[:8]
    last_contact = _as_date(last)
    days = (today - last_contact).days if last_contact else 0
    mark = "" if last_contact is None else \
        "cold" if days > maximum else "due" if days > ideal else ""
    return Touch(person_id=person_id, name=" ".join(p for p in (first, last_name) if p),
                 tier=tier, last_contact=last_contact, days=days, mark=mark,
                 ideal=ideal, maximum=maximum, tag=tag or "")


def touches_for(person_ids: Iterable[int], today: datetime.date,
                intervals: Intervals | None = None, *,
                tags: TagIntervals | None = None) -> dict[int, Touch]:
    """Where each of ``person_ids`` who has a tier (or a tag in ``tags``) stands (a page
    of the contact tree): one query, each last contact read from the interaction index."""
    intervals = validate_intervals(intervals or {})
    tags = validate_tag_intervals(tags or {})
    ids = [int(i) for i in person_ids]
    result: dict[int, Touch] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        sql, params = _people(today, intervals, tags, f"p.id IN ({marks})", chunk)
        for row in database_proxy.execute_sql(sql, params).fetchall():
            result[row[0]] = _touch(row, today)
    return result


def touch_of(person_id: int, today: datetime.date, intervals: Intervals | None = None, *,
             tags: TagIntervals | None = None) -> Touch | None:
    """Where ``person_id`` stands; None when they have no tier (nor a tag in ``tags``)."""
    return touches_for([person_id], today, intervals, tags=tags).get(person_id)


def overdue(today: datetime.date, intervals: Intervals | None = None, *,
            tags: TagIntervals | None = None, which: str = "due",
            limit: int = 50) -> list[Touch]:
    """People past their ideal (``which="due"``, going cold included) or past their maximum
    (``which="cold"``), the longest past their ideal first; people who said no are left
    in peace."""
    intervals = validate_intervals(intervals or {})
    tags = validate_tag_intervals(tags or {})
    sql, params = _people(today, intervals, tags, "p.stage <> 'declined'", [])
    bound = "maximum" if which == "cold" else "ideal"
    rows = database_proxy.execute_sql(
        f"{sql} AND t.days > t.{bound} ORDER BY t.days - t.ideal DESC, "
        f"t.last_name COLLATE NOCASE, t.first_name COLLATE NOCASE, t.id LIMIT ?",
        [*params, limit]).fetchall()
    return [_touch(row, today) for row in rows]


def count_overdue(today: datetime.date, intervals: Intervals | None = None, *,
                  tags: TagIntervals | None = None) -> tuple[int, int]:
    """(due for a catch-up, going cold): how many people are past their ideal but not their
    maximum, and how many past their maximum (one pass over the people kept in touch)."""
    intervals = validate_intervals(intervals or {})
    tags = validate_tag_intervals(tags or {})
    sql, params = _people(today, intervals, tags, "p.stage <> 'declined'", [])
    due, cold = database_proxy.execute_sql(
        f"SELECT coalesce(sum(CAST(days > ideal AS INTEGER)), 0), "
        f"coalesce(sum(CAST(days > maximum AS INTEGER)), 0) "
        f"FROM ({sql}) AS c", params).fetchone()
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
