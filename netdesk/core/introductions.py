"""Introduction requests, double opt-in: draft the request, record it, follow it through.

Double opt-in means the person in the middle (the introducer) first asks the person the
user wants to meet (the target) whether they are willing, and only then connects them; so
the request is a short note to the introducer plus a paragraph about the user, written to
be forwarded as it is. A request is *asked*, then *introduced* or *declined*, each with its
date. Once introduced, the referral introducer → target is recorded
(:func:`netdesk.core.referrals.add_referral`), so the graph and the paths show it.

Each step is also logged on the people's timelines (a message sent to the introducer,
help received from them, a note on the target), so the introductions are listed there.
Every write returns the :class:`Changes` it made (``lamp``, and the people touched).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from netdesk.core.changes import Changes
from netdesk.core.profile import ProfileForm, load_profile
from netdesk.core.referrals import ReferralError, add_referral
from netdesk.core.timeline import log
from netdesk.core.vocabulary import INTRODUCTION_LABELS
from netdesk.db.models import Introduction, Person, Referral, database_proxy, now


class IntroductionError(ValueError):
    """An introduction step that cannot be taken; the message is for the user."""


@dataclass(frozen=True)
class Draft:
    """A request ready to send: ``note`` to the introducer and ``forwardable`` about me;
    ``body`` is both, as one message."""

    recipient: str
    subject: str
    note: str
    forwardable: str

    @property
    def body(self) -> str:
        return f"{self.note}\n\n---- A note you can forward ----\n\n{self.forwardable}\n"


def _person(person_id: int) -> Person:
    person = Person.get_or_none(Person.id == person_id)
    if person is None:
        raise IntroductionError("That person is no longer in your network.")
    return person


def _first(person: Person) -> str:
    return person.nickname or person.first_name or person.full_name


def _about_me(profile: ProfileForm) -> str:
    """One or two sentences from the profile: who I am and what I am exploring."""
    study = profile.degree.strip()
    who = profile.name.strip() or "[your name]"
    parts = [f"I am {who}"]
    if study and profile.school.strip():
        parts.append(f", {study} from {profile.school.strip()}")
    elif study:
        parts.append(f", {study}")
    elif profile.school.strip():
        parts.append(f", from {profile.school.strip()}")
    sentence = "".join(parts) + "."
    seeking = " ".join(profile.seeking.split())
    if seeking:
        sentence += f" I am exploring {seeking.rstrip('.')}."
    elif profile.interests.strip():
        sentence += f" I am interested in {' '.join(profile.interests.split()).rstrip('.')}."
    return sentence


def draft_request(introducer_id: int, target_id: int,
                  profile: ProfileForm | None = None) -> Draft:
    """The request to ``introducer_id`` for an introduction to ``target_id``, from the
    profile; parts the profile does not give are left in [brackets]."""
    introducer, target = _person(introducer_id), _person(target_id)
    profile = profile or load_profile()
    organization = target.organization.name if target.organization_id else ""
    where = ", ".join(x for x in (target.job_title, organization) if x)
    target_words = target.full_name + (f" ({where})" if where else "")
    me = profile.name.strip() or "[your name]"
    pitch = " ".join(profile.pitch.split())
    place = f" at {organization}" if organization else ""
    note = (
        f"Hi {_first(introducer)},\n\n"
        f"I hope you are well. Could you introduce me to {target_words}? I would like to "
        f"hear how {_first(target)} came to their work{place}: a short conversation to "
        "learn, not to ask for a job.\n\n"
        f"Before you do, would you ask {_first(target)} whether they are open to it? If "
        "they are, the note below is written so you can forward it as it is. If the "
        "timing is wrong for either of you, that is completely fine.\n\n"
        f"Thank you,\n{me}")
    reach = " or ".join(x for x in (profile.email.strip(), profile.phone.strip()) if x)
    forwardable = (
        f"Hello {_first(target)},\n\n"
        f"{_about_me(profile)}"
        + (f" {pitch}" if pitch else "")
        + f"\n\nI would be grateful for 20 minutes of your time{place}, at a moment that "
        "suits you, to hear about your path and what you would advise someone starting "
        "out. "
        + (f"You can reach me at {reach}." if reach else "You can reach me at [your email].")
        + f"\n\n{me}")
    return Draft(introducer.email, f"Could you introduce me to {target.full_name}?",
                 note, forwardable)


# Tracking ----------------------------------------------------------------------------------


class IntroductionRow(NamedTuple):
    id: int
    introducer_id: int
    introducer: str
    target_id: int
    target: str
    organization: str
    status: str
    asked_on: datetime.date
    answered_on: datetime.date | None
    referral_id: int | None

    @property
    def status_label(self) -> str:
        return INTRODUCTION_LABELS[self.status]

    def summary(self, show_date=datetime.date.isoformat) -> str:
        """Where it stands, with the date it got there ("Asked on 2 Nov"); ``show_date``
        writes a date as the window does."""
        day = self.answered_on if self.answered_on is not None else self.asked_on
        return f"{self.status_label} on {show_date(day)}"

    def dates_text(self, show_date=datetime.date.isoformat) -> str:
        text = f"asked {show_date(self.asked_on)}"
        if self.answered_on is not None:
            text += f", {self.status} {show_date(self.answered_on)}"
        return text


LIST_QUERY = """
SELECT i.id, i.introducer_id, trim(a.first_name || ' ' || a.last_name), i.target_id,
       trim(b.first_name || ' ' || b.last_name), coalesce(o.name, ''), i.status, i.asked_on,
       i.answered_on, i.referral_id
FROM introduction i
JOIN person a ON a.id = i.introducer_id
JOIN person b ON b.id = i.target_id
LEFT JOIN organization o ON o.id = b.organization_id
"""


def _day(value) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def introductions(person_id: int | None = None) -> list[IntroductionRow]:
    """Every request (or those ``person_id`` is in), open ones first, newest first."""
    query, params = LIST_QUERY, []
    if person_id is not None:
        query += " WHERE ? IN (i.introducer_id, i.target_id)"
        params = [person_id]
    query += " ORDER BY i.status <> 'asked', i.asked_on DESC, i.id DESC"
    return [IntroductionRow(*row[:7], _day(row[7]), _day(row[8]), row[9])
            for row in database_proxy.execute_sql(query, params).fetchall()]


def _people_changes(intro: Introduction, introducer: set[str], target: set[str],
                    **more) -> Changes:
    return (Changes.of_person(intro.introducer_id, introducer | {"introductions"},
                              lamp=True, id=intro.id, **more)
            | Changes.of_person(intro.target_id, target | {"introductions"}))


def record_asked(introducer_id: int, target_id: int, message: str,
                 asked_on: datetime.date, today: datetime.date | None = None) -> Changes:
    """Record that the request was sent; ``.id`` is the new request. Refuses a second
    open request for the same two people."""
    today = today or datetime.date.today()
    if introducer_id == target_id:
        raise IntroductionError("Someone cannot introduce you to themselves.")
    with database_proxy.atomic():
        introducer, target = _person(introducer_id), _person(target_id)
        if Introduction.select().where(
                (Introduction.introducer == introducer_id) & (Introduction.target == target_id)
                & (Introduction.status == "asked")).exists():
            raise IntroductionError(f"You already asked {introducer.full_name} to introduce "
                                    f"you to {target.full_name}; mark that request first.")
        intro = Introduction.create(introducer=introducer_id, target=target_id,
                                    asked_on=asked_on, message=message.strip())
        logged = log(introducer_id, "message_sent", asked_on,
                     f"Asked for an introduction to {target.full_name}", today,
                     automatic=False)
    return _people_changes(intro, {"timeline"}, set()) | logged.changes


def _open(introduction_id: int) -> Introduction:
    intro = Introduction.get_or_none(Introduction.id == introduction_id)
    if intro is None:
        raise IntroductionError("That introduction request was removed.")
    if intro.status != "asked":
        raise IntroductionError(
            f"That request is already marked {INTRODUCTION_LABELS[intro.status].lower()}.")
    return intro


def mark_introduced(introduction_id: int, on: datetime.date,
                    today: datetime.date | None = None) -> Changes:
    """The introducer made the introduction: record it, and the referral introducer →
    target (kept when it is already there). Raises :class:`IntroductionError` (nothing
    written) when the referral cannot be kept, e.g. it would close a loop."""
    today = today or datetime.date.today()
    if on < _open(introduction_id).asked_on:
        raise IntroductionError("The introduction cannot come before the request.")
    with database_proxy.atomic():
        intro = _open(introduction_id)
        introducer, target = intro.introducer, intro.target
        referral = Referral.get_or_none((Referral.referrer == introducer.id)
                                        & (Referral.referred == target.id))
        changes = Changes()
        if referral is None:
            try:
                changes = add_referral(introducer.id, target.id, date=on,
                                       note="Introduced after my request")
            except ReferralError as error:
                raise IntroductionError(str(error)) from error
            referral_id = changes.id
        else:
            referral_id = referral.id
        Introduction.update(status="introduced", answered_on=on, referral=referral_id,
                            updated=now()).where(Introduction.id == intro.id).execute()
        changes |= log(introducer.id, "help_received", on,
                       f"Introduced me to {target.full_name}", today, automatic=False).changes
        changes |= log(target.id, "note", on, f"Introduced by {introducer.full_name}", today,
                       automatic=False).changes
    return _people_changes(intro, {"timeline"}, {"timeline"}) | changes


def mark_declined(introduction_id: int, on: datetime.date,
                  today: datetime.date | None = None) -> Changes:
    """The introducer could not, or the target did not want to: close the request."""
    today = today or datetime.date.today()
    with database_proxy.atomic():
        intro = _open(introduction_id)
        if on < intro.asked_on:
            raise IntroductionError("The answer cannot come before the request.")
        Introduction.update(status="declined", answered_on=on, updated=now()).where(
            Introduction.id == intro.id).execute()
        logged = log(intro.introducer_id, "reply", on,
                     f"No introduction to {intro.target.full_name} for now", today,
                     automatic=False)
    return _people_changes(intro, {"timeline"}, set()) | logged.changes
