"""Known CSV layouts: Google Contacts (current and legacy), Outlook, Thunderbird, Apple."""

from __future__ import annotations

import pytest

from netdesk.core.person_details import Address, Entry
from netdesk.formats.records import WARNING
from netdesk.formats.table import guess_mapping, not_imported, read_table, recognised, table_records
from tests.formats.conftest import DATA

CSV = DATA / "csv"


def _read(name, **options):
    table = read_table(CSV / name)
    return table, table_records(table, guess_mapping(table.header), **options)


@pytest.mark.parametrize("name, layout", [
    ("google_contacts.csv", "Google Contacts"), ("google_contacts_legacy.csv", "Google Contacts"),
    ("outlook.csv", "Outlook"), ("thunderbird.csv", "Thunderbird"),
    ("apple_contacts.csv", "Apple Contacts"), ("later_quotes.csv", ""),
])
def test_the_layout_is_recognised_from_the_header(name, layout):
    assert recognised(read_table(CSV / name).header) == layout


def test_google_current_layout():
    table, result = _read("google_contacts.csv")
    priya, wang, omar = result.records
    assert (priya.name_prefix, priya.first_name, priya.middle_name, priya.last_name,
            priya.nickname) == ("Dr.", "Priya", "K.", "Raman", "Pri")
    assert (priya.organization, priya.job_title, priya.department, priya.birthday) == (
        "Brightleaf Software", "Engineering manager", "Platform", "1984-03-14")
    assert (priya.email, priya.email_label) == ("priya@brightleaf.example", "work")
    assert (priya.phone, priya.phone_label) == ("+1 555 0101", "mobile")
    assert priya.entries == [  # "a ::: b" split into entries, each with its own label
        Entry("email", "priya.raman@mail.example", "home"),
        Entry("email", "pk@old.example", "other"),
        Entry("phone", "+1 555 0199 ext. 12", "work"),
        Entry("web", "https://priya.example/blog", "Blog"),
        Entry("event", "2010-06-05", "Anniversary"),
        Entry("related", "Arjun Raman", "Spouse"),
        Entry("custom", "B-42", "Badge")]
    assert priya.addresses == [Address("work", "12 Leaf Lane\nSuite 4", "Portland", "OR",
                                       "97201", "US")]
    assert priya.notes.startswith('Met at the "Women in Data" meetup.\nAsk')
    assert priya.tags == ""  # groups only when the user asks
    assert (wang.first_name, wang.last_name, wang.birthday) == ("小明", "王", "--09-30")
    assert "☕" in wang.notes
    # what cannot be kept as such is kept as text and named, line by line
    assert [e.label for e in omar.entries] == [
        "Email (as written)", "Phone (as written)", "Graduation (as written)"]
    lines = [(p.line, p.severity) for p in result.problems]
    assert lines == [(1, WARNING), (8, WARNING), (8, WARNING), (8, WARNING), (9, "skipped")]
    assert "“Photo” (1 row), column “Labels” (4 rows)" in result.problems[0].message


def test_google_groups_become_tags_only_when_asked():
    table, result = _read("google_contacts.csv", groups_as_tags=True)
    priya, wang, _ = result.records
    assert priya.tags == "Friends, Data people"
    assert wang.tags == ""  # * myContacts and * starred never
    mapping = guess_mapping(table.header)
    assert ("Labels", 4) in not_imported(table, mapping)
    assert ("Labels", 4) not in not_imported(table, mapping, groups_as_tags=True)


def test_google_legacy_layout():
    _, result = _read("google_contacts_legacy.csv", groups_as_tags=True)
    lena, ben = result.records
    assert (lena.email, lena.phone, lena.department, lena.tags) == (
        "lena@courier.example", "+49 30 901820", "Data desk", "Journalists")
    assert [e.value for e in lena.entries if e.kind == "phone"] == [
        "+49 151 23456789", "+49 160 9876543"]
    assert lena.addresses[0].street == "Torstraße 1\n10119 Berlin\nDE"  # formatted only
    assert (ben.middle_name, ben.birthday) == ("J", "1990-11-02")
    assert "“Gender” (1 row), column “Occupation” (1 row)" in result.problems[0].message


def test_outlook_title_is_the_prefix_and_the_first_phone_with_a_value_is_preferred():
    table, result = _read("outlook.csv")
    assert table.encoding == "cp1252" and table.encoding_guessed
    kwame, sofia = result.records
    assert (kwame.name_prefix, kwame.name_suffix, kwame.job_title, kwame.department) == (
        "Dr.", "Jr.", "Health worker", "Community health")
    assert (kwame.phone, kwame.phone_label) == ("+233 24 765 4321", "mobile")  # Primary empty
    assert [(e.value, e.label) for e in kwame.entries if e.kind == "phone"] == [
        ("+233 30 123 4567", "work"), ("+233 30 123 4568", "work fax")]
    assert [e.value for e in kwame.entries if e.kind == "email"] == [
        "kwame.m@mail.example", "k@old.example"]
    assert kwame.birthday == "1985-03-14"
    assert kwame.addresses == [Address("work", "4 Market Road\nUnit 2", "Accra", "", "",
                                       "Ghana")]
    assert kwame.notes == 'Runs the "Saturday" pantry, 9–12.\nPrefers WhatsApp.'
    assert (sofia.last_name, sofia.phone, sofia.phone_label) == (
        "Álvarez", "+34 600 111 222", "mobile")  # Primary = Mobile: kept once
    assert Entry("custom", "5/6/1979", "Birthday (as written)") in sofia.entries  # May or June?
    assert "0/0/00" not in str(result.problems) and "Unspecified" not in str(result.problems)
    assert "“E-mail Display Name” (1 row)" in result.problems[0].message


def test_thunderbird_layout():
    _, result = _read("thunderbird.csv")
    grace, alan = result.records
    assert (grace.email, grace.phone, grace.phone_label) == (
        "grace@navy.example", "+1 202 555 0147", "work")
    assert Entry("phone", "+1 202 555 0199", "mobile") in grace.entries
    assert Entry("custom", "COBOL", "Custom 1") in grace.entries
    assert (grace.birthday, grace.nickname, grace.organization) == (
        "1906-12-09", "Amazing Grace", "Navy, United States")
    assert grace.addresses[0] == Address("work", "1000 Navy Pentagon\nRoom 4C", "Washington",
                                         "DC", "20350", "USA")
    assert (alan.first_name, alan.last_name, alan.birthday) == ("Alan", "Turing", "--06-23")
    assert not result.problems


def test_apple_layout():
    _, result = _read("apple_contacts.csv")
    (asa,) = result.records
    assert (asa.first_name, asa.last_name, asa.phone, asa.phone_label) == (
        "Åsa", "Öberg", "+46 70 123 45 67", "iPhone")
    assert {(e.kind, e.label) for e in asa.entries} >= {
        ("social", "Mastodon"), ("im", "Skype"), ("event", "anniversary"),
        ("related", "sister"), ("web", "homepage")}
    assert asa.addresses[0].postal_code == "753 20"
    assert asa.notes == "Loves 🦉 owls"
