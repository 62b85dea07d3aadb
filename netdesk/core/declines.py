"""After a "no": close the thread kindly (nothing deleted) and suggest who to approach next."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from peewee import JOIN, Case

from netdesk.core.changes import NOTHING, Changes
from netdesk.core.followups import FollowUpError, close_row, require_date, require_person
from netdesk.db.models import (
    FollowUp,
    Interaction,
    Interview,
    Organization,
    Person,
    PersonCareerField,
    Referral,
    database_proxy,
    now,
)

REASONS = {
    "declined": "Said no",
    "no_reply": "No reply after the follow-up",
}
CLOSING_NOTE = "Closed kindly after a no; the door stays open."
# Stages of people worth approaching next, most promising first.
_NEXT_STAGES = ("to_contact", "contacted")


@dataclass(frozen=True)
class Suggestion:
    person_id: int
    person_name: str
    job_title: str
    organization: str
    reason: str


@dataclass(frozen=True)
class DeclineResult:
    person_id: int
    interaction_id: int
    closed_follow_ups: int
    cancelled_interviews: int
    suggestions: list[Suggestion]
    changes: Changes = NOTHING


def record_decline(
    person_id: int,
    today: datetime.date,
    *,
    reason: str = "declined",
    note: str = "",
    suggestions: int = 5,
) -> DeclineResult:
    """Record that ``person_id`` said no (or never replied), in one transaction.

    Their open follow-ups become 'dropped' (kept, with a note), interviews still
    being planned or scheduled with them become 'cancelled', their stage becomes
    'declined', and a 'declined' entry is added to their timeline. The
    result suggests people in the same career fields to approach next.
    """
    if reason not in REASONS:
        raise FollowUpError("Reason", f"unknown reason {reason!r}")
    require_date(today, "Date")
    with database_proxy.atomic():
        person = require_person(person_id)
        closed = 0
        for row in FollowUp.select().where(
            FollowUp.person == person, FollowUp.status == "open"
        ):
            close_row(row, "dropped", today, CLOSING_NOTE)
            closed += 1
        cancelled = (Interview
                     .update(status="cancelled", updated=now())
                     .where(Interview.person == person,
                            Interview.status.in_(("planning", "scheduled")))
                     .execute())
        summary = REASONS[reason] + (f": {note.strip()}" if note.strip() else "")
        interaction = Interaction.create(
            person=person, kind="declined", occurred_on=today, summary=summary
        )
        person.stage = "declined"
        person.save()
        interview_ids = frozenset(
            i.id for i in Interview.select(Interview.id).where(Interview.person == person))
        follow_up_ids = frozenset(
            f.id for f in FollowUp.select(FollowUp.id).where(FollowUp.person == person))
        return DeclineResult(
            person_id=person.id, interaction_id=interaction.id, closed_follow_ups=closed,
            cancelled_interviews=cancelled,
            suggestions=suggest_next(person.id, limit=suggestions),
            changes=Changes.of_person(
                person.id, {"stage", "timeline"}, interactions=frozenset({interaction.id}),
                interviews=interview_ids if cancelled else frozenset(),
                follow_ups=follow_up_ids if closed else frozenset()),
        )


def _career_field_ids(person_id: int) -> list[int]:
    ids = [link.career_field_id for link in
           PersonCareerField.select().where(PersonCareerField.person == person_id)]
    if not ids:
        ids = [i.career_field_id for i in Interview.select(Interview.career_field).where(
            Interview.person == person_id, Interview.career_field.is_null(False))]
    return list(dict.fromkeys(ids))


def suggest_next(person_id: int, limit: int = 5) -> list[Suggestion]:
    """People in the same career fields worth approaching next.

    Best first: people the decliner referred, then warm introductions (anyone
    referred them), then people not yet contacted, then by name. People who
    already said no, or were already interviewed, are left out.
    """
    field_ids = _career_field_ids(person_id)
    if not field_ids:
        return []
    from_decliner = Referral.select(Referral.referred).where(Referral.referrer == person_id)
    warm = Referral.select(Referral.referred)
    interviewed = Interview.select(Interview.person).where(Interview.status == "done")
    shares_field = PersonCareerField.select(PersonCareerField.person).where(
        PersonCareerField.career_field.in_(field_ids))
    by_decliner = Person.id.in_(from_decliner)
    is_warm = Person.id.in_(warm)
    query = (Person
             .select(Person.id, Person.first_name, Person.last_name, Person.job_title,
                     Person.stage, Organization.name.alias("organization_name"),
                     by_decliner.alias("by_decliner"), is_warm.alias("warm"))
             .join(Organization, JOIN.LEFT_OUTER)
             .where(Person.id != person_id,
                    Person.stage.in_(_NEXT_STAGES),
                    Person.id.in_(shares_field),
                    Person.id.not_in(interviewed))
             .order_by(by_decliner.desc(), is_warm.desc(),
                       Case(Person.stage, [(s, n) for n, s in enumerate(_NEXT_STAGES)]),
                       Person.last_name, Person.first_name)
             .limit(limit)
             .dicts())
    result = []
    for row in query:
        if row["by_decliner"]:
            reason = "Referred by them"
        elif row["warm"]:
            reason = "Introduced by someone you know"
        elif row["stage"] == "to_contact":
            reason = "Same career field, not contacted yet"
        else:
            reason = "Same career field, already contacted"
        result.append(Suggestion(
            person_id=row["id"],
            person_name=" ".join(p for p in (row["first_name"], row["last_name"]) if p),
            job_title=row["job_title"], organization=row["organization_name"] or "",
            reason=reason,
        ))
    return result
