"""Export 50,000 people to vCard, against the CSV export of the same people in the same run.

Two networks: the plain one of the other benchmarks (names, email, organization, title,
career field), and the same with address-book fields on every second person (two more
emails or phones, a web page, a postal address, a birthday, name parts, notes). Goal: the
vCard export within 3x of the CSV export.
"""

from __future__ import annotations

import random

from tests.benchmarks.bigdb import build_big_database
from tests.benchmarks.report import report, timed


def _enrich(path) -> None:
    """Address-book fields for every second person of the database at ``path``."""
    from netdesk.db.database import open_database
    from netdesk.db.models import database_proxy

    db = open_database(path)
    rng = random.Random(3)
    with database_proxy.atomic():
        db.execute_sql(
            "UPDATE person SET middle_name = 'Ann', name_prefix = 'Dr.', nickname = 'Jo', "
            "birthday = '1984-03-15', phone = '+44 20 7946 0000', phone_label = 'mobile', "
            "notes = 'Met at the fair, asked about the platform team;\nfollow up in May.' "
            "WHERE id % 2 = 0")
        ids = [row[0] for row in db.execute_sql("SELECT id FROM person WHERE id % 2 = 0")]
        entries = []
        for person_id in ids:
            entries.append((person_id, "email", f"home{person_id}@example.net", "home", 0))
            entries.append((person_id, "phone", f"+1 415 555 {rng.randint(1000, 9999)}",
                            "work", 1))
            entries.append((person_id, "web", f"https://blog.example/{person_id}", "blog", 2))
        db.cursor().executemany(
            "INSERT INTO person_entry (person_id, kind, value, label, position) "
            "VALUES (?, ?, ?, ?, ?)", entries)
        db.cursor().executemany(
            "INSERT INTO postal_address (person_id, label, street, city, region, postal_code, "
            "country, position) VALUES (?, 'home', '1 High Street', 'Leeds', '', 'LS1 1AA', "
            "'United Kingdom', 0)", [(i,) for i in ids])
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def _measure(label: str, path) -> None:
    from netdesk.db.database import open_database
    from netdesk.formats.exporting import export_text

    db = open_database(path)
    export_text("csv")  # warm the page cache for both
    csv_ms = timed(lambda: export_text("csv"), repeat=3)
    vcard_ms = timed(lambda: export_text("vcard"), repeat=3)
    csv_again = timed(lambda: export_text("csv"), repeat=3)
    baseline = min(csv_ms, csv_again)
    report(f"vCard export, 50,000 people, {label}", vcard_ms,
           baseline=baseline, goal="within 3x of the CSV export")
    print(f"  vCard / CSV: {vcard_ms / baseline:.2f}x", flush=True)
    db.close()


def main() -> None:
    path = build_big_database()
    _measure("plain", path)
    _enrich(path)
    _measure("half with address-book fields", path)
