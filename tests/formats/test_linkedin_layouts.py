"""LinkedIn exports of ten years: each header and Connected On layout, member ids, emails that
are not addresses, and one summary line per kind of problem (reader, command line, wizard)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netdesk.app import main
from netdesk.db import open_database
from netdesk.db.models import Interaction, Person
from netdesk.formats.importing import import_people
from netdesk.formats.linkedin import (
    DAY_FIRST,
    EMAIL_AS_WRITTEN,
    LAYOUT_ORDER,
    LAYOUTS,
    MIXED,
    MONTH_FIRST,
    numeric_order,
    parse_connections,
    parse_date,
    read_connections,
)
from netdesk.formats.records import ERROR, SKIPPED, WARNING, FormatError, rows_in
from tests.formats.conftest import DATA

FILES = DATA / "linkedin"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def _people(result):
    return [(r.full_name, r.connected_on) for r in result.records]


def test_2024_export_with_notes_bom_url_column_and_display_name_email():
    result = read_connections(FILES / "connections_2024.csv")
    assert _people(result) == [
        ("Priya Raman", datetime.date(2024, 3, 12)), ("Arjun Mehta", datetime.date(2024, 1, 3)),
        ("Léa Dubois", datetime.date(2024, 2, 28))]
    priya, arjun, lea = result.records
    assert priya.organization == "Stripe, Inc." and priya.email == ""
    assert priya.linkedin_url == "https://www.linkedin.com/in/priya-raman-1a2b3c"
    assert arjun.job_title == "Engineering Manager, Payments"
    assert lea.email == "lea@example.fr"  # the display name is not part of the address
    assert [(p.line, p.severity) for p in result.problems] == [(8, SKIPPED)]


def test_2023_export_reads_day_month_two_digit_year():
    result = read_connections(FILES / "connections_2023.csv")
    assert _people(result) == [
        ("Mario Rossi", datetime.date(2023, 4, 23)), ("Mario Bianchi", datetime.date(2023, 1, 2)),
        ("Ana Ruiz", datetime.date(2022, 9, 14))]
    assert result.problems == []


def test_2018_export_without_url_reads_month_first_with_the_time():
    result = read_connections(FILES / "connections_2018.csv")
    assert _people(result) == [
        ("Wei Zhang", datetime.date(2018, 1, 8)), ("Tom O'Brien", datetime.date(2017, 12, 3)),
        ("Grace Hopper", datetime.date(2016, 3, 14))]
    assert result.records[0].email == "wei.zhang@example.cn"
    assert result.records[0].linkedin_url == ""
    assert result.problems == []


def test_older_e_mail_address_spelling():
    result = read_connections(FILES / "connections_e_mail.csv")
    assert _people(result) == [("Kofi Mensah", datetime.date(2017, 6, 5)),
                               ("Zoë Ødegård", datetime.date(2016, 9, 21))]
    assert result.records[0].email == "kofi@example.gh"


def test_member_ids_are_never_emails_or_urls():
    result = read_connections(FILES / "member_ids.csv")
    ada, grace, alan = result.records
    assert ada.email == "" and ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace"
    assert grace.email == "" and grace.linkedin_url == ""
    assert alan.email == "alan@example.org"
    assert not any("urn:li" in str(r) for r in result.records)
    messages = sorted((p.rows, p.severity, p.message) for p in result.problems)
    assert messages == [
        (1, WARNING, "URL 'urn:li:member:987654321' is LinkedIn's member id; left out"),
        (2, WARNING, "Email Address holds LinkedIn's member ids (urn:li:…); left out "
                     "(e.g. line 2: 'urn:li:member:123456789')")]


def test_a_resaved_file_with_a_day_above_12_is_read_day_first_throughout():
    result = read_connections(FILES / "resaved_day_first.csv")
    assert _people(result) == [
        ("Hans Müller", datetime.date(2024, 4, 3)), ("Sofia Andersson", datetime.date(2024, 3, 15)),
        ("Jan Kowalski", datetime.date(2023, 12, 1))]


def test_a_file_with_both_orders_guesses_none_of_its_number_dates():
    result = read_connections(FILES / "resaved_mixed_orders.csv")
    assert _people(result) == [("Hans Müller", None), ("Sofia Andersson", None),
                               ("Jan Kowalski", None), ("Eva Novak", datetime.date(2024, 5, 22))]
    [problem] = result.problems
    assert (problem.rows, problem.line, problem.severity) == (3, 2, WARNING)
    assert str(problem) == ("3 rows: Connected On written both day first and month first in "
                            "this file; imported without it (e.g. line 2: '15/03/2024')")


@pytest.mark.parametrize("cells, order", [
    (["03/04/2024", "01/02/2023"], MONTH_FIRST),  # nothing says: LinkedIn's own order
    (["03/04/2024", "13/02/2023"], DAY_FIRST),
    (["03/04/2024", "02/13/2023"], MONTH_FIRST),
    (["13/04/2024", "02/13/2023"], MIXED),
    (["15 Mar 2024", "xx", "", "13.04.2024"], MONTH_FIRST),  # dots are day first anyway
])
def test_the_order_is_decided_by_the_file_as_a_whole(cells, order):
    assert numeric_order(cells) == order


def test_1819_unreadable_dates_are_one_line_everywhere(tmp_path, capsys):
    rows = "".join(f"P{n},Example,https://www.linkedin.com/in/p-{n},,Acme,Engineer,xx{n}\n"
                   for n in range(1819))
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER + rows + ",,,,,,01 Jan 2020\n,,,,,,02 Jan 2020\n", encoding="utf-8")
    result = read_connections(path)
    assert len(result.records) == 1819
    assert [str(p) for p in result.problems] == [
        "1,819 rows: Connected On not understood; imported without it (e.g. line 2: 'xx0')",
        "2 rows: no first or last name; skipped (e.g. line 1821: ',,,,,,01 Jan 2020')"]
    assert rows_in(result.problems) == 1821

    status = main(["import", "linkedin", str(path), "--db", str(tmp_path / "n.sqlite3")])
    out, err = capsys.readouterr()
    assert status == 0, err
    assert out.count("\n") == 3  # the two summaries and the totals
    assert "Connections.csv: 1,819 rows: Connected On not understood" in out
    assert "added 1819, merged 0, skipped 2, errors 0" in out


def test_short_rows_are_counted_as_errors_and_refuse_the_file(tmp_path, capsys):
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER + "Ada,Lovelace\nGrace,Hopper\nAlan,Turing,,,,,05 Mar 2024\n",
                    encoding="utf-8")
    result = read_connections(path)
    [problem] = result.problems
    assert (problem.severity, problem.rows, problem.line) == (ERROR, 2, 2)
    database = tmp_path / "n.sqlite3"
    assert main(["import", "linkedin", str(path), "--db", str(database)]) == 1
    _, err = capsys.readouterr()
    assert "2 rows have errors; nothing was imported" in err
    assert main(["import", "linkedin", str(path), "--db", str(database),
                 "--skip-invalid"]) == 1
    out, err = capsys.readouterr()
    assert "added 1, merged 0, skipped 0, errors 2" in out


def test_an_email_that_is_no_address_is_kept_as_text_with_a_warning():
    result = parse_connections(HEADER + "Ada,Lovelace,,ada at example dot org,,,05 Mar 2024\n")
    [ada] = result.records
    assert ada.email == ""
    assert [(e.kind, e.label, e.value) for e in ada.entries] == [
        ("custom", EMAIL_AS_WRITTEN, "ada at example dot org")]
    [problem] = result.problems
    assert problem.severity == WARNING and problem.line == 2
    assert "is not an email address" in problem.message and EMAIL_AS_WRITTEN in problem.message


@pytest.mark.parametrize("name, message", [
    ("notes_only.csv", "no header row with 'First Name' and 'Last Name'"),
    ("cut_short.csv", "line 3: the last row is incomplete; the file seems cut short"),
])
def test_bad_files_are_refused_with_a_reason(name, message):
    with pytest.raises(FormatError, match=message):
        read_connections(FILES / name)


def test_the_2018_file_imports_its_dates_as_first_interactions(db):
    _, summary = import_people("linkedin", FILES / "connections_2018.csv")
    assert summary.added == 3
    wei = Person.get(Person.first_name == "Wei")
    assert wei.interactions.get().occurred_on == datetime.date(2018, 1, 8)
    assert Interaction.select().count() == 3


def test_import_command_reads_every_layout_file(tmp_path, capsys):
    database = tmp_path / "n.sqlite3"
    for name in ("connections_2024.csv", "connections_2023.csv", "connections_2018.csv",
                 "connections_e_mail.csv", "member_ids.csv", "resaved_day_first.csv"):
        assert main(["import", "linkedin", str(FILES / name), "--db", str(database)]) == 0, name
    capsys.readouterr()
    db = open_database(database)
    try:
        assert Person.select().where(Person.email.contains("urn:li")).count() == 0
        assert Person.select().where(Person.linkedin_url.contains("urn:li")).count() == 0
        assert Person.get(Person.first_name == "Kofi").email == "kofi@example.gh"
        assert Person.get(Person.first_name == "Sofia").interactions.get().occurred_on \
            == datetime.date(2024, 3, 15)
    finally:
        db.close()


DATES = st.dates(min_value=datetime.date(2003, 5, 5), max_value=datetime.date(2099, 12, 31))


@settings(max_examples=300, deadline=None)
@given(DATES, st.sampled_from(sorted(LAYOUTS)))
def test_every_layout_written_is_read_back(day, layout):
    text = LAYOUTS[layout](day)
    assert parse_date(text, LAYOUT_ORDER.get(layout, MONTH_FIRST)) == day
    # In a file, the order of an all-number date is told by another date of the file.
    telling = LAYOUTS[layout](datetime.date(2024, 3, 15))
    rows = f"Ada,Lovelace,,,,,\"{text}\"\nAlan,Turing,,,,,\"{telling}\"\n"
    assert parse_connections(HEADER + rows).records[0].connected_on == day


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.sampled_from([MONTH_FIRST, DAY_FIRST, MIXED]))
def test_the_date_reader_never_crashes(text, order):
    try:
        parse_date(text, order)
    except ValueError:
        pass
    numeric_order([text])


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"\A[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}(, [0-9]{1,2}:[0-9]{2} [AP]M)?\Z"))
def test_number_dates_never_crash(text):
    try:
        parse_date(text)
    except ValueError:
        pass


def test_the_wizard_preview_shows_one_line_per_kind_of_problem(qtbot, db, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QWizard

    from netdesk.ui.transfer.import_dialog import ImportWizard

    rows = "".join(f"P{n},Example,,,Acme,Engineer,xx{n}\n" for n in range(1819))
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER + rows + ",,,,,,01 Jan 2020\n", encoding="utf-8")
    wizard = ImportWizard(kind="linkedin")
    qtbot.addWidget(wizard)
    wizard.open()
    wizard.source_page.path.clear()
    qtbot.keyClicks(wizard.source_page.path, str(path))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == ImportWizard.PREVIEW
    page = wizard.preview_page
    assert [page.problems.item(i).text() for i in range(page.problems.count())] == [
        "1,819 rows: Connected On not understood; imported without it (e.g. line 2: 'xx0')",
        "Line 1821: no first or last name; skipped"]
    assert "1 to skip." in page.summary.text()
    assert Person.select().count() == 0
