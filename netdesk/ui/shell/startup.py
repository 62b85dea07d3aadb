"""Starting the desktop program: the application object, the database file, the main window.

Start-up claims the file (one netdesk per file; a second one brings the first
window forward), opens it (a backup before any schema upgrade), offers recovery
when it cannot be opened, and shows the window. SQLite's quick check of the
whole file runs in a thread beside the first paint (:class:`Start`): writes
wait for its verdict, and a file found damaged after the window is up goes to
the same recovery as one found damaged before. The daily backup is taken, in
a thread too, once the file is known to be sound.

``NETDESK_REPORT_FIRST_PAINT=MS`` (for benchmarks) makes the window print
``first-paint EPOCH`` at its first paint (and ``checked``, ``dashboard-filled``
when those happen), stay MS milliseconds, print ``closing EPOCH`` and close.

A sound file that cannot be written (read-only, on a read-only disk, in a folder
where no lock can be made) is opened for reading only: ``Opened.read_only`` and
``Opened.read_only_reason`` say so, and :func:`mark_read_only` hands them to the
main window as ``window.read_only`` and ``window.read_only_reason``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peewee import SqliteDatabase
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from netdesk import APP_NAME, __version__
from netdesk.db import DatabaseFileError, cipher, integrity, open_database
from netdesk.db import backup as backups
from netdesk.db.database import BUSY_TIMEOUT_MS, IntegrityCheck, is_read_only, read_only_reason
from netdesk.db.integrity import foreign_key_problems
from netdesk.db.private import private_folder
from netdesk.paths import is_server_url, resource_path
from netdesk.ui.common.plain_messages import inform, warn
from netdesk.ui.common.theme import appearance
from netdesk.ui.shell.server_start import ServerCheck, claim_and_open_server
from netdesk.ui.shell.single_instance import Claim, SingleInstance

EXIT_NOT_OPENED = 1
DAILY_BACKUP_DELAY_MS = 1500
"""The daily backup waits until the window has shown, so it never delays the first paint."""
DEBRIEF_DELAY_MS = 2000
REPORT_FIRST_PAINT = "NETDESK_REPORT_FIRST_PAINT"

Recover = Callable[[Path, str, str, "Path | None"], "Path | None"]


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
    start = Start(backups_on=not demo, sample=demo)
    if not start.open(db_path):
        return start.exit_code
    try:
        return app.exec()
    finally:
        start.release()


def open_window(opened: Opened, *, sample: bool = False) -> QWidget:
    """Build the main window over ``opened`` and show it (it paints once the loop runs)."""
    from netdesk.ui.shell.main_window import MainWindow

    window = MainWindow(opened.db_path, sample=sample, paint_first=True)
    mark_read_only(window, opened)
    if opened.instance is not None:
        opened.instance.attach(window)
    window.show()
    return window


def ensure_defaults() -> None:
    """The shipped question bank and message templates, when the file has none (a new file);
    a write, so it comes once the file is known to be sound."""
    from netdesk.core.question_bank import ensure_default_questions
    from netdesk.core.templates import ensure_default_templates

    ensure_default_questions()
    ensure_default_templates()


class _FirstPaint(QObject):
    """Calls ``then`` once, right after ``window`` has painted for the first time."""

    def __init__(self, window: QWidget, then: Callable[[], None]):
        super().__init__(window)
        self._then = then
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._then)  # once the whole window has painted
        return False


class Start(QObject):
    """One start of the window: the file claimed and opened, the window shown, the check
    beside it; and, when the check finds damage, the recovery and a new window.

    ``window`` and ``opened`` are the current ones (None once given up);
    ``painted`` is set at the window's first paint; ``check`` is the running or
    finished :class:`~netdesk.db.database.IntegrityCheck`; ``exit_code`` says why
    :meth:`open` returned False. ``recover_with(path, reason, kind, backup_root)``
    is asked what to open instead of a file that cannot be used (by default the
    recovery dialog, :func:`recover`).
    """

    checked = Signal(object)
    """The check finished (emitted from its thread; handled in this one)."""
    first_painted = Signal()

    def __init__(self, *, backups_on: bool = True, sample: bool = False,
                 backup_root: Path | None = None, recover_with: Recover | None = None,
                 backup_delay_ms: int = DAILY_BACKUP_DELAY_MS):
        super().__init__()
        self.backups_on = backups_on
        self.sample = sample
        self.backup_root = backup_root
        self.recover_with = recover_with
        self.backup_delay_ms = backup_delay_ms
        self.window: QWidget | None = None
        self.opened: Opened | None = None
        self.check: IntegrityCheck | None = None
        self.painted = False
        self.exit_code = 0
        self._report = os.environ.get(REPORT_FIRST_PAINT)
        self.checked.connect(self._verdict, Qt.ConnectionType.QueuedConnection)

    def open(self, db_path: Path) -> bool:
        """Claim and open ``db_path`` (asking what to do when that fails), start its check,
        show the window. False when no window was shown: see ``exit_code``."""
        opened = claim_and_open(db_path, backups_on=self.backups_on,
                                backup_root=self.backup_root, check_integrity=False,
                                recover_with=self.recover_with, listen=False)
        if opened is None:
            self.exit_code = EXIT_NOT_OPENED
            return False
        if opened is Claim.FORWARDED:
            self.exit_code = 0
            return False
        self.opened = opened
        self.painted = False
        check = ServerCheck if is_server_url(opened.db_path) else IntegrityCheck
        self.check = check(opened.db, opened.db_path, on_done=self.checked.emit)
        self.window = open_window(opened, sample=self.sample)
        _FirstPaint(self.window, self._after_first_paint)
        if self._report is not None:
            self.window.dashboard.loaded.connect(
                lambda: self._moment("dashboard-filled"), Qt.ConnectionType.SingleShotConnection)
        return True

    def release(self) -> None:
        """Give the file up (at the end of the program): close it, release the claim. A verdict
        arriving later is ignored."""
        self.check = None
        if self.opened is not None:
            self.opened.db.close()
            if self.opened.instance is not None:
                self.opened.instance.release()

    def _after_first_paint(self) -> None:
        self.painted = True
        window = self.window
        if window is None:
            return
        if self._report is not None:
            self._moment("first-paint")
            QTimer.singleShot(int(self._report or 0), window, lambda: (
                self._moment("closing"), window.close()))
        if self.opened is not None and self.opened.instance is not None:
            self.opened.instance.listen()  # another netdesk on this file now brings it forward
        window.habit.start()
        _later(window, DEBRIEF_DELAY_MS, window.interview_actions.offer_debriefs)
        self.first_painted.emit()

    def _verdict(self, check: IntegrityCheck) -> None:
        if check is not self.check or self.window is None:
            return
        if self._report is not None:
            self._moment("checked")
        if check.error is not None:
            self._damaged(check.error)
            return
        check.open_gate()
        if not self.opened.read_only:
            ensure_defaults()
        after_window_shown(self.window, self.opened, backups_on=self.backups_on,
                           backup_root=self.backup_root, delay_ms=self.backup_delay_ms,
                           problems=check.foreign_key_problems, in_background=True)

    def _damaged(self, error: DatabaseFileError) -> None:
        """The file turned out damaged: the window goes, unsaved (nothing more may be written),
        and the user chooses, as at start, a backup, another file, or to quit."""
        app = QApplication.instance()
        window, opened = self.window, self.opened
        self.window = self.opened = self.check = None
        quit_on_close = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)
        try:
            for timer in window.findChildren(QTimer):
                timer.stop()
            for child in [window, *window.findChildren(QWidget)]:
                if child.isWindow():
                    child.hide()
            opened.db.close()
            recover_with = self.recover_with or recover
            choice = recover_with(opened.db_path, error.reason, error.kind, self.backup_root)
            if opened.instance is not None:
                opened.instance.release()
            window.deleteLater()
            if choice is None:
                self.exit_code = EXIT_NOT_OPENED
                app.exit(EXIT_NOT_OPENED)
            elif not self.open(choice):
                app.exit(self.exit_code)
        finally:
            app.setQuitOnLastWindowClosed(quit_on_close)

    def _moment(self, name: str) -> None:
        print(f"{name} {time.time():.6f}", flush=True)


def claim_and_open(
    db_path: Path, *, backups_on: bool = True, backup_root: Path | None = None,
    busy_timeout: int = BUSY_TIMEOUT_MS, check_integrity: bool = True,
    recover_with: Recover | None = None, listen: bool = True,
) -> Opened | Claim | None:
    """Claim ``db_path`` for this process and open it, asking the user when that fails.

    The file is known by its real path (a link is followed). A sound file that
    cannot be written is opened read-only (``Opened.read_only``). Returns the
    opened file; ``Claim.FORWARDED`` when another netdesk has it and was brought
    forward; None when the user chose to quit. With ``check_integrity=False`` the
    quick check of every page is left to the caller (see :class:`Start`).
    ``recover_with`` replaces the recovery dialog (:func:`recover`). With ``listen`` False
    the claim answers other netdesks only once ``Opened.instance.listen()`` is called.
    A server's URL is claimed and opened by :func:`server_start.claim_and_open_server`.
    """
    custom, recover_with = recover_with, recover_with or recover
    while True:
        if is_server_url(db_path):  # a shared network: no file to make, unlock or back up
            opened = claim_and_open_server(db_path, listen=listen, recover_with=custom)
            if not isinstance(opened, Path):
                return opened
            db_path = opened  # a file chosen instead
        db_path = Path(db_path).expanduser().resolve()
        _make_missing_folder(db_path)
        instance = SingleInstance(db_path)
        claim = instance.acquire(listen=listen)
        if claim is Claim.FORWARDED:
            return claim
        if claim is Claim.ELSEWHERE:
            reason = "This database is already open. " + instance.describe_holder()
            choice = recover_with(db_path, reason, integrity.LOCKED, backup_root)
        else:
            if not _unlocked(db_path):  # an encrypted file, and no passphrase for it
                instance.release()
                return None
            hook = backups.before_migrate_hook(db_path, backup_root) if backups_on else None
            try:
                unlockable = claim is Claim.UNLOCKABLE
                db = open_database(db_path, before_migrate=hook, busy_timeout=busy_timeout,
                                   read_only=True if unlockable else None,
                                   check_integrity=check_integrity)
                if unlockable and integrity.write_problem(db_path) is None:
                    db.netdesk_read_only_reason = (
                        f"netdesk cannot make its lock file {instance.lock_path}, so it cannot "
                        "keep another netdesk from changing this file at the same time, and "
                        "opened it for reading only.")
                return Opened(db_path, db, instance)
            except DatabaseFileError as error:
                if error.kind == integrity.WRONG_PASSPHRASE:
                    cipher.use_passphrase(db_path, None)  # asked for again on a retry
                choice = recover_with(db_path, error.reason, error.kind, backup_root)
            instance.release()
        if choice is None:
            return None
        db_path = choice


def _unlocked(db_path: Path) -> bool:
    """The passphrase of an encrypted file asked for (or found in the keyring); True for a
    plain file, at the cost of reading its first bytes."""
    if not cipher.could_be_encrypted(db_path):
        return True
    from netdesk.ui.backup.passphrase_dialog import unlock

    return unlock(db_path)


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
    delay_ms: int = DAILY_BACKUP_DELAY_MS, problems: list[str] | None = None,
    in_background: bool = False,
) -> None:
    """Once the window is up (and the file known to be sound): warn about broken references,
    then take the daily backup (``in_background``: in a thread, so the window never waits
    for it, nor does quitting).

    ``problems`` are the broken references already found (by the start-up check);
    None looks for them now.
    """
    if problems is None:
        problems = foreign_key_problems(opened.db.connection())
    if problems:
        QTimer.singleShot(0, window, lambda: warn(
            window, "Some records refer to missing ones",
            "netdesk found records that point at records which no longer exist:\n\n"
            + "\n".join(problems)
            + "\n\nYour data is still here. If something looks wrong, File → Restore from "
              "Backup… brings back an earlier state; `netdesk check` reports details."))
    if backups_on and not is_server_url(opened.db_path):  # a server's administrator backs up
        take = take_daily_backup_in_background if in_background else take_daily_backup
        _later(window, delay_ms, lambda: take(window, opened, backup_root))


def _later(window: QWidget, delay_ms: int, function: Callable[[], object]) -> QTimer:
    """Call ``function`` in ``delay_ms``, through a timer of ``window``'s (which stops with
    it, and which a test can find and stop)."""
    timer = QTimer(window)
    timer.setSingleShot(True)
    timer.timeout.connect(function)
    timer.start(delay_ms)
    return timer


def take_daily_backup(
    window: QWidget | None, opened: Opened, backup_root: Path | None = None
) -> backups.Backup | None:
    """The backup of the day, if the last one is older; failures are reported, never fatal."""
    try:
        return backups.backup_if_due(opened.db, db_path=opened.db_path, root=backup_root)
    except backups.BackupError as error:
        _backup_failed(window, opened, error)
        return None


def _backup_failed(window: QWidget | None, opened: Opened, error: Exception) -> None:
    warn(window, "Daily backup failed",
         f"netdesk could not back up {opened.db_path}:\n{error}\n\n"
         "Your data is unchanged. netdesk tries again at the next start; "
         "File → Back Up Now tries at once.")


def take_daily_backup_in_background(
    window: QWidget, opened: Opened, backup_root: Path | None = None
) -> threading.Thread:
    """:func:`take_daily_backup` in a daemon thread, through its own read-only connection.

    Quitting does not wait for it: a backup cut short leaves only a partial file,
    which the next backup removes. A failure is reported in the window's thread.
    """
    relay = _Relay(window)

    def run() -> None:
        try:
            backups.backup_if_due(opened.db_path, db_path=opened.db_path, root=backup_root)
        except backups.BackupError as error:
            try:
                relay.call.emit(lambda failure=error: _backup_failed(window, opened, failure))
            except RuntimeError:  # the window has gone meanwhile: nobody left to tell
                pass

    thread = threading.Thread(target=run, name="netdesk-daily-backup", daemon=True)
    thread.start()
    return thread


class _Relay(QObject):
    """Runs a function in the thread of its parent, whichever thread emits ``call``."""

    call = Signal(object)

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.call.connect(lambda function: function(), Qt.ConnectionType.QueuedConnection)
