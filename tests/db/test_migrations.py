"""The migrations policy: every earlier schema, holding data, migrates to the current one.

Adding a migration needs no change here: each version listed in
``netdesk/db/migrations`` is built, filled with rows in every table, and opened
with the current netdesk, which must back it up, migrate it and keep every row.
The models must describe exactly the schema the migrations build.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from peewee import SqliteDatabase

from netdesk.db import backup as backups
from netdesk.db import open_database
from netdesk.db.database import APPLICATION_ID, migrate, schema_version
from netdesk.db.integrity import MIGRATIONS_DIR, inspect_file, known_migrations
from netdesk.db.models import ALL_MODELS

VERSIONS = known_migrations()


def test_migrations_are_numbered_in_sequence_and_define_up():
    numbers = [int(name[:4]) for name in VERSIONS]
    assert numbers == list(range(1, len(numbers) + 1))
    for name in VERSIONS:
        spec = importlib.util.spec_from_file_location(name, MIGRATIONS_DIR / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        assert callable(getattr(module, "up", None)), f"{name} has no up()"
        assert (module.__doc__ or "").strip(), f"{name} has no docstring saying what it does"


def test_models_match_the_migrated_schema(db):
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {column.name for column in db.get_columns(table)}
        assert columns == {f.column_name for f in model._meta.sorted_fields}, table


def _build(path: Path, version: str) -> None:
    old = SqliteDatabase(str(path), pragmas={"foreign_keys": 1, "journal_mode": "wal"})
    old.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(old, path, target=version)
    assert schema_version(old) == version
    old.close()


def _tables(raw: sqlite3.Connection) -> dict[str, str]:
    rows = raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [name for name, sql in rows if sql and sql.upper().startswith("CREATE VIRTUAL")]
    return {
        name: sql for name, sql in rows
        if name not in ("schema_migration", "person_help")  # person_help: kept by triggers
        and not name.startswith("sqlite_")
        and name not in virtual and not any(name.startswith(v + "_") for v in virtual)
    }


def _parents_first(raw: sqlite3.Connection, tables: dict[str, str]) -> list[str]:
    order: list[str] = []

    def visit(table: str, path: tuple[str, ...] = ()) -> None:
        if table in order or table in path:
            return
        for fk in raw.execute(f'PRAGMA foreign_key_list("{table}")'):
            if fk[2] in tables and fk[2] != table:
                visit(fk[2], path + (table,))
        order.append(table)

    for table in sorted(tables):
        visit(table)
    return order


def _fill(path: Path, rows_per_table: int = 2) -> dict[str, int]:
    """Put rows in every table of an old schema, choosing values each column accepts."""
    with closing(sqlite3.connect(path)) as raw, raw:
        raw.execute("PRAGMA foreign_keys = ON")
        tables = _tables(raw)
        for table in _parents_first(raw, tables):
            sql = tables[table]
            fks = {fk[3]: fk[2] for fk in raw.execute(f'PRAGMA foreign_key_list("{table}")')}
            columns = raw.execute(f'PRAGMA table_info("{table}")').fetchall()
            for n in range(rows_per_table):
                values = {}
                seen_parents: dict[str, int] = {}
                for _cid, name, kind, _notnull, _default, pk in columns:
                    if pk:
                        continue
                    if name in fks:
                        parent = fks[name]
                        offset = seen_parents.get(parent, 0)
                        seen_parents[parent] = offset + 1
                        values[name] = (n + offset) % rows_per_table + 1
                        continue
                    words = re.search(rf'\b{name}\s+IN\s*\(\s*\'([^\']*)\'', sql)
                    kind = kind.upper()
                    if words:
                        values[name] = words.group(1)
                    elif "DATETIME" in kind:
                        values[name] = f"2025-0{n + 1}-15 10:30:00"
                    elif "DATE" in kind:
                        values[name] = f"2025-0{n + 1}-15"
                    elif "INT" in kind:
                        values[name] = n + 5
                    elif "REAL" in kind or "FLOAT" in kind:
                        values[name] = 1.5
                    else:
                        values[name] = f"{table} {name} {n} — naïve café"
                names = ", ".join(f'"{c}"' for c in values)
                marks = ", ".join("?" for _ in values)
                raw.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                            list(values.values()))
        return {t: raw.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


@pytest.mark.parametrize("version", VERSIONS)
def test_every_schema_with_data_migrates_to_the_current_one(tmp_path, version):
    path = tmp_path / "old.sqlite3"
    _build(path, version)
    before = _fill(path)
    assert all(count >= 2 for count in before.values()), before  # 0008 adds its own rows
    root = tmp_path / "backups"

    db = open_database(path, before_migrate=backups.before_migrate_hook(path, root))
    assert schema_version(db) == VERSIONS[-1]
    for table, count in before.items():
        assert db.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0] == count, table
    assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    db.close()

    taken = backups.list_backups(path, root)
    if version == VERSIONS[-1]:
        assert taken == []  # nothing to migrate, nothing backed up
    else:
        assert [b.reason for b in taken] == ["migration"]
        assert inspect_file(taken[0].path).schema == version


def test_every_value_survives_migration_from_the_first_schema(tmp_path):
    path = tmp_path / "old.sqlite3"
    _build(path, VERSIONS[0])
    _fill(path)
    with sqlite3.connect(path) as raw:
        snapshot = {}
        for table in _tables(raw):
            columns = ", ".join(f'"{row[1]}"' for row in raw.execute(
                f'PRAGMA table_info("{table}")'))
            snapshot[table] = (columns, raw.execute(
                f'SELECT {columns} FROM "{table}" ORDER BY rowid').fetchall())
    db = open_database(path)
    for table, (columns, rows) in snapshot.items():
        assert db.execute_sql(f'SELECT {columns} FROM "{table}" ORDER BY rowid').fetchall() \
            == rows, table
    db.close()
