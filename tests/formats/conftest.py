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
    """Every row of every table (the search index included), in key order, the same on both
    databases (a table without a key, as SQLite's search index, with its rowid first); on
    PostgreSQL the search index's documents as text."""
    from netdesk.db.dialect import is_server

    dump = {}
    for name in db.get_tables():
        if name.startswith("person_search_"):  # FTS shadow tables: compared through the index
            continue
        columns = ", ".join(f'"{column.name}"' for column in db.get_columns(name)
                            if column.name not in WRITE_COUNTERS)
        keys = db.get_primary_keys(name)
        if not is_server(db) and not keys:
            dump[name] = db.execute_sql(
                f'SELECT rowid, {columns} FROM "{name}" ORDER BY rowid').fetchall()
            continue
        keys = keys or [c.name for c in db.get_columns(name)]
        order = ", ".join(f'"{k}"' for k in keys)
        what = "person_id, CAST(document AS TEXT)" if name == "person_search" else columns
        dump[name] = db.execute_sql(f'SELECT {what} FROM "{name}" ORDER BY {order}').fetchall()
    return dump


@pytest.fixture
def dump():
    return table_dump


@pytest.fixture
def fresh_database(request, tmp_path):
    """Opens (and binds) another new, migrated database of the pass's kind: a file in
    ``tmp_path`` (``name``), or in the PostgreSQL pass a new database on the cluster."""
    from netdesk.db import open_database
    from tests.conftest import ON_SERVER

    made = []

    def open_new(name: str = "new.sqlite3"):
        if not ON_SERVER:
            return open_database(tmp_path / name)
        cluster = request.getfixturevalue("postgres")
        url = cluster.new_database()
        made.append((cluster, url))
        return open_database(url)

    yield open_new
    for cluster, url in made:
        cluster.drop(url)


@pytest.fixture
def db_argument(db, db_path) -> str:
    """What ``--db`` names for the ``db`` fixture's database: its file, or its URL."""
    return getattr(db, "netdesk_url", None) or str(db_path)


def column_names(db, table: str) -> list[str]:
    """The columns of ``table``, in order (peewee's introspection: either database)."""
    return [column.name for column in db.get_columns(table)]
