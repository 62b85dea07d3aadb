"""What the weekly dashboard shows: due follow-ups, upcoming interviews, people gone quiet,
the weekly habit, coverage of career fields by work setting, and reciprocity."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from peewee import JOIN

from netdesk.core import followups
from netdesk.db import dialect, zones
from netdesk.db.models import SECTORS, CareerField, Interview, Person, database_proxy

DEFAULT_WEEKLY_GOAL = 5
DEFAULT_SILENCE_DAYS = 90
OVERDUE_SHOWN = 8  # the dashboard lists at most this many overdue follow-ups...
DUE_TODAY_SHOWN = 8  # ...and this many due today; it counts the rest (People → All Follow-ups)
QUIET_SHOWN = 20  # people gone quiet, longest silence first
# Interaction kinds that count as reaching out to someone.
OUTREACH_KINDS = ("message_sent",)


@dataclass(frozen=True)
class UpcomingInterview:
    id: int
    person_id: int
    person_name: str
    scheduled_at: datetime.datetime
    """When it starts, aware, in the user's zone."""
    mode: str
    career_field: str


@dataclass(frozen=True)
class QuietPerson:
    person_id: int
    person_name: str
    last_contact: datetime.date
    days: int


@dataclass(frozen=True)
class HabitWeek:
    monday: datetime.date
    iso_year: int
    iso_week: int
    outreach: int
    follow_ups_done: int
    goal: int

    @property
    def total(self) -> int:
        return self.outreach + self.follow_ups_done

    @property
    def met(self) -> bool:
        return self.total >= self.goal


@dataclass
class CoverageRow:
    career_field_id: int
    name: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTORS, 0))
    unknown_setting: int = 0
    people: int = 0
    interview_ids: dict[str, list[int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values()) + self.unknown_setting

    @property
    def settings(self) -> int:
        return sum(1 for n in self.counts.values() if n)

    @property
    def needs_more_views(self) -> bool:
        """Fewer than two people interviewed in this field: one point of view is not enough."""
        return self.people < 2

    @property
    def needs_second_setting(self) -> bool:
        return self.settings < 2


@dataclass(frozen=True)
class GiveBack:
    person_id: int
    person_name: str
    received: int
    given: int


@dataclass(frozen=True)
class Reciprocity:
    received: int
    given: int
    owed: list[GiveBack]


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def upcoming_interviews(
    today: datetime.date, days: int = 14, limit: int = 20
) -> list[UpcomingInterview]:
    """Planned or scheduled interviews from ``today`` through the next ``days`` days (days
    as they run in the user's zone)."""
    midnight = datetime.datetime.combine(today, datetime.time())
    start = zones.as_instant(midnight)
    end = zones.as_instant(midnight + datetime.timedelta(days=days + 1))
    query = (Interview
             .select(Interview, Person, CareerField)
             .join(Person).switch(Interview)
             .join(CareerField, JOIN.LEFT_OUTER)
             .where(Interview.status.in_(("planning", "scheduled")),
                    Interview.starts_at >= start, Interview.starts_at < end)
             .order_by(Interview.starts_at).limit(limit))
    return [
        UpcomingInterview(
            id=i.id, person_id=i.person.id, person_name=i.person.full_name,
            scheduled_at=zones.local(i.start), mode=i.mode,
            career_field=i.career_field.name if i.career_field_id else "",
        )
        for i in query
    ]


def quiet_people(
    today: datetime.date, days: int = DEFAULT_SILENCE_DAYS, limit: int = QUIET_SHOWN
) -> list[QuietPerson]:
    """People whose newest interaction is more than ``days`` old, longest silence first.

    Read along the index on ``person.last_contact`` (migration 0012), oldest first, so
    only the rows shown are visited; people who declined are left in peace, and people
    never contacted (no date) are not "quiet".
    """
    cutoff = today - datetime.timedelta(days=days)
    rows = database_proxy.execute_sql(
        """
        SELECT p.id, p.first_name, p.last_name, p.last_contact
          FROM person p
         WHERE p.last_contact < ? AND p.stage <> 'declined'
         ORDER BY p.last_contact, p.last_name, p.first_name
         LIMIT ?
        """,
        (cutoff.isoformat(), limit),
    ).fetchall()
    result = []
    for person_id, first, last, on_date in rows:
        last_contact = _as_date(on_date)
        result.append(QuietPerson(
            person_id=person_id,
            person_name=" ".join(p for p in (first, last) if p),
            last_contact=last_contact, days=(today - last_contact).days,
        ))
    return result


def weekly_habit(
    today: datetime.date, goal: int = DEFAULT_WEEKLY_GOAL, weeks: int = 12
) -> list[HabitWeek]:
    """Outreach sent and follow-ups done per ISO week, the last ``weeks`` weeks, oldest first."""
    this_monday = monday_of(today)
    first = this_monday - datetime.timedelta(weeks=weeks - 1)
    end = this_monday + datetime.timedelta(days=7)
    outreach: dict[datetime.date, int] = {}
    done: dict[datetime.date, int] = {}
    kinds = ", ".join("?" for _ in OUTREACH_KINDS)
    for on_date, n in database_proxy.execute_sql(
        f"SELECT occurred_on, count(*) FROM interaction WHERE kind IN ({kinds}) "
        "AND occurred_on >= ? AND occurred_on < ? GROUP BY occurred_on",
        (*OUTREACH_KINDS, first.isoformat(), end.isoformat()),
    ):
        week = monday_of(_as_date(on_date))
        outreach[week] = outreach.get(week, 0) + n
    for on_date, n in database_proxy.execute_sql(
        "SELECT done_on, count(*) FROM follow_up WHERE status = 'done' "
        "AND done_on >= ? AND done_on < ? GROUP BY done_on",
        (first.isoformat(), end.isoformat()),
    ):
        week = monday_of(_as_date(on_date))
        done[week] = done.get(week, 0) + n
    result = []
    for index in range(weeks):
        monday = first + datetime.timedelta(weeks=index)
        iso = monday.isocalendar()
        result.append(HabitWeek(
            monday=monday, iso_year=iso.year, iso_week=iso.week,
            outreach=outreach.get(monday, 0), follow_ups_done=done.get(monday, 0), goal=goal,
        ))
    return result


def streak(weeks: list[HabitWeek]) -> int:
    """Weeks in a row that met the goal, counting back from the newest (this week may still
    be under way, so it only adds to the streak once met)."""
    count = 0
    for index, week in enumerate(reversed(weeks)):
        if week.met:
            count += 1
        elif index > 0:
            break
    return count


def coverage_matrix() -> list[CoverageRow]:
    """Every career field × work setting, with the number of interviews held in each cell.

    Counted by SQLite, one row per field and setting; the ids behind a cell come as
    one list, in the order the interviews were held.
    """
    rows = {
        f.id: CoverageRow(career_field_id=f.id, name=f.name)
        for f in CareerField.select(CareerField.id, CareerField.name).order_by(CareerField.name)
    }
    ids = dialect.ordered_group_concat("c.id", "','", "c.starts_at, c.id")
    cells = database_proxy.execute_sql(
        f"""
        SELECT career_field_id, sector, count(*), {ids}
          FROM (SELECT i.id, i.career_field_id, coalesce(o.sector, '') AS sector, i.starts_at
                  FROM interview i
                  JOIN person p ON p.id = i.person_id
                  LEFT JOIN organization o ON o.id = p.organization_id
                 WHERE i.status = 'done' AND i.career_field_id IS NOT NULL
                 ORDER BY i.starts_at, i.id) AS c
         GROUP BY career_field_id, sector
        """
    )
    for field_id, sector, n, ids in cells:
        row = rows.get(field_id)
        if row is None:
            continue
        key = sector if sector in SECTORS else ""
        if key:
            row.counts[key] += n
        else:
            row.unknown_setting += n
        row.interview_ids.setdefault(key, []).extend(int(i) for i in ids.split(","))
    for field_id, people in database_proxy.execute_sql(
        "SELECT career_field_id, count(DISTINCT person_id) FROM interview "
        "WHERE status = 'done' AND career_field_id IS NOT NULL GROUP BY career_field_id"
    ):
        if field_id in rows:
            rows[field_id].people = people
    return list(rows.values())


OWED_QUERY = """
    SELECT h.person_id, p.first_name, p.last_name, h.received
      FROM person_help h
     CROSS JOIN person p
     WHERE p.id = h.person_id AND h.given = 0 AND h.received > 0
     ORDER BY h.received DESC, lower(trim(p.first_name || ' ' || p.last_name)), p.id
     LIMIT ?
"""
"""The people owed, most help first. CROSS JOIN keeps ``person_help`` the outer loop, read
along its partial index: without statistics on the table SQLite would rather scan every
person."""


def reciprocity(limit: int = 8) -> Reciprocity:
    """Help received (help, interviews given, introductions made) versus help given back.

    ``owed`` lists the people who helped most and have not yet had anything back.
    The totals are counts SQLite reads from indexes (``interaction(kind, ...)``,
    ``interview``, ``referral``); the list is read from ``person_help``, the figures per
    person that triggers keep in step with every write (migration 0015), along its
    partial index of the people owed, so only the rows shown are visited.
    """
    received, given = database_proxy.execute_sql(
        """
        SELECT (SELECT count(*) FROM interaction WHERE kind = 'help_received')
             + (SELECT count(*) FROM interview WHERE status = 'done')
             + (SELECT count(*) FROM referral),
               (SELECT count(*) FROM interaction WHERE kind = 'help_given')
        """
    ).fetchone()
    rows = database_proxy.execute_sql(OWED_QUERY, (limit,)).fetchall()
    owed = [GiveBack(person_id=pid, person_name=" ".join(x for x in (first, last) if x),
                     received=rec, given=0)
            for pid, first, last, rec in rows]
    return Reciprocity(received=received, given=given, owed=owed)


@dataclass(frozen=True)
class Snapshot:
    """Everything the dashboard shows, read at once for one ``today``."""

    today: datetime.date
    overdue: list[followups.DueItem]
    overdue_total: int
    today_total: int
    due_today: list[followups.DueItem]
    interviews: list[UpcomingInterview]
    quiet: list[QuietPerson]
    habit: list[HabitWeek]
    coverage: list[CoverageRow]
    reciprocity: Reciprocity


def snapshot(
    today: datetime.date,
    *,
    goal: int = DEFAULT_WEEKLY_GOAL,
    silence_days: int = DEFAULT_SILENCE_DAYS,
) -> Snapshot:
    """Read the whole dashboard in one read transaction, so its parts agree."""
    with database_proxy.atomic():
        return Snapshot(
            today=today,
            overdue=followups.overdue(today, limit=OVERDUE_SHOWN),
            overdue_total=followups.count_overdue(today),
            due_today=followups.due_today(today, limit=DUE_TODAY_SHOWN),
            today_total=followups.count_due_today(today),
            interviews=upcoming_interviews(today),
            quiet=quiet_people(today, silence_days),
            habit=weekly_habit(today, goal),
            coverage=coverage_matrix(),
            reciprocity=reciprocity(),
        )


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])
