"""Damaged and foreign files are detected when they open and by ``netdesk check``; never changed."""

from __future__ import annotations

import random

import pytest

from netdesk.app import main
from netdesk.db import DatabaseFileError, open_database
from netdesk.db.integrity import inspect_file
from netdesk.db.models import Person
from tests.reliability.damage import (
    DAMAGES,
    damage_file,
    healthy_file,
    newer_schema_file,
    other_program_file,
)

SEEDS = range(4)


@pytest.fixture(scope="module")
def healthy(tmp_path_factory) -> bytes:
    return healthy_file(tmp_path_factory.mktemp("healthy") / "netdesk.sqlite3")


def _open_and_read(path) -> None:
    """What start-up does: open (quick_check), then the first views read every person."""
    db = open_database(path)
    try:
        list(Person.select())
    finally:
        db.close()


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_damaged_file_is_detected_and_left_untouched(tmp_path, healthy, damage, seed, capsys):
    path = tmp_path / "netdesk.sqlite3"
    data = damage_file(path, damage, healthy, random.Random(seed))
    with pytest.raises(DatabaseFileError) as info:
        _open_and_read(path)
    assert info.value.kind in ("damaged", "empty", "not_sqlite")
    assert path.read_bytes() == data
    assert main(["check", "--db", str(path)]) == 1
    assert "result: OK" not in capsys.readouterr().out
    assert path.read_bytes() == data


def test_newer_schema_is_refused_with_a_clear_message(tmp_path, capsys):
    path = tmp_path / "netdesk.sqlite3"
    newer_schema_file(path)
    data = path.read_bytes()
    with pytest.raises(DatabaseFileError, match="newer version of netdesk") as info:
        open_database(path)
    assert info.value.kind == "newer"
    assert path.read_bytes() == data
    assert main(["check", "--db", str(path)]) == 1
    assert "NEWER NETDESK NEEDED" in capsys.readouterr().out


def test_another_programs_file_is_refused(tmp_path):
    path = tmp_path / "recipes.sqlite3"
    other_program_file(path)
    with pytest.raises(DatabaseFileError) as info:
        open_database(path)
    assert info.value.kind == "foreign"
    assert inspect_file(path).status == "foreign"


def test_check_on_a_sound_file(sample_db, db_path, capsys):
    assert main(["check", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "integrity_check: ok" in out and "result: OK" in out and "people: " in out


def test_check_quick(db, db_path, capsys):
    assert main(["check", "--quick", "--db", str(db_path)]) == 0
    assert "quick_check: ok" in capsys.readouterr().out


def test_check_on_a_missing_file(tmp_path, capsys):
    assert main(["check", "--db", str(tmp_path / "nothing.sqlite3")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_check_names_the_newest_good_backup(db, db_path, capsys):
    from netdesk.db.backup import backup_now

    made = backup_now(db, "manual")
    db.close()
    db_path.write_bytes(b"oops")
    assert main(["check", "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert str(made.path) in out and "has not been changed" in out


def test_broken_references_are_reported_by_check(db, db_path, capsys):
    Person.create(first_name="Ada")
    db.execute_sql("PRAGMA foreign_keys = OFF")
    db.execute_sql("UPDATE person SET organization_id = 999")
    db.close()
    assert main(["check", "--db", str(db_path)]) == 1
    out = capsys.readouterr().out
    assert "1 row in person refers to missing organization rows" in out
    assert "INCONSISTENT" in out
