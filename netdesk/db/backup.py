"""Backups of a netdesk file through SQLite's online backup API, kept with a daily/weekly rotation.

Each database has its own folder under the per-user backup folder, named after
the file and a short hash of its full path. A backup is written to a hidden
partial file, checked, flushed to disk and only then renamed into place, so a
crash never leaves half a backup among the good ones. Backups are single
files (rollback journal, no -wal) with mode 0600.

Rotation keeps, for each database: every backup of the last 24 hours (at most
``KEEP_RECENT``), the newest backup of each of the last ``KEEP_DAILY`` days
that have one, the newest of each of the last ``KEEP_WEEKLY`` weeks that have
one, and always the newest backup taken before a schema upgrade.

A backup of an encrypted file is encrypted with the same passphrase: the backup
folder shares the file's passphrase (:func:`netdesk.db.cipher.share_with`).

A database on a PostgreSQL server is not a file: every function here refuses one (or its
URL) with :class:`ServerBackupError`, whose message says what to do instead.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase

from netdesk.db import cipher, integrity
from netdesk.db.private import (
    create_private_file,
    fsync_path,
    make_private,
    private_folder,
    remove_sqlite_files,
)

KEEP_RECENT = 10
KEEP_DAILY = 7
KEEP_WEEKLY = 4
DAILY_INTERVAL = datetime.timedelta(days=1)
REASONS = {
    "daily": "daily",
    "manual": "backed up by hand",
    "migration": "before a schema upgrade",
    "import": "before an import",
    "restore": "before a restore",
    "sync": "before a sync",
    "encryption": "before encrypting or decrypting",
}
"""Why a backup was taken, as written in its file name, and how to describe it."""

_NAME = re.compile(r"\.(\d{8}-\d{6})(?:-(\d+))?\.([a-z]+)\.sqlite3$")
_PARTIAL_PREFIX = ".partial-"


class BackupError(Exception):
    """A backup could not be made or restored; the database is unchanged."""


ON_SERVER = ("A database on a server is backed up by its administrator (with pg_dump), not "
             "by netdesk; to keep a copy of your own, use netdesk export json or netdesk "
             "copy.")


class ServerBackupError(BackupError, ValueError):
    """Asked to back up or restore a database on a server: netdesk's backups are copies of
    a file. The message (:data:`ON_SERVER`) is the whole sentence to show."""

    def __init__(self, message: str = ON_SERVER):
        super().__init__(message)


def refuse_server(*databases) -> None:
    """Raise :class:`ServerBackupError` when any of ``databases`` (open databases, paths or
    URLs) is a database on a PostgreSQL server."""
    from peewee import PostgresqlDatabase

    from netdesk.paths import is_server_url

    for database in databases:
        if isinstance(database, PostgresqlDatabase) or is_server_url(database) or (
                database is not None and getattr(database, "netdesk_url", None)):
            raise ServerBackupError()


@dataclass(frozen=True)
class Backup:
    """One backup file: where it is, when it was taken and why."""

    path: Path
    taken: datetime.datetime
    reason: str

    @property
    def description(self) -> str:
        return REASONS.get(self.reason, self.reason)

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


DatabaseOrPath = SqliteDatabase | sqlite3.Connection | Path | str


def backup_folder(db_path: Path | str, root: Path | None = None) -> Path:
    """The folder holding the backups of ``db_path`` (not created here)."""
    refuse_server(db_path)
    if root is None:
        from netdesk.paths import backup_dir

        root = backup_dir(create=False)
    resolved = Path(db_path).expanduser().resolve()
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:10]
    folder = Path(root) / f"{resolved.stem}-{digest}"
    cipher.share_with(folder, resolved)
    return folder


def backup_now(
    db_or_path: DatabaseOrPath,
    reason: str,
    *,
    db_path: Path | str | None = None,
    root: Path | None = None,
    now: datetime.datetime | None = None,
) -> Backup:
    """Back up a netdesk database now and apply the rotation; return the new backup.

    ``db_or_path`` is the open database (peewee or sqlite3 connection) or the
    file's path; ``db_path`` names the file when a bare sqlite3 connection is
    given. ``root`` replaces the per-user backup folder (tests).
    Raises :class:`BackupError` when the copy cannot be made or fails its check.
    """
    refuse_server(db_or_path, db_path)
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    now = (now or datetime.datetime.now()).replace(microsecond=0)
    source_path = Path(db_path) if db_path is not None else _path_of(db_or_path)
    try:
        folder = private_folder(backup_folder(source_path, root))
        _describe_folder(folder, source_path)
        target = _free_name(folder, source_path, now, reason)
        partial = folder / f"{_PARTIAL_PREFIX}{os.getpid()}-{target.name}"
        create_private_file(partial)
    except OSError as error:
        raise BackupError(f"cannot write to the backup folder ({error})") from error
    if isinstance(db_or_path, SqliteDatabase):
        key = getattr(db_or_path, "passphrase", None)
    else:
        key = _encrypted_with(source_path)
    try:
        with closing(cipher.connect(partial, key)) as destination:
            _copy(db_or_path, destination)
            destination.execute("PRAGMA journal_mode = DELETE")
            problems = [row[0] for row in destination.execute("PRAGMA quick_check")]
            if problems != ["ok"]:
                raise BackupError(f"the copy failed its check ({problems[0]})")
        fsync_path(partial)
        os.replace(partial, target)
        fsync_path(folder)
    except (*cipher.errors(), OSError) as error:
        _remove_partial(partial)
        raise BackupError(f"the backup failed ({error})") from error
    except BaseException:
        _remove_partial(partial)
        raise
    make_private(target)
    rotate(folder, now=now)
    return Backup(target, now, reason)


def backup_if_due(
    db_or_path: DatabaseOrPath,
    *,
    db_path: Path | str | None = None,
    root: Path | None = None,
    now: datetime.datetime | None = None,
    interval: datetime.timedelta = DAILY_INTERVAL,
) -> Backup | None:
    """Take the daily backup when the newest backup of this file is older than ``interval``."""
    refuse_server(db_or_path, db_path)
    now = now or datetime.datetime.now()
    source_path = Path(db_path) if db_path is not None else _path_of(db_or_path)
    backups = list_backups(source_path, root)
    if backups and now - backups[0].taken < interval:
        return None
    return backup_now(db_or_path, "daily", db_path=source_path, root=root, now=now)


def before_migrate_hook(
    db_path: Path | str, root: Path | None = None
) -> Callable[[SqliteDatabase, list[str]], None]:
    """A ``before_migrate`` callback for ``open_database`` that backs the file up first.

    If the backup fails the upgrade does not happen: the callback raises
    :class:`~netdesk.db.database.DatabaseFileError` and the file is left as it was.
    """
    refuse_server(db_path)

    def hook(db: SqliteDatabase, pending: list[str]) -> None:
        from netdesk.db.database import DatabaseFileError

        try:
            backup_now(db, "migration", db_path=db_path, root=root)
        except BackupError as error:
            raise DatabaseFileError(
                Path(db_path),
                f"this file needs a schema upgrade ({', '.join(pending)}), and the backup "
                f"taken before upgrading failed: {error}",
                integrity.BACKUP_FAILED,
            ) from error

    return hook


def list_backups(db_path: Path | str, root: Path | None = None) -> list[Backup]:
    """Backups of ``db_path``, newest first."""
    refuse_server(db_path)
    folder = backup_folder(db_path, root)
    return _scan(folder)


def delete_backups(backups: list[Backup]) -> list[Path]:
    """Delete ``backups`` (chosen by the user, e.g. the ones that still hold a person who
    asked to be forgotten); return the paths deleted. Raises :class:`BackupError` naming
    the first one that cannot be deleted; the ones before it are gone."""
    removed = []
    for backup in backups:
        try:
            backup.path.unlink(missing_ok=True)
            for suffix in ("-journal", "-wal", "-shm"):
                backup.path.with_name(backup.path.name + suffix).unlink(missing_ok=True)
        except OSError as error:
            raise BackupError(f"{backup.path.name} could not be deleted ({error})") from error
        removed.append(backup.path)
    if removed:
        fsync_path(removed[0].parent)
    return removed


def newest_good_backup(db_path: Path | str, root: Path | None = None) -> Backup | None:
    """The newest backup of ``db_path`` that passes the checks, or None."""
    for backup in list_backups(db_path, root):
        if integrity.inspect_file(backup.path).ok:
            return backup
    return None


def rotate(folder: Path, *, now: datetime.datetime | None = None) -> list[Path]:
    """Delete the backups in ``folder`` that the rotation does not keep; return them."""
    now = now or datetime.datetime.now()
    backups = _scan(folder)
    recent = [b.path for b in backups if now - b.taken < DAILY_INTERVAL]
    keep = set(recent[:KEEP_RECENT])
    keep |= _newest_per_bucket(backups, lambda b: b.taken.date(), KEEP_DAILY)
    keep |= _newest_per_bucket(backups, lambda b: b.taken.isocalendar()[:2], KEEP_WEEKLY)
    upgrades = [b for b in backups if b.reason == "migration"]
    if upgrades:
        keep.add(upgrades[0].path)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    _remove_abandoned_partials(folder, now)
    return removed


def restore_into(db: SqliteDatabase, backup: Backup | Path) -> None:
    """Replace the content of the open database ``db`` with ``backup``, in one transaction.

    The backup is checked first. The caller backs up the current content before
    calling this, and migrates the result (a backup may be of an older schema).
    """
    refuse_server(db)
    path = backup.path if isinstance(backup, Backup) else Path(backup)
    _require_good(path)
    key = cipher.passphrase_for(db.netdesk_path) if cipher.is_encrypted(db) else None
    try:
        with _source_like(path, key) as source:
            source.backup(db.connection())
    except (*cipher.errors(), OSError) as error:
        raise BackupError(f"the backup could not be restored ({error})") from error


def restore_to_path(
    backup: Backup | Path, db_path: Path | str, *, now: datetime.datetime | None = None
) -> Path | None:
    """Put a copy of ``backup`` at ``db_path``, which no program has open.

    The file found at ``db_path`` (a damaged one) is never overwritten nor
    deleted: it is renamed ``NAME.damaged-YYYYMMDD-HHMMSS.EXT`` beside itself,
    with its -wal and -shm. Returns that new name, or None when there was no file.
    A file that is not damaged (sound, or merely locked, full, read-only...) is
    never moved aside: :class:`BackupError` is raised and nothing changes; nor is an
    encrypted file its passphrase does not open (``wrong_passphrase``). The copy is
    encrypted as the backup is, and then opens with the backup's passphrase.
    When ``db_path`` is a symbolic link, the file it points to is the one replaced;
    the link stays.
    """
    refuse_server(db_path)
    source = backup.path if isinstance(backup, Backup) else Path(backup)
    db_path = Path(db_path).expanduser().resolve()
    _require_good(source)
    if db_path.exists():
        report = integrity.inspect_file(db_path)
        if report.ok:
            raise BackupError(f"{db_path.name} is not damaged (it passes every check), "
                              "so it was left as it is")
        if report.status not in integrity.RESTORABLE:
            raise BackupError(f"{db_path.name} is not damaged, so it was left as it is: "
                              f"{report.message}")
    now = now or datetime.datetime.now()
    partial = db_path.with_name(f".{db_path.name}.restore-{os.getpid()}")
    remove_sqlite_files(partial)
    key = _encrypted_with(source)
    try:
        create_private_file(partial)
        with closing(cipher.connect(source, key)) as src, \
                closing(cipher.connect(partial, key)) as destination:
            src.backup(destination)
            destination.execute("PRAGMA journal_mode = WAL")
        fsync_path(partial)
        aside = _move_aside(db_path, now)
        os.replace(partial, db_path)
        fsync_path(db_path.parent)
    except (*cipher.errors(), OSError) as error:
        remove_sqlite_files(partial)
        raise BackupError(f"the backup could not be restored ({error})") from error
    make_private(db_path)
    if key:
        cipher.use_passphrase(db_path, key)
    return aside


def _encrypted_with(path: Path) -> str | None:
    """The passphrase ``path`` is encrypted with, or None for a plain file."""
    key = cipher.passphrase_for(path)
    return None if key is None or cipher.has_plain_header(path) else key


@contextmanager
def _source_like(path: Path, key: str | None):
    """A connection to ``path`` whose backup can be copied into a database encrypted with
    ``key`` (or a plain one, for None): the file itself when it is encrypted alike, else a
    converted copy of it in a private temporary folder (the backup API copies pages as
    they are, and cannot turn plain ones into encrypted ones or back)."""
    own = _encrypted_with(path)
    if own == key:
        with closing(cipher.connect(path, key)) as source:
            yield source
        return
    folder = Path(tempfile.mkdtemp(prefix="netdesk-restore-"))
    try:
        copy = folder / path.name
        cipher.export(path, own, copy, key)
        with closing(cipher.connect(copy, key)) as source:
            yield source
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _move_aside(db_path: Path, now: datetime.datetime) -> Path | None:
    if not db_path.exists():
        return None
    stamp = now.strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.stem}.damaged-{stamp}{db_path.suffix}")
    counter = 2
    while aside.exists():
        aside = db_path.with_name(f"{db_path.stem}.damaged-{stamp}-{counter}{db_path.suffix}")
        counter += 1
    for suffix in ("-wal", "-shm"):
        companion = db_path.with_name(db_path.name + suffix)
        if companion.exists():
            os.replace(companion, aside.with_name(aside.name + suffix))
    os.replace(db_path, aside)
    return aside


def _require_good(path: Path) -> None:
    report = integrity.inspect_file(path)
    if not report.ok:
        raise BackupError(f"{path.name} cannot be restored: {report.message}")


def _copy(db_or_path: DatabaseOrPath, destination: sqlite3.Connection) -> None:
    if isinstance(db_or_path, SqliteDatabase):
        db_or_path.connection().backup(destination)
    elif hasattr(db_or_path, "backup"):  # an sqlite3 (or sqlcipher3) connection
        db_or_path.backup(destination)
    else:
        path = Path(db_or_path)
        if not path.exists():
            raise BackupError(f"{path} does not exist")
        with integrity.reading(path) as source:
            source.backup(destination)


def _path_of(db_or_path: DatabaseOrPath) -> Path:
    if isinstance(db_or_path, SqliteDatabase):
        return Path(getattr(db_or_path, "netdesk_path", None) or db_or_path.database)
    if hasattr(db_or_path, "backup"):
        raise TypeError("pass db_path= with a bare sqlite3 connection")
    return Path(db_or_path)


def _free_name(folder: Path, source: Path, now: datetime.datetime, reason: str) -> Path:
    """A new name: the time stamp, and a counter above any backup already taken that second."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    counters = [b for b in _scan_counters(folder) if b[0] == stamp]
    counter = max((n for _stamp, n in counters), default=0) + 1
    suffix = "" if counter == 1 else f"-{counter}"
    return folder / f"{source.stem}.{stamp}{suffix}.{reason}.sqlite3"


def _scan_counters(folder: Path) -> list[tuple[str, int]]:
    found = []
    for path in folder.glob("*.sqlite3"):
        match = _NAME.search(path.name)
        if match is not None and not path.name.startswith("."):
            found.append((match.group(1), int(match.group(2) or 1)))
    return found


def _scan(folder: Path) -> list[Backup]:
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        match = _NAME.search(path.name)
        if match is None or path.name.startswith("."):
            continue
        try:
            taken = datetime.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        found.append((taken, int(match.group(2) or 1), Backup(path, taken, match.group(3))))
    found.sort(key=lambda item: item[:2], reverse=True)
    return [backup for _taken, _n, backup in found]


def _newest_per_bucket(backups: list[Backup], bucket, count: int) -> set[Path]:
    """Paths of the newest backup in each of the ``count`` newest buckets (backups are sorted)."""
    kept: dict[object, Path] = {}
    for backup in backups:
        key = bucket(backup)
        if key not in kept:
            if len(kept) == count:
                break
            kept[key] = backup.path
    return set(kept.values())


def _describe_folder(folder: Path, source: Path) -> None:
    note = folder / "SOURCE.txt"
    if not note.exists():
        note.write_text(f"Backups of {Path(source).expanduser().resolve()}\n", encoding="utf-8")
        make_private(note)


def _remove_partial(partial: Path) -> None:
    remove_sqlite_files(partial)


def _remove_abandoned_partials(folder: Path, now: datetime.datetime) -> None:
    """Partial files more than an hour old were left by a process that died mid-backup."""
    for leftover in folder.glob(f"{_PARTIAL_PREFIX}*"):
        try:
            age = now.timestamp() - leftover.stat().st_mtime
        except OSError:
            continue
        if age > 3600:
            leftover.unlink(missing_ok=True)
