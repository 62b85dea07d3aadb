"""The LAMP list at scale: 5,000 organizations on the list, 50,000 people, 30,000 referrals.
Reading the ranked list with its computed advocacy (one SQL query) against the graph way
(load the whole referral graph, one breadth-first search from Me, count per organization);
a score edited and the list read again; opening the LAMP window."""

from __future__ import annotations

import random

from tests.benchmarks.bigdb import build_big_database
from tests.benchmarks.report import report, timed


def graph_way() -> dict[int, int]:
    """Advocacy as the graph computes it: everyone one or two steps from Me, by organization."""
    from netdesk.core.graph import load_graph
    from netdesk.core.referral_paths import path_to, predecessors_from_me

    graph = load_graph()
    before = predecessors_from_me(graph)
    counts: dict[int, int] = {}
    for person in graph.people.values():
        if person.organization_id is not None:
            path = path_to(before, person.id)
            if path is not None and len(path) <= 2:
                counts[person.organization_id] = counts.get(person.organization_id, 0) + 1
    return counts


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from netdesk.core.lamp import lamp_rows, set_scores
    from netdesk.db.database import open_database
    from netdesk.db.models import LAMP_PASSES, LampEntry, Referral, database_proxy

    app = QApplication.instance() or QApplication([])
    open_database(build_big_database())
    rng = random.Random(11)
    with database_proxy.atomic():
        pairs = {(a, b) for a, b in ((rng.randint(1, 25_000), rng.randint(25_001, 50_000))
                                     for _ in range(30_000))}
        # Lower ids refer higher ones: no loops.
        rows = [{"referrer": a, "referred": b} for a, b in pairs]
        for start in range(0, len(rows), 5000):
            Referral.insert_many(rows[start:start + 5000]).execute()
        entries = [{"organization": i, "found_in": rng.choice(LAMP_PASSES),
                    "motivation": rng.randint(0, 3), "posting": rng.randint(1, 3),
                    "position": i} for i in range(1, 5001)]
        for start in range(0, len(entries), 2500):
            LampEntry.insert_many(entries[start:start + 2500]).execute()

    rows = lamp_rows()
    expected = graph_way()
    assert all(r.advocates == expected.get(r.organization_id, 0) for r in rows)
    report("the ranked LAMP list, 5,000 organizations, advocacy computed",
           timed(lamp_rows, repeat=7), "ms", baseline=timed(graph_way, repeat=3),
           goal="< 300 ms")
    entry = rows[-1].entry_id
    scores = iter(range(10_000))
    report("a motivation edited and the list read again",
           timed(lambda: (set_scores(entry, motivation=next(scores) % 4), lamp_rows()),
                 repeat=7), "ms", goal="< 300 ms")

    from netdesk.ui.method.lamp_window import LampWindow

    def open_window():
        window = LampWindow()
        window.show()
        app.processEvents()
        window.hide()
        window.deleteLater()
        app.processEvents()

    report("open the LAMP window", timed(open_window, repeat=5), "ms", goal="< 500 ms")
