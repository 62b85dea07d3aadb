"""Sync in the window: File → Sync Accounts… and Sync Now, the periodic syncs, the status bar.

:class:`SyncActions` attaches itself to the main window (its actions in the File menu, its
widget in the status bar) and runs one account's sync at a time in a worker
(:class:`~netdesk.ui.transfer.sync_worker.SyncRun`): on start, once the window has painted;
every few minutes for the accounts that ask for it; and when the person chooses Sync Now.
What a sync wrote is published on the GUI thread like any other write, with this object as
the initiator, so the tree, the editor (keeping what the person is typing), the graph, the
dashboard and the interview window all follow.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from netdesk.ui.common.actions import make_action
from netdesk.ui.common.changes import publish
from netdesk.ui.common.plain_messages import confirm
from netdesk.ui.transfer import sync_passwords
from netdesk.ui.transfer.sync_passwords import ask_password, known_password, server_name
from netdesk.ui.transfer.sync_status import SyncStatus, progress_text
from netdesk.ui.transfer.sync_worker import SyncRun

if TYPE_CHECKING:
    from netdesk.ui.transfer.sync_accounts_dialog import SyncAccountsDialog

CHECK_EVERY_MS = 60_000
"""How often the window looks for accounts due a sync."""
START_DELAY_MS = 1_500
"""After the window has painted, the first sync waits this long, so start-up stays quick."""
QUIT_WAIT_SECONDS = 0.3
"""Quitting waits at most this long for a running sync to stop at its next request."""


def is_wrong_password(error: Exception) -> bool:
    """True for the engine's error when the server refused the user name or password.

    The engine has no error class of its own for this; its message names the HTTP status
    ("… refused the user name or password (HTTP 401)"), and an error may carry ``status``.
    """
    from netdesk.sync import errors

    if isinstance(error, errors.DeletionsNeedConfirmation):
        return False
    status = getattr(error, "status", None) or getattr(error, "status_code", None)
    if status == 401:
        return True
    text = str(error).lower()
    return "http 401" in text or "password" in text and ("refused" in text or "wrong" in text)


def is_due(account, now: datetime.datetime | None = None) -> bool:
    """Whether ``account`` syncs by itself and its interval has passed since its last sync."""
    if account.interval_minutes <= 0:
        return False
    if account.last_synced is None:
        return True
    last = account.last_synced
    if now is None:
        now = datetime.datetime.now(last.tzinfo) if last.tzinfo else datetime.datetime.now()
    return now - last >= datetime.timedelta(minutes=account.interval_minutes)


class SyncActions(QObject):
    """The sync feature of one main window.

    Attributes:
        accounts_action: File → Sync Accounts…
        sync_now_action: File → Sync Now (every account, one after another).
        status: the widget in the status bar.
        run: the sync under way, or None.
        timer: looks for accounts due a sync every :data:`CHECK_EVERY_MS`.
    """

    account_synced = Signal(int)
    """An account's sync ended (well or not): its last result changed."""
    running_changed = Signal(bool)

    def __init__(self, window, *, start: bool = True):
        super().__init__(window)
        self.window = window
        self.accounts_action = make_action(
            window, "S&ync Accounts…", self.open_accounts, None,
            "Sync your network with the address book and calendar on your phone's server")
        self.sync_now_action = make_action(
            window, "Sync &Now", lambda: self.sync_all(), None,
            "Sync every account now")
        menu = getattr(window, "file_menu", None)
        if menu is not None:  # after File → Export
            after = window.export_menu.menuAction()
            actions = menu.actions()
            before = actions[actions.index(after) + 1] if after in actions[:-1] else None
            menu.insertActions(before, self.actions())
        self.status = SyncStatus(window)
        self.status.cancel_requested.connect(self.cancel)
        window.statusBar().addPermanentWidget(self.status)
        self.run: SyncRun | None = None
        self.queue: list[int] = []
        self._asked: set[int] = set()  # queued by the person (Sync Now), not by the timer
        self._declined: set[int] = set()  # password dialog cancelled: the timer asks no more
        self.dialog: SyncAccountsDialog | None = None
        self.password_dialog = None
        self._told_read_only = False
        self._stopped = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.sync_due)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        if start:
            self.timer.start()
            QTimer.singleShot(START_DELAY_MS, self, self.sync_due)

    def actions(self) -> list:
        return [self.accounts_action, self.sync_now_action]

    # What to sync --------------------------------------------------------------------------

    def _accounts(self) -> list:
        from netdesk.sync.accounts import accounts

        try:
            return accounts()
        except Exception:  # noqa: BLE001 - a file without the sync tables yet: nothing to do
            return []

    def sync_due(self) -> None:
        """Sync the accounts whose interval has passed (none while read-only)."""
        if self._stopped:
            return
        due = [account.id for account in self._accounts() if is_due(account)]
        if due:
            self._enqueue(due, quiet_when_read_only=True, by_timer=True)

    def sync_all(self) -> None:
        ids = [account.id for account in self._accounts()]
        if not ids:
            self.window.statusBar().showMessage(
                "No sync accounts yet: add one with File → Sync Accounts…", 8000)
            return
        self._enqueue(ids)

    def sync_account(self, account_id: int) -> None:
        """Sync ``account_id`` now (after the sync under way, if any)."""
        self._enqueue([account_id])

    def _enqueue(self, ids: list[int], *, quiet_when_read_only: bool = False,
                 by_timer: bool = False) -> None:
        if self.window.read_only:
            if not self._told_read_only or not quiet_when_read_only:
                self._told_read_only = True
                self.window.statusBar().showMessage(
                    "Sync is off: this file is open for reading only.", 10000)
            return
        for account_id in ids:
            if not by_timer:
                self._asked.add(account_id)
                self._declined.discard(account_id)
            running = self.run is not None and self.run.account.id == account_id
            if account_id not in self.queue and not running:
                self.queue.append(account_id)
        self._next()

    def is_running(self) -> bool:
        return self.run is not None or self.password_dialog is not None

    # Running -------------------------------------------------------------------------------

    def _next(self) -> None:
        if self.is_running() or self._stopped:
            return
        while self.queue:
            account_id = self.queue.pop(0)
            asked = account_id in self._asked
            self._asked.discard(account_id)
            account = next((a for a in self._accounts() if a.id == account_id), None)
            if account is None:
                continue
            password = known_password(account.id)
            if password is None and account.id in self._declined and not asked:
                continue  # no password given this session: only Sync Now asks again
            if password is None:
                self._ask_password(account, refused=False)
            else:
                self._start(account, password)
            return
        self.running_changed.emit(False)

    def _ask_password(self, account, *, refused: bool) -> None:
        def given(password: str) -> None:
            self.password_dialog = None
            self._start(account, password)

        def cancelled() -> None:
            self.password_dialog = None
            self._declined.add(account.id)
            self.status.finished(f"Sync with {server_name(account.url)} skipped: no password.")
            self._next()

        self.password_dialog = ask_password(self.window, account, given, refused=refused,
                                            on_cancel=cancelled)

    def _start(self, account, password: str) -> None:
        run = self.run = SyncRun(account, password, self)
        run.progress.connect(self._progress)
        run.finished_ok.connect(self._finished)
        run.failed.connect(self._failed)
        run.deletions_question.connect(self._ask_deletions)
        self.status.running(f"Syncing with {server_name(account.url)}…")
        self.running_changed.emit(True)
        run.start()

    def cancel(self) -> None:
        """Stop the sync under way at its next request, and those waiting after it."""
        self.queue.clear()
        if self.run is not None:
            self.run.cancel()
            self.status.cancelling()

    def stop(self) -> None:
        """The window closes: cancel, and wait no more than a moment for the network."""
        self._stopped = True
        self.timer.stop()
        self.queue.clear()
        run = self.run
        if run is not None:
            run.cancel()
            run.wait(QUIT_WAIT_SECONDS)

    def _progress(self, step: str, done: int, total: int) -> None:
        run = self.run
        if run is None or self.sender() is not run or run.cancelled():
            return
        self.status.running(progress_text(server_name(run.account.url), step, done, total),
                            done, total, step)

    def _ask_deletions(self, local: int, remote: int) -> None:
        run = self.sender()
        if not isinstance(run, SyncRun) or run is not self.run or run.cancelled():
            return
        server = server_name(run.account.url)
        parts = []
        if local:
            parts.append(f"{local:,} here (in netdesk)")
        if remote:
            parts.append(f"{remote:,} on the server {server}")
        yes = confirm(
            self.window, "Delete during sync?",
            f"This sync would delete {' and '.join(parts)}.",
            "Delete them", "They were deleted on the other side since the last sync. If "
            "that was not meant, choose Cancel: this sync then changes nothing, here or on "
            "the server.")
        run.answer_deletions(yes)

    def _ended(self, run: SyncRun) -> bool:
        """Bookkeeping when ``run`` ends; False when it is not this window's current run."""
        if run is not self.run:
            return False
        self.run = None
        run.done = True
        run.deleteLater()
        return not self._stopped

    def _finished(self, report) -> None:
        run = self.sender()
        if not self._ended(run):
            return
        publish(report.changes, self)
        problems = list(getattr(report, "problems", None) or ())
        self.status.finished(report.summary(), report.conflicts,
                             "\n".join(problems) if problems else "")
        self.window.statusBar().clearMessage()
        self.account_synced.emit(run.account.id)
        self._next()

    def _failed(self, error: Exception, changes=None) -> None:
        from netdesk.sync.errors import DeletionsNeedConfirmation, SyncCancelled, SyncError

        run = self.sender()
        if not self._ended(run):
            return
        account = run.account
        server = server_name(account.url)
        if changes:
            publish(changes, self)  # what was written here before it stopped
        if isinstance(error, SyncCancelled):
            self.status.finished(f"Sync with {server} cancelled; what was sent stays sent.")
        elif isinstance(error, DeletionsNeedConfirmation):
            self.status.failed(
                f"Sync with {server} stopped before deleting anything; nothing was changed.",
                f"{error}\n\nTo let the deletions through, choose Sync Now again and answer "
                "Delete them.")
        elif isinstance(error, SyncError) and is_wrong_password(error):
            sync_passwords.forget_password(account.id, keyring=False)
            self.status.failed(f"Sync with {server}: the password was refused.", str(error))
            self.account_synced.emit(account.id)
            self._ask_password(account, refused=True)
            return
        elif isinstance(error, SyncError):
            self.status.failed(f"Sync with {server} did not finish: {_first_line(error)}",
                               str(error))
        else:
            self.status.failed(f"Sync with {server} stopped by a problem in netdesk.",
                               f"{type(error).__name__}: {error}")
        self.account_synced.emit(account.id)
        self._next()

    # The accounts window -------------------------------------------------------------------

    def open_accounts(self) -> SyncAccountsDialog:
        """File → Sync Accounts…: one window, raised if already open."""
        from netdesk.ui.transfer.sync_accounts_dialog import SyncAccountsDialog

        if self.dialog is None:
            self.dialog = SyncAccountsDialog(self, self.window)
            self.dialog.destroyed.connect(self._dialog_gone)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _dialog_gone(self, *_args) -> None:
        self.dialog = None


def _first_line(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]
