"""Long values are never cut: they import whole up to the limit, and past it the line is refused
with the field named. Dates outside 1900–2200 are refused with the field named."""

from __future__ import annotations

import csv
import io

import pytest

from netdesk.core import limits
from netdesk.db.models import Interaction, Person
from netdesk.formats.importing import RowErrors, import_people, read_people
from netdesk.formats.linkedin import parse_connections
from netdesk.formats.records import ERROR, WARNING
from netdesk.formats.table import guess_mapping, parse_table, table_records
from netdesk.formats.vcard import format_vcards, parse_vcards

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def _parse_csv(text):
    table = parse_table(text)
    return table_records(table, guess_mapping(table.header))


def test_the_numbers_are_there_for_the_editors():
    assert limits.max_chars("person", "first_name") == limits.LINE_CHARS == 2_000
    assert limits.max_chars("person", "tags") == limits.LIST_CHARS
    assert limits.LIST_CHARS > 32_767  # more than a default QLineEdit keeps
    assert limits.max_chars("person", "notes") == limits.TEXT_CHARS == 1_000_000
    assert limits.max_chars("organization", "name") == limits.LINE_CHARS
    assert limits.int_range("interview", "duration_minutes") == (1, 240)
    assert limits.date_problem(limits.LATEST_DATE) is None
    assert "9999" in limits.date_problem(limits.LATEST_DATE.replace(year=9999))


def test_ten_thousand_tags_come_back_whole(db, tmp_path):
    tags = ", ".join(f"tag{n}" for n in range(10_000))
    assert len(tags) > 32_767
    path = tmp_path / "people.csv"
    path.write_text(_csv([["First name", "Last name", "Tags"], ["Ada", "Lovelace", tags]]),
                    encoding="utf-8")
    import_people("csv", path)
    assert Person.get().tags == tags
    (card,) = parse_vcards(format_vcards([{
        "id": 1, "first_name": "Ada", "last_name": "Lovelace", "email": "", "phone": "",
        "organization": "", "job_title": "", "linkedin_url": "", "tags": tags,
        "notes": ""}])).records
    assert card.tags.count(",") == 9_999


@pytest.mark.parametrize("column, field, size", [
    ("First name", "First name", limits.LINE_CHARS + 1),
    ("Job title", "Job title", limits.LINE_CHARS + 1),
    ("Tags", "Tags", limits.LIST_CHARS + 1),
    ("Notes", "Notes", limits.TEXT_CHARS + 1),
    ("Company", "Organization", limits.LINE_CHARS + 1),
])
def test_a_csv_value_past_its_limit_refuses_the_line_naming_the_field(db, tmp_path, column,
                                                                        field, size):
    header = ["First name", "Last name", column] if column != "First name" \
        else ["First name", "Last name"]
    long_row = ["Ada", "Lovelace", "x" * size] if column != "First name" \
        else ["x" * size, "Lovelace"]
    text = _csv([header, ["Grace", "Hopper"] + ([""] if len(header) == 3 else []), long_row])
    result = _parse_csv(text)
    assert [r.first_name for r in result.records] == ["Grace"]
    (problem,) = result.errors
    assert problem.line == 3
    assert problem.message.startswith(f"{field} is {size:,} characters long")
    assert "not imported" in problem.message
    path = tmp_path / "long.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RowErrors, match=f"line 3: {field} is"):
        import_people("csv", path)
    assert Person.select().count() == 0


def test_a_value_just_at_the_limit_imports_whole(db, tmp_path):
    path = tmp_path / "edge.csv"
    notes = "n" * limits.TEXT_CHARS
    path.write_text(_csv([["Name", "Job title", "Notes"],
                          ["Ada Lovelace", "j" * limits.LINE_CHARS, notes]]), encoding="utf-8")
    import_people("csv", path)
    person = Person.get()
    assert len(person.job_title) == limits.LINE_CHARS and person.notes == notes


def test_a_vcard_name_past_the_limit_is_refused_with_the_field():
    name = "A" * (limits.LINE_CHARS + 1)
    result = parse_vcards(f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{name};Ada;;;\r\nFN:Ada\r\n"
                          "END:VCARD\r\n")
    assert result.records == []
    assert result.errors[0].message.startswith("Last name is 2,001 characters long")


@pytest.mark.parametrize("day", ["31 Dec 9999", "01 Jan 1899", "2201-01-01"])
def test_a_linkedin_date_outside_the_years_kept_is_refused_naming_connected_on(db, tmp_path,
                                                                                day):
    text = LINKEDIN_HEADER + f"Ada,Lovelace,,,Engines,Analyst,{day}\n"
    result = parse_connections(text)
    (record,) = result.records
    assert record.connected_on is None
    (problem,) = result.problems
    assert problem.severity == WARNING
    assert "Connected On" in problem.message and "outside 1900–2200" in problem.message
    path = tmp_path / "Connections.csv"
    path.write_text(text, encoding="utf-8")
    import_people("linkedin", path)
    assert Interaction.select().count() == 0


def test_the_first_and_last_years_kept_import(db):
    result = parse_connections(LINKEDIN_HEADER + "Ada,Lovelace,,,,,01 Jan 1900\n"
                               "Grace,Hopper,,,,,31 Dec 2200\n")
    assert [r.connected_on.year for r in result.records] == [1900, 2200]
    assert not result.problems


def test_merging_notes_past_the_limit_is_refused(db, tmp_path):
    Person.create(first_name="Ada", last_name="Lovelace", email="ada@example.org",
                  notes="n" * (limits.TEXT_CHARS - 10))
    path = tmp_path / "more.csv"
    path.write_text(_csv([["Name", "Email", "Notes"],
                          ["Ada Lovelace", "ada@example.org", "more notes from the file"]]),
                    encoding="utf-8")
    with pytest.raises(RowErrors, match="line 2: merging would make notes"):
        import_people("csv", path)
    plan, summary = import_people("csv", path, skip_invalid=True)
    assert summary.merged == 0 and summary.skipped == 1
    assert plan.errors[0].severity == ERROR
    assert len(Person.get().notes) == limits.TEXT_CHARS - 10
    assert read_people("csv", path).records  # the file itself reads
