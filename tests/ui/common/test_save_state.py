"""Storage errors sorted by SQLite's code into what the user can do; bugs are not caught."""

from __future__ import annotations

import sqlite3

import peewee
import pytest
from PySide6.QtCore import Qt

from netdesk.ui.common.save_state import SaveState, storage_problem
from netdesk.ui.common.theme import colours


def _error_from(db: peewee.SqliteDatabase, sql: str) -> peewee.DatabaseError:
    with pytest.raises(peewee.DatabaseError) as caught:
        db.execute_sql(sql)
    return caught.value


@pytest.fixture
def database(tmp_path):
    db = peewee.SqliteDatabase(str(tmp_path / "t.sqlite3"), timeout=0)
    db.execute_sql("CREATE TABLE t (a)")
    yield db
    db.close()


def test_read_only(database):
    database.execute_sql("PRAGMA query_only = ON")
    assert "read-only" in storage_problem(_error_from(database, "INSERT INTO t VALUES (1)"))


def test_disk_full(database):
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages}")
    error = _error_from(database, "INSERT INTO t VALUES (zeroblob(100000))")
    assert "no space left on the disk" in storage_problem(error)


def test_locked_by_another_program(database, tmp_path):
    other = sqlite3.connect(tmp_path / "t.sqlite3")
    other.execute("BEGIN IMMEDIATE")
    try:
        error = _error_from(database, "INSERT INTO t VALUES (1)")
        assert "locked by another program" in storage_problem(error)
    finally:
        other.rollback()
        other.close()


def test_an_error_without_a_code_still_says_why():
    reason = storage_problem(peewee.OperationalError("database or disk is full"))
    assert "database or disk is full" in reason


def test_bugs_are_not_storage_problems(database):
    database.execute_sql("CREATE TABLE u (a UNIQUE)")
    database.execute_sql("INSERT INTO u VALUES (1)")
    assert storage_problem(_error_from(database, "INSERT INTO u VALUES (1)")) is None
    assert storage_problem(_error_from(database, "SELECT nope FROM t")) is None
    assert storage_problem(ValueError("no")) is None


def test_the_failed_state_is_red_plain_and_read_out(qtbot):
    state = SaveState()
    qtbot.addWidget(state)
    state.failed("the disk is full. <b>Free</b> some space")
    assert state.state == "failed" and state.textFormat() == Qt.TextFormat.PlainText
    assert state.text().startswith("Not saved: ") and colours().error in state.styleSheet()
    assert state.accessibleDescription() == state.text()
    state.show_state("saved", "All changes saved.")
    assert state.styleSheet() == ""
