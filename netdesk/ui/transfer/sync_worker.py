"""The sync worker: one account's sync in a thread of its own, reported back to the GUI thread.

The engine's ``sync_account`` runs in a daemon thread (quitting never waits on a request
stuck until its timeout; the engine keeps both sides consistent however it stops).
:class:`SyncRun` lives in the GUI thread; the thread reaches it only through its signals,
which Qt queues to the GUI thread. A question the engine asks (more than a handful of
deletions) is put to the GUI thread the same way, and the thread waits for the answer,
giving up when the run is cancelled. :func:`in_background` runs any other call (discovery,
creating collections) the same way for the accounts dialog.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

PROGRESS_EVERY = 0.1
"""Seconds between two progress reports passed on to the window (the engine may report
each of thousands of cards)."""


def _close_thread_connection() -> None:
    from netdesk.db.models import database_proxy

    try:
        database_proxy.close()  # this thread's own connection
    except Exception:  # noqa: BLE001 - no connection was opened, or it has gone
        pass


class SyncRun(QObject):
    """One sync of one account, running in a worker thread.

    Attributes:
        account: the engine's Account being synced.
        finished_ok: the SyncReport, once the engine returns.
        failed: (error, changes): the SyncError (or any other exception) the engine raised,
            and what it had written here before it stopped (see :func:`written_since`).
        progress: (step, done, total), at most every :data:`PROGRESS_EVERY` seconds.
        deletions_question: (local, remote): answer it with :meth:`answer_deletions`.
    """

    finished_ok = Signal(object)
    failed = Signal(object, object)
    progress = Signal(str, int, int)
    deletions_question = Signal(int, int)

    def __init__(self, account, password: str, parent: QObject | None = None, *,
                 sync_account: Callable | None = None):
        super().__init__(parent)
        self.account = account
        self._password = password
        self._sync_account = sync_account
        self._cancel = threading.Event()
        self._answered = threading.Event()
        self._answer = False
        self._last_progress = 0.0
        self.thread: threading.Thread | None = None
        self.done = False

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="netdesk-sync", daemon=True)
        self.thread.start()

    def cancel(self) -> None:
        """Ask the engine to stop at its next request; a pending question is answered No."""
        self._cancel.set()
        self._answered.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, seconds: float) -> bool:
        """Wait up to ``seconds`` for the thread to end; True when it has."""
        if self.thread is None:
            return True
        self.thread.join(seconds)
        return not self.thread.is_alive()

    def answer_deletions(self, yes: bool) -> None:
        self._answer = bool(yes) and not self._cancel.is_set()
        self._answered.set()

    # In the worker thread ----------------------------------------------------------------

    def _run(self) -> None:
        sync_account = self._sync_account
        if sync_account is None:
            from netdesk.sync.engine import sync_account
        before = _Snapshot()
        try:
            report = sync_account(self.account, self._password, progress=self._progress,
                                  cancelled=self._cancel.is_set,
                                  confirm_deletions=self._confirm_deletions)
        except Exception as error:  # noqa: BLE001 - every failure is told, none crashes
            changes = getattr(error, "changes", None)
            if changes is None:
                changes = written_since(before)
            self._emit(self.failed, error, changes)
        else:
            self._emit(self.finished_ok, report)
        finally:
            self._password = ""
            _close_thread_connection()

    def _progress(self, progress) -> None:
        now = time.monotonic()
        if now - self._last_progress < PROGRESS_EVERY and progress.done < progress.total:
            return
        self._last_progress = now
        self._emit(self.progress, progress.step, progress.done, progress.total)

    def _confirm_deletions(self, local: int, remote: int) -> bool:
        if self._cancel.is_set():
            return False
        self._answered.clear()
        self._answer = False
        self._emit(self.deletions_question, local, remote)
        while not self._answered.wait(0.05):
            pass
        return self._answer and not self._cancel.is_set()

    def _emit(self, signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the window has gone meanwhile
            pass


class _Snapshot:
    """What a sync is compared with when it stops early: the time it began, and who was
    there (read in the worker thread, so the GUI thread never waits for it)."""

    def __init__(self):
        from netdesk.db.models import Person, now

        self.started = now()
        try:
            self.people = {pid for (pid,) in Person.select(Person.id).tuples()}
        except Exception:  # noqa: BLE001 - the engine will say what is wrong with the file
            self.people = None


def written_since(before: _Snapshot):
    """The Changes of what was written here since ``before``: the local side of a sync
    that was cancelled or failed while sending is already committed, and the engine's
    error does not say what it wrote (every row it writes carries the time)."""
    from netdesk.core.changes import ALL_FIELDS, Changes
    from netdesk.db.models import FollowUp, Interaction, Interview, Person

    if before.people is None:
        return Changes()
    try:
        since = before.started
        now_people = {pid for (pid,) in Person.select(Person.id).tuples()}
        edited = [pid for (pid,) in Person.select(Person.id)
                  .where(Person.updated >= since).tuples()]
        timeline = {pid for (pid,) in Interaction.select(Interaction.person)
                    .where(Interaction.updated >= since).tuples()}
        fields = {pid: ALL_FIELDS for pid in edited}
        for pid in timeline - set(fields):
            fields[pid] = frozenset({"timeline"})
        return Changes(
            person_fields=fields,
            people_added=frozenset(now_people - before.people),
            people_removed=frozenset(before.people - now_people),
            interviews=frozenset(i for (i,) in Interview.select(Interview.id)
                                 .where(Interview.updated >= since).tuples()),
            follow_ups=frozenset(f for (f,) in FollowUp.select(FollowUp.id)
                                 .where(FollowUp.updated >= since).tuples()),
            referrals=bool(fields))
    except Exception:  # noqa: BLE001 - nothing more to tell than the error itself
        return Changes()


class _Relay(QObject):
    done = Signal(int, object, object)


class Background(QObject):
    """One call at a time off the GUI thread, for a dialog: a newer call (or
    :meth:`cancel`) makes the result of an older one ignored.

    ``succeeded(result)`` and ``failed(error)`` arrive in the GUI thread.
    """

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._generation = 0
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self.busy = False

    def run(self, call: Callable[[], object]) -> None:
        self._generation += 1
        generation = self._generation
        relay = self._relay
        self.busy = True

        def work() -> None:
            result = error = None
            try:
                result = call()
            except Exception as caught:  # noqa: BLE001 - told to the dialog, in words
                error = caught
            finally:
                _close_thread_connection()
            try:
                relay.done.emit(generation, result, error)
            except RuntimeError:  # the dialog has gone meanwhile
                pass

        threading.Thread(target=work, name="netdesk-sync-discovery", daemon=True).start()

    def cancel(self) -> None:
        self._generation += 1
        self.busy = False

    def _done(self, generation: int, result, error) -> None:
        if generation != self._generation:
            return
        self.busy = False
        if error is not None:
            self.failed.emit(error)
        else:
            self.succeeded.emit(result)
