"""Dashboard queries at 50,000 people: people gone quiet, due follow-ups, the whole snapshot."""

from __future__ import annotations

import datetime
import random
import tempfile
from pathlib import Path

from tests.benchmarks.report import report, timed

PEOPLE = 50_000
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
    db.execute_sql("ANALYZE")


def main() -> None:
    from netdesk.core import dashboard
    from netdesk.db import open_database

    path = Path(tempfile.mkdtemp(prefix="netdesk-bench-")) / "dashboard.sqlite3"
    db = open_database(path)
    _fill(db)

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
    db.execute_sql("DROP INDEX interaction_kind_occurred_on")
    db.execute_sql("ANALYZE")
    quiet_before = timed(lambda: dashboard.quiet_people(TODAY, 90))
    due_before = timed(lambda: dashboard.followups.overdue(TODAY, limit=100))
    habit_before = timed(lambda: dashboard.weekly_habit(TODAY))
    whole_before = timed(lambda: dashboard.snapshot(TODAY))
    db.close()

    report("dashboard quiet_people, 50k people / 250k interactions", quiet, "ms",
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
