"""The right diagnosis when a sound file cannot be used: locked, full, no permission, read-only.

Each is told apart from damage (by SQLite's error code and errno), none offers a
restore, and none changes a byte of the file, its -wal or its -shm.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest

from netdesk.db import DatabaseFileError, integrity, open_database
from netdesk.db import backup as backups
from netdesk.db.database import is_read_only, read_only_reason
from netdesk.db.models import Person
from tests.db.test_backup import _first_schema_file
from tests.reliability.trouble import (
    fill_up,
    fingerprint,
    give_to_nobody,
    leave_wal,
    remount_read_only,
    run_as_nobody,
    shared_folder,
    small_disk,
)


def _netdesk_file(path: Path, people: int = 3, journal: str = "wal") -> Path:
    db = open_database(path, before_migrate=None)
    Person.insert_many([{"first_name": f"P{i}"} for i in range(people)]).execute()
    db.close()
    if journal != "wal":
        with closing(sqlite3.connect(path)) as raw, raw:
            raw.execute(f"PRAGMA journal_mode = {journal}")
    return path


# -- locked ---------------------------------------------------------------------------------


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_a_file_another_program_holds_is_locked_not_damaged(tmp_path, journal):
    path = _netdesk_file(tmp_path / "netdesk.sqlite3", journal=journal)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        before = fingerprint(path)
        with pytest.raises(DatabaseFileError) as info:
            open_database(path, busy_timeout=200)
        assert info.value.kind == integrity.LOCKED
        assert info.value.kind not in integrity.RESTORABLE
        assert "another program" in str(info.value)
        assert "try again" in info.value.remedy
        assert fingerprint(path) == before
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    open_database(path).close()  # once the other program lets go, the file opens


def test_a_locked_file_is_reported_by_check_as_locked(tmp_path):
    path = _netdesk_file(tmp_path / "netdesk.sqlite3", journal="delete")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert integrity.identify_file(path, timeout=0.2).status == integrity.LOCKED
        assert integrity.inspect_file(path, timeout=0.2).status == integrity.LOCKED
    finally:
        holder.close()


def test_a_healthy_file_is_never_moved_aside_by_a_restore(tmp_path):
    path = _netdesk_file(tmp_path / "netdesk.sqlite3")
    made = backups.backup_now(path, "manual", root=tmp_path / "backups")
    before = fingerprint(path)
    with pytest.raises(backups.BackupError, match="not damaged"):
        backups.restore_to_path(made, path)
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backups", "netdesk.sqlite3"]


# -- full disk ------------------------------------------------------------------------------


def test_a_new_file_on_a_full_disk_is_reported_as_full(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        fill_up(disk)
        with pytest.raises(DatabaseFileError) as info:
            open_database(disk / "netdesk.sqlite3")
        assert info.value.kind == integrity.FULL
        assert "space" in str(info.value)
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]  # no half-made file


def test_an_upgrade_on_a_full_disk_is_reported_as_full_and_keeps_the_file(tmp_path):
    root = tmp_path / "backups"
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "netdesk.sqlite3"
        _first_schema_file(path)
        with closing(sqlite3.connect(path)) as raw, raw:
            raw.executemany("INSERT INTO person (first_name, last_name, email, phone, "
                            "linkedin_url, job_title, relationship, stage, source, tags, notes, "
                            "research_notes, created, updated) VALUES (?, '', '', '', '', '', "
                            "'friend', 'to_contact', '', '', ?, '', 0, 0)",
                            [(f"P{i}", "x" * 300) for i in range(300)])
        fill_up(disk)
        with pytest.raises(DatabaseFileError) as info:
            open_database(path, before_migrate=backups.before_migrate_hook(path, root))
        assert info.value.kind == integrity.FULL
        assert info.value.kind not in integrity.RESTORABLE
        (disk / "filler").unlink()
        report = integrity.inspect_file(path)
        assert report.ok and report.schema == "0001_initial" and report.people == 301
        assert [b.reason for b in backups.list_backups(path, root)] == ["migration"]


# -- no permission, read-only ---------------------------------------------------------------

OPEN_AS_NOBODY = """
import json, sys
from netdesk.db import DatabaseFileError, open_database
from netdesk.db.database import is_read_only, read_only_reason
from netdesk.db.models import Person
out = {}
try:
    open_database(sys.argv[1], before_migrate=None).close()
    out["default"] = "opened"
except DatabaseFileError as error:
    out["default"] = error.kind
try:
    db = open_database(sys.argv[1], before_migrate=None, read_only=None)
    out["read_only"] = is_read_only(db)
    out["reason"] = read_only_reason(db)
    out["people"] = Person.select().count()
    try:
        Person.create(first_name="Not written")
        out["write"] = "written"
    except Exception as error:
        out["write"] = type(error).__name__
    db.close()
except DatabaseFileError as error:
    out["read_only"] = error.kind
print(json.dumps(out))
"""


@pytest.fixture
def folder():
    """A folder the user nobody can reach, removed afterwards whatever its mode."""
    made = shared_folder()
    yield made
    made.chmod(0o755)
    shutil.rmtree(made, ignore_errors=True)


def _open_as_nobody(path: Path) -> dict:
    done = run_as_nobody(OPEN_AS_NOBODY, str(path))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_read_only_file_opens_read_only_as_its_owner(folder):
    path = _netdesk_file(folder / "netdesk.sqlite3")
    give_to_nobody(folder, path)
    path.chmod(0o444)
    before = fingerprint(path)
    seen = _open_as_nobody(path)
    assert seen["default"] == integrity.READ_ONLY
    assert seen["read_only"] is True and seen["people"] == 3
    assert "read-only" in seen["reason"] and "copy the file" in seen["reason"]
    assert seen["write"] != "written"
    assert fingerprint(path) == before


def test_a_file_in_a_read_only_folder_opens_read_only(folder):
    path = _netdesk_file(folder / "netdesk.sqlite3")
    give_to_nobody(folder, path)
    folder.chmod(0o555)  # the file may be written, but SQLite cannot make its -wal beside it
    before = fingerprint(path)
    seen = _open_as_nobody(path)
    assert seen["default"] in (integrity.READ_ONLY, integrity.NO_PERMISSION)
    assert seen["read_only"] is True and seen["people"] == 3
    assert fingerprint(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["netdesk.sqlite3"]


def test_another_users_file_is_no_permission_and_opens_read_only(folder):
    path = _netdesk_file(folder / "netdesk.sqlite3")
    path.chmod(0o644)  # root's own: nobody may read it, not write it
    before = fingerprint(path)
    seen = _open_as_nobody(path)
    assert seen["default"] == integrity.NO_PERMISSION
    assert seen["read_only"] is True and seen["people"] == 3
    assert fingerprint(path) == before


def test_an_unreadable_file_is_no_permission_not_damaged(folder):
    path = _netdesk_file(folder / "netdesk.sqlite3")
    path.chmod(0o600)
    seen = _open_as_nobody(path)
    assert seen["default"] == integrity.NO_PERMISSION
    assert seen["read_only"] == integrity.NO_PERMISSION


def test_a_wal_left_in_a_read_only_folder_is_read_without_writing(folder):
    path = _netdesk_file(folder / "netdesk.sqlite3")
    leave_wal(path)  # one person deleted, in the -wal only
    give_to_nobody(folder, *folder.iterdir())
    for leftover in folder.iterdir():
        leftover.chmod(0o444)
    folder.chmod(0o555)
    before = fingerprint(path)
    seen = _open_as_nobody(path)
    assert seen["read_only"] is True and seen["people"] == 2  # the -wal was read
    assert fingerprint(path) == before


def test_a_wal_without_its_shm_in_a_read_only_folder_is_read_from_a_copy(folder):
    path = _netdesk_file(folder / "netdesk.sqlite3")
    leave_wal(path)
    folder.joinpath("netdesk.sqlite3-shm").unlink()
    give_to_nobody(folder, *folder.iterdir())
    for leftover in folder.iterdir():
        leftover.chmod(0o444)
    folder.chmod(0o555)
    before = fingerprint(path)
    seen = _open_as_nobody(path)
    assert seen["read_only"] is True and seen["people"] == 2
    assert fingerprint(path) == before


def test_a_file_on_a_read_only_disk_opens_read_only(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        path = _netdesk_file(disk / "netdesk.sqlite3")
        remount_read_only(disk)
        before = fingerprint(path)
        with pytest.raises(DatabaseFileError) as info:
            open_database(path, before_migrate=None)
        assert info.value.kind == integrity.READ_ONLY
        db = open_database(path, before_migrate=None, read_only=None)
        try:
            assert is_read_only(db) and Person.select().count() == 3
            assert "read-only" in read_only_reason(db)
        finally:
            db.close()
        assert fingerprint(path) == before


def test_an_older_file_on_a_read_only_disk_is_refused_untouched(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "netdesk.sqlite3"
        _first_schema_file(path)
        remount_read_only(disk)
        before = fingerprint(path)
        with pytest.raises(DatabaseFileError) as info:
            open_database(path, read_only=None)
        assert info.value.kind == integrity.NEEDS_UPGRADE
        assert "older schema" in str(info.value)
        assert fingerprint(path) == before


def test_read_only_open_writes_nothing_even_where_it_could(tmp_path):
    path = _netdesk_file(tmp_path / "netdesk.sqlite3")
    before = fingerprint(path)
    db = open_database(path, read_only=True)
    try:
        assert is_read_only(db) and Person.select().count() == 3
        with pytest.raises(Exception):  # noqa: B017 - any refusal; the point is the bytes
            Person.create(first_name="Not written")
    finally:
        db.close()
    assert fingerprint(path) == before


def test_errors_are_sorted_by_code_not_by_wording():
    for code, kind in ((5, integrity.LOCKED), (6, integrity.LOCKED), (13, integrity.FULL),
                       (8, integrity.READ_ONLY), (8 | (6 << 8), integrity.READ_ONLY),
                       (3, integrity.NO_PERMISSION), (11, integrity.DAMAGED),
                       (26, integrity.DAMAGED)):
        error = sqlite3.OperationalError("some words in another language")
        error.sqlite_errorcode = code
        assert integrity.classify(error)[0] == kind, code
    import errno

    for number, kind in ((errno.ENOSPC, integrity.FULL), (errno.EACCES, integrity.NO_PERMISSION),
                         (errno.EROFS, integrity.READ_ONLY)):
        assert integrity.classify(OSError(number, "whatever"))[0] == kind


def test_a_check_beside_an_open_writer_does_not_block_it(tmp_path):
    path = _netdesk_file(tmp_path / "netdesk.sqlite3")
    db = open_database(path)
    done = threading.Event()

    def check():
        assert integrity.inspect_file(path).ok
        done.set()

    thread = threading.Thread(target=check)
    thread.start()
    Person.create(first_name="Written meanwhile")
    thread.join(10)
    assert done.is_set()
    db.close()
