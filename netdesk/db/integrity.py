"""Reading a file to tell whether it is a sound netdesk database, without writing to it.

Used when a file opens (quick check), by ``netdesk check`` (full check), and to
choose a backup worth restoring. Nothing here changes the file it inspects.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

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
RESTORABLE = (EMPTY, NOT_SQLITE, DAMAGED)
"""Kinds of trouble for which restoring a backup in place of the file makes sense."""


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

    @property
    def ok(self) -> bool:
        return self.status == OK


def known_migrations() -> list[str]:
    """Names of the schema migrations this version of netdesk ships, oldest first."""
    return sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9][0-9][0-9][0-9]_*.py"))


def inspect_file(path: Path | str, *, thorough: bool = False) -> Report:
    """Inspect ``path`` entirely: what it is (:func:`identify_file`), then its pages.

    ``thorough`` runs ``PRAGMA integrity_check`` (every index against its table)
    instead of the faster ``quick_check`` used at start-up.
    """
    identity = identify_file(path)
    if not identity.ok:
        return identity
    pages = check_pages(path, thorough=thorough)
    if not pages.ok:
        return pages
    identity.foreign_key_problems = pages.foreign_key_problems
    return identity


def identify_file(path: Path | str) -> Report:
    """Is ``path`` a netdesk file this version can open? Header, owner program, schema.

    Cheap: reads the header and the schema table only, not every page.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return Report(path, MISSING, "the file does not exist")
    except OSError as error:
        return Report(path, UNREADABLE, f"the file cannot be read ({error.strerror})")
    if not header:
        return Report(path, EMPTY, "the file is empty, not a netdesk database")
    if header != SQLITE_HEADER:
        return Report(path, NOT_SQLITE, "this is not a netdesk database (not an SQLite file)")
    try:
        with closing(sqlite3.connect(str(path))) as raw:
            return _identify_connection(path, raw)
    except sqlite3.DatabaseError as error:
        return Report(path, DAMAGED, f"the database is damaged ({error})", [str(error)])


def check_pages(path: Path | str, *, thorough: bool = False, foreign_keys: bool = True) -> Report:
    """SQLite's own check of every page (quick_check, or integrity_check), and foreign keys.

    Reads the whole file through its own connection, so it may run in a thread
    beside the open database.
    """
    path = Path(path)
    check = "integrity_check" if thorough else "quick_check"
    try:
        with closing(sqlite3.connect(str(path))) as raw:
            problems = [row[0] for row in raw.execute(f"PRAGMA {check}").fetchall()]
            if problems != ["ok"]:
                return Report(path, DAMAGED, f"the database is damaged ({problems[0]})",
                              problems)
            return Report(path, OK, "no problems found", foreign_key_problems=(
                foreign_key_problems(raw) if foreign_keys else []))
    except sqlite3.DatabaseError as error:
        return Report(path, DAMAGED, f"the database is damaged ({error})", [str(error)])


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
                "it was written by a newer version of netdesk "
                f"(schema {unknown[-1]}); please update netdesk to open it",
                schema=unknown[-1],
            )
        schema = applied[-1] if applied else ""
    people = None
    if "person" in tables:
        people = raw.execute("SELECT count(*) FROM person").fetchone()[0]
    return Report(path, OK, "no problems found", schema=schema, people=people)


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
