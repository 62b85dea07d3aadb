"""Command line and start-up: the only place that wires storage, rules and windows together."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from netdesk import __version__


def build_parser() -> argparse.ArgumentParser:
    from netdesk.cli import COMMAND_MODULES

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
    for module in COMMAND_MODULES:
        module.register(subparsers, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command:
        return args.func(args)
    if args.self_check:
        from netdesk.ui.shell.self_check import run_self_check

        return run_self_check(args.db)
    from netdesk.paths import chosen_db_path
    from netdesk.ui.shell.startup import run_gui

    return run_gui(chosen_db_path(args.db), demo=args.demo, argv=[sys.argv[0]])


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
