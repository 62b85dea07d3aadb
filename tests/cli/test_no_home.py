"""No traceback from the command line for a permission, space or path problem.

The per-user folders point where nothing can be made: under a plain file (so the
folder is missing for good), or on a read-only disk. Each command ends with one
``netdesk: …`` line on stderr and a non-zero status.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netdesk.cli.errors import describe, report
from netdesk.db import DatabaseFileError, integrity, open_database
from tests.db.test_backup import _first_schema_file
from tests.reliability.trouble import fingerprint, remount_read_only, small_disk

HOME_VARIABLES = ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                  "XDG_STATE_HOME", "XDG_RUNTIME_DIR")


def netdesk(home: Path, *arguments: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **{name: str(home / name.lower()) for name in HOME_VARIABLES}}
    env.pop("NETDESK_DB", None)
    return subprocess.run([sys.executable, "-m", "netdesk", *arguments], capture_output=True,
                          text=True, timeout=120, env=env)


def _one_line(done: subprocess.CompletedProcess) -> str:
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netdesk"), done.stderr
    return lines[0]


@pytest.fixture
def missing_home(tmp_path) -> Path:
    """A home that cannot exist: it would be inside a plain file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    return blocker


@pytest.fixture
def read_only_home(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        remount_read_only(disk)
        yield disk


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    return {
        "check": ["check"],
        "export": ["export", "csv", "-o", str(tmp_path / "out.csv")],
        "calendar": ["calendar", "-o", str(tmp_path / "out.ics")],
        "sheet": ["sheet", "1", "-o", str(tmp_path / "out.pdf")],
        "import": ["import", "csv", str(tmp_path / "people.csv")],
        "demo-db": ["demo-db", str(tmp_path / "nowhere" / "x" / "sample.sqlite3")],
    }


@pytest.mark.parametrize("command", ["check", "export", "calendar", "sheet", "import"])
def test_no_home_folder_gives_one_line(missing_home, tmp_path, command):
    (tmp_path / "people.csv").write_text("First Name\nGrace\n", encoding="utf-8")
    _one_line(netdesk(missing_home, *_commands(tmp_path)[command]))


@pytest.mark.parametrize("command", ["check", "export", "calendar", "sheet", "import"])
def test_a_read_only_home_gives_one_line(read_only_home, tmp_path, command):
    (tmp_path / "people.csv").write_text("First Name\nGrace\n", encoding="utf-8")
    _one_line(netdesk(read_only_home, *_commands(tmp_path)[command]))


def test_a_blank_sheet_needs_no_home(missing_home, tmp_path):
    """The shipped question bank is printed; nothing is made in the per-user folders."""
    done = netdesk(missing_home, "sheet", "--blank", "-o", str(tmp_path / "out.pdf"))
    assert done.returncode == 0, done.stderr
    assert "from the default question bank" in done.stdout
    assert (tmp_path / "out.pdf").stat().st_size > 0
    assert missing_home.read_text() == "x"


def test_a_new_file_where_none_can_be_made_gives_one_line(missing_home, tmp_path):
    line = _one_line(netdesk(missing_home, "demo-db", str(missing_home / "x.sqlite3")))
    assert "not-a-folder" in line


@pytest.mark.parametrize("command", ["export", "calendar", "sheet", "import"])
def test_an_upgrade_without_a_backup_folder_is_refused_in_one_line(
        missing_home, tmp_path, command):
    path = tmp_path / "older.sqlite3"
    _first_schema_file(path)
    (tmp_path / "people.csv").write_text("First Name\nGrace\n", encoding="utf-8")
    before = fingerprint(path)
    arguments = [*_commands(tmp_path)[command], "--db", str(path)]
    if command == "sheet":
        arguments = ["sheet", "--blank", "--question", "1", "-o", str(tmp_path / "out.pdf"),
                     "--db", str(path)]
    line = _one_line(netdesk(missing_home, *arguments))
    assert "backup" in line and "upgrad" in line
    assert fingerprint(path) == before


def test_a_current_file_is_exported_without_a_home(missing_home, tmp_path):
    path = tmp_path / "netdesk.sqlite3"
    open_database(path).close()
    done = netdesk(missing_home, "export", "csv", "-o", str(tmp_path / "out.csv"),
                   "--db", str(path))
    assert done.returncode == 0, done.stderr
    done = netdesk(missing_home, "check", "--db", str(path))
    assert done.returncode == 0, done.stderr
    assert not missing_home.is_dir()


def test_the_helper_words_each_kind_of_trouble_in_one_line(capsys):
    assert report(OSError(errno.ENOSPC, "No space left on device", "/data/x.csv")) == 1
    line = capsys.readouterr().err
    assert line.startswith("netdesk: /data/x.csv: ") and "Free some space" in line
    assert line.count("\n") == 1
    assert "ask the owner" in describe(PermissionError(errno.EACCES, "Permission denied")).lower()
    error = DatabaseFileError(Path("/data/n.sqlite3"), "the file is locked by another program",
                              integrity.LOCKED)
    assert describe(error) == ("/data/n.sqlite3: The file is locked by another program. "
                               + integrity.REMEDIES[integrity.LOCKED])
