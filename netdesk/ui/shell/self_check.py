"""``netdesk --self-check``: open a database, build the main window offscreen, report, exit."""

from __future__ import annotations

import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def run_self_check(db_path: Path | None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    from netdesk import __version__
    from netdesk.db import DatabaseFileError, open_database
    from netdesk.db.database import check_integrity_of, schema_version
    from netdesk.db.models import Person
    from netdesk.ui.shell.startup import create_application

    app = create_application(["netdesk"])
    print(f"netdesk {__version__}, Qt {qVersion()}, PySide6 {pyside_version}, "
          f"platform {app.platformName()}")
    path = db_path or Path(tempfile.mkdtemp(prefix="netdesk-check-")) / "check.sqlite3"
    # SQLite's quick check reads the whole file: run it beside the window's construction.
    with ThreadPoolExecutor(max_workers=1) as pool:
        integrity = pool.submit(check_integrity_of, path) if path.exists() else None
        try:
            db = open_database(path, check_integrity=False)
        except DatabaseFileError as error:
            print(f"database: FAILED: {error}")
            return 1

        from netdesk.ui.shell.main_window import MainWindow

        window = MainWindow(path)
        window.show()
        app.processEvents()
        try:
            if integrity is not None:
                integrity.result()
        except DatabaseFileError as error:
            print(f"database: FAILED: {error}")
            return 1
    print(f"database: ok ({path}, schema {schema_version(db)}, "
          f"{Person.select().count()} people, integrity checked)")
    print(f"main window: ok ({window.contact_tree.model.rowCount()} groups in the tree)")
    window.close()
    db.close()
    print(f"self-check passed in {(time.perf_counter() - started) * 1000:.0f} ms")
    return 0
