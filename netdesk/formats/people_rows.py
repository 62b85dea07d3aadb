"""People and organizations of the bound database as plain dicts, for the exporters."""

from __future__ import annotations

from netdesk.core.person_details import Address, Entry
from netdesk.db.dialect import group_concat
from netdesk.db.models import database_proxy

PERSON_COLUMNS = (
    "id", "first_name", "last_name", "email", "phone", "linkedin_url", "organization",
    "job_title", "relationship", "source", "stage", "tags", "notes", "research_notes",
    "career_fields", "name_prefix", "middle_name", "name_suffix", "nickname", "department",
    "birthday", "email_label", "phone_label", "record_source", "consent", "consent_date",
)
"""The keys of each person's dict, besides ``entries`` and ``addresses`` (lists of
:class:`Entry` and :class:`Address`, in the person's order). Photos are not read."""
ORGANIZATION_COLUMNS = ("id", "name", "sector", "website", "culture_notes", "notes", "people")


def people_rows() -> list[dict]:
    """Every person, ordered by name, with the organization's name, career field names,
    further entries and postal addresses."""
    names = group_concat("name", "'; '")
    cursor = database_proxy.execute_sql(
        "SELECT p.id, p.first_name, p.last_name, p.email, p.phone, p.linkedin_url, "
        "       coalesce(o.name, ''), p.job_title, p.relationship, p.source, p.stage, p.tags, "
        "       p.notes, p.research_notes, "
        f"       coalesce((SELECT {names} FROM "
        "                   (SELECT c.name FROM person_career_field pc "
        "                      JOIN career_field c ON c.id = pc.career_field_id "
        "                     WHERE pc.person_id = p.id ORDER BY c.name) AS names), ''), "
        "       p.name_prefix, p.middle_name, p.name_suffix, p.nickname, p.department, "
        "       p.birthday, p.email_label, p.phone_label, p.record_source, p.consent, "
        "       p.consent_date "
        "  FROM person p LEFT JOIN organization o ON o.id = p.organization_id "
        " ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id"
    )
    rows = [dict(zip(PERSON_COLUMNS, row, strict=True)) for row in cursor]
    entries: dict[int, list[Entry]] = {}
    for person_id, kind, value, label in database_proxy.execute_sql(
            "SELECT person_id, kind, value, label FROM person_entry "
            "ORDER BY person_id, position, id"):
        entries.setdefault(person_id, []).append(Entry(kind, value, label))
    addresses: dict[int, list[Address]] = {}
    for person_id, *fields in database_proxy.execute_sql(
            "SELECT person_id, label, street, city, region, postal_code, country "
            "FROM postal_address ORDER BY person_id, position, id"):
        addresses.setdefault(person_id, []).append(Address(*fields))
    for row in rows:
        row["entries"] = entries.get(row["id"], [])
        row["addresses"] = addresses.get(row["id"], [])
    return rows


def organization_rows() -> list[dict]:
    """Every organization, ordered by name, with how many people work there."""
    cursor = database_proxy.execute_sql(
        "SELECT o.id, o.name, o.sector, o.website, o.culture_notes, o.notes, "
        "       (SELECT count(*) FROM person p WHERE p.organization_id = o.id) "
        "  FROM organization o ORDER BY o.name COLLATE NOCASE, o.id"
    )
    return [dict(zip(ORGANIZATION_COLUMNS, row, strict=True)) for row in cursor]
