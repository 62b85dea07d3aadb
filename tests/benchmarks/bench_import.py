"""Import 10,000 and 30,000 LinkedIn rows (LinkedIn's cap) into a network of 10,000 people.

Duplicate detection included (2,000 of the rows are people already there), against
plain ``sqlite3.executemany`` of the same rows into a copy of the same database, with
the search-index triggers in place, in the same run. Goal: 30,000 rows in 1.5 s or less.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from tests.benchmarks.report import report

PEOPLE = 10_000
SIZES = (10_000, 30_000)
OVERLAP = 2_000
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _existing(db_path: Path) -> None:
    from netdesk.db import open_database
    from netdesk.db.models import database_proxy, now

    db = open_database(db_path)
    stamp = str(now())
    with database_proxy.atomic():
        db.cursor().executemany(
            "INSERT INTO organization (created, updated, name, sector, website, culture_notes, "
            "notes) VALUES (?, ?, ?, '', '', '', '')",
            [(stamp, stamp, f"Company {i}") for i in range(300)])
        db.cursor().executemany(
            "INSERT INTO person (created, updated, first_name, last_name, email, phone, "
            "linkedin_url, organization_id, job_title, relationship, source, stage, tags, "
            "notes, research_notes) VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, 'acquaintance', '', "
            "'to_contact', '', '', '')",
            [(stamp, stamp, f"Given{i}", f"Family{i % 4000}", f"p{i}@example.org",
              f"https://www.linkedin.com/in/person-{i}", i % 300 + 1, "Analyst")
             for i in range(PEOPLE)])
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def _rows(count: int) -> list[tuple[str, ...]]:
    rows = []
    for n in range(count):
        i = n + PEOPLE - OVERLAP  # the first OVERLAP rows are people already there
        rows.append((f"Given{i}", f"Family{i % 4000}", f"https://www.linkedin.com/in/person-{i}",
                     f"p{i}@example.org" if n % 3 == 0 else "", f"Company {i % 400}",
                     "Engineer, Platform", f"{n % 28 + 1:02d} {MONTHS[n % 12]} 20{n % 20:02d}"))
    return rows


def _csv(path: Path, rows) -> None:
    import csv

    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("Notes:\n\"Some email addresses are missing.\"\n\n")
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company",
                         "Position", "Connected On"])
        writer.writerows(rows)


def _one(folder: Path, base: Path, count: int) -> None:
    from netdesk.db import open_database
    from netdesk.db.models import Person
    from netdesk.formats.importing import import_people

    rows = _rows(count)
    _csv(folder / "Connections.csv", rows)

    plain_db = folder / "plain.sqlite3"
    shutil.copy(base, plain_db)
    raw = sqlite3.connect(plain_db)
    start = time.perf_counter()
    with raw:
        raw.executemany(
            "INSERT INTO person (created, updated, first_name, last_name, email, phone, "
            "linkedin_url, organization_id, job_title, relationship, source, stage, tags, "
            "notes, research_notes) VALUES ('', '', ?, ?, ?, '', ?, NULL, ?, "
            "'acquaintance', 'LinkedIn', 'to_contact', '', '', '')",
            [(r[0], r[1], r[3], r[2], r[5]) for r in rows])
    plain = (time.perf_counter() - start) * 1000
    raw.close()

    db_path = folder / "import.sqlite3"
    shutil.copy(base, db_path)
    db = open_database(db_path)
    start = time.perf_counter()
    plan, summary = import_people("linkedin", folder / "Connections.csv")
    total = (time.perf_counter() - start) * 1000
    assert summary.added == count - OVERLAP and summary.merged == OVERLAP, summary.text()
    assert Person.select().count() == PEOPLE + count - OVERLAP
    db.close()
    for path in (plain_db, db_path):
        path.unlink()
    goal = "<= 1500 ms" if count == 30_000 else "< 2000 ms"
    report(f"import {count:,} LinkedIn rows into {PEOPLE:,} people (read, match, write)",
           total, "ms", baseline=plain, goal=f"{goal}; baseline: plain executemany")
    print(f"  {summary.text()}; {summary.organizations_added} new organizations")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="netdesk-bench-"))
    try:
        base = folder / "base.sqlite3"
        _existing(base)
        for count in SIZES:
            _one(folder, base, count)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
