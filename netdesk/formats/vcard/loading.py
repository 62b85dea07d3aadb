"""Every person of the bound database with all their fields, for the vCard export, in a
handful of queries (one per table, never one per person)."""

from __future__ import annotations

import gc
from collections.abc import Mapping

from netdesk.core.person_details import Address, Entry, PersonDetails
from netdesk.db.dialect import group_concat, is_server
from netdesk.db.models import database_proxy
from netdesk.formats.vcard.writing import CardPerson

_PERSON_SQL = (  # {names}: the career fields' names joined by the unit separator (31)
    "SELECT p.id, p.first_name, p.last_name, p.name_prefix, p.middle_name, p.name_suffix, "
    "       p.nickname, p.email, p.email_label, p.phone, p.phone_label, p.linkedin_url, "
    "       coalesce(o.name, ''), p.department, p.job_title, p.birthday, p.relationship, "
    "       p.source, p.stage, p.tags, p.notes, p.research_notes, p.record_source, "
    "       p.consent, p.consent_date, "
    "       (SELECT {names} FROM "
    "          (SELECT c.name FROM person_career_field pc "
    "             JOIN career_field c ON c.id = pc.career_field_id "
    "            WHERE pc.person_id = p.id ORDER BY c.name) AS names) "
    "  FROM person p LEFT JOIN organization o ON o.id = p.organization_id "
    " ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id"
)
_FIELDS = ("first_name", "last_name", "name_prefix", "middle_name", "name_suffix",
           "nickname", "email", "email_label", "phone", "phone_label", "linkedin_url",
           "organization", "department", "job_title", "birthday", "relationship", "source",
           "stage", "tags", "notes", "research_notes", "record_source", "consent",
           "consent_date")


def uid_of(person_id: int) -> str:
    """The UID netdesk writes for a person's card."""
    return f"netdesk-person-{person_id}"


def card_people(uids: Mapping[int, str] | None = None) -> list[CardPerson]:
    """Every person, ordered by name (as the CSV export), with entries, addresses, photo,
    career fields and who referred them (the latest referral, as the editor shows it).

    The garbage collector rests while the people are built: they are all kept, and its
    passes over tens of thousands of new objects would double the time.

    ``uids`` gives the UID of each person id (the sync's stable ones); by default
    :func:`uid_of`.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _card_people(uids)
    finally:
        if collecting:
            gc.enable()


def _card_people(uids: Mapping[int, str] | None = None) -> list[CardPerson]:
    uid = uid_of if uids is None else (lambda person_id: uids.get(person_id) or uid_of(person_id))
    execute = database_proxy.execute_sql
    people: dict[int, CardPerson] = {}
    ordered: list[CardPerson] = []
    new = PersonDetails.__new__
    separator = "chr(31)" if is_server() else "char(31)"
    for row in execute(_PERSON_SQL.format(names=group_concat("name", separator))):
        details = new(PersonDetails)  # every field set here: quicker than __init__
        details.__dict__.update(zip(_FIELDS, row[1:-1], strict=True))
        details.career_fields = row[-1].split("\x1f") if row[-1] else []
        details.entries, details.addresses, details.photo = [], [], b""
        person = CardPerson(details, uid(row[0]), person_id=row[0])
        people[row[0]] = person
        ordered.append(person)
    for person_id, kind, value, label in execute(
            "SELECT person_id, kind, value, label FROM person_entry "
            "ORDER BY person_id, position, id"):
        people[person_id].details.entries.append(Entry(kind, value, label))
    for person_id, *parts in execute(
            "SELECT person_id, label, street, city, region, postal_code, country "
            "FROM postal_address ORDER BY person_id, position, id"):
        people[person_id].details.addresses.append(Address(*parts))
    for person_id, image in execute("SELECT person_id, image FROM person_photo"):
        people[person_id].details.photo = bytes(image)
    for referred, referrer in execute(
            "SELECT referred_id, referrer_id FROM referral ORDER BY id"):
        source = people[referrer].details
        people[referred].referred_by = " ".join(
            p for p in (source.first_name, source.last_name) if p)
        people[referred].referred_by_uid = uid(referrer)
    return ordered
