"""Migration 0004 gives interview times their zone, on a populated database of the previous
schema: naive times are read in the system zone at migration time, and nothing is lost."""

import datetime

from peewee import SqliteDatabase

from netdesk.db import open_database
from netdesk.db.database import APPLICATION_ID, migrate, schema_version
from netdesk.db.models import FollowUp, Interaction, Interview, InterviewQuestion
from netdesk.db.zones import local_wall

UTC = datetime.UTC
WALL_TIMES = {
    1: "2026-12-02 15:00:00",  # winter: CET, UTC+1
    2: "2026-07-01 09:30:00",  # summer: CEST, UTC+2
    3: "2026-03-29 02:30:00",  # in the spring-forward gap
    4: "2026-10-25 02:30:00",  # happens twice in autumn
    5: None,                   # not scheduled yet
}


def _previous_schema_with_rows(path):
    old = SqliteDatabase(str(path), pragmas={"foreign_keys": 1})
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(old, path, target="0003_contact_indexes")
    old.execute_sql(
        "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
        "relationship, stage, source, tags, notes, research_notes, created, updated) "
        "VALUES ('Ada', 'Lovelace', '', '', '', '', 'friend', 'contacted', '', '', '', '', "
        "'2026-01-01 08:00:00', '2026-01-01 08:00:00')")
    for number, wall in WALL_TIMES.items():
        old.execute_sql(
            "INSERT INTO interview (id, person_id, status, scheduled_at, duration_minutes, mode, "
            "place, outreach_message, research_checklist, advice, action_plan, notes, created, "
            "updated) VALUES (?, 1, 'scheduled', ?, 90, 'video', '', '', '', '', '', '', "
            "'2026-01-01 08:00:00', '2026-01-01 08:00:00')", (number, wall))
    old.execute_sql(
        "INSERT INTO interview_question (interview_id, position, text, category, minutes, notes, "
        "mark, created, updated) VALUES (1, 0, 'Typical day?', 'career_path', 5, 'kept', '', "
        "'2026-01-01 08:00:00', '2026-01-01 08:00:00')")
    old.execute_sql(
        "INSERT INTO follow_up (person_id, interview_id, kind, due_on, status, note, created, "
        "updated) VALUES (1, 1, 'thank_you', '2026-12-03', 'open', '', 0, 0)")
    old.execute_sql(
        "INSERT INTO interaction (person_id, interview_id, kind, occurred_on, summary, created, "
        "updated) VALUES (1, 1, 'message_sent', '2026-11-20', 'Asked', 0, 0)")
    old.close()


def test_naive_times_are_read_in_the_system_zone_and_every_row_stays(db_path, monkeypatch):
    _previous_schema_with_rows(db_path)
    monkeypatch.setenv("NETDESK_TZ", "Europe/Berlin")

    db = open_database(db_path)
    assert schema_version(db) >= "0004"
    rows = {i.id: i for i in Interview.select()}
    assert {i: (r.starts_at, r.time_zone) for i, r in rows.items()} == {
        1: (datetime.datetime(2026, 12, 2, 14, 0, tzinfo=UTC), "Europe/Berlin"),
        2: (datetime.datetime(2026, 7, 1, 7, 30, tzinfo=UTC), "Europe/Berlin"),
        3: (datetime.datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "Europe/Berlin"),  # moved on
        4: (datetime.datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "Europe/Berlin"),  # the first
        5: (None, ""),
    }
    assert rows[1].scheduled_at == datetime.datetime(2026, 12, 2, 15, 0)  # the wall time stays
    assert rows[3].scheduled_at == datetime.datetime(2026, 3, 29, 3, 30)  # as the clocks read
    assert str(rows[1].updated) == "2026-01-01 08:00:00"  # migrating is not an edit
    (question,) = InterviewQuestion.select()
    assert (question.interview_id, question.notes) == (1, "kept")
    assert FollowUp.get().interview_id == 1 and Interaction.get().interview_id == 1
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    db.close()

    monkeypatch.setenv("NETDESK_TZ", "America/New_York")  # the user moves; the moment stays
    db = open_database(db_path)
    assert local_wall(Interview.get_by_id(1).start) == datetime.datetime(2026, 12, 2, 9, 0)
    db.close()


def test_an_indexed_instant_serves_the_time_queries(db):
    indexes = {index.name for index in db.get_indexes("interview")}
    assert "interview_starts_at" in indexes
