"""Find Duplicates: people already in the network who may be one person, and merging them.

Pairs are found by the import's rules (:mod:`netdesk.core.matching`): sure ones (same
email, same LinkedIn URL, same full name with a shared phone, email or organization)
and possible ones (same phone only, a similar name). People are blocked by key (email,
profile, phone, last name, first name), so 100,000 people never means all pairs.

A merge keeps one person and moves everything of the other onto them, in one
transaction: fields as an import merges them (a differing name, job title or
organization is kept as a custom field "… (merged)"), every interview, interaction,
follow-up, career-field link, entry, address and referral (a referral that would
become a self-referral, a second copy or a loop is dropped, and reported). The result
holds snapshots of both people, so :func:`unmerge_people` puts both back as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields

from netdesk.core.changes import ALL_FIELDS, Changes
from netdesk.core.matching import (
    Candidate,
    PersonIndex,
    database_candidates,
    possible_reason,
    sure_reason,
)
from netdesk.core.merging import TEXT_COLUMNS, MergedPerson, load_people, merge_into
from netdesk.core.people import _OWNED, PersonForm, organization_named, restore_person
from netdesk.core.person_details import PersonDetails
from netdesk.core.referrals import ReferralError, check_referral
from netdesk.db.last_contact import refresh as refresh_last_contact
from netdesk.db.models import (
    FollowUp,
    Interaction,
    Interview,
    InterviewQuestion,
    Person,
    PersonCareerField,
    PersonEntry,
    PersonPhoto,
    PostalAddress,
    Referral,
    database_proxy,
    now,
)

COMPARED = (
    ("first_name", "First name"), ("last_name", "Last name"), ("organization", "Organization"),
    ("job_title", "Job title"), ("email", "Email"), ("phone", "Phone"),
    ("linkedin_url", "LinkedIn"),
)
"""The fields shown side by side for a pair."""


@dataclass(frozen=True)
class DuplicatePair:
    """Two people who may be one: ``first`` is the one added first (the lower id)."""

    first: int
    second: int
    reason: str
    sure: bool
    first_name: str
    second_name: str


def find_duplicates(limit: int | None = None) -> list[DuplicatePair]:
    """Pairs of people in the database that match, sure ones first, each pair once."""
    people = database_candidates()
    index = PersonIndex()
    pairs: list[DuplicatePair] = []
    for person in sorted(people, key=lambda c: c.key):
        seen: set[int] = set()
        for other in index.neighbours(person):
            if other.key in seen:
                continue
            seen.add(other.key)
            pair = _pair(other, person)
            if pair is not None:
                pairs.append(pair)
        index.add(person)
    pairs.sort(key=lambda p: (not p.sure, p.first, p.second))
    return pairs[:limit] if limit is not None else pairs


def _pair(a: Candidate, b: Candidate) -> DuplicatePair | None:
    reason = sure_reason(a, b)
    sure = reason is not None
    if reason is None:
        reason = possible_reason(a, b)
    if reason is None:
        return None
    return DuplicatePair(a.key, b.key, reason, sure, a.display_name, b.display_name)


def differences(first: int, second: int) -> list[tuple[str, str, str]]:
    """(label, first's value, second's value) of the compared fields, with "same" rows left
    out when both are equal."""
    a = PersonForm.from_person(Person.get_by_id(first))
    b = PersonForm.from_person(Person.get_by_id(second))
    rows = []
    for name, label in COMPARED:
        mine, theirs = getattr(a, name), getattr(b, name)
        if (mine or theirs) and mine != theirs:
            rows.append((label, mine, theirs))
    for label, mine, theirs in (
        ("More details", len(a.entries), len(b.entries)),
        ("Addresses", len(a.addresses), len(b.addresses)),
    ):
        if mine or theirs:
            rows.append((label, str(mine), str(theirs)))
    return rows


@dataclass(frozen=True)
class Merged:
    """What :func:`merge_people` did: both people as they were (for undo), the Changes, and
    the referrals that could not move (they come back with the undo)."""

    kept: dict
    removed: dict
    changes: Changes
    dropped_referrals: int = 0
    moved: dict[str, list[int]] = field(default_factory=dict)


def snapshot(person_id: int) -> dict:
    """Every row of a person, as ``people.delete_person`` keeps them."""
    shot = {"person": Person.select().where(Person.id == person_id).dicts().get()}
    for model, owner in _OWNED:
        if model is InterviewQuestion:
            query = model.select().join(Interview).where(Interview.person == person_id)
        else:
            query = model.select().where(owner == person_id)
        shot[model._meta.table_name] = list(query.dicts())
    shot["referral"] = list(Referral.select().where(
        (Referral.referrer == person_id) | (Referral.referred == person_id)).dicts())
    return shot


def merge_people(keep: int, remove: int) -> Merged:
    """Merge person ``remove`` into person ``keep`` in one transaction (see the module)."""
    if keep == remove:
        raise ValueError("a person cannot be merged with themselves")
    with database_proxy.atomic():
        kept, removed = snapshot(keep), snapshot(remove)
        details = PersonForm.from_person(Person.get_by_id(remove))
        record = PersonDetails(**{f.name: getattr(details, f.name)
                                  for f in dataclass_fields(PersonDetails)})
        record.career_fields = []  # the links move as they are
        target = load_people([keep])[keep]
        merge_into(target, record, other="merged")
        organization = None
        if "organization" in target.changed:
            organization = organization_named(target.values["organization"])
        _write_merge(target, organization.id if organization else None)
        moved = {}
        for model in (Interview, Interaction, FollowUp):
            moved[model._meta.table_name] = [row[0] for row in model.select(model.id).where(
                model.person == remove).tuples()]
            model.update(person=keep).where(model.person == remove).execute()
        PersonCareerField.update(person=keep).where(
            (PersonCareerField.person == remove) & PersonCareerField.career_field.not_in(
                PersonCareerField.select(PersonCareerField.career_field).where(
                    PersonCareerField.person == keep))).execute()
        dropped = _move_referrals(keep, remove)
        Person.delete_by_id(remove)
        refresh_last_contact([keep])
    others = {row["referrer"] for row in removed["referral"]} | {
        row["referred"] for row in removed["referral"]}
    changes = Changes(
        person_fields={keep: ALL_FIELDS} | {o: frozenset({"referred_by"})
                                           for o in others - {keep, remove}},
        people_removed=frozenset({remove}), referrals=bool(removed["referral"]),
        interviews=frozenset(moved["interview"]), follow_ups=frozenset(moved["follow_up"]),
        interactions=frozenset(moved["interaction"]),
        organizations=frozenset({organization.id}) if organization else frozenset(), id=keep)
    return Merged(kept, removed, changes, dropped, moved)


def _write_merge(person: MergedPerson, organization_id: int | None) -> None:
    """Write what :func:`merge_into` changed and added to the kept person."""
    values = {name: person.values[name] for name in person.changed if name in TEXT_COLUMNS}
    if "organization" in person.changed:
        values["organization"] = organization_id
    if values:
        Person.update(**values, updated=now()).where(Person.id == person.id).execute()
    if person.new_entries:
        PersonEntry.insert_many([
            {"person": person.id, "kind": e.kind, "label": e.label.strip(),
             "value": e.value.strip(), "position": position}
            for position, e in enumerate(person.new_entries, start=len(person.entries))
        ]).execute()
    if person.new_addresses:
        PostalAddress.insert_many([
            {"person": person.id, "position": position, "label": a.label, "street": a.street,
             "city": a.city, "region": a.region, "postal_code": a.postal_code,
             "country": a.country}
            for position, a in enumerate(person.new_addresses, start=len(person.addresses))
        ]).execute()
    if person.new_photo and not person.has_photo:
        PersonPhoto.insert(person=person.id, image=person.new_photo).execute()


def _move_referrals(keep: int, remove: int) -> int:
    """Point ``remove``'s referrals at ``keep``; return how many could not move."""
    rows = list(Referral.select().where(
        (Referral.referrer == remove) | (Referral.referred == remove)).order_by(Referral.id)
        .dicts())
    Referral.delete().where((Referral.referrer == remove)
                            | (Referral.referred == remove)).execute()
    dropped = 0
    for row in rows:
        referrer = keep if row["referrer"] == remove else row["referrer"]
        referred = keep if row["referred"] == remove else row["referred"]
        try:
            check_referral(referrer, referred)
        except ReferralError:
            dropped += 1
            continue
        Referral.insert({**row, "referrer": referrer, "referred": referred}).execute()
    return dropped


def unmerge_people(merged: Merged) -> Changes:
    """Put both people back as they were before :func:`merge_people`, with their rows."""
    keep = merged.kept["person"]["id"]
    with database_proxy.atomic():
        Person.delete_by_id(keep)  # with everything moved onto them
        remove = merged.removed["person"]["id"]
        kept = dict(merged.kept)  # the referrals between the two go back with the second
        kept["referral"] = [r for r in merged.kept["referral"]
                            if remove not in (r["referrer"], r["referred"])]
        changes = restore_person(kept)
        changes |= restore_person(merged.removed)
    return changes | Changes(person_fields={keep: ALL_FIELDS})
