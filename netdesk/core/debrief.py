"""The debrief after an informational interview: the evaluation, advice, the thank-you, when
to keep in touch, and the people the interviewee suggested, saved in one transaction.

Which interviews still wait for their debrief is read in :mod:`netdesk.core.interviews`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from netdesk.core.changes import Changes
from netdesk.core.checklists import MODE_LABELS
from netdesk.core.followups import close_interview_follow_ups, due_date, open_follow_up
from netdesk.core.interviews import (
    NewPerson,
    PlanError,
    advance_stage,
    interaction_summary,
    organization_for,
    starts_at,
)
from netdesk.db.models import (
    FollowUp,
    Interaction,
    Interview,
    Person,
    PersonCareerField,
    Referral,
    database_proxy,
)


@dataclass
class SuggestedPerson:
    """Someone the interviewee suggested talking with."""

    first_name: str = ""
    last_name: str = ""
    organization: str = ""
    job_title: str = ""
    email: str = ""
    note: str = ""

    def is_blank(self) -> bool:
        return not any(v.strip() for v in (self.first_name, self.last_name, self.organization,
                                           self.job_title, self.email, self.note))


@dataclass
class Debrief:
    """Everything the Debrief wizard collects."""

    interest_occupation: int | None = None
    interest_organization: int | None = None
    keep_exploring: bool | None = None
    advice: str = ""
    action_plan: str = ""
    suggested: list[SuggestedPerson] = field(default_factory=list)
    thank_you_message: str = ""
    thank_you_sent_on: datetime.date | None = None
    keep_in_touch_on: datetime.date | None = None
    keep_in_touch_note: str = ""


def validate_debrief(debrief: Debrief) -> None:
    """Raise :class:`PlanError` naming the first problem in ``debrief``."""
    for label, value in (("interest in the occupation", debrief.interest_occupation),
                         ("interest in the organization", debrief.interest_organization)):
        if value is not None and not 1 <= value <= 5:
            raise PlanError(f"Evaluation: {label} must be from 1 to 5.")
    for number, suggested in enumerate(debrief.suggested, 1):
        if suggested.is_blank():
            continue
        problem = NewPerson(suggested.first_name, suggested.last_name,
                            suggested.email).problem()
        if problem:
            raise PlanError(f"People they suggested, row {number}: {problem}")


def record_debrief(interview_id: int, debrief: Debrief,
                   today: datetime.date | None = None) -> Changes:
    """Save the debrief in one transaction.

    The Changes' ``.id`` is the interview; the people it suggested are in ``people_added``.
    """
    validate_debrief(debrief)
    today = today or datetime.date.today()
    with database_proxy.atomic():
        interview = Interview.get_by_id(interview_id)
        person = interview.person
        changes = Changes.of_person(person.id, {"timeline"},
                                    interviews=frozenset({interview.id}), id=interview.id)
        interview.interest_occupation = debrief.interest_occupation
        interview.interest_organization = debrief.interest_organization
        interview.keep_exploring = debrief.keep_exploring
        interview.advice = debrief.advice
        interview.action_plan = debrief.action_plan
        interview.status = "done"
        held_on = starts_at(interview).date() if interview.starts_at else today
        if not Interaction.select().where((Interaction.interview == interview)
                                          & (Interaction.kind == "interview")).exists():
            entry = Interaction.create(
                person=person, interview=interview, kind="interview", occurred_on=held_on,
                summary=f"Informational interview "
                        f"({MODE_LABELS.get(interview.mode, interview.mode)})")
            changes |= Changes(interactions=frozenset({entry.id}))
        changes |= advance_stage(person, "interviewed")
        if debrief.thank_you_sent_on is not None:
            interview.thank_you_sent = debrief.thank_you_sent_on
            entry = Interaction.create(
                person=person, interview=interview, kind="thank_you",
                occurred_on=debrief.thank_you_sent_on,
                summary=interaction_summary(debrief.thank_you_message, "Thank-you note sent"))
            changes |= Changes(interactions=frozenset({entry.id}))
            changes |= close_interview_follow_ups(interview, "thank_you",
                                                  debrief.thank_you_sent_on)
            changes |= advance_stage(person, "thanked")
        elif interview.thank_you_sent is None and not open_follow_up(interview, "thank_you"):
            reminder = FollowUp.create(person=person, interview=interview, kind="thank_you",
                                       due_on=due_date("thank_you", today),
                                       note="Send a thank-you note.")
            changes |= Changes(follow_ups=frozenset({reminder.id}))
        interview.save()
        if debrief.keep_in_touch_on is not None:
            changes |= close_interview_follow_ups(interview, "keep_in_touch", today,
                                                  status="dropped")
            reminder = FollowUp.create(person=person, interview=interview, kind="keep_in_touch",
                                       due_on=debrief.keep_in_touch_on,
                                       note=debrief.keep_in_touch_note)
            changes |= Changes(follow_ups=frozenset({reminder.id}))
        for suggested in debrief.suggested:
            if not suggested.is_blank():
                changes |= _add_suggested(suggested, person, interview, today)
    return replace(changes, id=interview.id)


def default_keep_in_touch(today: datetime.date | None = None) -> datetime.date:
    return due_date("keep_in_touch", today or datetime.date.today())


def _add_suggested(suggested: SuggestedPerson, by: Person, interview: Interview,
                   today: datetime.date) -> Changes:
    organization, changes = organization_for(suggested.organization)
    person = Person.create(
        first_name=suggested.first_name.strip(), last_name=suggested.last_name.strip(),
        email=suggested.email.strip(), job_title=suggested.job_title.strip(),
        organization=organization, relationship="referral",
        source=f"Suggested by {by.full_name}", stage="to_contact",
    )
    Referral.create(referrer=by, referred=person, date=today,
                    note=suggested.note.strip() or "Suggested in an informational interview.")
    if interview.career_field_id:
        PersonCareerField.insert(person=person, career_field=interview.career_field_id)\
            .on_conflict_ignore().execute()
    return changes | Changes.added_person(person.id, id=None, referrals=True) \
        | Changes.of_person(by.id, {"referred_by"}, id=None)
