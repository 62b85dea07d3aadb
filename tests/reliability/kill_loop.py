"""The kill loop: start a writer, SIGKILL it at a random moment, repeat, then audit the file.

Shared by ``tests/reliability/test_kill_loop.py`` (a modest count, for CI) and
``tests/benchmarks/bench_kill_loop.py`` (a large count).
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

WRITER = Path(__file__).with_name("writer.py")


@dataclass
class KillLoopResult:
    kills: int = 0
    kills_before_first_commit: int = 0
    reported: set[int] = field(default_factory=set)
    lost: list[int] = field(default_factory=list)
    half_written: int = 0
    integrity: str = ""
    foreign_key_problems: int = 0
    writer_failures: list[str] = field(default_factory=list)
    opened_ok: bool = False
    seconds: float = 0.0


def run_kill_loop(path: Path, kills: int, *, seed: int | None = None) -> KillLoopResult:
    """SIGKILL a writer on ``path`` ``kills`` times, then check every reported row is there."""
    rng = random.Random(seed)
    result = KillLoopResult()
    started = time.perf_counter()
    for _ in range(kills):
        ids, committed_before_kill, failure = _one_round(path, rng)
        if failure:
            result.writer_failures.append(failure)
        result.reported |= ids
        result.kills += 1
        result.kills_before_first_commit += not committed_before_kill
    result.seconds = time.perf_counter() - started
    _audit(path, result)
    return result


def _one_round(path: Path, rng: random.Random) -> tuple[set[int], bool, str]:
    """One writer, one kill: the ids it reported, whether it committed, how it failed."""
    process = subprocess.Popen(
        [sys.executable, str(WRITER), str(path)], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        if rng.random() < 0.2:
            # Anywhere from the start: opening, creating, migrating, the first writes.
            time.sleep(rng.uniform(0.0, 0.15))
        else:
            ready, _, _ = select.select([process.stdout], [], [], 10.0)
            if ready:
                time.sleep(rng.uniform(0.0, 0.04))
        os.kill(process.pid, signal.SIGKILL)
    finally:
        output, errors = process.communicate()
    # A writer that stopped by itself (say, refusing the file) is a failure of the loop.
    failure = "" if process.returncode == -signal.SIGKILL else errors.decode()[-2000:]
    lines = output.decode().split("\n")
    complete = lines[:-1]  # the last piece has no newline: not a finished report
    return {int(line) for line in complete if line.strip()}, bool(complete), failure


def _audit(path: Path, result: KillLoopResult) -> None:
    from netdesk.db import DatabaseFileError, open_database

    try:
        db = open_database(path)
    except DatabaseFileError as error:
        result.integrity = str(error)
        return
    result.opened_ok = True
    present = {row[0] for row in db.execute_sql("SELECT id FROM person")}
    result.lost = sorted(result.reported - present)
    result.half_written = db.execute_sql(
        "SELECT count(*) FROM person p WHERE NOT EXISTS "
        "(SELECT 1 FROM interaction i WHERE i.person_id = p.id)").fetchone()[0]
    result.integrity = db.execute_sql("PRAGMA integrity_check").fetchone()[0]
    result.foreign_key_problems = len(db.execute_sql("PRAGMA foreign_key_check").fetchall())
    db.close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
