"""PersonDetails: a person's own fields as plain values, shared by the editor's form and imports."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PersonDetails:
    """The fields a person is saved with, as typed or read; empty text means not given.

    ``relationship`` and ``stage`` are keys of the vocabulary (empty: not given);
    ``career_fields`` are names, not ids.
    """

    first_name: str = ""
    last_name: str = ""
    job_title: str = ""
    organization: str = ""
    email: str = ""
    phone: str = ""
    linkedin_url: str = ""
    relationship: str = ""
    source: str = ""
    stage: str = ""
    career_fields: list[str] = field(default_factory=list)
    tags: str = ""
    notes: str = ""
    research_notes: str = ""
