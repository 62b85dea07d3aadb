"""``netdesk demo-db PATH|URL``: write the sample network to a new file, or into an empty
database on a PostgreSQL server."""

from __future__ import annotations

import argparse
import sys


def register(subparsers, common: argparse.ArgumentParser) -> None:
    from netdesk.paths import database_argument

    parser = subparsers.add_parser(
        "demo-db", parents=[common],
        help="write the sample network to a new database file or an empty server database"
    )
    parser.add_argument("path", type=database_argument, metavar="PATH|URL",
                        help="the new file (must not exist yet), or the URL of an empty "
                             "database on a PostgreSQL server")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from netdesk.paths import is_server_url

    if is_server_url(args.path):
        return _fill_server(args.path)
    from netdesk.core.demo import write_sample_database

    if args.path.exists():
        print(f"netdesk: {args.path} already exists; choose a new file name", file=sys.stderr)
        return 2
    counts = write_sample_database(args.path)
    print(f"Wrote the sample network to {args.path}: " + _counts(counts))
    return 0


def _fill_server(url: str) -> int:
    """The sample network in the empty database at ``url``, in one transaction; a database
    that holds anything but netdesk's defaults is refused and left as it was."""
    from netdesk.core.demo import populate_sample
    from netdesk.db import open_database
    from netdesk.db.server import display_name
    from netdesk.formats.database_json import is_empty

    name = display_name(url)
    db = open_database(url)  # an empty database becomes netdesk's, migrated
    try:
        with db.atomic():
            if not is_empty(db):
                print(f"netdesk: {name} already holds people or other data; the sample "
                      "network goes only into an empty database; nothing was written",
                      file=sys.stderr)
                return 2
            counts = populate_sample()
    finally:
        db.close()
    print(f"Wrote the sample network to {name}: " + _counts(counts))
    return 0


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {what}" for what, n in counts.items())
