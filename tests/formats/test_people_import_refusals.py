"""No side effects from refusals: no backup, no new database file, for any refused import."""

from pathlib import Path

import pytest

from netdesk.app import main
from netdesk.db import open_database
from netdesk.db.models import Person
from netdesk.paths import backup_dir
from tests.formats.conftest import BAD, GOOD

REFUSALS = [
    ("linkedin", BAD / "binary.bin"),
    ("linkedin", BAD / "empty.csv"),
    ("linkedin", BAD / "missing_column.csv"),
    ("linkedin", BAD / "truncated.csv"),
    ("vcard", BAD / "empty.vcf"),
    ("vcard", BAD / "truncated.vcf"),
    ("csv", BAD / "empty.csv"),
    ("csv", BAD / "wrong_type.csv"),
    ("json", BAD / "not_netdesk.json"),
    ("json", BAD / "truncated.json"),
    ("linkedin", BAD / "no such file.csv"),
]


def _backups() -> list[Path]:
    folder = backup_dir(create=False)
    return sorted(folder.rglob("*.sqlite3")) if folder.exists() else []


def _run(*argv) -> int:
    return main([str(a) for a in argv])


@pytest.fixture
def network(tmp_path):
    path = tmp_path / "network.sqlite3"
    db = open_database(path)
    Person.create(first_name="Ada", last_name="Lovelace", email="ada@example.org")
    db.close()
    return path


def test_eleven_refusals_leave_the_backups_as_they_were(network, capsys):
    earlier = _backups()
    assert _run("import", "linkedin", GOOD / "linkedin_connections.csv", "--db", network) == 0
    before = _backups()
    taken = [p for p in before if p not in earlier]
    assert len(taken) == 1 and ".import." in taken[0].name  # right before the first write
    for kind, path in REFUSALS:
        assert _run("import", kind, path, "--db", network) != 0, (kind, path)
    assert _backups() == before
    capsys.readouterr()


def test_an_import_with_nothing_new_takes_no_backup(network):
    assert _run("import", "linkedin", GOOD / "linkedin_connections.csv", "--db", network) == 0
    before = _backups()
    assert _run("import", "linkedin", GOOD / "linkedin_connections.csv", "--db", network) == 0
    assert _backups() == before


@pytest.mark.parametrize("kind, path", REFUSALS)
def test_a_refusal_at_a_new_path_creates_no_file(tmp_path, kind, path):
    target = tmp_path / "new" / "netdesk.sqlite3"
    target.parent.mkdir()
    before = _backups()
    assert _run("import", kind, path, "--db", target) != 0
    assert list(target.parent.iterdir()) == []
    assert _backups() == before


def test_a_dry_run_at_a_new_path_leaves_no_file(tmp_path, capsys):
    target = tmp_path / "netdesk.sqlite3"
    before = _backups()
    assert _run("import", "linkedin", GOOD / "linkedin_connections.csv", "--db", target,
                "--dry-run") == 0
    assert "Would import" in capsys.readouterr().out
    assert not target.exists() and list(tmp_path.iterdir()) == []
    assert _backups() == before
