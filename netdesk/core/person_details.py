"""PersonDetails: a person's own fields as plain values, shared by the editor's form and imports."""

from __future__ import annotations

from dataclasses import dataclass, field

ENTRY_LABELS = ("work", "home", "mobile", "other")
"""The common labels of an email, phone or address; any other word is kept as written."""


@dataclass
class Entry:
    """One more value beyond the preferred email and phone (``db.models.PersonEntry``).

    ``kind`` is one of ``db.models.ENTRY_KINDS``: email, phone, web, social, im (the value
    a handle or profile address, the label the service: "Mastodon", "Skype"), event (the
    value an ISO date, ``--MM-DD`` without a year; the label what it is: "anniversary"),
    related (the value a name, the label the relation: "assistant", "spouse") or custom
    (label: value).
    """

    kind: str
    value: str
    label: str = ""


@dataclass
class Address:
    """A postal address (``db.models.PostalAddress``); ``street`` may span lines."""

    label: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""

    def is_empty(self) -> bool:
        return not any((self.street, self.city, self.region, self.postal_code, self.country))


@dataclass
class PersonDetails:
    """The fields a person is saved with, as typed or read; empty text means not given.

    ``relationship`` and ``stage`` are keys of the vocabulary (empty: not given);
    ``career_fields`` are names, not ids. ``email`` and ``phone`` are the preferred ones
    (with ``email_label`` and ``phone_label``); further ones, and every other labelled
    value, are ``entries`` in order. ``birthday`` is an ISO date or ``--MM-DD``; ``photo``
    PNG or JPEG bytes (b"": none).
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
    name_prefix: str = ""
    middle_name: str = ""
    name_suffix: str = ""
    nickname: str = ""
    department: str = ""
    birthday: str = ""
    email_label: str = ""
    phone_label: str = ""
    entries: list[Entry] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    photo: bytes = b""
    record_source: str = ""
    """Where the record came from (a career center's intake form, an imported file)."""
    consent: str = ""
    """What the person agreed to, as free text."""
    consent_date: str = ""
    """The day consent was given, an ISO date ('' when not given)."""

    def all_of(self, kind: str) -> list[Entry]:
        """Every value of ``kind``, the preferred email or phone first."""
        preferred = {"email": (self.email, self.email_label),
                     "phone": (self.phone, self.phone_label)}.get(kind)
        first = [Entry(kind, preferred[0], preferred[1])] if preferred and preferred[0] else []
        return first + [e for e in self.entries if e.kind == kind]
