"""A large synthetic network (50,000 people by default) for the benchmarks, built once per run."""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from netdesk.db.database import open_database
from netdesk.db.models import STAGES, CareerField, Organization, Person, PersonCareerField

FIRST = ["Ada", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
         "Kemi", "Liam", "Maria", "Noor", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tara"]
LAST = ["Okafor", "Smith", "Nguyen", "García", "Müller", "Khan", "Rossi", "Tanaka", "Silva",
        "Novak", "Brown", "Larsen", "Haddad", "Mensah", "Chen", "Dubois", "Patel", "Kowalska"]
RELATIONSHIPS = ["family", "friend", "coworker", "classmate", "acquaintance", "referral"]


def build_big_database(path: Path | None = None, people: int = 50_000,
                       organizations: int = 5_000, seed: int = 7) -> Path:
    """Write a netdesk file with ``people`` people spread over ``organizations``."""
    path = path or Path(tempfile.mkdtemp(prefix="netdesk-bench-")) / "big.sqlite3"
    rng = random.Random(seed)
    db = open_database(path)
    with db.atomic():
        Organization.insert_many(
            [{"name": f"Organization {i:05d}"} for i in range(organizations)]).execute()
        CareerField.insert_many([{"name": f"Field {i}"} for i in range(40)]).execute()
        rows = []
        for i in range(people):
            rows.append({
                "first_name": rng.choice(FIRST), "last_name": f"{rng.choice(LAST)}{i}",
                "organization": rng.randint(1, organizations) if rng.random() < 0.9 else None,
                "job_title": rng.choice(["Analyst", "Engineer", "Planner", "Nurse", "Editor"]),
                "relationship": rng.choice(RELATIONSHIPS), "stage": rng.choice(STAGES),
                "email": f"person{i}@example.org",
            })
        for start in range(0, len(rows), 5000):
            Person.insert_many(rows[start:start + 5000]).execute()
        PersonCareerField.insert_many(
            [{"person": i, "career_field": rng.randint(1, 40)} for i in range(1, people + 1)]
        ).execute()
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path
