"""Keeps ``person.last_contact`` (migration 0012) equal to the date of each person's newest
interaction.

Saving or deleting one ``Interaction`` through the model refreshes its person by itself;
every other write that adds, moves, redates or removes interactions (bulk updates, raw SQL,
rows put back by restores and imports) calls :func:`refresh` with the people it touched,
inside its own transaction. ``Person.save()`` leaves the column alone, so a person read
before an entry was logged never puts an older date back.
"""

from __future__ import annotations

from collections.abc import Iterable

from netdesk.db.models import database_proxy

_CHUNK = 500  # well under SQLite's limit on bound variables

_SET = ('UPDATE "person" SET "last_contact" = (SELECT max(i."occurred_on") '
        'FROM "interaction" i WHERE i."person_id" = "person"."id")')


def refresh(person_ids: Iterable[int | None] | None = None) -> None:
    """Set the last-contact date of the people named (every person when ``None``) from
    their interactions; ids of people no longer there are skipped."""
    if person_ids is None:
        database_proxy.execute_sql(_SET)
        return
    ids = sorted({int(i) for i in person_ids if i is not None})
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        database_proxy.execute_sql(
            f'{_SET} WHERE "id" IN ({", ".join("?" * len(chunk))})', chunk)
