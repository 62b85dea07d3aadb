"""Private files: the database, its -wal and -shm, the backups are 0600; folders 0700."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from netdesk.db import database as database_module
from netdesk.db import open_database
from netdesk.db.backup import backup_now
from netdesk.db.models import Person

pytestmark = pytest.mark.skipif(os.name != "posix", reason="Unix permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """Run with the most permissive common umask, so modes come from netdesk, not luck."""
    old = os.umask(0o002)
    yield
    os.umask(old)


def test_new_database_and_its_wal_and_shm_are_private(tmp_path, open_umask):
    path = tmp_path / "new folder" / "netdesk.sqlite3"
    db = open_database(path)
    Person.create(first_name="Ada")
    assert _mode(path) == 0o600
    assert _mode(Path(f"{path}-wal")) == 0o600
    assert _mode(Path(f"{path}-shm")) == 0o600
    assert _mode(path.parent) == 0o700  # netdesk made this folder
    db.close()


def test_an_existing_open_file_is_made_private(tmp_path, open_umask):
    path = tmp_path / "netdesk.sqlite3"
    open_database(path).close()
    path.chmod(0o644)
    tmp_path.chmod(0o755)
    db = open_database(path)
    Person.create(first_name="Ada")
    assert _mode(path) == 0o600
    assert _mode(Path(f"{path}-wal")) == 0o600
    assert _mode(tmp_path) == 0o755  # the user's own folder is theirs to set
    db.close()


def test_backups_and_their_folders_are_private(db, tmp_path, open_umask):
    made = backup_now(db, "manual", root=tmp_path / "backups")
    assert _mode(made.path) == 0o600
    assert _mode(made.path.parent) == 0o700
    assert _mode(tmp_path / "backups") == 0o700
    assert _mode(made.path.parent / "SOURCE.txt") == 0o600


def test_per_user_folders_are_private(open_umask):
    from netdesk.paths import backup_dir, data_dir

    assert _mode(data_dir()) == 0o700
    assert _mode(backup_dir()) == 0o700


def test_interrupted_creation_leaves_no_file_under_the_real_name(tmp_path, monkeypatch):
    path = tmp_path / "netdesk.sqlite3"

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(database_module, "migrate", crash)
    with pytest.raises(KeyboardInterrupt):
        open_database(path)
    assert list(tmp_path.iterdir()) == []


def test_creation_abandoned_by_a_dead_process_is_cleaned_up(tmp_path):
    path = tmp_path / "netdesk.sqlite3"
    leftover = tmp_path / ".netdesk.sqlite3.new-999999999"
    leftover.write_bytes(b"")
    open_database(path).close()
    assert not leftover.exists()
    assert path.exists()


def test_a_read_only_file_stays_read_only(tmp_path):
    path = tmp_path / "netdesk.sqlite3"
    open_database(path).close()
    path.chmod(0o444)
    try:
        open_database(path).close()
    except Exception:  # noqa: BLE001 - refusing is fine; adding write permission is not
        pass
    assert _mode(path) == 0o400


def test_a_folder_where_nothing_can_be_created_is_reported(tmp_path, monkeypatch):
    from netdesk.db import DatabaseFileError

    def refuse(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(database_module, "create_private_file", refuse)
    with pytest.raises(DatabaseFileError, match="cannot be created there") as info:
        open_database(tmp_path / "netdesk.sqlite3")
    assert info.value.kind == "no_permission"  # EACCES, by errno
