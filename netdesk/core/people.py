"""People: validating and saving what the user typed, and deleting with a way back."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from urllib.parse import urlparse

from netdesk.core.changes import Changes
from netdesk.core.contact_values import email_problem, phone_problem
from netdesk.core.limits import date_problem
from netdesk.core.person_details import Address, Entry, PersonDetails
from netdesk.core.referrals import ReferralError, add_referral, check_referral, remove_referral

# The labels live in the vocabulary; still importable from here for the person editor.
from netdesk.core.vocabulary import RELATIONSHIP_LABELS as RELATIONSHIP_LABELS
from netdesk.core.vocabulary import SECTOR_LABELS as SECTOR_LABELS
from netdesk.core.vocabulary import SHARING_LABELS
from netdesk.core.vocabulary import STAGE_LABELS as STAGE_LABELS
from netdesk.db.last_contact import refresh as refresh_last_contact
from netdesk.db.models import (
    CareerField,
    FollowUp,
    Interaction,
    Interview,
    InterviewQuestion,
    Organization,
    Person,
    PersonCareerField,
    PersonEntry,
    PersonPhoto,
    PostalAddress,
    Referral,
    database_proxy,
)

FIELD_LABELS = {
    "first_name": "First name", "last_name": "Last name", "job_title": "Job title",
    "organization": "Organization", "email": "Email", "phone": "Phone",
    "linkedin_url": "LinkedIn", "relationship": "How I know them", "source": "Where we met",
    "stage": "Stage", "career_fields": "Career fields", "tags": "Tags", "notes": "Notes",
    "research_notes": "Research notes", "referred_by": "Referred by",
    "name_prefix": "Prefix", "middle_name": "Middle name", "name_suffix": "Suffix",
    "nickname": "Nickname", "department": "Department", "birthday": "Birthday",
    "email_label": "Email label", "phone_label": "Phone label", "entries": "More details",
    "addresses": "Addresses", "photo": "Photo",
    "record_source": "Record source", "consent": "Consent", "consent_date": "Consent given on",
    "sharing": "Shared with",
}
"""The name of each ``PersonForm`` field as the editor shows it, for messages."""


@dataclass
class PersonForm(PersonDetails):
    """What the person editor holds, as plain values; a new person starts as an
    acquaintance to contact."""

    relationship: str = "acquaintance"
    stage: str = "to_contact"
    referred_by: int | None = None
    """The id of the person who referred them (the first referral recorded), or None."""
    sharing: str = "private"
    """Who else sees them on a server: private, advisor or center (SHARING_LABELS)."""
    version: int | None = field(default=None, compare=False)
    """The person row's version the form was read at (migration 0016; None: not known, a
    new person). Not a field the user edits: :func:`save_person` writes only when the
    stored row still has it, and sets it to the version written."""

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
            research_notes=person.research_notes, referred_by=referrer_of(person.id),
            name_prefix=person.name_prefix, middle_name=person.middle_name,
            name_suffix=person.name_suffix, nickname=person.nickname,
            department=person.department, birthday=person.birthday,
            email_label=person.email_label, phone_label=person.phone_label,
            entries=entries_of(person.id), addresses=addresses_of(person.id),
            photo=photo_of(person.id),
            record_source=person.record_source, consent=person.consent,
            consent_date=person.consent_date, version=person.version,
            sharing=person.sharing,
        )


def entries_of(person_id: int) -> list[Entry]:
    """A person's further emails, phones, links, events, related names and custom fields."""
    rows = (PersonEntry.select(PersonEntry.kind, PersonEntry.value, PersonEntry.label)
            .where(PersonEntry.person == person_id)
            .order_by(PersonEntry.position, PersonEntry.id).tuples())
    return [Entry(kind, value, label) for kind, value, label in rows]


_ADDRESS_FIELDS = ("label", "street", "city", "region", "postal_code", "country")


def addresses_of(person_id: int) -> list[Address]:
    rows = (PostalAddress.select(*(getattr(PostalAddress, f) for f in _ADDRESS_FIELDS))
            .where(PostalAddress.person == person_id)
            .order_by(PostalAddress.position, PostalAddress.id).tuples())
    return [Address(*row) for row in rows]


def photo_of(person_id: int) -> bytes:
    """The person's photo (PNG or JPEG bytes), b"" when they have none."""
    row = PersonPhoto.select(PersonPhoto.image).where(PersonPhoto.person == person_id)\
        .tuples().first()
    return bytes(row[0]) if row else b""


def write_entries(person_id: int, entries: list[Entry]) -> None:
    """Make ``entries`` (blank values left out) exactly the person's entries, in order."""
    PersonEntry.delete().where(PersonEntry.person == person_id).execute()
    rows = [{"person": person_id, "kind": e.kind, "value": e.value.strip(),
             "label": e.label.strip(), "position": position}
            for position, e in enumerate(entries) if e.value.strip()]
    if rows:
        PersonEntry.insert_many(rows).execute()


def write_addresses(person_id: int, addresses: list[Address]) -> None:
    """Make ``addresses`` (empty ones left out) exactly the person's addresses, in order."""
    PostalAddress.delete().where(PostalAddress.person == person_id).execute()
    rows = [{"person": person_id, "position": position,
             **{f: getattr(a, f).strip() for f in _ADDRESS_FIELDS}}
            for position, a in enumerate(addresses) if not a.is_empty()]
    if rows:
        PostalAddress.insert_many(rows).execute()


def write_photo(person_id: int, photo: bytes) -> None:
    """Keep ``photo`` as the person's photo (b"": remove it)."""
    PersonPhoto.delete().where(PersonPhoto.person == person_id).execute()
    if photo:
        PersonPhoto.insert(person=person_id, image=photo).execute()


def referrer_of(person_id: int) -> int | None:
    """Who referred ``person_id`` (the latest referral recorded when several did), or None."""
    row = (Referral.select(Referral.referrer).where(Referral.referred == person_id)
           .order_by(Referral.id.desc()).tuples().first())
    return row[0] if row else None


def referrer_problem(person_id: int | None, referrer_id: int | None) -> str | None:
    """Why ``referrer_id`` cannot be recorded as having referred ``person_id``, or None.

    ``person_id`` None is a person not saved yet: only the referrer's existence matters.
    """
    if referrer_id is None:
        return None
    if not Person.select().where(Person.id == referrer_id).exists():
        return "The person chosen no longer exists; pick someone else."
    if person_id is None:
        return None
    if referrer_id == person_id:
        return "Someone cannot be referred by themselves; pick another person."
    if Referral.select().where((Referral.referrer == referrer_id)
                               & (Referral.referred == person_id)).exists():
        return None  # already one of their referrers
    try:
        check_referral(referrer_id, person_id)
    except ReferralError as error:
        return str(error)
    return None


def name_problem(first_name: str, last_name: str) -> str | None:
    """Why a person's name cannot be saved, or None."""
    if not (first_name.strip() or last_name.strip()):
        return "Give at least a first or a last name."
    return None




_ENTRY_CHECKS = {"email": ("Email", email_problem), "phone": ("Phone", phone_problem)}


def entry_problems(entries: list[Entry]) -> dict[int, str]:
    """Problems of further emails and phones, keyed by their index in ``entries``, each
    naming its row as the editor counts them: the preferred email is "Email 1", so the
    first further one is "Email 2"."""
    problems: dict[int, str] = {}
    counts = dict.fromkeys(_ENTRY_CHECKS, 1)
    for index, entry in enumerate(entries):
        if entry.kind not in _ENTRY_CHECKS:
            continue
        counts[entry.kind] += 1
        name, check = _ENTRY_CHECKS[entry.kind]
        if problem := check(entry.value):
            problems[index] = f"{name} {counts[entry.kind]}: {problem}"
    return problems


def birthday_problem(text: str) -> str | None:
    """Why ``text`` (blank is allowed) is not a birthday: an ISO date (1990-05-17) or a day
    without a year (--05-17, 29 February allowed)."""
    text = text.strip()
    if not text:
        return None
    if match := re.fullmatch(r"--(\d\d)-?(\d\d)", text):
        month, day = int(match.group(1)), int(match.group(2))
        year = 2000  # a leap year: --02-29 is a day someone can be born on
    elif match := re.fullmatch(r"(\d{4})-?(\d\d)-?(\d\d)", text):
        year, month, day = (int(g) for g in match.groups())
    else:
        return f"“{text}” is not a date (give day and month, the year if known)."
    try:
        birthday = datetime.date(year, month, day)
    except ValueError:
        return f"“{text}” is not a day of the calendar."
    if problem := date_problem(birthday):
        return f"The birthday: {problem}."
    if birthday > datetime.date.today():
        return "The birthday is in the future."
    return None


def validate(form: PersonForm) -> dict[str, str]:
    """Problems keyed by field name; empty when the form can be saved. A problem with a
    further email or phone is under "entries" and names the row ("Email 2: …")."""
    problems: dict[str, str] = {}
    if problem := name_problem(form.first_name, form.last_name):
        problems["first_name"] = problem
    if problem := email_problem(form.email):
        problems["email"] = problem
    if form.linkedin_url.strip() and not is_web_url(form.linkedin_url.strip()):
        problems["linkedin_url"] = "Enter a web address starting with https://"
    if problem := phone_problem(form.phone):
        problems["phone"] = problem
    if problem := birthday_problem(form.birthday):
        problems["birthday"] = problem
    if rows := entry_problems(form.entries):
        problems["entries"] = next(iter(rows.values()))
    if problem := consent_date_problem(form.consent_date):
        problems["consent_date"] = problem
    if form.sharing not in SHARING_LABELS:
        problems["sharing"] = "Choose who the person is shared with."
    return problems


def consent_date_problem(text: str) -> str | None:
    """Why ``text`` (blank is allowed) is not the day consent was given: an ISO date, not
    in the future."""
    text = text.strip()
    if not text:
        return None
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return f"“{text}” is not a date; write it as year-month-day, e.g. 2026-09-01."
    if problem := date_problem(day):
        return f"The consent date: {problem}."
    if day > datetime.date.today():
        return "The consent date is in the future."
    return None


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


def changed_fields(before: PersonForm, after: PersonForm) -> set[str]:
    """Names of the fields that differ between two forms."""
    return {f.name for f in dataclass_fields(PersonForm)
            if f.name != "version" and getattr(before, f.name) != getattr(after, f.name)}


def save_person(person_id: int | None, form: PersonForm,
                only: set[str] | frozenset[str] | None = None) -> Changes:
    """Insert a person (``person_id`` None), or update one, from the fields of ``form``
    named in ``only`` (default: all), in one transaction. A field not in ``only`` keeps
    what the database holds (a new person: the default), so an edit made elsewhere
    meanwhile is never overwritten, and a valid field saves while another is still wrong.

    ``referred_by`` replaces the person's latest referral (``core.referrals`` rules apply).
    Raises ValueError naming the first problem in the fields written (a name is always
    needed for a new person); :class:`ReferralError` when the referral would close a loop.

    When ``form.version`` is set (the version the form was read at), the person is written
    only if the stored row still has it: else :class:`netdesk.db.models.ChangedElsewhere`
    (nothing written), with the stored row, for the caller to merge. After a save
    ``form.version`` is the version written.
    """
    names = set(only) if only is not None else {
        f.name for f in dataclass_fields(PersonForm) if f.name != "version"}
    if person_id is None or names & {"first_name", "last_name"}:
        names |= {"first_name", "last_name"}  # a name is checked, and written, as a whole
    problems = [message for name, message in validate(form).items() if name in names]
    if problems:
        raise ValueError(problems[0])
    with database_proxy.atomic():
        person = Person.get_by_id(person_id) if person_id else Person()
        if person_id and form.version is not None:
            person.version = form.version  # saved only over the row the form was read from
        new_organization = "organization" in names and normalise_name(form.organization) \
            and Organization.get_or_none(
                Organization.name == normalise_name(form.organization)) is None
        simple = {
            "first_name": lambda: form.first_name.strip(),
            "last_name": lambda: form.last_name.strip(),
            "job_title": lambda: form.job_title.strip(),
            "organization": lambda: organization_named(form.organization),
            "email": lambda: form.email.strip(),
            "phone": lambda: form.phone.strip(),
            "linkedin_url": lambda: form.linkedin_url.strip(),
            "relationship": lambda: form.relationship,
            "source": lambda: form.source.strip(),
            "stage": lambda: form.stage,
            "tags": lambda: ", ".join(
                t for t in (normalise_name(t) for t in form.tags.split(",")) if t),
            "notes": lambda: form.notes,
            "research_notes": lambda: form.research_notes,
            **{name: (lambda name=name: getattr(form, name).strip()) for name in (
                "name_prefix", "middle_name", "name_suffix", "nickname", "department",
                "birthday", "email_label", "phone_label", "record_source", "consent_date")},
            "consent": lambda: form.consent,
            "sharing": lambda: form.sharing,
        }
        for name, value in simple.items():
            if name in names:
                setattr(person, name, value())
        person.save()
        if "entries" in names:
            write_entries(person.id, form.entries)
        if "addresses" in names:
            write_addresses(person.id, form.addresses)
        if "photo" in names:
            write_photo(person.id, form.photo)
        career_fields = frozenset()
        if "career_fields" in names:
            career_fields = _set_career_fields(person, form.career_fields)
        referrals = "referred_by" in names and _set_referrer(person.id, form.referred_by)
        organizations = frozenset({person.organization_id} if new_organization else ())
        form.version = person.version  # nothing after person.save() writes the row again
    if person_id is None:
        return Changes.added_person(person.id, organizations=organizations,
                                    career_fields=career_fields, referrals=referrals)
    return Changes.of_person(person.id, names, organizations=organizations,
                             career_fields=career_fields, referrals=referrals)


def _set_referrer(person_id: int, referrer_id: int | None) -> bool:
    """Make ``referrer_id`` (None: nobody) the one who referred ``person_id``: the latest
    referral recorded is replaced, other referrers (drawn in the graph) stay. True when a
    referral was added or removed."""
    current = referrer_of(person_id)
    if current == referrer_id:
        return False
    for referrer in {current, referrer_id} - {None}:
        row = Referral.get_or_none((Referral.referrer == referrer)
                                   & (Referral.referred == person_id))
        if row is not None:
            remove_referral(row.id)
    if referrer_id is not None:
        add_referral(referrer_id, person_id)
    return True


def _set_career_fields(person: Person, names: list[str]) -> frozenset[int]:
    """Link exactly ``names`` to ``person``; return the ids of career fields created."""
    wanted = {}
    created = set()
    for name in names:
        name = normalise_name(name)
        if name and name.casefold() not in wanted:
            career_field, is_new = CareerField.get_or_create(name=name)
            wanted[name.casefold()] = career_field
            if is_new:
                created.add(career_field.id)
    PersonCareerField.delete().where(
        (PersonCareerField.person == person)
        & (PersonCareerField.career_field.not_in([f.id for f in wanted.values()]))
    ).execute()
    for career_field in wanted.values():
        PersonCareerField.insert(person=person, career_field=career_field).on_conflict_ignore()\
            .execute()
    return frozenset(created)


# Tables that hang off a person, in the order they must be restored.
_OWNED = (
    (PersonCareerField, PersonCareerField.person),
    (PersonEntry, PersonEntry.person),
    (PostalAddress, PostalAddress.person),
    (PersonPhoto, PersonPhoto.person),
    (Interview, Interview.person),
    (InterviewQuestion, None),
    (Interaction, Interaction.person),
    (FollowUp, FollowUp.person),
)


@dataclass(frozen=True)
class Deleted:
    """A person deleted: every row that went with them, for :func:`restore_person`, and the
    Changes."""

    snapshot: dict
    changes: Changes


def delete_person(person_id: int) -> Deleted:
    """Delete a person and everything that belongs to them; the result holds a snapshot
    for undo."""
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
    changes = Changes(people_removed=frozenset({person_id}), id=person_id)
    return Deleted(snapshot, changes | _snapshot_changes(snapshot, person_id))


def restore_person(snapshot: dict) -> Changes:
    """Put back a person deleted by :func:`delete_person`; the Changes' ``.id`` is theirs.

    Rows keep their ids when those are free. When one was taken since (SQLite gives the
    highest id again to the next row added), the row gets a new id and every restored row
    that pointed at it follows. Links to rows deleted since (another person, a career field,
    a bank question) are dropped when they are required and cleared when they are optional.
    """
    new_ids: dict[str, dict[int, int]] = {}
    restored: dict[str, list[dict]] = {}
    with database_proxy.atomic():
        for model in (Person, *(m for m, _ in _OWNED), Referral):
            table = model._meta.table_name
            rows = [snapshot["person"]] if model is Person else snapshot[table]
            moved = new_ids.setdefault(table, {})
            for row in rows:
                row = _relink(model, _follow_new_ids(model, row, new_ids))
                if row is None:
                    continue
                if model is PersonPhoto:  # keyed by its person, who is back already
                    model.insert(row).execute()
                    continue
                old_id = row.pop("id")
                if not model.select().where(model._meta.primary_key == old_id).exists():
                    row["id"] = old_id
                moved[old_id] = model.insert(row).execute()
                restored.setdefault(table, []).append({**row, "id": moved[old_id]})
        refresh_last_contact(new_ids["person"].values())
    person_id = new_ids["person"][snapshot["person"]["id"]]
    return Changes.added_person(person_id) | _snapshot_changes(restored, person_id)


def _snapshot_changes(snapshot: dict, person_id: int) -> Changes:
    """What the rows of ``snapshot`` stand for as Changes: their interviews, follow-ups and
    log entries, and the people at the other end of their referrals."""

    def ids(table: str) -> frozenset[int]:
        return frozenset(row["id"] for row in snapshot.get(table, ()))

    changes = Changes(referrals=True, interviews=ids("interview"),
                      follow_ups=ids("follow_up"), interactions=ids("interaction"))
    for row in snapshot.get("referral", ()):
        for other in (row["referrer"], row["referred"]):
            if other != person_id:
                changes |= Changes.of_person(other, {"referred_by"}, id=None)
    return changes


def _follow_new_ids(model, row: dict, new_ids: dict[str, dict[int, int]]) -> dict:
    """``row`` with links to rows restored under a new id pointing at that id."""
    row = dict(row)
    for foreign_key in model._meta.refs:
        moved = new_ids.get(foreign_key.rel_model._meta.table_name, {})
        if row.get(foreign_key.name) in moved:
            row[foreign_key.name] = moved[row[foreign_key.name]]
    return row


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
