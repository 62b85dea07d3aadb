"""A person's dated log of interactions: listing, adding (with what it implies), removing.

:func:`log` returns a :class:`Logged` (its ``.changes`` are what it wrote); :func:`remove`
returns the Changes.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from netdesk.core.changes import NOTHING, Changes
from netdesk.core.followups import FollowUpError, due_date
from netdesk.db.models import (
    INTERACTION_KINDS,
    FollowUp,
    Interaction,
    Person,
    database_proxy,
    now,
)

# Quick-entry order: the most frequent first.
KIND_ORDER = ("message_sent", "reply", "meeting", "thank_you", "update", "help_given",
              "help_received", "note", "interview", "declined")
assert set(KIND_ORDER) == set(INTERACTION_KINDS)


@dataclass(frozen=True)
class Logged:
    interaction: Interaction
    follow_up: FollowUp | None
    """A reply check scheduled because a message was sent."""
    closed_reply_checks: int
    """Open reply checks marked done because a reply came."""
    changes: Changes = NOTHING


def entries(person_id: int) -> list[Interaction]:
    """The person's timeline, newest first."""
    return list(Interaction.select()
                .where(Interaction.person == person_id)
                .order_by(Interaction.occurred_on.desc(), Interaction.id.desc()))


def log(
    person_id: int,
    kind: str,
    occurred_on: datetime.date,
    summary: str,
    today: datetime.date,
    *,
    rules: dict[str, tuple[int, str]] | None = None,
    automatic: bool = True,
) -> Logged:
    """Add an entry; refuse an unknown kind or a date in the future.

    With ``automatic``, sending a message schedules a reply check (unless one is
    open) and moves a person not yet contacted to 'contacted'; a reply marks
    open reply checks done.
    """
    if kind not in INTERACTION_KINDS:
        raise FollowUpError("Kind", f"unknown kind of entry {kind!r}")
    if not isinstance(occurred_on, datetime.date):
        raise FollowUpError("Date", "a date is needed")
    if occurred_on > today:
        raise FollowUpError("Date", f"{occurred_on.isoformat()} is in the future; "
                                    "log what has happened (use a follow-up for what is due)")
    with database_proxy.atomic():
        person = Person.get_or_none(Person.id == person_id)
        if person is None:
            raise FollowUpError("Person", f"no person with id {person_id}")
        entry = Interaction.create(person=person, kind=kind, occurred_on=occurred_on,
                                   summary=summary.strip())
        follow_up = None
        closed = 0
        if automatic and kind == "message_sent":
            if person.stage == "to_contact":
                person.stage = "contacted"
                person.save()
            has_open = FollowUp.select().where(
                FollowUp.person == person, FollowUp.kind == "reply_check",
                FollowUp.status == "open").exists()
            if not has_open:
                follow_up = FollowUp.create(
                    person=person, kind="reply_check",
                    due_on=due_date("reply_check", occurred_on, rules))
        follow_up_ids = {follow_up.id} if follow_up is not None else set()
        if automatic and kind == "reply":
            replied = [row.id for row in FollowUp.select(FollowUp.id).where(
                FollowUp.person == person, FollowUp.kind == "reply_check",
                FollowUp.status == "open")]
            closed = (FollowUp.update(status="done", done_on=occurred_on, updated=now())
                      .where(FollowUp.id.in_(replied)).execute()) if replied else 0
            follow_up_ids.update(replied)
        touched = {"timeline"} | ({"stage"} if automatic and kind == "message_sent" else set())
        changes = Changes.of_person(
            person.id, touched, id=entry.id, interactions=frozenset({entry.id}),
            follow_ups=frozenset(follow_up_ids))
        return Logged(interaction=entry, follow_up=follow_up, closed_reply_checks=closed,
                      changes=changes)


def remove(interaction_ids: int | Iterable[int]) -> Changes:
    """Delete entries the user logged by mistake (one id or several), in one transaction."""
    ids = [interaction_ids] if isinstance(interaction_ids, int) else list(interaction_ids)
    changes = NOTHING
    with database_proxy.atomic():
        for row in Interaction.select().where(Interaction.id.in_(ids)):
            row.delete_instance()
            changes |= Changes.of_person(row.person_id, {"timeline"}, id=None,
                                         interactions=frozenset({row.id}))
    return changes
