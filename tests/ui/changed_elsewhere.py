"""A second writer of the same network, behind a window's back: the fixture ``behind``."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def behind(request, tmp_path):
    """(the editor's database bound to the models, the other writer's SQL, the name the
    other writer is known by)."""
    if request.param == "sqlite":
        from peewee import SqliteDatabase

        from netdesk.db import open_database

        path = tmp_path / "shared.sqlite3"
        db = open_database(path)
        other = SqliteDatabase(str(path), pragmas={"busy_timeout": 5000})

        def write(sql, params):  # another netdesk names itself, as the model layer does
            other.execute_sql(sql.replace("SET ", "SET changed_by = 'Sam', ", 1), params)

        yield db, write, "Sam"
        other.close()
        db.close()
        return
    from netdesk.db.server import connect, open_server

    postgres = request.getfixturevalue("postgres")
    url = postgres.new_database()
    db = open_server(url)
    from netdesk.db.models import Member

    Member.create(role="postgres", name="Cy Okafor", kind="admin")
    other = connect(url)
    yield db, other.execute_sql, "Cy Okafor"  # the role, named by the member it is
    other.close()
    db.close()
    postgres.drop(url)
