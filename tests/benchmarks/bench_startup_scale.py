"""Start-up, quit and the dashboard at 10,000, 50,000 and 100,000 people.

Each start is a new process, ``python -m netdesk --db FILE`` with
``NETDESK_REPORT_FIRST_PAINT`` set: the window prints the moment of its first
paint (and of the dashboard's fill and the integrity verdict), stays open for
the number of milliseconds the variable holds, prints the moment it closes, and
closes. Measured here:

- first paint: from just before the process is started to its window's first
  paint, against a bare PySide6 window measured the same way in the same run, and
  against netdesk's first frame built in plain PySide6 (``FRAME_WINDOW``: what such a
  frame costs without netdesk);
- quit: from the moment the window closes to the moment the process is gone,
  right after the first paint (while the start-up work may still be running) and
  once settled;
- the dashboard: when it shows after the process started, and its fill (queries
  and drawing) in this process;
- memory: the peak resident set of the settled process (``os.wait4``);
- a click on a person: from the click in the contact tree to the person editor painted
  with them, as soon as the tree shows its rows after a start (a click no one is quick
  enough for), 300 ms after (a quick one), and once settled.

Every child runs with compiled modules, as an installed netdesk does (pip and the
bundle ship them): ``PYTHONDONTWRITEBYTECODE`` is dropped for the children and
``PYTHONPYCACHEPREFIX`` points at a folder of this run's, filled by one start of
each copy of the code before any is timed. Without that, a machine set not to write
bytecode would compile every module of netdesk from source at every start
(``NETDESK_BENCH_NO_BYTECODE=1`` measures that way).

``NETDESK_BENCH_SIZES=10000,50000`` picks other sizes; ``NETDESK_BENCH_CACHE=DIR``
keeps the built files there between runs. ``NETDESK_BENCH_BEFORE=DIR`` names another
copy of the code (``git archive main | tar -x -C DIR``): its starts are measured in
the same run, interleaved with these, over the same files, and printed as "before".

The dashboard is measured three ways: a whole fill read at once (``reload``: the
queries and the drawing, what the window waited for before); the drawing alone,
which is all the window waits for at a real start; and, at a real start, the
time from asking to the figures shown, read in their own thread meanwhile.
"""

from __future__ import annotations

import datetime
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.report import report, timed

SIZES = tuple(int(n) for n in os.environ.get("NETDESK_BENCH_SIZES",
                                             "10000,50000,100000").split(","))
QUICK_RUNS = 5
SETTLED_RUNS = 3
SETTLE_MS = 2500
TODAY = datetime.date.today()

BARE_WINDOW = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class FirstPaint(QObject):
    seen = False
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, lambda: print("first-paint", time.time(), flush=True))
            QTimer.singleShot(int(os.environ["NETDESK_REPORT_FIRST_PAINT"]), close)
        return False

def close():
    print("closing", time.time(), flush=True)
    window.close()

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1200, 780)
spy = FirstPaint()
window.installEventFilter(spy)
window.show()
sys.exit(app.exec())
"""


assert "window = QMainWindow()\n" in BARE_WINDOW  # where the frame is built in
FRAME_WINDOW = BARE_WINDOW.replace("window = QMainWindow()\n", """window = QMainWindow()
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QSplitter,
                               QTabWidget, QToolBar, QTreeView, QVBoxLayout, QWidget)
window.setWindowTitle("network - netdesk")
for title in ("&File", "&Edit", "&View", "&People", "&Interviews", "&Graph", "&Help"):
    menu = window.menuBar().addMenu(title)
    for i in range(8):
        menu.addAction(QAction(f"Item {i}", window))
bar = QToolBar()
window.addToolBar(bar)
for text in ("New Person", "Save", "Delete Person", "Undo", "Redo", "Plan Interview",
             "Print Question Sheet"):
    bar.addAction(QAction(text, window))
left = QWidget()
column = QVBoxLayout(left)
row = QHBoxLayout()
column.addLayout(row)
search = QLineEdit()
search.setPlaceholderText("Filter people (Ctrl+F)")
row.addWidget(search)
grouping = QComboBox()
grouping.addItems(["Organization", "Relationship"])
row.addWidget(grouping)
column.addWidget(QTreeView())
tabs = QTabWidget()
tabs.setDocumentMode(True)
heading = QLabel("This week")
heading.setAlignment(Qt.AlignmentFlag.AlignTop)
tabs.addTab(heading, "&Dashboard")
tabs.addTab(QWidget(), "Pers&on")
tabs.addTab(QWidget(), "&Referral Graph")
splitter = QSplitter(Qt.Orientation.Horizontal)
splitter.addWidget(left)
splitter.addWidget(tabs)
window.setCentralWidget(splitter)
window.statusBar().showMessage("Database: network.sqlite3")
""")
"""netdesk's first frame built in plain PySide6, no netdesk: the title, seven menus of eight
items, the toolbar's seven actions, a filter box and a combo box over an empty tree, three
tabs with a heading, a status bar. The least a window of that frame costs in PySide6."""

def database(people: int) -> Path:
    """A file with ``people`` people in ``people // 10`` organizations and a dashboard's worth
    of history, built once per run (or kept in ``NETDESK_BENCH_CACHE``), in a process of its
    own so that this one stays small (a child's peak memory counts the parent's at fork)."""
    cache = os.environ.get("NETDESK_BENCH_CACHE")
    folder = Path(cache) if cache else Path(tempfile.mkdtemp(prefix="netdesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"startup-{people}.sqlite3"
    if not path.exists():
        _in_child(f"build({people}, {str(path)!r})")
    return path


def build(people: int, path: str) -> None:
    from netdesk.db import open_database
    from tests.benchmarks.bench_dashboard import add_activity
    from tests.benchmarks.bigdb import build_big_database

    partial = Path(path).with_name(f"partial-{people}.sqlite3")
    build_big_database(partial, people=people, organizations=people // 10)
    db = open_database(partial, before_migrate=None)
    add_activity(db, people, today=TODAY)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    partial.rename(path)


def _in_child(call: str, code_dir: str | None = None) -> str:
    """Run ``call`` (a function of this module) in a new process; return what it printed.
    With ``code_dir``, everything is imported from there (netdesk and this module as they
    are in that copy)."""
    code = f"from tests.benchmarks.bench_startup_scale import *; {call}"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if code_dir:
        env["PYTHONPATH"] = code_dir
    return subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=_root(code_dir),
                          capture_output=True, text=True).stdout


def _root(code_dir: str | None) -> str:
    """Where a child runs: the copy of the code it is to import (``python -m`` and ``-c``
    put the working folder first on ``sys.path``)."""
    return code_dir or str(Path(__file__).resolve().parents[2])


def child_environment(home: Path, stay_ms: int, code_dir: str | None = None) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "NETDESK_REPORT_FIRST_PAINT": str(stay_ms)}
    if code_dir:
        env["PYTHONPATH"] = code_dir
    if not os.environ.get("NETDESK_BENCH_NO_BYTECODE"):
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(home / "bytecode")
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME",
                     "XDG_RUNTIME_DIR"):
        env[variable] = str(home / variable.lower())
        (home / variable.lower()).mkdir(parents=True, exist_ok=True, mode=0o700)
    env.pop("NETDESK_DB", None)
    return env


def run_child(arguments: list[str], env: dict[str, str],
              code_dir: str | None = None) -> dict[str, float]:
    """Start ``python ARGUMENTS`` and return its moments, in ms since it was started.

    Keys: each ``NAME EPOCH`` line it printed (the first of each name); ``quit``, from its
    ``closing`` line to the moment it was gone; ``rss_mb``, its peak resident set.
    """
    started = time.time()
    child = subprocess.Popen([sys.executable, *arguments], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, cwd=_root(code_dir))
    moments: dict[str, float] = {}
    for line in child.stdout:
        name, _, value = line.strip().partition(" ")
        try:
            moments.setdefault(name, (float(value) - started) * 1000)
        except ValueError:
            pass
    _pid, status, usage = os.wait4(child.pid, 0)
    gone = (time.time() - started) * 1000
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read()
    child.stderr.close()
    if child.returncode != 0 or "first-paint" not in moments:
        raise RuntimeError(f"{arguments} ended with {child.returncode}: {errors[-2000:]}")
    if "closing" in moments:
        moments["quit"] = gone - moments["closing"]
    moments["rss_mb"] = usage.ru_maxrss / 1024
    return moments


def starts(arguments: list[str], home: Path, stay_ms: int, runs: int,
           code_dir: str | None = None) -> list[dict]:
    return [run_child(arguments, child_environment(home, stay_ms, code_dir), code_dir)
            for _ in range(runs)]


def median(runs: list[dict], key: str) -> float:
    values = [r[key] for r in runs if key in r]
    return statistics.median(values) if values else float("nan")


def dashboard_fill(path: Path, code_dir: str | None = None) -> list[float]:
    """Median ms of the dashboard's queries, of a whole fill read at once, of the drawing
    alone and of a fill read in the background (nan where the code has none), over
    ``path`` (measured in a process of its own)."""
    out = _in_child(f"print(*measure_dashboard({str(path)!r}))", code_dir).split()
    values = [float(v) for v in out[-4:]] if len(out) >= 4 else [float(v) for v in out[-2:]]
    return (values + [float("nan")] * 2)[:4]


def measure_dashboard(path: str) -> tuple[float, float, float, float]:
    from PySide6.QtWidgets import QApplication

    from netdesk.core import dashboard
    from netdesk.db import open_database
    from netdesk.ui.dashboard.dashboard import DashboardWidget

    db = open_database(path, before_migrate=None)
    app = QApplication.instance() or QApplication([])
    queries = timed(lambda: dashboard.snapshot(TODAY))
    widget = DashboardWidget()
    widget.resize(1100, 800)
    widget.show()
    app.processEvents()
    fill = timed(lambda: (widget.reload(), app.processEvents()))
    drawing = background = float("nan")
    if hasattr(widget, "_show"):
        snap = dashboard.snapshot(TODAY)
        drawing = timed(lambda: (widget._show(snap), app.processEvents()))
        widget.read_in_background = True

        def in_background() -> None:
            done = []
            widget.loaded.connect(lambda: done.append(1))
            widget.refresh()
            while not done:
                app.processEvents()
            widget.loaded.disconnect()

        background = timed(in_background)
    widget.close()
    db.close()
    return queries, fill, drawing, background


CLICK_RUNS = 3
QUICK_CLICK_MS = 300


def measure_click(path: str, settle_ms: int) -> None:
    """Start as a real start does, wait for the tree's rows (and ``settle_ms`` more), open the
    first group, click its first person; print the ms from the click to the editor painted
    with them, and ``rows-shown`` (ms from the start of the window to the rows)."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt
    from PySide6.QtTest import QTest

    from netdesk.ui.shell.startup import Start, create_application

    app = create_application(["netdesk"])
    began = time.perf_counter()
    start = Start(backups_on=False)
    assert start.open(Path(path))
    window = start.window
    tree = window.contact_tree
    model, view = tree.model, tree.view

    def wait(until, limit_s: float = 30.0) -> None:
        deadline = time.monotonic() + limit_s
        while not until():
            if time.monotonic() > deadline:
                raise RuntimeError("timed out")
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)

    wait(lambda: start.painted and model.rowCount() > 0)
    rows_shown = (time.perf_counter() - began) * 1000
    settle_until = time.monotonic() + settle_ms / 1000
    wait(lambda: time.monotonic() >= settle_until)
    group = model.index(0, 0)
    view.expand(group)
    wait(lambda: model.rowCount(group) > 0)
    app.processEvents()
    person = model.index(0, 0, group)
    view.scrollTo(person)
    app.processEvents()
    point = view.visualRect(person).center()

    class Painted(QObject):
        seen = False

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
            if event.type() == QEvent.Type.Paint and type(watched).__name__ == "PersonEditor":
                self.seen = True
            return False

    spy = Painted()
    app.installEventFilter(spy)
    clicked = time.perf_counter()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    wait(lambda: spy.seen and type(window.person_stack.currentWidget()).__name__
         == "PersonEditor")
    shown = (time.perf_counter() - clicked) * 1000
    app.removeEventFilter(spy)
    print(f"click {shown:.3f} rows-shown {rows_shown:.3f}", flush=True)
    window.close()
    start.release()
    sys.stdout.flush()
    os._exit(0)


def clicks(path: Path, home: Path, settle_ms: int, code_dir: str | None = None) -> dict:
    """Median ms of a click on a person (see :func:`measure_click`), over ``CLICK_RUNS``."""
    runs = []
    here = Path(__file__).resolve()  # this measure, over the netdesk of code_dir
    call = (f"import runpy; runpy.run_path({str(here)!r})['measure_click']"
            f"({str(path)!r}, {settle_ms})")
    for _ in range(CLICK_RUNS):
        env = child_environment(home, 0, code_dir)
        env.pop("NETDESK_REPORT_FIRST_PAINT")
        words = subprocess.run([sys.executable, "-c", call], env=env, check=True,
                               cwd=_root(code_dir), capture_output=True, text=True).stdout.split()
        values = dict(zip(words[::2], (float(w) for w in words[1::2]), strict=False))
        runs.append(values)
    return {"click": median(runs, "click"), "rows": median(runs, "rows-shown")}


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="netdesk-bench-home-"))
    before_dir = os.environ.get("NETDESK_BENCH_BEFORE")
    rows = []
    for people in SIZES:
        path = database(people)
        netdesk = ["-m", "netdesk", "--db", str(path)]
        for code_dir in (None, before_dir) if before_dir else (None,):  # compiled modules
            starts(netdesk, home, 0, 1, code_dir)
        starts(["-c", BARE_WINDOW], home, 0, 1)
        starts(["-c", FRAME_WINDOW], home, 0, 1)
        bare_runs, frame_runs, quick, settled, before = [], [], [], [], []
        for _ in range(QUICK_RUNS):  # interleaved, so all see the same machine load
            bare_runs += starts(["-c", BARE_WINDOW], home, 0, 1)
            frame_runs += starts(["-c", FRAME_WINDOW], home, 0, 1)
            quick += starts(netdesk, home, 0, 1)
            if before_dir:
                before += starts(netdesk, home, 0, 1, before_dir)
        settled = starts(netdesk, home, SETTLE_MS, SETTLED_RUNS)
        click_now, click_quick, click_settled = (clicks(path, home, wait)
                                                 for wait in (0, QUICK_CLICK_MS, SETTLE_MS))
        before_click, before_click_quick, before_click_settled = (
            (clicks(path, home, wait, before_dir) if before_dir else {})
            for wait in (0, QUICK_CLICK_MS, SETTLE_MS))
        queries, fill, drawing, background = dashboard_fill(path)
        before_fill = dashboard_fill(path, before_dir)[1] if before_dir else float("nan")
        row = {
            "people": people,
            "bare": median(bare_runs, "first-paint"),
            "frame": median(frame_runs, "first-paint"),
            "paint": median(quick + settled, "first-paint"),
            "quit_early": median(quick, "quit"),
            "quit": median(settled, "quit"),
            "bare_quit": median(bare_runs, "quit"),
            "dashboard_shown": median(settled, "dashboard-filled"),
            "checked": median(settled, "checked"),
            "queries": queries,
            "fill": fill,
            "drawing": drawing,
            "background": background,
            "before_paint": median(before, "first-paint"),
            "before_fill": before_fill,
            "rss": median(settled, "rss_mb"),
            "bare_rss": median(bare_runs, "rss_mb"),
            "click_now": click_now["click"],
            "click_quick": click_quick["click"],
            "click_settled": click_settled["click"],
            "before_click_quick": before_click_quick.get("click", float("nan")),
            "rows_shown": click_now["rows"],
            "before_click_now": before_click.get("click", float("nan")),
            "before_click_settled": before_click_settled.get("click", float("nan")),
            "before_rows_shown": before_click.get("rows", float("nan")),
        }
        rows.append(row)
        k = f"{people // 1000}k"
        report(f"startup_first_paint_{k}", row["paint"], "ms", baseline=row["bare"],
               goal="<= 1.5x the bare window and <= 300 ms")
        report(f"startup_same_frame_in_plain_pyside6_{k}", row["frame"], "ms",
               baseline=row["bare"])
        report(f"quit_right_after_first_paint_{k}", row["quit_early"], "ms",
               baseline=row["bare_quit"], goal="<= 300 ms")
        report(f"quit_settled_{k}", row["quit"], "ms", baseline=row["bare_quit"],
               goal="<= 300 ms")
        report(f"dashboard_shown_after_start_{k}", row["dashboard_shown"], "ms",
               baseline=row["paint"], goal="after the first paint")
        report(f"integrity_verdict_after_start_{k}", row["checked"], "ms")
        report(f"dashboard_queries_{k}", row["queries"], "ms")
        report(f"dashboard_fill_read_at_once_{k}", row["fill"], "ms",
               baseline=row["before_fill"] if before_dir else None, goal="<= 100 ms")
        report(f"dashboard_fill_window_waits_{k}", row["drawing"], "ms", goal="<= 100 ms")
        report(f"dashboard_fill_read_beside_the_window_{k}", row["background"], "ms")
        if before_dir:
            report(f"startup_first_paint_before_{k}", row["before_paint"], "ms",
                   baseline=row["bare"])
        report(f"peak_rss_{k}", row["rss"], "MB", baseline=row["bare_rss"])
        report(f"click_person_as_rows_show_{k}", row["click_now"], "ms",
               baseline=row["before_click_now"] if before_dir else None,
               goal="no visible stall (<= 100 ms)")
        report(f"click_person_300ms_after_rows_{k}", row["click_quick"], "ms",
               baseline=row["before_click_quick"] if before_dir else None, goal="<= 100 ms")
        report(f"click_person_settled_{k}", row["click_settled"], "ms",
               baseline=row["before_click_settled"] if before_dir else None, goal="<= 100 ms")
        report(f"tree_rows_shown_{k}", row["rows_shown"], "ms",
               baseline=row["before_rows_shown"] if before_dir else None)

    print()
    print("| people | first paint (before) | bare window | ratio | same frame in plain PySide6 "
          "(ratio) | quit (early / settled) "
          "| dashboard shown | verdict | dashboard fill at once (before; queries) "
          "| window waits (read beside it) | peak RSS "
          "| click on a person: as rows show / 300 ms after / settled (before) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r['people']:,} | {r['paint']:.0f} ms ({r['before_paint']:.0f}) "
              f"| {r['bare']:.0f} ms "
              f"| {r['paint'] / r['bare']:.2f}x "
              f"| {r['frame']:.0f} ms ({r['frame'] / r['bare']:.2f}x) "
              f"| {r['quit_early']:.0f} / {r['quit']:.0f} ms "
              f"| {r['dashboard_shown']:.0f} ms | {r['checked']:.0f} ms "
              f"| {r['fill']:.0f} ms ({r['before_fill']:.0f}; {r['queries']:.0f} ms) "
              f"| {r['drawing']:.0f} ms ({r['background']:.0f} ms) "
              f"| {r['rss']:.0f} MB (bare {r['bare_rss']:.0f}) "
              f"| {r['click_now']:.0f} / {r['click_quick']:.0f} / {r['click_settled']:.0f} ms "
              f"({r['before_click_now']:.0f} / {r['before_click_quick']:.0f} / "
              f"{r['before_click_settled']:.0f}) |")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = last["people"] / first["people"]
        print(f"\ngrowth from {first['people']:,} to {last['people']:,} people ({growth:.0f}x): "
              f"first paint {last['paint'] / first['paint']:.2f}x, "
              f"quit {last['quit'] / first['quit']:.2f}x, "
              f"dashboard fill {last['fill'] / first['fill']:.2f}x, "
              f"peak RSS {last['rss'] / first['rss']:.2f}x")


if __name__ == "__main__":
    main()
