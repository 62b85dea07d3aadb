"""Calendar UIDs unique across databases (migration 0008 on a populated file, JSON copies),
done and dropped follow-ups, and the .ics file kept private (0600) from every entry point."""

from __future__ import annotations

import datetime
import os
import shutil
import stat

import icalendar
import pytest
from peewee import SqliteDatabase
from PySide6.QtWidgets import QFileDialog, QWidget

from netdesk.app import main
from netdesk.db import open_database
from netdesk.db.database import APPLICATION_ID, migrate, schema_version
from netdesk.db.identity import identity
from netdesk.db.models import DatabaseInfo, FollowUp, Interview, Person
from netdesk.formats.database_json import export_database, import_database
from netdesk.formats.ics import calendar_bytes, export_ics


@pytest.fixture(autouse=True)
def in_berlin(monkeypatch):
    monkeypatch.setenv("NETDESK_TZ", "Europe/Berlin")


def _uids() -> set[str]:
    calendar = icalendar.Calendar.from_ical(calendar_bytes())
    return {str(event["uid"]) for event in calendar.walk("VEVENT")}


def _plan(name: str, person: int | None = None) -> tuple[Interview, FollowUp]:
    person = person if person is not None else Person.create(first_name=name)
    interview = Interview.create(person=person, status="scheduled",
                                 scheduled_at=datetime.datetime(2026, 12, 2, 15, 0))
    follow_up = FollowUp.create(person=person, kind="thank_you",
                                due_on=datetime.date(2026, 12, 3))
    return interview, follow_up


def _old_person(db, name: str) -> int:
    """A person written in SQL, for a file of a schema older than the models."""
    return db.execute_sql(
        "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
        "relationship, stage, source, tags, notes, research_notes, created, updated) "
        "VALUES (?, '', '', '', '', '', 'friend', 'to_contact', '', '', '', '', 0, 0)",
        (name,)).lastrowid


def _old_plan(db, person: int):
    """An interview and its follow-up written in SQL, for a file of a schema older than the
    models (their ids, as ``.id``)."""
    from types import SimpleNamespace

    interview = db.execute_sql(
        "INSERT INTO interview (person_id, status, scheduled_at, starts_at, time_zone, "
        "duration_minutes, mode, place, outreach_message, research_checklist, advice, "
        "action_plan, notes, created, updated) VALUES (?, 'scheduled', '2026-12-02 15:00:00', "
        "'2026-12-02 14:00:00', 'Europe/Berlin', 30, 'video', '', '', '', '', '', '', 0, 0)",
        (person,)).lastrowid
    follow_up = db.execute_sql(
        "INSERT INTO follow_up (person_id, kind, due_on, status, note, created, updated) "
        "VALUES (?, 'thank_you', '2026-12-03', 'open', '', 0, 0)", (person,)).lastrowid
    return SimpleNamespace(id=interview), SimpleNamespace(id=follow_up)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_two_databases_never_share_a_uid(tmp_path):
    seen = []
    for name in ("one", "two"):
        db = open_database(tmp_path / f"{name}.sqlite3")
        _plan("Ada")  # the same row ids in both files
        seen.append(_uids())
        db.close()
    assert len(seen[0]) == len(seen[1]) == 2
    assert not seen[0] & seen[1]
    for uid in seen[0] | seen[1]:
        assert uid.endswith("@netdesk")
    database_id = {uid.split("-")[-1].split("@")[0] for uid in seen[0]}
    assert len(database_id) == 1 and len(database_id.pop()) == 16


def test_the_id_is_drawn_once_and_kept_by_reopening_and_backups(tmp_path):
    path = tmp_path / "n.sqlite3"
    db = open_database(path)
    _plan("Ada")
    first = _uids()
    database_id = identity().id
    db.close()
    db = open_database(path)
    assert identity().id == database_id and _uids() == first
    db.close()
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(path, copy)  # a backup is a copy of the file
    db = open_database(copy)
    assert _uids() == first
    db.close()


def test_migration_0008_on_a_populated_file_keeps_the_uids_of_earlier_exports(tmp_path):
    path = tmp_path / "old.sqlite3"
    old = SqliteDatabase(str(path), pragmas={"foreign_keys": 1, "journal_mode": "wal"})
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(old, path, target="0007_rich_people")
    interview, follow_up = _old_plan(old, _old_person(old, "Ada"))
    _old_person(old, "Bea")
    old.close()

    db = open_database(path, before_migrate=None)
    assert schema_version(db) >= "0008_database_info"
    assert Person.select().count() == 2 and Interview.select().count() == 1
    assert _uids() == {f"interview-{interview.id}@netdesk", f"follow-up-{follow_up.id}@netdesk"}
    later_interview, later_follow_up = _plan("Cy")
    database_id = identity().id
    assert _uids() == {
        f"interview-{interview.id}@netdesk", f"follow-up-{follow_up.id}@netdesk",
        f"interview-{later_interview.id}-{database_id}@netdesk",
        f"follow-up-{later_follow_up.id}-{database_id}@netdesk"}
    assert {row.key for row in DatabaseInfo.select()} == {
        "id", "legacy_interview_max", "legacy_follow_up_max"}
    db.close()


def test_a_new_database_has_no_earlier_uids(db):
    interview, follow_up = _plan("Ada")
    assert identity().legacy_interview_max == identity().legacy_follow_up_max == 0
    assert all(f"-{identity().id}@" in uid for uid in _uids())


def test_a_json_copy_keeps_the_id_and_an_old_copy_gets_one(tmp_path):
    source = open_database(tmp_path / "source.sqlite3")
    _plan("Ada")
    uids = _uids()
    export_database(tmp_path / "dump.json")
    source.close()

    target = open_database(tmp_path / "target.sqlite3")
    import_database(tmp_path / "dump.json")
    assert _uids() == uids  # moved to a new file, the calendar still updates the same events
    target.close()

    # A JSON file of before 0008 holds no database_info: the loaded rows keep their old UIDs.
    import json

    dump = json.loads((tmp_path / "dump.json").read_text(encoding="utf-8"))
    del dump["tables"]["database_info"]
    dump["schema"] = "0007_rich_people"
    (tmp_path / "old.json").write_text(json.dumps(dump), encoding="utf-8")
    other = open_database(tmp_path / "other.sqlite3")
    import_database(tmp_path / "old.json")
    assert len(identity().id) == 16
    interview = Interview.get()
    assert f"interview-{interview.id}@netdesk" in _uids()
    other.close()


def test_done_and_dropped_follow_ups_say_so_and_ring_no_more(db):
    person = Person.create(first_name="Ada", last_name="Lovelace")
    rows = {status: FollowUp.create(person=person, kind="thank_you", status=status,
                                    due_on=datetime.date(2026, 12, 3),
                                    done_on=None if status == "open" else
                                    datetime.date(2026, 12, 4))
            for status in ("open", "done", "dropped")}
    calendar = icalendar.Calendar.from_ical(calendar_bytes())
    events = {str(e["uid"]).split("-")[2]: e for e in calendar.walk("VEVENT")}
    open_, done, dropped = (events[str(rows[s].id)] for s in ("open", "done", "dropped"))
    assert "status" not in open_ and len(open_.walk("VALARM")) == 1
    assert str(done["status"]) == "CONFIRMED" and not done.walk("VALARM")
    assert str(done["summary"]) == "Done: Send the thank-you: Ada Lovelace"
    assert "Done on 2026-12-04." in str(done["description"])
    assert str(dropped["status"]) == "CANCELLED" and not dropped.walk("VALARM")
    assert "Dropped on 2026-12-04." in str(dropped["description"])
    assert b"STATUS:COMPLETED" not in calendar.to_ical()  # not a VEVENT status (RFC 5545)


def test_marking_done_updates_the_same_event_with_a_higher_sequence(db):
    from netdesk.core.followups import mark_done

    _, follow_up = _plan("Ada")
    FollowUp.update(created=datetime.datetime(2026, 11, 1, 8, 0),
                    updated=datetime.datetime(2026, 11, 1, 8, 0)).execute()

    def event():
        calendar = icalendar.Calendar.from_ical(calendar_bytes())
        return next(e for e in calendar.walk("VEVENT") if "follow-up" in str(e["uid"])
                    and str(e["uid"]).startswith(f"follow-up-{follow_up.id}-"))

    before = event()
    mark_done(follow_up.id, today=datetime.date(2026, 12, 3))
    after = event()
    assert str(after["uid"]) == str(before["uid"])
    assert int(after["sequence"]) > int(before["sequence"])
    assert str(after["summary"]).startswith("Done: ")


def test_the_file_is_private_from_the_module_the_commands_and_the_menu(
        db, db_argument, tmp_path, qtbot, monkeypatch, capsys):
    if os.name != "posix":
        pytest.skip("file modes are a Unix matter")
    _plan("Ada")
    old_umask = os.umask(0o022)
    try:
        replaced = tmp_path / "shared.ics"
        replaced.write_text("old")
        replaced.chmod(0o644)
        assert export_ics(replaced) == 2
        assert _mode(replaced) == 0o600

        for argv, name in ((["calendar"], "a.ics"), (["export-ics"], "b.ics"),
                           (["export", "ics"], "c.ics")):
            target = tmp_path / name
            assert main([*argv, "-o", str(target), "--db", db_argument]) == 0
            assert _mode(target) == 0o600, argv
        assert "Wrote 2 events" in capsys.readouterr().out

        from netdesk.ui.transfer.calendar_export import CalendarExport

        window = QWidget()
        qtbot.addWidget(window)
        export = CalendarExport(window)
        target = tmp_path / "menu.ics"
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            lambda *a, **k: (str(target), "iCalendar files (*.ics)"))
        with qtbot.waitSignal(export.finished):
            export.action.trigger()
        assert _mode(target) == 0o600
    finally:
        os.umask(old_umask)
