"""Costs of the safety net at 50,000 people: checks when a file opens, backup, restore.

Baselines: opening without the page check (the quick check is what start-up adds),
and a plain file copy (what the online backup API costs over copying bytes).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from netdesk.db import backup as backups
from netdesk.db import open_database
from netdesk.db.integrity import check_pages, identify_file, inspect_file
from tests.benchmarks.bigdb import build_big_database
from tests.benchmarks.report import report, timed


def main() -> None:
    path = build_big_database()
    root = Path(tempfile.mkdtemp(prefix="netdesk-bench-backups-"))
    size = path.stat().st_size / 1e6
    report("database size at 50,000 people", size, "MB")

    bare = timed(lambda: open_database(path, check_integrity=False).close())
    checked = timed(lambda: open_database(path).close())
    report("open with identity + quick_check", checked, "ms", baseline=bare,
           goal="< 500 ms")
    report("identify file (header, owner, schema)", timed(lambda: identify_file(path)), "ms")
    report("quick_check", timed(lambda: check_pages(path, foreign_keys=False)), "ms")
    report("quick_check + foreign_key_check", timed(lambda: check_pages(path)), "ms")
    report("netdesk check (integrity_check)",
           timed(lambda: inspect_file(path, thorough=True), repeat=3), "ms")

    db = open_database(path)
    copy_target = root / "copy.sqlite3"
    copy = timed(lambda: shutil.copyfile(path, copy_target))
    backup = timed(lambda: backups.backup_now(db, "manual", root=root), repeat=5)
    report("backup (online API, checked, fsynced)", backup, "ms", baseline=copy,
           goal="< 2000 ms")
    newest = backups.list_backups(path, root)[0]
    start = time.perf_counter()
    backups.restore_into(db, newest)
    report("restore into the open database", (time.perf_counter() - start) * 1000, "ms")
    report("newest good backup lookup", timed(lambda: backups.newest_good_backup(path, root)),
           "ms")
    db.close()
