"""A synthetic referral forest (people who referred people) for the graph benchmarks."""

from __future__ import annotations

import datetime
import random
import tempfile
from pathlib import Path

from netdesk.db.database import open_database
from netdesk.db.models import STAGES, CareerField, Organization, Person, PersonCareerField, Referral
from tests.benchmarks.bigdb import FIRST, LAST, RELATIONSHIPS


def forest_edges(people: int, seed: int = 5, referred_share: float = 0.6,
                 cross_share: float = 0.03) -> list[tuple[int, int]]:
    """(referrer, referred) pairs over ids 1..people: a forest with a few cross-links.

    Each referral points from an earlier id to a later one, so there is never a loop.
    """
    rng = random.Random(seed)
    edges = []
    for person in range(2, people + 1):
        if rng.random() < referred_share:
            # Prefer recent people as referrers, which gives chains several steps deep.
            referrer = max(1, person - 1 - int(rng.expovariate(1 / 40)))
            edges.append((referrer, person))
            if rng.random() < cross_share and referrer > 1:
                other = rng.randint(1, referrer - 1)
                edges.append((other, person))
    return edges


def build_graph_database(people: int, path: Path | None = None, seed: int = 5) -> Path:
    """Write a netdesk file holding ``people`` people and a referral forest among them."""
    path = path or Path(tempfile.mkdtemp(prefix="netdesk-graph-bench-")) / "graph.sqlite3"
    rng = random.Random(seed)
    db = open_database(path)
    with db.atomic():
        Organization.insert_many(
            [{"name": f"Organization {i:04d}"} for i in range(max(1, people // 20))]).execute()
        CareerField.insert_many([{"name": f"Field {i}"} for i in range(30)]).execute()
        rows = [{
            "first_name": rng.choice(FIRST), "last_name": f"{rng.choice(LAST)}{i}",
            "organization": rng.randint(1, max(1, people // 20)),
            "relationship": rng.choice(RELATIONSHIPS), "stage": rng.choice(STAGES),
        } for i in range(people)]
        for start in range(0, len(rows), 5000):
            Person.insert_many(rows[start:start + 5000]).execute()
        PersonCareerField.insert_many(
            [{"person": i, "career_field": rng.randint(1, 30)} for i in range(1, people + 1)]
        ).execute()
        today = datetime.date.today()
        edges = [{"referrer": a, "referred": b, "date": today} for a, b in forest_edges(people)]
        for start in range(0, len(edges), 5000):
            Referral.insert_many(edges[start:start + 5000]).execute()
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path
