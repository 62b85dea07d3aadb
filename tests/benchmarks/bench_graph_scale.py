"""Referral graph at 10,000, 50,000 and 100,000 people, each size in a process of its own:
the graph tab first shown (until the first frame that shows the graph, its picture while
the drawing is planned; until the drawing itself, every node under the pointer; and the
longest stall of the event loop meanwhile), back to the graph after one edit of each kind,
frames while zooming in on Me and while panning around Me, and the peak memory; then the
growth from 10k to 100k."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks.report import report

SIZES = (10_000, 50_000, 100_000)
TICK_MS = 10
EDITS = ("rename", "stage", "new_person", "new_referral", "remove_person")


def _rss_mb(key: str) -> float:
    """VmRSS or VmHWM (the peak) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


class _Watch:
    """Runs the event loop until the view paints a frame that shows what is loaded, ticking a
    timer every 10 ms meanwhile to see how long the loop was kept from running."""

    def __init__(self, app, view):
        from PySide6.QtCore import QEvent, QObject, QTimer

        self.app, self.view = app, view
        watch = self

        class Filter(QObject):
            def eventFilter(self, _obj, event):  # noqa: N802 (Qt's name)
                if event.type() == QEvent.Type.Paint and watch.first is None:
                    watch.first = time.perf_counter()  # any frame, fresh or not
                if event.type() == QEvent.Type.Paint and watch.shown is None \
                        and (watch.view.preview is not None or watch.ready()):
                    watch.shown = 0.0
                    QTimer.singleShot(0, watch.graph_painted)
                if event.type() == QEvent.Type.Paint and watch.armed and watch.ready():
                    watch.armed = False
                    QTimer.singleShot(0, watch.done)  # runs once this frame is painted
                return False

        self.filter = Filter()
        view.viewport().installEventFilter(self.filter)
        self.ticker = QTimer(interval=TICK_MS)
        self.ticker.timeout.connect(self.tick)
        self.armed = False

    def ready(self) -> bool:
        view = self.view
        return (view.graph is not None and view.layout_result is not None
                and len(view.layout_result.positions) > 1 and not view._dirty
                and not view._reload_timer.isActive() and not getattr(view, "loading", False))

    def tick(self) -> None:
        now = time.perf_counter()
        self.stall = max(self.stall, now - self.last)
        self.last = now

    def graph_painted(self) -> None:
        self.shown = time.perf_counter()

    def done(self) -> None:
        self.finished = time.perf_counter()
        if not self.shown:
            self.shown = self.finished
        self.loop.quit()

    def run(self, action) -> tuple[float, float]:
        """Do ``action`` and wait for the fresh frame: (milliseconds, longest stall in ms);
        ``first_frame`` is then the milliseconds until the first frame of any kind, and
        ``graph_frame`` until the first that showed the graph: its picture while its drawing
        was planned (a first load of a large graph), else the fresh frame itself."""
        from PySide6.QtCore import QEventLoop, QTimer

        self.loop = QEventLoop()
        self.stall, self.finished, self.first, self.shown = 0.0, None, None, None
        self.armed = True
        self.ticker.start()
        start = self.last = time.perf_counter()
        QTimer.singleShot(0, action)
        QTimer.singleShot(120_000, self.loop.quit)
        self.loop.exec()
        self.ticker.stop()
        self.tick()
        end = self.finished or time.perf_counter()
        self.first_frame = ((self.first or end) - start) * 1000
        self.graph_frame = ((self.shown or end) - start) * 1000
        return (end - start) * 1000, max(self.stall * 1000 - TICK_MS, 0.0)


def _edit(kind: str, view) -> None:
    from netdesk.core.changes import Changes
    from netdesk.core.people import PersonForm, delete_person, save_person
    from netdesk.db.models import Person, database_proxy
    from netdesk.ui.common.changes import publish
    from netdesk.ui.people.referral_commands import AddReferralCommand

    graph = view.graph
    some = sorted(graph.people)[len(graph.people) // 2]
    if kind == "rename":
        publish(save_person(some, PersonForm(first_name="Renamed", last_name="x"),
                            only={"first_name"}))
    elif kind == "stage":
        person = Person.get_by_id(some)
        stage = "declined" if person.stage != "declined" else "thanked"
        publish(save_person(some, PersonForm(first_name="x", stage=stage), only={"stage"}))
    elif kind == "new_person":
        publish(save_person(None, PersonForm(first_name="New", last_name="Person",
                                             relationship="friend")))
    elif kind == "new_referral":
        (referred,) = database_proxy.execute_sql(
            "SELECT max(id) FROM person WHERE id NOT IN (SELECT referred_id FROM referral)"
        ).fetchone()
        AddReferralCommand(some, referred, "Record").redo()
    elif kind == "remove_person":
        (leaf,) = database_proxy.execute_sql(
            "SELECT max(id) FROM person WHERE id NOT IN (SELECT referrer_id FROM referral)"
        ).fetchone()
        delete_person(leaf)
        publish(Changes(people_removed=frozenset({leaf})))


def _frames(app, view, step_actions) -> list[float]:
    samples = []
    for step in step_actions:
        app.processEvents()
        start = time.perf_counter()
        step()
        view.viewport().repaint()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def measure(size: int, path: str | None = None, opened: bool = False) -> dict:
    """Everything for one size, in this process (run by :func:`main` in a fresh one, over a
    database written by another, so that writing it counts in neither time nor memory).
    ``opened``: no cluster at all (every person a node of their own)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget

    from netdesk.core.graph import ME
    from netdesk.db import open_database
    from netdesk.ui.graph.graph_panel import GraphPanel
    from tests.benchmarks.graphdb import build_graph_database

    open_database(path or build_graph_database(size))
    if opened:
        from netdesk.core import graph

        graph.CLUSTER_MIN = 10**9
    app = QApplication.instance() or QApplication([])
    # The icon font loaded, as in the window, which draws its toolbar's icons once it has
    # painted, before its graph tab is shown (loading the font takes 0.15 s, once).
    from netdesk.ui.common.theme import icon

    icon("graph-fit")
    # The graph tab and one other, as in the window.
    tabs = QStackedWidget()
    other = QLabel("another tab")
    panel = GraphPanel()
    tabs.addWidget(other)
    tabs.addWidget(panel)
    tabs.resize(1280, 800)
    tabs.show()
    app.processEvents()
    base_rss = _rss_mb("VmRSS")
    view = panel.view
    watch = _Watch(app, view)
    figures: dict = {"size": size}

    figures["first_show_ready"], figures["first_show_stall"] = watch.run(
        lambda: tabs.setCurrentWidget(panel))
    figures["first_show"] = watch.graph_frame
    figures["rss_shown"] = _rss_mb("VmRSS") - base_rss

    for kind in EDITS:
        tabs.setCurrentWidget(other)
        app.processEvents()
        _edit(kind, view)
        app.processEvents()
        took, stall = watch.run(lambda: tabs.setCurrentWidget(panel))
        figures[f"back_after_{kind}"] = took
        figures[f"back_after_{kind}_first_frame"] = watch.first_frame
        figures[f"back_after_{kind}_stall"] = stall

    me = QPointF(*view.layout_result.positions[ME])
    view.fit_all()
    view.centerOn(me)
    app.processEvents()
    steps = []
    factor = 1.1
    zoom = view.zoom_factor()
    while zoom < 3.0:
        steps.append(lambda: (view.zoom_by(factor), view.centerOn(me)))
        zoom *= factor
    zoom_in = _frames(app, view, steps)
    zoom_out = _frames(app, view, [lambda: (view.zoom_by(1 / factor), view.centerOn(me))
                                   for _ in range(len(steps))])
    figures["zoom_median"] = statistics.median(zoom_in + zoom_out)
    figures["zoom_worst"] = max(zoom_in + zoom_out)
    figures["zoom_frames"] = len(zoom_in + zoom_out)

    pans = []
    for level in (1.0, 0.3):
        view.zoom_by(level / view.zoom_factor())
        view.centerOn(me)
        bar, other_bar = view.horizontalScrollBar(), view.verticalScrollBar()
        pans += _frames(app, view, [lambda d=(60 if i % 8 < 4 else -60), b=bar: b.setValue(
            b.value() + d) for i in range(32)])
        pans += _frames(app, view, [lambda d=(60 if i % 8 < 4 else -60), b=other_bar: b.setValue(
            b.value() + d) for i in range(32)])
        # Further away from Me, down the tree.
        view.centerOn(view.drawing.content_rect.center())
        pans += _frames(app, view, [lambda d=(80 if i % 8 < 4 else -80), b=bar: b.setValue(
            b.value() + d) for i in range(32)])
    figures["pan_median"] = statistics.median(pans)
    figures["pan_worst"] = max(pans)
    figures["rss_peak"] = _rss_mb("VmHWM") - base_rss
    figures["rss_peak_total"] = _rss_mb("VmHWM")
    tabs.close()
    return figures


def _run(size: int, opened: bool = False) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    written = subprocess.run(
        [sys.executable, "-c", "from tests.benchmarks.graphdb import build_graph_database; "
         f"print(build_graph_database({size}))"], env=env, capture_output=True, text=True,
        check=True)
    path = written.stdout.strip().splitlines()[-1]
    code = ("import json, sys; from tests.benchmarks.bench_graph_scale import measure; "
            f"print('RESULT ' + json.dumps(measure({size}, {path!r}, {opened})))")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True)
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


NAMES = [
    ("first_show", "ms", "<= 1500 ms"),
    ("first_show_ready", "ms", ""),
    ("first_show_stall", "ms", "window responsive"),
    *[(f"back_after_{kind}", "ms", "<= 100 ms") for kind in EDITS],
    *[(f"back_after_{kind}_first_frame", "ms", "") for kind in EDITS],
    *[(f"back_after_{kind}_stall", "ms", "") for kind in EDITS],
    ("zoom_median", "ms", "<= 16.7 ms"),
    ("zoom_worst", "ms", "<= 50 ms"),
    ("pan_median", "ms", "<= 16.7 ms"),
    ("pan_worst", "ms", "<= 50 ms"),
    ("rss_shown", "MB", ""),
    ("rss_peak", "MB", ""),
    ("rss_peak_total", "MB", "<= 300 MB"),
]


def main() -> None:
    repeat = int(os.environ.get("NETDESK_BENCH_REPEAT", "1"))
    results = {}
    for size in SIZES:
        runs = [_run(size) for _ in range(repeat)]
        results[size] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    # The largest once more with every cluster opened: each person a node of their own.
    runs = [_run(SIZES[-1], opened=True) for _ in range(repeat)]
    opened = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    for name, unit, goal in NAMES:
        for size, figures in results.items():
            report(f"graph_{name}_{size // 1000}k", figures[name], unit,
                   goal=goal if size == SIZES[-1] else "")
        report(f"graph_{name}_{SIZES[-1] // 1000}k_clusters_opened", opened[name], unit)
    print("\ngrowth from 10k to 100k people (x):")
    print(f"{'figure':34} " + " ".join(f"{s // 1000:>8}k" for s in SIZES)
          + "   100k/10k   100k, clusters opened")
    for name, unit, _goal in NAMES:
        values = [results[s][name] for s in SIZES]
        ratio = values[-1] / values[0] if values[0] else float("inf")
        print(f"{name + ' (' + unit + ')':34} " + " ".join(f"{v:9.1f}" for v in values)
              + f"   {ratio:8.1f}   {opened[name]:9.1f}")
