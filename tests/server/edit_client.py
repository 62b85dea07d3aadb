"""One client of the concurrent-edits test, run as its own process:
``python -m tests.server.edit_client DATABASE NAME EDITS PEOPLE FOLDER``.

It opens DATABASE (a file or a URL), says it is ready (FOLDER/ready-NAME), waits for
FOLDER/go, then makes EDITS edits, round the people ids PEOPLE (comma-separated): each
reads the person as the editor does (``PersonForm.from_person``, with its version), waits a
moment as a user types, and saves through ``core.people.save_person`` a note with a token of
its own added. A save refused with ChangedElsewhere is a conflict: it is reported (who
changed the person, the versions) and merged as the editor does — the stored note is read
again, the token added to it — and saved again. At the end FOLDER/NAME.json lists the
tokens saved and the conflicts reported.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path


def main(database: str, name: str, edits: int, people: list[int], folder: Path) -> None:
    from peewee import OperationalError

    from netdesk.core.people import PersonForm, save_person
    from netdesk.db import open_database
    from netdesk.db.models import ChangedElsewhere, Person

    open_database(database)
    (folder / f"ready-{name}").touch()
    while not (folder / "go").exists():
        time.sleep(0.01)
    randomly = random.Random(name)
    saved, conflicts, busy = [], [], 0
    for number in range(edits):
        person_id = people[number % len(people)]
        token = f"[{name}-{number}]"
        form = PersonForm.from_person(Person.get_by_id(person_id))
        while True:
            read_at = form.version
            form.notes = f"{form.notes} {token}".strip()
            time.sleep(randomly.uniform(0, 0.004))  # the user types
            try:
                save_person(person_id, form, only={"notes"})
            except ChangedElsewhere as error:
                conflicts.append({"person": person_id, "token": token, "read_at": read_at,
                                  "stored": error.version, "changed_by": error.changed_by})
                form = PersonForm.from_person(Person.get_by_id(person_id))  # theirs, then
                continue  # mine added to it
            except OperationalError:  # SQLite: the other writer holds the file; try again
                busy += 1
                time.sleep(0.005)
                form = PersonForm.from_person(Person.get_by_id(person_id))
                continue
            saved.append({"person": person_id, "token": token, "version": form.version})
            break
    (folder / f"{name}.json").write_text(json.dumps(
        {"saved": saved, "conflicts": conflicts, "busy": busy}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]),
         [int(i) for i in sys.argv[4].split(",")], Path(sys.argv[5]))
