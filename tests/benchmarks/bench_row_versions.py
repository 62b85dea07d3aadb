"""What migration 0016's row versions cost on SQLite.

* An edit through core (``save_person`` of one field, median of 300): the model raises the
  version itself, so the trigger only compares; against a copy of the same file with the
  version triggers dropped, and against main's code (``--main PATH``: the code before 0016,
  on a file it made itself), in the same run.
* An import updating 10,000 existing people with raw SQL in one transaction (the trigger
  raises each version: one more UPDATE by id per row), against the copy without triggers;
  the columns updated are outside the search index, so its triggers do not hide the cost.
  And the same import raising the version in its own statement, as
  ``netdesk.formats.people_import`` does: the trigger then only compares.

Each figure twice: as netdesk runs (``synchronous = full``: the edit is mostly the disk's
flush) and with ``synchronous = off`` (what the CPU spends).

    PYTHONPATH=. python -m tests.benchmarks.bench_row_versions [--main /work/main]
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEOPLE = 10_000
EDITS = 300
ROUNDS = 5


def make(path: Path) -> None:
    from netdesk.db import open_database
    from netdesk.db.models import database_proxy, now

    db = open_database(path)
    stamp = str(now())
    with database_proxy.atomic():
        db.cursor().executemany(
            "INSERT INTO person (created, updated, first_name, last_name, email, phone, "
            "linkedin_url, job_title, relationship, source, stage, tags, notes, research_notes) "
            "VALUES (?, ?, ?, ?, ?, '', '', '', 'acquaintance', '', 'to_contact', '', '', '')",
            [(stamp, stamp, f"Given{i}", f"Family{i}", f"p{i}@example.org")
             for i in range(PEOPLE)])
    db.close()


def _drop_version_triggers(path: Path) -> None:
    connection = sqlite3.connect(path)
    names = [n for (n,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_version' "
        "ESCAPE '\\'")]
    assert len(names) == 13, names
    for name in names:
        connection.execute(f'DROP TRIGGER "{name}"')
    connection.commit()
    connection.close()


def edit_ms(path: Path, synchronous: str) -> float:
    from netdesk.core.people import PersonForm, save_person
    from netdesk.db import open_database
    from netdesk.db.models import Person

    db = open_database(path)
    db.execute_sql(f"PRAGMA synchronous = {synchronous}")
    times = []
    for n in range(EDITS):
        person_id = 1 + n * 7 % PEOPLE
        form = PersonForm.from_person(Person.get_by_id(person_id))
        form.notes = f"edit {n}"
        start = time.perf_counter()
        save_person(person_id, form, only={"notes"})
        times.append(time.perf_counter() - start)
    db.close()
    return statistics.median(times) * 1000


def import_s(path: Path, synchronous: str, raise_version: bool = False) -> float:
    from netdesk.db import open_database
    from netdesk.db.models import database_proxy

    db = open_database(path)
    db.execute_sql(f"PRAGMA synchronous = {synchronous}")
    rows = [(f"From a fair {i}", f"imported {i}", i + 1) for i in range(PEOPLE)]
    start = time.perf_counter()
    with database_proxy.atomic():
        db.cursor().executemany(
            "UPDATE person SET source = ?, notes = ?"
            + (", version = version + 1" if raise_version else "") + " WHERE id = ?", rows)
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def _main_edit_ms(main: Path, folder: Path, synchronous: str) -> float:
    """The edit measured with main's code, on a file main's code made (schema 0015)."""
    script = (f"import sys; sys.path.insert(0, {str(main)!r}); "
              f"sys.path.insert(1, {str(Path(__file__).parent)!r}); "
              "from pathlib import Path; import bench_row_versions as b; "
              f"p = Path({str(folder / 'main.sqlite3')!r}); p.unlink(missing_ok=True); "
              f"b.make(p); print(b.edit_ms(p, {synchronous!r}))")
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True,
                         text=True, cwd=main, env={"PYTHONPATH": str(main), "HOME": "/tmp"})
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    main_code = Path(sys.argv[sys.argv.index("--main") + 1]) if "--main" in sys.argv else None
    folder = Path(tempfile.mkdtemp(prefix="netdesk-bench-versions-"))
    try:
        base = folder / "base.sqlite3"
        make(base)
        for synchronous in ("full", "off"):
            figures: dict[str, list[float]] = {}
            for round_ in range(ROUNDS):
                for kind in ("with", "without"):
                    path = folder / f"{kind}-{round_}.sqlite3"
                    shutil.copy(base, path)
                    if kind == "without":
                        _drop_version_triggers(path)
                    figures.setdefault(f"edit {kind}", []).append(edit_ms(path, synchronous))
                    figures.setdefault(f"import {kind}", []).append(import_s(path, synchronous))
                    if kind == "with":  # as netdesk's import writes it: the version raised
                        figures.setdefault("import raising", []).append(  # in the statement
                            import_s(path, synchronous, raise_version=True))
                if main_code is not None:
                    figures.setdefault("edit main", []).append(
                        _main_edit_ms(main_code, folder, synchronous))
            best = {name: min(values) for name, values in figures.items()}
            line = (f"synchronous={synchronous}: edit {best['edit with']:.3f} ms with the "
                    f"version triggers, {best['edit without']:.3f} ms without")
            if "edit main" in best:
                line += f", {best['edit main']:.3f} ms on main"
            line += (f"; import of {PEOPLE:,} updates {best['import with']:.3f} s with, "
                     f"{best['import without']:.3f} s without "
                     f"({100 * (best['import with'] / best['import without'] - 1):+.1f}%), "
                     f"{best['import raising']:.3f} s raising the version in the statement "
                     f"({100 * (best['import raising'] / best['import without'] - 1):+.1f}%)")
            print(line)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
