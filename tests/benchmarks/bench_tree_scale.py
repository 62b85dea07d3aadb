"""Contact tree at 10,000, 50,000 and 100,000 people: a filter keystroke (worst of 20) and
opening a person deep in a large group, with the growth from one size to the next."""

from __future__ import annotations

import statistics
import time

from tests.benchmarks.bigdb import build_big_database
from tests.benchmarks.report import report

SIZES = (10_000, 50_000, 100_000)
KEYSTROKES = ("m", "ma", "mar", "mari", "maria", "maria ", "maria o", "maria ok", "n", "nu",
              "nur", "nurs", "nurse", "e", "en", "eng", "o", "or", "org", "organization 0")


def measure(size: int) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication, QTreeView

    from netdesk.db import open_database
    from netdesk.db.models import database_proxy
    from netdesk.ui.people.contact_tree_model import ContactTreeModel

    path = build_big_database(people=size, organizations=max(size // 10, 1))
    db = open_database(path)
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
    for _ in range(3):
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
    results = {size: measure(size) for size in SIZES}
    for size, figures in results.items():
        k = f"{size // 1000}k"
        report(f"tree_filter_keystroke_worst_of_20_{k}", figures["filter_worst"], "ms",
               goal="<= 50 ms at 100k")
        report(f"tree_filter_keystroke_median_{k}", figures["filter_median"], "ms")
        report(f"tree_open_person_deep_in_{figures['group']}_member_group_{k}",
               figures["open_deep"], "ms", goal="<= 30 ms")
    print("growth (100k / 10k): filter worst "
          f"{results[100_000]['filter_worst'] / results[10_000]['filter_worst']:.1f}x, "
          f"open deep {results[100_000]['open_deep'] / results[10_000]['open_deep']:.1f}x")
