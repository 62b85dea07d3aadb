"""Time zones: which zone the user is in, and wall-clock times turned into instants and back.

An interview time is kept as an instant (UTC, which orders, compares and adds
up on the timeline) together with the IANA name of the zone it was chosen in
(which gives back the wall-clock time the user chose, and lets a calendar show
it). Wall times meet daylight-saving changes here:

- a time in a *gap* (02:30 on the night clocks go forward) does not exist;
  :func:`is_gap` tells, and :func:`resolve` moves it forward by the gap;
- a time in an *overlap* (02:30 on the night clocks go back) happens twice;
  ``fold=0`` (the default) is the first, ``fold=1`` the second, and
  :func:`clock` names the offset so the two are never shown alike.

Plain Python: no Qt, no database.
"""

from __future__ import annotations

import datetime
import functools
import os
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

UTC = datetime.UTC
ZONE_VARIABLES = ("NETDESK_TZ", "TZ")
"""Environment variables naming the zone, first match wins; then the system's setting."""


def zone_named(name: str | None) -> ZoneInfo | None:
    """The IANA zone ``name`` ('Europe/Berlin', ':Europe/Berlin', a zoneinfo path), or None."""
    name = (name or "").strip().lstrip(":")
    if "zoneinfo/" in name:
        name = name.split("zoneinfo/", 1)[1]
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def system_zone() -> ZoneInfo:
    """The zone netdesk shows times in: ``NETDESK_TZ``, else ``TZ``, else the system's
    configured zone (read once), else UTC. Read on every call, so a changed variable
    takes effect at once."""
    for variable in ZONE_VARIABLES:
        zone = zone_named(os.environ.get(variable))
        if zone is not None:
            return zone
    return _configured_zone()


@functools.cache
def _configured_zone() -> ZoneInfo:
    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
    except Exception:  # noqa: BLE001 - an odd system setting must not stop the program
        name = None
    return zone_named(name) or ZoneInfo("UTC")


def zone_of(name: str | None) -> ZoneInfo:
    """The zone a stored name stands for; the system zone when blank, UTC when unknown here."""
    if not (name or "").strip():
        return system_zone()
    return zone_named(name) or ZoneInfo("UTC")


def _naive(value: datetime.datetime) -> datetime.datetime:
    return value.replace(tzinfo=None)


def is_gap(wall: datetime.datetime, zone: ZoneInfo) -> bool:
    """True when the wall time ``wall`` never happens in ``zone`` (skipped by a DST change)."""
    wall = _naive(wall)
    back = wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
    return _naive(back) != wall


def is_repeated(wall: datetime.datetime, zone: ZoneInfo) -> bool:
    """True when the wall time ``wall`` happens twice in ``zone`` (clocks go back)."""
    wall = _naive(wall)
    first = wall.replace(tzinfo=zone, fold=0).utcoffset()
    second = wall.replace(tzinfo=zone, fold=1).utcoffset()
    return first != second and not is_gap(wall, zone)


def resolve(wall: datetime.datetime, zone: ZoneInfo) -> datetime.datetime:
    """The wall time ``wall`` in ``zone`` as an aware datetime in that zone.

    A repeated time is its first occurrence unless ``wall.fold`` is 1; a time in a
    gap is moved forward by the length of the gap (02:30 becomes 03:30), as the
    clocks were. Callers that must refuse gaps check :func:`is_gap` first.
    """
    if wall.tzinfo is not None:
        return wall.astimezone(zone)
    moment = wall.replace(tzinfo=zone)
    if is_gap(wall, zone):
        moment = wall.replace(tzinfo=zone, fold=0).astimezone(UTC).astimezone(zone)
    return moment


def as_instant(value: datetime.datetime, zone: ZoneInfo | None = None) -> datetime.datetime:
    """``value`` in UTC; a naive value is a wall time in ``zone`` (the system zone)."""
    if value.tzinfo is None:
        value = resolve(value, zone or system_zone())
    return value.astimezone(UTC)


def local(moment: datetime.datetime | None) -> datetime.datetime | None:
    """The aware ``moment`` in the system zone (the user's wall-clock time now)."""
    return None if moment is None else moment.astimezone(system_zone())


def local_wall(moment: datetime.datetime | None) -> datetime.datetime | None:
    """The wall-clock time of ``moment`` in the system zone, naive, with its ``fold`` kept."""
    shown = local(moment)
    return None if shown is None else _naive(shown)


def clock(moment: datetime.datetime, fmt: str = "%H:%M") -> str:
    """``moment`` formatted; when its wall time happens twice, the zone's abbreviation
    (or offset) follows, so '02:30 CEST' and '02:30 CET' are told apart."""
    text = moment.strftime(fmt)
    if isinstance(moment.tzinfo, ZoneInfo) and is_repeated(moment, moment.tzinfo):
        text += f" {moment.strftime('%Z') or moment.strftime('%z')}"
    return text


def gap_message(wall: datetime.datetime, zone: ZoneInfo) -> str:
    """Why ``wall`` (in a gap) cannot be used, and which time is the same moment."""
    moved = resolve(_naive(wall), zone)
    return (f"{wall:%H:%M} on {wall:%a} {wall.day} {wall:%b %Y} does not exist in "
            f"{zone.key}: the clocks go forward that night. Choose {moved:%H:%M} "
            "(the same moment) or another time.")


def overlap_message(wall: datetime.datetime, zone: ZoneInfo) -> str:
    """Which of the two occurrences of a repeated ``wall`` time is meant."""
    wall = _naive(wall)
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    chosen, other = (second, first) if wall.fold else (first, second)
    which = "second" if wall.fold else "first"
    return (f"{wall:%H:%M} happens twice that night in {zone.key} (the clocks go back). "
            f"This is the {which} time, {clock(chosen)}, not {clock(other)}.")


def storage(moment: datetime.datetime) -> datetime.datetime:
    """An aware ``moment`` as naive UTC, the way the database keeps instants."""
    if moment.tzinfo is None:
        raise ValueError("an instant needs its time zone (an aware datetime)")
    return _naive(moment.astimezone(UTC))
