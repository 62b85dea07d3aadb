"""Screenshots of the recovery dialog and the restore dialog."""

from __future__ import annotations

import tempfile
from pathlib import Path

from netdesk.db import backup as backups
from netdesk.db import open_database
from netdesk.db.models import Person, database_proxy
from netdesk.ui.backup.backup_actions import RestoreDialog
from netdesk.ui.backup.recovery_dialog import RecoveryDialog


def shots(window):
    folder = Path(tempfile.mkdtemp(prefix="netdesk-shots-recovery-"))
    root = folder / "backups"
    damaged = folder / "netdesk.sqlite3"
    current = database_proxy.obj
    db = open_database(damaged)
    Person.create(first_name="Ada")
    backups.backup_now(db, "daily", root=root)
    db.close()
    database_proxy.initialize(current)
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 3000)
    yield "recovery-dialog", RecoveryDialog(
        damaged, "the database is damaged (database disk image is malformed)", "damaged",
        backup_root=root, parent=window)
    text_file = folder / "contacts.sqlite3"
    text_file.write_text("first name,last name\n")
    yield "recovery-dialog-no-backup", RecoveryDialog(
        text_file, "this is not a netdesk database (not an SQLite file)", "not_sqlite",
        backup_root=root, parent=window)

    db_path = Path(current.database)
    for reason in ("migration", "daily", "manual"):
        backups.backup_now(current, reason, root=root)
    yield "restore-dialog", RestoreDialog(db_path, backup_root=root, parent=window)
    yield "restore-dialog-empty", RestoreDialog(folder / "none.sqlite3", backup_root=root,
                                                parent=window)
