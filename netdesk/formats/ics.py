"""iCalendar (RFC 5545) export of interviews and follow-ups, with alarms and stable UIDs.

Each event's UID is derived from its row and the database's own random id
(``interview-<row>-<database id>@netdesk``, ``follow-up-<row>-<database id>@netdesk``), so
two databases never share a UID, and its SEQUENCE grows with every edit, so importing a
newer export into a calendar updates the events instead of adding copies. Rows made before
the database had its id (netdesk's schema 0008) keep the UID earlier exports gave them,
``interview-<row>@netdesk``: a calendar that imported them updates them rather than showing
them twice.

Open follow-ups are all-day events with a reminder; done ones stay in the calendar without
one, marked done with the day; dropped ones are cancelled (STATUS:CANCELLED), which
calendars hide or strike through. (A VEVENT has no STATUS:COMPLETED or COMPLETED in RFC
5545, those belong to VTODO, and many calendars show no VTODO at all; follow-ups stay
events so that an import updates the very events it wrote before.)

Interview times are written in the zone they were set in (``DTSTART;TZID=``)
with that zone's VTIMEZONE, so calendars show the right hour and length anywhere;
the one wall time a TZID cannot name, the second of a repeated hour, is written
in UTC instead.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path

from peewee import JOIN

from netdesk import __version__
from netdesk.core.followups import KIND_LABELS
from netdesk.core.limits import usable_date, usable_datetime, usable_minutes
from netdesk.core.vocabulary import MODE_PHRASES as MODE_LABELS
from netdesk.db import zones
from netdesk.db.identity import Identity, identity
from netdesk.db.models import CareerField, FollowUp, Interview, Organization, Person
from netdesk.db.private import FILE_MODE

UID_DOMAIN = "netdesk"
STATUS_MAP = {
    "planning": "TENTATIVE", "scheduled": "CONFIRMED", "done": "CONFIRMED",
    "cancelled": "CANCELLED",
}
# Interview reminders: a day ahead to prepare, an hour ahead to set off.
INTERVIEW_ALARMS = (
    (datetime.timedelta(days=-1), "Tomorrow: {summary}. Review your research and questions."),
    (datetime.timedelta(hours=-1), "In one hour: {summary}"),
)
# Follow-ups are all-day events; remind at 9:00 on the day.
FOLLOW_UP_ALARM = datetime.timedelta(hours=9)


class CalendarExportError(Exception):
    """The calendar file could not be written; the message says where and why."""


def interview_uid(interview_id: int, database: Identity | None = None) -> str:
    """``interview-12-<database id>@netdesk``; ``interview-12@netdesk`` for an interview made
    before the database had an id (or when no ``database`` is given)."""
    if database is None or not database.id or interview_id <= database.legacy_interview_max:
        return f"interview-{interview_id}@{UID_DOMAIN}"
    return f"interview-{interview_id}-{database.id}@{UID_DOMAIN}"


def follow_up_uid(follow_up_id: int, database: Identity | None = None) -> str:
    """As :func:`interview_uid`, for a follow-up."""
    if database is None or not database.id or follow_up_id <= database.legacy_follow_up_max:
        return f"follow-up-{follow_up_id}@{UID_DOMAIN}"
    return f"follow-up-{follow_up_id}-{database.id}@{UID_DOMAIN}"


def _utc(value: datetime.datetime) -> datetime.datetime:
    """A naive local time stored by netdesk, as UTC."""
    return value.astimezone(datetime.UTC)


def _event_time(moment: datetime.datetime) -> datetime.datetime:
    """``moment`` as it is best written: in its zone (TZID) when the wall time names it, in
    UTC for the second of a repeated hour (RFC 5545 reads a repeated TZID time as the first)
    or a zone with no name."""
    zone = moment.tzinfo
    if getattr(zone, "key", None) in (None, "UTC", "Etc/UTC") or (
            moment.fold and zones.is_repeated(moment, zone)):
        return moment.astimezone(datetime.UTC)
    return moment


def _placeable(interview: Interview) -> bool:
    """True when the interview starts on a date a calendar can hold (and its end computes)."""
    try:
        return (usable_datetime(interview.scheduled_at) is not None
                and usable_datetime(interview.start) is not None
                and interview.end is not None)
    except (TypeError, ValueError, OverflowError):
        return False


def _sequence(created: datetime.datetime, updated: datetime.datetime) -> int:
    """Seconds between creation and the last edit: grows with every edit, stable otherwise."""
    return min(max(0, int((updated - created).total_seconds())), 2**31 - 1)  # iCalendar INTEGER


def _alarm(trigger: datetime.timedelta, description: str, related_end: bool = False):
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    alarm.add("trigger", trigger)
    if related_end:
        alarm["trigger"].params["RELATED"] = "END"
    return alarm


def _stamp(event, row, stamp: datetime.datetime) -> None:
    event.add("dtstamp", stamp)
    created, updated = usable_datetime(row.created), usable_datetime(row.updated)
    if created:
        event.add("created", _utc(created))
    if updated:
        event.add("last-modified", _utc(updated))
    event.add("sequence", _sequence(created, updated) if created and updated else 0)


def _event(uid: str, row, summary: str, stamp: datetime.datetime):
    """A new event for ``row`` (an interview or a follow-up): its uid, stamps and summary."""
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    _stamp(event, row, stamp)
    event.add("summary", summary)
    return event


def _interview_event(interview: Interview, stamp: datetime.datetime, database: Identity):
    person = interview.person
    summary = f"Informational interview with {person.full_name}"
    event = _event(interview_uid(interview.id, database), interview, summary, stamp)
    minutes = usable_minutes(interview.duration_minutes)
    event.add("dtstart", _event_time(interview.start))
    if minutes:
        event.add("dtend", _event_time(interview.end))
    event.add("status", STATUS_MAP.get(interview.status, "CONFIRMED"))
    event.add("categories", ["Informational interview"])
    place = interview.place.strip()
    if place.startswith(("http://", "https://")):
        event.add("url", place)
        event.add("location", place)
    elif place:
        event.add("location", place)
    lines = [f"Meeting {MODE_LABELS.get(interview.mode, interview.mode)}"
             + (f", {minutes} minutes." if minutes else ".")]
    role = ", ".join(p for p in (person.job_title,
                                 person.organization.name if person.organization_id else "")
                     if p)
    if role:
        lines.append(f"{person.full_name}: {role}.")
    if interview.career_field_id:
        lines.append(f"Career field: {interview.career_field.name}.")
    if person.phone:
        lines.append(f"Phone: {person.phone}")
    if person.email:
        lines.append(f"Email: {person.email}")
    event.add("description", "\n".join(lines))
    if interview.status in ("planning", "scheduled"):
        for trigger, text in INTERVIEW_ALARMS:
            event.add_component(_alarm(trigger, text.format(summary=summary)))
    return event


def _follow_up_event(follow_up: FollowUp, stamp: datetime.datetime, database: Identity):
    person = follow_up.person
    label = KIND_LABELS.get(follow_up.kind, follow_up.kind)
    summary = f"{label}: {person.full_name}"
    done_on = usable_date(follow_up.done_on)
    if follow_up.status == "done":
        summary = f"Done: {summary}"
    event = _event(follow_up_uid(follow_up.id, database), follow_up, summary, stamp)
    due = usable_date(follow_up.due_on)
    event.add("dtstart", due)
    event.add("dtend", due + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["Follow-up"])
    if follow_up.status == "dropped":
        event.add("status", "CANCELLED")
    elif follow_up.status == "done":
        event.add("status", "CONFIRMED")
    lines = [f"{label} ({person.full_name})."]
    if follow_up.status in ("done", "dropped"):
        lines.append(("Done" if follow_up.status == "done" else "Dropped")
                     + (f" on {done_on.isoformat()}." if done_on else "."))
    if follow_up.note:
        lines.append(follow_up.note)
    if person.email:
        lines.append(f"Email: {person.email}")
    event.add("description", "\n".join(lines))
    if follow_up.status == "open":
        event.add_component(_alarm(FOLLOW_UP_ALARM, summary))
    return event


def build_calendar(stamp: datetime.datetime | None = None):
    """An ``icalendar.Calendar`` of every dated interview and every follow-up (open, done
    or dropped, so that a calendar holding an earlier export sees what became of each).

    A date stored outside the years netdesk keeps (or not a date at all, from an
    older file) cannot be placed in a calendar: that entry is left out.
    """
    from icalendar import Calendar

    stamp = stamp or datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    database = identity()
    calendar = Calendar()
    calendar.add("prodid", f"-//netdesk//netdesk {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "netdesk")
    interviews = (Interview
                  .select(Interview, Person, Organization, CareerField)
                  .join(Person)
                  .join(Organization, JOIN.LEFT_OUTER).switch(Interview)
                  .join(CareerField, JOIN.LEFT_OUTER)
                  .where(Interview.starts_at.is_null(False))
                  .order_by(Interview.starts_at, Interview.id))
    first = last = None
    for interview in interviews:
        if not _placeable(interview):  # a date no calendar can place is left out
            continue
        calendar.add_component(_interview_event(interview, stamp, database))
        first = first or interview.start
        last = max(last, interview.end) if last else interview.end
    follow_ups = (FollowUp
                  .select(FollowUp, Person)
                  .join(Person)
                  .order_by(FollowUp.due_on, FollowUp.id))
    for follow_up in follow_ups:
        if usable_date(follow_up.due_on):
            calendar.add_component(_follow_up_event(follow_up, stamp, database))
    if first is not None:  # each zone's rules over the span of the interviews, and no more
        calendar.add_missing_timezones(first_date=first.date() - datetime.timedelta(days=1),
                                       last_date=last.date() + datetime.timedelta(days=1))
    return calendar


def calendar_bytes(stamp: datetime.datetime | None = None) -> bytes:
    return build_calendar(stamp).to_ical()


def export_ics(path: Path | str) -> int:
    """Write the calendar to ``path`` (all or nothing, private to the user: 0600 like every
    export); return the number of events.

    Raises :class:`CalendarExportError` with a readable message when the file
    cannot be written; an existing file there is left as it was.
    """
    path = Path(path)
    calendar = build_calendar()
    data = calendar.to_ical()
    count = len(calendar.events)
    if path.is_dir():
        raise CalendarExportError(f"cannot write {path}: it is a folder, not a file")
    if not path.parent.is_dir():
        raise CalendarExportError(f"cannot write {path}: the folder {path.parent} does not exist")
    try:
        handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial",
                                           dir=path.parent)
    except OSError as error:
        raise CalendarExportError(
            f"cannot write {path}: {error.strerror or error} (check the folder's permissions)"
        ) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(partial, FILE_MODE)
        os.replace(partial, path)
    except OSError as error:
        Path(partial).unlink(missing_ok=True)
        raise CalendarExportError(f"cannot write {path}: {error.strerror or error}") from error
    return count
