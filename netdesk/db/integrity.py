"""Reading a file to tell whether it is a sound netdesk database, without writing to it.

Used when a file opens (quick check), by ``netdesk check`` (full check), and to
choose a backup worth restoring. Nothing here changes the file it inspects, nor
its -wal and -shm: see :func:`reading`.

Trouble is sorted by SQLite's error code and the system's errno, never by the
wording of a message (:func:`classify`): damage (restoring a backup may help)
is told apart from the environment (locked, full, no permission, read-only),
where the file is sound and the user has something else to do.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
import urllib.parse
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from netdesk.db import cipher

# 'ndsk': written into every netdesk file, so a foreign SQLite file is never adopted.
APPLICATION_ID = 0x6E64736B
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# What can be wrong with a file, from the most to the least harmless.
OK = "ok"
MISSING = "missing"
UNREADABLE = "unreadable"
EMPTY = "empty"
NOT_SQLITE = "not_sqlite"
FOREIGN = "foreign"
DAMAGED = "damaged"
NEWER = "newer"
LOCKED = "locked"
FULL = "full"
NO_PERMISSION = "no_permission"
READ_ONLY = "read_only"
NEEDS_UPGRADE = "needs_upgrade"
BACKUP_FAILED = "backup_failed"
WRONG_PASSPHRASE = "wrong_passphrase"
RESTORABLE = (EMPTY, NOT_SQLITE, DAMAGED)
"""Kinds of trouble for which restoring a backup in place of the file makes sense."""
TRANSIENT = (LOCKED, FULL, NO_PERMISSION, UNREADABLE, BACKUP_FAILED)
"""Kinds of trouble the user can fix outside netdesk, after which trying again may work."""

REMEDIES = {
    UNREADABLE: "Check that the disk is connected and working, then try again.",
    EMPTY: "Restore a backup, or open another file.",
    NOT_SQLITE: "Open the netdesk file you meant, or restore a backup.",
    FOREIGN: "Open a netdesk file instead; this one was left as it was.",
    DAMAGED: "Restore the newest good backup; the damaged file is kept beside it.",
    NEWER: "Install the newer netdesk to open it.",
    LOCKED: "Close the other program using the file (or wait for it to finish), "
            "then try again.",
    FULL: "Free some space on that disk, then try again.",
    NO_PERMISSION: "Ask the owner of the file or folder for access, or copy the file to a "
                   "folder of your own, then try again.",
    READ_ONLY: "To make changes, copy the file to a folder you can write to and open the copy.",
    NEEDS_UPGRADE: "Open it once where it can be written (netdesk backs it up, then upgrades "
                   "it), or copy it to a folder you can write to.",
    BACKUP_FAILED: "Make room or permission for the backup folder, then try again.",
    WRONG_PASSPHRASE: "Type its passphrase again, exactly (capitals count); a forgotten "
                      "passphrase cannot be recovered. Or open another file.",
}
"""What the user can do about each kind of trouble, as one sentence."""

# SQLite's primary result codes (the low byte of ``sqlite3.Error.sqlite_errorcode``).
_SQLITE_KINDS = {
    3: NO_PERMISSION,   # SQLITE_PERM
    5: LOCKED,          # SQLITE_BUSY
    6: LOCKED,          # SQLITE_LOCKED
    8: READ_ONLY,       # SQLITE_READONLY
    10: UNREADABLE,     # SQLITE_IOERR (refined below)
    11: DAMAGED,        # SQLITE_CORRUPT
    13: FULL,           # SQLITE_FULL
    14: UNREADABLE,     # SQLITE_CANTOPEN (refined from the file system below)
    23: NO_PERMISSION,  # SQLITE_AUTH
    26: DAMAGED,        # SQLITE_NOTADB
}
_ERRNO_KINDS = {
    errno.ENOSPC: FULL,
    errno.EDQUOT: FULL,
    errno.EACCES: NO_PERMISSION,
    errno.EPERM: NO_PERMISSION,
    errno.EROFS: READ_ONLY,
    errno.ENOENT: MISSING,
    errno.EBUSY: LOCKED,
}
_PLAIN = {
    LOCKED: "the file is locked by another program",
    FULL: "there is no space left on the disk",
    NO_PERMISSION: "you do not have permission to use the file or its folder",
    READ_ONLY: "the file cannot be written (it is read-only, or on a read-only disk)",
    UNREADABLE: "the file cannot be read",
    MISSING: "the file or its folder does not exist",
    DAMAGED: "the database is damaged",
    WRONG_PASSPHRASE: "wrong passphrase, or not a netdesk file",
}
_UNSET = object()
"""``passphrase`` not given: the one this process knows for the file, if any
(:func:`netdesk.db.cipher.passphrase_for`)."""


@dataclass
class Report:
    """The outcome of inspecting one file; ``status`` is one of the constants above."""

    path: Path
    status: str
    message: str
    problems: list[str] = field(default_factory=list)
    foreign_key_problems: list[str] = field(default_factory=list)
    schema: str = ""
    people: int | None = None
    pending: list[str] = field(default_factory=list)
    """Migrations this netdesk would apply to the file (it is of an older schema)."""

    @property
    def ok(self) -> bool:
        return self.status == OK


def known_migrations() -> list[str]:
    """Names of the schema migrations this version of netdesk ships, oldest first."""
    return sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.py"))


def inspect_file(path: Path | str, *, thorough: bool = False, timeout: float = 5.0,
                 passphrase=_UNSET) -> Report:
    """Inspect ``path`` entirely: what it is (:func:`identify_file`), then its pages.

    ``thorough`` runs ``PRAGMA integrity_check`` (every index against its table)
    instead of the faster ``quick_check`` used at start-up. ``timeout``: seconds
    to wait for another program's lock.
    """
    identity = identify_file(path, timeout=timeout, passphrase=passphrase)
    if not identity.ok:
        return identity
    pages = check_pages(path, thorough=thorough, timeout=timeout, passphrase=passphrase)
    if not pages.ok:
        return pages
    identity.foreign_key_problems = pages.foreign_key_problems
    return identity


def identify_file(path: Path | str, *, timeout: float = 5.0, passphrase=_UNSET) -> Report:
    """Is ``path`` a netdesk file this version can open? Header, owner program, schema.

    Cheap: reads the header and the schema table only, not every page. ``timeout``
    is how long to wait, in seconds, for another program's lock on the file.

    A file without SQLite's header is read with ``passphrase`` (by default the one
    known for it, see :mod:`netdesk.db.cipher`), when there is one: a file it does not
    open is ``WRONG_PASSPHRASE`` (never ``NOT_SQLITE``, which offers a restore that
    moves the file aside), one it opens is judged as any other.
    """
    path = Path(path).expanduser().resolve()
    if passphrase is _UNSET:
        passphrase = cipher.passphrase_for(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return Report(path, MISSING, "the file does not exist")
    except OSError as error:
        kind, message = classify(error, path)
        return Report(path, kind, message)
    if not header:
        return Report(path, EMPTY, "the file is empty, not a netdesk database")
    if header != SQLITE_HEADER and not passphrase:
        if cipher.could_be_encrypted(path):
            return Report(path, NOT_SQLITE, "this is not a netdesk database (not an SQLite "
                                            "file), or it is an encrypted one: that needs its "
                                            "passphrase")
        return Report(path, NOT_SQLITE, "this is not a netdesk database (not an SQLite file)")
    try:
        with reading(path, timeout=timeout, passphrase=passphrase) as raw:
            return _identify_connection(path, raw)
    except (*cipher.errors(), OSError) as error:
        kind, message = classify(error, path)
        return Report(path, kind, message, [str(error)] if kind == DAMAGED else [])


def check_pages(path: Path | str, *, thorough: bool = False, foreign_keys: bool = True,
                timeout: float = 5.0, passphrase=_UNSET) -> Report:
    """SQLite's own check of every page (quick_check, or integrity_check), and foreign keys.

    Reads the whole file through its own read-only connection (:func:`reading`),
    so it may run in a thread beside the open database.
    """
    path = Path(path).expanduser().resolve()
    check = "integrity_check" if thorough else "quick_check"
    try:
        with reading(path, timeout=timeout, passphrase=passphrase) as raw:
            problems = [row[0] for row in raw.execute(f"PRAGMA {check}").fetchall()]
            if problems != ["ok"]:
                return Report(path, DAMAGED, f"the database is damaged ({problems[0]})",
                              problems)
            return Report(path, OK, "no problems found", foreign_key_problems=(
                foreign_key_problems(raw) if foreign_keys else []))
    except (*cipher.errors(), OSError) as error:
        kind, message = classify(error, path)
        return Report(path, kind, message, [str(error)] if kind == DAMAGED else [])


@contextmanager
def reading(path: Path | str, *, timeout: float = 5.0,
            passphrase=_UNSET) -> Iterator[sqlite3.Connection]:
    """A connection that reads ``path`` without changing a byte of it, its -wal or its -shm.

    A plain connection, even ``mode=ro``, writes to the -shm (and creates -wal and
    -shm when they are missing); the last one to close a read-write connection
    even moves the -wal into the file. So, for a file in WAL mode:

    * with a -shm beside it (a netdesk has it open, or was killed): ``mode=ro``
      with ``readonly_shm=1``, which reads the -wal through the -shm, or through
      memory when the -shm is stale, and writes neither;
    * with neither a -wal holding changes nor a -shm: nobody has it open and
      every change is in the file itself, so ``immutable=1`` reads exactly it;
    * with a -wal holding changes but no -shm (left by a writer that died, the
      -shm removed): the changes can only be read by building a -shm, so the file
      and its -wal are copied into a private temporary folder and the copy is read.

    A rollback-journal file (a backup, say) is read with ``mode=ro``. An encrypted
    file (no SQLite header) is read with ``passphrase``, by default the one known for it.
    """
    path = Path(path).expanduser().resolve()
    if passphrase is _UNSET:
        passphrase = cipher.passphrase_for(path)
    copy_folder = None
    target = path
    if _is_wal_file(path):
        wal, shm = _companion(path, "-wal"), _companion(path, "-shm")
        if not wal.exists():
            query = "immutable=1"
        elif shm.exists():
            query = "mode=ro&readonly_shm=1"
        elif _size(wal) == 0:
            query = "immutable=1"
        else:
            copy_folder = Path(tempfile.mkdtemp(prefix="netdesk-read-"))
            target = copy_folder / path.name
            shutil.copyfile(path, target)
            shutil.copyfile(wal, _companion(target, "-wal"))
            query = ""
    else:
        query = "mode=ro"
    uri = target.as_uri() if not query else f"{_uri(target)}?{query}"
    if passphrase and cipher.has_plain_header(path):
        passphrase = None  # a plain file (its encryption removed) opens as one
    try:
        with closing(cipher.connect(uri, passphrase, uri=True, timeout=timeout)) as raw:
            yield raw
    finally:
        if copy_folder is not None:
            shutil.rmtree(copy_folder, ignore_errors=True)


def read_only_uri(path: Path | str) -> str | None:
    """A URI for a long-lived read-only connection to ``path`` that writes none of its files.

    None when the file has changes in a -wal that cannot be read without a -shm
    (see :func:`reading`); open a copy then.
    """
    path = Path(path).expanduser().resolve()
    if not _is_wal_file(path):
        return f"{_uri(path)}?mode=ro"
    if not _companion(path, "-wal").exists():
        return f"{_uri(path)}?immutable=1"
    if _companion(path, "-shm").exists():
        return f"{_uri(path)}?mode=ro&readonly_shm=1"
    if _size(_companion(path, "-wal")) == 0:
        return f"{_uri(path)}?immutable=1"
    return None


def classify(error: BaseException, path: Path | str | None = None) -> tuple[str, str]:
    """Sort a storage error into a kind above and a plain message (without the remedy).

    By SQLite's result code for :class:`sqlite3.Error` (also when wrapped by
    peewee, which keeps it as ``orig``), by ``errno`` for :class:`OSError`. When
    SQLite cannot say why (cannot open, disk I/O error), the file and its folder
    are looked at: missing, no permission, read-only disk, full disk.
    """
    error = getattr(error, "orig", None) or error
    if isinstance(error, OSError):
        kind = _ERRNO_KINDS.get(error.errno or 0, UNREADABLE)
        detail = error.strerror or str(error)
        where = f" ({error.filename})" if error.filename and path is None else ""
        return kind, f"{_PLAIN.get(kind, _PLAIN[UNREADABLE])}: {detail.lower()}{where}"
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:
        return UNREADABLE, f"{_PLAIN[UNREADABLE]} ({error})"
    kind = _SQLITE_KINDS.get(code & 0xFF)
    if kind in (UNREADABLE, None) and path is not None:
        kind = _look_at_file_system(Path(path)) or kind
    if kind is None:
        kind = UNREADABLE
    if kind == DAMAGED and code & 0xFF == 26 and path is not None \
            and cipher.could_be_encrypted(path):
        # SQLITE_NOTADB for a file without SQLite's header: its passphrase did not open it.
        return WRONG_PASSPHRASE, _PLAIN[WRONG_PASSPHRASE]
    if kind == DAMAGED:
        return kind, f"the database is damaged ({error})"
    return kind, f"{_PLAIN[kind]} (SQLite: {error})"


def write_problem(path: Path | str) -> tuple[str, str] | None:
    """Why ``path`` (an existing SQLite file) cannot be written, or None when it can.

    Nothing is written: the file is opened for writing and closed, and the folder
    is asked whether the -wal and -shm SQLite keeps beside the file can be made.
    """
    path = Path(path).expanduser().resolve()
    for target in (path, _companion(path, "-wal"), _companion(path, "-shm")):
        if target is not path and not target.exists():
            continue
        try:
            os.close(os.open(target, os.O_RDWR))
        except OSError as error:
            if error.errno in (errno.EACCES, errno.EPERM) and _owned_by_me(target):
                return READ_ONLY, f"the file {target.name} is marked read-only"
            return classify(error, path)
    folder = path.parent
    missing = [s for s in ("-wal", "-shm") if not _companion(path, s).exists()]
    if missing and not os.access(folder, os.W_OK | os.X_OK):
        if _read_only_mount(folder):
            return READ_ONLY, "the file is on a read-only disk"
        why = "is read-only" if _owned_by_me(folder) else "cannot be written to by you"
        kind = READ_ONLY if _owned_by_me(folder) else NO_PERMISSION
        return kind, (f"its folder {why}, and SQLite needs to keep two small files "
                      "beside the database")
    return None


def message_with_remedy(kind: str, message: str) -> str:
    """``message`` as a sentence, followed by what the user can do about ``kind``."""
    text = message.strip()
    text = (text[:1].upper() + text[1:]) if text else ""
    if text and not text.endswith("."):
        text += "."
    remedy = REMEDIES.get(kind, "")
    return f"{text} {remedy}".strip()


def _look_at_file_system(path: Path) -> str | None:
    """A kind found by looking at ``path`` and its folder, for errors SQLite leaves vague."""
    if not path.parent.exists() or not path.exists():
        return MISSING
    if _read_only_mount(path.parent):
        return READ_ONLY
    if not os.access(path, os.R_OK) or not os.access(path.parent, os.X_OK):
        return NO_PERMISSION
    try:
        if shutil.disk_usage(path.parent).free < 64 * 1024:
            return FULL
    except OSError:
        pass
    return None


def _owned_by_me(path: Path) -> bool:
    try:
        return os.name == "posix" and path.stat().st_uid == os.geteuid()
    except OSError:
        return False


def _read_only_mount(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def _is_wal_file(path: Path) -> bool:
    """True when the header says WAL mode (file format versions at offsets 18 and 19).

    An encrypted file's header is encrypted too; netdesk keeps its files in WAL mode,
    and reads its encrypted backups (rollback journal, never written) the same way.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(20)
    except OSError:
        return False
    if len(header) == 20 and header[:16] == SQLITE_HEADER:
        return header[18] == 2
    return cipher.could_be_encrypted(path)


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _uri(path: Path) -> str:
    return "file:" + urllib.parse.quote(str(path))


def _identify_connection(path: Path, raw: sqlite3.Connection) -> Report:
    app_id = raw.execute("PRAGMA application_id").fetchone()[0]
    tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if app_id != APPLICATION_ID and (app_id != 0 or tables):
        return Report(path, FOREIGN, "this SQLite file belongs to another program, not netdesk")
    schema = ""
    if "schema_migration" in tables:
        applied = sorted(row[0] for row in raw.execute("SELECT name FROM schema_migration"))
        unknown = sorted(set(applied) - set(known_migrations()))
        if unknown:
            return Report(
                path, NEWER,
                f"it was written by a newer version of netdesk (schema {unknown[-1]})",
                schema=unknown[-1],
            )
        schema = applied[-1] if applied else ""
        pending = [name for name in known_migrations() if name not in applied]
    else:
        pending = known_migrations()
    people = None
    if "person" in tables:
        people = raw.execute("SELECT count(*) FROM person").fetchone()[0]
    return Report(path, OK, "no problems found", schema=schema, people=people, pending=pending)


def foreign_key_problems(connection: sqlite3.Connection) -> list[str]:
    """One line per table holding rows that point at missing rows (``foreign_key_check``)."""
    counts: dict[tuple[str, str], int] = {}
    for table, _rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check"):
        counts[(table, parent)] = counts.get((table, parent), 0) + 1
    return [
        f"{n} {'row' if n == 1 else 'rows'} in {table} {'refers' if n == 1 else 'refer'} "
        f"to missing {parent} rows"
        for (table, parent), n in sorted(counts.items())
    ]


@dataclass
class ServerReport:
    """What :func:`inspect_server` found about a database on a PostgreSQL server.

    ``status`` is one of the constants above (``ok``, ``empty`` for a database netdesk has
    not made its own yet, ``foreign``, ``newer``, or how it cannot be reached);
    ``problems`` lists what is out of step in a reachable netdesk database."""

    name: str
    status: str
    message: str
    server: str = ""
    schema: str = ""
    pending: list[str] = field(default_factory=list)
    people: int | None = None
    indexed: int | None = None
    foreign_keys: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == OK and not self.problems


def inspect_server(url: str) -> ServerReport:
    """Look at the netdesk database at ``url`` through a read-only session: reachable, made
    by netdesk (its marker table), of which schema, the search index in step with
    ``person``, every foreign key validated. Writes nothing, migrates nothing.

    Pages and indexes are the server's to keep whole; foreign keys are enforced by it on
    every write, so a constraint that is there and validated holds for every row."""
    from peewee import DatabaseError

    from netdesk.db import server

    name = server.display_name(url)
    db = server.connect(url)
    try:
        db.connect()
    except DatabaseError as error:
        kind, message = server.classify(error)
        return ServerReport(name, kind, message)
    try:
        db.execute_sql("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        return _inspect_server(db, name)
    except DatabaseError as error:
        kind, message = server.classify(error)
        return ServerReport(name, kind, message)
    finally:
        db.close()


def _inspect_server(db, name: str) -> ServerReport:
    from netdesk.db.server import APPLICATION, MARKER_TABLE

    version = db.execute_sql("SHOW server_version").fetchone()[0]
    tables = set(db.get_tables())
    if MARKER_TABLE not in tables:
        if tables:
            return ServerReport(name, FOREIGN, "this database holds tables of another program, "
                                "not netdesk's", server=version)
        return ServerReport(name, EMPTY, "the database is empty; netdesk makes it its own "
                            "when it first opens it", server=version)
    marker = db.execute_sql(f'SELECT application FROM "{MARKER_TABLE}"').fetchone()
    if marker is None or marker[0] != APPLICATION:
        return ServerReport(name, FOREIGN, "its marker does not name netdesk", server=version)
    applied = sorted(row[0] for row in db.execute_sql("SELECT name FROM schema_migration")) \
        if "schema_migration" in tables else []
    unknown = sorted(set(applied) - set(known_migrations()))
    if unknown:
        return ServerReport(name, NEWER, f"it was written by a newer version of netdesk "
                            f"(schema {unknown[-1]})", server=version, schema=unknown[-1])
    report = ServerReport(name, OK, "no problems found", server=version,
                          schema=applied[-1] if applied else "",
                          pending=[m for m in known_migrations() if m not in applied])
    if "person" in tables:
        report.people = db.execute_sql("SELECT count(*) FROM person").fetchone()[0]
    if "person_search" in tables and report.people is not None:
        report.indexed = db.execute_sql(
            "SELECT count(*) FROM person_search s JOIN person p ON p.id = s.person_id"
        ).fetchone()[0]
        if report.indexed != report.people:
            report.problems.append(
                f"the search index holds {report.indexed:,} of {report.people:,} people; "
                "ask the database's administrator to run: INSERT INTO person_search "
                "(person_id, document) SELECT id, netdesk_person_document(id) FROM person "
                "ON CONFLICT (person_id) DO UPDATE SET document = excluded.document")
    constraints = db.execute_sql(
        "SELECT conrelid::regclass::text, conname, convalidated FROM pg_constraint "
        "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace").fetchall()
    report.foreign_keys = len(constraints)
    for table, constraint, validated in constraints:
        if not validated:
            report.problems.append(f"the foreign key {constraint} of {table} is not "
                                   "validated: rows made before it may point at missing rows")
    return report
