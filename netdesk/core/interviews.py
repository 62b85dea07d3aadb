"""Interviews: saving a plan, marking outreach sent, notes while it runs, and which ones wait
for their debrief (recorded by :mod:`netdesk.core.debrief`).

Each public function that writes is one user action and runs in one
transaction: it either happens whole or not at all, and returns the
:class:`~netdesk.core.changes.Changes` it made (``.id`` is the interview).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from peewee import JOIN, SQL, fn

from netdesk.core.changes import NOTHING, Changes
from netdesk.core.checklists import MODE_LABELS, format_research_checklist
from netdesk.core.followups import (
    add_working_days,
    close_interview_follow_ups,
    due_date,
)
from netdesk.core.people import (
    email_problem,
    name_problem,
    normalise_name,
    organization_named,
)
from netdesk.core.vocabulary import SHARING_LABELS
from netdesk.db import dialect
from netdesk.db.models import (
    INTERVIEW_MODES,
    QUESTION_CATEGORIES,
    STAGES,
    CareerField,
    FollowUp,
    Interaction,
    Interview,
    InterviewQuestion,
    Organization,
    Person,
    PersonCareerField,
    Question,
    Referral,
    database_proxy,
)
from netdesk.db.zones import (
    as_instant,
    clock,
    gap_message,
    is_gap,
    is_repeated,
    local,
    overlap_message,
    system_zone,
)


@dataclass
class NewPerson:
    """Someone added on the spot: at least a first or last name."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    organization: str = ""
    job_title: str = ""
    referrer_id: int | None = None
    note: str = ""

    def problem(self) -> str | None:
        return name_problem(self.first_name, self.last_name) or email_problem(self.email)


@dataclass
class PlannedQuestion:
    text: str
    category: str = "own"
    minutes: int = 3
    question_id: int | None = None
    """The bank question it came from (None for one written for this interview)."""
    interview_question_id: int | None = None
    """The row it already has when the plan is reopened (its notes and mark are kept)."""
    add_to_bank: bool = False
    """A question written for this interview that also goes into the bank (as 'own')."""


@dataclass
class FollowUpRhythm:
    """How an outreach is followed up: the user's rules and days off, and whether the
    3B7 routine is on (a check after 3 working days — time to write to a second person
    there — and one follow-up to the same person after 7)."""

    rules: dict[str, tuple[int, str]] | None = None
    holidays: frozenset[datetime.date] = frozenset()
    three_b_seven: bool = False

    def reply_checks(self, sent_on: datetime.date, name: str,
                     organization: str) -> list[tuple[datetime.date, str]]:
        """(due date, note) of each reply check for a message sent on ``sent_on``."""
        if not self.three_b_seven:
            return [(due_date("reply_check", sent_on, self.rules, self.holidays),
                     "Check for a reply to the interview request.")]
        there = f"at {organization}" if organization else "in the same field"
        return [
            (add_working_days(sent_on, 3, self.holidays),
             f"No reply from {name} yet? Write today to a second person {there} (3B7)."),
            (add_working_days(sent_on, 7, self.holidays),
             f"Still no reply? Send {name} one short, friendly follow-up (3B7)."),
        ]


@dataclass
class InterviewPlan:
    """Everything the Plan-an-interview wizard collects."""

    person_id: int | None = None
    new_person: NewPerson | None = None
    career_field: str = ""
    research_checklist: set[str] = field(default_factory=set)
    person_research_notes: str | None = None
    organization_notes: str | None = None
    outreach_message: str = ""
    outreach_sent_on: datetime.date | None = None
    """Set when the outreach was marked sent in this run of the wizard."""
    questions: list[PlannedQuestion] = field(default_factory=list)
    scheduled_at: datetime.datetime | None = None
    """When: a wall-clock time in the user's zone (naive; ``fold=1`` picks the second of
    an hour that happens twice), or an aware datetime in a zone of its own."""
    duration_minutes: int = 30
    mode: str = "video"
    place: str = ""
    notes: str | None = None
    follow_ups: FollowUpRhythm | None = None
    """How replies are chased once the outreach is sent (None: the default rules)."""
    version: int | None = None
    """The interview's version the plan was read at (migration 0016; None: not known):
    :func:`save_plan` then writes only over that row, else raises ChangedElsewhere."""


class PlanError(ValueError):
    """The plan cannot be saved; the message says why, naming the field."""


# Reading ----------------------------------------------------------------------------------

def describe(interview: Interview) -> str:
    """'Fatima Okafor · Public health · Tue 3 Dec 15:00 · Video' for lists and titles."""
    parts = [interview.person.full_name]
    if interview.career_field_id:
        parts.append(interview.career_field.name)
    if interview.starts_at is not None:
        when = local(interview.start)
        parts.append(f"{when:%a} {when.day} {clock(when, '%b %Y %H:%M')}")
    else:
        parts.append("not scheduled yet")
    parts.append(MODE_LABELS.get(interview.mode, interview.mode))
    return " · ".join(parts)


def starts_at(interview: Interview) -> datetime.datetime | None:
    """When it starts, in the user's zone now (aware)."""
    return local(interview.start)


def ends_at(interview: Interview) -> datetime.datetime | None:
    """When it ends (its length counted on the timeline), in the user's zone now (aware)."""
    return local(interview.end)


def schedule_problem(when: datetime.datetime | None) -> str | None:
    """Why the wall time ``when`` cannot be saved (it falls in a gap), or None."""
    if when is None or when.tzinfo is not None:
        return None
    zone = system_zone()
    return gap_message(when, zone) if is_gap(when, zone) else None


def schedule_note(when: datetime.datetime | None) -> str:
    """What to tell the user about ``when`` as it is entered: that it does not exist, or
    which of two occurrences it is; '' for an ordinary time."""
    if when is None or when.tzinfo is not None:
        return ""
    zone = system_zone()
    if is_gap(when, zone):
        return gap_message(when, zone)
    return overlap_message(when, zone) if is_repeated(when, zone) else ""


def _start_of(plan: InterviewPlan) -> datetime.datetime | None:
    """The plan's time as an aware datetime in its zone."""
    when = plan.scheduled_at
    if when is None or when.tzinfo is not None:
        return when
    zone = system_zone()
    return when.replace(tzinfo=zone)


def is_debriefed(interview: Interview) -> bool:
    return interview.interest_occupation is not None or interview.keep_exploring is not None


def _awaiting_debrief(now: datetime.datetime | None):
    """``now`` is aware, or a wall time in the user's zone; lengths count on the timeline."""
    now = as_instant(now or datetime.datetime.now(datetime.UTC)).replace(microsecond=0)
    if dialect.is_server():
        ended = Interview.starts_at + Interview.duration_minutes * SQL("INTERVAL '1 minute'")
    else:
        ended = fn.datetime(Interview.starts_at, fn.printf("+%d minutes",
                                                           Interview.duration_minutes))
    return (Interview.select(Interview, Person).join(Person)
            .where(Interview.status.in_(("scheduled", "done"))
                   & Interview.starts_at.is_null(False)
                   & (Interview.starts_at <= now)
                   & (ended <= now.strftime("%Y-%m-%d %H:%M:%S"))
                   & Interview.interest_occupation.is_null()
                   & Interview.keep_exploring.is_null())
            .order_by(Interview.starts_at, Interview.id))


def interviews_awaiting_debrief(now: datetime.datetime | None = None,
                                limit: int | None = None) -> list[Interview]:
    """Interviews that have ended and have no debrief yet, oldest first (at most ``limit``).

    Call at start-up or on a timer to offer the Debrief wizard.
    """
    query = _awaiting_debrief(now)
    return list(query.limit(limit) if limit else query)


def count_awaiting_debrief(now: datetime.datetime | None = None) -> int:
    return _awaiting_debrief(now).count()


def awaiting_debrief_ids(now: datetime.datetime | None = None) -> list[int]:
    """The ids of :func:`interviews_awaiting_debrief`, in no order, without their rows."""
    return [i for (i,) in _awaiting_debrief(now).select(Interview.id).order_by().tuples()]


def open_interviews() -> list[Interview]:
    """Interviews still ahead (planning or scheduled), soonest first, unscheduled last."""
    return list(Interview.select(Interview, Person).join(Person)
                .where(Interview.status.in_(("planning", "scheduled")))
                .order_by(Interview.starts_at.asc(nulls="LAST"), Interview.id))


def recent_interviews(limit: int = 200) -> list[Interview]:
    """All interviews, newest first (for pickers)."""
    return list(Interview.select(Interview, Person).join(Person)
                .order_by(Interview.starts_at.desc(nulls="FIRST"), Interview.id.desc())
                .limit(limit))


def questions_of(interview_id: int) -> list[InterviewQuestion]:
    return list(InterviewQuestion.select().where(InterviewQuestion.interview == interview_id)
                .order_by(InterviewQuestion.position, InterviewQuestion.id))


def referrer_of(person_id: int) -> Person | None:
    referral = (Referral.select().where(Referral.referred == person_id)
                .order_by(Referral.date.desc(nulls="LAST"), Referral.id.desc()).first())
    return referral.referrer if referral else None


def outreach_sent_on(interview_id: int) -> datetime.date | None:
    """When the outreach for this interview was logged as sent, if it was."""
    interaction = (Interaction.select().where((Interaction.interview == interview_id)
                                              & (Interaction.kind == "message_sent"))
                   .order_by(Interaction.occurred_on).first())
    return interaction.occurred_on if interaction else None


# Writing ----------------------------------------------------------------------------------

def advance_stage(person: Person, stage: str) -> Changes:
    """Move ``person`` forward to ``stage``; never back (a 'declined' person can restart).

    A step inside another write's transaction; the Changes name the stage when it moved.
    """
    current = -1 if person.stage == "declined" else STAGES.index(person.stage)
    if STAGES.index(stage) > current:
        person.stage = stage
        person.save()
        return Changes.of_person(person.id, {"stage"})
    return NOTHING


def validate_plan(plan: InterviewPlan, draft: bool = False) -> None:
    """Raise :class:`PlanError` naming the first problem in ``plan``.

    A ``draft`` (saved for later, no date yet) may have no questions yet.
    """
    if plan.person_id is None and plan.new_person is None:
        raise PlanError("Whom: choose the person you will interview, or add them.")
    if plan.person_id is None:
        problem = plan.new_person.problem()
        if problem:
            raise PlanError(f"Whom: {problem}")
    if plan.person_id is not None and not Person.select().where(
            Person.id == plan.person_id).exists():
        raise PlanError("Whom: that person is no longer in your network.")
    if not plan.questions and not (draft and plan.scheduled_at is None):
        raise PlanError("Questions: choose at least one question.")
    for number, question in enumerate(plan.questions, 1):
        if not question.text.strip():
            raise PlanError(f"Questions: question {number} has no text.")
        if question.category not in QUESTION_CATEGORIES:
            raise PlanError(f"Questions: question {number} has an unknown category.")
        if question.minutes < 1:
            raise PlanError(f"Questions: question {number} needs at least 1 minute.")
    if plan.duration_minutes < 1:
        raise PlanError("Schedule: the duration must be at least 1 minute.")
    problem = schedule_problem(plan.scheduled_at)
    if problem:
        raise PlanError(f"Schedule: {problem}")
    if plan.mode not in INTERVIEW_MODES:
        raise PlanError("Schedule: choose in person, phone or video.")


def save_plan(interview_id: int | None, plan: InterviewPlan,
              today: datetime.date | None = None, draft: bool = False) -> Changes:
    """Create or update an interview from ``plan`` in one transaction.

    The Changes' ``.id`` is the interview. Raises :class:`PlanError` (and writes
    nothing) when the plan does not validate.
    """
    validate_plan(plan, draft)
    today = today or datetime.date.today()
    with database_proxy.atomic():
        if plan.person_id is not None:
            person = Person.get_by_id(plan.person_id)
            changes = NOTHING
        else:
            person, changes = _add_person(plan.new_person, today)
        career_field, linked = _career_field(plan.career_field, person)
        changes |= linked
        interview = Interview.get_by_id(interview_id) if interview_id else Interview()
        if interview_id and plan.version is not None:
            interview.version = plan.version  # saved only over the row the plan was read from
        interview.person = person
        interview.career_field = career_field
        interview.research_checklist = format_research_checklist(plan.research_checklist)
        interview.outreach_message = plan.outreach_message
        interview.set_start(_start_of(plan))
        interview.duration_minutes = plan.duration_minutes
        interview.mode = plan.mode
        interview.place = plan.place.strip()
        if plan.notes is not None:
            interview.notes = plan.notes
        if interview.status in ("planning", "scheduled", None):
            interview.status = "scheduled" if plan.scheduled_at else "planning"
        interview.save()
        changes |= Changes.of_person(person.id, {"timeline"},
                                     interviews=frozenset({interview.id}))
        if plan.person_research_notes is not None:
            person.research_notes = plan.person_research_notes
            person.save()
            changes |= Changes.of_person(person.id, {"research_notes"})
        if plan.organization_notes is not None and person.organization_id:
            organization = person.organization
            organization.culture_notes = plan.organization_notes
            organization.save()
            changes |= Changes(organizations=frozenset({organization.id}))
        changes |= _set_questions(interview, plan.questions)
        if plan.outreach_sent_on is not None:
            changes |= _log_outreach(interview, plan.outreach_sent_on, plan.outreach_message,
                                     plan.follow_ups)
        if plan.scheduled_at is not None:
            changes |= close_interview_follow_ups(interview, "reply_check", today)
            changes |= advance_stage(person, "meeting_set")
    return replace(changes, id=interview.id)


def mark_outreach_sent(interview_id: int, sent_on: datetime.date | None = None,
                       message: str | None = None,
                       rhythm: FollowUpRhythm | None = None) -> Changes:
    """Log the outreach as sent and set its reply checks (the Changes' ``.id``: the first)."""
    with database_proxy.atomic():
        interview = Interview.get_by_id(interview_id)
        return _log_outreach(interview, sent_on or datetime.date.today(),
                             interview.outreach_message if message is None else message,
                             rhythm)


def _question_changes(interview_question_id: int) -> Changes:
    row = InterviewQuestion.get_or_none(InterviewQuestion.id == interview_question_id)
    if row is None:
        return NOTHING
    return Changes(interviews=frozenset({row.interview_id}), id=row.interview_id)


def save_question_notes(interview_question_id: int, notes: str) -> Changes:
    with database_proxy.atomic():
        InterviewQuestion.update(notes=notes, updated=datetime.datetime.now().replace(
            microsecond=0)).where(InterviewQuestion.id == interview_question_id).execute()
        return _question_changes(interview_question_id)


def set_question_mark(interview_question_id: int, mark: str,
                      version: int | None = None) -> Changes:
    """Mark a question 'asked', 'skipped' or '' (not yet). With ``version`` (the one its
    row was read at) only over that row: else ChangedElsewhere, nothing written; its new
    version is then ``version + 1``."""
    if mark not in ("", "asked", "skipped"):
        raise ValueError(f"Unknown mark {mark!r}")
    with database_proxy.atomic():
        if version is None:
            InterviewQuestion.update(mark=mark).where(
                InterviewQuestion.id == interview_question_id).execute()
        else:
            InterviewQuestion.update_at_version(interview_question_id, version, mark=mark)
        return _question_changes(interview_question_id)


def save_interview_notes(interview_id: int, notes: str) -> Changes:
    with database_proxy.atomic():
        Interview.update(notes=notes).where(Interview.id == interview_id).execute()
    return Changes(interviews=frozenset({interview_id}), id=interview_id)


def save_sharing(interview_id: int, sharing: str) -> Changes:
    """Choose who else sees the interview, its notes and questions on a server
    (``SHARING_LABELS``); ValueError for a word that is not one of them."""
    if sharing not in SHARING_LABELS:
        raise ValueError("Choose who the interview is shared with.")
    with database_proxy.atomic():
        Interview.update(sharing=sharing).where(Interview.id == interview_id).execute()
    return Changes(interviews=frozenset({interview_id}), id=interview_id)


def save_notes(interview_id: int, question_notes: dict[int, str],
               interview_notes: str | None = None,
               versions: dict[int | str, int] | None = None) -> Changes:
    """Save notes typed during an interview (per question, and overall) in one transaction.

    ``versions`` (migration 0016) holds the versions the notes were read at: question id →
    its row's version, and ``"interview"`` → the interview's. A row named there is written
    only if the stored row still has that version, else
    :class:`netdesk.db.models.ChangedElsewhere` is raised and nothing is written; after a
    save ``versions`` holds the versions written.
    """
    stamp = datetime.datetime.now().replace(microsecond=0)
    versions = versions if versions is not None else {}
    written: dict[int | str, int] = {}
    with database_proxy.atomic():
        for question_id, notes in question_notes.items():
            if InterviewQuestion.select().where(
                    (InterviewQuestion.id == question_id)
                    & (InterviewQuestion.interview == interview_id)).exists():
                written[question_id] = InterviewQuestion.update_at_version(
                    question_id, versions.get(question_id), notes=notes, updated=stamp)
        if interview_notes is not None:
            written["interview"] = Interview.update_at_version(
                interview_id, versions.get("interview"), notes=interview_notes, updated=stamp)
    versions.update({key: version for key, version in written.items() if version is not None})
    return Changes(interviews=frozenset({interview_id}), id=interview_id)


def note_versions(interview_id: int) -> dict[int | str, int]:
    """The versions of an interview's notes as stored now: question id → version, and
    ``"interview"`` → the interview's (for :func:`save_notes`)."""
    versions: dict[int | str, int] = {
        row_id: version for row_id, version in InterviewQuestion.select(
            InterviewQuestion.id, InterviewQuestion.version)
        .where(InterviewQuestion.interview == interview_id).tuples()}
    version = Interview.select(Interview.version).where(Interview.id == interview_id).scalar()
    if version is not None:
        versions["interview"] = version
    return versions


# Helpers ----------------------------------------------------------------------------------

def interaction_summary(message: str, fallback: str) -> str:
    """``fallback``, then the first line of ``message`` (cut at 120 characters) if it has one."""
    for line in (message or "").splitlines():
        if line.strip():
            line = line.strip()
            return f"{fallback}: {line[:117] + '…' if len(line) > 120 else line}"
    return fallback


def organization_for(name: str) -> tuple[Organization | None, Changes]:
    """The organization called ``name`` (created if missing), and the Changes when created."""
    existing = Organization.get_or_none(Organization.name == normalise_name(name))
    organization = existing or organization_named(name)
    if existing is None and organization is not None:
        return organization, Changes(organizations=frozenset({organization.id}))
    return organization, NOTHING


def _add_person(new: NewPerson, today: datetime.date) -> tuple[Person, Changes]:
    organization, changes = organization_for(new.organization)
    person = Person.create(
        first_name=new.first_name.strip(), last_name=new.last_name.strip(),
        email=new.email.strip(), job_title=new.job_title.strip(), organization=organization,
        relationship="referral" if new.referrer_id else "acquaintance",
    )
    changes |= Changes.added_person(person.id)
    if new.referrer_id:
        Referral.create(referrer=new.referrer_id, referred=person, date=today, note=new.note)
        changes |= Changes.of_person(new.referrer_id, {"referred_by"}, referrals=True)
    return person, changes


def _career_field(name: str, person: Person) -> tuple[CareerField | None, Changes]:
    """The career field called ``name`` (created if missing), linked to ``person``."""
    name = normalise_name(name)
    if not name:
        return None, NOTHING
    changes = NOTHING
    career_field = CareerField.get_or_none(CareerField.name == name)
    if career_field is None:
        career_field = CareerField.create(name=name)
        changes = Changes(career_fields=frozenset({career_field.id}))
    linked = PersonCareerField.insert(person=person, career_field=career_field)\
        .on_conflict_ignore().execute()
    if linked:
        changes |= Changes.of_person(person.id, {"career_fields"}, id=None)
    return career_field, changes


def _set_questions(interview: Interview, questions: list[PlannedQuestion]) -> Changes:
    """Write the interview's questions; the Changes say whether the bank grew."""
    bank_grew = False
    keep = [q.interview_question_id for q in questions if q.interview_question_id]
    InterviewQuestion.delete().where((InterviewQuestion.interview == interview)
                                     & InterviewQuestion.id.not_in(keep)).execute()
    for position, question in enumerate(questions):
        bank_id = question.question_id
        if question.add_to_bank and bank_id is None:
            last = Question.select(fn.MAX(Question.position)).scalar() or 0
            bank_id = Question.create(text=question.text.strip(), category=question.category,
                                      minutes=question.minutes, position=last + 1).id
            bank_grew = True
        values = dict(interview=interview, position=position, text=question.text.strip(),
                      category=question.category, minutes=question.minutes, question=bank_id)
        row = None
        if question.interview_question_id:
            row = InterviewQuestion.get_or_none(
                (InterviewQuestion.id == question.interview_question_id)
                & (InterviewQuestion.interview == interview))
        if row is None:
            row = InterviewQuestion.create(**values)
        else:
            for key, value in values.items():
                setattr(row, key, value)
            row.save()
    return Changes(questions=bank_grew)


def _log_outreach(interview: Interview, sent_on: datetime.date, message: str,
                  rhythm: FollowUpRhythm | None = None) -> Changes:
    """Log the message sent and set (or move) its reply checks, the first the Changes'
    ``.id``: one under the rules, or the two checks of 3B7 when ``rhythm`` asks for them."""
    rhythm = rhythm or FollowUpRhythm()
    person = interview.person
    summary = interaction_summary(message, "Asked for an informational interview")
    entry = Interaction.create(person=person, interview=interview, kind="message_sent",
                               occurred_on=sent_on, summary=summary)
    changes = advance_stage(person, "contacted")
    open_checks = list(FollowUp.select().where(
        (FollowUp.interview == interview) & (FollowUp.kind == "reply_check")
        & (FollowUp.status == "open")).order_by(FollowUp.due_on, FollowUp.id))
    wanted = rhythm.reply_checks(sent_on, person.full_name,
                                 person.organization.name if person.organization_id else "")
    ids = []
    for position, (due_on, note) in enumerate(wanted):
        if position < len(open_checks):
            follow_up = open_checks[position]
            follow_up.due_on, follow_up.note = due_on, note
            follow_up.save()
        else:
            follow_up = FollowUp.create(person=person, interview=interview, kind="reply_check",
                                        due_on=due_on, note=note)
        ids.append(follow_up.id)
    return replace(changes | Changes.of_person(
        person.id, {"timeline"}, interviews=frozenset({interview.id}),
        interactions=frozenset({entry.id}), follow_ups=frozenset(ids)),
        id=ids[0])


def find_people(text: str, limit: int = 50) -> list[tuple[int, str, str]]:
    """People matching ``text`` (every word a prefix of a name, organization, title, email
    or tag) as (id, name, 'title, organization'), by name; the first ``limit`` when empty."""
    from netdesk.core.contact_groups import match_expression

    query = (Person.select(Person.id, Person.first_name, Person.last_name, Person.job_title,
                           Organization.name.alias("organization_name"))
             .join(Organization, JOIN.LEFT_OUTER).switch(Person))
    match = match_expression(text)
    if match is not None:
        query = query.where(SQL(dialect.in_peewee(dialect.search_filter('"t1"."id"')), [match]))
    query = query.order_by(Person.last_name.collate("NOCASE"),
                           Person.first_name.collate("NOCASE")).limit(limit)
    return [(row.id, row.full_name,
             ", ".join(x for x in (row.job_title, row.organization_name) if x))
            for row in query.objects()]
