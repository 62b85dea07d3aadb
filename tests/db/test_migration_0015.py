"""Migration 0015 adds the reciprocity figures per person to a populated database of schema
0012, fills them from what is logged, and keeps them in step from then on; the weekly
habit reads the follow-ups done from an index."""

import datetime

from peewee import SqliteDatabase

from netdesk.core import dashboard, timeline
from netdesk.db import open_database
from netdesk.db.database import APPLICATION_ID, migrate, schema_version

ROW = ("INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
       "relationship, stage, source, tags, notes, research_notes, created, updated) "
       "VALUES (?, 'Lee', '', '', '', '', 'friend', 'contacted', '', '', '', '', 0, 0)")


def test_figures_are_filled_from_a_schema_0012_file_and_kept_in_step(db_path):
    old = SqliteDatabase(str(db_path), pragmas={"foreign_keys": 1})
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(old, db_path, target="0012_last_contact")
    for name in ("Ada", "Bo", "Cy", "Di"):  # 1..4; Di has nothing at all
        old.execute_sql(ROW, (name,))
    on = datetime.date(2026, 5, 1).isoformat()
    for person, kind in ((1, "help_received"), (1, "help_received"), (1, "note"),
                         (2, "help_received"), (2, "help_given"), (3, "help_given")):
        old.execute_sql("INSERT INTO interaction (person_id, kind, occurred_on, summary, "
                        "created, updated) VALUES (?, ?, ?, '', 0, 0)", (person, kind, on))
    old.execute_sql("INSERT INTO interview (person_id, status, duration_minutes, mode, place, "
                    "outreach_message, research_checklist, advice, action_plan, notes, created, "
                    "updated) VALUES (2, 'done', 30, 'video', '', '', '', '', '', '', 0, 0), "
                    "(3, 'planning', 30, 'video', '', '', '', '', '', '', 0, 0)")
    old.execute_sql("INSERT INTO referral (referrer_id, referred_id, note, created, updated) "
                    "VALUES (3, 4, '', 0, 0), (1, 2, '', 0, 0)")
    assert not old.table_exists("person_help")
    old.close()

    db = open_database(db_path)
    assert schema_version(db) >= "0015_help_summary"
    figures = {pid: (r, g) for pid, r, g in db.execute_sql(
        "SELECT person_id, received, given FROM person_help ORDER BY person_id")}
    assert figures == {1: (3, 0), 2: (2, 1), 3: (1, 1)}
    result = dashboard.reciprocity()
    assert (result.received, result.given) == (6, 2)
    assert [(g.person_id, g.received) for g in result.owed] == [(1, 3)]
    db.execute_sql("ANALYZE person")  # statistics on person, none on person_help: its index
    plan = db.execute_sql("EXPLAIN QUERY PLAN " + dashboard.OWED_QUERY, [8]).fetchall()
    assert "person_help_owed" in str(plan) and "SCAN" not in str(plan)

    habit = db.execute_sql(
        "EXPLAIN QUERY PLAN SELECT done_on, count(*) FROM follow_up WHERE status = 'done' "
        "AND done_on >= ? AND done_on < ? GROUP BY done_on", ["2026-01-01", "2026-04-01"])
    assert "follow_up_status_done_on (status=? AND done_on>? AND done_on<?)" in str(
        habit.fetchall())

    timeline.log(4, "help_received", datetime.date(2026, 6, 1), "", datetime.date(2026, 6, 1))
    timeline.log(1, "help_given", datetime.date(2026, 6, 1), "", datetime.date(2026, 6, 1))
    assert [(g.person_id, g.received) for g in dashboard.reciprocity().owed] == [(4, 1)]
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    db.close()
