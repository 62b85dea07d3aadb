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

import sqlite3
import sys
import threading
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
TEMP_STORE = "memory"
"""Temporary tables and indexes of an encrypted file stay in memory, never on the disk."""

_passphrases: dict[Path, str] = {}
_folders: dict[Path, str] = {}
_lock = threading.Lock()


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


def forget_all() -> None:
    """Forget every passphrase this process was given (tests, or before quitting)."""
    with _lock:
        _passphrases.clear()
        _folders.clear()


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
    """True when the peewee database ``db`` was opened with a passphrase."""
    return bool(getattr(db, "connect_params", {}).get("passphrase"))


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


def apply_key(connection, passphrase: str) -> None:
    """Key a new sqlcipher3 ``connection``, before anything else reads the file."""
    # SQLCipher reports a failed decryption on standard error by itself: netdesk says it.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = {_quote(passphrase)}")
    connection.execute(f"PRAGMA temp_store = {TEMP_STORE}")


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
        apply_key(connection, passphrase)
    except BaseException:
        connection.close()
        raise
    return connection


def database(target: str, passphrase: str | None = None, *, pragmas: dict | None = None,
             **kwargs):
    """A peewee database for ``target``: SqliteDatabase, or SqlCipherDatabase with a key."""
    if not passphrase:
        from peewee import SqliteDatabase

        return SqliteDatabase(target, pragmas=pragmas or {}, **kwargs)
    from playhouse.sqlcipher_ext import SqlCipherDatabase

    _sqlcipher().connect(":memory:").execute("PRAGMA cipher_log_level = NONE").close()
    return SqlCipherDatabase(target, passphrase=passphrase,
                             pragmas={**(pragmas or {}), "temp_store": TEMP_STORE}, **kwargs)


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
