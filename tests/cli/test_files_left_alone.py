"""Commands and older files: a backup before every upgrade; nothing written by a check or a refusal.

Each file is of the schema before the current one and has a -wal beside it, left
by a writer that was killed (one person added, in the -wal only), as after a
crash. The hashes of the file, its -wal and its -shm are compared. Commands that
must leave the file alone run in a process of their own, as from a shell: in the
test's process another connection to the file would keep SQLite from moving the
-wal into the file when the command's connection closes, and hide the harm.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from netdesk.db import backup as backups
from netdesk.db import integrity, open_database
from netdesk.db.database import APPLICATION_ID
from tests.db.test_migrations import VERSIONS, _build, _fill
from tests.reliability.trouble import fingerprint, leave_wal

OLDER = VERSIONS[-2]


@pytest.fixture
def older(tmp_path) -> Path:
    """A file of the previous schema, two rows in every table, one person deleted in its -wal."""
    path = tmp_path / "older.sqlite3"
    _build(path, OLDER)
    _fill(path)
    leave_wal(path, _copy_a_person(path))  # the third person is in the -wal only
    return path


def _copy_a_person(path: Path) -> str:
    """SQL adding a copy of the first person (texts changed, so unique columns stay unique)."""
    with closing(sqlite3.connect(path)) as raw, raw:
        columns = [(row[1], row[2].upper()) for row in raw.execute("PRAGMA table_info(person)")
                   if not row[5]]
    names = ", ".join(f'"{name}"' for name, _kind in columns)
    changed = {"first_name", "last_name", "email", "linkedin_url"}
    values = ", ".join(f'"{name}" || \' (copy)\'' if name in changed else f'"{name}"'
                       for name, _kind in columns)
    return f"INSERT INTO person ({names}) SELECT {values} FROM person WHERE id = 1"


def _csv(tmp_path: Path) -> Path:
    source = tmp_path / "people.csv"
    source.write_text("First Name,Last Name,Email\nGrace,Hopper,grace@example.org\n",
                      encoding="utf-8")
    return source


def netdesk(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netdesk", *arguments], capture_output=True,
                          text=True, timeout=120, env=dict(os.environ))


COMMANDS = {
    "export": lambda tmp: ["export", "csv", "-o", str(tmp / "out.csv")],
    "export ics": lambda tmp: ["export", "ics", "-o", str(tmp / "out.ics")],
    "calendar": lambda tmp: ["calendar", "-o", str(tmp / "out.ics")],
    "sheet": lambda tmp: ["sheet", "--blank", "--question", "1", "-o", str(tmp / "out.pdf")],
    "import": lambda tmp: ["import", "csv", str(_csv(tmp))],
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_backs_an_older_file_up_before_upgrading_it(older, tmp_path, command):
    done = netdesk(*COMMANDS[command](tmp_path), "--db", str(older))
    assert done.returncode == 0, done.stderr
    (made,) = [b for b in backups.list_backups(older) if b.reason == "migration"]
    report = integrity.inspect_file(made.path)
    assert report.schema == OLDER and report.people == 3  # with what was in the -wal
    assert integrity.inspect_file(older).schema == VERSIONS[-1]


@pytest.mark.parametrize("quick", [False, True])
def test_check_changes_no_byte_of_the_file_its_wal_or_its_shm(older, quick):
    before = fingerprint(older)
    done = netdesk("check", "--db", str(older), *(["--quick"] if quick else []))
    assert done.returncode == 0, done.stderr
    assert "people: 3" in done.stdout
    assert fingerprint(older) == before
    assert backups.list_backups(older) == []


def test_check_reads_a_wal_whose_shm_is_gone_without_making_one(older):
    older.with_name(older.name + "-shm").unlink()
    before = fingerprint(older)
    done = netdesk("check", "--db", str(older))
    assert done.returncode == 0, done.stderr
    assert "people: 3" in done.stdout
    assert fingerprint(older) == before


def test_check_of_a_current_file_creates_no_wal_and_no_shm(tmp_path):
    path = tmp_path / "netdesk.sqlite3"
    open_database(path).close()
    assert fingerprint(path)["-wal"] is None
    assert netdesk("check", "--db", str(path)).returncode == 0
    assert fingerprint(path)["-wal"] is None and fingerprint(path)["-shm"] is None


def test_a_read_only_open_refuses_an_older_file_and_writes_nothing(older):
    before = fingerprint(older)
    with pytest.raises(integrity_error()) as info:
        open_database(older, read_only=True)
    assert info.value.kind == integrity.NEEDS_UPGRADE
    assert fingerprint(older) == before


def test_a_dry_run_import_writes_nothing(older, tmp_path):
    before = fingerprint(older)
    done = netdesk("import", "csv", str(_csv(tmp_path)), "--dry-run", "--db", str(older))
    assert done.returncode != 0 and "upgrade" in done.stderr
    assert fingerprint(older) == before
    assert backups.list_backups(older) == []


def _newer(path: Path) -> None:
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("INSERT INTO schema_migration (name, applied) VALUES "
                    "('9999_future', '2030-01-01')")


def _damaged(path: Path) -> None:
    """Scribble over every page of the file itself but the first (the -wal is left whole)."""
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for start in range(page_size, len(data), page_size):
        data[start + 8: start + 64] = b"\xff" * 56
    path.write_bytes(bytes(data))


def _foreign(path: Path) -> None:
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("PRAGMA application_id = 1")


@pytest.mark.parametrize("spoil, kind", [(_newer, "newer"), (_damaged, "damaged"),
                                         (_foreign, "foreign")])
@pytest.mark.parametrize("command", ["export", "calendar", "sheet", "import", "check"])
def test_a_refused_file_keeps_every_byte(older, tmp_path, spoil, kind, command):
    if spoil is _damaged:
        spoil(older)
    else:
        with closing(sqlite3.connect(older)) as raw, raw:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        spoil(older)
        leave_wal(older, "PRAGMA user_version = 7")
    before = fingerprint(older)
    arguments = COMMANDS[command](tmp_path) if command != "check" else ["check"]
    done = netdesk(*arguments, "--db", str(older))
    assert done.returncode != 0
    assert "Traceback" not in done.stdout + done.stderr
    if command != "check":  # which reports on stdout
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert fingerprint(older) == before
    assert backups.list_backups(older) == []
    assert integrity.inspect_file(older).status == kind


def integrity_error():
    from netdesk.db import DatabaseFileError

    return DatabaseFileError


assert APPLICATION_ID  # the file's owner mark, used by _foreign to pretend another program
