"""``netdesk import csv``: Google's groups as tags on request, and a guessed encoding told."""

import pytest

from netdesk.app import main
from netdesk.db import open_database
from netdesk.db.models import Person
from tests.formats.conftest import DATA


@pytest.fixture
def run(capsys):
    def run(*argv):
        status = main(list(map(str, argv)))
        out, err = capsys.readouterr()
        return status, out, err
    return run


def _tags(db_path) -> dict[str, str]:
    db = open_database(db_path)
    try:
        return {p.first_name: p.tags for p in Person.select()}
    finally:
        db.close()


def test_groups_become_tags_only_with_the_option(run, tmp_path):
    source = DATA / "csv" / "google_contacts.csv"
    status, out, err = run("import", "csv", source, "--db", tmp_path / "a.db")
    assert status == 0, err
    assert _tags(tmp_path / "a.db")["Priya"] == ""
    status, out, err = run("import", "csv", source, "--groups-as-tags", "--db",
                           tmp_path / "b.db")
    assert status == 0, err
    assert _tags(tmp_path / "b.db")["Priya"] == "Friends, Data people"
    assert "read as" not in out  # UTF-8: nothing to say


def test_groups_as_tags_is_refused_for_other_kinds(run, tmp_path):
    status, _out, err = run("import", "vcard", DATA / "import" / "google.vcf",
                            "--groups-as-tags", "--db", tmp_path / "n.db")
    assert status == 2
    assert "only to csv" in err
    assert not (tmp_path / "n.db").exists()


def test_a_guessed_encoding_is_printed(run, tmp_path):
    path = tmp_path / "people.csv"
    text = "First Name,Last Name,Notes\n" + "".join(
        f"Andr\u00e9{i},C\u00f4t\u00e9,Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e \u2014 "
        "na\u00efve fa\u00e7ade\n" for i in range(20))
    path.write_bytes(text.encode("cp1252"))
    status, out, err = run("import", "csv", path, "--dry-run", "--db", tmp_path / "n.db")
    assert status == 0, err
    assert f"{path}: read as Windows-1252 (guessed)" in out
    status, out, err = run("import", "csv", path, "--encoding", "cp1252", "--dry-run",
                           "--db", tmp_path / "n.db")
    assert status == 0, err
    assert "read as" not in out
