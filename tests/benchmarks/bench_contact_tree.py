"""Contact tree at 50,000 people: first paint against a QStandardItemModel copy, a filter
keystroke, and the start-up of ``netdesk --self-check`` against a bare PySide6 window."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tests.benchmarks.bigdb import build_big_database
from tests.benchmarks.report import report

BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\nwindow = QMainWindow()\nwindow.show()\napp.processEvents()\n"
)


def first_paint(app, view, make_model) -> float:
    start = time.perf_counter()
    model = make_model()
    view.setModel(model)
    view.show()
    view.repaint()
    app.processEvents()
    elapsed = (time.perf_counter() - start) * 1000
    view.setModel(None)
    return elapsed


def standard_item_model():
    """The naive way: copy every group and person into QStandardItems."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel

    from netdesk.core import contact_groups

    model = QStandardItemModel()
    root = model.invisibleRootItem()
    for group in contact_groups.groups("organization"):
        parent = QStandardItem(f"{group.label} ({group.count})")
        parent.appendRows([QStandardItem(m.name) for m in contact_groups.members(
            "organization", group.key, limit=1_000_000)])
        root.appendRow(parent)
    return model


def process_seconds(arguments: list[str], runs: int = 3) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *arguments], env=env, check=True, capture_output=True)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    from PySide6.QtWidgets import QApplication, QTreeView

    from netdesk.db import open_database
    from netdesk.ui.people.contact_tree_model import ContactTreeModel

    path = build_big_database()
    open_database(path)
    app = QApplication.instance() or QApplication([])
    view = QTreeView()
    view.setUniformRowHeights(True)
    view.resize(360, 700)

    def lazy_model():
        model = ContactTreeModel()
        model.reload()
        return model

    ours = min(first_paint(app, view, lazy_model) for _ in range(3))
    naive = first_paint(app, view, standard_item_model)
    report("tree_first_paint_50k", ours, "ms", baseline=naive, goal=">= 10x faster")

    model = ContactTreeModel()
    model.reload()
    view.setModel(model)
    app.processEvents()
    timings = []
    for text in ("m", "ma", "mar", "mari", "maria", "maria o", "nurse", "organization 004"):
        start = time.perf_counter()
        model.set_filter(text)
        view.expandAll() if model.person_count() < 300 else None
        app.processEvents()
        timings.append((time.perf_counter() - start) * 1000)
    report("filter_keystroke_50k_worst", max(timings), "ms", goal="< 50 ms")
    report("filter_keystroke_50k_median", sorted(timings)[len(timings) // 2], "ms")

    bare = process_seconds(["-c", BARE_WINDOW])
    ours_start = process_seconds(["-m", "netdesk", "--db", str(path), "--self-check"])
    report("startup_self_check_50k", ours_start, "ms", baseline=bare,
           goal="at most 1.5x the bare window (ratio >= 0.67x)")
