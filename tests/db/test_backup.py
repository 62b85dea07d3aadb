"""Backups: online copies, checks, rotation, the hook before migrations, restoring."""

from __future__ import annotations

import datetime
import os
import stat
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from netdesk.db import DatabaseFileError, open_database
from netdesk.db import backup as backups
from netdesk.db.backup import BackupError, ServerBackupError, backup_now
from netdesk.db.database import APPLICATION_ID, migrate, schema_version
from netdesk.db.integrity import inspect_file
from netdesk.db.models import Person
from tests.db.raw import connect as raw_connect

pytestmark = pytest.mark.sqlite_only  # backups are copies of a file
NOON = datetime.datetime(2026, 11, 20, 12, 0, 0)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _people(path: Path) -> list[str]:
    with raw_connect(path) as raw:
        return [r[0] for r in raw.execute("SELECT first_name FROM person ORDER BY id")]


def test_backup_of_the_open_database_is_a_checked_private_single_file(db, db_path, root):
    Person.create(first_name="Ada")
    made = backup_now(db, "manual", root=root, now=NOON)
    assert made.path.exists() and made.reason == "manual" and made.taken == NOON
    assert made.path.parent == backups.backup_folder(db_path, root)
    assert _people(made.path) == ["Ada"]
    assert inspect_file(made.path, thorough=True).ok
    with raw_connect(made.path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert not Path(str(made.path) + "-wal").exists()
    if os.name == "posix":
        assert _mode(made.path) == 0o600
        assert _mode(made.path.parent) == 0o700
    assert backups.list_backups(db_path, root) == [made]
    assert "netdesk.sqlite3" in (made.path.parent / "SOURCE.txt").read_text()


def test_backup_sees_committed_rows_still_in_the_wal(db, db_path, root):
    Person.create(first_name="Grace")
    assert Path(str(db_path) + "-wal").stat().st_size > 0
    made = backup_now(db_path, "manual", root=root)
    assert _people(made.path) == ["Grace"]


def test_two_backups_in_the_same_second_both_kept(db, db_path, root):
    first = backup_now(db, "manual", root=root, now=NOON)
    second = backup_now(db, "import", root=root, now=NOON)
    assert first.path != second.path
    assert [b.reason for b in backups.list_backups(db_path, root)] == ["import", "manual"]


def test_files_of_different_databases_have_different_folders(tmp_path, root):
    a = backups.backup_folder(tmp_path / "a" / "netdesk.sqlite3", root)
    b = backups.backup_folder(tmp_path / "b" / "netdesk.sqlite3", root)
    assert a != b and a.parent == b.parent == root


def test_unknown_reason_is_refused(db, root):
    with pytest.raises(ValueError):
        backup_now(db, "whenever", root=root)


def test_backup_into_an_unwritable_place_reports_and_leaves_nothing(db, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(BackupError, match="backup folder"):
        backup_now(db, "manual", root=blocker)


def test_daily_backup_only_when_the_last_is_a_day_old(db, db_path, root):
    assert backups.backup_if_due(db, root=root, now=NOON) is not None
    assert backups.backup_if_due(db, root=root, now=NOON + datetime.timedelta(hours=23)) is None
    later = backups.backup_if_due(db, root=root, now=NOON + datetime.timedelta(hours=25))
    assert later is not None and later.reason == "daily"
    assert len(backups.list_backups(db_path, root)) == 2


def test_rotation_keeps_seven_daily_and_four_weekly(db, db_path, root):
    start = datetime.datetime(2026, 9, 1, 9, 0, 0)  # a Tuesday
    for day in range(60):
        for hour in (9, 17):
            when = start + datetime.timedelta(days=day, hours=hour - 9)
            backup_now(db, "daily", root=root, now=when)
    kept = backups.list_backups(db_path, root)
    last = start + datetime.timedelta(days=59, hours=8)
    days = sorted({b.taken.date() for b in kept}, reverse=True)
    # The two backups of the last day (within 24 hours), one for each of the 7 newest
    # days, and the newest of each of the 4 newest weeks.
    assert kept[0].taken == last
    assert [b.taken for b in kept if b.taken.date() == last.date()] == [
        last, last - datetime.timedelta(hours=8)]
    newest_days = [last.date() - datetime.timedelta(days=n) for n in range(7)]
    assert set(newest_days) <= set(days)
    weeks = {b.taken.isocalendar()[:2] for b in kept}
    assert len(weeks) == 4 or len(weeks) == 5
    assert len(kept) <= 1 + 7 + 4
    for backup in kept:  # each day's survivor is that day's newest
        if backup.taken.date() != last.date():
            assert backup.taken.hour == 17


def test_rotation_always_keeps_the_newest_backup_before_an_upgrade(db, db_path, root):
    upgrade = backup_now(db, "migration", root=root, now=NOON - datetime.timedelta(days=90))
    for day in range(30):
        backup_now(db, "daily", root=root, now=NOON + datetime.timedelta(days=day))
    assert upgrade.path.exists()


def test_abandoned_partial_backups_are_ignored_and_cleaned(db, db_path, root):
    made = backup_now(db, "manual", root=root)
    partial = made.path.parent / ".partial-999-netdesk.20260101-000000.manual.sqlite3"
    partial.write_bytes(b"half")
    old = datetime.datetime.now().timestamp() - 7200
    os.utime(partial, (old, old))
    assert backups.list_backups(db_path, root) == [made]
    backup_now(db, "manual", root=root)
    assert not partial.exists()


def _first_schema_file(path: Path) -> None:
    first = SqliteDatabase(str(path), pragmas={"foreign_keys": 1, "journal_mode": "wal"})
    first.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(first, path, target="0001_initial")
    first.execute_sql(
        "INSERT INTO person (first_name, last_name, email, phone, linkedin_url, job_title, "
        "relationship, stage, source, tags, notes, research_notes, created, updated) "
        "VALUES ('Ada', '', '', '', '', '', 'friend', 'to_contact', '', '', '', '', 0, 0)")
    first.close()


def test_migration_is_preceded_by_a_backup_of_the_old_schema(db_path, root):
    _first_schema_file(db_path)
    db = open_database(db_path, before_migrate=backups.before_migrate_hook(db_path, root))
    assert schema_version(db) != "0001_initial"
    db.close()
    (made,) = backups.list_backups(db_path, root)
    assert made.reason == "migration"
    assert inspect_file(made.path).schema == "0001_initial"
    assert _people(made.path) == ["Ada"]


def test_failed_backup_before_migration_leaves_the_file_as_it_was(db_path, tmp_path):
    _first_schema_file(db_path)
    before = db_path.read_bytes()
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    with pytest.raises(DatabaseFileError, match="backup taken before upgrading failed") as info:
        open_database(db_path, before_migrate=backups.before_migrate_hook(db_path, blocker))
    assert info.value.kind == "backup_failed"
    assert db_path.read_bytes() == before
    assert inspect_file(db_path).schema == "0001_initial"


def test_restore_into_the_open_database(db, db_path, root):
    Person.create(first_name="Ada")
    made = backup_now(db, "manual", root=root)
    Person.create(first_name="Later")
    Person.update(first_name="Changed").where(Person.first_name == "Ada").execute()
    backups.restore_into(db, made)
    assert [p.first_name for p in Person.select().order_by(Person.id)] == ["Ada"]
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    hits = db.execute_sql("SELECT rowid FROM person_search WHERE person_search MATCH 'ada'")
    assert hits.fetchall() == [(1,)]
    db.close()
    reopened = open_database(db_path)
    assert [p.first_name for p in Person.select()] == ["Ada"]
    assert reopened.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    reopened.close()


def test_restoring_a_backup_of_an_older_schema_then_migrating(tmp_path, root):
    old = tmp_path / "old.sqlite3"
    _first_schema_file(old)
    current = tmp_path / "current.sqlite3"
    db = open_database(current)
    Person.create(first_name="Newer")
    backups.restore_into(db, old)
    assert schema_version(db) == "0001_initial"
    migrate(db, current)
    assert [p.first_name for p in Person.select()] == ["Ada"]
    db.close()


def test_a_damaged_backup_is_refused_and_the_database_kept(db, tmp_path):
    Person.create(first_name="Kept")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    with pytest.raises(BackupError, match="cannot be restored"):
        backups.restore_into(db, bad)
    assert [p.first_name for p in Person.select()] == ["Kept"]


def test_newest_good_backup_skips_damaged_ones(db, db_path, root):
    good = backup_now(db, "manual", root=root, now=NOON)
    newer = backup_now(db, "manual", root=root, now=NOON + datetime.timedelta(hours=1))
    newer.path.write_bytes(newer.path.read_bytes()[:300])
    assert backups.newest_good_backup(db_path, root) == good


def test_restore_to_path_keeps_the_damaged_file_aside(db, db_path, root):
    Person.create(first_name="Ada")
    made = backup_now(db, "manual", root=root)
    db.close()
    damaged = b"SQLite format 3\x00" + b"\x00" * 500
    db_path.write_bytes(damaged)
    Path(str(db_path) + "-wal").write_bytes(b"wal bytes")
    aside = backups.restore_to_path(made, db_path, now=NOON)
    assert aside is not None and aside.name == "netdesk.damaged-20261120-120000.sqlite3"
    assert aside.read_bytes() == damaged
    assert Path(str(aside) + "-wal").read_bytes() == b"wal bytes"
    assert _people(db_path) == ["Ada"]
    if os.name == "posix":
        assert _mode(db_path) == 0o600
    reopened = open_database(db_path)
    assert reopened.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    reopened.close()
    # A second restore in the same second never overwrites the first file kept aside.
    db_path.write_bytes(b"garbage")
    second = backups.restore_to_path(made, db_path, now=NOON)
    assert second != aside and aside.read_bytes() == damaged


def test_restore_to_a_missing_file(db, db_path, root, tmp_path):
    made = backup_now(db, "manual", root=root)
    target = tmp_path / "gone.sqlite3"
    assert backups.restore_to_path(made, target) is None
    assert inspect_file(target).ok


def test_a_name_freed_by_the_rotation_is_not_reused_out_of_order(db, db_path, root):
    first = backup_now(db, "manual", root=root, now=NOON)
    second = backup_now(db, "manual", root=root, now=NOON)
    first.path.unlink()
    third = backup_now(db, "manual", root=root, now=NOON)
    assert backups.list_backups(db_path, root)[0] == third
    assert third.path.name.endswith("-3.manual.sqlite3") and second.path.exists()


def test_a_database_on_a_server_is_refused_by_every_entry_point_with_what_to_do(
        postgres, tmp_path, capsys):
    from netdesk.app import main

    url = postgres.new_database()
    db = open_database(url)
    try:
        for attempt in (lambda: backup_now(db, "manual"), lambda: backup_now(url, "manual"),
                        lambda: backups.backup_if_due(db), lambda: backups.list_backups(url),
                        lambda: backups.newest_good_backup(url),
                        lambda: backups.backup_folder(url),
                        lambda: backups.before_migrate_hook(url),
                        lambda: backups.restore_into(db, tmp_path / "x.sqlite3"),
                        lambda: backups.restore_to_path(tmp_path / "x.sqlite3", url)):
            with pytest.raises(ServerBackupError, match="backed up by its administrator"):
                attempt()
        assert isinstance(ServerBackupError(), BackupError | ValueError)
    finally:
        db.close()
    assert main(["check", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "backed up by its administrator" in out and "netdesk export json" in out
    postgres.drop(url)
