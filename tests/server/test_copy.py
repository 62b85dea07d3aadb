"""netdesk copy: a whole network from a file to a PostgreSQL database and back, row by row
the same; a target that is not empty refused; a failure midway leaves the target empty."""

from __future__ import annotations

import datetime
import subprocess
import sys

import pytest

from netdesk.app import main
from netdesk.db import open_database
from netdesk.db.dialect import is_server
from netdesk.formats import network_copy
from netdesk.formats.database_json import is_empty

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
DERIVED = ("person_help", "person_search")


def _fill(path):
    """The sample network with photos, further entries, addresses, an introduction, a
    LAMP entry and a sync account with its items, in a new file."""
    from netdesk.core.demo import populate_sample
    from netdesk.db import models

    db = open_database(path)
    populate_sample()
    people = list(models.Person.select().order_by(models.Person.id).limit(3))
    with db.atomic():
        for number, person in enumerate(people):
            models.PersonPhoto.create(person=person, image=PHOTO + bytes([number]))
            models.PersonEntry.create(person=person, kind="email", label="work",
                                      value=f"w{number}@example.org", position=1)
            models.PostalAddress.create(person=person, label="home", street="1 Main St",
                                        city="Springfield", country="US")
        models.Introduction.create(introducer=people[0], target=people[1],
                                   asked_on=datetime.date(2026, 11, 2), message="please")
        organization = models.Organization.select().first()
        models.LampEntry.create(organization=organization, motivation=3,
                                advocacy_override=True)
        account = models.SyncAccount.create(
            url="https://dav.example.org/", user="ada", tags="work",
            last_synced=datetime.datetime(2026, 11, 30, 8, 15, 1, 250000))
        models.SyncItem.create(account=account, kind="person", local_id=people[0].id,
                               uid="netdesk-person-1", href="/ab/1.vcf", etag='"e1"')
    assert models.InterviewQuestion.select().count() > 0
    db.close()


def _tables(db) -> dict[str, list[tuple]]:
    """Every table but the migrations' list, row by row in key order; the search index as
    the people it finds (its form differs between the two databases)."""
    found = {}
    for table in db.get_tables():
        if table in ("schema_migration", "netdesk_marker") or table.startswith("person_search"):
            continue  # the migrations' and the server's own (when each was made)
        keys = db.get_primary_keys(table)
        order = ", ".join(f'"{k}"' for k in keys) or "1"
        found[table] = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)
                        for row in db.execute_sql(f'SELECT * FROM "{table}" ORDER BY {order}')]
    column = "person_id" if is_server(db) else "rowid"
    found["person_search"] = [row[0] for row in db.execute_sql(
        f"SELECT {column} FROM person_search ORDER BY {column}")]
    return found


def test_a_file_goes_to_the_server_and_back_unchanged(tmp_path, empty_server_url, capsys):
    source, back = tmp_path / "source.sqlite3", tmp_path / "back.sqlite3"
    _fill(source)
    assert main(["copy", str(source), empty_server_url]) == 0
    out = capsys.readouterr().out
    assert "person 44" in out and "person photo 3" in out and "sync account 1" in out
    assert main(["copy", empty_server_url, str(back)]) == 0

    server = open_database(empty_server_url)
    assert server.execute_sql("SELECT count(*) FROM person_search").fetchone()[0] == 44
    hits = server.execute_sql("SELECT count(*) FROM person_photo WHERE image = ?",
                              (PHOTO + bytes([0]),)).fetchone()[0]
    assert hits == 1
    # ids are kept and the server numbers new rows after them
    from netdesk.db import models

    added = models.Person.create(first_name="New", last_name="Person", relationship="friend",
                                 stage="to_contact")
    assert added.id == 45
    server.close()

    before, after = open_database(source), None
    expected = _tables(before)
    before.close()
    after = open_database(back)
    copied = _tables(after)
    after.close()
    assert copied.keys() == expected.keys()
    for table in expected:
        assert copied[table] == expected[table], table
    assert len(expected["person_photo"]) == 3 and len(expected["sync_item"]) == 1
    assert expected["person_help"]  # rebuilt by the triggers on both sides


def test_a_server_database_with_people_is_refused_and_left_alone(tmp_path, server_url, capsys):
    source = tmp_path / "source.sqlite3"
    _fill(source)
    assert main(["copy", str(source), server_url]) == 0
    capsys.readouterr()
    assert main(["copy", str(source), server_url]) == 1
    assert "already holds people" in capsys.readouterr().err
    db = open_database(server_url)
    assert db.execute_sql("SELECT count(*) FROM person").fetchone()[0] == 44
    db.close()


def test_a_file_with_people_is_refused_before_anything_is_written(tmp_path, server_url,
                                                                  capsys):
    source, target = tmp_path / "source.sqlite3", tmp_path / "full.sqlite3"
    _fill(source)
    _fill(target)
    stamp = target.stat().st_mtime_ns
    assert main(["copy", server_url, str(target)]) == 1
    assert "already holds people" in capsys.readouterr().err
    assert target.stat().st_mtime_ns == stamp


def test_a_failure_midway_leaves_the_server_database_empty(tmp_path, empty_server_url,
                                                           monkeypatch):
    source = tmp_path / "source.sqlite3"
    _fill(source)
    real = network_copy.write_rows

    def failing(db, table, columns, rows):
        if table == "interview":
            raise RuntimeError("the connection was lost")
        real(db, table, columns, rows)

    monkeypatch.setattr(network_copy, "write_rows", failing)
    source_db = open_database(source)
    target_db = open_database(empty_server_url)
    own_id = target_db.execute_sql("SELECT * FROM database_info ORDER BY id").fetchall()
    with pytest.raises(network_copy.CopyError, match="interview"):
        network_copy.copy_network(source_db, target_db)
    assert is_empty(target_db)
    assert target_db.execute_sql("SELECT count(*) FROM organization").fetchone()[0] == 0
    assert target_db.execute_sql("SELECT * FROM database_info ORDER BY id").fetchall() == own_id
    source_db.close()
    target_db.close()


def test_a_failed_copy_into_a_new_file_leaves_no_file(tmp_path, server_url, monkeypatch,
                                                      capsys):
    source, target = tmp_path / "source.sqlite3", tmp_path / "new.sqlite3"
    _fill(source)
    assert main(["copy", str(source), server_url]) == 0

    def failing(db, table, columns, rows):
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(network_copy, "write_rows", failing)
    assert main(["copy", server_url, str(target)]) == 1
    assert "refused the rows" in capsys.readouterr().err
    assert not target.exists()


def test_the_command_reads_an_encrypted_source_with_the_passphrase_on_stdin(tmp_path,
                                                                          empty_server_url):
    from netdesk.db import cipher

    source = tmp_path / "secret.sqlite3"
    cipher.use_passphrase(source, "open sesame")
    _fill(source)
    cipher.forget_all()
    result = subprocess.run(
        [sys.executable, "-m", "netdesk", "copy", "--passphrase-stdin", str(source),
         empty_server_url], input="open sesame\n", capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "person 44" in result.stdout


def test_an_encrypted_source_opens_with_the_keyring_passphrase(tmp_path, empty_server_url,
                                                               capsys):
    from netdesk import secrets
    from netdesk.db import cipher

    source, back = tmp_path / "secret.sqlite3", tmp_path / "plain.sqlite3"
    cipher.use_passphrase(source, "open sesame")
    _fill(source)
    secrets.store(cipher.keyring_name(source), "open sesame")
    cipher.forget_all()
    assert main(["copy", str(source), str(back)]) == 0
    out = capsys.readouterr().out
    assert "person 44" in out and "is not encrypted; to encrypt it" in out


def test_the_same_database_twice_is_refused(tmp_path, capsys):
    path = tmp_path / "a.sqlite3"
    _fill(path)
    assert main(["copy", str(path), str(tmp_path / "." / "a.sqlite3")]) == 1
    assert "the same database" in capsys.readouterr().err


def test_export_json_and_import_json_take_a_url(tmp_path, server_url, empty_server_url,
                                                capsys):
    source, dump = tmp_path / "source.sqlite3", tmp_path / "all.json"
    _fill(source)
    assert main(["copy", str(source), server_url]) == 0
    assert main(["export", "json", "--db", server_url, "-o", str(dump)]) == 0
    assert main(["import", "json", str(dump), "--db", empty_server_url]) == 0
    assert "person 44" in capsys.readouterr().out
    assert not list(tmp_path.glob("*.lock"))  # no lock file made for a URL
    tables = []
    for url in (server_url, empty_server_url):
        db = open_database(url)
        tables.append(_tables(db))
        db.close()
    assert tables[0] == tables[1]
