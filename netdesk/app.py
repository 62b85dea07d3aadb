"""Command line and start-up: the only place that wires storage, rules and windows together."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from netdesk import __version__


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser; given ``argv``, it knows only the command ``argv`` names (none for a start
    of the window), so only that command's module is imported."""
    from netdesk.cli import command_modules

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", type=Path, default=argparse.SUPPRESS, metavar="PATH",
        help="database file to use (default: $NETDESK_DB, else the per-user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="netdesk",
        description="Build a professional network on purpose and run informational interviews.",
    )
    parser.add_argument("--version", action="version", version=f"netdesk {__version__}")
    parser.add_argument(
        "--db", type=Path, default=None, metavar="PATH",
        help="database file to use (default: $NETDESK_DB, else the per-user data folder)",
    )
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


def main(argv: list[str] | None = None) -> int:
    """Run the command line; ``argv`` None means this is the program itself (``netdesk``),
    which may then end its process at once when the window closes."""
    real_process = argv is None
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(argv).parse_args(argv)
    if args.command:
        return args.func(args)
    if args.self_check:
        from netdesk.ui.shell.self_check import run_self_check

        return run_self_check(args.db)
    from netdesk.paths import chosen_db_path
    from netdesk.ui.shell.startup import run_gui

    code = run_gui(chosen_db_path(args.db), demo=args.demo, argv=[sys.argv[0]])
    if real_process:
        leave_now(code)
    return code


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
