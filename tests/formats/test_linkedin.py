"""LinkedIn Connections.csv: as LinkedIn writes it, into the database, and again without doubles."""

import datetime

import pytest

from netdesk.db.dialect import search_filter, search_terms
from netdesk.db.models import Interaction, Organization, Person
from netdesk.formats.importing import import_people
from netdesk.formats.linkedin import parse_connections, parse_date, read_connections
from netdesk.formats.people_import import CONNECTED_KIND
from netdesk.formats.records import SKIPPED, WARNING, FormatError
from tests.formats.conftest import GOOD

SAMPLE = GOOD / "linkedin_connections.csv"


@pytest.mark.parametrize("text, expected", [
    ("05 Mar 2024", datetime.date(2024, 3, 5)),
    ("5 Mar 2024", datetime.date(2024, 3, 5)),
    ("17 January 2023", datetime.date(2023, 1, 17)),
    ("01 Sept 2022", datetime.date(2022, 9, 1)),
    ("31 DEC 1999", datetime.date(1999, 12, 31)),
    ("2024-03-05", datetime.date(2024, 3, 5)),
    ("23-Apr-23", datetime.date(2023, 4, 23)),
    ("1/8/18, 6:14 PM", datetime.date(2018, 1, 8)),
    ("Mar 05 2024", datetime.date(2024, 3, 5)),
    ("Mar 15, 2024", datetime.date(2024, 3, 15)),
    ("05/03/2024", datetime.date(2024, 5, 3)),  # month first, as LinkedIn writes it
    ("15.03.2024", datetime.date(2024, 3, 15)),
    ("2018-01-08 18:14:00 UTC", datetime.date(2018, 1, 8)),
])
def test_dates_as_linkedin_writes_them(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "05 Mär 2024", "31 Feb 2024", "13/13/2024", "03.15.2024",
                                  "Smarch 5, 2024", "5 Mar", "2024", "1/8/18, 25:99 PM x"])
def test_other_dates_are_refused(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_dates_do_not_depend_on_the_locale(monkeypatch):
    import locale

    try:
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
    except locale.Error:
        pytest.skip("no German locale installed")
    try:
        assert parse_date("05 Mar 2024") == datetime.date(2024, 3, 5)
    finally:
        locale.setlocale(locale.LC_TIME, "")


def test_sample_is_read_with_notes_quotes_and_utf8():
    result = read_connections(SAMPLE)
    names = [r.full_name for r in result.records]
    assert names == ["Ada Lovelace", "Grace Hopper", "José Núñez", "Zoë Ødegård", "Wei Zhang",
                     "Tom O'Brien"]
    grace = result.records[1]
    assert grace.email == ""
    assert grace.organization == "Navy, United States"
    assert grace.job_title == "Rear Admiral, Computing"
    assert grace.connected_on == datetime.date(2023, 1, 17)
    assert grace.line == 6
    assert result.records[3].organization == "brightleaf software"
    assert [(p.line, p.severity) for p in result.problems] == [(10, SKIPPED)]


def test_import_creates_people_organizations_and_first_interaction(db):
    Organization.create(name="Brightleaf Software")
    _, summary = import_people("linkedin", SAMPLE, relationship="coworker")
    assert (summary.added, summary.merged, summary.skipped, len(summary.errors)) == (6, 0, 1, 0)
    ada = Person.get(Person.last_name == "Lovelace")
    assert ada.organization.name == "Analytical Engines"
    assert ada.job_title == "Programmer"
    assert ada.relationship == "coworker"
    assert ada.source == "LinkedIn"
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace"
    first = ada.interactions.get()
    assert (first.kind, first.occurred_on, first.summary) == (
        CONNECTED_KIND, datetime.date(2024, 3, 5), "Connected on LinkedIn")
    # "Brightleaf Software" and "brightleaf   software" are one organization, the existing one.
    assert sum("brightleaf" in o.name.lower() for o in Organization.select()) == 1
    assert {p.first_name for p in Organization.get(name="Brightleaf Software").staff} == {
        "José", "Zoë"}
    assert Person.get(Person.first_name == "Tom").organization is None


def test_reimporting_adds_nobody_twice(db, dump):
    import_people("linkedin", SAMPLE)
    before = dump(db)
    plan, summary = import_people("linkedin", SAMPLE)
    assert summary.added == 0
    assert summary.merged == summary.unchanged == 6
    assert all(row.changes == [] for row in plan.rows)
    after = dump(db)
    assert {k: v for k, v in after.items()} == before
    assert Interaction.select().count() == 6


def test_full_text_index_follows_the_import(db):
    import_people("linkedin", SAMPLE)
    hits = db.execute_sql(
        f"SELECT p.first_name, p.last_name FROM person p WHERE {search_filter('p.id')}",
        (search_terms(["analytical"]),)).fetchall()
    assert hits == [("Ada", "Lovelace")]


def test_unreadable_date_is_a_warning_and_the_person_still_comes(db):
    text = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Ada,Lovelace,,,,,sometime\n")
    result = parse_connections(text)
    assert result.records[0].connected_on is None
    assert result.problems[0].severity == WARNING
    assert result.problems[0].line == 2
    assert "sometime" in result.problems[0].message


def test_short_rows_are_errors_with_their_line():
    text = ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Ada,Lovelace\n"
            "Grace,Hopper,,,,,05 Mar 2024\n")
    result = parse_connections(text)
    assert [r.first_name for r in result.records] == ["Grace"]
    assert result.errors[0].line == 2


def test_missing_column_names_it():
    text = "First Name,Last Name,URL,Email Address,Company,Connected On\nAda,L,,,,05 Mar 2024\n"
    with pytest.raises(FormatError, match="'Position'") as caught:
        parse_connections(text)
    assert caught.value.field == "Position"
    assert caught.value.line == 1
