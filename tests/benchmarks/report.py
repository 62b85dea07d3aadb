"""Helpers every benchmark uses: timing and one printed line per figure."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(function: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time of ``function()`` in milliseconds over ``repeat`` runs."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def report(name: str, value: float, unit: str = "ms",
           baseline: float | None = None, goal: str = "") -> str:
    """Print ``name: value unit (baseline: value unit, ratio: x)`` and return the line."""
    line = f"{name}: {value:.2f} {unit}"
    if baseline is not None:
        ratio = baseline / value if value else float("inf")
        line += f" (baseline: {baseline:.2f} {unit}, ratio: {ratio:.1f}x)"
    if goal:
        line += f"  [goal: {goal}]"
    print(line, flush=True)
    return line
