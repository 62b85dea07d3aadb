"""Organizations: validating and saving the organization editor's fields."""

from __future__ import annotations

from dataclasses import dataclass

from netdesk.core.people import is_web_url, normalise_name
from netdesk.db.models import SECTORS, Organization, Person, database_proxy


@dataclass
class OrganizationForm:
    name: str = ""
    sector: str = ""
    website: str = ""
    culture_notes: str = ""
    notes: str = ""


def validate(form: OrganizationForm, organization_id: int | None = None) -> dict[str, str]:
    """Problems keyed by field name; empty when the form can be saved."""
    problems: dict[str, str] = {}
    name = normalise_name(form.name)
    if not name:
        problems["name"] = "The organization needs a name."
    else:
        other = Organization.get_or_none(Organization.name == name)
        if other is not None and other.id != organization_id:
            problems["name"] = f"Another organization is already called {other.name}."
    if form.sector not in ("", *SECTORS):
        problems["sector"] = "Choose a sector from the list."
    if form.website.strip() and not is_web_url(form.website.strip()):
        problems["website"] = "Enter a web address starting with https://"
    return problems


def save_organization(organization_id: int | None, form: OrganizationForm) -> int:
    """Insert or update an organization in one transaction; ValueError names the first problem."""
    problems = validate(form, organization_id)
    if problems:
        raise ValueError(next(iter(problems.values())))
    with database_proxy.atomic():
        organization = (Organization.get_by_id(organization_id) if organization_id
                        else Organization())
        organization.name = normalise_name(form.name)
        organization.sector = form.sector
        organization.website = form.website.strip()
        organization.culture_notes = form.culture_notes
        organization.notes = form.notes
        organization.save()
    return organization.id


def staff(organization_id: int) -> list[tuple[int, str, str]]:
    """(person id, name, job title) of the organization's people, by name."""
    query = (Person.select(Person.id, Person.first_name, Person.last_name, Person.job_title)
             .where(Person.organization == organization_id)
             .order_by(Person.last_name, Person.first_name))
    return [(p.id, p.full_name, p.job_title) for p in query]
