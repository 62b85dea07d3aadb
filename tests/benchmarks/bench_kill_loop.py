"""Crash safety at scale: many SIGKILLs of a writer; reports kills, rows lost, integrity."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tests.benchmarks.report import report
from tests.reliability.kill_loop import run_kill_loop

KILLS = int(os.environ.get("NETDESK_BENCH_KILLS", "1000"))


def main() -> None:
    path = Path(tempfile.mkdtemp(prefix="netdesk-kill-")) / "killed.sqlite3"
    result = run_kill_loop(path, KILLS)
    report("kill loop: kills survived", result.kills if result.opened_ok else 0, "kills",
           goal=f"{KILLS}")
    report("kill loop: kills before the first commit", result.kills_before_first_commit, "kills")
    report("kill loop: commits reported", len(result.reported), "rows")
    report("kill loop: rows lost", len(result.lost), "rows", goal="0")
    report("kill loop: half-written transactions", result.half_written, "rows", goal="0")
    report("kill loop: writer failures", len(result.writer_failures), "runs", goal="0")
    report("kill loop: integrity_check ok", 1 if result.integrity == "ok" else 0, "",
           goal="1")
    report("kill loop: wall time", result.seconds, "s")
    if result.lost or result.integrity != "ok" or result.writer_failures or result.half_written:
        raise SystemExit(f"kill loop FAILED: {result}")
