"""Dates already in the database that netdesk would no longer accept: the calendar export and
the question sheet still work (an interview dated 9999-12-31 once crashed both)."""

from __future__ import annotations

import datetime

import pytest
from icalendar import Calendar

from netdesk.core.sheet import interview_sheet
from netdesk.db.models import FollowUp, Interview, database_proxy
from netdesk.formats.ics import build_calendar, export_ics

_ONLY_IN_A_FILE = pytest.mark.sqlite_only  # PostgreSQL's date columns refuse them
STORED = [
    "9999-12-31 23:59:59",
    "0001-01-01 00:00:00",
    pytest.param("garbage", marks=_ONLY_IN_A_FILE),
    pytest.param(12345, marks=_ONLY_IN_A_FILE),
    pytest.param("2024-02-30 10:00:00", marks=_ONLY_IN_A_FILE),
]


@pytest.mark.parametrize("value", STORED)
def test_an_interview_with_any_stored_date_exports_and_prints(sample_db, tmp_path, value):
    interview = Interview.select().where(Interview.scheduled_at.is_null(False)).first()
    database_proxy.execute_sql(
        "UPDATE interview SET scheduled_at = ?, created = ?, updated = ? WHERE id = ?",
        (value, value, value, interview.id))
    calendar = Calendar.from_ical(build_calendar().to_ical())
    assert calendar.walk("VEVENT")
    assert export_ics(tmp_path / "c.ics") > 0
    sheet = interview_sheet(interview.id)
    assert "Informational interview with" in sheet.html
    assert sheet.filename.endswith(".pdf")


@pytest.mark.parametrize("value", [*STORED, "9999-12-31"])
def test_a_follow_up_with_any_stored_due_date_exports(sample_db, tmp_path, value):
    follow_up = FollowUp.select().where(FollowUp.status == "open").first()
    database_proxy.execute_sql(
        "UPDATE follow_up SET due_on = ?, created = ? WHERE id = ?",
        (value, value, follow_up.id))
    Calendar.from_ical(build_calendar().to_ical())
    assert export_ics(tmp_path / "c.ics") > 0


def test_the_last_day_kept_still_exports_and_prints(sample_db):
    interview = Interview.select().where(Interview.scheduled_at.is_null(False)).first()
    interview.scheduled_at = datetime.datetime(2200, 12, 31, 23, 30)
    interview.duration_minutes = 240
    interview.save()
    ical = build_calendar().to_ical().decode()
    assert ":22001231T233000" in ical  # DTSTART in the interview's zone
    assert ":22010101T033000" in ical
    assert "31 December 2200" in interview_sheet(interview.id).html
