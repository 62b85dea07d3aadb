"""Fixtures for the importers: the test files and a content dump of every table."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "data"
GOOD = DATA / "import"
BAD = DATA / "bad"


WRITE_COUNTERS = ("version", "changed_by")
"""Columns that count writes (migration 0016): an undo is one more write, not a way back in
time, so it raises the version again; the dump compares what the rows hold."""


def table_dump(db) -> dict[str, list[tuple]]:
    """Every row of every table (full-text index included), in rowid order."""
    names = [row[0] for row in db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    dump = {}
    for name in names:
        if name.startswith("person_search_"):  # FTS shadow tables: compared through the index
            continue
        columns = ", ".join(f'"{column}"' for (_, column, *_rest) in db.execute_sql(
            f'PRAGMA table_info("{name}")') if column not in WRITE_COUNTERS) or "*"
        dump[name] = db.execute_sql(
            f'SELECT rowid, {columns} FROM "{name}" ORDER BY rowid').fetchall()
    return dump


@pytest.fixture
def dump():
    return table_dump
