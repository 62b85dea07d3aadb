"""``netdesk --self-check``: start as a real start does (offscreen), report, exit.

The file is claimed and opened, and the window built and painted, by the same
:class:`netdesk.ui.shell.startup.Start` as a real start, with SQLite's quick
check beside the first paint; the check waits for the integrity verdict and the
dashboard's first fill, then reports. Where a real start would offer recovery,
the self-check prints what is wrong and fails.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

VERDICT_TIMEOUT_S = 120


def run_self_check(db_path: Path | None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QEventLoop, qVersion

    from netdesk import __version__
    from netdesk.db import integrity
    from netdesk.db.database import schema_version
    from netdesk.db.models import Person
    from netdesk.ui.shell.startup import Start, create_application

    app = create_application(["netdesk"])
    print(f"netdesk {__version__}, Qt {qVersion()}, PySide6 {pyside_version}, "
          f"platform {app.platformName()}")
    path = db_path or Path(tempfile.mkdtemp(prefix="netdesk-check-")) / "check.sqlite3"
    failures: list[str] = []

    def refuse(failed: Path, reason: str, kind: str, _backup_root) -> None:
        failures.append(f"{failed}: {integrity.message_with_remedy(kind, reason)}")
        return None

    start = Start(recover_with=refuse)
    if not start.open(path):
        print(f"database: FAILED: {failures[0]}" if failures else
              "database: FAILED: another netdesk has it open (that window was brought forward)")
        return 1
    try:
        deadline = time.monotonic() + VERDICT_TIMEOUT_S
        while not failures and not (start.painted and start.check.done
                                    and _dashboard_settled(start.window)):
            if time.monotonic() > deadline:
                print("database: FAILED: no verdict from the integrity check in time")
                return 1
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.002)
        app.processEvents()  # the verdict's own handling
        if failures or start.window is None:
            print(f"database: FAILED: {failures[0] if failures else 'not opened'}")
            return 1
        window, db = start.window, start.opened.db
        print(f"database: ok ({window.db_path}, schema {schema_version(db)}, "
              f"{Person.select().count()} people, integrity checked)")
        print(f"main window: ok ({window.contact_tree.model.rowCount()} groups in the tree, "
              f"painted{', dashboard filled' if window.dashboard.filled else ''})")
        window.close()
        db.close()
    finally:
        start.release()
    print(f"self-check passed in {(time.perf_counter() - started) * 1000:.0f} ms")
    return 0


def _dashboard_settled(window) -> bool:
    """Filled, or not shown (an empty file opens on the welcome page); and the tree's rows read
    (they come in a turn of their own after the first paint)."""
    return window is None or window.contact_tree.model.loaded and (
        window.dashboard.filled or not window.dashboard.isVisible())
