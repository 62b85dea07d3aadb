"""Dashboard queries at 100,000 people / 500,000 interactions (NETDESK_BENCH_PEOPLE sets
the size): people gone quiet, due follow-ups, the whole snapshot; the keep-in-touch marks.

The figures before the stored last-contact date (migration 0012) are measured in the same
run by the grouped query over ``interaction`` that ``quiet_people`` used to run, and by
the per-person subquery the keep-in-touch marks used to run."""

from __future__ import annotations

import datetime
import os
import random
import tempfile
from pathlib import Path

from tests.benchmarks.report import report, timed

PEOPLE = int(os.environ.get("NETDESK_BENCH_PEOPLE", "100000"))
INTERACTIONS_PER_PERSON = 5
TODAY = datetime.date(2026, 11, 25)


KINDS = ("message_sent", "reply", "meeting", "thank_you", "update", "note",
         "help_received", "help_given")


def _fill(db) -> None:
    stamp = "2026-01-01 00:00:00"
    with db.atomic():
        db.cursor().executemany(
            "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
            "relationship, stage, source, tags, notes, research_notes, created, updated) "
            "VALUES (?, ?, '', '', '', '', 'acquaintance', 'contacted', '', '', '', '', ?, ?)",
            [(f"First{i}", f"Last{i}", stamp, stamp) for i in range(PEOPLE)])
    add_activity(db, PEOPLE)


def add_activity(db, people: int, *, today: datetime.date = TODAY, seed: int = 7) -> None:
    """Give people 1..``people`` a dashboard's worth of history: interactions (help received
    and given among them), follow-ups, held interviews in two career fields, referrals."""
    from netdesk.db import zones
    from netdesk.db.last_contact import refresh as refresh_last_contact

    rng = random.Random(seed)
    zone = zones.system_zone()
    stamp = "2026-01-01 00:00:00"
    with db.atomic():
        first_field = db.execute_sql("SELECT coalesce(max(id), 0) + 1 FROM career_field"
                                     ).fetchone()[0]
        db.execute_sql("INSERT INTO career_field (name, description, created, updated) "
                       "VALUES ('Bench field A', '', ?, ?), ('Bench field B', '', ?, ?)",
                       (stamp,) * 4)
        cursor = db.cursor()
        cursor.executemany(
            "INSERT INTO interaction (person_id, kind, occurred_on, summary, created, updated) "
            "VALUES (?, ?, ?, '', ?, ?)",
            [(p, rng.choice(KINDS), (today - datetime.timedelta(days=rng.randint(0, 700)))
              .isoformat(), stamp, stamp)
             for p in range(1, people + 1) for _ in range(INTERACTIONS_PER_PERSON)])
        cursor.executemany(
            "INSERT INTO follow_up (person_id, kind, due_on, status, note, created, updated) "
            "VALUES (?, 'keep_in_touch', ?, ?, '', ?, ?)",
            [(p, (today + datetime.timedelta(days=rng.randint(-60, 60))).isoformat(),
              rng.choice(("open", "done", "dropped")), stamp, stamp)
             for p in range(1, people + 1, 2)])
        cursor.executemany(
            "INSERT INTO interview (person_id, career_field_id, status, scheduled_at, "
            "starts_at, time_zone, duration_minutes, mode, place, outreach_message, "
            "research_checklist, advice, action_plan, notes, created, updated) "
            "VALUES (?, ?, 'done', ?, ?, ?, 30, 'video', '', '', '', '', '', '', ?, ?)",
            [(p, first_field + p % 2, f"{wall}",
              f"{zones.storage(zones.as_instant(wall, zone))}", zone.key, stamp, stamp)
             for p in range(1, people + 1, 25)
             for wall in [datetime.datetime.combine(today - datetime.timedelta(days=p % 300),
                                                    datetime.time(10))]])
        cursor.executemany(
            "INSERT INTO referral (referrer_id, referred_id, note, created, updated) "
            "VALUES (?, ?, '', ?, ?)",
            [(rng.randint(1, p - 1), p, stamp, stamp)
             for p in range(2, people + 1) if rng.random() < 0.3])
        refresh_last_contact(range(1, people + 1))
    db.execute_sql("ANALYZE")


# quiet_people and the keep-in-touch marks before migration 0012, for the baselines.
_QUIET_BEFORE = """
    SELECT p.id, p.first_name, p.last_name, last.on_date
      FROM (SELECT person_id, max(occurred_on) AS on_date
              FROM interaction GROUP BY person_id) AS last
      JOIN person p ON p.id = last.person_id
     WHERE last.on_date < ? AND p.stage <> 'declined'
     ORDER BY last.on_date, p.last_name, p.first_name
     LIMIT ?
"""
_LAST_BEFORE = ("coalesce((SELECT max(i.occurred_on) FROM interaction i "
                "WHERE i.person_id = p.id), date(p.created))")


# The people owed before migration 0015: every help grouped per person at each read.
_OWED_BEFORE = """
    SELECT h.person_id, p.first_name, p.last_name, h.received
      FROM (SELECT person_id, sum(n) AS received
              FROM (SELECT person_id, count(*) AS n FROM interaction
                     WHERE kind = 'help_received' GROUP BY person_id
                    UNION ALL
                    SELECT person_id, count(*) FROM interview
                     WHERE status = 'done' GROUP BY person_id
                    UNION ALL
                    SELECT referrer_id, count(*) FROM referral GROUP BY referrer_id)
             GROUP BY person_id) AS h
      JOIN person p ON p.id = h.person_id
     WHERE NOT EXISTS (SELECT 1 FROM interaction g
                        WHERE g.person_id = h.person_id AND g.kind = 'help_given')
     ORDER BY h.received DESC, lower(trim(p.first_name || ' ' || p.last_name)), p.id
     LIMIT ?
"""


def _reciprocity_before(limit: int = 8):
    from netdesk.core.dashboard import GiveBack, Reciprocity
    from netdesk.db.models import database_proxy

    totals = database_proxy.execute_sql(
        "SELECT (SELECT count(*) FROM interaction WHERE kind = 'help_received') "
        "+ (SELECT count(*) FROM interview WHERE status = 'done') "
        "+ (SELECT count(*) FROM referral), "
        "(SELECT count(*) FROM interaction WHERE kind = 'help_given')").fetchone()
    owed = [GiveBack(person_id=pid, person_name=" ".join(x for x in (first, last) if x),
                     received=n, given=0)
            for pid, first, last, n in database_proxy.execute_sql(_OWED_BEFORE, (limit,))]
    return Reciprocity(received=totals[0], given=totals[1], owed=owed)


def _quiet_before(today: datetime.date, days: int = 90, limit: int | None = None):
    from netdesk.core.dashboard import QUIET_SHOWN, QuietPerson, _as_date
    from netdesk.db.models import database_proxy

    limit = QUIET_SHOWN if limit is None else limit

    cutoff = today - datetime.timedelta(days=days)
    rows = database_proxy.execute_sql(_QUIET_BEFORE, (cutoff.isoformat(), limit)).fetchall()
    return [QuietPerson(person_id=i, person_name=f"{first} {last}",
                        last_contact=_as_date(on), days=(today - _as_date(on)).days)
            for i, first, last, on in rows]


def main() -> None:
    from netdesk.core import dashboard, keep_in_touch
    from netdesk.db import open_database

    path = Path(tempfile.mkdtemp(prefix="netdesk-bench-")) / "dashboard.sqlite3"
    db = open_database(path)
    _fill(db)
    db.execute_sql("UPDATE person SET tier = CASE id % 3 WHEN 0 THEN 'A' WHEN 1 THEN 'B' "
                   "ELSE 'C' END WHERE id % 2 = 0")

    quiet_stored = timed(lambda: dashboard.quiet_people(TODAY, 90))
    whole_stored = timed(lambda: dashboard.snapshot(TODAY))
    marks_stored = timed(lambda: (keep_in_touch.overdue(TODAY),
                                  keep_in_touch.count_overdue(TODAY)))
    stored_quiet, stored_marks = dashboard.quiet_people(TODAY, 90), keep_in_touch.overdue(TODAY)
    quiet_grouped = timed(lambda: _quiet_before(TODAY, 90))
    stored = dashboard.quiet_people
    dashboard.quiet_people = _quiet_before
    whole_grouped = timed(lambda: dashboard.snapshot(TODAY))
    dashboard.quiet_people = stored
    keep_in_touch._LAST, stored_last = _LAST_BEFORE, keep_in_touch._LAST
    marks_grouped = timed(lambda: (keep_in_touch.overdue(TODAY),
                                   keep_in_touch.count_overdue(TODAY)))
    assert keep_in_touch.overdue(TODAY) == stored_marks, "the marks differ"
    keep_in_touch._LAST = stored_last
    assert [q.person_id for q in _quiet_before(TODAY, 90)] == [
        q.person_id for q in stored_quiet], "the quiet people differ"
    reciprocity_stored = timed(dashboard.reciprocity)
    reciprocity_grouped = timed(_reciprocity_before)
    assert dashboard.reciprocity() == _reciprocity_before(), "the people owed differ"
    stored_reciprocity = dashboard.reciprocity
    dashboard.reciprocity = _reciprocity_before
    whole_grouped_help = timed(lambda: dashboard.snapshot(TODAY))
    dashboard.reciprocity = stored_reciprocity
    size = f"{PEOPLE // 1000}k people / {PEOPLE * INTERACTIONS_PER_PERSON // 1000}k interactions"
    report(f"dashboard quiet_people from person.last_contact, {size}", quiet_stored, "ms",
           baseline=quiet_grouped, goal="< 10 ms")
    report("dashboard snapshot with the stored date (baseline: grouped query)", whole_stored,
           "ms", baseline=whole_grouped, goal="<= 100 ms")
    report("dashboard reciprocity from person_help (baseline: grouped per read, before 0015)",
           reciprocity_stored, "ms", baseline=reciprocity_grouped, goal="< 20 ms")
    report("dashboard snapshot (baseline: reciprocity grouped per read, before 0015)",
           whole_stored, "ms", baseline=whole_grouped_help, goal="<= 100 ms")
    report("keep-in-touch overdue list and counts, half the people in a tier", marks_stored,
           "ms", baseline=marks_grouped, goal="< 100 ms")

    quiet = timed(lambda: dashboard.quiet_people(TODAY, 90))
    due = timed(lambda: dashboard.followups.overdue(TODAY, limit=100))
    habit = timed(lambda: dashboard.weekly_habit(TODAY))
    coverage = timed(lambda: dashboard.coverage_matrix())
    reciprocity = timed(lambda: dashboard.reciprocity())
    whole = timed(lambda: dashboard.snapshot(TODAY))

    from PySide6.QtWidgets import QApplication

    from netdesk.ui.dashboard.dashboard import DashboardWidget

    app = QApplication.instance() or QApplication([])
    widget = DashboardWidget(today=lambda: TODAY)
    widget.resize(1100, 800)
    widget.show()
    app.processEvents()
    shown = timed(lambda: (widget.reload(), app.processEvents()))
    widget.close()

    db.execute_sql("DROP INDEX interaction_person_id_occurred_on")
    db.execute_sql("DROP INDEX follow_up_status_due_on")
    db.execute_sql("DROP INDEX follow_up_status_done_on")
    db.execute_sql("DROP INDEX interaction_kind_occurred_on")
    db.execute_sql("ANALYZE")
    quiet_before = timed(lambda: dashboard.quiet_people(TODAY, 90))
    due_before = timed(lambda: dashboard.followups.overdue(TODAY, limit=100))
    habit_before = timed(lambda: dashboard.weekly_habit(TODAY))
    whole_before = timed(lambda: dashboard.snapshot(TODAY))
    db.close()

    report(f"dashboard quiet_people, {size}", quiet, "ms",
           baseline=quiet_before, goal="< 150 ms")
    report("dashboard overdue follow-ups (first 100)", due, "ms", baseline=due_before,
           goal="< 20 ms")
    report("dashboard weekly_habit (12 weeks)", habit, "ms", baseline=habit_before, goal="< 50 ms")
    report("dashboard coverage_matrix", coverage, "ms", goal="< 50 ms")
    report("dashboard reciprocity", reciprocity, "ms", goal="< 200 ms")
    report("dashboard widget reload (queries and drawing)", shown, "ms", goal="< 500 ms")
    report("dashboard snapshot (everything)", whole, "ms", baseline=whole_before, goal="< 400 ms")


if __name__ == "__main__":
    main()
