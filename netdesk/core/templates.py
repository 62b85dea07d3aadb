"""Message templates: placeholders such as ``{person_first_name}`` filled from the database.

Rendering never fails: a placeholder without a value becomes a bracketed hint
(``[their first name]``) the user can see and fix before sending, an unknown
placeholder is shown as ``[unknown: name]``, and stray braces stay as typed.

Each write returns the :class:`~netdesk.core.changes.Changes` it made (``templates``;
``.id`` is the template), empty when it wrote nothing.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

from netdesk.core.changes import NOTHING, Changes
from netdesk.core.phrasing import article, mid_sentence, sentence_start
from netdesk.core.vocabulary import TEMPLATE_KIND_LABELS
from netdesk.db.models import (
    CareerField,
    Interview,
    Person,
    PersonCareerField,
    Profile,
    Referral,
    Template,
    database_proxy,
)
from netdesk.paths import resource_path

# name -> what the user sees on its chip, and the hint shown when it has no value.
PLACEHOLDERS: dict[str, str] = {
    "my_name": "your name",
    "my_email": "your email",
    "my_phone": "your phone",
    "my_degree": "your degree",
    "my_school": "your school",
    "my_interests": "your interests",
    "my_pitch": "your elevator pitch",
    "person_first_name": "their first name",
    "person_last_name": "their last name",
    "person_name": "their name",
    "person_job_title": "their job title",
    "organization": "their organization",
    "referrer_name": "who referred you",
    "career_field": "the career field",
    "interview_date": "the interview date",
    "advice": "the advice they gave",
}
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def missing_text(name: str) -> str:
    """What a placeholder without a value renders as."""
    hint = PLACEHOLDERS.get(name)
    return f"[{hint}]" if hint else f"[unknown: {name}]"


COMMON_NOUNS: dict[str, bool] = {
    "person_job_title": False, "career_field": False, "my_interests": False, "my_degree": True,
}
"""Placeholders whose values are common nouns, lower-cased mid-sentence ('your role as
program director'); True keeps a label that starts with an acronym whole ('MSc Data Science')."""
SENTENCES = frozenset(COMMON_NOUNS) | {"advice", "my_pitch"}
"""Placeholders whose values are capitalised at the start of a sentence (not names, not
addresses: 'jo@example.org' on a line of its own stays as typed)."""
_SENTENCE_START = re.compile(r"(?:\A|[.!?]\s+|\n\s*)\Z")
_ARTICLE_BEFORE = re.compile(r"\b([Aa]n?) \Z")


def render(text: str, values: dict[str, str]) -> str:
    """``text`` with each ``{name}`` replaced by ``values[name]`` (or a bracketed hint).

    A value reads as part of its sentence: capitalised at the start of one,
    common nouns in lower case in the middle (:data:`COMMON_NOUNS`), and an
    'a' or 'an' just before it agreeing with it ('an MSc', 'a UX designer').
    """
    text = text or ""
    out: list[str] = []
    done = 0
    for match in _PLACEHOLDER.finditer(text):
        out.append(text[done:match.start()])
        done = match.end()
        name = match.group(1)
        value = values.get(name)
        if value is None or not str(value).strip():
            out.append(missing_text(name))
            continue
        value = str(value).strip()
        if name in SENTENCES and _SENTENCE_START.search("".join(out)):
            value = sentence_start(value)
        elif name in COMMON_NOUNS:
            value = mid_sentence(value, keep_after_acronym=COMMON_NOUNS[name])
        found = _ARTICLE_BEFORE.search(out[-1])
        if found:
            chosen = article(value)
            if found.group(1)[0].isupper():
                chosen = chosen.capitalize()
            out[-1] = out[-1][:found.start(1)] + chosen + " "
        out.append(value)
    out.append(text[done:])
    return "".join(out)


def placeholders_in(text: str) -> list[str]:
    """The placeholder names used in ``text``, in order of first use."""
    seen: dict[str, None] = {}
    for match in _PLACEHOLDER.finditer(text or ""):
        seen.setdefault(match.group(1), None)
    return list(seen)


def unknown_placeholders(text: str) -> list[str]:
    """Placeholder names in ``text`` that netdesk cannot fill (likely typos)."""
    return [name for name in placeholders_in(text) if name not in PLACEHOLDERS]


def format_date(value: datetime.date | datetime.datetime | None) -> str:
    """A date as in a letter: 'Tuesday 3 March'."""
    if value is None:
        return ""
    return f"{value:%A} {value.day} {value:%B}"


def context(
    person_id: int | None = None,
    interview_id: int | None = None,
    *,
    career_field: str | None = None,
    referrer_id: int | None = None,
    advice: str | None = None,
) -> dict[str, str]:
    """Placeholder values from the profile, the person, their referrer and the interview.

    Keyword arguments override what the database holds (e.g. values typed in a
    wizard that are not saved yet).
    """
    values: dict[str, str] = {}
    profile = Profile.select().order_by(Profile.id).first()
    if profile is not None:
        values.update(
            my_name=profile.name, my_email=profile.email, my_phone=profile.phone,
            my_degree=profile.degree, my_school=profile.school,
            my_interests=profile.interests, my_pitch=profile.pitch,
        )
    interview = Interview.get_or_none(Interview.id == interview_id) if interview_id else None
    if interview is not None:
        person_id = person_id or interview.person_id
        if interview.career_field_id:
            values["career_field"] = interview.career_field.name
        if interview.scheduled_at:
            values["interview_date"] = format_date(interview.scheduled_at)
        values["advice"] = interview.advice
    person = Person.get_or_none(Person.id == person_id) if person_id else None
    if person is not None:
        values.update(
            person_first_name=person.first_name or person.full_name,
            person_last_name=person.last_name, person_name=person.full_name,
            person_job_title=person.job_title,
            organization=person.organization.name if person.organization_id else "",
        )
        if referrer_id is None:
            referral = (Referral.select().where(Referral.referred == person.id)
                        .order_by(Referral.date.desc(nulls="LAST"), Referral.id.desc()).first())
            if referral is not None:
                values["referrer_name"] = referral.referrer.full_name
    if referrer_id is not None:
        referrer = Person.get_or_none(Person.id == referrer_id)
        values["referrer_name"] = referrer.full_name if referrer else ""
    if career_field is not None:
        values["career_field"] = career_field
    if advice is not None:
        values["advice"] = advice
    if "career_field" not in values and person is not None:
        first_field = (CareerField.select().join(PersonCareerField)
                       .where(PersonCareerField.person == person.id)
                       .order_by(CareerField.name).first())
        if first_field is not None:
            values["career_field"] = first_field.name
    return values


@dataclass
class Message:
    subject: str
    body: str


def render_template(template: Template, values: dict[str, str]) -> Message:
    return Message(render(template.subject, values), render(template.body, values))


def templates_of(kind: str) -> list[Template]:
    """The templates of ``kind`` (outreach, thank_you, keep_in_touch), defaults first."""
    return list(Template.select().where(Template.kind == kind)
                .order_by(Template.is_default.desc(), Template.name, Template.id))


# Defaults -----------------------------------------------------------------------------------

def default_templates(path: Path | None = None) -> list[dict]:
    """The shipped templates as dicts with ``kind``, ``name``, ``subject`` and ``body``."""
    path = path or resource_path("templates.json")
    return json.loads(path.read_text(encoding="utf-8"))["templates"]


def ensure_default_templates() -> Changes:
    """Add the shipped templates when there are no default ones yet."""
    if Template.select().where(Template.is_default).exists():
        return NOTHING
    rows = [{**t, "is_default": True} for t in default_templates()]
    with database_proxy.atomic():
        Template.insert_many(rows).execute()
    return Changes(templates=True)


def restore_default_templates() -> Changes:
    """Put the shipped templates back as shipped (the user's own ones stay)."""
    with database_proxy.atomic():
        Template.delete().where(Template.is_default).execute()
        rows = [{**t, "is_default": True} for t in default_templates()]
        Template.insert_many(rows).execute()
    return Changes(templates=True)


def mailto_link(to: str, subject: str, body: str) -> str:
    """A mailto: address that opens the user's mail program with the message filled in."""
    from urllib.parse import quote

    query = f"subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    return f"mailto:{quote(to.strip(), safe='@')}?{query}"


def full_text(subject: str, body: str) -> str:
    """Subject and body as one text for the clipboard."""
    return f"Subject: {subject}\n\n{body}" if subject.strip() else body


EXAMPLE_VALUES = {
    "person_first_name": "Alex", "person_last_name": "Example", "person_name": "Alex Example",
    "person_job_title": "Programme manager", "organization": "Example Foundation",
    "referrer_name": "Sam Lee", "career_field": "Public health",
    "interview_date": "Tuesday 3 March", "advice": "Join the regional association.",
}


def preview_values() -> dict[str, str]:
    """Your profile, with an example person, for previewing a template."""
    return {**EXAMPLE_VALUES, **{k: v for k, v in context().items() if v}}


def check_template(name: str, kind: str, body: str) -> str | None:
    """What is wrong with a template the user wrote, or None."""
    if not name.strip():
        return "Give the template a name."
    if kind not in TEMPLATE_KIND_LABELS:
        return "Choose what the template is for (outreach, thank you, keep in touch)."
    if not body.strip():
        return "The message is empty."
    return None


def save_template(template_id: int | None, name: str, kind: str, subject: str,
                  body: str) -> Changes:
    """Create or change a template in one transaction (the Changes' ``.id``); ValueError
    names the problem."""
    problem = check_template(name, kind, body)
    if problem:
        raise ValueError(problem)
    with database_proxy.atomic():
        template = Template.get_by_id(template_id) if template_id else Template()
        template.name = " ".join(name.split())
        template.kind = kind
        template.subject = subject.strip()
        template.body = body
        template.save()
    return Changes(templates=True, id=template.id)


def delete_template(template_id: int) -> Changes:
    with database_proxy.atomic():
        deleted = Template.delete_by_id(template_id)
    return Changes(templates=True, id=template_id) if deleted else NOTHING
