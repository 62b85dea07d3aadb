"""iCalendar (RFC 5545) export of interviews and open follow-ups, with alarms and stable UIDs.

Each event's UID is derived from its row (``interview-<id>@netdesk``,
``follow-up-<id>@netdesk``) and its SEQUENCE grows with every edit, so
importing a newer export into a calendar updates the events instead of adding
copies. Interview times are written as floating local times (no time zone),
which calendars show at the same wall-clock time the user entered.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path

from peewee import JOIN

from netdesk import __version__
from netdesk.core.followups import KIND_LABELS
from netdesk.core.vocabulary import MODE_PHRASES as MODE_LABELS
from netdesk.db.models import CareerField, FollowUp, Interview, Organization, Person

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


def interview_uid(interview_id: int) -> str:
    return f"interview-{interview_id}@{UID_DOMAIN}"


def follow_up_uid(follow_up_id: int) -> str:
    return f"follow-up-{follow_up_id}@{UID_DOMAIN}"


def _utc(value: datetime.datetime) -> datetime.datetime:
    """A naive local time stored by netdesk, as UTC."""
    return value.astimezone(datetime.UTC)


def _sequence(created: datetime.datetime, updated: datetime.datetime) -> int:
    """Seconds between creation and the last edit: grows with every edit, stable otherwise."""
    return max(0, int((updated - created).total_seconds()))


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
    event.add("created", _utc(row.created))
    event.add("last-modified", _utc(row.updated))
    event.add("sequence", _sequence(row.created, row.updated))


def _interview_event(interview: Interview, stamp: datetime.datetime):
    from icalendar import Event

    person = interview.person
    summary = f"Informational interview with {person.full_name}"
    event = Event()
    event.add("uid", interview_uid(interview.id))
    _stamp(event, interview, stamp)
    event.add("summary", summary)
    start = interview.scheduled_at
    event.add("dtstart", start)
    event.add("dtend", start + datetime.timedelta(minutes=interview.duration_minutes))
    event.add("status", STATUS_MAP.get(interview.status, "CONFIRMED"))
    event.add("categories", ["Informational interview"])
    place = interview.place.strip()
    if place.startswith(("http://", "https://")):
        event.add("url", place)
        event.add("location", place)
    elif place:
        event.add("location", place)
    lines = [f"Meeting {MODE_LABELS.get(interview.mode, interview.mode)}, "
             f"{interview.duration_minutes} minutes."]
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


def _follow_up_event(follow_up: FollowUp, stamp: datetime.datetime):
    from icalendar import Event

    person = follow_up.person
    label = KIND_LABELS.get(follow_up.kind, follow_up.kind)
    summary = f"{label}: {person.full_name}"
    event = Event()
    event.add("uid", follow_up_uid(follow_up.id))
    _stamp(event, follow_up, stamp)
    event.add("summary", summary)
    event.add("dtstart", follow_up.due_on)
    event.add("dtend", follow_up.due_on + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["Follow-up"])
    lines = [f"{label} ({person.full_name})."]
    if follow_up.note:
        lines.append(follow_up.note)
    if person.email:
        lines.append(f"Email: {person.email}")
    event.add("description", "\n".join(lines))
    event.add_component(_alarm(FOLLOW_UP_ALARM, summary))
    return event


def build_calendar(stamp: datetime.datetime | None = None):
    """An ``icalendar.Calendar`` of every dated interview and every open follow-up."""
    from icalendar import Calendar

    stamp = stamp or datetime.datetime.now(datetime.UTC).replace(microsecond=0)
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
                  .where(Interview.scheduled_at.is_null(False))
                  .order_by(Interview.scheduled_at, Interview.id))
    for interview in interviews:
        calendar.add_component(_interview_event(interview, stamp))
    follow_ups = (FollowUp
                  .select(FollowUp, Person)
                  .join(Person)
                  .where(FollowUp.status == "open")
                  .order_by(FollowUp.due_on, FollowUp.id))
    for follow_up in follow_ups:
        calendar.add_component(_follow_up_event(follow_up, stamp))
    return calendar


def calendar_bytes(stamp: datetime.datetime | None = None) -> bytes:
    return build_calendar(stamp).to_ical()


def export_ics(path: Path | str) -> int:
    """Write the calendar to ``path`` (all or nothing); return the number of events.

    Raises :class:`CalendarExportError` with a readable message when the file
    cannot be written; an existing file there is left as it was.
    """
    path = Path(path)
    calendar = build_calendar()
    data = calendar.to_ical()
    count = len(calendar.subcomponents)
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
        os.chmod(partial, 0o644)
        os.replace(partial, path)
    except OSError as error:
        Path(partial).unlink(missing_ok=True)
        raise CalendarExportError(f"cannot write {path}: {error.strerror or error}") from error
    return count
