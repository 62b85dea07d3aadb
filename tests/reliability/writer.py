"""A writer for the kill loop: one transaction per row pair, its id printed after each commit.

Run as ``python writer.py DATABASE``. It opens the file the way netdesk does
(WAL, synchronous=FULL, migrations), then forever adds a person and an
interaction in one transaction, sometimes rewrites an earlier person's notes,
and prints the person's id once the transaction has committed.
"""

from __future__ import annotations

import datetime
import random
import sys

from netdesk.db import open_database
from netdesk.db.models import Interaction, Person, database_proxy


def main(path: str) -> None:
    open_database(path)
    rng = random.Random()
    today = datetime.date.today()
    while True:
        with database_proxy.atomic():
            person = Person.create(first_name="Writer", last_name=f"{rng.random():.6f}",
                                   notes="n" * rng.randrange(0, 3000))
            Interaction.create(person=person, kind="note", occurred_on=today,
                               summary=f"row {person.id}")
            if person.id % 7 == 0:
                Person.update(notes="r" * rng.randrange(0, 6000)).where(
                    Person.id == rng.randrange(1, person.id + 1)).execute()
        print(person.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
