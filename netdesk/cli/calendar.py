"""``netdesk calendar -o FILE.ics``: export interviews and follow-ups as an iCalendar file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "calendar", aliases=["export-ics"], parents=[common],
        help="export interviews and follow-ups as an iCalendar (.ics) file",
        description="Write every dated interview and every follow-up to an iCalendar file "
                    "(RFC 5545), readable by you only, with reminders for what is still to "
                    "do; done follow-ups are marked done and dropped ones cancelled. Every "
                    "event's UID carries this database's own id, so calendars of two "
                    "databases never mix; importing a newer file updates the events instead "
                    "of adding copies. Interviews and follow-ups made before netdesk gave "
                    "the database its id keep the UIDs earlier exports wrote, so a calendar "
                    "that imported those updates them rather than showing them twice.",
    )
    add_arguments(parser)
    parser.set_defaults(func=run)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the export; shared with ``netdesk export ics``."""
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.ics",
                        help="the calendar file to write (replaced if it exists)")


def run(args: argparse.Namespace) -> int:
    from netdesk.db import DatabaseFileError, open_database
    from netdesk.formats.ics import CalendarExportError, export_ics
    from netdesk.paths import chosen_db_path, is_server_url

    if not hasattr(args, "db"):
        args.db = None
    path = chosen_db_path(args.db)
    if not is_server_url(path) and not path.exists():
        print(f"netdesk: there is no database at {path}", file=sys.stderr)
        return 1
    try:
        # A read-only file can still be exported; an older one is backed up, then upgraded.
        db = open_database(path, read_only=None)
    except DatabaseFileError as error:
        print(f"netdesk: {error}", file=sys.stderr)
        return 1
    try:
        count = export_ics(args.output.expanduser())
    except CalendarExportError as error:
        print(f"netdesk: {error}", file=sys.stderr)
        return 1
    finally:
        db.close()
    print(f"Wrote {count} event{'s' if count != 1 else ''} to {args.output}")
    return 0
