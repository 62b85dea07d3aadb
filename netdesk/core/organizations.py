"""Organizations: saving the editor's fields, and renaming, merging and deleting them.

Every write runs in one transaction and returns the :class:`Changes` it made: the
organization ids touched, and the people whose organization moved or was renamed
(``person_fields`` ``{"organization"}``), so the tree, the graph filters, the dashboard
and an open person editor all follow. The catalog helpers here (:class:`NameTaken`,
:class:`InUse`, :class:`CatalogRow`, :func:`like_pattern`) are shared with
:mod:`netdesk.core.career_fields`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from peewee import Value, fn

from netdesk.core.changes import NOTHING, Changes
from netdesk.core.matching import organization_key
from netdesk.core.people import is_web_url, normalise_name
from netdesk.db import dialect
from netdesk.db.models import (
    SECTORS,
    CareerField,
    Interview,
    LampEntry,
    Organization,
    OrganizationCareerField,
    Person,
    database_proxy,
    now,
)

SORT_KEYS = ("name", "sector", "people", "interviews")


class NameTaken(ValueError):
    """Another record already has this name (case and spacing ignored): offer a merge.

    Attributes:
        existing_id: the id of the record that has the name.
        existing_name: its name as stored.
    """

    def __init__(self, kind: str, existing_id: int, existing_name: str):
        super().__init__(f"Another {kind} is already called {existing_name}.")
        self.existing_id = existing_id
        self.existing_name = existing_name


class InUse(ValueError):
    """A record still used by people (or interviews) cannot be deleted.

    Attributes:
        people: how many people use it.
        interviews: how many interviews use it (career fields only).
    """

    def __init__(self, message: str, people: int, interviews: int = 0):
        super().__init__(message)
        self.people = people
        self.interviews = interviews


class CatalogRow(NamedTuple):
    """One organization or career field with how much it is used."""

    id: int
    name: str
    people: int
    interviews: int
    sector: str = ""  # organizations only


def like_pattern(text: str) -> str:
    """A LIKE pattern (``ESCAPE '\\'``) matching ``text`` anywhere, ``%`` and ``_`` literal."""
    escaped = normalise_name(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


# Saving from the editor ---------------------------------------------------------------------


@dataclass
class OrganizationForm:
    name: str = ""
    sector: str = ""
    website: str = ""
    culture_notes: str = ""
    notes: str = ""


def organization_called(name: str, except_id: int | None = None) -> Organization | None:
    """The organization named ``name``, case and spacing ignored (``except_id`` aside)."""
    name = normalise_name(name)
    if not name:
        return None
    query = Organization.select().where(Organization.name == name)
    if except_id is not None:
        query = query.where(Organization.id != except_id)
    found = query.first()
    if found is not None:
        return found
    # SQLite's NOCASE folds ASCII only, and imports may have kept odd spacing.
    key = organization_key(name)
    for organization_id, other in Organization.select(Organization.id, Organization.name).tuples():
        if organization_id != except_id and organization_key(other) == key:
            return Organization.get_by_id(organization_id)
    return None


def validate(form: OrganizationForm, organization_id: int | None = None) -> dict[str, str]:
    """Problems keyed by field name; empty when the form can be saved."""
    problems: dict[str, str] = {}
    name = normalise_name(form.name)
    if not name:
        problems["name"] = "The organization needs a name."
    elif (other := organization_called(name, organization_id)) is not None:
        problems["name"] = f"Another organization is already called {other.name}."
    if form.sector not in ("", *SECTORS):
        problems["sector"] = "Choose a sector from the list."
    if form.website.strip() and not is_web_url(form.website.strip()):
        problems["website"] = "Enter a web address starting with https://"
    return problems


def save_organization(organization_id: int | None, form: OrganizationForm,
                      merge: bool = False) -> Changes:
    """Insert or update an organization in one transaction.

    Returns Changes with the organization's id (``id``) and its staff in
    ``person_fields`` (``{"organization"}``). When another organization already has
    the name, raises :class:`NameTaken`, unless ``merge`` is set for an existing
    organization: then its other fields are saved and it is merged into that one
    (``id`` is the one kept). Raises ValueError naming the first other problem.
    """
    name = normalise_name(form.name)
    other = organization_called(name, organization_id) if name else None
    if other is not None and not (merge and organization_id is not None):
        raise NameTaken("organization", other.id, other.name)
    problems = {k: v for k, v in validate(form, organization_id).items()
                if not (other is not None and k == "name")}
    if problems:
        raise ValueError(next(iter(problems.values())))
    with database_proxy.atomic():
        organization = (Organization.get_by_id(organization_id) if organization_id
                        else Organization())
        if other is None:
            organization.name = name
        organization.sector = form.sector
        organization.website = form.website.strip()
        organization.culture_notes = form.culture_notes
        organization.notes = form.notes
        organization.save()
        if other is not None:
            return merge_organizations([organization.id], other.id)
        staff_ids = _staff_ids([organization.id])
    return Changes(organizations=frozenset({organization.id}),
                   person_fields={i: frozenset({"organization"}) for i in staff_ids},
                   id=organization.id)


def staff(organization_id: int) -> list[tuple[int, str, str]]:
    """(person id, name, job title) of the organization's people, by name."""
    query = (Person.select(Person.id, Person.first_name, Person.last_name, Person.job_title)
             .where(Person.organization == organization_id)
             .order_by(Person.last_name, Person.first_name))
    return [(p.id, p.full_name, p.job_title) for p in query]


# The catalog: listing, renaming, merging, deleting ------------------------------------------

_ORDER = {"name": "o.name COLLATE NOCASE", "sector": "o.sector", "people": "people",
          "interviews": "interviews"}


def organization_rows(filter_text: str = "", sort: str = "name",
                      descending: bool = False) -> list[CatalogRow]:
    """Every organization whose name contains ``filter_text``, with its people and their
    interviews counted, in one query sorted by ``sort`` (one of :data:`SORT_KEYS`)."""
    if sort not in _ORDER:
        raise ValueError(f"unknown sort {sort!r}")
    order = _ORDER[sort] + (" DESC" if descending else "")
    if sort == "sector":
        order = f"o.sector = '', {order}"  # organizations without a sector last, either way
    rows = database_proxy.execute_sql(
        "SELECT o.id, o.name, coalesce(pc.n, 0) AS people, coalesce(ic.n, 0) AS interviews, "
        "o.sector FROM organization o "
        "LEFT JOIN (SELECT organization_id, count(*) AS n FROM person "
        "           WHERE organization_id IS NOT NULL GROUP BY organization_id) pc "
        "       ON pc.organization_id = o.id "
        "LEFT JOIN (SELECT p.organization_id, count(*) AS n FROM interview i "
        "           JOIN person p ON p.id = i.person_id "
        "           WHERE p.organization_id IS NOT NULL GROUP BY p.organization_id) ic "
        "       ON ic.organization_id = o.id "
        f"WHERE {dialect.like_condition('o.name')} "
        f"ORDER BY {order}, o.name COLLATE NOCASE, o.id",
        (like_pattern(filter_text),),
    )
    return [CatalogRow(*row) for row in rows]


def unused_organizations() -> list[int]:
    """Ids of the organizations nobody in the network belongs to."""
    return [i for (i,) in Organization.select(Organization.id)
            .where(Organization.id.not_in(
                Person.select(Person.organization).where(Person.organization.is_null(False))))
            .tuples()]


def rename_organization(organization_id: int, name: str) -> Changes:
    """Give an organization a new name; its staff see it at once.

    Raises :class:`NameTaken` when another organization already has the name (the
    caller offers :func:`merge_organizations` instead), ValueError when it is empty.
    """
    name = normalise_name(name)
    if not name:
        raise ValueError("The organization needs a name.")
    with database_proxy.atomic():
        organization = Organization.get_by_id(organization_id)
        other = organization_called(name, organization_id)
        if other is not None:
            raise NameTaken("organization", other.id, other.name)
        if organization.name == name:
            return NOTHING
        Organization.update(name=name, updated=now()).where(
            Organization.id == organization_id).execute()
        staff_ids = _staff_ids([organization_id])
    return Changes(organizations=frozenset({organization_id}),
                   person_fields={i: frozenset({"organization"}) for i in staff_ids},
                   id=organization_id)


@dataclass(frozen=True)
class Merged:
    """A merge done, and what it takes to undo it.

    Attributes:
        changes: what the merge changed.
        snapshot: the rows as they were, for :func:`unmerge_organizations` (or
            :func:`netdesk.core.career_fields.unmerge_career_fields`); plain data.
    """

    changes: Changes
    snapshot: dict


def merge_organizations(source_ids: Iterable[int], target_id: int) -> Changes:
    """Fold ``source_ids`` into ``target_id`` in one transaction, then delete them.

    Their people (and so their interviews) and career-field links move to the target;
    the target keeps its own sector and website and takes a source's where it has none;
    notes and culture notes of the sources are added below the target's. A place on the
    LAMP list moves to the target too (:func:`_merge_lamp_entries`). Raises ValueError
    when an organization is missing.
    """
    return merge_organizations_undoably(source_ids, target_id).changes


def merge_organizations_undoably(source_ids: Iterable[int], target_id: int) -> Merged:
    """:func:`merge_organizations`, also handing back the snapshot that undoes it."""
    sources = sorted({int(i) for i in source_ids} - {int(target_id)})
    if not sources:
        return Merged(NOTHING, {})
    with database_proxy.atomic():
        target = Organization.get_or_none(Organization.id == target_id)
        found = list(Organization.select().where(Organization.id.in_(sources))
                     .order_by(Organization.name))
        if target is None or len(found) != len(sources):
            raise ValueError("That organization no longer exists.")
        snapshot = {
            "target": Organization.select().where(Organization.id == target.id).dicts().get(),
            "sources": list(Organization.select().where(Organization.id.in_(sources)).dicts()),
            "people": list(Person.select(Person.id, Person.organization, Person.updated)
                           .where(Person.organization.in_(sources)).tuples()),
            "links": list(OrganizationCareerField.select(
                OrganizationCareerField.organization, OrganizationCareerField.career_field)
                .where(OrganizationCareerField.organization.in_(sources)).tuples()),
            "target_links": [i for (i,) in OrganizationCareerField.select(
                OrganizationCareerField.career_field)
                .where(OrganizationCareerField.organization == target.id).tuples()],
        }
        snapshot["lamp"] = list(LampEntry.select().where(
            LampEntry.organization.in_([target.id, *sources])).dicts())
        moved = _staff_ids(sources)
        interviews = [i for (i,) in Interview.select(Interview.id)
                      .where(Interview.person.in_(moved)).tuples()] if moved else []
        OrganizationCareerField.insert_from(
            OrganizationCareerField.select(Value(target.id), OrganizationCareerField.career_field)
            .where(OrganizationCareerField.organization.in_(sources)),
            [OrganizationCareerField.organization, OrganizationCareerField.career_field],
        ).on_conflict_ignore().execute()
        OrganizationCareerField.delete().where(
            OrganizationCareerField.organization.in_(sources)).execute()
        Person.update(organization=target.id, updated=now()).where(
            Person.organization.in_(sources)).execute()
        for source in found:
            target.sector = target.sector or source.sector
            target.website = target.website or source.website
            target.culture_notes = joined_text(target.culture_notes, source.culture_notes)
            target.notes = joined_text(target.notes, source.notes)
        target.save()
        _merge_lamp_entries(target.id, snapshot["lamp"])
        Organization.delete().where(Organization.id.in_(sources)).execute()
    changes = Changes(organizations=frozenset({target.id, *sources}),
                      person_fields={i: frozenset({"organization"}) for i in moved},
                      interviews=frozenset(interviews), lamp=bool(snapshot["lamp"]),
                      id=target.id)
    return Merged(changes, snapshot)


def _merge_lamp_entries(target_id: int, entries: list[dict]) -> None:
    """One LAMP list entry for ``target_id`` out of the ``entries`` of the organizations
    merged (the target's own among them): the higher motivation and posting, a yes to
    advocacy set by hand over a no (and a no over none), the target's own pass (else the
    one found first), and the earlier place in the order added. The entry kept is the
    target's, else the one found first; the others go."""
    if not entries:
        return
    by_place = sorted(entries, key=lambda e: (e["organization"] != target_id,
                                              e["position"], e["id"]))
    kept = by_place[0]
    overrides = [e["advocacy_override"] for e in entries if e["advocacy_override"] is not None]
    values = {
        "organization": target_id,
        "motivation": max(e["motivation"] for e in entries),
        "posting": max(e["posting"] for e in entries),
        "advocacy_override": max(overrides) if overrides else None,
        "position": min(e["position"] for e in entries),
        "found_in": kept["found_in"] if kept["organization"] == target_id else min(
            entries, key=lambda e: (e["position"], e["id"]))["found_in"],
        "updated": now(),
    }
    LampEntry.delete().where(LampEntry.id.in_(
        [e["id"] for e in entries if e["id"] != kept["id"]])).execute()
    LampEntry.update(values).where(LampEntry.id == kept["id"]).execute()


def unmerge_organizations(snapshot: dict) -> Changes:
    """Undo a merge from its :class:`Merged` snapshot, in one transaction: the merged
    organizations come back with their ids, the people still in the target go back to
    theirs, the target's fields, career-field links and LAMP list entries are as they
    were before.

    A merged organization whose id a newer one has taken comes back under a new id
    (``changes.organizations`` holds the ids it has now). Raises ValueError (nothing
    changed) when the target is gone, or another organization has taken the name of one
    to bring back.
    """
    if not snapshot:
        return NOTHING
    target = snapshot["target"]
    with database_proxy.atomic():
        ids = restore_merged(Organization, snapshot, "organization")
        back = []
        for person_id, organization_id, updated in snapshot["people"]:
            if Person.update(organization=ids[organization_id], updated=updated).where(
                    (Person.id == person_id)
                    & (Person.organization == target["id"])).execute():
                back.append(person_id)
        added = {cf for _org, cf in snapshot["links"]} - set(snapshot["target_links"])
        if added:
            OrganizationCareerField.delete().where(
                (OrganizationCareerField.organization == target["id"])
                & OrganizationCareerField.career_field.in_(sorted(added))).execute()
        links = [(ids[org], cf) for org, cf in snapshot["links"]
                 if CareerField.get_or_none(CareerField.id == cf) is not None]
        if links:
            OrganizationCareerField.insert_many(
                links, fields=[OrganizationCareerField.organization,
                               OrganizationCareerField.career_field]
            ).on_conflict_ignore().execute()
        interviews = [i for (i,) in Interview.select(Interview.id)
                      .where(Interview.person.in_(back)).tuples()] if back else []
        lamp = snapshot.get("lamp", [])
        if lamp:  # the entries as they were, each with its organization again
            LampEntry.delete().where(LampEntry.organization == target["id"]).execute()
            restore_rows(LampEntry, [{**row, "organization": ids.get(row["organization"],
                                                                     row["organization"])}
                                     for row in lamp])
    return Changes(organizations=frozenset({target["id"], *ids.values()}),
                   person_fields={i: frozenset({"organization"}) for i in back},
                   interviews=frozenset(interviews), lamp=bool(lamp), id=target["id"])


def organizations_in_use(organization_ids: Iterable[int]) -> InUse | None:
    """Why these organizations cannot be deleted (people belong to them), or None."""
    used = list(Organization.select(Organization.name, fn.count(Person.id))
                .join(Person).where(Organization.id.in_(list(organization_ids)))
                .group_by(Organization.id).order_by(Organization.name).tuples())
    if not used:
        return None
    name, count = used[0]
    more = f" (and {plural(len(used) - 1, 'other')} selected)" if len(used) > 1 else ""
    return InUse(
        f"{name}{more} is the organization of {plural(count, 'person', 'people')} in your "
        "network, so it cannot be deleted. Merge it into another organization, or change "
        "their organization first.", sum(n for _, n in used))


def delete_organization(organization_id: int) -> Changes:
    """Delete an organization nobody belongs to; :class:`InUse` says how many do."""
    return delete_organizations([organization_id])


def delete_organizations(organization_ids: Iterable[int]) -> Changes:
    """Delete organizations nobody belongs to, all or none; :class:`InUse` says who stops it."""
    ids = sorted({int(i) for i in organization_ids})
    if not ids:
        return NOTHING
    with database_proxy.atomic():
        problem = organizations_in_use(ids)
        if problem is not None:
            raise problem
        listed = LampEntry.select().where(LampEntry.organization.in_(ids)).exists()
        deleted = Organization.delete().where(Organization.id.in_(ids)).execute()
    if not deleted:
        return NOTHING
    return Changes(organizations=frozenset(ids), lamp=listed)  # their LAMP entries go too


def delete_unused_organizations() -> Changes:
    """Delete every organization nobody belongs to, in one transaction."""
    with database_proxy.atomic():
        return delete_organizations(unused_organizations())


# Helpers -------------------------------------------------------------------------------------


def joined_text(mine: str, theirs: str) -> str:
    """``mine`` with ``theirs`` added below it, unless it is empty or already there."""
    theirs = theirs.strip()
    if not theirs or theirs in mine:
        return mine
    return f"{mine.rstrip()}\n\n{theirs}" if mine.strip() else theirs


def restore_merged(model, snapshot: dict, what: str) -> dict[int, int]:
    """The first half of undoing a merge of ``model`` rows (organizations, career fields),
    inside the caller's transaction: check the target is still there and every merged
    name is still free (ValueError, nothing changed, when not), bring the merged rows back
    and the target's own fields as they were. Returns old id → id now of the merged rows.
    ``what`` names the kind of row in messages ("organization")."""
    target = snapshot["target"]
    if model.get_or_none(model.id == target["id"]) is None:
        raise ValueError(f"{target['name']} no longer exists, so the merge cannot be "
                         "undone.")
    for row in snapshot["sources"]:
        if model.get_or_none(model.name == row["name"]) is not None:
            raise ValueError(f"Another {what} is called {row['name']} now, so "
                             "the merge cannot be undone.")
    ids = restore_rows(model, snapshot["sources"])
    model.update({key: value for key, value in target.items() if key != "id"}) \
        .where(model.id == target["id"]).execute()
    return ids


def restore_rows(model, rows: list[dict]) -> dict[int, int]:
    """Insert ``rows`` (as read with ``.dicts()``) again, each with its old id unless a
    newer row has taken it meanwhile; old id → id now."""
    ids = {}
    for row in rows:
        values = dict(row)
        if model.get_or_none(model.id == row["id"]) is not None:
            del values["id"]
            ids[row["id"]] = model.insert(values).execute()
        else:
            model.insert(values).execute()
            ids[row["id"]] = row["id"]
    return ids


def _staff_ids(organization_ids: list[int]) -> list[int]:
    return [i for (i,) in Person.select(Person.id)
            .where(Person.organization.in_(organization_ids)).tuples()]
