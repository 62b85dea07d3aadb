"""Damaged files at scale: many seeds of each kind of damage; how many are detected at open."""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

from netdesk.db import DatabaseFileError, open_database
from netdesk.db.integrity import inspect_file
from netdesk.db.models import Person
from tests.benchmarks.report import report
from tests.reliability.damage import (
    DAMAGES,
    FIXED,
    damage_file,
    healthy_file,
    newer_schema_file,
    other_program_file,
)

SEEDS = int(os.environ.get("NETDESK_BENCH_DAMAGE_SEEDS", "50"))


def _detected_at_open(path: Path) -> bool:
    try:
        db = open_database(path)
    except DatabaseFileError:
        return True
    try:
        list(Person.select())
    except Exception:  # noqa: BLE001 - any refusal counts as detection
        return True
    finally:
        db.close()
    return False


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="netdesk-damage-"))
    healthy = healthy_file(folder / "healthy.sqlite3")
    tried = detected = by_check = untouched = 0
    for damage in sorted(DAMAGES):
        found = 0
        seeds = 1 if damage in FIXED else SEEDS
        for seed in range(seeds):
            path = folder / f"damaged-{seed}.sqlite3"
            data = damage_file(path, damage, healthy, random.Random(seed))
            tried += 1
            hit = _detected_at_open(path)
            found += hit
            by_check += not inspect_file(path, thorough=True).ok
            untouched += path.read_bytes() == data
            path.unlink()
        detected += found
        report(f"damaged files detected: {damage}", found, f"of {seeds}")
    for name, make in (("newer schema", newer_schema_file), ("another program's file",
                                                               other_program_file)):
        path = folder / f"{name}.sqlite3"
        make(path)
        data = path.read_bytes()
        tried += 1
        hit = _detected_at_open(path)
        detected += hit
        by_check += not inspect_file(path, thorough=True).ok
        untouched += path.read_bytes() == data
        report(f"damaged files detected: {name}", int(hit), "of 1")
    report("damaged files tried", tried, "files")
    report("detected when opened", detected, "files", goal=str(tried))
    report("detected by netdesk check", by_check, "files", goal=str(tried))
    report("left byte-for-byte untouched", untouched, "files", goal=str(tried))
