"""Career fields: listing them with their use, and renaming, merging and deleting them.

Every write runs in one transaction and returns the :class:`Changes` it made: the
career field ids touched, the people whose fields changed (``person_fields``
``{"career_fields"}``) and the interviews moved to another field, so the tree, the
graph filters, the dashboard's coverage matrix and an open person editor all follow.
"""

from __future__ import annotations

from collections.abc import Iterable

from peewee import Value, fn

from netdesk.core.changes import NOTHING, Changes
from netdesk.core.matching import organization_key
from netdesk.core.organizations import (
    CatalogRow,
    InUse,
    Merged,
    NameTaken,
    joined_text,
    like_pattern,
    plural,
    restore_merged,
)
from netdesk.core.people import normalise_name
from netdesk.db import dialect
from netdesk.db.models import (
    CareerField,
    Interview,
    OrganizationCareerField,
    PersonCareerField,
    database_proxy,
    now,
)

SORT_KEYS = ("name", "people", "interviews")

_LINKS = (("people", PersonCareerField, PersonCareerField.person),
          ("organizations", OrganizationCareerField, OrganizationCareerField.organization))
"""The link tables a merge moves: snapshot key, table, the column of who is linked."""

_ORDER = {"name": "f.name COLLATE NOCASE", "people": "people", "interviews": "interviews"}


def career_field_called(name: str, except_id: int | None = None) -> CareerField | None:
    """The career field named ``name``, case and spacing ignored (``except_id`` aside)."""
    name = normalise_name(name)
    if not name:
        return None
    query = CareerField.select().where(CareerField.name == name)
    if except_id is not None:
        query = query.where(CareerField.id != except_id)
    found = query.first()
    if found is not None:
        return found
    key = organization_key(name)  # NOCASE folds ASCII only
    for field_id, other in CareerField.select(CareerField.id, CareerField.name).tuples():
        if field_id != except_id and organization_key(other) == key:
            return CareerField.get_by_id(field_id)
    return None


def career_field_rows(filter_text: str = "", sort: str = "name",
                      descending: bool = False) -> list[CatalogRow]:
    """Every career field whose name contains ``filter_text``, with the people exploring
    it and its interviews counted, in one query sorted by ``sort``."""
    if sort not in _ORDER:
        raise ValueError(f"unknown sort {sort!r}")
    order = _ORDER[sort] + (" DESC" if descending else "")
    rows = database_proxy.execute_sql(
        "SELECT f.id, f.name, coalesce(pc.n, 0) AS people, coalesce(ic.n, 0) AS interviews "
        "FROM career_field f "
        "LEFT JOIN (SELECT career_field_id, count(*) AS n FROM person_career_field "
        "           GROUP BY career_field_id) pc ON pc.career_field_id = f.id "
        "LEFT JOIN (SELECT career_field_id, count(*) AS n FROM interview "
        "           WHERE career_field_id IS NOT NULL GROUP BY career_field_id) ic "
        "       ON ic.career_field_id = f.id "
        f"WHERE {dialect.like_condition('f.name')} "
        f"ORDER BY {order}, f.name COLLATE NOCASE, f.id",
        (like_pattern(filter_text),),
    )
    return [CatalogRow(*row) for row in rows]


def unused_career_fields() -> list[int]:
    """Ids of the career fields no person explores and no interview is about."""
    return [i for (i,) in CareerField.select(CareerField.id).where(
        CareerField.id.not_in(PersonCareerField.select(PersonCareerField.career_field)),
        CareerField.id.not_in(Interview.select(Interview.career_field)
                              .where(Interview.career_field.is_null(False))),
    ).tuples()]


def rename_career_field(career_field_id: int, name: str) -> Changes:
    """Give a career field a new name; its people and interviews show it at once.

    Raises :class:`NameTaken` when another field already has the name (the caller
    offers :func:`merge_career_fields` instead), ValueError when it is empty.
    """
    name = normalise_name(name)
    if not name:
        raise ValueError("The career field needs a name.")
    with database_proxy.atomic():
        career_field = CareerField.get_by_id(career_field_id)
        other = career_field_called(name, career_field_id)
        if other is not None:
            raise NameTaken("career field", other.id, other.name)
        if career_field.name == name:
            return NOTHING
        CareerField.update(name=name, updated=now()).where(
            CareerField.id == career_field_id).execute()
        people, interviews = _users([career_field_id])
    return Changes(career_fields=frozenset({career_field_id}),
                   person_fields={i: frozenset({"career_fields"}) for i in people},
                   interviews=frozenset(interviews), id=career_field_id)


def merge_career_fields(source_ids: Iterable[int], target_id: int) -> Changes:
    """Fold ``source_ids`` into ``target_id`` in one transaction, then delete them.

    Their people, organizations and interviews move to the target; someone who had
    both keeps one link. Descriptions of the sources are added below the target's.
    Raises ValueError when a career field is missing.
    """
    return merge_career_fields_undoably(source_ids, target_id).changes


def merge_career_fields_undoably(source_ids: Iterable[int], target_id: int) -> Merged:
    """:func:`merge_career_fields`, also handing back the snapshot that undoes it."""
    sources = sorted({int(i) for i in source_ids} - {int(target_id)})
    if not sources:
        return Merged(NOTHING, {})
    with database_proxy.atomic():
        target = CareerField.get_or_none(CareerField.id == target_id)
        found = list(CareerField.select().where(CareerField.id.in_(sources))
                     .order_by(CareerField.name))
        if target is None or len(found) != len(sources):
            raise ValueError("That career field no longer exists.")
        snapshot = {
            "target": CareerField.select().where(CareerField.id == target.id).dicts().get(),
            "sources": list(CareerField.select().where(CareerField.id.in_(sources)).dicts()),
            "interviews": list(Interview.select(Interview.id, Interview.career_field,
                                                Interview.updated)
                               .where(Interview.career_field.in_(sources)).tuples()),
        }
        for name, link, owner in _LINKS:
            snapshot[name] = list(link.select(owner, link.career_field)
                                  .where(link.career_field.in_(sources)).tuples())
            snapshot[f"target_{name}"] = [i for (i,) in link.select(owner).where(
                link.career_field == target.id).tuples()]
        people, interviews = _users(sources)
        for _name, link, owner in _LINKS:
            link.insert_from(
                link.select(owner, Value(target.id)).where(link.career_field.in_(sources)),
                [owner, link.career_field],
            ).on_conflict_ignore().execute()
            link.delete().where(link.career_field.in_(sources)).execute()
        Interview.update(career_field=target.id, updated=now()).where(
            Interview.career_field.in_(sources)).execute()
        for source in found:
            target.description = joined_text(target.description, source.description)
        target.save()
        CareerField.delete().where(CareerField.id.in_(sources)).execute()
    changes = Changes(career_fields=frozenset({target.id, *sources}),
                      person_fields={i: frozenset({"career_fields"}) for i in people},
                      interviews=frozenset(interviews), id=target.id)
    return Merged(changes, snapshot)


def unmerge_career_fields(snapshot: dict) -> Changes:
    """Undo a merge from its :class:`Merged` snapshot, in one transaction: the merged
    career fields come back with their ids, with their people, organizations and the
    interviews still in the target; the target is as it was.

    A merged career field whose id a newer one has taken comes back under a new id
    (``changes.career_fields`` holds the ids it has now). Raises ValueError (nothing
    changed) when the target is gone, or another career field has taken the name of one
    to bring back.
    """
    if not snapshot:
        return NOTHING
    target = snapshot["target"]
    with database_proxy.atomic():
        ids = restore_merged(CareerField, snapshot, "career field")
        people = set()
        for name, link, owner in _LINKS:
            rows = snapshot[name]
            added = {who for who, _cf in rows} - set(snapshot[f"target_{name}"])
            if added:
                link.delete().where((link.career_field == target["id"])
                                    & owner.in_(sorted(added))).execute()
            alive = {i for (i,) in owner.rel_model.select(owner.rel_model.id).where(
                owner.rel_model.id.in_(sorted({who for who, _cf in rows}))).tuples()}
            rows = [(who, ids[cf]) for who, cf in rows if who in alive]
            if rows:
                link.insert_many(rows, fields=[owner, link.career_field]) \
                    .on_conflict_ignore().execute()
            if link is PersonCareerField:
                people = {who for who, _cf in rows}
        interviews = []
        for interview_id, career_field_id, updated in snapshot["interviews"]:
            if Interview.update(career_field=ids[career_field_id], updated=updated).where(
                    (Interview.id == interview_id)
                    & (Interview.career_field == target["id"])).execute():
                interviews.append(interview_id)
    return Changes(career_fields=frozenset({target["id"], *ids.values()}),
                   person_fields={i: frozenset({"career_fields"}) for i in people},
                   interviews=frozenset(interviews), id=target["id"])


def career_fields_in_use(career_field_ids: Iterable[int]) -> InUse | None:
    """Why these career fields cannot be deleted (people or interviews use them), or None."""
    used = [row for row in _rows(list(career_field_ids)) if row.people or row.interviews]
    if not used:
        return None
    row = used[0]
    uses = " and ".join(text for count, text in (
        (row.people, plural(row.people, "person", "people")),
        (row.interviews, plural(row.interviews, "interview"))) if count)
    more = f" (and {plural(len(used) - 1, 'other')} selected)" if len(used) > 1 else ""
    return InUse(
        f"{row.name}{more} is a career field of {uses}, so it cannot be deleted. "
        "Merge it into another career field, or take it off them first.",
        sum(r.people for r in used), sum(r.interviews for r in used))


def delete_career_field(career_field_id: int) -> Changes:
    """Delete a career field nobody explores; :class:`InUse` says how much uses it."""
    return delete_career_fields([career_field_id])


def delete_career_fields(career_field_ids: Iterable[int]) -> Changes:
    """Delete unused career fields, all or none; :class:`InUse` names the first used one."""
    ids = sorted({int(i) for i in career_field_ids})
    if not ids:
        return NOTHING
    with database_proxy.atomic():
        problem = career_fields_in_use(ids)
        if problem is not None:
            raise problem
        OrganizationCareerField.delete().where(
            OrganizationCareerField.career_field.in_(ids)).execute()
        deleted = CareerField.delete().where(CareerField.id.in_(ids)).execute()
    if not deleted:
        return NOTHING
    return Changes(career_fields=frozenset(ids))


def delete_unused_career_fields() -> Changes:
    """Delete every career field no person explores and no interview is about."""
    with database_proxy.atomic():
        return delete_career_fields(unused_career_fields())


# Helpers -------------------------------------------------------------------------------------


def _rows(career_field_ids: list[int]) -> list[CatalogRow]:
    """``career_field_ids`` with their use, by name."""
    people = (PersonCareerField.select(fn.count(PersonCareerField.id))
              .where(PersonCareerField.career_field == CareerField.id))
    interviews = (Interview.select(fn.count(Interview.id))
                  .where(Interview.career_field == CareerField.id))
    query = (CareerField.select(CareerField.id, CareerField.name, people, interviews)
             .where(CareerField.id.in_(career_field_ids)).order_by(CareerField.name))
    return [CatalogRow(*row) for row in query.tuples()]


def _users(career_field_ids: list[int]) -> tuple[list[int], list[int]]:
    """(people, interviews) linked to any of ``career_field_ids``."""
    people = [i for (i,) in PersonCareerField.select(PersonCareerField.person).distinct()
              .where(PersonCareerField.career_field.in_(career_field_ids)).tuples()]
    interviews = [i for (i,) in Interview.select(Interview.id)
                  .where(Interview.career_field.in_(career_field_ids)).tuples()]
    return people, interviews
