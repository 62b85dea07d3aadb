"""A person as the sync compares them: every field as a plain, comparable value, and the
three-way merge of one field against its last synced value."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from netdesk.core.people import FIELD_LABELS
from netdesk.core.person_details import Address, Entry, PersonDetails

TEXT_FIELDS = (
    "first_name", "last_name", "name_prefix", "middle_name", "name_suffix", "nickname",
    "email", "email_label", "phone", "phone_label", "linkedin_url", "organization",
    "department", "job_title", "birthday", "relationship", "source", "stage", "tags",
    "notes", "research_notes",
)
LIST_FIELDS = ("career_fields", "entries", "addresses")
FIELDS = TEXT_FIELDS + LIST_FIELDS + ("photo", "referred_by")
NOT_GIVEN_MEANS_UNCHANGED = ("relationship", "stage")
"""A card without these (a phone that dropped netdesk's own properties) changed nothing."""
CONFLICT_NAMES = {**FIELD_LABELS, "referred_by": "Referred by", "entries": "More details"}


def _tags(text: str) -> str:
    return ", ".join(t for t in (" ".join(t.split()) for t in text.split(",")) if t)


def values_of(details: PersonDetails, referred_by_uid: str = "") -> dict:
    """The comparable values of a person (or a card read as one); the photo as its hash."""
    values = {name: (getattr(details, name) or "") for name in TEXT_FIELDS}
    values["tags"] = _tags(values["tags"])
    for name in TEXT_FIELDS:
        if name not in ("notes", "research_notes"):
            values[name] = values[name].strip()
    values["career_fields"] = sorted({f.strip() for f in details.career_fields if f.strip()},
                                     key=str.casefold)
    values["entries"] = [[e.kind, e.value.strip(), e.label.strip()] for e in details.entries
                         if e.value.strip()]
    values["addresses"] = [[a.label, a.street, a.city, a.region, a.postal_code, a.country]
                           for a in details.addresses if not a.is_empty()]
    values["photo"] = hashlib.sha256(details.photo).hexdigest()[:32] if details.photo else ""
    values["referred_by"] = referred_by_uid or ""
    return values


@dataclass
class Merge:
    """The merged values, which names changed here and there, and the conflicts: (field,
    the value that lost, where it lost: 'on the server' or 'in netdesk')."""

    values: dict
    take_remote: set[str]
    take_local: set[str]
    conflicts: list[tuple[str, object, str]]


def merge(base: dict | None, local: dict, remote: dict, *, remote_newer: bool) -> Merge:
    """Per field: changed on one side only takes that side; changed on both (to different
    values) keeps the newer side and notes the other. Without a base (never synced
    together), every difference counts as changed on both."""
    values, take_remote, take_local, conflicts = {}, set(), set(), []
    for name in FIELDS:
        mine, theirs = local.get(name, ""), remote.get(name, "")
        was = base.get(name, "") if base is not None else None
        if name in NOT_GIVEN_MEANS_UNCHANGED and not theirs:
            theirs = was if was else mine
        if mine == theirs:
            values[name] = mine
        elif base is not None and mine == was:
            values[name] = theirs
            take_remote.add(name)
        elif base is not None and theirs == was:
            values[name] = mine
            take_local.add(name)
        elif remote_newer:
            values[name] = theirs
            take_remote.add(name)
            conflicts.append((name, mine, "in netdesk"))
        else:
            values[name] = mine
            take_local.add(name)
            conflicts.append((name, theirs, "on the server"))
    return Merge(values, take_remote, take_local, conflicts)


def shown(name: str, value) -> str:
    """A value as a conflict line shows it."""
    if name == "photo":
        return "a different photo" if value else "no photo"
    if name == "career_fields":
        return ", ".join(value) or "none"
    if name == "entries":
        return "; ".join(f"{v}" + (f" ({label})" if label else "") for _, v, label in value) \
            or "none"
    if name == "addresses":
        return "; ".join(", ".join(p for p in a[1:] if p) for a in value) or "none"
    text = str(value)
    return f'"{text}"' if text else "empty"


def details_of(values: dict, photo: bytes) -> dict:
    """Keyword arguments of a ``PersonForm`` for ``values`` (without ``referred_by``)."""
    kwargs = {name: values.get(name, "") for name in TEXT_FIELDS}
    kwargs["career_fields"] = list(values.get("career_fields", []))
    kwargs["entries"] = [Entry(kind, value, label)
                         for kind, value, label in values.get("entries", [])]
    kwargs["addresses"] = [Address(*parts) for parts in values.get("addresses", [])]
    kwargs["photo"] = photo
    return kwargs
