"""Two processes importing into one PostgreSQL database at once: every row of both files is
there afterwards, each organization once, and neither import reports an error."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from netdesk.db import open_database

PEOPLE = 2000
ORGANIZATIONS = [f"Shared Employer {n}" for n in range(40)]


def _write_csv(path: Path, tag: str) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "E-mail Address", "Company", "Job Title", "Tags"])
        for n in range(PEOPLE):
            writer.writerow([f"Person{tag}{n} Import{tag}", f"{tag.lower()}{n}@example.org",
                             ORGANIZATIONS[n % len(ORGANIZATIONS)], "Analyst", f"batch-{tag}"])


def test_two_imports_at_once_keep_every_row(tmp_path, server_url):
    files = [tmp_path / "a.csv", tmp_path / "b.csv"]
    for path, tag in zip(files, "AB", strict=True):
        _write_csv(path, tag)
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    imports = [subprocess.Popen(
        [sys.executable, "-m", "netdesk", "import", "csv", str(path), "--db", server_url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
        for path in files]
    results = [(process.wait(timeout=300), *process.communicate()) for process in imports]
    for status, out, err in results:
        assert status == 0, err
        assert "Traceback" not in err and "error" not in err.lower(), err
        assert f"added {PEOPLE}" in out and "errors 0" in out, out

    db = open_database(server_url)
    try:
        def count(sql: str) -> int:
            return db.execute_sql(sql).fetchone()[0]

        assert count("SELECT count(*) FROM person") == 2 * PEOPLE
        assert count("SELECT count(DISTINCT email) FROM person") == 2 * PEOPLE
        assert count("SELECT count(*) FROM organization") == len(ORGANIZATIONS)
        assert count("SELECT count(*) FROM person WHERE organization_id IS NULL") == 0
        assert count("SELECT count(*) FROM person_search") == 2 * PEOPLE
        for tag in "AB":
            assert count(f"SELECT count(*) FROM person WHERE tags = 'batch-{tag}'") == PEOPLE
        # the server numbers the next person after both imports' rows
        db.execute_sql("INSERT INTO person (created, updated, first_name, last_name, email, "
                       "phone, linkedin_url, job_title, relationship, source, stage, tags, "
                       "notes, research_notes) VALUES (now(), now(), 'Next', 'One', '', '', "
                       "'', '', 'friend', '', 'to_contact', '', '', '')")
    finally:
        db.close()
