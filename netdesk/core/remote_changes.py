"""Changes made by someone else: a batch of the database's change notices as one ``Changes``.

On a shared network (PostgreSQL) other people write too; ``netdesk.db.notices`` hears what
their statements changed. :func:`changes_from` says it the way netdesk's own writes report
themselves, so every view takes in another client's edit, or a whole import, the way it
takes in its own: once, through the change flow.
"""

from __future__ import annotations

from collections.abc import Iterable

from netdesk.core.changes import ALL_FIELDS, Changes
from netdesk.db.models import (
    CareerField,
    FollowUp,
    Interaction,
    Interview,
    Organization,
    Person,
)
from netdesk.db.notices import MISSED, Notice

TIMELINE = frozenset({"timeline"})

_IDS = {
    "organization": "organizations", "career_field": "career_fields",
    "interview": "interviews", "follow_up": "follow_ups", "interaction": "interactions",
}
_FLAGS = {
    "referral": "referrals", "question": "questions", "template": "templates",
    "profile": "profile", "lamp_entry": "lamp", "introduction": "lamp",
}
_PERSON_PARTS = ("person_entry", "postal_address", "person_photo", "person_career_field")
"""Tables of a person's own details: a change there is a change of the person."""


def changes_from(notices: Iterable[Notice], own_pids: Iterable[int] = ()) -> Changes:
    """One ``Changes`` for ``notices``, leaving out those sent by a connection in
    ``own_pids`` (this process's own writes, announced already)."""
    own = set(own_pids)
    ids: dict[str, set[int]] = {name: set() for name in set(_IDS.values())}
    flags: set[str] = set()
    person_fields: dict[int, frozenset[str]] = {}
    added: set[int] = set()
    removed: set[int] = set()

    def person(person_id: int, names: frozenset[str]) -> None:
        person_fields[person_id] = person_fields.get(person_id, frozenset()) | names

    for notice in notices:
        if notice.pid in own:
            continue
        table = notice.table
        if table == MISSED:
            return everything_shown()
        if table == "person":
            if notice.operation == "INSERT":
                added.update(notice.ids)
            elif notice.operation == "DELETE":
                removed.update(notice.ids)
            for person_id in notice.ids:
                person(person_id, ALL_FIELDS)
            continue
        if table in _PERSON_PARTS:
            for person_id in notice.people:
                person(person_id, ALL_FIELDS)
            continue
        if table in _IDS:
            ids[_IDS[table]].update(notice.ids)
        elif table == "interview_question":
            ids["interviews"].update(notice.interviews)
        elif table in _FLAGS:
            flags.add(_FLAGS[table])
        names = ALL_FIELDS if table in ("referral", "introduction") else TIMELINE
        if table in ("interview", "interaction", "follow_up", "referral", "introduction"):
            for person_id in notice.people:
                person(person_id, names)
    for person_id in removed:
        person_fields.pop(person_id, None)
    return Changes(person_fields=person_fields, people_added=frozenset(added - removed),
                   people_removed=frozenset(removed),
                   **{name: frozenset(values) for name, values in ids.items()},
                   **{name: True for name in flags})


def everything_shown() -> Changes:
    """Every record as changed, after notices may have been missed (the listening connection
    was lost and made again): each view reads again what it shows. Not ``Changes.all()``,
    which means another database is open and lets editors drop what they hold."""

    def ids(model) -> frozenset[int]:
        return frozenset(i for (i,) in model.select(model.id).tuples())

    return Changes(person_fields={person_id: ALL_FIELDS for person_id in ids(Person)},
                   organizations=ids(Organization), career_fields=ids(CareerField),
                   interviews=ids(Interview), follow_ups=ids(FollowUp),
                   interactions=ids(Interaction), referrals=True, questions=True,
                   templates=True, profile=True, lamp=True)
