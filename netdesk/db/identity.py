"""The database's own id (drawn at random once, by migration 0008) and the rows that keep
the calendar UIDs earlier exports gave them."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from netdesk.db.models import DatabaseInfo, FollowUp, Interview, database_proxy

ID = "id"
LEGACY_INTERVIEW_MAX = "legacy_interview_max"
LEGACY_FOLLOW_UP_MAX = "legacy_follow_up_max"


@dataclass(frozen=True)
class Identity:
    """``id``: random hex, the same for the life of the file (and its backups and JSON
    copies). Interviews and follow-ups with an id up to the legacy maxima were made before
    the database had one: their calendar UIDs stay as earlier exports wrote them."""

    id: str
    legacy_interview_max: int = 0
    legacy_follow_up_max: int = 0


def _number(text: str | None) -> int:
    try:
        return max(0, int(text or 0))
    except ValueError:
        return 0


def identity() -> Identity:
    """The bound database's identity; reads only.

    A file without one (a JSON copy of an older database loaded by an older netdesk, say)
    has every row treated as made before: the UIDs of earlier exports, nothing new.
    """
    values = dict(DatabaseInfo.select(DatabaseInfo.key, DatabaseInfo.value).tuples())
    if not values.get(ID):
        interviews = Interview.select(Interview.id).order_by(Interview.id.desc()).scalar() or 0
        follow_ups = FollowUp.select(FollowUp.id).order_by(FollowUp.id.desc()).scalar() or 0
        return Identity("", _number(str(interviews)), _number(str(follow_ups)))
    return Identity(values[ID], _number(values.get(LEGACY_INTERVIEW_MAX)),
                    _number(values.get(LEGACY_FOLLOW_UP_MAX)))


def ensure_identity() -> None:
    """Give the bound database an id when it has none, as migration 0008 would have: the
    rows it holds keep their earlier UIDs. Call inside the write's transaction."""
    known = {key for (key,) in DatabaseInfo.select(DatabaseInfo.key).tuples()}
    if ID in known:
        return
    old = identity()
    rows = [{"key": ID, "value": secrets.token_hex(8)}]
    if LEGACY_INTERVIEW_MAX not in known:
        rows.append({"key": LEGACY_INTERVIEW_MAX, "value": str(old.legacy_interview_max)})
    if LEGACY_FOLLOW_UP_MAX not in known:
        rows.append({"key": LEGACY_FOLLOW_UP_MAX, "value": str(old.legacy_follow_up_max)})
    with database_proxy.atomic():
        DatabaseInfo.insert_many(rows).execute()
