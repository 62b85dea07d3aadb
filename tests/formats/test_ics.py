"""The iCalendar export parses back with icalendar and holds the right events, alarms and UIDs."""

import argparse
import datetime
import subprocess
import sys
from zoneinfo import ZoneInfo

import icalendar
import pytest

from netdesk.app import main
from netdesk.core.interviews import InterviewPlan, PlannedQuestion, save_plan
from netdesk.db.identity import identity
from netdesk.db.models import FollowUp, Interview, Organization, Person
from netdesk.formats.ics import (
    CalendarExportError,
    calendar_bytes,
    export_ics,
    follow_up_uid,
    interview_uid,
)
from netdesk.paths import database_argument
from tests.db.raw import passphrase_input, passphrase_stdin

BERLIN = ZoneInfo("Europe/Berlin")
UTC = datetime.UTC


@pytest.fixture(autouse=True)
def in_berlin(monkeypatch):
    monkeypatch.setenv("NETDESK_TZ", "Europe/Berlin")


@pytest.fixture
def data(db):
    org = Organization.create(name="Clinic", sector="nonprofit")
    ada = Person.create(first_name="Ada", last_name="Lovelace, Jr.", organization=org,
                        job_title="Epidemiologist", email="ada@example.org")
    meet = Interview.create(person=ada, status="scheduled", mode="video",
                            scheduled_at=datetime.datetime(2026, 12, 2, 15, 0),
                            duration_minutes=45, place="https://meet.example/ada")
    cancelled = Interview.create(person=ada, status="cancelled",
                                 scheduled_at=datetime.datetime(2026, 12, 9, 9, 0))
    Interview.create(person=ada, status="planning")  # no date: not in the calendar
    due = FollowUp.create(person=ada, interview=meet, kind="thank_you",
                          due_on=datetime.date(2026, 12, 3), note="Mention the course")
    done = FollowUp.create(person=ada, kind="reply_check", due_on=datetime.date(2026, 11, 1),
                           status="done", done_on=datetime.date(2026, 11, 2))
    return {"meet": meet, "cancelled": cancelled, "due": due, "done": done}


def _uid(row) -> str:
    """The UID netdesk gives ``row`` (an interview or a follow-up) in this database."""
    if isinstance(row, Interview):
        return interview_uid(row.id, identity())
    return follow_up_uid(row.id, identity())


def _events(raw: bytes):
    calendar = icalendar.Calendar.from_ical(raw)
    return calendar, {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def test_events_alarms_and_uids(data):
    calendar, events = _events(calendar_bytes())
    assert str(calendar["version"]) == "2.0" and "netdesk" in str(calendar["prodid"])
    meet_uid = _uid(data["meet"])
    assert set(events) == {meet_uid, _uid(data["cancelled"]), _uid(data["due"]),
                           _uid(data["done"])}
    meet = events[meet_uid]
    assert meet.decoded("dtstart") == datetime.datetime(2026, 12, 2, 15, 0, tzinfo=BERLIN)
    assert meet.decoded("dtend") == datetime.datetime(2026, 12, 2, 15, 45, tzinfo=BERLIN)
    assert meet.decoded("dtstart").tzinfo.key == "Europe/Berlin"
    assert str(meet["summary"]) == "Informational interview with Ada Lovelace, Jr."
    assert str(meet["status"]) == "CONFIRMED"
    assert str(meet["url"]) == "https://meet.example/ada"
    assert "Epidemiologist, Clinic" in str(meet["description"])
    triggers = sorted(a.decoded("trigger") for a in meet.walk("VALARM"))
    assert triggers == [datetime.timedelta(days=-1), datetime.timedelta(hours=-1)]
    assert all(str(a["action"]) == "DISPLAY" and str(a["description"])
               for a in meet.walk("VALARM"))

    cancelled = events[_uid(data["cancelled"])]
    assert str(cancelled["status"]) == "CANCELLED" and not cancelled.walk("VALARM")

    due = events[_uid(data["due"])]
    assert due.decoded("dtstart") == datetime.date(2026, 12, 3)
    assert due.decoded("dtend") == datetime.date(2026, 12, 4)
    assert str(due["summary"]) == "Send the thank-you: Ada Lovelace, Jr."
    assert "Mention the course" in str(due["description"])
    (alarm,) = due.walk("VALARM")
    assert alarm.decoded("trigger") == datetime.timedelta(hours=9)
    for event in events.values():
        assert "dtstamp" in event


def test_times_are_written_with_their_zone_and_its_vtimezone(data):
    raw = calendar_bytes()
    assert b"DTSTART;TZID=Europe/Berlin:20261202T150000" in raw
    assert b"DTEND;TZID=Europe/Berlin:20261202T154500" in raw
    calendar = icalendar.Calendar.from_ical(raw)
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]
    assert calendar.get_missing_tzids() == set()
    assert raw.index(b"BEGIN:VTIMEZONE") < raw.index(b"BEGIN:VEVENT")
    # The time zone covers the events, not a lifetime of transitions.
    assert b"1970" not in raw and len(raw) < 8000


def _interview_event(raw: bytes, interview_id: int):
    return _events(raw)[1][_uid(Interview.get_by_id(interview_id))]


def test_ninety_minutes_across_the_autumn_change_read_back_as_ninety_minutes(db):
    ada = Person.create(first_name="Ada", last_name="Lovelace")
    interview_id = save_plan(None, InterviewPlan(
        person_id=ada.id, scheduled_at=datetime.datetime(2026, 10, 25, 1, 30),
        duration_minutes=90, questions=[PlannedQuestion("Typical day?")])).id
    event = _interview_event(calendar_bytes(), interview_id)
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == datetime.datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert end.astimezone(UTC) - start.astimezone(UTC) == datetime.timedelta(minutes=90)
    assert end.astimezone(BERLIN).strftime("%H:%M %Z") == "02:00 CET"
    assert "90 minutes" in str(event["description"])


def test_the_second_of_a_repeated_hour_is_exported_as_that_moment(db):
    ada = Person.create(first_name="Ada", last_name="Lovelace")
    interview_id = save_plan(None, InterviewPlan(
        person_id=ada.id, scheduled_at=datetime.datetime(2026, 10, 25, 2, 30, fold=1),
        duration_minutes=30, questions=[PlannedQuestion("Typical day?")])).id
    event = _interview_event(calendar_bytes(), interview_id)
    assert event.decoded("dtstart").astimezone(UTC) == datetime.datetime(
        2026, 10, 25, 1, 30, tzinfo=UTC)
    assert event.decoded("dtend").astimezone(UTC) == datetime.datetime(
        2026, 10, 25, 2, 0, tzinfo=UTC)


def test_an_interview_set_in_another_zone_is_exported_in_that_zone(data, monkeypatch):
    monkeypatch.setenv("NETDESK_TZ", "America/New_York")
    raw = calendar_bytes()
    assert b"DTSTART;TZID=Europe/Berlin:20261202T150000" in raw  # the moment as chosen
    assert _interview_event(raw, data["meet"].id).decoded("dtstart").astimezone(UTC) == \
        datetime.datetime(2026, 12, 2, 14, 0, tzinfo=UTC)


def test_uids_are_stable_and_edits_raise_the_sequence(data):
    _, before = _events(calendar_bytes())
    meet = Interview.get_by_id(data["meet"].id)
    meet.created = meet.updated = datetime.datetime(2026, 11, 1, 8, 0)
    Interview.update(created=meet.created, updated=meet.updated).where(
        Interview.id == meet.id).execute()
    _, first = _events(calendar_bytes())
    meet = Interview.get_by_id(meet.id)  # as updated (its version too: migration 0016)
    meet.place = "Room 2"
    meet.save()  # touches updated
    _, second = _events(calendar_bytes())
    assert set(before) == set(first) == set(second)
    uid = _uid(meet)
    assert int(second[uid]["sequence"]) > int(first[uid]["sequence"])
    assert str(second[uid]["location"]) == "Room 2"


def test_export_writes_the_file_and_counts_events(data, tmp_path):
    target = tmp_path / "netdesk.ics"
    assert export_ics(target) == 4
    _, events = _events(target.read_bytes())
    assert len(events) == 4
    assert not list(tmp_path.glob("*.partial"))


def test_an_empty_database_gives_a_valid_empty_calendar(db, tmp_path):
    assert export_ics(tmp_path / "empty.ics") == 0
    calendar = icalendar.Calendar.from_ical((tmp_path / "empty.ics").read_bytes())
    assert calendar.walk("VEVENT") == []


@pytest.mark.parametrize("where", ["folder", "missing", "under_a_file"])
def test_unwritable_paths_say_so_and_leave_nothing(data, tmp_path, where):
    target = {
        "folder": tmp_path,
        "missing": tmp_path / "no" / "such" / "x.ics",
        "under_a_file": tmp_path / "file.txt" / "x.ics",
    }[where]
    (tmp_path / "file.txt").write_text("keep")
    with pytest.raises(CalendarExportError, match="cannot write"):
        export_ics(target)
    database = ["netdesk.sqlite3", "netdesk.sqlite3-shm", "netdesk.sqlite3-wal"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", *(
        database if (tmp_path / "netdesk.sqlite3").exists() else [])]


def test_command_line_export(data, db_argument, tmp_path, capsys):
    target = tmp_path / "out.ics"
    assert main(["calendar", "--db", db_argument, "-o", str(target)]) == 0
    assert "Wrote 4 events" in capsys.readouterr().out
    assert len(_events(target.read_bytes())[1]) == 4


def test_command_line_unwritable_path_fails_cleanly(data, db_argument, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", "--db", db_argument, "export-ics",
         "-o", str(tmp_path / "missing" / "x.ics"), *passphrase_stdin()],
        capture_output=True, text=True, timeout=60, input=passphrase_input(),
    )
    assert result.returncode == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_hooks_into_a_netdesk_export_ics_command(data, db_argument, tmp_path):

    from netdesk.cli import calendar

    parser = argparse.ArgumentParser(prog="netdesk")
    parser.add_argument("--db", type=database_argument)
    export = parser.add_subparsers(dest="command").add_parser("export")
    ics = export.add_subparsers(dest="format").add_parser("ics")
    calendar.add_arguments(ics)
    ics.set_defaults(func=calendar.run)
    args = parser.parse_args(["--db", db_argument, "export", "ics", "-o",
                              str(tmp_path / "x.ics")])
    assert args.func(args) == 0
    assert (tmp_path / "x.ics").exists()


def test_export_ics_through_the_export_command(tmp_path, capsys):
    from icalendar import Calendar

    from netdesk.app import main

    database = tmp_path / "sample.sqlite3"
    assert main(["demo-db", str(database)]) == 0
    target = tmp_path / "network.ics"
    assert main(["export", "ics", "-o", str(target), "--db", str(database)]) == 0
    calendar = Calendar.from_ical(target.read_bytes())
    assert any(str(e.get("UID", "")).startswith("interview-") for e in calendar.walk("VEVENT"))
    assert main(["export", "ics", "-o", str(tmp_path / "missing" / "x.ics"),
                 "--db", str(database)]) == 1
