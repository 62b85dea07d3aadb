"""Generic CSV: column mapping on import; spreadsheet-safe export of people and organizations."""

import csv
import io

import pytest

from netdesk.db.models import CareerField, Person
from netdesk.formats.exporting import export_file, export_text
from netdesk.formats.importing import import_people
from netdesk.formats.records import SKIPPED, WARNING, FormatError
from netdesk.formats.table import (
    DANGEROUS_STARTS,
    guess_mapping,
    neutralise,
    parse_table,
    read_table,
    table_records,
    unneutralise,
)
from tests.formats.conftest import GOOD


def test_semicolon_file_with_its_own_titles_is_mapped():
    table = read_table(GOOD / "people.csv")
    assert table.header[0] == "Name"
    assert guess_mapping(table.header) == [
        "full_name", "email", "organization", "job_title", "phone:mobile", "tags", "notes", ""]
    result = table_records(table, guess_mapping(table.header))
    lena, ben, kwame, evil = result.records
    assert (lena.first_name, lena.last_name, lena.organization) == (
        "Lena", "Fischer", "Daily Courier")
    assert (ben.first_name, ben.last_name) == ("Ben", "Carter")  # "Carter, Ben"
    assert lena.notes == "Writes the Sunday data column; ask about internships"
    assert [(p.line, p.severity) for p in result.problems] == [(1, WARNING), (5, SKIPPED)]
    assert "“Favourite colour” (1 row)" in result.problems[0].message  # named, not dropped
    assert evil.job_title == "=1+1"  # stored as text; only the export neutralises


def test_mapping_chosen_by_the_user():
    table = parse_table("A,B,C\nLovelace,Ada,Engines\n")
    assert guess_mapping(table.header) == ["", "", ""]
    with pytest.raises(FormatError, match="First name, Last name or Full name"):
        table_records(table, ["", "", ""])
    (ada,) = table_records(table, ["last_name", "first_name", "organization"]).records
    assert (ada.first_name, ada.last_name, ada.organization) == ("Ada", "Lovelace", "Engines")


def test_relationship_and_stage_words_or_labels():
    table = parse_table("First name,Relationship,Stage\nAda,Coworker,Keeping in touch\n"
                        "Bob,enemy,contacted\n")
    result = table_records(table, guess_mapping(table.header))
    ada, bob = result.records
    assert (ada.relationship, ada.stage) == ("coworker", "keeping_in_touch")
    assert (bob.relationship, bob.stage) == ("", "contacted")
    assert result.problems[0].severity == WARNING and result.problems[0].line == 3


@pytest.mark.parametrize("start", DANGEROUS_STARTS)
def test_export_neutralises_formula_openings(start):
    value = f"{start}cmd|' /C calc'!A0"
    assert neutralise(value) == "'" + value
    assert unneutralise(neutralise(value)) == value


@pytest.mark.parametrize("value", ["Ada", "'quoted", "", "a=b", "100"])
def test_harmless_cells_stay(value):
    assert neutralise(value) == value
    assert unneutralise(value) == value


def test_people_csv_is_safe_and_reads_back(db, tmp_path):
    field = CareerField.create(name="Data journalism")
    ada = Person.create(first_name="=HYPERLINK(\"http://x\")", last_name="Lovelace",
                        phone="+44 20 7946 0000", job_title="@admin", notes="-2+3\tx",
                        tags="a, b")
    ada.career_links.model.create(person=ada, career_field=field)
    export_file("csv", tmp_path / "people.csv")
    raw = (tmp_path / "people.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets then read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[1][:4] == ["'=HYPERLINK(\"http://x\")", "Lovelace", "", "'+44 20 7946 0000"]
    for row in rows:
        assert not any(cell.startswith(DANGEROUS_STARTS) for cell in row)
    assert rows[1][rows[0].index("Career fields")] == "Data journalism"
    # netdesk reads its own CSV back as it was, into a fresh person
    Person.delete().execute()
    _, summary = import_people("csv", tmp_path / "people.csv")
    assert summary.added == 1
    back = Person.get()
    assert (back.first_name, back.phone, back.job_title, back.notes, back.tags) == (
        "=HYPERLINK(\"http://x\")", "+44 20 7946 0000", "@admin", "-2+3\tx", "a, b")
    assert [link.career_field.name for link in back.career_links] == ["Data journalism"]


def test_organizations_csv(sample_db):
    text, count, what = export_text("csv-organizations")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Name", "Sector", "Website", "Culture notes", "Notes", "People"]
    assert (count, what) == (12, "organizations")
    assert ["Brightleaf Software", "private", "https://brightleaf.example"] == [
        r for r in rows if r[0] == "Brightleaf Software"][0][:3]
