"""Encrypted netdesk files (SQLCipher): connections carrying a passphrase; which file has which.

A plain file is opened with the standard library's ``sqlite3`` as ever; only a file
with a passphrase goes through ``sqlcipher3`` (imported then, so a plain start never
pays for it). The passphrase of each encrypted file is kept in this process's memory
only, by the file's real path (:func:`use_passphrase`), so every part of netdesk that
opens the file (the integrity check's thread, backups, restores) passes the same key
without handing it around; a backup folder shares the key of its database
(:func:`share_with`). Nothing here stores or logs a passphrase.

An encrypted file has no SQLite header: to SQLite without its key it is noise. So
"is this an encrypted netdesk file" can only be answered with the passphrase: it
opens with it and has netdesk's ``application_id`` (see
:func:`netdesk.db.integrity.identify_file`).
"""

from __future__ import annotations

import hashlib
import sqlite3
import sys
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from peewee import SqliteDatabase

SQLITE_HEADER = b"SQLite format 3\x00"
TEMP_STORE = "memory"
"""Temporary tables and indexes of an encrypted file stay in memory, never on the disk."""

_passphrases: dict[Path, str] = {}
_folders: dict[Path, str] = {}
_lock = threading.Lock()

SALT_SIZE = 16
KDF_ITERATIONS = 256_000
"""SQLCipher 4's key derivation (PBKDF2-HMAC-SHA512 of the passphrase, salted by the
file's first 16 bytes): a tenth of a second, made on purpose slow, and paid by every
connection keyed with the passphrase. A file open takes three connections (the check,
the writer, the integrity check's thread), and each backup two more."""
_raw_keys: dict[tuple[str, bytes], str] = {}


def _resolved(path: Path | str) -> Path:
    return Path(path).expanduser().resolve()


def use_passphrase(path: Path | str, passphrase: str | None) -> None:
    """From now on open ``path`` with ``passphrase`` (None: as a plain file)."""
    key = _resolved(path)
    with _lock:
        if passphrase:
            _passphrases[key] = passphrase
        else:
            _passphrases.pop(key, None)


def passphrase_for(path: Path | str) -> str | None:
    """The passphrase ``path`` is opened with: its own, or its folder's (a backup folder)."""
    if not _passphrases and not _folders:
        return None
    key = _resolved(path)
    with _lock:
        found = _passphrases.get(key)
        return found if found is not None else _folders.get(key.parent)


def share_with(folder: Path | str, path: Path | str) -> None:
    """Files in ``folder`` (the backups of ``path``) are opened with ``path``'s passphrase.

    A folder keeps the passphrase it was given even when ``path`` later loses its own
    (encryption removed): its backups are still encrypted with it.
    """
    passphrase = passphrase_for(path)
    if passphrase:
        with _lock:
            _folders[_resolved(folder)] = passphrase


def keyring_name(path: Path | str) -> str:
    """The name a file's passphrase is kept under in the system keyring (netdesk.secrets)."""
    return f"passphrase:{_resolved(path)}"


def forget_all() -> None:
    """Forget every passphrase this process was given (tests, or before quitting)."""
    with _lock:
        _passphrases.clear()
        _folders.clear()
        _raw_keys.clear()


def has_plain_header(path: Path | str) -> bool:
    """True when ``path`` starts with SQLite's header (a plain, unencrypted file)."""
    try:
        with Path(path).open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def could_be_encrypted(path: Path | str) -> bool:
    """True when ``path`` may be an encrypted database: no SQLite header, and whole pages.

    (An SQLCipher file is a sequence of pages of at least 512 bytes, each of them
    noise without the key; a text file, a cut file or an empty one is not.)
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        return False
    return size >= 1024 and size % 512 == 0 and not has_plain_header(path)


def is_encrypted(db) -> bool:
    """True when the peewee database ``db`` connects with a passphrase."""
    return bool(getattr(db, "passphrase", None))


def errors() -> tuple[type[BaseException], ...]:
    """The DB-API error classes a connection may raise: sqlite3's, and sqlcipher3's once
    it is in use (``except cipher.errors():``)."""
    module = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.Error,) if module is None else (sqlite3.Error, module.Error)


def _sqlcipher():
    from sqlcipher3 import dbapi2

    return dbapi2


def _quote(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def apply_key(connection, passphrase: str, path: Path | str | None = None) -> None:
    """Key a new sqlcipher3 ``connection`` to ``path``, before anything else reads the file.

    An existing file is keyed with the key its passphrase and salt derive to, derived
    once per process (what SQLCipher would derive again for each connection); a new file,
    or one whose salt cannot be read, with the passphrase itself."""
    # SQLCipher reports a failed decryption on standard error by itself: netdesk says it.
    connection.execute("PRAGMA cipher_log_level = NONE")
    salt = _salt_of(path) if path is not None else None
    if salt is None:
        connection.execute(f"PRAGMA key = {_quote(passphrase)}")
    else:
        connection.execute(f'PRAGMA key = "{_raw_key(passphrase, salt)}"')
    connection.execute(f"PRAGMA temp_store = {TEMP_STORE}")


def _salt_of(path: Path | str) -> bytes | None:
    """The salt at the start of the encrypted file ``path``; None for a new, short or
    plain file."""
    try:
        with Path(path).open("rb") as handle:
            start = handle.read(len(SQLITE_HEADER))
    except OSError:
        return None
    if len(start) < SALT_SIZE or start == SQLITE_HEADER:
        return None
    return start[:SALT_SIZE]


def _raw_key(passphrase: str, salt: bytes) -> str:
    """SQLCipher's raw key literal for ``passphrase`` over a file salted with ``salt``."""
    with _lock:
        found = _raw_keys.get((passphrase, salt))
    if found is None:
        key = hashlib.pbkdf2_hmac("sha512", passphrase.encode(), salt, KDF_ITERATIONS, 32)
        found = f"x'{key.hex()}'"
        with _lock:
            _raw_keys[(passphrase, salt)] = found
    return found


def _file_of(target: Path | str, uri: bool) -> Path | str:
    """The file a connection target names (a ``file:`` URI's path, with ``uri``)."""
    if not uri:
        return target
    return unquote(urlsplit(str(target)).path)


def connect(target: Path | str, passphrase: str | None = None, *, uri: bool = False,
            timeout: float = 5.0, **kwargs):
    """A DB-API connection to ``target`` (a path, or a URI with ``uri=True``).

    With a passphrase, an sqlcipher3 connection keyed with it; without, sqlite3's.
    A wrong passphrase shows at the first read (SQLite's "file is not a database").
    """
    if not passphrase:
        return sqlite3.connect(str(target), uri=uri, timeout=timeout, **kwargs)
    connection = _sqlcipher().connect(str(target), uri=uri, timeout=timeout, **kwargs)
    try:
        apply_key(connection, passphrase, _file_of(target, uri))
    except BaseException:
        connection.close()
        raise
    return connection


def database(target: str, passphrase: str | None = None, *, pragmas: dict | None = None,
             **kwargs) -> KeyedDatabase:
    """A peewee database for ``target``, connecting with ``passphrase`` when there is one."""
    return KeyedDatabase(target, passphrase=passphrase, pragmas=pragmas or {}, **kwargs)


class KeyedDatabase(SqliteDatabase):
    """peewee's SqliteDatabase, connecting through sqlcipher3 while it has a passphrase.

    One object for a file whether it is encrypted or not, so that encrypting the open
    file (close, convert, :meth:`set_passphrase`, connect) leaves the models, the
    start-up and every view holding the same database.
    """

    def __init__(self, database, *args, passphrase: str | None = None, **kwargs):
        super().__init__(database, *args, **kwargs)
        self.passphrase = passphrase or None

    def _connect(self):
        if not self.passphrase:
            return super()._connect()
        import playhouse.sqlcipher_ext  # noqa: F401 - its adapters for sqlcipher3

        connection = _sqlcipher().connect(self.database, timeout=self._timeout,
                                          isolation_level=None, **self.connect_params)
        try:
            apply_key(connection, self.passphrase, self.database)
            self._add_conn_hooks(connection)
        except Exception:
            connection.close()
            raise
        return connection

    def set_passphrase(self, passphrase: str | None) -> None:
        """Connect with ``passphrase`` from now on (None: as a plain file); closed only."""
        if not self.is_closed():
            raise RuntimeError("close the database before changing its passphrase")
        self.passphrase = passphrase or None


def opens_with(path: Path | str, passphrase: str, *, timeout: float = 5.0) -> bool:
    """True when ``passphrase`` decrypts ``path`` (its first page reads), nothing written."""
    from netdesk.db.integrity import read_only_uri

    uri = read_only_uri(path) or f"{Path(path).resolve().as_uri()}?mode=ro"
    try:
        connection = connect(uri, passphrase, uri=True, timeout=timeout)
    except errors():
        return False
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except errors():
        return False
    finally:
        connection.close()


def export(source: Path | str, source_passphrase: str | None, target: Path | str,
           target_passphrase: str | None) -> None:
    """Copy the database ``source`` into the new file ``target`` with SQLCipher's
    ``sqlcipher_export``: plain into encrypted, encrypted into plain, or one passphrase
    into another. ``application_id`` and ``user_version`` come along; the target is
    left in rollback-journal mode."""
    connection = _sqlcipher().connect(str(source))
    try:
        connection.execute("PRAGMA cipher_log_level = NONE")
        if source_passphrase:
            connection.execute(f"PRAGMA key = {_quote(source_passphrase)}")
        connection.execute(f"PRAGMA temp_store = {TEMP_STORE}")
        connection.execute("ATTACH DATABASE ? AS converted KEY ?",
                           (str(target), target_passphrase or ""))
        connection.execute("SELECT sqlcipher_export('converted')")
        for pragma in ("application_id", "user_version"):
            value = int(connection.execute(f"PRAGMA main.{pragma}").fetchone()[0])
            connection.execute(f"PRAGMA converted.{pragma} = {value}")
        connection.execute("DETACH DATABASE converted")
    finally:
        connection.close()


class ConversionError(Exception):
    """A file could not be encrypted or decrypted; it is as it was."""


def convert(path: Path | str, passphrase: str | None, *, backup_root: Path | None = None):
    """Encrypt the netdesk file at ``path`` with ``passphrase``, or decrypt it (None).

    Nobody may have the file open (the caller holds netdesk's lock on it and has closed
    its own database). Its -wal is checkpointed, it is backed up, then exported into a
    new file beside it (:func:`export`), which is checked (``integrity_check``, the rows
    of every table counted against the original) and renamed over it. Its backups are
    then converted alike, so no plain copy of an encrypted file stays behind. A failure
    before the rename leaves the file exactly as it was and raises
    :class:`ConversionError`. Returns the backup taken first.
    """
    import os

    from netdesk.db import backup as backups
    from netdesk.db import integrity
    from netdesk.db.private import fsync_path, make_private, remove_sqlite_files

    path = _resolved(path)
    old = None if has_plain_header(path) else passphrase_for(path)
    if not has_plain_header(path) and old is None:
        raise ConversionError(f"{path.name} is encrypted and its passphrase was not given")
    report = integrity.inspect_file(path, passphrase=old)
    if not report.ok:
        raise ConversionError(f"{path.name} cannot be converted: {report.message}")
    _checkpoint(path, old)
    try:
        taken = backups.backup_now(path, "encryption", root=backup_root)
    except backups.BackupError as error:
        raise ConversionError(f"the backup taken first failed, so nothing changed: "
                              f"{error}") from error
    partial = path.with_name(f".{path.name}.convert-{os.getpid()}")
    remove_sqlite_files(partial)
    try:
        export(path, old, partial, passphrase)
        _verify_copy(path, old, partial, passphrase)
        connection = connect(partial, passphrase)
        try:
            connection.execute("PRAGMA journal_mode = WAL")
        finally:
            connection.close()
        make_private(partial)
        fsync_path(partial)
        _checkpoint(path, old)
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        os.replace(partial, path)
    except (*errors(), OSError, ConversionError) as error:
        remove_sqlite_files(partial)
        if isinstance(error, ConversionError):
            raise
        raise ConversionError(f"the converted copy could not be made, so nothing changed "
                              f"({error})") from error
    remove_sqlite_files(partial)
    fsync_path(path.parent)
    use_passphrase(path, passphrase)
    _convert_backups(backups.backup_folder(path, backup_root), old, passphrase)
    return taken


def _checkpoint(path: Path, passphrase: str | None) -> None:
    """Move every change in the -wal into the file itself (and empty the -wal)."""
    connection = connect(path, passphrase)
    try:
        busy, _log, _moved = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        connection.close()
    if busy:
        raise ConversionError(f"{path.name} is in use by another program; close it and try "
                              "again")


def _tables(connection) -> dict[str, int]:
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names}


def _verify_copy(source: Path, source_passphrase: str | None, copy: Path,
                 copy_passphrase: str | None) -> None:
    """Raise :class:`ConversionError` unless ``copy`` is sound and holds every row of
    ``source``, table by table."""
    from netdesk.db.integrity import reading

    with reading(copy, passphrase=copy_passphrase) as converted:
        problems = [row[0] for row in converted.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise ConversionError(f"the converted copy failed its check ({problems[0]}), "
                                  "so nothing changed")
        counted = _tables(converted)
    with reading(source, passphrase=source_passphrase) as original:
        expected = _tables(original)
    if counted != expected:
        differ = sorted(name for name in expected.keys() | counted.keys()
                        if expected.get(name) != counted.get(name))
        raise ConversionError(f"the converted copy does not hold the same rows "
                              f"({', '.join(differ)}), so nothing changed")


def _convert_backups(folder: Path, old: str | None, new: str | None) -> None:
    """Give the backups in ``folder`` the file's new encryption (each checked, then renamed
    over the old one); a backup that cannot be converted is left as it was."""
    import os

    from netdesk.db.integrity import inspect_file
    from netdesk.db.private import fsync_path, make_private, remove_sqlite_files

    with _lock:
        if new:
            _folders[_resolved(folder)] = new
        else:
            _folders.pop(_resolved(folder), None)
    for backup in _backups_in(folder):
        own = None if has_plain_header(backup) else old
        if own == new or (own is None and not has_plain_header(backup)):
            continue
        partial = backup.with_name(f".partial-{os.getpid()}-{backup.name}")
        remove_sqlite_files(partial)
        try:
            export(backup, own, partial, new)
            if not inspect_file(partial, passphrase=new, thorough=True).ok:
                raise ConversionError("check failed")
            make_private(partial)
            fsync_path(partial)
            os.replace(partial, backup)
        except (*errors(), OSError, ConversionError):
            remove_sqlite_files(partial)
    fsync_path(folder)


def _backups_in(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob("*.sqlite3") if not p.name.startswith("."))
    except OSError:
        return []
