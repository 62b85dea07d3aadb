"""When follow-ups fall due: working days, the default rhythm of the networking habit, and the
actions on a follow-up (create, mark done, snooze, drop, reopen), each one transaction.

Each action returns the :class:`~netdesk.core.changes.Changes` it made; ``.id`` is the
follow-up created or acted on.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from netdesk.core.changes import NOTHING, Changes
from netdesk.core.vocabulary import FOLLOW_UP_LABELS as KIND_LABELS
from netdesk.db.models import (
    FOLLOW_UP_KINDS,
    FollowUp,
    Interaction,
    Interview,
    Person,
    database_proxy,
)
from netdesk.db.zones import local

# Defaults the user can change in Preferences: (count, unit) per follow-up kind.
DEFAULT_RULES: dict[str, tuple[int, str]] = {
    "reply_check": (3, "working_days"),  # after outreach, look for a reply
    "thank_you": (1, "days"),  # after an interview, thank them
    "keep_in_touch": (90, "days"),  # after the thank-you, stay in touch
    "report_back": (30, "days"),  # after acting on advice, tell them how it went
}
UNITS = ("days", "working_days")


# Kinds that come after the interview they belong to; a reply check comes before it.
FOLLOWS_INTERVIEW = frozenset({"thank_you", "keep_in_touch", "report_back"})

# What marking a follow-up done writes to the person's timeline.
DONE_INTERACTION = {"thank_you": "thank_you", "keep_in_touch": "update", "report_back": "update"}

# What marking a follow-up done schedules next, so the habit keeps its rhythm.
NEXT_KIND = {"thank_you": "keep_in_touch", "keep_in_touch": "keep_in_touch"}

# Stages a done follow-up moves a person to, only ever forwards.
_STAGE_ORDER = ("to_contact", "contacted", "meeting_set", "interviewed", "thanked",
                "keeping_in_touch")
_DONE_STAGE = {"thank_you": "thanked", "keep_in_touch": "keeping_in_touch"}


class FollowUpError(ValueError):
    """A follow-up action was refused; ``field`` names the input at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class DueItem:
    """An open follow-up as lists show it."""

    id: int
    person_id: int
    person_name: str
    interview_id: int | None
    kind: str
    due_on: datetime.date
    note: str

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def add_working_days(start: datetime.date, days: int,
                     holidays: frozenset[datetime.date] = frozenset()) -> datetime.date:
    """The date ``days`` working days (Monday to Friday, not one of ``holidays``) after
    ``start``."""
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            remaining -= 1
    return current


def due_date(
    kind: str, start: datetime.date, rules: dict[str, tuple[int, str]] | None = None,
    holidays: frozenset[datetime.date] = frozenset(),
) -> datetime.date:
    """When a follow-up of ``kind`` started on ``start`` falls due under ``rules``."""
    count, unit = (rules or DEFAULT_RULES)[kind]
    if unit == "working_days":
        return add_working_days(start, count, holidays)
    return start + datetime.timedelta(days=count)


def validate_rules(rules: dict[str, tuple[int, str]]) -> dict[str, tuple[int, str]]:
    """Return ``rules`` completed with the defaults; refuse counts or units that make no sense."""
    merged = dict(DEFAULT_RULES)
    for kind, (count, unit) in rules.items():
        if kind not in FOLLOW_UP_KINDS:
            raise FollowUpError("Kind", f"unknown follow-up kind {kind!r}")
        if unit not in UNITS:
            raise FollowUpError(KIND_LABELS[kind], f"unknown unit {unit!r}")
        if not isinstance(count, int) or not 0 <= count <= 3650:
            raise FollowUpError(KIND_LABELS[kind], "the delay must be 0 to 3650 days")
        merged[kind] = (count, unit)
    return merged


def _row_to_item(row: FollowUp) -> DueItem:
    person = row.person
    return DueItem(
        id=row.id, person_id=person.id, person_name=person.full_name,
        interview_id=row.interview_id, kind=row.kind, due_on=row.due_on, note=row.note,
    )


def _open_query():
    return (FollowUp.select(FollowUp, Person)
            .join(Person)
            .where(FollowUp.status == "open")
            .order_by(FollowUp.due_on, FollowUp.id))


def due_today(today: datetime.date, limit: int | None = None) -> list[DueItem]:
    """Open follow-ups that fall due exactly on ``today`` (at most ``limit``)."""
    query = _open_query().where(FollowUp.due_on == today)
    if limit is not None:
        query = query.limit(limit)
    return [_row_to_item(r) for r in query]


def count_due_today(today: datetime.date) -> int:
    return FollowUp.select().where(FollowUp.status == "open", FollowUp.due_on == today).count()


def overdue(today: datetime.date, limit: int | None = None) -> list[DueItem]:
    """Open follow-ups whose date is before ``today``, oldest first (at most ``limit``)."""
    query = _open_query().where(FollowUp.due_on < today)
    if limit is not None:
        query = query.limit(limit)
    return [_row_to_item(r) for r in query]


def count_overdue(today: datetime.date) -> int:
    return FollowUp.select().where(FollowUp.status == "open", FollowUp.due_on < today).count()


def due_by(today: datetime.date) -> list[DueItem]:
    """Open follow-ups due on or before ``today`` (overdue first, then today's)."""
    return [_row_to_item(r) for r in _open_query().where(FollowUp.due_on <= today)]


def upcoming(today: datetime.date, days: int = 7) -> list[DueItem]:
    """Open follow-ups due in the ``days`` after ``today``."""
    end = today + datetime.timedelta(days=days)
    return [_row_to_item(r) for r in
            _open_query().where(FollowUp.due_on > today, FollowUp.due_on <= end)]


def for_person(person_id: int, *, include_closed: bool = False) -> list[FollowUp]:
    """One person's follow-ups: open ones by date, then (if asked) closed ones, newest first."""
    query = FollowUp.select().where(FollowUp.person == person_id)
    open_rows = list(query.where(FollowUp.status == "open").order_by(FollowUp.due_on))
    if not include_closed:
        return open_rows
    closed = query.where(FollowUp.status != "open").order_by(
        FollowUp.done_on.desc(nulls="LAST"), FollowUp.id.desc())
    return open_rows + list(closed)


def _check_date_after_interview(
    kind: str, due_on: datetime.date, interview: Interview | None
) -> None:
    if interview is None or interview.starts_at is None or kind not in FOLLOWS_INTERVIEW:
        return
    held = local(interview.start).date()  # the day it was where the user is now
    if due_on < held:
        raise FollowUpError(
            "Due date",
            f"{due_on.isoformat()} is before the interview it follows "
            f"({held.isoformat()}); pick {held.isoformat()} or later",
        )


def require_date(value: object, field: str) -> None:
    """Refuse ``value`` (for the field named ``field``) unless it is a date."""
    if not isinstance(value, datetime.date):
        raise FollowUpError(field, "a date is needed")


def require_person(person_id: int) -> Person:
    """The person with id ``person_id``; :class:`FollowUpError` when there is none."""
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        raise FollowUpError("Person", f"no person with id {person_id}")
    return person


def create(
    person_id: int,
    kind: str,
    due_on: datetime.date,
    *,
    interview_id: int | None = None,
    note: str = "",
) -> Changes:
    """Add an open follow-up (the Changes' ``.id``); refuse an unknown kind or a date before
    the interview it follows."""
    if kind not in FOLLOW_UP_KINDS:
        raise FollowUpError("Kind", f"unknown follow-up kind {kind!r}")
    require_date(due_on, "Due date")
    with database_proxy.atomic():
        person = require_person(person_id)
        interview = None
        if interview_id is not None:
            interview = Interview.get_or_none(Interview.id == interview_id)
            if interview is None:
                raise FollowUpError("Interview", f"no interview with id {interview_id}")
            if interview.person_id != person.id:
                raise FollowUpError("Interview", "the interview is with someone else")
        _check_date_after_interview(kind, due_on, interview)
        row = FollowUp.create(
            person=person, interview=interview, kind=kind, due_on=due_on, note=note.strip()
        )
        return _changes(row)


def schedule(
    person_id: int,
    kind: str,
    start: datetime.date,
    *,
    interview_id: int | None = None,
    rules: dict[str, tuple[int, str]] | None = None,
    note: str = "",
) -> Changes:
    """Add a follow-up of ``kind`` due by the rules after ``start`` (e.g. outreach sent)."""
    if kind not in FOLLOW_UP_KINDS:
        raise FollowUpError("Kind", f"unknown follow-up kind {kind!r}")
    return create(person_id, kind, due_date(kind, start, rules),
                  interview_id=interview_id, note=note)


def _changes(row: FollowUp, *names: str) -> Changes:
    """What an action on ``row`` changed: the follow-up, and its person's timeline."""
    return Changes.of_person(row.person_id, {"timeline", *names}, id=row.id,
                             follow_ups=frozenset({row.id}))


def _get_open(follow_up_id: int) -> FollowUp:
    row = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    if row is None:
        raise FollowUpError("Follow-up", f"no follow-up with id {follow_up_id}")
    if row.status != "open":
        raise FollowUpError("Follow-up", f"this follow-up is already {row.status}")
    return row


def close_row(row: FollowUp, status: str, today: datetime.date, note: str = "") -> None:
    """Close an open follow-up row as 'done' or 'dropped' on ``today``, adding ``note``."""
    row.status = status
    row.done_on = today
    if note.strip():
        row.note = "\n".join(p for p in (row.note, note.strip()) if p)
    row.save()


def open_follow_up(interview: Interview, kind: str) -> FollowUp | None:
    """The interview's open follow-up of ``kind``, if it has one."""
    return FollowUp.get_or_none((FollowUp.interview == interview) & (FollowUp.kind == kind)
                                & (FollowUp.status == "open"))


def close_interview_follow_ups(interview: Interview, kind: str, on: datetime.date,
                               status: str = "done") -> Changes:
    """Close the interview's open follow-ups of ``kind`` as ``status`` on ``on``."""
    open_ones = FollowUp.select(FollowUp.id).where(
        (FollowUp.interview == interview) & (FollowUp.kind == kind)
        & (FollowUp.status == "open"))
    ids = frozenset(row.id for row in open_ones)
    if not ids:
        return NOTHING
    FollowUp.update(status=status, done_on=on).where(FollowUp.id.in_(list(ids))).execute()
    return Changes.of_person(interview.person_id, {"timeline"}, id=None, follow_ups=ids)


def _advance_stage(person: Person, stage: str) -> bool:
    if person.stage in _STAGE_ORDER and _STAGE_ORDER.index(stage) > _STAGE_ORDER.index(
        person.stage
    ):
        person.stage = stage
        person.save()
        return True
    return False


def mark_done(
    follow_up_id: int,
    today: datetime.date,
    *,
    note: str = "",
    schedule_next: bool = True,
    rules: dict[str, tuple[int, str]] | None = None,
) -> Changes:
    """Mark a follow-up done on ``today``, log it on the timeline, and keep the rhythm.

    A thank-you or keep-in-touch done schedules the next keep-in-touch by the
    rules (unless ``schedule_next`` is false). The Changes' ``.id`` is the follow-up
    done; the next one, when one was scheduled, is the other id in ``follow_ups``.
    """
    with database_proxy.atomic():
        row = _get_open(follow_up_id)
        close_row(row, "done", today, note)
        changes = _changes(row)
        interaction_kind = DONE_INTERACTION.get(row.kind)
        if interaction_kind:
            entry = Interaction.create(
                person=row.person_id, interview=row.interview_id, kind=interaction_kind,
                occurred_on=today, summary=note.strip() or f"{KIND_LABELS[row.kind]}: done",
            )
            changes |= Changes(interactions=frozenset({entry.id}))
        if row.kind in _DONE_STAGE and _advance_stage(row.person, _DONE_STAGE[row.kind]):
            changes |= _changes(row, "stage")
        next_kind = NEXT_KIND.get(row.kind)
        if not schedule_next or next_kind is None:
            return changes
        already = FollowUp.select().where(
            FollowUp.person == row.person_id, FollowUp.kind == next_kind,
            FollowUp.status == "open").exists()
        if already:
            return changes
        following = FollowUp.create(
            person=row.person_id, interview=row.interview_id, kind=next_kind,
            due_on=due_date(next_kind, today, rules),
        )
        return changes | Changes(follow_ups=frozenset({following.id}))


def scheduled_next(changes: Changes) -> FollowUp | None:
    """The follow-up :func:`mark_done` scheduled next, if it scheduled one."""
    others = sorted(changes.follow_ups - {changes.id})
    return FollowUp.get_or_none(FollowUp.id == others[0]) if others else None


def snooze(follow_up_id: int, until: datetime.date, today: datetime.date) -> Changes:
    """Move an open follow-up to ``until``, which must be after ``today``."""
    if until <= today:
        raise FollowUpError("Snooze until", "pick a date after today")
    with database_proxy.atomic():
        row = _get_open(follow_up_id)
        _check_date_after_interview(row.kind, until, row.interview)
        row.due_on = until
        row.save()
        return _changes(row)


def snooze_days(follow_up_id: int, days: int, today: datetime.date) -> Changes:
    """Snooze an open follow-up to ``days`` after today (or after its date, if later)."""
    if days < 1:
        raise FollowUpError("Snooze", "snooze by at least one day")
    row = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    base = max(today, row.due_on) if row is not None else today
    return snooze(follow_up_id, base + datetime.timedelta(days=days), today)


def drop(follow_up_id: int, today: datetime.date, *, note: str = "") -> Changes:
    """Close an open follow-up without doing it (kept in the record, status 'dropped')."""
    with database_proxy.atomic():
        row = _get_open(follow_up_id)
        close_row(row, "dropped", today, note)
        return _changes(row)


def reopen(follow_up_id: int) -> Changes:
    """Open a done or dropped follow-up again (e.g. to undo a click)."""
    with database_proxy.atomic():
        row = FollowUp.get_or_none(FollowUp.id == follow_up_id)
        if row is None:
            raise FollowUpError("Follow-up", f"no follow-up with id {follow_up_id}")
        row.status = "open"
        row.done_on = None
        row.save()
        return _changes(row)
