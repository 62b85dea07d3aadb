"""Referral graph: layout against networkx's spring_layout at 2,000 people, layout plus first
render at 10,000 people, and zoom/pan frame times at 10,000 people."""

from __future__ import annotations

import statistics
import time

from tests.benchmarks.graphdb import build_graph_database
from tests.benchmarks.report import report, timed


def layout_once():
    from netdesk.core.graph import ME, build_forest, load_graph
    from netdesk.core.graph_layout import tree_layout

    forest = build_forest(load_graph())
    return forest, tree_layout(forest.children, ME)


def spring_baseline(forest) -> float:
    """networkx.spring_layout on the very same nodes and edges (tree plus cross edges)."""
    import networkx

    graph = networkx.DiGraph()
    graph.add_nodes_from(forest.nodes)
    graph.add_edges_from((parent, child) for child, parent in forest.parent.items())
    graph.add_edges_from((e.referrer, e.referred) for e in forest.cross_edges)
    start = time.perf_counter()
    networkx.spring_layout(graph, seed=1)
    return (time.perf_counter() - start) * 1000


def frame_times(app, view, steps: int = 12) -> dict[str, list[float]]:
    """Time each zoom or pan step from the input to the finished repaint, at several zoom
    levels from "fit all" to 200 %."""

    def timed_step(step) -> float:
        app.processEvents()  # nothing pending when the clock starts
        start = time.perf_counter()
        step()
        view.viewport().repaint()
        return (time.perf_counter() - start) * 1000

    results: dict[str, list[float]] = {"zoom": [], "pan": []}
    view.fit_all()
    levels = [view.zoom_factor(), 0.05, 0.15, 0.3, 0.6, 1.0, 2.0]
    bar = view.horizontalScrollBar()
    for level in levels:
        view.zoom_by(level / view.zoom_factor())
        view.centerOn(view.drawing.content_rect.center())
        timed_step(lambda: None)  # the first frame at a new level fills caches
        for i in range(steps):
            factor = 1.06 if i % 2 else 1 / 1.06
            results["zoom"].append(timed_step(lambda f=factor: view.zoom_by(f)))
        for i in range(steps):
            delta = 40 if i % 2 else -40
            results["pan"].append(timed_step(lambda d=delta: bar.setValue(bar.value() + d)))
    return results


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from netdesk.db import open_database

    app = QApplication.instance() or QApplication([])

    # 1. Layout at 2,000 people against networkx.spring_layout, same graph, same run.
    db = open_database(build_graph_database(2_000))
    forest, _ = layout_once()
    ours = timed(layout_once, repeat=5)
    from netdesk.core.graph import ME
    from netdesk.core.graph_layout import radial_layout, tree_layout

    tree_only = timed(lambda: tree_layout(forest.children, ME), repeat=5)
    radial_only = timed(lambda: radial_layout(forest.children, ME), repeat=5)
    spring = spring_baseline(forest)
    report("graph_layout_2k_load_forest_tree", ours, "ms", baseline=spring, goal=">= 100x")
    report("graph_layout_2k_tree_only", tree_only, "ms", baseline=spring, goal=">= 100x")
    report("graph_layout_2k_radial_only", radial_only, "ms", baseline=spring)
    db.close()

    # 2. Layout plus first render at 10,000 people.
    from netdesk.ui.graph.graph_view import ReferralGraphView

    open_database(build_graph_database(10_000))
    view = ReferralGraphView()
    view.resize(1280, 800)
    start = time.perf_counter()
    view.show()  # showing the view loads the graph, lays it out and draws it
    while view.graph is None:
        app.processEvents()
    view.viewport().repaint()
    app.processEvents()
    first = (time.perf_counter() - start) * 1000
    report("graph_load_layout_first_render_10k", first, "ms", goal="< 1000 ms")
    repeats = []
    for _ in range(3):
        start = time.perf_counter()
        view.reload()
        view.viewport().repaint()
        app.processEvents()
        repeats.append((time.perf_counter() - start) * 1000)
    report("graph_reload_and_render_10k_median", statistics.median(repeats), "ms")

    # 3. Zoom and pan frame times at 10,000 people, from "fit all" down to 200 %.
    times = frame_times(app, view)
    for kind, samples in times.items():
        samples.sort()
        report(f"graph_{kind}_frame_10k_median", statistics.median(samples), "ms",
               goal="< 16 ms")
        report(f"graph_{kind}_frame_10k_p95", samples[int(len(samples) * 0.95) - 1], "ms",
               goal="< 16 ms")
    view.close()
