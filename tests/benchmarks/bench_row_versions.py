"""What migration 0016's version triggers cost on SQLite: an edit through core (the model
raises the version itself: the trigger only compares), and an import updating 10,000
existing people with raw SQL (the trigger raises each version). Each against a copy of the
same file with the version triggers dropped (the columns kept), in the same run.

    PYTHONPATH=. python -m tests.benchmarks.bench_row_versions
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

PEOPLE = 10_000
EDITS = 300
ROUNDS = 3


def _make(path: Path) -> None:
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


def _without_triggers(path: Path) -> None:
    import sqlite3


    connection = sqlite3.connect(path)
    names = [n for (n,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_version'")]
    for name in names:
        connection.execute(f'DROP TRIGGER "{name}"')
    connection.commit()
    connection.close()


def _edit_ms(path: Path) -> float:
    from netdesk.core.people import PersonForm, save_person
    from netdesk.db import open_database
    from netdesk.db.models import Person

    db = open_database(path)
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


def _import_s(path: Path) -> float:
    from netdesk.db import open_database
    from netdesk.db.models import database_proxy

    db = open_database(path)
    rows = [(f"Title {i}", f"imported {i}", i + 1) for i in range(PEOPLE)]
    start = time.perf_counter()
    with database_proxy.atomic():
        db.cursor().executemany(
            "UPDATE person SET job_title = ?, notes = ? WHERE id = ?", rows)
    elapsed = time.perf_counter() - start
    assert db.execute_sql("SELECT min(version) FROM person").fetchone()[0] >= 2 or \
        "without" in path.name
    db.close()
    return elapsed


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="netdesk-bench-versions-"))
    try:
        base = folder / "base.sqlite3"
        _make(base)
        results = {"with": {"edit": [], "import": []}, "without": {"edit": [], "import": []}}
        for round_ in range(ROUNDS):
            for kind in ("with", "without"):
                path = folder / f"{kind}-{round_}.sqlite3"
                shutil.copy(base, path)
                if kind == "without":
                    _without_triggers(path)
                results[kind]["edit"].append(_edit_ms(path))
                results[kind]["import"].append(_import_s(path))
        for what, unit in (("edit", "ms (median of %d)" % EDITS), ("import", "s")):
            with_, without = min(results["with"][what]), min(results["without"][what])
            print(f"{what}: with version triggers {with_:.3f} {unit}, without {without:.3f}, "
                  f"cost {100 * (with_ - without) / without:+.1f}%")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
