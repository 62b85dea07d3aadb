"""Ways to damage a netdesk file, shared by the tests and the figures in RELIABILITY.md."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from pathlib import Path

from netdesk.db import open_database
from netdesk.db.models import Interaction, Person

PAGE = 4096


def healthy_file(path: Path, people: int = 1500) -> bytes:
    """A checkpointed netdesk file with ``people`` people and one note each; its bytes."""
    db = open_database(path)
    Person.insert_many([
        {"first_name": f"P{i}", "last_name": "Tester", "notes": "note " * 40} for i in range(people)
    ]).execute()
    Interaction.insert_many([
        {"person": i + 1, "kind": "note", "occurred_on": "2026-01-01", "summary": "met"}
        for i in range(people)
    ]).execute()
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path.read_bytes()


def _truncated(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(PAGE * 2, len(data) - PAGE)]


def _cut_to_header(data: bytes, rng: random.Random) -> bytes:
    return data[:100]


def _random_bytes(data: bytes, rng: random.Random) -> bytes:
    return rng.randbytes(len(data))


def _text_file(data: bytes, rng: random.Random) -> bytes:
    return b"first name,last name,email\nAda,Lovelace,ada@example.org\n"


def _zero_bytes(data: bytes, rng: random.Random) -> bytes:
    return b""


def _page_of_noise(data: bytes, rng: random.Random) -> bytes:
    page = rng.randrange(2, len(data) // PAGE - 1)
    return data[: page * PAGE] + rng.randbytes(PAGE) + data[(page + 1) * PAGE:]


def _page_of_zeros(data: bytes, rng: random.Random) -> bytes:
    page = rng.randrange(2, len(data) // PAGE - 1)
    return data[: page * PAGE] + bytes(PAGE) + data[(page + 1) * PAGE:]


def _schema_page_noise(data: bytes, rng: random.Random) -> bytes:
    return data[:100] + rng.randbytes(PAGE - 100) + data[PAGE:]


def _header_noise(data: bytes, rng: random.Random) -> bytes:
    return data[:16] + rng.randbytes(84) + data[100:]


DAMAGES: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "truncated": _truncated,
    "cut to the 100-byte header": _cut_to_header,
    "random bytes": _random_bytes,
    "text file": _text_file,
    "zero bytes": _zero_bytes,
    "a page overwritten with noise": _page_of_noise,
    "a page overwritten with zeros": _page_of_zeros,
    "schema page overwritten with noise": _schema_page_noise,
    "file header overwritten with noise": _header_noise,
}
"""Each damage maps a healthy file's bytes to damaged bytes."""
FIXED = {"cut to the 100-byte header", "text file", "zero bytes"}
"""Damages that come out the same whatever the seed: one file is enough."""


def newer_schema_file(path: Path) -> None:
    """A netdesk file that a later netdesk (schema 9999) has written."""
    db = open_database(path)
    db.execute_sql(
        "INSERT INTO schema_migration (name, applied) VALUES ('9999_future', '2030-01-01')")
    db.close()


def other_program_file(path: Path) -> None:
    """A sound SQLite file that belongs to another program."""
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE recipes (name TEXT)")
        raw.execute("INSERT INTO recipes VALUES ('soup')")


def damage_file(path: Path, damage: str, healthy: bytes, rng: random.Random) -> bytes:
    """Write ``healthy`` damaged by ``damage`` to ``path``; return the damaged bytes."""
    data = DAMAGES[damage](healthy, rng)
    path.write_bytes(data)
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return data
