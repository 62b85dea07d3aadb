"""Changes made by others on a shared network, announced in the window through the change flow.

On PostgreSQL a :class:`netdesk.db.notices.Listener` hears every statement other clients
commit; :class:`RemoteChanges` takes its batches to the GUI thread, gathers them until
:data:`QUIET_MS` pass without a new one (at most :data:`MOST_MS`), turns them into one
``Changes`` (:func:`netdesk.core.remote_changes.changes_from`, leaving out this process's
own writes by the backend pids of its connections) and publishes it with :data:`SOMEONE_ELSE` as the
initiator: a whole import by someone else is one reload, not one per row.
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from netdesk.core.remote_changes import changes_from
from netdesk.db.dialect import is_server
from netdesk.db.models import database_proxy
from netdesk.db.notices import Listener, Notice, conninfo_of, own_backend_pids
from netdesk.ui.common.changes import publish

QUIET_MS = 100
MOST_MS = 500
log = logging.getLogger(__name__)


class _SomeoneElse:
    def __repr__(self) -> str:
        return "SOMEONE_ELSE"


SOMEONE_ELSE = _SomeoneElse()
"""The initiator of a change another client made."""


class RemoteChanges(QObject):
    """Publishes what other clients change in ``db`` (a ``ServerDatabase``)."""

    notices_arrived = Signal(object)
    """A batch of notices, emitted in the listener's thread."""
    published = Signal(object)
    """The Changes just published (tests count them)."""

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self._pending: list[Notice] = []
        self._since: float | None = None
        self._timer = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._timer.timeout.connect(self.publish_now)
        self.notices_arrived.connect(self._take, Qt.ConnectionType.QueuedConnection)
        self._own = own_backend_pids(db)
        self.listener = Listener(conninfo_of(db), self.notices_arrived.emit)
        listener = self.listener
        self.destroyed.connect(lambda *_: listener.stop(0.2))

    def start(self) -> RemoteChanges:
        self.listener.start()
        return self

    def stop(self) -> None:
        self._timer.stop()
        self.listener.stop()

    def own_pids(self) -> set[int]:
        """The backend pids of this process's connections (their writes are announced
        already, by the code that made them)."""
        return set(self._own[:])

    def _take(self, batch: list[Notice]) -> None:
        now = time.monotonic()
        if self._since is None:
            self._since = now
        self._pending.extend(batch)
        waited_ms = (now - self._since) * 1000
        self._timer.start(max(0, min(QUIET_MS, MOST_MS - int(waited_ms))))

    def publish_now(self) -> None:
        """Publish what has arrived (the timer does it once the notices stop coming)."""
        self._timer.stop()
        pending, self._pending, self._since = self._pending, [], None
        if database_proxy.obj is not self.db:  # another database is open now
            self.stop()
            return
        changes = changes_from(pending, self.own_pids())
        if changes:
            publish(changes, SOMEONE_ELSE)
            self.published.emit(changes)


def start_for(window) -> RemoteChanges | None:
    """On a shared network (PostgreSQL), start publishing others' changes for ``window``
    (stopped with it); None on a file."""
    db = database_proxy.obj
    if db is None or not is_server(db):
        return None
    try:
        return RemoteChanges(db, window).start()
    except Exception:  # no live updates, but the window works: say so in the log
        log.exception("cannot listen to the changes of others")
        return None
