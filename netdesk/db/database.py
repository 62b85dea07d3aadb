"""Opening a netdesk file: recognising it, setting pragmas, migrating it to the current schema."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase
from playhouse.migrations import Runner

from netdesk.db import integrity
from netdesk.db.integrity import APPLICATION_ID, MIGRATIONS_DIR, SQLITE_HEADER
from netdesk.db.models import database_proxy
from netdesk.db.private import create_private_file, fsync_path, make_private, private_folder

__all__ = ["APPLICATION_ID", "MIGRATIONS_DIR", "SQLITE_HEADER", "DatabaseFileError",
           "migrate", "open_database", "schema_version"]

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "full",
    "busy_timeout": 5000,
}


class DatabaseFileError(Exception):
    """The file cannot be opened as a netdesk database; it is left untouched.

    ``kind`` is one of the statuses in :mod:`netdesk.db.integrity` (``damaged``,
    ``newer``, ``foreign``, ...), so callers can tell which remedies make sense.
    """

    def __init__(self, path: Path, reason: str, kind: str = integrity.DAMAGED):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.kind = kind


def open_database(
    path: Path | str,
    *,
    before_migrate: Callable[[SqliteDatabase, list[str]], None] | None = None,
    check_integrity: bool = True,
) -> SqliteDatabase:
    """Open (or create) the netdesk file at ``path``, migrate it, and bind the models to it.

    With ``check_integrity=False`` the caller runs :func:`check_integrity` itself
    (e.g. in a thread while the window is built); the check still runs here first
    whenever the schema is about to change, so a damaged file is never written to.

    ``before_migrate`` is called with the open database and the pending migration
    names when an existing file is about to change schema (e.g. to back it up).
    Raises :class:`DatabaseFileError` for anything that is not a netdesk file of
    this or an earlier version.
    """
    path = Path(path)
    is_new = not path.exists()
    if not is_new:
        _check_existing_file(path)
        if check_integrity:
            check_integrity_of(path)
        make_private(path)
    else:
        _create_new_file(path)
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    try:
        db.connect()
        if db.execute_sql("PRAGMA application_id").fetchone()[0] == 0:
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        if not is_new and not check_integrity:
            before_migrate = _checked_first(path, before_migrate)
        migrate(db, path, before_migrate=None if is_new else before_migrate)
    except DatabaseError as error:
        db.close()
        if "readonly" in str(error).replace("-", "").replace(" ", "").lower():
            raise DatabaseFileError(
                path, "the file cannot be written (it is read-only, or on read-only media)",
                integrity.UNREADABLE) from error
        raise DatabaseFileError(path, f"not a readable database ({error})") from error
    except DatabaseFileError:
        db.close()
        raise
    database_proxy.initialize(db)
    return db


def migrate(
    db: SqliteDatabase,
    path: Path | str = "",
    *,
    before_migrate: Callable[[SqliteDatabase, list[str]], None] | None = None,
    target: str | None = None,
) -> list[str]:
    """Apply pending schema migrations, each in its own transaction; return their names."""
    runner = Runner(db, str(MIGRATIONS_DIR))
    status = runner.status()
    unknown = [m.name for m in status if m.path is None]
    if unknown:
        raise DatabaseFileError(
            Path(path),
            "it was written by a newer version of netdesk "
            f"(schema {unknown[-1]}); please update netdesk to open it",
            integrity.NEWER,
        )
    pending = [m.name for m in status if not m.applied]
    if pending and before_migrate is not None:
        before_migrate(db, pending)
    if not pending:
        return []
    return runner.up(target)


def schema_version(db: SqliteDatabase) -> str:
    """Name of the newest migration applied to ``db``."""
    applied = Runner(db, str(MIGRATIONS_DIR)).applied()
    return max(applied) if applied else ""


def _check_existing_file(path: Path) -> None:
    """Refuse anything but a sound netdesk file, without writing a byte to it."""
    report = integrity.identify_file(path)
    if not report.ok:
        raise DatabaseFileError(path, report.message, report.status)


def _create_new_file(path: Path) -> None:
    """Build a new, fully migrated netdesk file beside ``path`` and rename it into place.

    A crash part-way leaves only a hidden ``.NAME.new-PID`` file, never an empty
    or half-made database under the real name. The file is created 0600, and
    SQLite gives its -wal and -shm the same mode.
    """
    partial = path.with_name(f".{path.name}.new-{os.getpid()}")
    try:
        if not path.parent.exists():
            private_folder(path.parent)  # only folders netdesk creates; never the user's own
        _remove_abandoned_new_files(path)
        create_private_file(partial)
    except OSError as error:
        raise DatabaseFileError(
            path, f"a new database cannot be created there ({error.strerror})",
            integrity.UNREADABLE) from error
    db = SqliteDatabase(str(partial), pragmas=PRAGMAS)
    try:
        db.connect()
        db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate(db, partial)
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except BaseException:
        db.close()
        _remove_sqlite_files(partial)
        raise
    db.close()
    fsync_path(partial)
    os.replace(partial, path)
    _remove_sqlite_files(partial)
    fsync_path(path.parent)


def _remove_abandoned_new_files(path: Path) -> None:
    """Delete ``.NAME.new-PID`` files left by a process that died while creating ``path``."""
    for leftover in path.parent.glob(f".{path.name}.new-*"):
        pid = leftover.name.rsplit("new-", 1)[1].split("-", 1)[0]
        if pid.isdigit() and not _process_running(int(pid)):
            leftover.unlink(missing_ok=True)


def _process_running(pid: int) -> bool:
    if os.name != "posix":
        return True  # os.kill would end the process there; keep the file instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _remove_sqlite_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def check_integrity_of(path: Path) -> None:
    """Raise :class:`DatabaseFileError` when SQLite's quick check finds damage in ``path``.

    Safe to run in a thread beside the open database (its own read connection).
    """
    report = integrity.check_pages(path, foreign_keys=False)
    if not report.ok:
        raise DatabaseFileError(path, report.message, report.status)


def _checked_first(path: Path, before_migrate):
    """Wrap ``before_migrate`` so that pending migrations never touch an unchecked file."""

    def check_then(db, pending):
        check_integrity_of(path)
        if before_migrate is not None:
            before_migrate(db, pending)

    return check_then
