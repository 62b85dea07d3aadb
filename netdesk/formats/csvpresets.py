"""The column layouts of known address-book CSV exports, recognised from the header.

A column's target is a string ``field[:label][@slot][!]`` (see :class:`Target`): the
field of a person it fills, the label its values get (work, home, mobile…), the slot
that ties a value column to its label column or the parts of one address, and ``!``
for the column preferred when several give an email or a phone. Google Contacts
(current and legacy layouts), Outlook, Thunderbird, Apple Contacts and netdesk's own
export are known; any other header is mapped from the common titles of each field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from netdesk.formats.csvtext import header_key

SINGLE = {
    "first_name": "First name",
    "middle_name": "Middle name",
    "last_name": "Last name",
    "full_name": "Full name",
    "name_prefix": "Name prefix",
    "name_suffix": "Name suffix",
    "nickname": "Nickname",
    "linkedin_url": "LinkedIn URL",
    "organization": "Organization",
    "department": "Department",
    "job_title": "Job title",
    "birthday": "Birthday",
    "birth_year": "Birthday: year",
    "birth_month": "Birthday: month",
    "birth_day": "Birthday: day",
    "relationship": "Relationship",
    "source": "Source",
    "stage": "Stage",
    "tags": "Tags",
    "groups": "Groups (tags when chosen)",
    "notes": "Notes",
    "research_notes": "Research notes",
    "career_fields": "Career fields",
    "record_source": "Record source",
    "consent": "Consent",
    "consent_date": "Consent given on",
}
"""Fields a single column fills (chosen once)."""
VALUES = {
    "email": "Email",
    "phone": "Phone",
    "web": "Web page",
    "social": "Social profile",
    "im": "Messaging handle",
    "event": "Date (anniversary…)",
    "related": "Related name",
    "custom": "Custom field",
}
"""Fields several columns may fill, each column one value (or several, split)."""
ADDRESS = {
    "street": "Address: street",
    "extended": "Address: extra line",
    "po_box": "Address: PO box",
    "city": "Address: city",
    "region": "Address: region or state",
    "postal_code": "Address: postal code",
    "country": "Address: country",
    "address": "Address: whole (one cell)",
}
"""Parts of a postal address; columns of one slot make one address."""
LABEL = {"label": "Label of a value"}
FIELDS = {**SINGLE, **VALUES, **ADDRESS, **LABEL}


@dataclass(frozen=True)
class Target:
    """Where one column goes: ``field[:label][@slot][!]`` parsed."""

    field: str
    label: str = ""
    slot: str = ""
    preferred: bool = False

    @classmethod
    def parse(cls, text: str) -> Target:
        preferred = text.endswith("!")
        text = text.rstrip("!")
        text, _, slot = text.partition("@")
        name, _, label = text.partition(":")
        return cls(name, label, slot, preferred)

    def __str__(self) -> str:
        text = self.field
        if self.label:
            text += ":" + self.label
        if self.slot:
            text += "@" + self.slot
        return text + ("!" if self.preferred else "")

    def describe(self) -> str:
        """The target as shown in the mapping step ("Phone (work)")."""
        name = FIELDS.get(self.field, self.field)
        return f"{name} ({self.label})" if self.label else name


@dataclass(frozen=True)
class Preset:
    """A known layout: its name, how it maps a column title, and how it writes values."""

    name: str
    detect: Callable[[set[str], list[str]], bool]
    column: Callable[[str, str], str]
    """(title as written, its :func:`header_key`) → a target string, '' for none."""
    multi: str = ""
    """What separates several values in one cell (Google: ' ::: ')."""
    normalise: bool = True
    """Labels to the common words, the same value given twice kept once."""
    blanks: frozenset[str] = field(default_factory=frozenset)
    """Cell values that mean "nothing" in this layout (Outlook's '0/0/00')."""
    rank: tuple[str, ...] = ()
    """Labels in the order the preferred phone or email is chosen among columns with a
    value (other labels after them); empty: the columns' order."""

    def rank_of(self, target: Target) -> int:
        if not self.rank:
            return 0
        return self.rank.index(target.label) if target.label in self.rank else len(self.rank)


# ---- generic titles (and netdesk's own export) ------------------------------------------

_SYNONYMS = {
    "first_name": ("first name", "given name", "firstname", "first", "forename"),
    "middle_name": ("middle name", "additional name", "middle", "second name"),
    "last_name": ("last name", "surname", "family name", "lastname", "last"),
    "full_name": ("name", "full name", "display name", "contact name", "fullname"),
    "name_prefix": ("name prefix", "prefix", "honorific", "salutation"),
    "name_suffix": ("name suffix", "suffix"),
    "nickname": ("nickname", "nick name", "nick"),
    "linkedin_url": ("linkedin", "linkedin url", "linkedin profile", "profile url", "url"),
    "organization": ("organization", "organisation", "company", "employer", "company name",
                     "organization 1 name", "organization name"),
    "department": ("department", "dept", "organization department"),
    "job_title": ("job title", "title", "position", "role", "organization 1 title"),
    "birthday": ("birthday", "birth date", "date of birth", "birthdate", "dob"),
    "relationship": ("relationship", "how i know them", "relation"),
    "source": ("source", "where met", "met at"),
    "stage": ("stage", "pipeline stage", "status"),
    "tags": ("tags", "labels", "categories", "group membership", "groups"),
    "notes": ("notes", "note", "comments"),
    "research_notes": ("research notes", "research"),
    "career_fields": ("career fields", "career field", "fields"),
    "record_source": ("record source", "record origin"),
    "consent": ("consent",),
    "consent_date": ("consent given on", "consent date", "date of consent"),
    "email": ("email", "e mail", "email address", "e mail address", "e mail 1 value",
              "email 1 value", "primary email", "work email", "mail"),
    "phone": ("phone", "telephone", "mobile", "mobile phone", "cell", "business phone",
              "phone 1 value", "primary phone", "home phone", "phone number", "tel"),
    "web": ("website", "web site", "web page", "homepage", "home page"),
    "street": ("street", "street address", "address line 1"),
    "city": ("city", "town"),
    "region": ("region", "state", "province", "county"),
    "postal_code": ("postal code", "postcode", "post code", "zip", "zip code", "zipcode"),
    "country": ("country", "country region"),
    "address": ("address", "postal address", "mailing address"),
}
_LABELLED = {"work email": "email:work", "home email": "email:home",
             "mobile phone": "phone:mobile", "mobile": "phone:mobile", "cell": "phone:mobile",
             "business phone": "phone:work", "home phone": "phone:home",
             "primary email": "email!", "primary phone": "phone!"}
_BY_HEADER = {synonym: target for target, words in _SYNONYMS.items() for synonym in words}
_KINDS = {"email": "email", "e mail": "email", "phone": "phone", "web": "web",
          "social": "social", "im": "im", "event": "event", "related": "related",
          "custom": "custom"}
_NUMBERED = re.compile(r"^(email|e mail|phone|web|social|im|event|related|custom) (\d+)"
                       r"(?: (label))?$")
_NETDESK_ADDRESS = re.compile(
    r"^address (\d+) (label|street|city|region|postal code|country)$")


def _generic(title: str, key: str) -> str:
    if key in ("email label", "phone label"):
        return f"label@{key.split()[0]} 1"
    if key in ("email", "phone"):
        return f"{key}@{key} 1"
    if match := _NUMBERED.match(key):
        kind = _KINDS[match.group(1)]
        slot = f"{kind} {match.group(2)}"
        return f"label@{slot}" if match.group(3) else f"{kind}@{slot}"
    if match := _NETDESK_ADDRESS.match(key):
        part = match.group(2).replace(" ", "_")
        return f"{part}@address {match.group(1)}"
    labelled = _LABELLED.get(key)
    if labelled:
        return labelled
    return _BY_HEADER.get(key, "")


NETDESK_KEYS = {"first name", "last name", "linkedin url", "relationship", "stage",
                "research notes", "career fields"}


def _is_netdesk(keys: set[str], header: list[str]) -> bool:
    return NETDESK_KEYS <= keys


# ---- Google Contacts --------------------------------------------------------------------

_GOOGLE = re.compile(
    r"^(e mail|phone|address|website|event|relation|im|custom field) (\d+) "
    r"(type|label|value|service|formatted|street|city|po box|region|postal code|country|"
    r"extended address)$")
_GOOGLE_KINDS = {"e mail": "email", "phone": "phone", "website": "web", "event": "event",
                 "relation": "related", "im": "im", "custom field": "custom"}
_GOOGLE_NAMES = {
    "first name": "first_name", "given name": "first_name",
    "middle name": "middle_name", "additional name": "middle_name",
    "last name": "last_name", "family name": "last_name", "name": "full_name",
    "name prefix": "name_prefix", "name suffix": "name_suffix", "nickname": "nickname",
    "birthday": "birthday", "notes": "notes", "labels": "groups",
    "group membership": "groups",
    "organization name": "organization", "organization 1 name": "organization",
    "organization title": "job_title", "organization 1 title": "job_title",
    "organization department": "department", "organization 1 department": "department",
}


def _google(title: str, key: str) -> str:
    if key in _GOOGLE_NAMES:
        return _GOOGLE_NAMES[key]
    match = _GOOGLE.match(key)
    if not match:
        return ""
    what, number, part = match.groups()
    if what == "address":
        slot = f"address {number}"
        if part in ("type", "label"):
            return f"label@{slot}"
        name = {"formatted": "address", "street": "street", "city": "city",
                "po box": "po_box", "region": "region", "postal code": "postal_code",
                "country": "country", "extended address": "extended"}.get(part)
        return f"{name}@{slot}" if name else ""
    kind = _GOOGLE_KINDS[what]
    slot = f"{kind} {number}"
    if kind == "im":  # the service (Skype, Jabber) is the label of a handle
        return {"service": f"label@{slot}", "value": f"im@{slot}"}.get(part, "")
    if part in ("type", "label"):
        return f"label@{slot}"
    return f"{kind}@{slot}" if part == "value" else ""


def _is_google(keys: set[str], header: list[str]) -> bool:
    current = {"first name", "last name"} <= keys and bool(
        {"labels", "e mail 1 label", "phone 1 label", "file as"} & keys)
    legacy = {"given name", "family name"} <= keys and bool(
        {"group membership", "e mail 1 type", "phone 1 type"} & keys)
    return current or legacy


# ---- Outlook ----------------------------------------------------------------------------

_OUTLOOK_PLACES = {"business": "work", "home": "home", "other": "other"}
_OUTLOOK_PHONES = {
    "primary phone": "phone!", "mobile phone": "phone:mobile", "business phone": "phone:work",
    "business phone 2": "phone:work", "home phone": "phone:home", "home phone 2": "phone:home",
    "company main phone": "phone:main", "other phone": "phone:other",
    "assistant s phone": "phone:assistant", "callback": "phone:callback",
    "car phone": "phone:car", "isdn": "phone:ISDN", "pager": "phone:pager",
    "radio phone": "phone:radio", "tty tdd phone": "phone:TTY/TDD", "telex": "phone:telex",
    "business fax": "phone:work fax", "home fax": "phone:home fax",
    "other fax": "phone:other fax",
}
_OUTLOOK = {
    "title": "name_prefix", "first name": "first_name", "middle name": "middle_name",
    "last name": "last_name", "suffix": "name_suffix", "nickname": "nickname",
    "company": "organization", "department": "department", "job title": "job_title",
    "birthday": "birthday", "notes": "notes", "categories": "groups",
    "e mail address": "email", "e mail 2 address": "email", "e mail 3 address": "email",
    "web page": "web", "personal web page": "web:home", "anniversary": "event:anniversary",
    "spouse": "related:spouse", "children": "related:child",
    "manager s name": "related:manager", "assistant s name": "related:assistant",
    "referred by": "related:referred by",
    "user 1": "custom:User 1", "user 2": "custom:User 2", "user 3": "custom:User 3",
    "user 4": "custom:User 4", **_OUTLOOK_PHONES,
}
_OUTLOOK_ADDRESS = re.compile(
    r"^(business|home|other) (street(?: \d)?|city|state|postal code|country(?: region)?|"
    r"po box)$")


def _outlook(title: str, key: str) -> str:
    if key in _OUTLOOK:
        return _OUTLOOK[key]
    match = _OUTLOOK_ADDRESS.match(key)
    if not match:
        return ""
    place, part = match.groups()
    part = {"state": "region", "postal code": "postal_code", "po box": "po_box"}.get(
        part, "street" if part.startswith("street") else
        "country" if part.startswith("country") else part)
    return f"{part}:{_OUTLOOK_PLACES[place]}@{place}"


def _is_outlook(keys: set[str], header: list[str]) -> bool:
    return {"first name", "last name"} <= keys and bool(
        {"e mail address", "business phone", "mobile phone", "e mail display name"} & keys
    ) and ("job title" in keys or "business street" in keys or "e mail 2 address" in keys)


# ---- Thunderbird ------------------------------------------------------------------------

_THUNDERBIRD = {
    "first name": "first_name", "last name": "last_name", "display name": "full_name",
    "nickname": "nickname", "primary email": "email!", "secondary email": "email",
    "screen name": "im:Screen name", "work phone": "phone:work", "home phone": "phone:home",
    "fax number": "phone:fax", "pager number": "phone:pager", "mobile number": "phone:mobile",
    "job title": "job_title", "department": "department", "organization": "organization",
    "organisation": "organization", "web page 1": "web:work", "web page 2": "web:home",
    "birth year": "birth_year", "birth month": "birth_month", "birth day": "birth_day",
    "custom 1": "custom:Custom 1", "custom 2": "custom:Custom 2",
    "custom 3": "custom:Custom 3", "custom 4": "custom:Custom 4", "notes": "notes",
}
_THUNDERBIRD_ADDRESS = re.compile(
    r"^(home|work) (address(?: ?2)?|city|state|county|zip ?code|zip|post code|postal code|"
    r"country)$")


def _thunderbird(title: str, key: str) -> str:
    if key in _THUNDERBIRD:
        return _THUNDERBIRD[key]
    match = _THUNDERBIRD_ADDRESS.match(key)
    if not match:
        return ""
    place, part = match.groups()
    if part.startswith("address"):
        part = "street"
    elif part in ("state", "county"):
        part = "region"
    elif part.startswith(("zip", "post")):
        part = "postal_code"
    return f"{part}:{place}@{place}"


def _is_thunderbird(keys: set[str], header: list[str]) -> bool:
    return "primary email" in keys and bool(
        {"display name", "mobile number", "work phone", "secondary email"} & keys)


# ---- Apple Contacts ---------------------------------------------------------------------

_APPLE_LABELLED = re.compile(
    r"^\s*(email|phone|url|date|related name|instant message|social profile|address)\s*"
    r"\(([^)]*)\)\s*:?\s*(street|city|state|zip|postal code|country|)\s*$", re.IGNORECASE)
_APPLE_KINDS = {"email": "email", "phone": "phone", "url": "web", "date": "event",
                "related name": "related", "instant message": "im", "social profile": "social"}
_APPLE = {
    "first name": "first_name", "last name": "last_name", "middle name": "middle_name",
    "prefix": "name_prefix", "suffix": "name_suffix", "nickname": "nickname",
    "company": "organization", "department": "department", "job title": "job_title",
    "birthday": "birthday", "note": "notes", "notes": "notes",
}


def _apple(title: str, key: str) -> str:
    if key in _APPLE:
        return _APPLE[key]
    match = _APPLE_LABELLED.match(title)
    if not match:
        return ""
    what, label, part = (g.strip() for g in match.groups())
    what = what.casefold()
    if what == "address":
        part = {"state": "region", "zip": "postal_code", "postal code": "postal_code"}.get(
            part.casefold(), part.casefold()) or "address"
        return f"{part}:{label}@address {label.casefold()}"
    return f"{_APPLE_KINDS[what]}:{label}"


def _is_apple(keys: set[str], header: list[str]) -> bool:
    return sum(1 for title in header if _APPLE_LABELLED.match(title)) >= 2


_OUTLOOK_BLANKS = frozenset({"0/0/00", "00/00/00", "0/0/0000", "00.00.00", "unspecified",
                             "normal", "false", "smtp"})
PRESETS = (
    Preset("netdesk", _is_netdesk, _generic, normalise=False),
    Preset("Google Contacts", _is_google, _google, multi=" ::: "),
    Preset("Outlook", _is_outlook, _outlook, blanks=_OUTLOOK_BLANKS,
           rank=("", "mobile", "work", "home", "main", "other")),
    Preset("Thunderbird", _is_thunderbird, _thunderbird, rank=("", "work", "home", "mobile")),
    Preset("Apple Contacts", _is_apple, _apple),
)
GENERIC = Preset("", lambda keys, header: True, _generic)


def recognise(header: list[str]) -> Preset:
    """The known layout ``header`` is, or :data:`GENERIC` (its name empty)."""
    keys = {header_key(title) for title in header}
    for preset in PRESETS:
        if preset.detect(keys, header):
            return preset
    return GENERIC


def preset_mapping(preset: Preset, header: list[str]) -> list[str]:
    """A target for each column; a single field goes to its first column only."""
    mapping, used = [], set()
    for title in header:
        target = preset.column(title, header_key(title))
        name = Target.parse(target).field if target else ""
        if name in SINGLE:
            if name in used:
                target = ""
            used.add(name)
        mapping.append(target)
    return mapping
