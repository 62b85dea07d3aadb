"""Recording and removing referrals, each in one transaction, with what undo needs.

A referral may not point at the same person, repeat an existing one, or close
a loop (B already leads, through referrals, to A): the referral graph stays a
forest with cross-links, never a cycle.

Each write returns the :class:`~netdesk.core.changes.Changes` it made: ``referrals``, and
the two people, whose "referred by" changed (field ``"referred_by"``); ``.id`` is the referral.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from netdesk.core.changes import Changes
from netdesk.db.models import Person, Referral, database_proxy


@dataclass(frozen=True)
class Removed:
    """A referral removed: the row as it was, for :func:`restore_referral`, and the Changes."""

    snapshot: dict
    changes: Changes


def referral_changes(referral_id: int, referrer_id: int, referred_id: int) -> Changes:
    """What adding or removing the referral ``referrer_id`` → ``referred_id`` changed."""
    return (Changes.of_person(referrer_id, {"referred_by"}, referrals=True, id=referral_id)
            | Changes.of_person(referred_id, {"referred_by"}))


class ReferralError(ValueError):
    """A referral that cannot be recorded; the message is for the user."""


def _name(person_id: int) -> str:
    row = database_proxy.execute_sql(
        "SELECT trim(first_name || ' ' || last_name) FROM person WHERE id = ?", [person_id]
    ).fetchone()
    if row is None:
        raise ReferralError("That person no longer exists; the graph will reload.")
    return row[0]


def person_name(person_id: int) -> str:
    """The person's full name; raises :class:`ReferralError` when they no longer exist."""
    return _name(person_id)


def referral_chain(start: int, goal: int) -> list[int] | None:
    """The people from ``start`` to ``goal`` following referrals, or None when there is none."""
    rows = database_proxy.execute_sql(
        "WITH RECURSIVE down(id, via) AS ("
        " SELECT CAST(? AS INTEGER), CAST(NULL AS INTEGER)"
        " UNION"
        " SELECT r.referred_id, r.referrer_id FROM referral r JOIN down ON r.referrer_id = down.id"
        ") SELECT id, via FROM down",
        [start],
    ).fetchall()
    came_from: dict[int, int | None] = {}
    for node, via in rows:
        came_from.setdefault(node, via)
    if goal not in came_from:
        return None
    chain = [goal]
    while chain[-1] != start:
        chain.append(came_from[chain[-1]])
    return list(reversed(chain))


def check_referral(referrer_id: int, referred_id: int) -> None:
    """Raise :class:`ReferralError` with a clear message when "A referred B" cannot be kept."""
    if referrer_id == referred_id:
        raise ReferralError(
            f"{_name(referrer_id)} cannot refer themselves. Drop the line on another person.")
    referrer, referred = _name(referrer_id), _name(referred_id)
    if Referral.select().where((Referral.referrer == referrer_id)
                               & (Referral.referred == referred_id)).exists():
        raise ReferralError(f"{referrer} already referred {referred}.")
    chain = referral_chain(referred_id, referrer_id)
    if chain is not None:
        names = " → ".join(_name(p) for p in chain)
        raise ReferralError(
            f"{referrer} cannot have referred {referred}: {referred} already leads to "
            f"{referrer} through referrals ({names}), and referrals cannot go round in a loop.")


def add_referral(referrer_id: int, referred_id: int, *, date: datetime.date | None = None,
                 note: str = "", referral_id: int | None = None) -> Changes:
    """Record that ``referrer_id`` introduced the user to ``referred_id`` (the Changes'
    ``.id`` is the new row).

    ``referral_id`` reuses an id (redo after undo). Raises :class:`ReferralError`.
    """
    with database_proxy.atomic():
        check_referral(referrer_id, referred_id)
        row = {"referrer": referrer_id, "referred": referred_id,
               "date": date or datetime.date.today(), "note": note.strip()}
        if referral_id is not None:
            row["id"] = referral_id
        new_id = Referral.insert(row).execute()
    return referral_changes(new_id, referrer_id, referred_id)


def remove_referral(referral_id: int) -> Removed:
    """Delete one referral; the result holds the row as it was, for :func:`restore_referral`."""
    with database_proxy.atomic():
        row = Referral.select().where(Referral.id == referral_id).dicts().get_or_none()
        if row is None:
            raise ReferralError("That referral was already removed.")
        Referral.delete_by_id(referral_id)
    return Removed(row, referral_changes(referral_id, row["referrer"], row["referred"]))


def restore_referral(snapshot: dict) -> Changes:
    """Put back a referral removed by :func:`remove_referral`, with its id, date and note."""
    with database_proxy.atomic():
        for key in ("referrer", "referred"):
            if not Person.select().where(Person.id == snapshot[key]).exists():
                raise ReferralError("One of the two people was deleted since; the referral "
                                    "cannot come back.")
        check_referral(snapshot["referrer"], snapshot["referred"])
        referral_id = Referral.insert(snapshot).execute()
    return referral_changes(referral_id, snapshot["referrer"], snapshot["referred"])


def describe(referral_id: int) -> str:
    """"A referred B", for messages and undo text."""
    row = Referral.select().where(Referral.id == referral_id).dicts().get_or_none()
    if row is None:
        return "referral"
    return f"{_name(row['referrer'])} referred {_name(row['referred'])}"
