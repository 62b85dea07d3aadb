"""Opening a netdesk file: recognising it, setting pragmas, migrating it to the current schema."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase
from playhouse.migrations import Runner

from netdesk.db.models import database_proxy

# 'ndsk': written into every netdesk file, so a foreign SQLite file is never adopted.
APPLICATION_ID = 0x6E64736B
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "full",
    "busy_timeout": 5000,
}
SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseFileError(Exception):
    """The file cannot be opened as a netdesk database; it is left untouched."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


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
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
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
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseFileError(path, f"cannot be read ({error.strerror})") from error
    if not header:
        raise DatabaseFileError(path, "the file is empty, not a netdesk database")
    if header != SQLITE_HEADER:
        raise DatabaseFileError(path, "this is not a netdesk database (not an SQLite file)")
    try:
        with closing(sqlite3.connect(str(path))) as raw:
            app_id = raw.execute("PRAGMA application_id").fetchone()[0]
            has_tables = raw.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
            if app_id != APPLICATION_ID and (app_id != 0 or has_tables):
                raise DatabaseFileError(
                    path, "this SQLite file belongs to another program, not netdesk"
                )
    except sqlite3.DatabaseError as error:
        raise DatabaseFileError(path, f"the database is damaged ({error})") from error


def check_integrity_of(path: Path) -> None:
    """Raise :class:`DatabaseFileError` when SQLite's quick check finds damage in ``path``.

    Safe to run in a thread beside the open database (its own read connection).
    """
    try:
        with closing(sqlite3.connect(str(path))) as raw:
            problems = [row[0] for row in raw.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as error:
        raise DatabaseFileError(path, f"the database is damaged ({error})") from error
    if problems != ["ok"]:
        raise DatabaseFileError(path, f"the database is damaged ({problems[0]})")


def _checked_first(path: Path, before_migrate):
    """Wrap ``before_migrate`` so that pending migrations never touch an unchecked file."""

    def check_then(db, pending):
        check_integrity_of(path)
        if before_migrate is not None:
            before_migrate(db, pending)

    return check_then

