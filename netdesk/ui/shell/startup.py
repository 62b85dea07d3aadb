"""Starting the desktop program: the application object, the database file, the main window.

Start-up claims the file (one netdesk per file; a second one brings the first
window forward), opens it (quick check; a backup before any schema upgrade),
offers recovery when it cannot be opened, and takes the daily backup once the
window shows.

A sound file that cannot be written (read-only, on a read-only disk, in a folder
where no lock can be made) is opened for reading only: ``Opened.read_only`` and
``Opened.read_only_reason`` say so, and :func:`mark_read_only` hands them to the
main window as ``window.read_only`` and ``window.read_only_reason``.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from netdesk import APP_NAME, __version__
from netdesk.db import DatabaseFileError, integrity, open_database
from netdesk.db import backup as backups
from netdesk.db.database import BUSY_TIMEOUT_MS, is_read_only, read_only_reason
from netdesk.db.integrity import foreign_key_problems
from netdesk.db.private import private_folder
from netdesk.paths import resource_path
from netdesk.ui.common.plain_messages import inform, warn
from netdesk.ui.common.theme import appearance
from netdesk.ui.shell.single_instance import Claim, SingleInstance

EXIT_NOT_OPENED = 1
DAILY_BACKUP_DELAY_MS = 1500
"""The daily backup waits until the window has shown, so it never delays the first paint."""


@dataclass
class Opened:
    """A database file this process has claimed and opened.

    ``read_only`` is True when the file could only be opened for reading (see
    :func:`netdesk.db.database.open_database`); ``read_only_reason`` then says why
    and what the user can do, in sentences fit for a banner.
    """

    db_path: Path
    db: SqliteDatabase
    instance: SingleInstance

    @property
    def read_only(self) -> bool:
        return is_read_only(self.db)

    @property
    def read_only_reason(self) -> str:
        return read_only_reason(self.db)


def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName("netdesk")
    app.setDesktopFileName("io.github.netdesk.Netdesk")  # packaging/: its menu entry and icon
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_path("icons", "netdesk.svg"))))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    appearance().load()  # View → Appearance, as the user left it
    return app


def sample_database_path() -> Path:
    """A new temporary file holding the sample network (never the user's own file)."""
    from netdesk.core.demo import write_sample_database

    path = Path(tempfile.mkdtemp(prefix="netdesk-sample-")) / "sample-network.sqlite3"
    write_sample_database(path)
    return path


def run_gui(db_path: Path, *, demo: bool = False, argv: list[str] | None = None) -> int:
    app = create_application(argv or sys.argv[:1])
    if demo:
        db_path = sample_database_path()
    opened = claim_and_open(db_path, backups_on=not demo)
    if opened is None:
        return EXIT_NOT_OPENED
    if opened is Claim.FORWARDED:
        return 0

    from netdesk.core.question_bank import ensure_default_questions
    from netdesk.core.templates import ensure_default_templates
    from netdesk.ui.shell.main_window import MainWindow

    if not opened.read_only:
        ensure_default_questions()
        ensure_default_templates()
    window = MainWindow(opened.db_path, sample=demo)
    mark_read_only(window, opened)
    opened.instance.attach(window)
    window.show()
    after_window_shown(window, opened, backups_on=not demo)
    window.habit.start()
    QTimer.singleShot(2000, window.interview_actions.offer_debriefs)
    try:
        return app.exec()
    finally:
        opened.instance.release()


def claim_and_open(
    db_path: Path, *, backups_on: bool = True, backup_root: Path | None = None,
    busy_timeout: int = BUSY_TIMEOUT_MS,
) -> Opened | Claim | None:
    """Claim ``db_path`` for this process and open it, asking the user when that fails.

    The file is known by its real path (a link is followed). A sound file that
    cannot be written is opened read-only (``Opened.read_only``). Returns the
    opened file; ``Claim.FORWARDED`` when another netdesk has it and was brought
    forward; None when the user chose to quit.
    """
    while True:
        db_path = Path(db_path).expanduser().resolve()
        _make_missing_folder(db_path)
        instance = SingleInstance(db_path)
        claim = instance.acquire()
        if claim is Claim.FORWARDED:
            return claim
        if claim is Claim.ELSEWHERE:
            reason = "This database is already open. " + instance.describe_holder()
            choice = recover(db_path, reason, integrity.LOCKED, backup_root)
        else:
            hook = backups.before_migrate_hook(db_path, backup_root) if backups_on else None
            try:
                unlockable = claim is Claim.UNLOCKABLE
                db = open_database(db_path, before_migrate=hook, busy_timeout=busy_timeout,
                                   read_only=True if unlockable else None)
                if unlockable and integrity.write_problem(db_path) is None:
                    db.netdesk_read_only_reason = (
                        f"netdesk cannot make its lock file {instance.lock_path}, so it cannot "
                        "keep another netdesk from changing this file at the same time, and "
                        "opened it for reading only.")
                return Opened(db_path, db, instance)
            except DatabaseFileError as error:
                choice = recover(db_path, error.reason, error.kind, backup_root)
            instance.release()
        if choice is None:
            return None
        db_path = choice


def _make_missing_folder(db_path: Path) -> None:
    """On a first start the data folder does not exist yet: make it (private) now, so the
    lock file beside the database can be made; else the claim fails and a new database
    is taken for a folder that cannot be written."""
    if db_path.exists() or db_path.parent.exists():
        return
    try:
        private_folder(db_path.parent)
    except OSError:
        pass  # then no lock can be made either, and the claim says so


def mark_read_only(window: QWidget, opened: Opened) -> None:
    """Tell ``window`` whether its file is open for reading only, before it shows.

    Sets ``window.read_only`` (bool) and ``window.read_only_reason`` (sentences
    saying why and what to do; "" when writable), and calls
    ``window.set_read_only(read_only, reason)`` when the window has one.
    """
    window.read_only = opened.read_only
    window.read_only_reason = opened.read_only_reason
    set_read_only = getattr(window, "set_read_only", None)
    if callable(set_read_only):
        set_read_only(opened.read_only, opened.read_only_reason)


def recover(db_path: Path, reason: str, kind: str, backup_root: Path | None) -> Path | None:
    """Show the recovery dialog; return the file to try next, or None to quit."""
    from netdesk.ui.backup.recovery_dialog import Recovery, RecoveryDialog

    dialog = RecoveryDialog(db_path, reason, kind, backup_root=backup_root)
    dialog.exec()
    if dialog.choice is Recovery.RESTORED:
        kept = f"\n\nThe damaged file was kept as {dialog.kept_aside}." if dialog.kept_aside else ""
        inform(None, "Backup restored",
               f"The backup taken {dialog.backup.taken:%Y-%m-%d %H:%M} is now {db_path}.{kept}")
        return db_path
    if dialog.choice is Recovery.RETRY:
        return db_path
    if dialog.choice is Recovery.OTHER_FILE:
        return dialog.chosen_path
    return None


def after_window_shown(
    window: QWidget, opened: Opened, *, backups_on: bool = True, backup_root: Path | None = None,
    delay_ms: int = DAILY_BACKUP_DELAY_MS,
) -> None:
    """Once the window is up: warn about broken references, then take the daily backup."""
    problems = foreign_key_problems(opened.db.connection())
    if problems:
        QTimer.singleShot(0, window, lambda: warn(
            window, "Some records refer to missing ones",
            "netdesk found records that point at records which no longer exist:\n\n"
            + "\n".join(problems)
            + "\n\nYour data is still here. If something looks wrong, File → Restore from "
              "Backup… brings back an earlier state; `netdesk check` reports details."))
    if backups_on:
        QTimer.singleShot(delay_ms, window,
                          lambda: take_daily_backup(window, opened, backup_root))


def take_daily_backup(
    window: QWidget | None, opened: Opened, backup_root: Path | None = None
) -> backups.Backup | None:
    """The backup of the day, if the last one is older; failures are reported, never fatal."""
    try:
        return backups.backup_if_due(opened.db, db_path=opened.db_path, root=backup_root)
    except backups.BackupError as error:
        warn(window, "Daily backup failed",
             f"netdesk could not back up {opened.db_path}:\n{error}\n\n"
             "Your data is unchanged. netdesk tries again at the next start; "
             "File → Back Up Now tries at once.")
        return None
