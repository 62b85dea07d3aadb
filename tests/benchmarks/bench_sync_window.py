"""The window while it syncs: how long the GUI thread goes without handling events during a
first sync of NETDESK_BENCH_SYNC_PEOPLE people (default 300) with a real Radicale.

Measured in the same run: the longest gap between two ticks of a 5 ms timer while the sync
runs in the worker (what the window does), while idle (the baseline), and when the same
sync is run on the GUI thread (what the window would do without the worker: frozen for the
whole sync). Each sync is a first sync, to a fresh address book and calendar of its own."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from tests.benchmarks.report import report

PEOPLE = int(os.environ.get("NETDESK_BENCH_SYNC_PEOPLE", "300"))
REPEAT = int(os.environ.get("NETDESK_BENCH_REPEAT", "3"))


class _Gaps:
    """The longest time between two ticks of a 5 ms timer (the event loop's stalls)."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.longest = 0.0
        self.last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, (now - self.last) * 1000)
        self.last = now

    def start(self) -> None:
        self.longest, self.last = 0.0, time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.longest


def _account(server):
    from netdesk.sync.accounts import add_account, create_collections

    user, password = server.new_user()
    found = create_collections(server.url, user, password, addressbook=True, calendar=True)
    account = add_account(server.url, user, addressbook_url=found.addressbooks[0].url,
                          calendar_url=found.calendars[0].url, interval_minutes=0)
    return account, password


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from netdesk.db import open_database
    from netdesk.db.models import Person, database_proxy
    from netdesk.sync.engine import sync_account
    from netdesk.ui.transfer.sync_worker import SyncRun
    from tests.sync.radicale import RadicaleServer

    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="netdesk-bench-sync-window-"))
    server = RadicaleServer(folder)
    server.start()
    try:
        db = open_database(folder / "bench.sqlite3")
        with db.atomic():
            Person.insert_many([{"first_name": f"First{i}", "last_name": f"Last{i}",
                                 "email": f"person{i}@example.org", "job_title": "Analyst"}
                                for i in range(PEOPLE)]).execute()
        gaps = _Gaps()
        worker, idle, gui = [], [], []
        worker_seconds, gui_seconds = [], []
        for _ in range(REPEAT):
            account, password = _account(server)
            run = SyncRun(account, password)
            outcome = []
            run.finished_ok.connect(outcome.append)
            run.failed.connect(lambda error, _changes, seen=outcome: seen.append(error))
            gaps.start()
            began = time.perf_counter()
            run.start()
            while not outcome:
                app.processEvents()
                time.sleep(0.001)
            worker_seconds.append(time.perf_counter() - began)
            worker.append(gaps.stop())
            assert not isinstance(outcome[0], Exception), outcome[0]

            gaps.start()
            end = time.perf_counter() + worker_seconds[-1]
            while time.perf_counter() < end:
                app.processEvents()
                time.sleep(0.001)
            idle.append(gaps.stop())

            account, password = _account(server)
            gaps.start()
            began = time.perf_counter()
            sync_account(account, password)  # on the GUI thread: no event is handled
            app.processEvents()
            gui_seconds.append(time.perf_counter() - began)
            gui.append(gaps.stop())
        database_proxy.close()
    finally:
        server.stop()
    median = statistics.median
    print(f"first sync of {PEOPLE:,} people, median of {REPEAT}: "
          f"{median(worker_seconds):.1f} s in the worker, {median(gui_seconds):.1f} s on the "
          "GUI thread")
    report("longest GUI stall, sync in the worker", median(worker), "ms",
           baseline=median(idle), goal="close to the idle baseline")
    report("longest GUI stall, the same sync on the GUI thread", median(gui), "ms",
           baseline=median(worker))


if __name__ == "__main__":
    main()
