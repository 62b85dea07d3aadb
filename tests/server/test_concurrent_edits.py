"""100 concurrent edits of the same people by two clients (two processes), through core's
save path with the version each read, merging on conflict: no update is lost, and every
conflict is reported. On PostgreSQL (two server connections) and on SQLite (two
connections to one file)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netdesk.core.people import PersonForm, save_person
from netdesk.db.models import Person

EDITS = 50  # per client: 100 in all
ROOT = Path(__file__).resolve().parents[2]


def _run_clients(database: str, people: list[int], folder: Path) -> list[dict]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    clients = [subprocess.Popen(
        [sys.executable, "-m", "tests.server.edit_client", database, name, str(EDITS),
         ",".join(map(str, people)), str(folder)], cwd=ROOT, env=environment)
        for name in ("a", "b")]
    deadline = time.monotonic() + 120
    while not all((folder / f"ready-{name}").exists() for name in ("a", "b")):
        assert time.monotonic() < deadline and all(c.poll() is None for c in clients)
        time.sleep(0.02)
    (folder / "go").touch()
    for client in clients:
        assert client.wait(300) == 0
    return [json.loads((folder / f"{name}.json").read_text()) for name in ("a", "b")]


def _check(results: list[dict], people: list[int]) -> None:
    saved = [edit for result in results for edit in result["saved"]]
    conflicts = [conflict for result in results for conflict in result["conflicts"]]
    assert len(saved) == 2 * EDITS  # every edit was saved in the end, merged if need be
    for person_id in people:
        person = Person.get_by_id(person_id)
        tokens = [edit["token"] for edit in saved if edit["person"] == person_id]
        notes = person.notes.split()
        assert sorted(notes) == sorted(tokens)  # 0 lost updates: every saved edit is there
        # one version a save: no save wrote over another
        assert person.version == 1 + len(tokens)
        assert sorted(edit["version"] for edit in saved if edit["person"] == person_id) == \
            list(range(2, 2 + len(tokens)))
    for conflict in conflicts:  # each reported with who changed it and its newer version
        assert conflict["stored"] > conflict["read_at"]
        assert conflict["changed_by"]
    assert conflicts, "two clients editing the same three people never met"
    print(f"\n{len(saved)} edits, {len(conflicts)} conflicts reported and merged, "
          f"{sum(r['busy'] for r in results)} busy retries")


def _people() -> list[int]:
    return [save_person(None, PersonForm(first_name=name, last_name="Shared")).id
            for name in ("Ada", "Bo", "Cy")]


def test_two_clients_on_postgresql_lose_no_update(server_url, tmp_path):
    from netdesk.db.server import open_server

    db = open_server(server_url)
    try:
        people = _people()
        results = _run_clients(server_url, people, tmp_path)
        _check(results, people)
        assert {c["changed_by"] for r in results for c in r["conflicts"]} == {"postgres"}
    finally:
        db.close()


@pytest.mark.sqlite_only
@pytest.mark.skipif(os.environ.get("NETDESK_TEST_ENCRYPTED", "") not in ("", "0"),
                    reason="the clients are other processes, without the test's passphrase")
def test_two_clients_on_one_sqlite_file_lose_no_update(db, db_path, tmp_path):
    people = _people()
    results = _run_clients(str(db_path), people, tmp_path)
    _check(results, people)
