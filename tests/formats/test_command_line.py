"""``netdesk import`` and ``netdesk export``: summaries, line numbers, exit status, --db."""

import csv
import io
import json

import pytest

from netdesk.app import main
from netdesk.db import open_database
from netdesk.db.models import Person
from tests.formats.conftest import BAD, GOOD, table_dump


@pytest.fixture
def run(capsys):
    def run(*argv):
        status = main(list(map(str, argv)))
        out, err = capsys.readouterr()
        return status, out, err
    return run


def test_import_linkedin_prints_a_summary_and_twice_adds_nobody(run, tmp_path):
    db = tmp_path / "n.sqlite3"
    status, out, err = run("import", "linkedin", GOOD / "linkedin_connections.csv",
                           "--db", db, "--relationship", "coworker")
    assert status == 0, err
    assert "added 6, merged 0, skipped 1, errors 0" in out
    assert "line 10: no first or last name; skipped" in out
    status, out, _ = run("import", "linkedin", GOOD / "linkedin_connections.csv", "--db", db)
    assert status == 0
    assert "added 0, merged 6 (6 unchanged)" in out
    database = open_database(db)
    assert Person.select().count() == 6
    assert {p.relationship for p in Person.select()} == {"coworker"}
    database.close()


def test_bad_file_exits_non_zero_with_the_line_and_no_traceback(run, tmp_path):
    db = tmp_path / "n.sqlite3"
    run("import", "vcard", GOOD / "google.vcf", "--db", db)
    database = open_database(db)
    before = table_dump(database)
    database.close()
    status, out, err = run("import", "vcard", BAD / "truncated.vcf", "--db", db)
    assert status == 1
    assert "line 17: the file ends inside the card" in err
    assert "Traceback" not in err
    database = open_database(db)
    assert table_dump(database) == before
    database.close()


def test_row_errors_refuse_unless_skip_invalid(run, tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Ada,Lovelace,,,,,05 Mar 2024\nGrace\nAlan,Turing,,,,,01 Jan 2020\n")
    db = tmp_path / "n.sqlite3"
    status, out, err = run("import", "linkedin", path, "--db", db)
    assert status == 1
    assert "line 3: only 1 of the expected 7 columns" in err
    assert "nothing was imported" in err
    status, out, err = run("import", "linkedin", path, "--db", db, "--skip-invalid")
    assert status == 1  # some rows had errors, even though the others were imported
    assert "added 2, merged 0, skipped 0, errors 1" in out


def test_dry_run_writes_nothing(run, tmp_path):
    db = tmp_path / "n.sqlite3"
    run("import", "csv", GOOD / "people.csv", "--db", db)
    status, out, _ = run("import", "csv", GOOD / "people.csv", "--db", db, "--dry-run",
                         "--on-duplicate", "skip")
    assert status == 0
    assert "Would import" in out and "add 0, merge 0, skip 5" in out


def test_csv_column_mapping_on_the_command_line(run, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Apellido,Nombre,Empresa\nLovelace,Ada,Engines\n", encoding="utf-8")
    db = tmp_path / "n.sqlite3"
    status, _, err = run("import", "csv", path, "--db", db)
    assert status == 1 and "no column is mapped" in err
    status, out, err = run("import", "csv", path, "--db", db, "--map", "Apellido=last_name",
                           "--map", "nombre=first_name", "--map", "Empresa=organization")
    assert status == 0, err
    assert "added 1" in out
    status, _, err = run("import", "csv", path, "--db", db, "--map", "Nope=last_name")
    assert status == 2 and "no column 'Nope'" in err
    status, _, err = run("import", "csv", path, "--db", db, "--map", "Apellido=shoe")
    assert status == 2 and "unknown field 'shoe'" in err


def test_exports_and_whole_database_round_trip(run, tmp_path):
    from netdesk.core.demo import write_sample_database

    source = tmp_path / "sample.sqlite3"
    write_sample_database(source)
    status, out, _ = run("export", "csv", "-o", tmp_path / "p.csv", "--db", source)
    assert status == 0 and "Exported 44 people" in out
    rows = list(csv.reader(io.StringIO((tmp_path / "p.csv").read_text(encoding="utf-8-sig"))))
    assert len(rows) == 45
    status, out, _ = run("export", "csv", "--organizations", "-o", "-", "--db", source)
    assert status == 0 and out.startswith("Name,Sector,Website")
    status, out, _ = run("export", "vcard", "-o", tmp_path / "p.vcf", "--db", source)
    assert status == 0 and "Exported 44 people" in out
    status, out, _ = run("export", "json", "-o", tmp_path / "all.json", "--db", source)
    assert status == 0
    assert json.loads((tmp_path / "all.json").read_text())["format"] == "netdesk-database"
    target = tmp_path / "copy.sqlite3"
    status, out, err = run("import", "json", tmp_path / "all.json", "--db", target)
    assert status == 0, err
    assert "person 44" in out
    status, _, err = run("import", "json", tmp_path / "all.json", "--db", target)
    assert status == 1 and "empty" in err
    a, b = open_database(source), None
    before = table_dump(a)
    a.close()
    b = open_database(target)
    after = table_dump(b)
    b.close()
    assert {k: v for k, v in after.items() if k != "schema_migration"} == {
        k: v for k, v in before.items() if k != "schema_migration"}


def test_export_errors(run, tmp_path):
    status, _, err = run("export", "csv", "-o", tmp_path / "x.csv", "--db", tmp_path / "no.db")
    assert status == 1 and "no database" in err
    db = tmp_path / "n.sqlite3"
    open_database(db).close()
    status, _, err = run("export", "json", "-o", tmp_path, "--db", db)
    assert status == 1 and "folder" in err
    status, _, err = run("export", "vcard", "--organizations", "-o", "-", "--db", db)
    assert status == 2


def test_import_into_a_foreign_file_is_refused(run, tmp_path):
    other = tmp_path / "other.sqlite3"
    other.write_bytes(b"not a database at all")
    status, _, err = run("import", "csv", GOOD / "people.csv", "--db", other)
    assert status == 1 and "not a netdesk database" in err
    assert other.read_bytes() == b"not a database at all"


def test_import_while_the_app_holds_the_database_is_refused(run, tmp_path):
    from PySide6.QtCore import QLockFile

    db = tmp_path / "n.sqlite3"
    open_database(db).close()
    lock = QLockFile(str(db) + ".lock")
    assert lock.tryLock(0)
    try:
        status, _, err = run("import", "csv", GOOD / "people.csv", "--db", db)
    finally:
        lock.unlock()
    assert status == 1 and "running" in err
