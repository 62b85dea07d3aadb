"""Command line and start-up: the only place that wires storage, rules and windows together."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from netdesk import __version__

DB_HELP = ("database file, or postgresql://user@host/dbname for a shared network on a "
           "PostgreSQL server, to use (default: $NETDESK_DB, else the per-user data folder)")
PASSPHRASE_HELP = ("read the passphrase of an encrypted database from the first line of "
                   "standard input (else the system keyring's is used)")


def database_argument(value: str):
    """``--db``'s value: a server's URL as it is, else a file's path (see netdesk.paths)."""
    from netdesk.paths import database_argument as chosen

    return chosen(value)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv``, it knows only the command ``argv`` names (none for a start
    of the window), so only that command's module is imported."""
    from netdesk.cli import COMMANDS, command_modules

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", type=database_argument, default=argparse.SUPPRESS, metavar="PATH|URL",
        help=DB_HELP,
    )
    common.add_argument("--passphrase-stdin", action="store_true", default=argparse.SUPPRESS,
                        help=PASSPHRASE_HELP)
    parser = argparse.ArgumentParser(
        prog="netdesk",
        usage="%(prog)s [-h] [--version] [--db PATH | FILE] [--demo] [--self-check]\n"
              "       %(prog)s COMMAND [--db PATH] ...",
        description="Build a professional network on purpose and run informational interviews.\n"
                    "\n"
                    "With no COMMAND, netdesk opens its window on FILE, a netdesk database\n"
                    "(the same as --db FILE), or on the database --db names, or on yours.",
        epilog="A file named like a command opens with a folder in front of its name:\n"
               "  netdesk ./check    (or: netdesk -- check)\n"
               "To start a new database file, name it with --db: netdesk --db new.sqlite3",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"netdesk {__version__}")
    parser.add_argument(
        "--db", type=database_argument, default=None, metavar="PATH|URL",
        help=DB_HELP,
    )
    parser.add_argument("--passphrase-stdin", action="store_true", help=PASSPHRASE_HELP)
    parser.add_argument(
        "--demo", action="store_true",
        help="open the sample network in a temporary file (your own database is not touched)",
    )
    parser.add_argument(
        "--self-check", action="store_true",
        help="open a database, build the main window offscreen, report and exit",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in command_modules(None if argv is None else _commands_named(argv)):
        module.register(subparsers, common)
    parser.commands = COMMANDS  # names and aliases: a FILE is any other word
    return parser


def _commands_named(argv: list[str]) -> list[str] | None:
    """The command ``argv`` names, as a list: [] for none; None (all) for help or a word
    that is no command (so that the message lists them)."""
    from netdesk.cli import COMMANDS

    if "-h" in argv or "--help" in argv:
        return None
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif word == "--" or not word.startswith("-"):
            return [word] if word in COMMANDS else None
    return []


def split_file_argument(argv: list[str], commands) -> tuple[list[str], str | None]:
    """``argv`` without the FILE to open, and that FILE (None when there is none).

    The FILE is the first word that is neither an option, nor the value of
    ``--db``, nor one of ``commands``; after ``--`` the next word is always a FILE,
    so a file named like a command stays reachable (``netdesk -- check``, or
    ``netdesk ./check``). Words after a command belong to the command.
    """
    for index, word in enumerate(argv):
        if word == "--":
            return argv[:index] + argv[index + 2:], (argv[index + 1]
                                                     if index + 1 < len(argv) else None)
        if word.startswith("-") and word != "-":
            continue
        if index > 0 and argv[index - 1] == "--db":
            continue
        if word in commands:
            return argv, None
        return argv[:index] + argv[index + 1:], word
    return argv, None


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The parsed command line; a FILE to open arrives as ``args.db``."""
    from netdesk.cli import COMMANDS

    argv = sys.argv[1:] if argv is None else list(argv)
    commands = COMMANDS
    rest, file = split_file_argument(argv, commands)
    parser = build_parser(rest)
    args = parser.parse_args(rest)
    if file is None:
        return args
    if args.command:
        parser.error(f"a FILE goes without a COMMAND; to use {args.command} on {file}, "
                     f"write: netdesk {args.command} --db {file}")
    if args.db is not None:
        parser.error(f"give either FILE or --db PATH, not both ({file}, --db {args.db})")
    if args.demo:
        parser.error(f"--demo opens the sample network, not {file}")
    from netdesk.paths import is_server_url

    if is_server_url(file):  # a shared network's URL: never a file's name
        args.db = file
        return args
    path = Path(file)
    if not path.exists():
        names = ", ".join(sorted(commands))
        parser.error(f"{file} is neither a command ({names}) nor an existing file; "
                     f"to start a new database file there, write: netdesk --db {file}")
    if path.is_dir():
        parser.error(f"{file} is a folder, not a netdesk database file")
    args.db = path
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the command line; ``argv`` None means this is the program itself (``netdesk``),
    which may then end its process at once when the window closes."""
    real_process = argv is None
    args = parse_arguments(argv)
    if args.command or args.passphrase_stdin or args.self_check:
        from netdesk.cli.encryption import supply_passphrase

        problem = supply_passphrase(args)
        if problem:
            print(f"netdesk: {problem}", file=sys.stderr)
            return 1
    if args.command:
        return args.func(args)
    load_storage_before_qt()
    if args.self_check:
        from netdesk.ui.shell.self_check import run_self_check

        return run_self_check(args.db)
    from netdesk.paths import chosen_db_path
    from netdesk.ui.shell.startup import run_gui

    code = run_gui(chosen_db_path(args.db), demo=args.demo, argv=[sys.argv[0]])
    if real_process:
        leave_now(code)
    return code


def load_storage_before_qt() -> None:
    """Import Peewee and the storage and change modules the window opens with before PySide6.

    PySide6 reads the whole source of every module imported after it (its check for
    ``from __feature__``): for Peewee and ``netdesk.db``, read that way, the window's
    first paint came about 10 ms later.
    """
    import netdesk.core.changes  # noqa: F401
    import netdesk.core.contact_groups  # noqa: F401
    import netdesk.db.backup  # noqa: F401
    import netdesk.db.database  # noqa: F401
    import netdesk.paths  # noqa: F401


def leave_now(code: int) -> None:
    """End the process once the window has closed, its file given up (saved, closed, lock
    released): the exit handlers run and the output is flushed, but not Python's teardown
    of every widget and module, which at 100,000 people made quitting wait 100-200 ms."""
    import atexit

    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
