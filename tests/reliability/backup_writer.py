"""Backs a database up over and over (for the kill loop): ``python backup_writer.py DB ROOT``."""

from __future__ import annotations

import sys
from pathlib import Path

from netdesk.db import open_database
from netdesk.db.backup import backup_now


def main(path: str, root: str) -> None:
    db = open_database(path)
    while True:
        made = backup_now(db, "manual", root=Path(root))
        print(made.path, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
