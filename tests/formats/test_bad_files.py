"""Every bad file, with every importer: a clear message naming the line or field, no change."""

import pytest

from netdesk.formats.database_json import import_database
from netdesk.formats.importing import RowErrors, import_people
from netdesk.formats.records import FormatError
from netdesk.formats.textfile import MAX_IMPORT_BYTES
from tests.formats.conftest import BAD, GOOD

PEOPLE_KINDS = ("linkedin", "vcard", "csv")
EXPECTED = {
    # file: message that every people importer gives (None: depends on the importer)
    "binary.bin": "binary data",
    "wrong_type.csv": "PNG image",
    "empty.csv": "empty",
    "empty.vcf": "empty",
    "missing_column.csv": None,
    "truncated.csv": None,
    "truncated.vcf": None,
    "truncated.json": None,
    "not_netdesk.json": None,
}
FOR_KIND = {
    ("missing_column.csv", "linkedin"): "line 4: the header has no 'Connected On' column",
    ("missing_column.csv", "vcard"): "line 1: this does not look like a vCard",
    ("missing_column.csv", "csv"): "no column is mapped to First name",
    ("truncated.csv", "linkedin"): "line 6: the file ends inside a quoted cell",
    ("truncated.csv", "csv"): "line 6: the file ends inside a quoted cell",
    ("truncated.vcf", "vcard"): "line 17: the file ends inside the card",
    ("truncated.vcf", "csv"): "line 1: this is a vCard file",
    ("truncated.json", "csv"): "line 1: this is a JSON file",
    ("not_netdesk.json", "csv"): "line 1: this is a JSON file",
    ("not_netdesk.json", "vcard"): "line 1: this does not look like a vCard",
}


def test_the_bad_folder_is_complete():
    assert sorted(p.name for p in BAD.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("kind", PEOPLE_KINDS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_and_the_database_is_unchanged(sample_db, dump, name, kind):
    before = dump(sample_db)
    with pytest.raises(FormatError) as caught:
        import_people(kind, BAD / name)
    message = str(caught.value)
    expected = FOR_KIND.get((name, kind)) or EXPECTED[name]
    if expected:
        assert expected in message
    assert "Traceback" not in message and len(message) < 300
    assert dump(sample_db) == before


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_as_whole_database_is_refused(db, dump, name):
    before = dump(db)
    with pytest.raises(FormatError):
        import_database(BAD / name)
    assert dump(db) == before


@pytest.mark.parametrize("kind", PEOPLE_KINDS + ("json",))
def test_a_50_mb_file_is_refused_before_it_is_read(sample_db, dump, tmp_path, kind):
    big = tmp_path / "big.csv"
    row = b"Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Programmer,05 Mar 2024\n"
    with big.open("wb") as handle:
        handle.write(b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
        handle.write(row * (50_000_000 // len(row) + 1))
    assert big.stat().st_size > MAX_IMPORT_BYTES
    before = dump(sample_db)
    if kind == "json":  # a whole database may be larger; this one is refused as not JSON
        with pytest.raises(FormatError, match="line 1: this is not valid JSON"):
            import_database(big)
    else:
        with pytest.raises(FormatError, match=r"50\.0 MB; netdesk imports files of up to 40 MB"):
            import_people(kind, big)
    assert dump(sample_db) == before


def test_good_files_given_to_the_wrong_importer(sample_db, dump):
    before = dump(sample_db)
    for kind, name in (("linkedin", "google.vcf"), ("vcard", "linkedin_connections.csv"),
                       ("csv", "apple.vcf"), ("linkedin", "people.csv")):
        with pytest.raises(FormatError):
            import_people(kind, GOOD / name)
    with pytest.raises(FormatError, match="not valid JSON"):
        import_database(GOOD / "people.csv")
    assert dump(sample_db) == before


def test_a_row_error_refuses_the_whole_file_unless_asked(sample_db, dump, tmp_path):
    path = tmp_path / "connections.csv"
    path.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Ada,Lovelace,,,Engines,Programmer,05 Mar 2024\n"
                    "Grace,Hopper\n"
                    "Alan,Turing,,,,,01 Jan 2020\n", encoding="utf-8")
    before = dump(sample_db)
    with pytest.raises(RowErrors, match="line 3") as caught:
        import_people("linkedin", path)
    assert [p.line for p in caught.value.problems] == [3]
    assert dump(sample_db) == before
    _, summary = import_people("linkedin", path, skip_invalid=True)
    assert (summary.added, len(summary.errors)) == (2, 1)


def test_latin1_file_imports_when_its_encoding_is_named(db):
    _, summary = import_people("linkedin", BAD.parent / "csv" / "latin1_connections.csv",
                               encoding="latin-1")
    assert summary.added == 6


def test_utf16_with_bom_is_read(db, tmp_path):
    text = (GOOD / "people.csv").read_text(encoding="utf-8")
    (tmp_path / "u16.csv").write_text(text, encoding="utf-16")
    _, summary = import_people("csv", tmp_path / "u16.csv")
    assert summary.added == 4


def test_a_folder_and_a_missing_file(db, tmp_path):
    with pytest.raises(FormatError, match="folder"):
        import_people("csv", tmp_path)
    with pytest.raises(FormatError, match="cannot read"):
        import_people("csv", tmp_path / "nope.csv")


@pytest.mark.parametrize("name, kind", [
    ("import/linkedin_connections.csv", "linkedin"), ("import/people.csv", "csv"),
    ("import/google.vcf", "vcard"), ("import/outlook.vcf", "vcard"),
    ("bad/truncated.json", "json"), ("bad/wrong_type.csv", "csv"), ("bad/binary.bin", None),
])
def test_guess_kind(name, kind):
    from netdesk.formats.importing import guess_kind

    assert guess_kind(BAD.parent / name) == kind
