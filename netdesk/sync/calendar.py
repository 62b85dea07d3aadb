"""Interviews and follow-ups both ways through a CalDAV calendar: interviews as VEVENTs in
their own time zone (with its VTIMEZONE) and reminders, follow-ups as VTODOs (done →
COMPLETED, dropped → CANCELLED). From the server netdesk takes what a phone changes: an
interview moved (start, time zone, length), a to-do completed, cancelled, reopened or
given another due date. UIDs are those of the .ics export (the database's random id)."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit

from peewee import JOIN

from netdesk.core import followups
from netdesk.core.changes import Changes
from netdesk.db import zones
from netdesk.db.identity import identity
from netdesk.db.models import (
    CareerField,
    FollowUp,
    Interview,
    Organization,
    Person,
    SyncItem,
    database_proxy,
)
from netdesk.formats import ics
from netdesk.sync.contacts import _in_scope, write_state
from netdesk.sync.dav import NoSyncTokens

_TODO_STATUS = {"open": "NEEDS-ACTION", "done": "COMPLETED", "dropped": "CANCELLED"}
_FROM_TODO = {"NEEDS-ACTION": "open", "IN-PROCESS": "open", "COMPLETED": "done",
              "CANCELLED": "dropped"}
REMOTE_FIELDS = {"interview": ("start", "tz", "minutes"), "follow_up": ("status", "due")}


@dataclass
class Local:
    """An interview or follow-up here; its iCalendar text is built only when it is sent."""

    kind: str
    row_id: int
    uid: str
    values: dict
    build: Callable[[], str]
    updated: datetime.datetime

    @property
    def text(self) -> str:
        return self.build()


@dataclass
class Remote:
    href: str
    etag: str
    uid: str
    kind: str
    values: dict
    changed_at: datetime.datetime
    done_on: datetime.date | None = None


@dataclass
class CalendarPlan:
    token: str = ""
    use_token: bool = True
    local_updates: list[tuple[Local, Remote, set[str]]] = field(default_factory=list)
    states: list[tuple[str, str, int, str, str, dict]] = field(default_factory=list)
    pushes: list[tuple[Local, str, str | None]] = field(default_factory=list)
    remote_deletes: list[SyncItem] = field(default_factory=list)
    tombstones: list[int] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def _content(*parts) -> str:
    """A digest of everything the item's text is made of (so the text is built only to be
    sent)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _wrap(component, zones_from=None) -> str:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//netdesk//netdesk sync//EN")
    calendar.add("version", "2.0")
    calendar.add_component(component)
    if zones_from is not None:
        first, last = zones_from
        calendar.add_missing_timezones(first_date=first - datetime.timedelta(days=1),
                                       last_date=last + datetime.timedelta(days=1))
    return calendar.to_ical().decode()


def _todo(row: FollowUp, uid: str, stamp: datetime.datetime):
    from icalendar import Todo

    person = row.person
    label = followups.KIND_LABELS.get(row.kind, row.kind)
    todo = Todo()
    todo.add("uid", uid)
    todo.add("dtstamp", stamp)
    todo.add("summary", f"{label}: {person.full_name}")
    todo.add("due", row.due_on)
    todo.add("status", _TODO_STATUS.get(row.status, "NEEDS-ACTION"))
    if row.status == "done" and row.done_on:
        todo.add("completed", datetime.datetime.combine(row.done_on, datetime.time(12),
                                                        datetime.UTC))
    todo.add("categories", ["Follow-up"])
    lines = [f"{label} ({person.full_name})."]
    if row.note:
        lines.append(row.note)
    if person.email:
        lines.append(f"Email: {person.email}")
    todo.add("description", "\n".join(lines))
    if row.status == "open":
        todo.add_component(ics._alarm(ics.FOLLOW_UP_ALARM, f"{label}: {person.full_name}"))
    return todo


def _aware(value) -> datetime.datetime:
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    if value is None:
        return datetime.datetime.min.replace(tzinfo=datetime.UTC)
    return value if value.tzinfo else value.astimezone(datetime.UTC)


def local_items(tags: tuple[str, ...], stamp: datetime.datetime) -> dict[str, Local]:
    from netdesk.core.person_details import PersonDetails

    database = identity()
    found: dict[str, Local] = {}
    scope = {pid for pid, text in Person.select(Person.id, Person.tags).tuples()
             if _in_scope(PersonDetails(tags=text), tags)}
    interviews = (Interview.select(Interview, Person, Organization, CareerField)
                  .join(Person).join(Organization, JOIN.LEFT_OUTER).switch(Interview)
                  .join(CareerField, JOIN.LEFT_OUTER)
                  .where(Interview.starts_at.is_null(False)))
    for interview in interviews:
        if interview.person_id not in scope or not ics._placeable(interview):
            continue
        uid = ics.interview_uid(interview.id, database)
        start = interview.start
        person = interview.person
        content = _content(
            interview.status, interview.mode, interview.place, interview.duration_minutes,
            start.isoformat(), interview.time_zone, str(interview.created),
            str(interview.updated), person.full_name, person.job_title, person.phone,
            person.email, person.organization.name if person.organization_id else "",
            interview.career_field.name if interview.career_field_id else "")

        def build(interview=interview, start=start):
            return _wrap(ics._interview_event(interview, stamp, database),
                         (start.date(), interview.end.date()))

        values = {"start": start.replace(tzinfo=None).isoformat(),
                  "tz": interview.time_zone, "minutes": interview.duration_minutes,
                  "content": content}
        found[uid] = Local("interview", interview.id, uid, values, build,
                           _aware(interview.updated))
    for row in FollowUp.select(FollowUp, Person).join(Person):
        if row.person_id not in scope or not isinstance(row.due_on, datetime.date):
            continue
        uid = ics.follow_up_uid(row.id, database)
        content = _content(row.kind, row.status, row.due_on.isoformat(), str(row.done_on),
                           row.note, row.person.full_name, row.person.email)
        values = {"status": row.status, "due": row.due_on.isoformat(), "content": content}
        found[uid] = Local("follow_up", row.id, uid, values,
                           lambda row=row, uid=uid: _wrap(_todo(row, uid, stamp)),
                           _aware(row.updated))
    return found


def _read(href: str, etag: str, text: str, fetched: datetime.datetime) -> Remote | None:
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(text)
    except ValueError:
        return None
    for component in calendar.walk():
        name = component.name
        if name not in ("VEVENT", "VTODO") or not component.get("uid"):
            continue
        uid = str(component.get("uid"))
        modified = component.get("last-modified") or component.get("dtstamp")
        changed = _aware(modified.dt) if modified is not None else fetched
        if name == "VEVENT":
            start = component.get("dtstart")
            if start is None or not isinstance(start.dt, datetime.datetime):
                return None
            moment = start.dt
            zone = getattr(moment.tzinfo, "key", None)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=zones.system_zone())
                zone = zones.system_zone().key
            elif not zone:
                zone = zones.system_zone().key
                moment = moment.astimezone(zones.system_zone())
            end = component.get("dtend")
            minutes = None
            if end is not None and isinstance(end.dt, datetime.datetime):
                end_dt = end.dt if end.dt.tzinfo else end.dt.replace(tzinfo=moment.tzinfo)
                minutes = max(1, int((end_dt - moment).total_seconds() // 60))
            values = {"start": moment.replace(tzinfo=None).isoformat(), "tz": zone,
                      "minutes": minutes}
            return Remote(href, etag, uid, "interview", values, changed)
        status = _FROM_TODO.get(str(component.get("status", "NEEDS-ACTION")).upper(), "open")
        due = component.get("due")
        due_date = due.dt if due is not None else None
        if isinstance(due_date, datetime.datetime):
            due_date = due_date.date()
        completed = component.get("completed")
        done_on = completed.dt.date() if completed is not None and isinstance(
            completed.dt, datetime.datetime) else None
        values = {"status": status, "due": due_date.isoformat() if due_date else None}
        return Remote(href, etag, uid, "follow_up", values, changed, done_on)
    return None


def _href(collection: str, uid: str) -> str:
    return urlsplit(urljoin(collection, quote(uid, safe="-_.") + ".ics")).path


def plan(ctx) -> CalendarPlan:
    client, account, collection = ctx.calendar_client, ctx.row, ctx.row.calendar_url
    result = CalendarPlan()
    items = {row.uid: row for row in SyncItem.select().where(
        (SyncItem.account == account) & (SyncItem.kind != "person"))}
    by_href = {row.href: row for row in items.values() if row.href}
    ctx.step("Looking for changed calendar items", 0, 0)
    try:
        delta = client.sync_collection(collection, account.calendar_token,
                                       "Looking for changed calendar items")
        result.token = delta.token
        changed = {h: e for h, e in delta.changed.items() if h in by_href
                   and by_href[h].etag != e}
        removed = [h for h in delta.removed if h in by_href]
    except NoSyncTokens:
        result.use_token = False
        listing = {m.href: m.etag for m in client.members(collection, "Listing the calendar")}
        changed = {h: e for h, e in listing.items() if h in by_href and by_href[h].etag != e}
        removed = [h for h in by_href if h not in listing]
    ctx.check_cancel()
    fetched = datetime.datetime.now(datetime.UTC)
    remote: dict[str, Remote] = {}
    if changed:
        for href, (etag, text) in client.multiget(
                collection, sorted(changed), calendar=True,
                step="Fetching changed calendar items").items():
            item = _read(href, etag, text, fetched)
            if item is not None and item.uid in items:
                remote[item.uid] = item
    ctx.check_cancel()
    stamp = fetched.replace(microsecond=0)
    local = local_items(ctx.account.tags, stamp)
    for uid, theirs in remote.items():
        item = items[uid]
        mine = local.get(uid)
        base = json.loads(item.state)
        if mine is None:
            item.etag = theirs.etag  # deleted here, changed there: the deletion wins
            continue
        take, conflict = set(), False
        for name in REMOTE_FIELDS[mine.kind]:
            was, here, there = base.get(name), mine.values.get(name), theirs.values.get(name)
            if there is None or there == here:
                continue
            if here == was:
                take.add(name)
            elif there != was:
                conflict = True
                if theirs.changed_at >= mine.updated:
                    take.add(name)
        if conflict:
            what = "interview" if mine.kind == "interview" else "follow-up"
            result.conflicts.append(f"An {what} changed on both sides: the newer kept")
        if mine.kind == "interview" and ("start" in take or "tz" in take):
            take |= {"start", "tz"}
        state = {**theirs.values, "content": base.get("content")}
        if take:
            result.local_updates.append((mine, theirs, take))
        result.states.append((uid, mine.kind, mine.row_id, theirs.href, theirs.etag, state))
        pending = {k: v for k, v in mine.values.items() if k not in take}
        after = {**pending, **{k: theirs.values[k] for k in take}}
        if take or any(after.get(k) != theirs.values.get(k) for k in REMOTE_FIELDS[mine.kind]) \
                or mine.values["content"] != base.get("content"):
            result.pushes.append((mine, theirs.href, theirs.etag))
    gone = {by_href[h].uid for h in removed}
    for uid in gone:
        result.tombstones.append(items[uid].id)  # deleted on the phone: not sent again
    for uid, mine in local.items():
        if uid in remote or uid in gone:
            continue
        item = items.get(uid)
        if item is None:
            result.pushes.append((mine, _href(collection, uid), None))
        elif not item.href:
            continue  # deleted on the server before
        elif mine.values != json.loads(item.state):
            result.pushes.append((mine, item.href, item.etag))
    for uid, item in items.items():
        if uid not in local and uid not in gone and item.href:
            result.remote_deletes.append(item)
    return result


def apply_local(ctx, plan: CalendarPlan) -> Changes:
    changes = Changes()
    for mine, theirs, take in plan.local_updates:
        try:
            changes |= _apply_one(ctx, mine, theirs, take)
        except ValueError as error:  # a follow-up's own rules refused it
            ctx.report.problems.append(f"A calendar change was not taken ({error})")
    for uid, kind, row_id, href, etag, state in plan.states:
        write_state(ctx.row, uid, row_id, href, etag, state, kind=kind)
    if plan.tombstones:
        SyncItem.update(href="", etag="").where(SyncItem.id.in_(plan.tombstones)).execute()
    if plan.use_token and plan.token:
        ctx.row.calendar_token = plan.token
    ctx.report.conflicts.extend(plan.conflicts)
    return changes


def _apply_one(ctx, mine: Local, theirs: Remote, take: set[str]) -> Changes:
    changes = Changes()
    with database_proxy.atomic():  # a savepoint: one item refused leaves the others
        if mine.kind == "interview":
            interview = Interview.get_by_id(mine.row_id)
            if "start" in take:
                zone = zones.zone_of(theirs.values["tz"])
                wall = datetime.datetime.fromisoformat(theirs.values["start"])
                interview.set_start(zones.resolve(wall, zone))
            if "minutes" in take and theirs.values.get("minutes"):
                interview.duration_minutes = theirs.values["minutes"]
            interview.save()
            changes |= Changes.of_person(interview.person_id, {"timeline"},
                                         interviews=frozenset({interview.id}))
            ctx.count("received", "interviews")
        else:
            row = FollowUp.get_by_id(mine.row_id)
            if "status" in take:
                status = theirs.values["status"]
                if row.status != "open":
                    changes |= followups.reopen(row.id)
                if status == "done":
                    changes |= followups.mark_done(row.id, theirs.done_on or ctx.today,
                                                   note="Done (from the calendar)")
                elif status == "dropped":
                    changes |= followups.drop(row.id, ctx.today)
            if "due" in take and theirs.values.get("due"):
                row = FollowUp.get_by_id(mine.row_id)
                row.due_on = datetime.date.fromisoformat(theirs.values["due"])
                row.save()
                changes |= Changes.of_person(row.person_id, {"timeline"},
                                             follow_ups=frozenset({row.id}))
            ctx.count("received", "follow-ups")
    return changes


def send(ctx, plan: CalendarPlan, recorded: list) -> None:
    client = ctx.calendar_client
    total = len(plan.pushes) + len(plan.remote_deletes)
    done = 0
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    fresh = local_items(ctx.account.tags, stamp) if plan.local_updates else {}
    for mine, href, etag in plan.pushes:
        ctx.check_cancel()
        mine = fresh.get(mine.uid, mine)
        what = "interview" if mine.kind == "interview" else "follow-up"
        status, new_etag = client.put(href, mine.text, "text/calendar", etag=etag,
                                      step=f"Sending an {what}")
        if status == 412:
            ctx.report.problems.append(f"An {what} changed on the server meanwhile; "
                                       "the next sync merges it")
        else:
            new_etag = new_etag or client.etag_of(href, f"Sending an {what}")
            recorded.append(("state", mine.uid, mine.row_id, href, new_etag, mine.values,
                             mine.kind))
            ctx.count("sent", "interviews" if mine.kind == "interview" else "follow-ups")
        done += 1
        ctx.step("Sending calendar items", done, total)
    for item in plan.remote_deletes:
        ctx.check_cancel()
        status = client.delete(item.href, item.etag, "Deleting a calendar item on the server")
        if status != 412:
            recorded.append(("forget", item.id))
            ctx.count("sent", "deleted")
        done += 1
        ctx.step("Sending calendar items", done, total)
