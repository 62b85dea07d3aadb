"""Contact tree at 10,000, 50,000 and 100,000 people: a filter keystroke (worst of 20) and
opening a person deep in a large group, with the growth from one size to the next.

Each size is measured in a process of its own over a file built once (kept in
``NETDESK_BENCH_CACHE=DIR`` if set). ``NETDESK_BENCH_BEFORE=DIR`` names another copy
of the code (``git archive main | tar -x -C DIR``), measured the same way over the
same files in the same run and printed as "before".
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.bigdb import build_big_database
from tests.benchmarks.report import report

SIZES = (10_000, 50_000, 100_000)
KEYSTROKES = ("m", "ma", "mar", "mari", "maria", "maria ", "maria o", "maria ok", "n", "nu",
              "nur", "nurs", "nurse", "e", "en", "eng", "o", "or", "org", "organization 0")


def database(size: int) -> Path:
    cache = os.environ.get("NETDESK_BENCH_CACHE")
    folder = Path(cache) if cache else Path(tempfile.mkdtemp(prefix="netdesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"tree-{size}.sqlite3"
    if not path.exists():
        partial = folder / f"tree-partial-{size}.sqlite3"
        build_big_database(partial, people=size, organizations=max(size // 10, 1))
        partial.rename(path)
    return path


def measure_in_child(path: Path, code_dir: str | None = None) -> dict[str, float]:
    """:func:`measure` in a new process, with netdesk from ``code_dir`` when given."""
    front = f"sys.path.insert(0, {code_dir!r}); " if code_dir else ""
    code = (f"import sys, json, importlib.util; {front}"
            f"spec = importlib.util.spec_from_file_location('bench', {__file__!r}); "
            "module = importlib.util.module_from_spec(spec); spec.loader.exec_module(module); "
            f"print(json.dumps(module.measure({str(path)!r})))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure(path: str) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication, QTreeView

    from netdesk.db import open_database
    from netdesk.db.models import database_proxy
    from netdesk.ui.people.contact_tree_model import ContactTreeModel

    db = open_database(path, before_migrate=None)
    app = QApplication.instance() or QApplication([])
    view = QTreeView()
    view.setUniformRowHeights(True)
    view.resize(360, 700)
    model = ContactTreeModel()
    model.set_grouping("relationship")
    view.setModel(model)
    view.show()
    app.processEvents()

    typed = []
    for text in KEYSTROKES:
        start = time.perf_counter()
        model.set_filter(text)
        app.processEvents()
        typed.append((time.perf_counter() - start) * 1000)
    model.set_filter("")

    # The last member (by name) of the largest relationship group.
    (key,) = database_proxy.execute_sql(
        "SELECT relationship FROM person GROUP BY 1 ORDER BY count(*) DESC LIMIT 1").fetchone()
    (members,) = database_proxy.execute_sql(
        "SELECT count(*) FROM person WHERE relationship = ?", [key]).fetchone()
    (deep,) = database_proxy.execute_sql(
        "SELECT id FROM person WHERE relationship = ? ORDER BY last_name COLLATE NOCASE DESC, "
        "first_name COLLATE NOCASE DESC, id DESC LIMIT 1", [key]).fetchone()
    opened = []
    for _ in range(7):
        model.reload()
        start = time.perf_counter()
        index = model.index_of_person(deep)
        view.scrollTo(index)
        app.processEvents()
        opened.append((time.perf_counter() - start) * 1000)
        assert model.person_id(index) == deep
    view.close()
    db.close()
    return {"filter_worst": max(typed), "filter_median": statistics.median(typed),
            "open_deep": statistics.median(opened), "group": members}


def main() -> None:
    before_dir = os.environ.get("NETDESK_BENCH_BEFORE")
    results, before = {}, {}
    for size in SIZES:
        path = database(size)
        runs, old = [], []
        for _ in range(3):  # interleaved, so both see the same machine load
            runs.append(measure_in_child(path))
            if before_dir:
                old.append(measure_in_child(path, before_dir))
        results[size] = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
        if old:
            before[size] = {key: statistics.median(r[key] for r in old) for key in old[0]}
    for size, figures in results.items():
        k = f"{size // 1000}k"
        then = before.get(size, {})
        report(f"tree_filter_keystroke_worst_of_20_{k}", figures["filter_worst"], "ms",
               baseline=then.get("filter_worst"), goal="<= 50 ms at 100k")
        report(f"tree_filter_keystroke_median_{k}", figures["filter_median"], "ms",
               baseline=then.get("filter_median"))
        report(f"tree_open_person_deep_in_{figures['group']:.0f}_member_group_{k}",
               figures["open_deep"], "ms", baseline=then.get("open_deep"), goal="<= 30 ms")
    print("growth (100k / 10k): filter worst "
          f"{results[100_000]['filter_worst'] / results[10_000]['filter_worst']:.1f}x, "
          f"open deep {results[100_000]['open_deep'] / results[10_000]['open_deep']:.1f}x")
