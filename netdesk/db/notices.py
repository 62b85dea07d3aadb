"""Listening to the changes other writers make to a shared network on PostgreSQL.

Migration 0016's triggers send ``pg_notify('netdesk_changes', JSON)`` for every statement
that changes rows of netdesk's tables: the table, the operation, the ids and the people
concerned, and the writer's backend pid and role. A :class:`Listener` listens on its own
autocommit connection in a daemon thread (so a long transaction of the window never holds
a notice back), reconnects when the connection drops, and hands each batch of
:class:`Notice` to a callback, in that thread. No Qt here: the window's bridge
(``netdesk.ui.common.remote_changes``) takes the batches to the GUI thread.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

CHANNEL = "netdesk_changes"
BATCH_SECONDS = 0.05
"""Notices arriving within this long are handed over together."""
RECONNECT_SECONDS = (0.5, 1, 2, 5)
"""How long to wait before each try to connect again (the last one repeats)."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """One statement's change as announced by the database.

    Attributes:
        table: the table written ("person", "interview"…); ``MISSED`` after the listening
            connection was lost and made again (notices may have been missed meanwhile).
        operation: INSERT, UPDATE or DELETE.
        ids: the ids of the rows written.
        people: the ids of the people those rows belong to (a person: their own id).
        interviews: the ids of the interviews they belong to (questions of an interview).
        pid: the writer's backend pid.
        role: the writer's role.
    """

    table: str
    operation: str = ""
    ids: tuple[int, ...] = ()
    people: tuple[int, ...] = ()
    interviews: tuple[int, ...] = ()
    pid: int = 0
    role: str = ""

    @classmethod
    def from_payload(cls, payload: str, pid: int = 0) -> Notice | None:
        """The notice a trigger sent (None: not one of netdesk's)."""
        try:
            data = json.loads(payload)
            ids = tuple(int(i) for i in data.get("ids") or ())
            people = tuple(int(i) for i in data.get("people") or ())
            if data.get("table") == "person":
                people = people or ids
            return cls(table=str(data["table"]), operation=str(data.get("op", "")), ids=ids,
                       people=people,
                       interviews=tuple(int(i) for i in data.get("interviews") or ()),
                       pid=int(data.get("pid") or pid), role=str(data.get("role", "")))
        except (ValueError, TypeError, KeyError, AttributeError):
            log.warning("not a netdesk change notice: %.200s", payload)
            return None


MISSED = "*"
"""The table of the notice handed over after a reconnection: reload what is shown."""


def conninfo_of(db) -> str:
    """The connection string of ``db`` (a connected ``ServerDatabase``), password included."""
    from psycopg.conninfo import make_conninfo

    info = db.connection().info
    return make_conninfo(info.dsn, password=info.password) if info.password else info.dsn


def own_backend_pids(db) -> list[int]:
    """The backend pids of every connection ``db`` (a ``ServerDatabase``) opens in this
    process, in any thread (the window's, a sync worker's), from now on and the one open in
    this thread: the notices of their writes are this process's own. A live list, filled
    as connections are made (appending is safe across threads; copy it to read)."""
    pids = getattr(db, "netdesk_backend_pids", None)
    if pids is not None:
        return pids
    pids = db.netdesk_backend_pids = []
    initialize = db._initialize_connection

    def initialize_and_note(connection) -> None:
        initialize(connection)
        pids.append(connection.info.backend_pid)

    db._initialize_connection = initialize_and_note
    if not db.is_closed():
        pids.append(db.connection().info.backend_pid)
    return pids


class Listener:
    """LISTEN on ``conninfo`` in a daemon thread; ``on_notices(list[Notice])`` is called in
    that thread with each batch. :meth:`stop` ends it (within :data:`BATCH_SECONDS`)."""

    def __init__(self, conninfo: str, on_notices: Callable[[list[Notice]], None],
                 channel: str = CHANNEL):
        self.conninfo = conninfo
        self.on_notices = on_notices
        self.channel = channel
        self.listening = threading.Event()
        """Set while LISTEN is in effect (tests wait for it)."""
        self._stopped = threading.Event()
        self._connection = None
        self._thread = threading.Thread(target=self._run, name="netdesk-notices", daemon=True)

    def start(self) -> Listener:
        self._thread.start()
        return self

    def stop(self, timeout: float = 2.0) -> None:
        self._stopped.set()
        self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        import psycopg

        failures = 0
        connected_before = False
        while not self._stopped.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True) as connection:
                    connection.execute(f'LISTEN "{self.channel}"')
                    self.listening.set()
                    failures = 0
                    if connected_before:
                        self._hand_over([Notice(table=MISSED)])
                    connected_before = True
                    self._listen(connection)
            except psycopg.Error as error:
                self.listening.clear()
                if self._stopped.is_set():
                    break
                delay = RECONNECT_SECONDS[min(failures, len(RECONNECT_SECONDS) - 1)]
                failures += 1
                log.info("change notices: %s; connecting again in %s s",
                         str(error).strip().splitlines()[0] if str(error).strip() else error,
                         delay)
                self._stopped.wait(delay)
        self.listening.clear()

    def _listen(self, connection) -> None:
        while not self._stopped.is_set():
            batch = []
            for notify in connection.notifies(timeout=BATCH_SECONDS):
                notice = Notice.from_payload(notify.payload, notify.pid)
                if notice is not None:
                    batch.append(notice)
            if batch:
                self._hand_over(batch)

    def _hand_over(self, batch: list[Notice]) -> None:
        try:
            self.on_notices(batch)
        except Exception:  # a listener's bug must not end the listening
            log.exception("handling change notices failed")
