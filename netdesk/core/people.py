"""People: validating and saving what the user typed, and deleting with a way back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from netdesk.db.models import (
    CareerField,
    FollowUp,
    Interaction,
    Interview,
    InterviewQuestion,
    Organization,
    Person,
    PersonCareerField,
    Referral,
    database_proxy,
)

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE_PATTERN = re.compile(r"^[0-9+()./\-\s]*(ext\.?\s*[0-9]+)?$", re.IGNORECASE)

RELATIONSHIP_LABELS = {
    "family": "Family", "friend": "Friend", "neighbour": "Neighbour", "coworker": "Coworker",
    "classmate": "Classmate", "professor": "Professor", "acquaintance": "Acquaintance",
    "referral": "Referred to me", "other": "Other",
}
STAGE_LABELS = {
    "to_contact": "To contact", "contacted": "Contacted", "meeting_set": "Meeting set",
    "interviewed": "Interviewed", "thanked": "Thanked", "keeping_in_touch": "Keeping in touch",
    "declined": "Declined",
}
SECTOR_LABELS = {
    "": "Not set", "government": "Government", "private": "Private sector",
    "nonprofit": "Non-profit", "education": "Education",
}


@dataclass
class PersonForm:
    """What the person editor holds, as plain values."""

    first_name: str = ""
    last_name: str = ""
    job_title: str = ""
    organization: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    relationship: str = "acquaintance"
    source: str = ""
    stage: str = "to_contact"
    career_fields: list[str] = field(default_factory=list)
    tags: str = ""
    notes: str = ""
    research_notes: str = ""

    @classmethod
    def from_person(cls, person: Person) -> PersonForm:
        fields = (
            CareerField.select(CareerField.name)
            .join(PersonCareerField)
            .where(PersonCareerField.person == person)
            .order_by(CareerField.name)
        )
        return cls(
            first_name=person.first_name, last_name=person.last_name,
            job_title=person.job_title,
            organization=person.organization.name if person.organization_id else "",
            email=person.email, phone=person.phone, linkedin_url=person.linkedin_url,
            relationship=person.relationship, source=person.source, stage=person.stage,
            career_fields=[f.name for f in fields], tags=person.tags, notes=person.notes,
            research_notes=person.research_notes,
        )


def name_problem(first_name: str, last_name: str) -> str | None:
    """Why a person's name cannot be saved, or None."""
    if not (first_name.strip() or last_name.strip()):
        return "Give at least a first or a last name."
    return None


def email_problem(email: str) -> str | None:
    """Why ``email`` (blank is allowed) is not an email address, or None."""
    email = email.strip()
    if email and not EMAIL_PATTERN.match(email):
        return f"“{email}” is not an email address (expected name@example.org)."
    return None


def validate(form: PersonForm) -> dict[str, str]:
    """Problems keyed by field name; empty when the form can be saved."""
    problems: dict[str, str] = {}
    if problem := name_problem(form.first_name, form.last_name):
        problems["first_name"] = problem
    if problem := email_problem(form.email):
        problems["email"] = problem
    if form.linkedin_url.strip() and not is_web_url(form.linkedin_url.strip()):
        problems["linkedin_url"] = "Enter a web address starting with https://"
    if form.phone.strip() and not PHONE_PATTERN.match(form.phone.strip()):
        problems["phone"] = "Use digits, spaces and + ( ) - . only."
    return problems


def is_web_url(text: str) -> bool:
    parsed = urlparse(text)
    return parsed.scheme in ("http", "https") and "." in parsed.netloc


def normalise_name(name: str) -> str:
    """Collapse runs of spaces so ' Acme   Corp ' and 'Acme Corp' are one organization."""
    return " ".join(name.split())


def organization_named(name: str) -> Organization | None:
    """The organization called ``name`` (case and spacing ignored), created if missing."""
    name = normalise_name(name)
    if not name:
        return None
    organization, _ = Organization.get_or_create(name=name)
    return organization


def save_person(person_id: int | None, form: PersonForm) -> int:
    """Insert or update a person from ``form`` in one transaction; return the person's id.

    Raises ValueError naming the first problem when the form does not validate.
    """
    problems = validate(form)
    if problems:
        raise ValueError(next(iter(problems.values())))
    with database_proxy.atomic():
        person = Person.get_by_id(person_id) if person_id else Person()
        person.first_name = form.first_name.strip()
        person.last_name = form.last_name.strip()
        person.job_title = form.job_title.strip()
        person.organization = organization_named(form.organization)
        person.email = form.email.strip()
        person.phone = form.phone.strip()
        person.linkedin_url = form.linkedin_url.strip()
        person.relationship = form.relationship
        person.source = form.source.strip()
        person.stage = form.stage
        person.tags = ", ".join(t for t in (normalise_name(t) for t in form.tags.split(",")) if t)
        person.notes = form.notes
        person.research_notes = form.research_notes
        person.save()
        _set_career_fields(person, form.career_fields)
    return person.id


def _set_career_fields(person: Person, names: list[str]) -> None:
    wanted = {}
    for name in names:
        name = normalise_name(name)
        if name and name.casefold() not in wanted:
            wanted[name.casefold()] = CareerField.get_or_create(name=name)[0]
    PersonCareerField.delete().where(
        (PersonCareerField.person == person)
        & (PersonCareerField.career_field.not_in([f.id for f in wanted.values()]))
    ).execute()
    for career_field in wanted.values():
        PersonCareerField.insert(person=person, career_field=career_field).on_conflict_ignore()\
            .execute()


# Tables that hang off a person, in the order they must be restored.
_OWNED = (
    (PersonCareerField, PersonCareerField.person),
    (Interview, Interview.person),
    (InterviewQuestion, None),
    (Interaction, Interaction.person),
    (FollowUp, FollowUp.person),
)


def delete_person(person_id: int) -> dict:
    """Delete a person and everything that belongs to them; return a snapshot for undo."""
    with database_proxy.atomic():
        snapshot = {"person": Person.select().where(Person.id == person_id).dicts().get()}
        for model, owner in _OWNED:
            if model is InterviewQuestion:
                query = model.select().join(Interview).where(Interview.person == person_id)
            else:
                query = model.select().where(owner == person_id)
            snapshot[model._meta.table_name] = list(query.dicts())
        snapshot["referral"] = list(
            Referral.select().where(
                (Referral.referrer == person_id) | (Referral.referred == person_id)
            ).dicts()
        )
        Person.delete_by_id(person_id)
    return snapshot


def restore_person(snapshot: dict) -> int:
    """Put back a person deleted by :func:`delete_person`, with the same ids.

    Links to rows deleted since (another person, a career field, a bank question)
    are dropped when they are required and cleared when they are optional.
    """
    with database_proxy.atomic():
        Person.insert(snapshot["person"]).execute()
        for model in (*(m for m, _ in _OWNED), Referral):
            rows = [r for r in (_relink(model, row) for row in snapshot[model._meta.table_name])
                    if r is not None]
            if rows:
                model.insert_many(rows).execute()
    return snapshot["person"]["id"]


def _relink(model, row: dict) -> dict | None:
    row = dict(row)
    for foreign_key in model._meta.refs:
        target = row.get(foreign_key.name)
        if target is None or foreign_key.rel_model.select().where(
            foreign_key.rel_model._meta.primary_key == target
        ).exists():
            continue
        if not foreign_key.null:
            return None
        row[foreign_key.name] = None
    return row
