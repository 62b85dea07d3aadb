"""Interviews and follow-ups both ways through a real Radicale calendar: events in their own
time zone with reminders, follow-ups as to-dos; a phone completes a to-do and moves an
interview with plain PUTs of hand-written iCalendar text."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from netdesk.db.identity import identity
from netdesk.db.models import FollowUp, Interaction, Interview
from netdesk.formats.ics import follow_up_uid, interview_uid
from tests.sync.helpers import Side, add_person

TOKYO = ZoneInfo("Asia/Tokyo")


@pytest.fixture
def side(radicale, tmp_path):
    calendar = radicale.mkcol(f"/{radicale.user}/calendar/", "calendar")
    side = Side(tmp_path / "a.sqlite3", radicale, None, calendar)
    with side.open():
        person = add_person("Ada", "Lovelace")
        interview = Interview(person=person, status="scheduled", duration_minutes=45)
        interview.set_start(datetime.datetime(2027, 3, 4, 10, 0, tzinfo=TOKYO))
        interview.save()
        follow_up = FollowUp.create(person=person, kind="thank_you",
                                    due_on=datetime.date(2027, 3, 5))
        side.uids = (interview_uid(interview.id, identity()),
                     follow_up_uid(follow_up.id, identity()))
        side.ids = (interview.id, follow_up.id)
    return side, calendar


def _item(server, calendar, uid):
    for href in server.list(calendar):
        text = server.get(href)
        if f"UID:{uid}" in text:
            return href, text
    raise AssertionError(f"{uid} is not on the server")


def test_interviews_go_as_events_in_their_zone_with_reminders_and_follow_ups_as_to_dos(side):
    side, calendar = side
    report = side.sync()
    assert report.sent == {"interviews": 1, "follow-ups": 1}
    _, event = _item(side.server, calendar, side.uids[0])
    assert "DTSTART;TZID=Asia/Tokyo:20270304T100000" in event
    assert "BEGIN:VTIMEZONE" in event and "TZID:Asia/Tokyo" in event
    assert event.count("BEGIN:VALARM") == 2
    _, todo = _item(side.server, calendar, side.uids[1])
    assert "BEGIN:VTODO" in todo and "DUE;VALUE=DATE:20270305" in todo
    assert "STATUS:NEEDS-ACTION" in todo
    assert side.sync().sent == {}


def test_a_to_do_completed_on_the_phone_marks_the_follow_up_done(side):
    side, calendar = side
    side.sync()
    href, _ = _item(side.server, calendar, side.uids[1])
    side.server.put(href, (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//iOS 18//EN\r\n"
        "BEGIN:VTODO\r\n"
        f"UID:{side.uids[1]}\r\nDTSTAMP:20270305T090000Z\r\n"
        "LAST-MODIFIED:20990305T090000Z\r\n"
        "SUMMARY:Thank-you note: Ada Lovelace\r\nDUE;VALUE=DATE:20270305\r\n"
        "STATUS:COMPLETED\r\nCOMPLETED:20270305T090000Z\r\nPERCENT-COMPLETE:100\r\n"
        "END:VTODO\r\nEND:VCALENDAR\r\n"))
    report = side.sync()
    assert report.received == {"follow-ups": 1}
    with side.open():
        row = FollowUp.get_by_id(side.ids[1])
        assert (row.status, row.done_on) == ("done", datetime.date(2027, 3, 5))
        assert Interaction.select().where(Interaction.person == row.person).exists()
        assert side.ids[1] in report.changes.follow_ups
    _, todo = _item(side.server, calendar, side.uids[1])
    assert "STATUS:COMPLETED" in todo
    assert side.sync().received == {}


def test_an_interview_moved_on_the_phone_moves_in_netdesk(side):
    side, calendar = side
    side.sync()
    href, _ = _item(side.server, calendar, side.uids[0])
    side.server.put(href, (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar//EN\r\n"
        "BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
        "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
        "END:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\n"
        "TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"
        "END:VTIMEZONE\r\n"
        "BEGIN:VEVENT\r\n"
        f"UID:{side.uids[0]}\r\nDTSTAMP:20270301T090000Z\r\n"
        "LAST-MODIFIED:20990301T090000Z\r\n"
        "SUMMARY:Informational interview with Ada Lovelace\r\n"
        "DTSTART;TZID=Europe/Paris:20270306T153000\r\n"
        "DTEND;TZID=Europe/Paris:20270306T163000\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"))
    report = side.sync()
    assert report.received == {"interviews": 1}
    with side.open():
        interview = Interview.get_by_id(side.ids[0])
        assert interview.time_zone == "Europe/Paris"
        assert interview.start == datetime.datetime(2027, 3, 6, 15, 30,
                                                    tzinfo=ZoneInfo("Europe/Paris"))
        assert interview.duration_minutes == 60
    _, event = _item(side.server, calendar, side.uids[0])
    assert "DTSTART;TZID=Europe/Paris:20270306T153000" in event
    assert side.sync().received == {}


def test_a_follow_up_done_here_is_completed_on_the_server(side):
    from netdesk.core.followups import mark_done

    side, calendar = side
    side.sync()
    with side.open():
        mark_done(side.ids[1], datetime.date(2027, 3, 5), schedule_next=False)
    assert side.sync().sent == {"follow-ups": 1}
    _, todo = _item(side.server, calendar, side.uids[1])
    assert "STATUS:COMPLETED" in todo and "COMPLETED:20270305" in todo


def test_deletions_of_calendar_items_go_to_the_server_and_a_phone_deletion_is_not_resent(side):
    side, calendar = side
    side.sync()
    href, _ = _item(side.server, calendar, side.uids[1])
    side.server.delete(href)  # the phone deletes the to-do
    with side.open():
        Interview.delete_by_id(side.ids[0])  # and the interview is deleted here
    report = side.sync()
    assert report.sent == {"deleted": 1} and report.received == {}
    assert side.server.list(calendar) == {}
    with side.open():
        assert FollowUp.get_by_id(side.ids[1]).status == "open"  # kept here
    assert side.sync().sent == {}


def test_a_dry_run_says_what_would_move_and_changes_nothing(side):
    side, calendar = side
    report = side.sync(dry_run=True)
    assert report.dry_run and report.sent == {"interviews": 1, "follow-ups": 1}
    assert report.summary().startswith("Dry run, nothing changed. Would send: 1 interview, "
                                       "1 follow-up")
    assert side.server.list(calendar) == {}
    assert side.sync().sent == {"interviews": 1, "follow-ups": 1}


def test_dropped_here_is_cancelled_there_and_cancelled_there_is_dropped_here(side):
    from netdesk.core.followups import drop, reopen

    side, calendar = side
    side.sync()
    with side.open():
        drop(side.ids[1], datetime.date(2027, 3, 5))
    assert side.sync().sent == {"follow-ups": 1}
    href, todo = _item(side.server, calendar, side.uids[1])
    assert "STATUS:CANCELLED" in todo
    with side.open():
        reopen(side.ids[1])
    side.sync()
    side.server.put(href, side.server.get(href).replace(
        "STATUS:NEEDS-ACTION", "STATUS:CANCELLED").replace(
        "DTSTAMP:", "LAST-MODIFIED:20990101T000000Z\r\nDTSTAMP:"))
    assert side.sync().received == {"follow-ups": 1}
    with side.open():
        assert FollowUp.get_by_id(side.ids[1]).status == "dropped"


def test_a_calendar_without_sync_tokens_is_listed_instead(radicale_no_sync_token, tmp_path):
    server = radicale_no_sync_token
    calendar = server.mkcol(f"/{server.user}/calendar/", "calendar")
    side = Side(tmp_path / "a.sqlite3", server, None, calendar)
    with side.open():
        person = add_person("Ada")
        row = FollowUp.create(person=person, kind="reply_check",
                              due_on=datetime.date(2027, 3, 5))
        uid = follow_up_uid(row.id, identity())
    assert side.sync().sent == {"follow-ups": 1}
    href, todo = _item(server, calendar, uid)
    server.put(href, todo.replace("STATUS:NEEDS-ACTION", "STATUS:COMPLETED").replace(
        "DTSTAMP:", "LAST-MODIFIED:20990101T000000Z\r\nDTSTAMP:"))
    assert side.sync().received == {"follow-ups": 1}
    with side.open():
        assert FollowUp.get_by_id(row.id).status == "done"
    assert side.sync().received == {}
