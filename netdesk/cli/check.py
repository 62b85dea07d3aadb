"""``netdesk check [--db PATH|URL]``: report whether the database is sound; exit 1 when not.

Nothing is written: not the file, its -wal or its -shm (it is read through
:func:`netdesk.db.integrity.reading`), nor any folder. A database on a PostgreSQL server
is looked at through a read-only session (:func:`netdesk.db.integrity.inspect_server`):
reachable, netdesk's, of the current schema, its search index in step with its people,
its foreign keys validated (the server enforces them on every write).
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_MISSING = 2
_VERDICTS = {
    "unreadable": "UNREADABLE", "empty": "EMPTY FILE", "not_sqlite": "NOT AN SQLITE FILE",
    "foreign": "ANOTHER PROGRAM'S FILE", "damaged": "DAMAGED", "newer": "NEWER NETDESK NEEDED",
    "wrong_passphrase": "WRONG PASSPHRASE",
    "locked": "LOCKED BY ANOTHER PROGRAM", "no_permission": "NO PERMISSION",
    "read_only": "READ-ONLY", "full": "DISK FULL",
}


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "check", parents=[common],
        help="check the database file for damage (changes nothing)",
        description="Check the database file: is it a netdesk file, of which schema, do its "
                    "pages, indexes and references hold together, which backups exist. "
                    "Nothing is written. Exit status 0: sound; 1: a problem was found; "
                    "2: no such file.",
    )
    parser.add_argument(
        "--quick", action="store_true",
        help="run SQLite's quick_check (as at start-up) instead of the full integrity_check",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from netdesk.db import backup, integrity
    from netdesk.paths import chosen_db_path, is_server_url

    path = chosen_db_path(args.db)
    if is_server_url(path):
        return check_server(path)
    report = integrity.inspect_file(path, thorough=not args.quick)
    print(f"netdesk check: {path}")
    if report.status == integrity.MISSING:
        print(f"netdesk: {path} does not exist", file=sys.stderr)
        return EXIT_MISSING
    print(f"  file: {_size(path)}, {_privacy(path)}")
    if report.ok:
        latest = integrity.known_migrations()[-1]
        state = "current" if report.schema == latest else f"older; netdesk upgrades it to {latest}"
        print(f"  schema: {report.schema or 'none yet'} ({state})")
        if report.people is not None:
            print(f"  people: {report.people}")
        print(f"  {'quick_check' if args.quick else 'integrity_check'}: ok")
        print(f"  foreign keys: {'; '.join(report.foreign_key_problems) or 'ok'}")
    else:
        print(f"  problem: {report.message}")
        for line in report.problems[1:6]:
            print(f"           {line}")
        if report.status not in integrity.RESTORABLE and integrity.REMEDIES.get(report.status):
            print(f"  what to do: {integrity.REMEDIES[report.status]}")
    backups = backup.list_backups(path)
    if backups:
        newest = backups[0]
        print(f"  backups: {len(backups)}, newest {newest.taken:%Y-%m-%d %H:%M} "
              f"({newest.description}) in {newest.path.parent}")
    else:
        print("  backups: none yet")
    if not report.ok and report.status in integrity.RESTORABLE:
        good = backup.newest_good_backup(path)
        if good is not None:
            print(f"  newest good backup: {good.path} (taken {good.taken:%Y-%m-%d %H:%M})")
            print("  The file has not been changed. Start netdesk to restore that backup "
                  "(the damaged file is kept aside, renamed).")
        else:
            print("  No good backup of this file was found. The file has not been changed.")
    if report.ok and not report.foreign_key_problems:
        print("result: OK")
        return EXIT_OK
    print(f"result: {'INCONSISTENT' if report.ok else _VERDICTS.get(report.status, 'PROBLEM')}")
    return EXIT_PROBLEM


def check_server(url: str) -> int:
    """``netdesk check`` of a database on a server: what is true of it there."""
    from netdesk.db import integrity
    from netdesk.db.backup import ON_SERVER

    report = integrity.inspect_server(url)
    print(f"netdesk check: {report.name}")
    if report.status in (integrity.OK, integrity.EMPTY, integrity.FOREIGN, integrity.NEWER):
        print(f"  server: PostgreSQL {report.server}, reachable")
    if report.status == integrity.MISSING:
        print(f"netdesk: {report.name}: {report.message}", file=sys.stderr)
    if report.status == integrity.OK:
        latest = integrity.known_migrations()[-1]
        state = "current" if report.schema == latest else f"older; netdesk upgrades it to {latest}"
        print("  marker: netdesk's")
        print(f"  schema: {report.schema or 'none yet'} ({state})")
        if report.people is not None:
            print(f"  people: {report.people}")
        if report.indexed is not None:
            step = "in step" if report.indexed == report.people else "OUT OF STEP"
            print(f"  search index: {report.indexed} people indexed ({step})")
        print(f"  foreign keys: {report.foreign_keys} enforced by the server"
              + ("" if any("foreign key" in p for p in report.problems) else ", all validated"))
        for problem in report.problems:
            print(f"  problem: {problem}")
    else:
        print(f"  problem: {report.message}")
        if integrity.REMEDIES.get(report.status) and report.status != integrity.EMPTY:
            print(f"  what to do: {integrity.REMEDIES[report.status]}")
    print(f"  backups: {ON_SERVER}")
    if report.ok:
        print("result: OK")
        return EXIT_OK
    if report.status == integrity.EMPTY:
        print("result: EMPTY DATABASE")
        return EXIT_PROBLEM
    if report.status == integrity.MISSING:
        print("result: NO SUCH DATABASE")
        return EXIT_MISSING
    verdict = "INCONSISTENT" if report.status == integrity.OK else _VERDICTS.get(
        report.status, "PROBLEM")
    print(f"result: {verdict}")
    return EXIT_PROBLEM


def _size(path: Path) -> str:
    size = path.stat().st_size
    wal = path.with_name(path.name + "-wal")
    extra = f" + {wal.stat().st_size:,} bytes not yet checkpointed" if wal.exists() else ""
    return f"{size:,} bytes{extra}"


def _privacy(path: Path) -> str:
    if os.name != "posix":
        return "permissions not checked on this system"
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        return f"readable by other users (mode {mode:04o}); netdesk makes it 0600 when it opens it"
    return f"private (mode {mode:04o})"
