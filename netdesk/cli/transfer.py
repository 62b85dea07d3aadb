"""`netdesk import KIND FILE` and `netdesk export KIND -o FILE`: bring people in, take them out."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from netdesk.db.backup import ON_SERVER, BackupError, backup_now
from netdesk.db.models import Person
from netdesk.paths import is_server_url

IMPORT_KINDS = ("linkedin", "vcard", "csv", "json")
EXPORT_KINDS = ("vcard", "csv", "json")


def register(subparsers, common: argparse.ArgumentParser) -> None:
    from netdesk.db.models import RELATIONSHIPS

    parser = subparsers.add_parser(
        "import", parents=[common], help="import people from a file (all or nothing)",
        description=(
            "Import people from LinkedIn's Connections.csv, a vCard file or a CSV file, or a "
            "whole netdesk JSON file into an empty database. People who match someone already "
            "in the network surely (same email or LinkedIn URL, or the same full name with a "
            "shared phone, email or organization) are merged; possible duplicates (same "
            "phone only, a similar name) are added and listed. The import is one "
            "transaction: on any error nothing is written. Exit status: 0 done, 1 refused or "
            "rows with errors, 2 bad usage."),
    )
    parser.add_argument("kind", choices=IMPORT_KINDS, help="what kind of file FILE is")
    parser.add_argument("file", type=Path, metavar="FILE", help="the file to import")
    parser.add_argument("--relationship", choices=RELATIONSHIPS, default="acquaintance",
                        help="how you know the new people (default: acquaintance)")
    parser.add_argument("--encoding", default=None, metavar="NAME",
                        help="text encoding of FILE, e.g. cp1252 (default: UTF-8)")
    parser.add_argument("--on-duplicate", choices=("merge", "skip", "add"), default="merge",
                        help="what to do with people already in the network (default: merge)")
    parser.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                        help="csv: map a column title to a field (repeatable), e.g. "
                        "'Surname=last_name'; other columns are mapped by their titles")
    parser.add_argument("--groups-as-tags", action="store_true",
                        help="csv: make Google Contacts' groups (labels) tags")
    parser.add_argument("--skip-invalid", action="store_true",
                        help="import the readable rows even when some rows have errors")
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would be added, merged and skipped; write nothing")
    parser.set_defaults(func=run_import)

    parser = subparsers.add_parser(
        "export", parents=[common], help="export people (or everything) to a file",
        description="Export people to vCard 3.0 or CSV, or the whole database to JSON.",
    )
    parser.add_argument("kind", choices=(*EXPORT_KINDS, "ics"),
                        help="file format (ics: interviews and follow-ups as a calendar)")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                        help="file to write ('-' for standard output)")
    parser.add_argument("--organizations", action="store_true",
                        help="csv: export organizations instead of people")
    parser.set_defaults(func=run_export)


def _fail(message: str, status: int = 1) -> int:
    print(f"netdesk: {message}", file=sys.stderr)
    return status


def _open(args: argparse.Namespace, *, must_exist: bool, read_only: bool | None = False):
    """Open the database for a command; ``read_only`` as for ``open_database``."""
    from netdesk.db import DatabaseFileError, open_database
    from netdesk.paths import chosen_db_path

    path = chosen_db_path(args.db)
    if must_exist and _no_file(path):
        return None, path, f"no database at {path}"
    try:
        return open_database(path, read_only=read_only), path, ""
    except DatabaseFileError as error:
        return None, path, str(error)
    except Exception as error:  # noqa: BLE001 - sorted into a message, never a traceback
        problem = _storage_problem(error)
        if problem is None:
            raise
        return None, path, f"cannot open {path}: {problem}"


def _no_file(path: Path | str) -> bool:
    """True when ``path`` names a file that does not exist (a server's URL never does)."""
    return not is_server_url(path) and not Path(path).exists()


class _SharedDatabase:
    """The "lock" of a database on a server: none. Many people use it at once; each write
    is a transaction of its own, and the server keeps them apart."""

    def unlock(self) -> None:
        pass


def _locked_by_running_app(path: Path | str):
    """The app's lock for ``path``; None when netdesk is running on it; or a message when the
    lock file itself cannot be made (a read-only folder, a full disk). A server's database
    has no lock file: a stand-in that holds nothing."""
    if is_server_url(path):
        return _SharedDatabase()
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(path) + ".lock")
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None
    reason = ("permission denied" if lock.error() == QLockFile.LockError.PermissionError
              else "the disk may be full or read-only")
    return f"cannot create the lock file {path}.lock ({reason})"


_SQLITE_PROBLEMS = {
    "SQLITE_FULL": "the disk is full; free some space and try again",
    "SQLITE_READONLY": "the database file is read-only; check its permissions "
                       "(and those of its folder)",
    "SQLITE_PERM": "permission denied; check the file's permissions",
    "SQLITE_CANTOPEN": "the file cannot be opened; check that its folder exists and "
                       "can be written",
    "SQLITE_IOERR": "the disk reported an error while writing",
    "SQLITE_BUSY": "another program is writing to the database; try again later",
    "SQLITE_LOCKED": "another program is writing to the database; try again later",
}
"""SQLite's error codes that come from the environment, by name, with what to tell the user."""


def _storage_problem(error: BaseException) -> str | None:
    """What went wrong with the disk or the file, by SQLite's error code or the OS error;
    None for anything else (a bug, which should be reported as such)."""
    import sqlite3

    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:  # peewee wraps sqlite3's errors; a failed rollback hides the first one
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            name = getattr(current, "sqlite_errorname", "") or ""
            for code, message in _SQLITE_PROBLEMS.items():
                if name.startswith(code):
                    return message
        server = _server_problem(current)
        if server:
            return server
        if isinstance(current, OSError) and not isinstance(current, sqlite3.Error):
            where = f" ({current.filename})" if current.filename else ""
            return f"{current.strerror or current}{where}"
        pending += [e for e in (current.__cause__, current.__context__) if e is not None]
        pending += [a for a in current.args if isinstance(a, BaseException)]
    return None


def _server_problem(error: BaseException) -> str | None:
    """What went wrong on a PostgreSQL server that is not netdesk's fault: the connection
    (lost, refused), or another writer's rows in the way; None for anything else."""
    try:
        import psycopg
    except ImportError:
        return None
    if isinstance(error, psycopg.OperationalError):
        from netdesk.db.server import classify

        return classify(error)[1]
    if isinstance(error, psycopg.errors.IntegrityError | psycopg.errors.SerializationFailure):
        return ("someone else wrote the same rows at the same moment; nothing was imported, "
                "try again")
    return None


def run_import(args: argparse.Namespace) -> int:
    from netdesk.formats.records import FormatError

    mapping_overrides = {}
    for item in args.map:
        column, sep, target = item.partition("=")
        if not sep:
            return _fail(f"--map {item!r}: expected COLUMN=FIELD", 2)
        mapping_overrides[column.strip()] = target.strip()
    if args.map and args.kind != "csv":
        return _fail("--map applies only to csv files", 2)
    if args.groups_as_tags and args.kind != "csv":
        return _fail("--groups-as-tags applies only to csv files", 2)
    # A dry run writes nothing at all: no upgrade, no -wal (an older file is refused), and
    # for a file that does not exist yet it plans against a new one in a temporary folder.
    from netdesk.paths import chosen_db_path

    scratch = None
    if not args.dry_run and _no_file(chosen_db_path(args.db)):
        # A refused file leaves no trace: read it before the new database file is made.
        refusal = _refusal(args, mapping_overrides)
        if refusal is not None:
            return refusal
    if args.dry_run and _no_file(chosen_db_path(args.db)):
        scratch = tempfile.TemporaryDirectory(prefix="netdesk-dry-run-")
        target = chosen_db_path(args.db)
        args.db = Path(scratch.name) / target.name
    db, path, problem = _open(args, must_exist=args.dry_run and scratch is None,
                              read_only=args.dry_run and scratch is None)
    if db is None:
        return _fail(problem)
    lock = _locked_by_running_app(path)
    if lock is None or isinstance(lock, str):
        db.close()
        return _fail(lock or f"netdesk is running with {path}; import from its File menu, "
                     "or close it and try again")
    if scratch is not None:
        path = target  # what the user named, in what is printed
    def before_write() -> None:
        """The backup, taken right before the first write (never for a refusal)."""
        if is_server_url(path):
            print(f"No backup was taken before importing. {ON_SERVER}")
        elif not args.dry_run and Person.select().exists():
            backup_now(db, "import")

    try:
        if args.kind == "json":
            return _import_json(args, path, before_write)
        return _import_people(args, path, mapping_overrides, before_write)
    except BackupError as error:
        return _fail(f"nothing was imported: the backup before importing failed ({error})")
    except FormatError as error:
        return _fail(f"{args.file}: {error}")
    except Exception as error:  # noqa: BLE001 - the disk or the file, told in one line
        problem = _storage_problem(error)
        if problem is None:
            raise
        return _fail(f"nothing was imported into {path}: {problem}")
    finally:
        try:
            db.close()
        except Exception:  # noqa: BLE001 - closing after a failed write; already reported
            pass
        lock.unlock()
        if scratch is not None:
            scratch.cleanup()


def _refusal(args: argparse.Namespace, overrides: dict[str, str]) -> int | None:
    """Read the file as the import will (nothing opened or created); the exit status and
    message of a refusal, or None when the file can be imported."""
    from netdesk.formats.importing import RowErrors, read_people
    from netdesk.formats.records import FormatError

    try:
        if args.kind == "json":
            from netdesk.formats.database_json import read_dump

            read_dump(args.file)
            return None
        mapping = _mapping(args, overrides) if overrides else None
        if isinstance(mapping, int):
            return mapping
        result = read_people(args.kind, args.file, encoding=args.encoding, mapping=mapping,
                             groups_as_tags=args.groups_as_tags)
    except FormatError as error:
        return _fail(f"{args.file}: {error}")
    if result.errors and not args.skip_invalid:
        for problem in RowErrors(result.errors).problems:
            print(f"{args.file}: {problem}", file=sys.stderr)
        rows = sum(p.rows for p in result.errors)
        return _fail(f"{args.file}: {rows} rows have errors; nothing was "
                     "imported (use --skip-invalid to import the other rows)")
    if not result.records and not result.organizations:
        return _fail(f"{args.file}: the file holds no one to import; nothing was imported")
    return None


def _mapping(args: argparse.Namespace, overrides: dict[str, str]) -> list[str] | int:
    """The CSV columns' fields with the user's --map applied, or the exit status of a
    bad --map."""
    from netdesk.formats.table import TARGETS, guess_mapping, read_table

    table = read_table(args.file, args.encoding)
    mapping = guess_mapping(table.header)
    titles = {title.casefold(): i for i, title in enumerate(table.header)}
    for column, target in overrides.items():
        if column.casefold() not in titles:
            return _fail(f"--map: the file has no column {column!r} "
                         f"(columns: {', '.join(table.header)})", 2)
        if target not in TARGETS:
            return _fail(f"--map: unknown field {target!r} (fields: "
                         f"{', '.join(t for t in TARGETS if t)})", 2)
        mapping[titles[column.casefold()]] = target
    return mapping


def _import_json(args: argparse.Namespace, path: Path, before_write=None) -> int:
    from netdesk.formats.database_json import check_loadable, load_dump, read_dump

    dump = read_dump(args.file)
    check_loadable(dump)
    if args.dry_run:
        counts = {name: len(table["rows"]) for name, table in dump["tables"].items()}
    else:
        if before_write is not None:
            before_write()
        counts = load_dump(dump)
    verb = "Would import" if args.dry_run else "Imported"
    print(f"{verb} {args.file} into {path}: " + ", ".join(
        f"{name.replace('_', ' ')} {n}" for name, n in counts.items() if n))
    return 0


def _import_people(args: argparse.Namespace, path: Path, overrides: dict[str, str],
                   before_write=None) -> int:
    from netdesk.formats.importing import RowErrors, import_people, read_people_noting
    from netdesk.formats.records import ERROR

    mapping = None
    if args.kind == "csv" and overrides:
        mapping = _mapping(args, overrides)
        if isinstance(mapping, int):
            return mapping
    result, note = read_people_noting(args.kind, args.file, encoding=args.encoding,
                                      mapping=mapping, groups_as_tags=args.groups_as_tags)
    if note:
        print(f"{args.file}: {note}; give --encoding to read it otherwise")
    try:
        plan, summary = import_people(
            args.kind, args.file, relationship=args.relationship, encoding=args.encoding,
            mapping=mapping, on_duplicate=args.on_duplicate, skip_invalid=args.skip_invalid,
            dry_run=args.dry_run, before_write=before_write, result=result)
    except RowErrors as error:
        for problem in error.problems:
            print(f"{args.file}: {problem}", file=sys.stderr)
        return _fail(f"{args.file}: {sum(p.rows for p in error.problems)} rows have errors; "
                     "nothing was imported (use --skip-invalid to import the other rows)")
    for problem in plan.problems:
        stream = sys.stderr if problem.severity == ERROR else sys.stdout
        print(f"{args.file}: {problem}", file=stream)
    errors = sum(p.rows for p in plan.errors)
    if summary is None:
        counts = plan.counts()
        print(f"Would import {args.file} into {path}: add {counts['add']}, merge "
              f"{counts['merge']}, skip {counts['skip']}, errors {errors}"
              + (f"; {plan.possible_duplicates()} possible duplicates (added unless you "
                 "merge them in the window's import preview)"
                 if plan.possible_duplicates() else "")
              + (f"; {plan.organizations_to_add()} organizations from company cards"
                 if plan.organizations_to_add() else ""))
        for row in plan.rows:
            if row.match:
                what = "" if row.match.sure else "possible duplicate of "
                print(f"  line {row.record.line}: {row.action} {row.record.full_name} "
                      f"-> {what}{row.match.display_name} ({row.match.reason})")
            for name, (mine, theirs) in row.conflicts.items():
                print(f"    {name.replace('_', ' ')}: keeps {mine!r}; {theirs!r} is kept "
                      "as a custom field")
        return 1 if errors else 0
    for problem in summary.problems:
        if problem not in plan.problems:  # found while writing: a referral refused
            print(f"{args.file}: {problem}")
    print(f"Imported {args.file} into {path}: {summary.text()}")
    return 1 if errors else 0


def run_export(args: argparse.Namespace) -> int:
    from netdesk.formats.exporting import export_file, export_text

    if args.kind == "ics":
        from netdesk.cli import calendar

        return calendar.run(args)

    if args.organizations and args.kind != "csv":
        return _fail("--organizations applies only to csv", 2)
    kind = "csv-organizations" if args.organizations else args.kind
    db, path, problem = _open(args, must_exist=True, read_only=None)
    if db is None:
        return _fail(problem)
    try:
        if str(args.output) == "-":
            text, count, what = export_text(kind)
            sys.stdout.write(text)
            return 0
        if args.output.is_dir():
            return _fail(f"{args.output} is a folder; give a file name")
        try:
            count, what = export_file(kind, args.output)
        except OSError as error:
            return _fail(f"cannot write {args.output}: {error.strerror or error}")
        print(f"Exported {count} {what} from {path} to {args.output}")
        return 0
    finally:
        db.close()
