"""``netdesk demo-db PATH``: write the sample network to a new file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "demo-db", parents=[common], help="write the sample network to a new database file"
    )
    parser.add_argument("path", type=Path, help="the new file (must not exist yet)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from netdesk.core.demo import write_sample_database

    if args.path.exists():
        print(f"netdesk: {args.path} already exists; choose a new file name", file=sys.stderr)
        return 2
    counts = write_sample_database(args.path)
    print(f"Wrote the sample network to {args.path}: " + ", ".join(
        f"{n} {what}" for what, n in counts.items()))
    return 0
