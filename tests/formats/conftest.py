"""Fixtures for the importers: the test files and a content dump of every table."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent.parent / "data"
GOOD = DATA / "import"
BAD = DATA / "bad"


def table_dump(db) -> dict[str, list[tuple]]:
    """Every row of every table (the search index included), in key order: on SQLite with
    the rowid first; on PostgreSQL the search index's documents as text."""
    from netdesk.db.dialect import is_server

    dump = {}
    for name in db.get_tables():
        if name.startswith("person_search_"):  # FTS shadow tables: compared through the index
            continue
        if not is_server(db):
            dump[name] = db.execute_sql(
                f'SELECT rowid, * FROM "{name}" ORDER BY rowid').fetchall()
            continue
        keys = db.get_primary_keys(name) or [c.name for c in db.get_columns(name)]
        order = ", ".join(f'"{k}"' for k in keys)
        what = "person_id, CAST(document AS TEXT)" if name == "person_search" else "*"
        dump[name] = db.execute_sql(f'SELECT {what} FROM "{name}" ORDER BY {order}').fetchall()
    return dump


@pytest.fixture
def dump():
    return table_dump
