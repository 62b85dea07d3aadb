"""Changes: what one write did to the database, so every view can decide what to refresh.

Every write in ``core`` (and ``formats``) runs in one transaction and returns a
``Changes``; the window's publisher announces it once, with who made it. A view
asks only the questions it cares about (``touches_person``, ``people_moved``…),
so an edit to one person's notes repaints their row and nothing else.

What a write returns:
    * a write returns ``Changes``; when it created or acted on one record, ``.id`` names it
      (a saved interview, a new follow-up, a restored person), so the caller reads the row
      back by id rather than being handed it;
    * a write that must also hand back something that is not a record id (a snapshot for
      undo, counts and suggestions to show) returns a small frozen result whose
      ``.changes`` attribute is its ``Changes`` (``timeline.Logged``,
      ``declines.DeclineResult``, ``people.Deleted``, ``referrals.Removed``);
    * a step used inside another write's transaction (``interviews.advance_stage``) returns
      ``Changes`` too, so the write can ``|`` them together;
    * an empty ``Changes`` is false: "nothing was written" (a question that was not one's
      own, defaults already in place).

The UI publishes exactly what the write returned, with itself as the initiator; it never
builds a ``Changes`` of its own after a write.

Attributes:
    person_fields: person id → names of the fields that changed (``PersonForm``
        names, plus ``"timeline"`` for their log and follow-ups). An added person
        is listed with ``ALL_FIELDS``.
    people_added / people_removed: ids of people inserted or deleted.
    organizations: ids of organizations created, edited, merged or deleted.
    career_fields: ids of career fields created, renamed, merged or deleted.
    referrals: True when any referral edge was added, changed or removed.
    interviews: ids of interviews added, edited or removed.
    follow_ups: ids of follow-ups added, done, snoozed, dropped or removed.
    interactions: ids of timeline entries added, edited or removed.
    questions: True when the question bank changed.
    templates: True when a message template changed.
    profile: True when the user's profile or pitch changed.
    everything: True when another file or a restored copy is open: reload all.
    id: the id of the record the write created or acted on (a new person, a saved
        interview), for the caller; not a change in itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace

ALL_FIELDS = frozenset({"*"})
"""Stands for every field of a person (an added person, a merge, a restore)."""

# Person fields that move a person in the contact tree or change their row's text.
TREE_FIELDS = frozenset({
    "first_name", "last_name", "organization", "relationship", "stage", "career_fields",
    "job_title", "tags", "email",
})


def _ids(values: Iterable[int] | None) -> frozenset[int]:
    return frozenset(int(v) for v in values or ())


@dataclass(frozen=True)
class Changes:
    person_fields: Mapping[int, frozenset[str]] = field(default_factory=dict)
    people_added: frozenset[int] = frozenset()
    people_removed: frozenset[int] = frozenset()
    organizations: frozenset[int] = frozenset()
    career_fields: frozenset[int] = frozenset()
    referrals: bool = False
    interviews: frozenset[int] = frozenset()
    follow_ups: frozenset[int] = frozenset()
    interactions: frozenset[int] = frozenset()
    questions: bool = False
    templates: bool = False
    profile: bool = False
    lamp: bool = False  # the LAMP list or an introduction request
    everything: bool = False
    id: int | None = None

    # Building -------------------------------------------------------------------------------

    @classmethod
    def of_person(cls, person_id: int, names: Iterable[str], **more) -> Changes:
        """``names`` of ``person_id`` changed (and whatever ``more`` says)."""
        more.setdefault("id", int(person_id))
        return cls(person_fields={int(person_id): frozenset(names)}, **more)

    @classmethod
    def added_person(cls, person_id: int, **more) -> Changes:
        more.setdefault("id", int(person_id))
        return cls(person_fields={int(person_id): ALL_FIELDS},
                   people_added=frozenset({int(person_id)}), **more)

    @classmethod
    def all(cls) -> Changes:
        return cls(everything=True)

    def __or__(self, other: Changes) -> Changes:
        """Both changes at once (for a write made of several steps)."""
        merged: dict[int, frozenset[str]] = dict(self.person_fields)
        for person_id, names in other.person_fields.items():
            merged[person_id] = merged.get(person_id, frozenset()) | names
        values = {}
        for item in fields(self):
            mine, theirs = getattr(self, item.name), getattr(other, item.name)
            if item.name == "person_fields":
                values[item.name] = merged
            elif item.name == "id":
                values[item.name] = mine if mine is not None else theirs
            elif isinstance(mine, bool):
                values[item.name] = mine or theirs
            else:
                values[item.name] = mine | theirs
        return replace(self, **values)

    # Asking ---------------------------------------------------------------------------------

    def __bool__(self) -> bool:
        return any(bool(getattr(self, item.name)) for item in fields(self) if item.name != "id")

    @property
    def people(self) -> frozenset[int]:
        """Every person touched in any way: edited, added or removed."""
        return frozenset(self.person_fields) | self.people_added | self.people_removed

    def fields_of(self, person_id: int | None) -> frozenset[str]:
        """Names of ``person_id``'s fields that changed (``ALL_FIELDS`` for all)."""
        if person_id is None:
            return frozenset()
        if self.everything or person_id in self.people_removed:
            return ALL_FIELDS
        return self.person_fields.get(int(person_id), frozenset())

    def touches_person(self, person_id: int | None) -> bool:
        return bool(self.fields_of(person_id))

    def field_changed(self, person_id: int | None, name: str) -> bool:
        names = self.fields_of(person_id)
        return "*" in names or name in names

    @property
    def people_moved(self) -> bool:
        """True when people were added, removed, or edited in a field the tree shows."""
        if self.everything or self.people_added or self.people_removed or self.organizations \
                or self.career_fields:
            return True
        return any("*" in names or names & TREE_FIELDS for names in self.person_fields.values())

    def summary(self) -> str:
        """A short description for logs and tests."""
        parts = [item.name for item in fields(self)
                 if item.name != "id" and getattr(self, item.name)]
        return ", ".join(parts) or "nothing"


NOTHING = Changes()
