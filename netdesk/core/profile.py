"""The user's own profile (one row): read it, save it (the Changes say ``profile``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from netdesk.core.changes import Changes
from netdesk.core.people import email_problem
from netdesk.db.models import Profile, database_proxy


@dataclass
class ProfileForm:
    name: str = ""
    email: str = ""
    phone: str = ""
    degree: str = ""
    school: str = ""
    interests: str = ""
    skills: str = ""
    seeking: str = ""
    pitch: str = ""
    answer_about_me: str = ""
    answer_why_organization: str = ""
    answer_why_role: str = ""
    answer_why_field: str = ""


PREPARED_ANSWERS = {
    "answer_about_me": "Tell me about yourself",
    "answer_why_organization": "Why this organization?",
    "answer_why_role": "Why this role?",
    "answer_why_field": "Why this field?",
}
"""The questions people are asked back in an interview, and the profile field that holds
the answer the user prepared for each."""


def prepared_answers(form: ProfileForm) -> list[tuple[str, str]]:
    """(question, answer) for each answer the user has prepared, in the order above."""
    return [(question, getattr(form, name).strip()) for name, question
            in PREPARED_ANSWERS.items() if getattr(form, name).strip()]


def load_profile() -> ProfileForm:
    profile = Profile.select().order_by(Profile.id).first()
    if profile is None:
        return ProfileForm()
    return ProfileForm(**{f.name: getattr(profile, f.name) for f in fields(ProfileForm)})


def validate_profile(form: ProfileForm) -> dict[str, str]:
    problems = {}
    if problem := email_problem(form.email):
        problems["email"] = problem
    return problems


def save_profile(form: ProfileForm) -> Changes:
    """Save the profile in one transaction; ValueError names the first problem."""
    problems = validate_profile(form)
    if problems:
        raise ValueError(next(iter(problems.values())))
    kept_as_typed = ("pitch", "interests", "skills", "seeking", *PREPARED_ANSWERS)
    values = {k: (v.strip() if k not in kept_as_typed else v)
              for k, v in asdict(form).items()}
    with database_proxy.atomic():
        profile = Profile.select().order_by(Profile.id).first() or Profile()
        for key, value in values.items():
            setattr(profile, key, value)
        profile.save()
    return Changes(profile=True, id=profile.id)
