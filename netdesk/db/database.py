"""Opening a netdesk file: recognising it, setting pragmas, migrating it to the current schema.

A file is known by its real path (symlinks and other spellings resolved), so the
same file always gets the same lock, backup folder and checks. Nothing is
written to a file that is refused: it is read through a read-only connection
(:func:`netdesk.db.integrity.reading`) until it is known to be sound, of a
schema this netdesk can upgrade, and writable.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from peewee import DatabaseError, SqliteDatabase

from netdesk.db import cipher, integrity, server
from netdesk.db.integrity import APPLICATION_ID, MIGRATIONS_DIR, SQLITE_HEADER
from netdesk.db.models import database_proxy
from netdesk.db.private import create_private_file, fsync_path, make_private, private_folder
from netdesk.db.private import remove_sqlite_files as _remove_sqlite_files

__all__ = ["APPLICATION_ID", "BACK_UP", "MIGRATIONS_DIR", "SQLITE_HEADER", "DatabaseFileError",
           "IntegrityCheck", "is_read_only", "migrate", "open_database", "read_only_reason",
           "schema_version"]

BUSY_TIMEOUT_MS = 5000
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "full",
    "busy_timeout": BUSY_TIMEOUT_MS,
}


class DatabaseFileError(Exception):
    """The file cannot be opened as a netdesk database; it is left untouched.

    ``kind`` is one of the statuses in :mod:`netdesk.db.integrity` (``damaged``,
    ``newer``, ``locked``, ``full``, ...), so callers can tell which remedies make
    sense; ``remedy`` says in one sentence what the user can do.
    """

    def __init__(self, path: Path, reason: str, kind: str = integrity.DAMAGED):
        self.path = path
        self.reason = reason
        self.kind = kind
        self.remedy = integrity.REMEDIES.get(kind, "")
        super().__init__(f"{path}: {integrity.message_with_remedy(kind, reason)}")


class _BackUp:
    """The default ``before_migrate``: back the file up in the per-user backup folder."""

    def __repr__(self) -> str:
        return "BACK_UP"


BACK_UP = _BackUp()
"""Pass as ``before_migrate`` (the default) to back the file up before a schema upgrade."""

BeforeMigrate = Callable[[SqliteDatabase, list[str]], None]


def open_database(
    path: Path | str,
    *,
    before_migrate: BeforeMigrate | _BackUp | None = BACK_UP,
    check_integrity: bool = True,
    read_only: bool | None = False,
    busy_timeout: int = BUSY_TIMEOUT_MS,
    passphrase: str | None = None,
) -> SqliteDatabase:
    """Open (or create) the netdesk file at ``path``, migrate it, and bind the models to it.

    With ``check_integrity=False`` the caller runs :func:`check_integrity_of` itself,
    or an :class:`IntegrityCheck` beside the window, which holds writes back until
    its verdict; the check still runs here first whenever the schema is about to
    change, so a damaged file is never written to.

    ``before_migrate`` is called with the database (read-only, before anything is
    written) and the pending migration names when an existing file is about to
    change schema. By default it backs the file up in the per-user backup folder
    (:func:`netdesk.db.backup.before_migrate_hook`); None skips that.

    ``read_only``: False (the default) refuses a file that cannot be written, with
    kind ``read_only`` or ``no_permission``; True opens it for reading only and
    writes nothing at all; None opens it for writing when it can be written and
    for reading only otherwise. A file opened for reading only is never migrated
    (an older schema is refused, kind ``needs_upgrade``), and has
    ``db.netdesk_read_only`` set (see :func:`is_read_only`, :func:`read_only_reason`).

    ``busy_timeout`` is how long, in milliseconds, to wait for another program's
    lock before reporting the file as locked.

    ``passphrase`` opens an encrypted file (SQLCipher), or creates a new file encrypted;
    it is then remembered for this file in this process (:mod:`netdesk.db.cipher`), so
    its checks and backups use it too. Without one, the passphrase already known for
    the file is used, if any. A passphrase that does not open the file raises kind
    ``wrong_passphrase`` (and is not remembered).

    ``path`` may instead be a PostgreSQL URL (``postgresql://user@host/dbname``): the
    network on that server is opened through :func:`netdesk.db.server.open_server`, where
    there is no file to check, back up, encrypt or open for reading only.

    Raises :class:`DatabaseFileError` for anything that is not a netdesk file of
    this or an earlier version, or that cannot be used now (locked, full, ...).
    """
    if server.is_server_url(path):
        return server.open_server(str(path))
    path = Path(path).expanduser().resolve()
    if passphrase is None:
        return _open(path, before_migrate, check_integrity, read_only, busy_timeout)
    before = cipher.passphrase_for(path)
    cipher.use_passphrase(path, passphrase)
    try:
        return _open(path, before_migrate, check_integrity, read_only, busy_timeout)
    except DatabaseFileError as error:
        if error.kind == integrity.WRONG_PASSPHRASE:
            cipher.use_passphrase(path, before)
        raise


def _open(path: Path, before_migrate, check_integrity: bool, read_only: bool | None,
          busy_timeout: int) -> SqliteDatabase:
    timeout = busy_timeout / 1000
    if not path.exists():
        if read_only is True:
            raise DatabaseFileError(path, "the file does not exist", integrity.MISSING)
        _create_new_file(path)
        return _open_read_write(path, busy_timeout)
    report = integrity.identify_file(path, timeout=timeout)
    if not report.ok:
        raise DatabaseFileError(path, report.message, report.status)
    if check_integrity or report.pending:
        check_integrity_of(path, timeout=timeout)
    problem = integrity.write_problem(path)
    if problem is not None and read_only is False:
        raise DatabaseFileError(path, problem[1], problem[0])
    if read_only is True or problem is not None:
        kind, message = problem or (integrity.READ_ONLY, "it was opened for reading only")
        return _open_read_only(path, report, kind, message, busy_timeout)
    if report.pending and before_migrate is not None:
        _run_before_migrate(path, report.pending, before_migrate, busy_timeout)
    make_private(path)
    return _open_read_write(path, busy_timeout, fall_back_to_read_only=read_only is None,
                            report=report)


def is_read_only(db: SqliteDatabase | None = None) -> bool:
    """True when ``db`` (by default the database bound to the models) was opened read-only."""
    db = db if db is not None else database_proxy.obj
    return bool(getattr(db, "netdesk_read_only", False))


def read_only_reason(db: SqliteDatabase | None = None) -> str:
    """Why ``db`` is read-only and what to do about it, as sentences; "" when it is not."""
    db = db if db is not None else database_proxy.obj
    return getattr(db, "netdesk_read_only_reason", "") if is_read_only(db) else ""


def _passphrase(path: Path) -> str | None:
    """The key to open ``path`` with: the known one, unless the file is a plain one."""
    passphrase = cipher.passphrase_for(path)
    return None if passphrase is None or cipher.has_plain_header(path) else passphrase


def _open_read_write(path: Path, busy_timeout: int, *, fall_back_to_read_only: bool = False,
                     report: integrity.Report | None = None) -> SqliteDatabase:
    db = cipher.database(str(path), _passphrase(path),
                         pragmas={**PRAGMAS, "busy_timeout": busy_timeout},
                         check_same_thread=False, timeout=busy_timeout / 1000)
    try:
        db.connect()
        # Take the write lock for a moment: a file another program holds, or that
        # cannot be written after all, is reported now rather than at the first change.
        db.execute_sql("BEGIN IMMEDIATE")
        db.execute_sql("ROLLBACK")
        if db.execute_sql("PRAGMA application_id").fetchone()[0] == 0:
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        if report is None or report.pending:  # else identify_file found nothing to apply
            migrate(db, path)
    except DatabaseError as error:
        db.close()
        kind, message = integrity.classify(error, path)
        if kind == integrity.READ_ONLY and fall_back_to_read_only and report is not None:
            return _open_read_only(path, report, kind, message, busy_timeout)
        raise DatabaseFileError(path, message, kind) from error
    except DatabaseFileError:
        db.close()
        raise
    db.netdesk_path = path
    db.netdesk_read_only = False
    database_proxy.initialize(db)
    return db


def _open_read_only(path: Path, report: integrity.Report, kind: str, message: str,
                    busy_timeout: int) -> SqliteDatabase:
    """Open ``path`` for reading only, writing nothing to it, its -wal or its -shm."""
    if report.pending:
        raise DatabaseFileError(
            path, f"{message}, and it is of an older schema ({report.schema or 'none'}) that "
                  "netdesk must upgrade before it can be opened, which means writing to it",
            integrity.NEEDS_UPGRADE)
    uri = integrity.read_only_uri(path) or _private_copy(path)
    db = cipher.database(uri, _passphrase(path), uri=True,
                         pragmas={"foreign_keys": 1, "busy_timeout": busy_timeout},
                         check_same_thread=False, timeout=busy_timeout / 1000)
    try:
        db.connect()
        db.execute_sql("SELECT 1 FROM sqlite_master LIMIT 1")  # readable, as identified
    except DatabaseError as error:
        db.close()
        error_kind, error_message = integrity.classify(error, path)
        raise DatabaseFileError(path, error_message, error_kind) from error
    except DatabaseFileError:
        db.close()
        raise
    db.netdesk_path = path
    db.netdesk_read_only = True
    db.netdesk_read_only_reason = (
        f"{integrity.message_with_remedy(kind, message)} netdesk opened it for reading only: "
        "nothing you see can be changed.")
    database_proxy.initialize(db)
    return db


def _private_copy(path: Path) -> str:
    """A copy of ``path`` and its -wal in a private temporary folder, with the -wal applied.

    For a file that has changes in a -wal but no -shm and cannot be written: the
    changes are readable only by building a -shm. The copy is removed at exit.
    """
    folder = Path(tempfile.mkdtemp(prefix="netdesk-read-only-"))
    atexit.register(shutil.rmtree, folder, True)
    copy = folder / path.name
    shutil.copyfile(path, copy)
    shutil.copyfile(path.with_name(path.name + "-wal"), copy.with_name(copy.name + "-wal"))
    raw = cipher.connect(copy, _passphrase(path))
    try:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    return f"{integrity.read_only_uri(copy)}"


def _run_before_migrate(path: Path, pending: list[str], before_migrate, busy_timeout: int):
    """Give ``before_migrate`` (a backup, say) the file through a read-only connection."""
    if isinstance(before_migrate, _BackUp):
        from netdesk.db.backup import before_migrate_hook

        before_migrate = before_migrate_hook(path)
    uri = integrity.read_only_uri(path)
    if uri is None:
        uri = _private_copy(path)
    db = cipher.database(uri, _passphrase(path), uri=True,
                         pragmas={"busy_timeout": busy_timeout}, timeout=busy_timeout / 1000)
    db.netdesk_path = path
    db.netdesk_read_only = True
    try:
        db.connect()
        before_migrate(db, pending)
    except DatabaseError as error:
        kind, message = integrity.classify(error, path)
        raise DatabaseFileError(path, message, kind) from error
    finally:
        db.close()


def migrate(
    db: SqliteDatabase,
    path: Path | str = "",
    *,
    before_migrate: BeforeMigrate | None = None,
    target: str | None = None,
    dry: bool = False,
) -> list[str]:
    """Apply pending schema migrations, each in its own transaction; return their names.

    With ``dry`` nothing is applied: only the names of the pending ones are returned
    (and a newer schema is refused as usual).
    """
    from playhouse.migrations import Runner  # only here: a start with nothing to apply skips it

    runner = Runner(db, str(MIGRATIONS_DIR))
    status = runner.status()
    unknown = [m.name for m in status if m.path is None]
    if unknown:
        raise DatabaseFileError(
            Path(path),
            f"it was written by a newer version of netdesk (schema {unknown[-1]})",
            integrity.NEWER,
        )
    pending = [m.name for m in status if not m.applied]
    if dry:
        return pending
    if pending and before_migrate is not None:
        before_migrate(db, pending)
    if not pending:
        return []
    return runner.up(target)


def schema_version(db: SqliteDatabase) -> str:
    """Name of the newest migration applied to ``db``."""
    from playhouse.migrations import Runner

    applied = Runner(db, str(MIGRATIONS_DIR)).applied()
    return max(applied) if applied else ""


def create_database(path: Path | str, passphrase: str | None = None) -> Path:
    """Create a new netdesk file at ``path`` (encrypted with ``passphrase``, when given)
    without binding the models to it; return its real path. It must not exist yet."""
    path = Path(path).expanduser().resolve()
    if path.exists():
        raise DatabaseFileError(path, "the file already exists", integrity.FOREIGN)
    if passphrase:
        cipher.use_passphrase(path, passphrase)
    _create_new_file(path)
    return path


def _create_new_file(path: Path) -> None:
    """Build a new, fully migrated netdesk file beside ``path`` and rename it into place.

    A crash part-way leaves only a hidden ``.NAME.new-PID`` file, never an empty
    or half-made database under the real name. The file is created 0600, and
    SQLite gives its -wal and -shm the same mode. It is encrypted when a passphrase is
    known for ``path`` (:func:`netdesk.db.cipher.use_passphrase`).
    """
    partial = path.with_name(f".{path.name}.new-{os.getpid()}")
    try:
        if not path.parent.exists():
            private_folder(path.parent)  # only folders netdesk creates; never the user's own
        _remove_abandoned_new_files(path)
        create_private_file(partial)
    except OSError as error:
        kind, _message = integrity.classify(error, path)
        raise DatabaseFileError(
            path, f"a new database cannot be created there ({error.strerror or error})",
            integrity.UNREADABLE if kind == integrity.MISSING else kind) from error
    db = cipher.database(str(partial), cipher.passphrase_for(path), pragmas=PRAGMAS)
    try:
        db.connect()
        db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        migrate(db, partial)
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
        fsync_path(partial)
        os.replace(partial, path)
    except (DatabaseError, OSError) as error:
        db.close()
        _remove_sqlite_files(partial)
        kind, message = integrity.classify(error, path.parent)
        raise DatabaseFileError(path, f"a new database cannot be created there ({message})",
                                kind) from error
    except BaseException:
        db.close()
        _remove_sqlite_files(partial)
        raise
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


def check_integrity_of(path: Path, *, timeout: float = BUSY_TIMEOUT_MS / 1000) -> None:
    """Raise :class:`DatabaseFileError` when SQLite's quick check finds damage in ``path``.

    Safe to run in a thread beside the open database (its own read-only connection).
    """
    report = integrity.check_pages(path, foreign_keys=False, timeout=timeout)
    if not report.ok:
        raise DatabaseFileError(path, report.message, report.status)



# Authorizer actions that change the file (sqlite3.h); the temp schema is not the file.
_WRITES = frozenset(getattr(sqlite3, f"SQLITE_{name}") for name in (
    "INSERT", "UPDATE", "DELETE", "CREATE_TABLE", "CREATE_INDEX", "CREATE_TRIGGER",
    "CREATE_VIEW", "DROP_TABLE", "DROP_INDEX", "DROP_TRIGGER", "DROP_VIEW", "ALTER_TABLE",
    "REINDEX", "ANALYZE", "CREATE_VTABLE", "DROP_VTABLE", "PRAGMA"))


class IntegrityCheck:
    """SQLite's quick check of an open file, in a thread; writes wait for its verdict.

    Made for start-up: the file is opened with ``check_integrity=False``, the window
    is built and painted while the check reads every page through its own
    read-only connection (:func:`netdesk.db.integrity.check_pages`, foreign keys
    too), and a write made meanwhile through ``db`` (by the thread that opened it,
    the only one netdesk writes from) waits, inside SQLite's authorizer, for the
    verdict. A sound file then lets it through; a damaged one refuses it (SQLite's
    "not authorized"), so nothing is written to a file found damaged.

    Once ``done``: ``error`` is the :class:`DatabaseFileError` (None for a sound
    file) and ``foreign_key_problems`` lists rows that point at missing rows.
    ``on_done(check)`` is called in the checking thread. The thread is a daemon:
    quitting never waits for it.
    """

    def __init__(self, db: SqliteDatabase, path: Path | str | None = None, *,
                 on_done: Callable[[IntegrityCheck], None] | None = None,
                 timeout: float = BUSY_TIMEOUT_MS / 1000):
        self.path = Path(path or getattr(db, "netdesk_path", None) or db.database)
        self.error: DatabaseFileError | None = None
        self.foreign_key_problems: list[str] = []
        self._on_done = on_done
        self._timeout = timeout
        self._done = threading.Event()
        self._connection = db.connection()
        self._connection.set_authorizer(self._authorize)
        db.netdesk_integrity_check = self  # another authorizer (the app lock's) puts it back
        self._thread = threading.Thread(target=self._run, name="netdesk-integrity-check",
                                        daemon=True)
        self._thread.start()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> DatabaseFileError | None:
        """Wait for the verdict (at most ``timeout`` seconds); return the error, if any."""
        self._done.wait(timeout)
        return self.error

    def open_gate(self) -> None:
        """Stop watching writes once the file is known to be sound; call it from the thread
        that opened ``db`` (never while that thread may be inside the authorizer)."""
        if self.done and self.error is None:
            self._connection.set_authorizer(None)

    def restore_gate(self) -> None:
        """Watch writes again after another authorizer took this one's place (SQLite keeps
        one per connection), unless the file is already known to be sound."""
        self._connection.set_authorizer(
            None if self.done and self.error is None else self._authorize)

    def _authorize(self, action: int, _arg1, arg2, database, _trigger) -> int:
        if action not in _WRITES or database == "temp":
            return sqlite3.SQLITE_OK
        if action == sqlite3.SQLITE_PRAGMA and arg2 is None:
            return sqlite3.SQLITE_OK  # reading a pragma
        self._done.wait()
        return sqlite3.SQLITE_OK if self.error is None else sqlite3.SQLITE_DENY

    def _run(self) -> None:
        try:
            report = integrity.check_pages(self.path, foreign_keys=True, timeout=self._timeout)
            if report.ok:
                self.foreign_key_problems = report.foreign_key_problems
            else:
                self.error = DatabaseFileError(self.path, report.message, report.status)
        except Exception as error:  # a verdict must come, or writes would wait for ever
            self.error = DatabaseFileError(self.path, f"it could not be checked ({error})",
                                           integrity.UNREADABLE)
        finally:
            self._done.set()
            if self._on_done is not None:
                self._on_done(self)
